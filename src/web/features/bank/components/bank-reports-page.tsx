import { IntegerInput, isWithin } from '../../../components/integer-input.js';
import { Button, Group, Paper, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { PageHeader } from '../../../components/page-header.js';
import { QueryError } from '../../../components/query-error.js';
import { JALALI_MONTHS_EN, JALALI_MONTHS_FA, fiscalYearOf, toJalali } from '../../../../shared/jalali.js';
import { formatRials } from '../../../../shared/money.js';
import type { Role } from '../../../../shared/roles.js';
import { isApiError } from '../../../lib/api.js';
import { todayInTehran } from '../../../lib/dates.js';
import { useI18n } from '../../../lib/i18n.js';
import { referenceName, useReferenceList } from '../../../lib/reference.js';
import type { BankReport } from '../api/bank-api.js';
import { useBankReports, useCreateBankReport, useUpdateBankReport } from '../hooks/use-bank.js';
import { AmountInput, Billions } from './bank-ui.js';
import { ErrorAlert } from '../../../components/error-alert.js';
import { NoteAndSave } from '../../../components/note-and-save.js';
import { can, scopeOf } from '../../../lib/authorization.js';

function monthName(m: number, language: 'fa' | 'en') {
  return (language === 'fa' ? JALALI_MONTHS_FA : JALALI_MONTHS_EN)[m - 1] ?? String(m);
}

function ReportForm({ role, year }: { role: Role; year: number }) {
  const { t, language } = useI18n();
  const banks = useReferenceList('banks');
  const programs = useReferenceList('programs');
  const create = useCreateBankReport();
  const today = toJalali(todayInTehran());
  const lastMonth = year < today.year ? 12 : Math.max(1, today.month);
  const [bankId, setBankId] = useState<string | null>(null);
  const [month, setMonth] = useState<string | null>(String(Math.max(1, lastMonth - (year === today.year && today.month > 1 ? 1 : 0))));
  const [programCode, setProgramCode] = useState<string | null>('rounaq');
  const [count, setCount] = useState<number>(0);
  const [amount, setAmount] = useState('');
  const [note, setNote] = useState('');
  const options = (items: { code: string; name: string; nameEn: string }[] | undefined) => (items ?? []).map((x) => ({ value: x.code, label: referenceName(x, language) }));
  const err = (path: string) => (isApiError(create.error) ? create.error.fieldError(path) : undefined);
  const needsBank = scopeOf(role) !== 'bankId';
  const missing = [
    ...(needsBank && !bankId ? [t('referrals.col.bank')] : []),
    ...(!month ? [t('bankReports.month')] : []),
    ...(!programCode ? [t('referrals.col.program')] : []),
    ...(!amount.trim() ? [t('bankReports.amount')] : []),
  ];
  const clear = () => {
    setAmount('');
    setCount(0);
    setNote('');
  };
  const save = () => create.mutate({ ...(needsBank ? { bankId: bankId! } : {}), fiscalYear: year, month: Number(month), programCode: programCode!, directCount: count, directAmount: amount, ...(note.trim() ? { note } : {}) }, { onSuccess: clear });
  return (
    <Paper withBorder radius="md" p="md" mb="lg" data-testid="bank-report-form">
      <Title order={3} fz="md" mb="sm">
        {t('bankReports.new')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: needsBank ? 5 : 4 }}>
        {needsBank ? <Select label={t('referrals.col.bank')} data={options(banks.data)} value={bankId} onChange={setBankId} searchable required error={err('bankId')} /> : null}
        <Select
          label={t('bankReports.month')}
          data={Array.from({ length: lastMonth }, (_, i) => ({ value: String(i + 1), label: monthName(i + 1, language) }))}
          value={month}
          onChange={setMonth}
          required
          error={err('month')}
        />
        <Select label={t('referrals.col.program')} data={options(programs.data)} value={programCode} onChange={setProgramCode} required error={err('programCode')} />
        <IntegerInput label={t('bankReports.count')} value={count} onChange={(v) => setCount(v ?? 0)} min={0} max={100000} required error={err('directCount')} />
        <AmountInput label={t('bankReports.amount')} value={amount} onChange={setAmount} error={err('directAmount')} />
      </SimpleGrid>
      <NoteAndSave note={note} onNoteChange={setNote} mutation={create} testId="bank-report" missing={missing} onSave={save} />
    </Paper>
  );
}

function EditRow({ report, onDone }: { report: BankReport; onDone: () => void }) {
  const { t, language } = useI18n();
  const update = useUpdateBankReport();
  const [count, setCount] = useState(report.directCount);
  const [amount, setAmount] = useState(formatRials(BigInt(report.directAmount), language));
  return (
    <Stack gap={4}>
      <Group gap="xs" align="flex-end">
        <IntegerInput label={t('bankReports.count')} value={count} onChange={(v) => setCount(v ?? 0)} min={0} w={120} />
        <AmountInput label={t('bankReports.amount')} value={amount} onChange={setAmount} />
      </Group>
      <ErrorAlert error={update.error} testId="bank-report-update-error" />
      <Group gap={4}>
        <Button size="compact-sm" loading={update.isPending} onClick={() => update.mutate({ id: report.id, version: report.version, directCount: count, directAmount: amount }, { onSuccess: onDone })}>
          {t('common.save')}
        </Button>
        <Button size="compact-sm" variant="subtle" color="gray" onClick={onDone}>
          {t('common.cancel')}
        </Button>
      </Group>
    </Stack>
  );
}

/**
 * Monthly reports of the loans banks paid directly, outside referrals — a bank enters its own, the secretariat
 * any bank's. They are shown, and counted, apart from payments through referrals.
 */
export function BankReportsPage({ role }: { role: Role }) {
  const { t, n, language, digits } = useI18n();
  const [year, setYear] = useState<number>(fiscalYearOf(todayInTehran()));
  const reports = useBankReports({ fiscalYear: year });
  const [editing, setEditing] = useState<string | null>(null);
  const canWrite = can(role, 'POST /api/v1/bank-reports');
  const oneBank = scopeOf(role) === 'bankId';
  const total = (reports.data?.items ?? []).reduce((s, r) => s + BigInt(r.directAmount), 0n);
  return (
    <>
      <PageHeader
        title={t('bankReports.title')}
        subtitle={t('bankReports.subtitle')}
        actions={<IntegerInput ariaLabel={t('quotas.year')} value={year} onChange={(v) => v !== null && isWithin(v, 1390, 1500) && setYear(v)} min={1390} max={1500} w={110} />}
      />
      {canWrite ? <ReportForm role={role} year={year} key={year} /> : null}
      {reports.isError ? (
        <QueryError error={reports.error} onRetry={() => void reports.refetch()} />
      ) : (
        <Paper withBorder radius="md" p={0} style={{ overflow: 'hidden' }}>
          <Table.ScrollContainer minWidth={800}>
            <Table striped data-testid="bank-reports-table">
              <Table.Thead bg="gray.0">
                <Table.Tr>
                  {!oneBank ? <Table.Th>{t('referrals.col.bank')}</Table.Th> : null}
                  <Table.Th>{t('bankReports.month')}</Table.Th>
                  <Table.Th>{t('referrals.col.program')}</Table.Th>
                  <Table.Th ta="end">{t('bankReports.count')}</Table.Th>
                  <Table.Th ta="end">{t('bankReports.amount')}</Table.Th>
                  {canWrite ? <Table.Th /> : null}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {(reports.data?.items ?? []).map((r) => (
                  <Table.Tr key={r.id}>
                    {!oneBank ? <Table.Td>{r.bankName}</Table.Td> : null}
                    <Table.Td>
                      {monthName(r.month, language)} {digits(String(r.fiscalYear))}
                    </Table.Td>
                    <Table.Td>{r.programName}</Table.Td>
                    {editing === r.id ? (
                      <Table.Td colSpan={canWrite ? 3 : 2}>
                        <EditRow report={r} onDone={() => setEditing(null)} />
                      </Table.Td>
                    ) : (
                      <>
                        <Table.Td ta="end" className="tabular">
                          {n(r.directCount)}
                        </Table.Td>
                        <Table.Td ta="end">
                          <Billions value={r.directAmount} />
                        </Table.Td>
                        {canWrite ? (
                          <Table.Td>
                            <Button size="compact-xs" variant="subtle" onClick={() => setEditing(r.id)}>
                              {t('quotas.edit')}
                            </Button>
                          </Table.Td>
                        ) : null}
                      </>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Group justify="space-between" p="sm">
            <Text size="sm" c="dimmed">
              {t('bankReports.apart')}
            </Text>
            <Text size="sm" fw={600}>
              {t('bankReports.total')}: <Billions value={total.toString()} />
            </Text>
          </Group>
        </Paper>
      )}
    </>
  );
}

import { IntegerInput, isWithin } from '../../../components/integer-input.js';
import { Button, Group, Paper, Progress, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { PageHeader } from '../../../components/page-header.js';
import { QueryError } from '../../../components/query-error.js';
import { fiscalYearOf } from '../../../../shared/jalali.js';
import { formatRials } from '../../../../shared/money.js';
import type { Role } from '../../../../shared/roles.js';
import { isApiError } from '../../../lib/api.js';
import { todayInTehran } from '../../../lib/dates.js';
import { useI18n } from '../../../lib/i18n.js';
import { referenceName, useReferenceList, useAgencyOptions } from '../../../lib/reference.js';
import type { Quota } from '../api/referrals-api.js';
import { useCreateQuota, useQuotas, useUpdateQuota } from '../hooks/use-referrals.js';
import { Money, MoneyInput } from './referral-ui.js';
import { ErrorAlert } from '../../../components/error-alert.js';
import { NoteAndSave } from '../../../components/note-and-save.js';
import { can } from '../../../lib/authorization.js';

function QuotaForm({ year }: { year: number }) {
  const { t, language, digits } = useI18n();
  const programs = useReferenceList('programs');
  const banks = useReferenceList('banks');
  const agencyOptions = useAgencyOptions();
  const create = useCreateQuota();
  const [programCode, setProgramCode] = useState<string | null>(null);
  const [bankId, setBankId] = useState<string | null>(null);
  const [agencyId, setAgencyId] = useState<string | null>(null);
  const [amount, setAmount] = useState('');
  const [note, setNote] = useState('');
  const options = (items: { code: string; name: string; nameEn: string }[] | undefined) => (items ?? []).map((x) => ({ value: x.code, label: referenceName(x, language) }));
  const err = (path: string) => (isApiError(create.error) ? create.error.fieldError(path) : undefined);
  const missing = [...(!programCode ? [t('referrals.col.program')] : []), ...(!amount.trim() ? [t('quotas.amount')] : [])];
  const clear = () => {
    setAmount('');
    setNote('');
  };
  const save = () => create.mutate({ fiscalYear: year, programCode: programCode!, bankId, agencyId, amount, ...(note.trim() ? { note } : {}) }, { onSuccess: clear });
  return (
    <Paper withBorder radius="md" p="md" mb="lg" data-testid="quota-form">
      <Title order={3} fz="md" mb="sm">
        {t('quotas.new', { year: digits(String(year)) })}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
        <Select label={t('referrals.col.program')} data={options(programs.data)} value={programCode} onChange={setProgramCode} required error={err('programCode')} />
        <Select label={t('quotas.bank')} placeholder={t('quotas.wholeProvince')} data={options(banks.data)} value={bankId} onChange={setBankId} clearable searchable />
        <Select label={t('quotas.agency')} placeholder={t('quotas.anyAgency')} data={agencyOptions.data} filter={agencyOptions.filter} value={agencyId} onChange={setAgencyId} clearable searchable />
        <MoneyInput label={t('quotas.amount')} value={amount} onChange={setAmount} required error={err('amount')} />
      </SimpleGrid>
      <NoteAndSave note={note} onNoteChange={setNote} mutation={create} testId="quota" missing={missing} onSave={save} />
    </Paper>
  );
}

function AmountCell({ quota, editable }: { quota: Quota; editable: boolean }) {
  const { t, language } = useI18n();
  const update = useUpdateQuota();
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(formatRials(BigInt(quota.amount), language));
  if (!editing)
    return (
      <Group gap={4} wrap="nowrap">
        <Money value={quota.amount} />
        {editable ? (
          <Button size="compact-xs" variant="subtle" onClick={() => setEditing(true)}>
            {t('quotas.edit')}
          </Button>
        ) : null}
      </Group>
    );
  return (
    <Stack gap={4} miw={240}>
      <MoneyInput label={t('quotas.amount')} value={value} onChange={setValue} />
      <ErrorAlert error={update.error} testId="quota-edit-error" />
      <Group gap={4}>
        <Button size="compact-sm" loading={update.isPending} onClick={() => update.mutate({ id: quota.id, version: quota.version, amount: value }, { onSuccess: () => setEditing(false) })}>
          {t('common.save')}
        </Button>
        <Button size="compact-sm" variant="subtle" color="gray" onClick={() => setEditing(false)}>
          {t('common.cancel')}
        </Button>
      </Group>
    </Stack>
  );
}

/**
 * Quotas for a fiscal year: per program for the province, per bank and (Note 18) per agency — each with what
 * has been paid through referrals and, apart, what banks paid directly. The secretariat enters and edits them.
 */
export function QuotasPage({ role }: { role: Role }) {
  const { t, digits } = useI18n();
  const current = fiscalYearOf(todayInTehran());
  const [year, setYear] = useState<number>(current);
  const quotas = useQuotas({ fiscalYear: year });
  const editable = can(role, 'POST /api/v1/quotas');
  return (
    <>
      <PageHeader
        title={t('quotas.title')}
        subtitle={t('quotas.subtitle')}
        actions={<IntegerInput ariaLabel={t('quotas.year')} value={year} onChange={(v) => v !== null && isWithin(v, 1390, 1500) && setYear(v)} min={1390} max={1500} w={110} />}
      />
      {editable ? <QuotaForm year={year} /> : null}
      {quotas.isError ? (
        <QueryError error={quotas.error} onRetry={() => void quotas.refetch()} />
      ) : (
        <Paper withBorder radius="md" p={0} style={{ overflow: 'hidden' }}>
          <Table.ScrollContainer minWidth={900}>
            <Table striped withTableBorder={false} data-testid="quotas-table">
              <Table.Thead bg="gray.0">
                <Table.Tr>
                  <Table.Th>{t('referrals.col.program')}</Table.Th>
                  <Table.Th>{t('quotas.scope')}</Table.Th>
                  <Table.Th>{t('quotas.amount')}</Table.Th>
                  <Table.Th>{t('quotas.paidViaReferral')}</Table.Th>
                  <Table.Th>{t('quotas.paidDirect')}</Table.Th>
                  <Table.Th w={180}>{t('quotas.used')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {(quotas.data?.items ?? []).map((q) => {
                  const rate = q.usedRate ?? 0;
                  return (
                    <Table.Tr key={q.id}>
                      <Table.Td>{q.programName}</Table.Td>
                      <Table.Td>{q.bankName ?? q.agencyName ?? <Text span fw={600}>{t('quotas.wholeProvince')}</Text>}</Table.Td>
                      <Table.Td>
                        <AmountCell quota={q} editable={editable} key={`${q.id}:${q.version}`} />
                      </Table.Td>
                      <Table.Td>
                        <Money value={q.paidViaReferral} />
                      </Table.Td>
                      <Table.Td>{q.agencyId ? <Text span c="dimmed">—</Text> : <Money value={q.paidDirect} />}</Table.Td>
                      <Table.Td>
                        <Stack gap={2}>
                          <Progress value={Math.min(100, rate * 100)} color={rate >= 1 ? 'red' : rate >= 0.5 ? 'brand' : 'yellow'} aria-label={t('quotas.used')} />
                          <Text size="xs" c="dimmed" className="tabular">
                            {q.usedRate === null ? '—' : t('referrals.percent', { percent: Math.round(rate * 100) })}
                          </Text>
                        </Stack>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {quotas.data && quotas.data.items.length === 0 ? (
            <Text c="dimmed" ta="center" py="xl" size="sm">
              {t('quotas.empty', { year: digits(String(year)) })}
            </Text>
          ) : null}
        </Paper>
      )}
    </>
  );
}

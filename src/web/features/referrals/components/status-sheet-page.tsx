import { Alert, Badge, Button, FileInput, Group, Paper, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { FormHint } from '../../../components/form-hint.js';
import { useState } from 'react';
import { PageHeader } from '../../../components/page-header.js';
import { useQueryClient } from '@tanstack/react-query';
import { useI18n } from '../../../lib/i18n.js';
import { uploadStatusSheet, type SheetResponse } from '../api/referrals-api.js';
import { ErrorAlert } from '../../../components/error-alert.js';
import { TrackingCode } from '../../../components/tracking-code.js';
import { TableHead } from '../../../components/record-table.js';

/** The columns a bank's status sheet may have, as the server reads them (Persian or English headers). */
const COLUMNS: [string, string][] = [
  ['کد رهگیری', 'code'],
  ['وضعیت', 'status'],
  ['مبلغ مصوب', 'approvedAmount'],
  ['مبلغ پرداختی', 'paidAmount'],
  ['تاریخ پرداخت', 'paidDate'],
  ['دلیل رد', 'reasonCode'],
  ['شرح دلیل رد', 'reasonText'],
  ['شماره نامه', 'reasonLetterNo'],
  ['تاریخ نامه', 'reasonLetterDate'],
  ['توضیحات', 'note'],
];

/** A bank's status sheet: check it first (nothing written), then apply it — all rows or none. */
export function StatusSheetPage() {
  const { t, n, status, language } = useI18n();
  const client = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState<false | 'dry' | 'apply'>(false);
  const [result, setResult] = useState<SheetResponse | null>(null);
  const [error, setError] = useState<unknown>(null);

  const send = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(dryRun ? 'dry' : 'apply');
    setError(null);
    try {
      const res = await uploadStatusSheet(file, dryRun);
      setResult(res);
      if (res.ok && !dryRun) void client.invalidateQueries({ queryKey: ['referrals'] });
    } catch (e) {
      setResult(null);
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const report = result?.report;
  return (
    <>
      <PageHeader title={t('referrals.import.title')} subtitle={t('referrals.import.subtitle')} />
      <Stack gap="lg" maw={1000}>
        <Paper withBorder radius="md" p="lg">
          <Stack gap="md">
            <Text size="sm">{t('referrals.import.columns')}</Text>
            <Group gap={6}>
              {COLUMNS.map(([fa, en]) => (
                <Badge key={en} variant="outline" color="gray" radius="sm" fw={500}>
                  {fa} / {en}
                </Badge>
              ))}
            </Group>
            <Text size="xs" c="dimmed">
              {t('referrals.import.rules')}
            </Text>
            <FileInput label={t('referrals.import.file')} value={file} onChange={setFile} accept=".xlsx,.csv" clearable data-testid="sheet-file" />
            <Group>
              <Button variant="light" onClick={() => void send(true)} loading={busy === 'dry'} disabled={!file || busy !== false} data-testid="sheet-check">
                {t('referrals.import.check')}
              </Button>
              <Button onClick={() => void send(false)} loading={busy === 'apply'} disabled={!file || busy !== false} data-testid="sheet-apply">
                {t('referrals.import.apply')}
              </Button>
              {!file ? <FormHint missing={[t('referrals.import.file')]} /> : null}
            </Group>
            <ErrorAlert error={error} testId="sheet-error" />
          </Stack>
        </Paper>
        {report ? (
          <Paper withBorder radius="md" p="lg" data-testid="sheet-report">
            {result.ok ? (
              <Alert color={report.dryRun ? 'blue' : 'green'} variant="light" mb="md">
                {report.dryRun ? t('referrals.import.dryOk') : t('referrals.import.applied')}
              </Alert>
            ) : (
              <Alert color="red" variant="light" mb="md" title={result.report.title}>
                {t('referrals.import.refused')}
              </Alert>
            )}
            <SimpleGrid cols={{ base: 2, sm: 4 }} mb="md">
              <Text size="sm">{t('referrals.import.total', { n: report.total })}</Text>
              <Text size="sm" data-testid="sheet-updated">{t('referrals.import.updated', { n: report.updated })}</Text>
              <Text size="sm" data-testid="sheet-unchanged">{t('referrals.import.unchanged', { n: report.unchanged })}</Text>
              <Text size="sm" c={report.errors.length ? 'red.8' : undefined}>
                {t('referrals.import.errors', { n: report.errors.length })}
              </Text>
            </SimpleGrid>
            {report.errors.length ? (
              <Table striped withTableBorder mb="md" data-testid="sheet-errors">
                <TableHead columns={[t('referrals.import.row'), t('referrals.import.column'), t('referrals.import.message')]} />
                <Table.Tbody>
                  {report.errors.map((e, i) => (
                    <Table.Tr key={i}>
                      <Table.Td className="tabular">{n(e.row)}</Table.Td>
                      <Table.Td>{e.column}</Table.Td>
                      <Table.Td>{e.message}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            ) : null}
            <Table striped withTableBorder>
              <TableHead columns={[t('referrals.import.row'), t('referrals.col.code'), t('referrals.import.steps'), t('referrals.import.outcome')]} />
              <Table.Tbody>
                {report.rows.map((r) => (
                  <Table.Tr key={r.row}>
                    <Table.Td className="tabular">{n(r.row)}</Table.Td>
                    <Table.Td className="tabular">{r.code ? <TrackingCode code={r.code} /> : '—'}</Table.Td>
                    <Table.Td>{r.steps.length ? r.steps.map((s) => status('referral', s)).join(language === 'fa' ? ' ← ' : ' → ') : r.from ? status('referral', r.from) : '—'}</Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={r.outcome === 'error' ? 'red' : r.outcome === 'updated' ? 'green' : 'gray'} radius="sm">
                        {t(`referrals.import.outcome.${r.outcome}`)}
                      </Badge>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
        ) : null}
      </Stack>
    </>
  );
}

import { Alert, Anchor, Badge, Button, FileInput, Group, Paper, Progress, SimpleGrid, Stack, Switch, Table, Text } from '@mantine/core';
import { FormHint } from '../../../components/form-hint.js';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { PageHeader } from '../../../components/page-header.js';
import { ButtonLink } from '../../../components/router-links.js';
import { isApiError } from '../../../lib/api.js';
import { useI18n } from '../../../lib/i18n.js';
import { UNIT_SHEET_COLUMNS } from '../../../../shared/contracts/units.js';
import { templateUrl, uploadUnitsSheet, type ImportProgress, type ImportResponse, type ImportRow } from '../api/units-api.js';

const OUTCOME_COLOR: Record<ImportRow['outcome'], string> = { created: 'brand', updated: 'blue', unchanged: 'gray', error: 'red' };
const SHOWN_ROWS = 500;

type Stage = { kind: 'idle' } | { kind: 'uploading'; fraction: number; dryRun: boolean } | { kind: 'processing'; dryRun: boolean; phase?: ImportProgress['phase']; done?: number; total?: number };

/** Import units from a sheet: pick a file, see every row's outcome (dry run), then write it — all or nothing. */
export function UnitImportPage() {
  const { t, n, digits, language } = useI18n();
  const fieldLabel = (field: string) => {
    const c = UNIT_SHEET_COLUMNS.find((x) => x.field === field);
    return c ? (language === 'fa' ? c.fa : c.en) : field;
  };
  const client = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [stage, setStage] = useState<Stage>({ kind: 'idle' });
  const [report, setReport] = useState<(ImportResponse & { dryRun: boolean }) | null>(null);
  const [failure, setFailure] = useState<{ title: string; detail?: string | undefined } | null>(null);
  const [onlyErrors, setOnlyErrors] = useState(false);

  const run = async (dryRun: boolean) => {
    if (!file) return;
    setFailure(null);
    if (dryRun) setReport(null);
    setStage({ kind: 'uploading', fraction: 0, dryRun });
    try {
      const res = await uploadUnitsSheet(file, dryRun, (p) =>
        setStage(
          p.upload >= 1 || p.phase
            ? { kind: 'processing', dryRun, ...(p.phase ? { phase: p.phase } : {}), ...(p.done !== undefined ? { done: p.done } : {}), ...(p.total !== undefined ? { total: p.total } : {}) }
            : { kind: 'uploading', fraction: p.upload, dryRun },
        ),
      );
      setReport({ ...res, dryRun });
      if (!dryRun && res.ok) void client.invalidateQueries({ queryKey: ['units'] });
    } catch (e) {
      setFailure(isApiError(e) ? { title: e.title, detail: e.detail } : { title: String(e) });
    } finally {
      setStage({ kind: 'idle' });
    }
  };

  const result = report?.result;
  const errorsByRow = useMemo(() => {
    const map = new Map<number, { column: string; message: string }[]>();
    for (const e of result?.errors ?? []) map.set(e.row, [...(map.get(e.row) ?? []), e]);
    return map;
  }, [result]);
  const rows = (result?.rows ?? []).filter((r) => !onlyErrors || r.outcome === 'error');
  const headerErrors = (result?.errors ?? []).filter((e) => !(result?.rows ?? []).some((r) => r.row === e.row));
  const busy = stage.kind !== 'idle';
  const checkedOk = report?.dryRun && report.ok;
  const imported = report && !report.dryRun && report.ok;

  return (
    <>
      <PageHeader
        title={t('units.import.title')}
        subtitle={t('units.import.subtitle')}
        actions={
          <>
            <Button component="a" href={templateUrl('xlsx')} download variant="light" data-testid="template-xlsx">
              {t('units.import.templateXlsx')}
            </Button>
            <Button component="a" href={templateUrl('csv')} download variant="subtle" data-testid="template-csv">
              {t('units.import.templateCsv')}
            </Button>
          </>
        }
      />
      <Paper withBorder radius="md" p="lg" mb="lg">
        <Stack gap="md">
          <FileInput
            label={t('units.import.file')}
            description={t('units.import.fileHint')}
            placeholder={t('units.import.pick')}
            accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            value={file}
            onChange={(f) => {
              setFile(f);
              setReport(null);
              setFailure(null);
            }}
            clearable
            data-testid="import-file"
          />
          {stage.kind === 'uploading' ? (
            <Stack gap={4}>
              <Text size="sm">{t('units.import.uploading', { percent: Math.round(stage.fraction * 100) })}</Text>
              <Progress value={stage.fraction * 100} aria-label={t('units.import.uploading', { percent: Math.round(stage.fraction * 100) })} data-testid="import-progress" />
            </Stack>
          ) : stage.kind === 'processing' ? (
            <Stack gap={4}>
              <Text size="sm">
                {stage.phase === 'write' ? t('units.import.writing') : t('units.import.checking')}
                {stage.total ? ` ${t('units.import.rowsDone', { done: stage.done ?? 0, total: stage.total })}` : ''}
              </Text>
              <Progress value={stage.total ? ((stage.done ?? 0) / stage.total) * 100 : 100} animated striped data-testid="import-progress" />
            </Stack>
          ) : null}
          <Group>
            <Button onClick={() => void run(true)} disabled={!file || busy} loading={busy && stage.dryRun} data-testid="import-check">
              {t('units.import.check')}
            </Button>
            <Button onClick={() => void run(false)} disabled={!file || busy || !checkedOk} loading={busy && !stage.dryRun} color="green" data-testid="import-run">
              {t('units.import.run')}
            </Button>
            {!file ? <FormHint missing={[t('units.import.file')]} /> : null}
          </Group>
          {failure ? (
            <Alert color="red" variant="light" title={failure.title} role="alert" data-testid="import-failure">
              {failure.detail}
            </Alert>
          ) : null}
        </Stack>
      </Paper>

      {result ? (
        <Stack gap="md" data-testid="import-report">
          {imported ? (
            <Alert color="green" variant="light" title={t('units.import.done')} data-testid="import-done">
              <Group gap="sm">
                <Text size="sm">{t('units.import.summary', { created: result.created, updated: result.updated, unchanged: result.unchanged })}</Text>
                <ButtonLink to="/units" size="xs" variant="light">
                  {t('units.import.toList')}
                </ButtonLink>
              </Group>
            </Alert>
          ) : report.ok ? (
            <Alert color="blue" variant="light" title={t('units.import.ready')} data-testid="import-ready">
              {t('units.import.summary', { created: result.created, updated: result.updated, unchanged: result.unchanged })}
            </Alert>
          ) : (
            <Alert color="red" variant="light" title={report.result.title} role="alert" data-testid="import-errors">
              {t('units.import.hasErrors', { count: result.errors.length })}
            </Alert>
          )}
          <SimpleGrid cols={{ base: 2, sm: 4 }}>
            {(['created', 'updated', 'unchanged'] as const).map((k) => (
              <Paper key={k} withBorder radius="md" p="sm" data-testid={`import-count-${k}`}>
                <Text size="xs" c="dimmed">
                  {t(`units.import.outcome.${k}`)}
                </Text>
                <Text fz={22} fw={700} className="tabular">
                  {n(result[k])}
                </Text>
              </Paper>
            ))}
            <Paper withBorder radius="md" p="sm" data-testid="import-count-errors">
              <Text size="xs" c="dimmed">
                {t('units.import.outcome.error')}
              </Text>
              <Text fz={22} fw={700} c={result.errors.length ? 'red' : undefined} className="tabular">
                {n(result.errors.length)}
              </Text>
            </Paper>
          </SimpleGrid>
          {result.ignoredColumns.length ? (
            <Text size="sm" c="dimmed">
              {t('units.import.ignored', { columns: result.ignoredColumns.join('، ') })}
            </Text>
          ) : null}
          {headerErrors.length ? (
            <Alert color="red" variant="outline" title={t('units.import.headerErrors')}>
              {headerErrors.map((e) => (
                <Text size="sm" key={`${e.row}-${e.column}`}>
                  {t('units.import.errorLine', { row: digits(e.row), column: e.column, message: e.message })}
                </Text>
              ))}
            </Alert>
          ) : null}
          {result.rows?.length ? (
            <>
              <Switch label={t('units.import.onlyErrors')} checked={onlyErrors} onChange={(e) => setOnlyErrors(e.currentTarget.checked)} />
              <Paper withBorder radius="md" style={{ overflow: 'hidden' }}>
                <Table.ScrollContainer minWidth={640}>
                  <Table striped data-testid="import-rows">
                    <Table.Thead bg="gray.0">
                      <Table.Tr>
                        <Table.Th w={70}>{t('units.import.col.row')}</Table.Th>
                        <Table.Th>{t('units.col.name')}</Table.Th>
                        <Table.Th>{t('units.col.nationalId')}</Table.Th>
                        <Table.Th w={120}>{t('units.import.col.outcome')}</Table.Th>
                        <Table.Th>{t('units.import.col.details')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {rows.slice(0, SHOWN_ROWS).map((r) => (
                        <Table.Tr key={r.row} data-testid={`import-row-${r.row}`} data-outcome={r.outcome}>
                          <Table.Td className="tabular">{digits(r.row)}</Table.Td>
                          <Table.Td dir="auto">{r.name ?? '—'}</Table.Td>
                          <Table.Td className="tabular">{r.nationalId ? digits(r.nationalId) : '—'}</Table.Td>
                          <Table.Td>
                            <Badge variant="light" color={OUTCOME_COLOR[r.outcome]} radius="sm">
                              {t(`units.import.outcome.${r.outcome}`)}
                            </Badge>
                          </Table.Td>
                          <Table.Td>
                            {(errorsByRow.get(r.row) ?? []).map((e) => (
                              <Text size="sm" c="red" key={e.column}>
                                {`«${e.column}»: ${e.message}`}
                              </Text>
                            ))}
                            {r.changes.length ? <Text size="sm">{t('units.import.changes', { fields: r.changes.map(fieldLabel).join(language === 'fa' ? '، ' : ', ') })}</Text> : null}
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              </Paper>
              {rows.length > SHOWN_ROWS ? (
                <Text size="sm" c="dimmed">
                  {t('units.import.more', { count: rows.length - SHOWN_ROWS })}
                </Text>
              ) : null}
            </>
          ) : null}
        </Stack>
      ) : (
        <Text size="sm" c="dimmed">
          {t('units.import.help')}{' '}
          <Anchor href={templateUrl('xlsx')} download>
            {t('units.import.templateXlsx')}
          </Anchor>
        </Text>
      )}
    </>
  );
}

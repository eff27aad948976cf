import { Alert, Badge, Button, Select, SimpleGrid, Stack, Table, Text, TextInput, Textarea } from '@mantine/core';
import { Fragment, useState } from 'react';
import { REPORTED_METRICS } from '../../../../shared/contracts/stats.js';
import { formatBillionRials } from '../../../../shared/money.js';
import { periodLabel } from '../../../../shared/periods.js';
import { toAsciiDigits } from '../../../../shared/text.js';
import { JalaliDateInput } from '../../../components/jalali-date-input.js';
import { formatDate, todayInTehran } from '../../../lib/dates.js';
import { isApiError } from '../../../lib/api.js';
import { formatNumber, useI18n, type Language } from '../../../lib/i18n.js';
import { referenceName, useReferenceList } from '../../../lib/reference.js';
import type { OverviewStats, ReportedMetric } from '../api/stats-api.js';
import { useCreateReportedFigure } from '../hooks/use-stats.js';
import { formatRate, type StatsViewer } from './stats-format.js';
import { Section } from './stats-ui.js';
import classes from './stats.module.css';
import { FormModal } from '../../../components/form-modal.js';
import { can } from '../../../lib/authorization.js';

type Kind = 'amount' | 'rate' | 'count';

const KIND: Record<ReportedMetric, Kind> = {
  'referrals.paidAmount': 'amount',
  'quota.amount': 'amount',
  'quota.absorbedRate': 'rate',
  'resolutions.rate': 'rate',
  'referrals.paidCount': 'count',
  'referrals.referredCount': 'count',
  'resolutions.count': 'count',
  'resolutions.done': 'count',
  'units.registered': 'count',
};

const kindOf = (metric: string): Kind => KIND[metric as ReportedMetric] ?? 'count';

/** An exact decimal string times 10^places (no float): '88.5' × 10^-2 → '0.885', '6004.45' × 10^9 → '6004450000000'. */
export function shiftDecimal(input: string, places: number): string | null {
  const s = toAsciiDigits(input).replace(/[,\s٬]/g, '').replace('٫', '.');
  const m = /^(\d+)(?:\.(\d+))?$/.exec(s);
  if (!m) return null;
  const int = m[1]!;
  const frac = m[2] ?? '';
  const digits = int + frac;
  const point = int.length + places;
  let out = point >= digits.length ? digits.padEnd(point, '0') : point <= 0 ? `0.${'0'.repeat(-point)}${digits}` : `${digits.slice(0, point)}.${digits.slice(point)}`;
  if (out.includes('.')) out = out.replace(/0+$/, '').replace(/\.$/, '');
  out = out.replace(/^0+(?=\d)/, '');
  return out;
}

function formatFigure(value: string | null, kind: Kind, language: Language, signed = false): string {
  if (value === null) return '—';
  const negative = value.startsWith('-');
  const sign = signed ? (negative ? '−' : Number(value) === 0 ? '' : '+') : negative ? '-' : '';
  const abs = negative ? value.slice(1) : value;
  let text: string;
  if (kind === 'amount') text = /^\d+$/.test(abs) ? formatBillionRials(BigInt(abs), language, 1) : formatNumber(Number(abs) / 1e9, language, 1);
  else if (kind === 'rate') text = formatRate(Number(abs), language, 1);
  else text = formatNumber(Number(abs), language, 2);
  return `${sign}${text}`;
}

/** Figures officials published beside what the records compute — the difference shown, conflicts flagged. */
export function ReportedFigures({ data, viewer, periodKey, programCode }: { data: OverviewStats | undefined; viewer: StatsViewer; periodKey: string; programCode: string | undefined }) {
  const { t, language } = useI18n();
  const [formOpen, setFormOpen] = useState(false);
  const canRecord = can(viewer.role, 'POST /api/v1/stats/reported-figures');
  const rows = data?.reported ?? [];
  const unitOf = (kind: Kind) => (kind === 'amount' ? t('stats.billionRials') : '');
  return (
    <Section
      title={t('stats.reported.title')}
      subtitle={t('stats.reported.subtitle', { period: periodLabel(periodKey, language) })}
      actions={
        canRecord ? (
          <Button size="xs" variant="light" onClick={() => setFormOpen(true)} data-testid="reported-new">
            {t('stats.reported.new')}
          </Button>
        ) : null
      }
      testId="reported"
    >
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed" py="sm">
          {t('stats.reported.empty')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table verticalSpacing="xs" fz="sm" withRowBorders data-testid="reported-table">
            <Table.Thead bg="gray.0">
              <Table.Tr>
                <Table.Th>{t('stats.reported.col.metric')}</Table.Th>
                <Table.Th ta="end">{t('stats.reported.col.computed')}</Table.Th>
                <Table.Th ta="end">{t('stats.reported.col.reported')}</Table.Th>
                <Table.Th>{t('stats.reported.col.source')}</Table.Th>
                <Table.Th>{t('stats.reported.col.date')}</Table.Th>
                <Table.Th ta="end">{t('stats.reported.col.difference')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => {
                const kind = kindOf(row.metric);
                return (
                  <Fragment key={row.metric}>
                    {row.reported.map((fig, i) => {
                      const diff = row.differences.find((d) => d.reportedId === fig.id)?.difference ?? null;
                      return (
                        <Table.Tr key={fig.id} className={row.conflict ? classes.conflict : undefined} data-testid="reported-row" data-conflict={row.conflict ? 'true' : 'false'}>
                          {i === 0 ? (
                            <>
                              <Table.Td rowSpan={row.reported.length} style={{ verticalAlign: 'top' }}>
                                <Stack gap={4}>
                                  <Text size="sm" fw={600}>
                                    {t(`stats.metric.${row.metric}` as 'stats.metric.units.registered')}
                                  </Text>
                                  {unitOf(kind) ? (
                                    <Text size="xs" c="dimmed">
                                      {unitOf(kind)}
                                    </Text>
                                  ) : null}
                                  {row.conflict ? (
                                    <Badge color="red" variant="filled" radius="sm" size="sm" data-testid="reported-conflict" styles={{ root: { maxWidth: 'none' } }}>
                                      {t('stats.reported.conflict')}
                                    </Badge>
                                  ) : null}
                                </Stack>
                              </Table.Td>
                              <Table.Td rowSpan={row.reported.length} ta="end" fw={700} className="tabular" style={{ verticalAlign: 'top' }}>
                                {formatFigure(row.computed, kind, language)}
                              </Table.Td>
                            </>
                          ) : null}
                          <Table.Td ta="end" className="tabular" fw={500} c={row.conflict ? 'red.8' : undefined}>
                            {formatFigure(fig.value, kind, language)}
                          </Table.Td>
                          <Table.Td maw={260}>
                            <Text size="sm" dir="auto">
                              {fig.source}
                            </Text>
                            {fig.note ? (
                              <Text size="xs" c="dimmed" dir="auto">
                                {fig.note}
                              </Text>
                            ) : null}
                          </Table.Td>
                          <Table.Td className="tabular" style={{ whiteSpace: 'nowrap' }}>
                            {formatDate(fig.reportedOn, language)}
                          </Table.Td>
                          <Table.Td ta="end" className="tabular" c={diff !== null && Number(diff) !== 0 ? 'orange.8' : 'dimmed'}>
                            {/* the sign stays before the number in a right-to-left line */}
                            <bdi dir="ltr">{formatFigure(diff, kind, language, true)}</bdi>
                          </Table.Td>
                        </Table.Tr>
                      );
                    })}
                  </Fragment>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Text size="xs" c="dimmed" mt="sm">
        {t('stats.reported.note')}
      </Text>
      {canRecord ? <ReportedFigureForm opened={formOpen} onClose={() => setFormOpen(false)} periodKey={periodKey} programCode={programCode} /> : null}
    </Section>
  );
}

function ReportedFigureForm({ opened, onClose, periodKey, programCode }: { opened: boolean; onClose: () => void; periodKey: string; programCode: string | undefined }) {
  const { t, language, digits } = useI18n();
  const programs = useReferenceList('programs');
  const save = useCreateReportedFigure();
  const [metric, setMetric] = useState<ReportedMetric>('referrals.paidAmount');
  const [period, setPeriod] = useState(digits(periodKey));
  const [program, setProgram] = useState<string | null>(programCode ?? null);
  const [value, setValue] = useState('');
  const [source, setSource] = useState('');
  const [reportedOn, setReportedOn] = useState<string | null>(todayInTehran());
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const kind = kindOf(metric);

  const submit = () => {
    const next: Record<string, string> = {};
    const stored = value.trim() ? shiftDecimal(value, kind === 'amount' ? 9 : kind === 'rate' ? -2 : 0) : null;
    if (!value.trim()) next['value'] = t('stats.form.required');
    else if (stored === null || (kind === 'amount' && stored.includes('.'))) next['value'] = t('stats.reported.invalidValue');
    if (!source.trim()) next['source'] = t('stats.form.required');
    if (!reportedOn) next['reportedOn'] = t('stats.form.required');
    setErrors(next);
    if (Object.keys(next).length || stored === null || !reportedOn) return;
    save.mutate(
      {
        metric,
        periodKey: toAsciiDigits(period.trim()),
        ...(program ? { programCode: program } : {}),
        value: stored,
        source: source.trim(),
        reportedOn,
        ...(note.trim() ? { note: note.trim() } : {}),
      },
      {
        onSuccess: () => {
          setValue('');
          setSource('');
          setNote('');
          onClose();
        },
        onError: (e) => {
          if (!isApiError(e)) return setErrors({ form: t('common.errorTitle') });
          const byField: Record<string, string> = {};
          for (const f of e.fieldErrors) byField[f.path] = f.message;
          setErrors(Object.keys(byField).length ? byField : { form: e.title });
        },
      },
    );
  };

  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={t('stats.reported.formTitle')}
      hint={t('stats.reported.formHint')}
      size="lg"
      onSubmit={submit}
      saving={save.isPending}
      saveLabel={t('stats.save')}
      saveTestId="reported-save"
    >
      {errors['form'] ? (
        <Alert color="red" variant="light">
          {errors['form']}
        </Alert>
      ) : null}
      <Select
        label={t('stats.reported.col.metric')}
        data={REPORTED_METRICS.map((m) => ({ value: m, label: t(`stats.metric.${m}` as 'stats.metric.units.registered') }))}
        value={metric}
        onChange={(v) => v && setMetric(v as ReportedMetric)}
        allowDeselect={false}
        data-testid="reported-metric"
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t('stats.reported.period')} description={t('stats.reported.periodHint')} value={period} onChange={(e) => setPeriod(e.currentTarget.value)} error={errors['periodKey']} data-testid="reported-period" />
        <Select
          label={t('stats.filter.program')}
          placeholder={t('stats.filter.allPrograms')}
          data={(programs.data ?? []).map((p) => ({ value: p.code, label: referenceName(p, language) }))}
          value={program}
          onChange={setProgram}
          clearable
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label={t('stats.reported.value')}
          description={t(kind === 'amount' ? 'stats.reported.valueAmount' : kind === 'rate' ? 'stats.reported.valueRate' : 'stats.reported.valueCount')}
          value={value}
          onChange={(e) => setValue(e.currentTarget.value)}
          error={errors['value']}
          inputMode="decimal"
          rightSection={kind === 'rate' ? <Text size="sm">{language === 'fa' ? '٪' : '%'}</Text> : undefined}
          data-testid="reported-value"
        />
        <JalaliDateInput label={t('stats.reported.col.date')} value={reportedOn} onChange={setReportedOn} error={errors['reportedOn']} required testId="reported-date" />
      </SimpleGrid>
      <TextInput label={t('stats.reported.col.source')} placeholder={t('stats.reported.sourcePlaceholder')} value={source} onChange={(e) => setSource(e.currentTarget.value)} error={errors['source']} data-testid="reported-source" />
      <Textarea label={t('stats.reported.noteLabel')} value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={2} />
    </FormModal>
  );
}

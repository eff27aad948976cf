import { Alert, Select, SimpleGrid, Text, TextInput, Textarea } from '@mantine/core';
import { useState } from 'react';
import { REPORTED_METRICS } from '../../../../shared/contracts/stats.js';
import { toAsciiDigits } from '../../../../shared/text.js';
import { FormModal } from '../../../components/form-modal.js';
import { JalaliDateInput } from '../../../components/jalali-date-input.js';
import { isApiError } from '../../../lib/api.js';
import { todayInTehran } from '../../../lib/dates.js';
import { useI18n } from '../../../lib/i18n.js';
import { referenceName, useReferenceList } from '../../../lib/reference.js';
import type { ReportedMetric } from '../api/stats-api.js';
import { useCreateReportedFigure } from '../hooks/use-stats.js';
import { kindOf } from './reported-figures.js';

/** Recording a published figure: its own chunk, fetched when the secretariat first opens the form (reported-figures.tsx). */

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

export function ReportedFigureForm({ opened, onClose, periodKey, programCode }: { opened: boolean; onClose: () => void; periodKey: string; programCode: string | undefined }) {
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

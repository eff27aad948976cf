import { Group, Paper, SegmentedControl, Select, Text } from '@mantine/core';
import { JALALI_MONTHS_EN, JALALI_MONTHS_FA, fiscalYearOf } from '../../../../shared/jalali.js';
import { parsePeriod, periodLabel } from '../../../../shared/periods.js';
import type { StatsSearch } from './stats-search.js';
import { formatDateLong, todayInTehran } from '../../../lib/dates.js';
import { useI18n } from '../../../lib/i18n.js';
import { referenceName, useReferenceList } from '../../../lib/reference.js';
import { CalendarIcon } from '../../../components/icons.js';

export type { StatsSearch };

export const currentFiscalYear = () => fiscalYearOf(todayInTehran());

type Kind = 'year' | 'quarter' | 'month';

function splitPeriod(key: string | undefined): { year: number; kind: Kind; part: number } {
  const q = key ? /^(\d{4})-Q(\d)$/.exec(key) : null;
  if (q) return { year: Number(q[1]), kind: 'quarter', part: Number(q[2]) };
  const m = key ? /^(\d{4})-(\d{2})$/.exec(key) : null;
  if (m) return { year: Number(m[1]), kind: 'month', part: Number(m[2]) };
  return { year: key && /^\d{4}$/.test(key) ? Number(key) : currentFiscalYear(), kind: 'year', part: 1 };
}

function joinPeriod(year: number, kind: Kind, part: number): string {
  if (kind === 'quarter') return `${year}-Q${part}`;
  if (kind === 'month') return `${year}-${String(part).padStart(2, '0')}`;
  return String(year);
}

/** The period's key as the server resolves it (its default is the current fiscal year). */
export function effectivePeriodKey(search: StatsSearch): string {
  return search.period ?? String(currentFiscalYear());
}

/**
 * The period picker (fiscal year, quarter or Jalali month), the facility program and the county.
 * Every statistics page shares it, so a figure and the list behind it are always read on the same filters.
 */
export function StatsFilterBar({ search, onChange, showCounty = true }: { search: StatsSearch; onChange: (next: StatsSearch) => void; showCounty?: boolean }) {
  const { t, digits, language } = useI18n();
  const programs = useReferenceList('programs');
  const counties = useReferenceList('counties');
  const { year, kind, part } = splitPeriod(search.period);
  const thisYear = currentFiscalYear();
  const years = Array.from({ length: 5 }, (_, i) => thisYear - i);
  const months = language === 'fa' ? JALALI_MONTHS_FA : JALALI_MONTHS_EN;
  const period = parsePeriod(effectivePeriodKey(search));

  const setPeriod = (y: number, k: Kind, p: number) => {
    const key = joinPeriod(y, k, p);
    const { period: _old, ...rest } = search;
    onChange(key === String(thisYear) ? rest : { ...rest, period: key });
  };
  const setField = (field: 'programCode' | 'countyId', value: string | null) => {
    const { [field]: _old, ...rest } = search;
    onChange(value ? { ...rest, [field]: value } : rest);
  };

  return (
    <Paper withBorder radius="md" p="sm" mb="lg" shadow="xs" data-testid="stats-filters">
      <Group gap="sm" wrap="wrap" align="flex-end">
        <Select
          label={t('stats.filter.year')}
          data={years.map((y) => ({ value: String(y), label: digits(y) }))}
          value={String(year)}
          onChange={(v) => v && setPeriod(Number(v), kind, part)}
          allowDeselect={false}
          w={110}
          data-testid="filter-year"
        />
        <div>
          <Text size="sm" fw={500} mb={4}>
            {t('stats.filter.span')}
          </Text>
          <SegmentedControl
            value={kind}
            onChange={(v) => setPeriod(year, v as Kind, v === 'month' ? 1 : 1)}
            data={[
              { value: 'year', label: t('stats.filter.wholeYear') },
              { value: 'quarter', label: t('stats.filter.quarter') },
              { value: 'month', label: t('stats.filter.month') },
            ]}
            data-testid="filter-span"
          />
        </div>
        {kind === 'quarter' ? (
          <Select
            label={t('stats.filter.quarter')}
            data={[1, 2, 3, 4].map((q) => ({ value: String(q), label: t(`stats.quarter.${q}` as 'stats.quarter.1') }))}
            value={String(part)}
            onChange={(v) => v && setPeriod(year, 'quarter', Number(v))}
            allowDeselect={false}
            w={190}
            data-testid="filter-quarter"
          />
        ) : null}
        {kind === 'month' ? (
          <Select
            label={t('stats.filter.month')}
            data={months.map((name, i) => ({ value: String(i + 1), label: name }))}
            value={String(part)}
            onChange={(v) => v && setPeriod(year, 'month', Number(v))}
            allowDeselect={false}
            w={140}
            data-testid="filter-month"
          />
        ) : null}
        <Select
          label={t('stats.filter.program')}
          placeholder={t('stats.filter.allPrograms')}
          data={(programs.data ?? []).map((p) => ({ value: p.code, label: referenceName(p, language) }))}
          value={search.programCode ?? null}
          onChange={(v) => setField('programCode', v)}
          clearable
          w={280}
          comboboxProps={{ width: 360 }}
          data-testid="filter-program"
        />
        {showCounty ? (
          <Select
            label={t('stats.filter.county')}
            placeholder={t('stats.filter.allCounties')}
            data={(counties.data ?? []).map((c) => ({ value: c.id, label: referenceName(c, language) }))}
            value={search.countyId ?? null}
            onChange={(v) => setField('countyId', v)}
            clearable
            searchable
            w={170}
            data-testid="filter-county"
          />
        ) : null}
        {period ? (
          <Group gap={6} ms="auto" c="dimmed" wrap="nowrap" pb={8} data-testid="period-range">
            <CalendarIcon size={16} />
            <Text size="sm">
              {t('stats.filter.range', { label: periodLabel(period.key, language), from: formatDateLong(period.from, language), to: formatDateLong(period.to, language) })}
            </Text>
          </Group>
        ) : null}
      </Group>
    </Paper>
  );
}

/** The dashboard's month-by-month cards: payments against the quota, and demands registered and closed. */
import { Skeleton } from '@mantine/core';
import { useMemo } from 'react';
import { JALALI_MONTHS_EN, JALALI_MONTHS_FA, daysBetween, fiscalYearRange } from '../../../../shared/jalali.js';
import { todayInTehran } from '../../../lib/dates.js';
import { QueryError } from '../../../components/query-error.js';
import { useI18n } from '../../../lib/i18n.js';
import type { StatsFilters, TrendStats } from '../api/stats-api.js';
import { useTrend } from '../hooks/use-stats.js';
import { StatsChart, type ChartSpec } from './stats-chart.js';
import { COLORS, billions } from './stats-format.js';
import { Section } from './stats-ui.js';

function monthNames(trend: TrendStats | undefined, language: 'fa' | 'en'): string[] {
  const names = language === 'fa' ? JALALI_MONTHS_FA : JALALI_MONTHS_EN;
  const years = new Set(trend?.points.map((p) => p.year));
  return (trend?.points ?? []).map((p) => (years.size > 1 ? `${names[p.month - 1]} ${language === 'fa' ? String(p.year).replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!) : p.year}` : (names[p.month - 1] ?? '')));
}

export function PaymentTrendCard({ filters, quota, wholeYear }: { filters: StatsFilters; quota: string | undefined; wholeYear: boolean }) {
  const { t, language } = useI18n();
  const trend = useTrend(filters, 'paidAmount');
  const points = trend.data?.points;
  const spec = useMemo<ChartSpec | null>(() => {
    if (!points || !trend.data) return null;
    // months still to come are left empty, not drawn as zero
    const today = todayInTehran();
    let running = 0;
    const cumulative = points.map((p) => (p.from > today ? null : (running += billions(p.value))));
    const series: ChartSpec & { kind: 'cartesian' } = {
      kind: 'cartesian',
      format: 'billion',
      axisName: t('stats.billionRials'),
      categories: monthNames(trend.data, language),
      series: [
        { name: t('stats.trend.monthly'), values: points.map((p) => (p.from > today ? null : billions(p.value))), color: COLORS.brandLight },
        { name: t('stats.trend.cumulative'), values: cumulative, type: 'line', color: COLORS.brand, area: true },
      ],
    };
    if (wholeYear && quota && BigInt(quota) > 0n) {
      // where the cumulative line must be at each month's end for the whole quota to be absorbed by Esfand
      const range = fiscalYearRange(trend.data.period.fiscalYear);
      const days = daysBetween(range.from, range.to) + 1;
      const q = billions(quota);
      series.series = [...series.series, { name: t('stats.trend.quotaPath'), values: points.map((p) => (q * (daysBetween(range.from, p.to) + 1)) / days), type: 'line', color: COLORS.gold, dashed: true }];
    }
    return series;
  }, [points, trend.data, t, language, wholeYear, quota]);
  return (
    <Section title={t('stats.trend.paymentsTitle')} subtitle={t('stats.trend.paymentsSubtitle')} h="100%" testId="trend-payments">
      {trend.isError ? <QueryError error={trend.error} /> : spec ? <StatsChart spec={spec} height={300} label={t('stats.trend.paymentsTitle')} testId="chart-trend" /> : <Skeleton h={300} />}
    </Section>
  );
}

export function DemandTrendCard({ filters }: { filters: StatsFilters }) {
  const { t, language } = useI18n();
  const registered = useTrend(filters, 'demandsRegistered');
  const resolved = useTrend(filters, 'demandsResolved');
  const spec = useMemo<ChartSpec | null>(() => {
    if (!registered.data || !resolved.data) return null;
    const today = todayInTehran();
    return {
      kind: 'cartesian',
      format: 'count',
      categories: monthNames(registered.data, language),
      series: [
        { name: t('stats.trend.registered'), values: registered.data.points.map((p) => (p.from > today ? null : Number(p.value))), color: COLORS.slate },
        { name: t('stats.trend.resolved'), values: resolved.data.points.map((p) => (p.from > today ? null : Number(p.value))), color: COLORS.brand },
      ],
    };
  }, [registered.data, resolved.data, t, language]);
  return (
    <Section title={t('stats.trend.demandsTitle')} subtitle={t('stats.trend.demandsSubtitle')} h="100%" testId="trend-demands">
      {spec ? <StatsChart spec={spec} height={300} label={t('stats.trend.demandsTitle')} testId="chart-demands-trend" /> : <Skeleton h={300} />}
    </Section>
  );
}

// ── Demands: what kind of obstacle, and where they stand ────────────────────

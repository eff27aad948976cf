import { Alert, Badge, Grid, Group, Progress, SimpleGrid, Skeleton, Stack, Text, Tooltip } from '@mantine/core';
import { Children, useMemo, type ReactNode } from 'react';
import { OPEN_DEMAND_STATUSES, UNIT_STATUSES, type UnitStatus } from '../../../../shared/machines.js';
import { AnchorLink, ButtonLink } from '../../../components/router-links.js';
import { BankIcon, CalendarIcon, ClipboardIcon, FactoryIcon, ListCheckIcon } from '../../../components/icons.js';
import { useI18n, type Language } from '../../../lib/i18n.js';
import type { BankStats, OverviewStats } from '../api/stats-api.js';
import { useBankStats, useOverview } from '../hooks/use-stats.js';
import { DrillValue, useDrill } from './drilldown.js';
import { ReportedFigures } from './reported-figures.js';
import { StatsChart, type ChartSpec } from './stats-chart.js';
import { effectivePeriodKey, type StatsSearch } from './stats-filters.js';
import { toFilters } from './stats-search.js';
import { COLORS, billions, canDrillBank, useStatsFormat, type StatsViewer } from './stats-format.js';
import { Amount, FigureLine, KpiCard, Section } from './stats-ui.js';
import { VisitTargetButton } from './visit-target.js';
import { can } from '../../../lib/authorization.js';
import { DemandTrendCard, PaymentTrendCard } from './dashboard-trends.js';
import { FunnelCard } from './funnel-card.js';
import { StatsPage } from './stats-page.js';


const UNIT_COLOR: Record<UnitStatus, string> = { active: 'brand.6', semi_active: 'yellow.6', idle: 'orange.7', closed: 'red.8' };

/** The executive dashboard: the province on one page, every figure opening the records behind it. */
export function DashboardPage({ search, onSearchChange, viewer }: { search: StatsSearch; onSearchChange: (next: StatsSearch) => void; viewer: StatsViewer }) {
  const { t } = useI18n();
  const filters = toFilters(search);
  const periodKey = effectivePeriodKey(search);
  const overview = useOverview(filters);
  const banks = useBankStats(filters);
  const data = overview.data;
  return (
    <StatsPage
      title={t('stats.dashboard.title')}
      subtitle="stats.dashboard.subtitle"
      actions={
        <ButtonLink to="/stats/banks" search={search} variant="light" leftSection={<BankIcon size={16} />} data-testid="open-bank-table">
          {t('stats.dashboard.bankTable')}
        </ButtonLink>
      }
      search={search}
      onSearchChange={onSearchChange}
      drillViewer={viewer}
      asOf={data?.asOf ?? banks.data?.asOf}
      query={overview}
    >
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="md" mb="md">
        <UnitsCard data={data} viewer={viewer} search={search} />
        <VisitsCard data={data} viewer={viewer} />
        <DemandsCard data={data} />
        <ResolutionsCard data={data} />
      </SimpleGrid>

      <CardRow spans={[5, 7]}>
        <PaceCard data={data} />
        <FunnelCard kind="referrals" data={data} />
      </CardRow>
      <CardRow spans={[12]}>
        <FunnelCard kind="applications" data={data} />
      </CardRow>
      <CardRow spans={[7, 5]}>
        <BanksChartCard banks={banks.data} viewer={viewer} search={search} />
        <DecisionDaysCard banks={banks.data} />
      </CardRow>
      <CardRow spans={[7, 5]}>
        <PaymentTrendCard filters={filters} quota={data?.pace.quotaAmount} wholeYear={/^\d{4}$/.test(periodKey)} />
        <DemandTrendCard filters={filters} />
      </CardRow>
      <CardRow spans={[7, 5]}>
        <CategoriesCard data={data} />
        <Stack gap="md" h="100%">
          <DemandStatusCard data={data} />
          <ResolutionStatusCard data={data} />
        </Stack>
      </CardRow>

      <ReportedFigures data={data} viewer={viewer} periodKey={periodKey} programCode={search.programCode} />
    </StatsPage>
  );
}

/** A row of the dashboard's cards: each card's share of the row's twelve columns on a wide screen, the whole row on a narrow one. */
function CardRow({ spans, children }: { spans: number[]; children: ReactNode[] | ReactNode }) {
  return (
    <Grid gap="md" mb="md">
      {Children.toArray(children).map((card, i) => (
        <Grid.Col key={i} span={{ base: 12, lg: spans[i] ?? 12 }}>
          {card}
        </Grid.Col>
      ))}
    </Grid>
  );
}

// ── The headline cards ──────────────────────────────────────────────────────

function UnitsCard({ data, viewer, search }: { data: OverviewStats | undefined; viewer: StatsViewer; search: StatsSearch }) {
  const { t, n, status } = useI18n();
  const total = data?.units.total ?? 0;
  return (
    <KpiCard label={t('stats.kpi.units')} icon={<FactoryIcon size={20} />} value={data ? n(total) : <Skeleton h={28} w={80} />} unit={t('stats.kpi.unitsUnit')} testId="kpi-units">
      {data && total > 0 ? (
        <Progress.Root size={8} radius="xl">
          {UNIT_STATUSES.map((code) => {
            const count = data.units.byStatus[code] ?? 0;
            return count ? (
              <Tooltip key={code} label={`${status('unit', code)}: ${n(count)}`}>
                <Progress.Section value={(count / total) * 100} color={UNIT_COLOR[code]} aria-label={`${status('unit', code)}: ${n(count)}`} />
              </Tooltip>
            ) : null;
          })}
        </Progress.Root>
      ) : null}
      {data ? (
        <SimpleGrid cols={2} spacing={4} verticalSpacing={2}>
          {UNIT_STATUSES.map((code) => (
            <Group key={code} gap={6} justify="space-between" wrap="nowrap">
              <Text size="xs" c="dimmed">
                {status('unit', code)}
              </Text>
              {viewer.canOpenUnits ? (
                <AnchorLink to="/units" search={{ status: code, ...(search.countyId ? { countyId: search.countyId } : {}) }} size="sm" fw={600} className="tabular" data-testid={`units-${code}`}>
                  {n(data.units.byStatus[code] ?? 0)}
                </AnchorLink>
              ) : (
                <Text size="sm" fw={600} className="tabular">
                  {n(data.units.byStatus[code] ?? 0)}
                </Text>
              )}
            </Group>
          ))}
        </SimpleGrid>
      ) : null}
    </KpiCard>
  );
}

function VisitsCard({ data, viewer }: { data: OverviewStats | undefined; viewer: StatsViewer }) {
  const { t, n } = useI18n();
  const f = useStatsFormat();
  const target = data?.visits.target ?? null;
  const canSet = can(viewer.role, 'PUT /api/v1/stats/visit-target');
  return (
    <KpiCard
      label={t('stats.kpi.visits')}
      icon={<ClipboardIcon size={20} />}
      color="cyan"
      value={data ? n(data.visits.done) : <Skeleton h={28} w={80} />}
      unit={target !== null ? t('stats.kpi.visitsOfTarget', { target }) : t('stats.kpi.visitsUnit')}
      testId="kpi-visits"
    >
      {data ? (
        <>
          {target !== null ? (
            <Tooltip label={t('stats.kpi.visitsProgress', { rate: f.rate(target ? data.visits.done / target : null, 0) })}>
              <Progress value={target ? Math.min(100, (data.visits.done / target) * 100) : 0} color={target && data.visits.done >= target ? 'brand' : 'cyan'} size={8} radius="xl" aria-label={t('stats.kpi.visitsProgress', { rate: f.rate(target ? data.visits.done / target : null, 0) })} />
            </Tooltip>
          ) : (
            <Text size="xs" c="dimmed">
              {t('stats.kpi.noTarget')}
            </Text>
          )}
          <FigureLine label={t('stats.kpi.visitsPlanned')}>{n(data.visits.planned)}</FigureLine>
          {canSet ? <VisitTargetButton fiscalYear={data.period.fiscalYear} current={target} /> : null}
        </>
      ) : null}
    </KpiCard>
  );
}

function DemandsCard({ data }: { data: OverviewStats | undefined }) {
  const { t } = useI18n();
  const open = data ? data.demands.byStatus.filter((s) => (OPEN_DEMAND_STATUSES as readonly string[]).includes(s.key)).reduce((a, s) => a + s.count, 0) : 0;
  return (
    <KpiCard
      label={t('stats.kpi.demands')}
      icon={<ListCheckIcon size={20} />}
      color="indigo"
      value={data ? <DrillValue request={{ source: 'demands', metric: 'registered', title: t('stats.drill.demandsRegistered'), figure: data.demands.total }} testId="kpi-demands-total" /> : <Skeleton h={28} w={80} />}
      unit={t('stats.kpi.demandsUnit')}
      testId="kpi-demands"
    >
      {data ? (
        <>
          <FigureLine label={t('stats.kpi.demandsOpen')}>
            <DrillValue request={{ source: 'demands', metric: 'open', title: t('stats.drill.demandsOpen'), figure: open }} />
          </FigureLine>
          <FigureLine label={t('stats.kpi.demandsOverdue')} color="red.8">
            <DrillValue request={{ source: 'demands', metric: 'overdue', title: t('stats.drill.demandsOverdue'), figure: data.demands.overdue }} testId="kpi-demands-overdue" />
          </FigureLine>
          <FigureLine label={t('stats.kpi.demandsResolved')}>
            <DrillValue request={{ source: 'demands', metric: 'resolved', title: t('stats.drill.demandsResolved'), figure: data.demands.byStatus.find((s) => s.key === 'resolved')?.count ?? 0 }} />
          </FigureLine>
        </>
      ) : null}
    </KpiCard>
  );
}

function ResolutionsCard({ data }: { data: OverviewStats | undefined }) {
  const { t } = useI18n();
  const f = useStatsFormat();
  const r = data?.resolutions;
  return (
    <KpiCard label={t('stats.kpi.resolutions')} icon={<CalendarIcon size={20} />} color="gold" value={r ? f.rate(r.rateOfAll) : <Skeleton h={28} w={80} />} unit={t('stats.kpi.resolutionsUnit')} testId="kpi-resolutions">
      {r ? (
        <>
          <Progress value={(r.rateOfAll ?? 0) * 100} color="gold.6" size={8} radius="xl" aria-label={`${t('stats.kpi.resolutions')}: ${f.rate(r.rateOfAll)}`} />
          <FigureLine label={t('stats.kpi.resolutionsDone')}>
            <DrillValue request={{ source: 'resolutions', metric: 'done', title: t('stats.drill.resolutionsDone'), figure: r.done }} /> {t('stats.formula.of')}{' '}
            <DrillValue request={{ source: 'resolutions', metric: 'all', title: t('stats.drill.resolutionsAll'), figure: r.all }} />
          </FigureLine>
          <FigureLine label={t('stats.kpi.resolutionsOfDue')}>{f.rate(r.rateOfDue)}</FigureLine>
          <FigureLine label={t('stats.kpi.resolutionsOverdue')} color="red.8">
            <DrillValue request={{ source: 'resolutions', metric: 'overdue', title: t('stats.drill.resolutionsOverdue'), figure: r.overdue }} />
          </FigureLine>
        </>
      ) : null}
    </KpiCard>
  );
}

// ── The fiscal-year pace and the referral funnel ───────────────────────────

function PaceCard({ data }: { data: OverviewStats | undefined }) {
  const { t, n, digits } = useI18n();
  const f = useStatsFormat();
  const p = data?.pace;
  if (!p) {
    return (
      <Section title={t('stats.pace.title')} h="100%">
        <Skeleton h={220} />
      </Section>
    );
  }
  const quota = BigInt(p.quotaAmount);
  const paid = BigInt(p.paidAmount);
  const timeShare = p.daysInYear ? p.daysElapsed / p.daysInYear : 0;
  const behind = p.forecastRate !== null && p.forecastRate < 1;
  // rials a day: so far, and what the rest of the year needs to absorb the whole quota
  const dailySoFar = p.daysElapsed > 0 ? paid / BigInt(p.daysElapsed) : 0n;
  const dailyNeeded = p.daysLeft > 0 && quota > paid ? (quota - paid) / BigInt(p.daysLeft) : 0n;
  return (
    <Section title={t('stats.pace.title')} subtitle={t('stats.pace.subtitle', { year: digits(p.fiscalYear) })} h="100%" testId="pace">
      <Group gap={8} align="baseline" mb={4}>
        <Text fz={30} fw={700} c="brand.8" className="tabular" data-testid="pace-absorbed">
          {f.rate(p.absorbedRate)}
        </Text>
        <Text size="sm" c="dimmed">
          {t('stats.pace.absorbed')}
        </Text>
      </Group>
      <Text size="sm" c="dark.5" mb="xs">
        {t('stats.pace.paidOfQuota', { paid: f.amount(p.paidAmount), quota: f.amount(p.quotaAmount) })}
      </Text>
      <Stack gap={4} mb="md">
        <Progress.Root size={14} radius="xl">
          <Tooltip label={t('stats.pace.paidTip', { rate: f.rate(p.absorbedRate) })}>
            <Progress.Section value={Math.min(100, (p.absorbedRate ?? 0) * 100)} color="brand.7" aria-label={t('stats.pace.paidTip', { rate: f.rate(p.absorbedRate) })} />
          </Tooltip>
          {p.forecastRate !== null && p.forecastRate > (p.absorbedRate ?? 0) ? (
            <Tooltip label={t('stats.pace.forecastTip', { rate: f.rate(p.forecastRate) })}>
              <Progress.Section value={Math.min(100, (p.forecastRate - (p.absorbedRate ?? 0)) * 100)} color="brand.2" aria-label={t('stats.pace.forecastTip', { rate: f.rate(p.forecastRate) })} />
            </Tooltip>
          ) : null}
        </Progress.Root>
        <Progress value={timeShare * 100} size={4} radius="xl" color="gold.5" aria-label={t('stats.pace.timeElapsed', { rate: f.rate(timeShare, 0) })} />
        <Group justify="space-between">
          <Text size="xs" c="dimmed">
            {t('stats.pace.timeElapsed', { rate: f.rate(timeShare, 0) })}
          </Text>
          <Text size="xs" c="dimmed">
            {t('stats.pace.legend')}
          </Text>
        </Group>
      </Stack>
      <SimpleGrid cols={2} spacing="md" mb="md">
        <Stack gap={0}>
          <Text fz={26} fw={700} c="dark.7" className="tabular" data-testid="pace-days-left">
            {n(p.daysLeft)}
          </Text>
          <Text size="xs" c="dimmed">
            {t('stats.pace.daysLeft')}
          </Text>
        </Stack>
        <Stack gap={0}>
          <Text fz={26} fw={700} c={behind ? 'orange.8' : 'brand.8'} className="tabular" data-testid="pace-forecast">
            <Amount rials={p.forecastPaidAmount} fractionDigits={0} />
          </Text>
          <Text size="xs" c="dimmed">
            {t('stats.pace.forecast', { rate: f.rate(p.forecastRate) })}
          </Text>
        </Stack>
      </SimpleGrid>
      <Stack gap={4}>
        <FigureLine label={t('stats.pace.dailySoFar')}>{t('stats.amountBillion', { amount: f.amount(dailySoFar.toString(), 2) })}</FigureLine>
        {dailyNeeded > 0n ? <FigureLine label={t('stats.pace.dailyNeeded')} color={behind ? 'orange.8' : undefined}>{t('stats.amountBillion', { amount: f.amount(dailyNeeded.toString(), 2) })}</FigureLine> : null}
        <FigureLine label={t('stats.pace.direct')}>
          <Amount rials={p.directAmount} /> {t('stats.billionShort')}
        </FigureLine>
      </Stack>
      {quota > 0n ? (
        <Alert mt="md" variant="light" color={behind ? 'orange' : 'brand'} p="xs" data-testid="pace-verdict">
          <Text size="sm">{behind ? t('stats.pace.behind') : t('stats.pace.onTrack')}</Text>
        </Alert>
      ) : (
        <Text mt="md" size="sm" c="dimmed">
          {t('stats.pace.noQuota')}
        </Text>
      )}
    </Section>
  );
}

// ── Banks side by side ──────────────────────────────────────────────────────

type BarChart = Extract<ChartSpec, { kind: 'cartesian' }>;

/** Horizontal bars, one row a bank (named in the page's language). */
function bankBars(items: { bankName: string; bankNameEn: string }[], language: Language, format: BarChart['format'], axisName: string, series: BarChart['series']): ChartSpec {
  return { kind: 'cartesian', horizontal: true, format, axisName, categories: items.map((b) => (language === 'fa' ? b.bankName : b.bankNameEn)), series };
}

function BanksChartCard({ banks, viewer, search }: { banks: BankStats | undefined; viewer: StatsViewer; search: StatsSearch }) {
  const { t, language } = useI18n();
  const drill = useDrill();
  const items = banks?.items;
  const spec = useMemo<ChartSpec | null>(
    () =>
      items
        ? bankBars(items, language, 'billion', t('stats.billionRials'), [
            { name: t('stats.chart.quota'), values: items.map((b) => billions(b.quotaAmount)), color: COLORS.quota },
            { name: t('stats.chart.paidReferral'), values: items.map((b) => billions(b.paidAmount)), color: COLORS.brand, labels: true },
            { name: t('stats.chart.paidDirect'), values: items.map((b) => billions(b.directAmount)), color: COLORS.gold },
          ])
        : null,
    [items, t, language],
  );
  return (
    <Section
      title={t('stats.banksChart.title')}
      subtitle={t('stats.banksChart.subtitle')}
      actions={
        <ButtonLink to="/stats/banks" search={search} variant="subtle" size="compact-sm">
          {t('stats.dashboard.bankTable')}
        </ButtonLink>
      }
      h="100%"
      testId="banks-chart"
    >
      {spec && items ? (
        <StatsChart
          spec={spec}
          height={Math.max(300, items.length * 46 + 70)}
          label={t('stats.banksChart.title')}
          testId="chart-banks"
          onSelect={(index) => {
            const bank = items[index];
            if (bank && drill && canDrillBank(viewer, bank.bankId))
              drill({ source: 'referrals', metric: 'paid', bankId: bank.bankId, title: t('stats.drill.bankMetric', { bank: language === 'fa' ? bank.bankName : bank.bankNameEn, what: t('stats.col.paid') }), figure: bank.paid });
          }}
        />
      ) : (
        <Skeleton h={360} />
      )}
    </Section>
  );
}

function DecisionDaysCard({ banks }: { banks: BankStats | undefined }) {
  const { t, language } = useI18n();
  const f = useStatsFormat();
  const items = banks?.items.filter((b) => b.medianDaysToDecision !== null);
  const spec = useMemo<ChartSpec | null>(
    () =>
      items
        ? bankBars(items, language, 'count', t('stats.days'), [
            { name: t('stats.chart.daysToDecision'), values: items.map((b) => b.medianDaysToDecision), color: COLORS.slate, labels: true },
            { name: t('stats.chart.daysToPayment'), values: items.map((b) => b.medianDaysToPayment), color: COLORS.brandLight },
          ])
        : null,
    [items, t, language],
  );
  return (
    <Section title={t('stats.decisionChart.title')} subtitle={banks ? t('stats.decisionChart.subtitle', { days: f.days(banks.total.medianDaysToDecision) }) : undefined} h="100%" testId="decision-chart">
      {spec && items ? <StatsChart spec={spec} height={Math.max(300, items.length * 46 + 70)} label={t('stats.decisionChart.title')} testId="chart-decision" /> : <Skeleton h={360} />}
    </Section>
  );
}

// ── Month by month ─────────────────────────────────────────────────────────

function CategoriesCard({ data }: { data: OverviewStats | undefined }) {
  const { t } = useI18n();
  const drill = useDrill();
  const categories = data?.demands.byCategory;
  const spec = useMemo<ChartSpec | null>(
    () =>
      categories
        ? {
            kind: 'cartesian',
            horizontal: true,
            format: 'count',
            categories: categories.map((c) => c.name),
            series: [{ name: t('stats.categories.count'), values: categories.map((c) => c.count), color: COLORS.slate, labels: true }],
          }
        : null,
    [categories, t],
  );
  const openCategory = (index: number) => {
    const c = categories?.[index];
    if (c && drill) drill({ source: 'demands', metric: 'registered', categoryCode: c.key, title: t('stats.drill.category', { name: c.name }), figure: c.count });
  };
  return (
    <Section title={t('stats.categories.title')} subtitle={t('stats.categories.subtitle')} h="100%" testId="categories">
      {spec && categories ? (
        <StatsChart spec={spec} height={Math.max(260, categories.length * 26 + 60)} label={t('stats.categories.title')} testId="chart-categories" onSelect={openCategory} />
      ) : (
        <Skeleton h={320} />
      )}
    </Section>
  );
}

function DemandStatusCard({ data }: { data: OverviewStats | undefined }) {
  const { t, n, status } = useI18n();
  const rows = data?.demands.byStatus;
  const total = data?.demands.total ?? 0;
  return (
    <Section title={t('stats.demandStatus.title')} subtitle={t('stats.demandStatus.subtitle')} testId="demand-status">
      {rows ? (
        <Stack gap="sm">
          {['registered', 'assigned', 'in_progress', 'escalated', 'resolved', 'unresolvable'].map((key) => {
            const row = rows.find((r) => r.key === key);
            const count = row?.count ?? 0;
            return (
              <Stack key={key} gap={2}>
                <Group justify="space-between">
                  <Text size="sm">{status('demand', key)}</Text>
                  <DrillValue request={{ source: 'demands', metric: 'registered', status: key, title: t('stats.drill.demandStatus', { status: status('demand', key) }), figure: count }} testId={`demand-status-${key}`} fw={600} />
                </Group>
                <Progress value={total ? (count / total) * 100 : 0} size={6} radius="xl" color={key === 'resolved' ? 'brand' : key === 'unresolvable' ? 'red' : key === 'escalated' ? 'grape' : 'indigo'} aria-label={`${status('demand', key)}: ${n(count)}`} />
              </Stack>
            );
          })}
          <Group justify="space-between" pt={4} style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
            <Text size="sm" fw={600}>
              {t('stats.demandStatus.total')}
            </Text>
            <Badge variant="light" color="gray" radius="sm" className="tabular">
              <DrillValue request={{ source: 'demands', metric: 'registered', title: t('stats.drill.demandsRegistered'), figure: total }} />
            </Badge>
          </Group>
        </Stack>
      ) : (
        <Skeleton h={260} />
      )}
    </Section>
  );
}

function ResolutionStatusCard({ data }: { data: OverviewStats | undefined }) {
  const { t } = useI18n();
  const f = useStatsFormat();
  const r = data?.resolutions;
  const rows = r
    ? ([
        { metric: 'all', label: t('stats.resolutionStatus.all'), figure: r.all },
        { metric: 'due', label: t('stats.resolutionStatus.due'), figure: r.due },
        { metric: 'done', label: t('stats.resolutionStatus.done'), figure: r.done, color: 'brand.8' },
        { metric: 'inProgress', label: t('stats.resolutionStatus.inProgress'), figure: r.inProgress },
        { metric: 'notDone', label: t('stats.resolutionStatus.notDone'), figure: r.notDone, color: 'red.8' },
        { metric: 'overdue', label: t('stats.resolutionStatus.overdue'), figure: r.overdue, color: 'red.8' },
      ] as const)
    : null;
  return (
    <Section title={t('stats.resolutionStatus.title')} subtitle={r ? t('stats.resolutionStatus.subtitle', { rate: f.rate(r.rateOfDue) }) : undefined} testId="resolution-status">
      {rows ? (
        <SimpleGrid cols={3} spacing="sm" verticalSpacing="sm">
          {rows.map((row) => (
            <Stack key={row.metric} gap={0} align="center" p={6} style={{ border: '1px solid var(--mantine-color-gray-2)', borderRadius: 6 }}>
              <Text fz={20} fw={700} c={'color' in row ? row.color : 'dark.7'}>
                <DrillValue request={{ source: 'resolutions', metric: row.metric, title: t('stats.drill.resolutions', { what: row.label }), figure: row.figure }} testId={`resolutions-${row.metric}`} />
              </Text>
              <Text size="xs" c="dimmed" ta="center">
                {row.label}
              </Text>
            </Stack>
          ))}
        </SimpleGrid>
      ) : (
        <Skeleton h={120} />
      )}
    </Section>
  );
}

import { Badge, Button, Group, Paper, Select, SimpleGrid, Skeleton, Stack, Table, Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import { COUNTY_DRILL, type CountyCountFigure } from '../../../../shared/contracts/stats.js';
import { QueryError } from '../../../components/query-error.js';
import { useI18n, type MessageKey } from '../../../lib/i18n.js';
import { can, scopeOf } from '../../../lib/authorization.js';
import type { CountyRow, CountyStats, ProvinceStats } from '../api/stats-api.js';
import { useCountyStats, useProvinceStats } from '../hooks/use-stats.js';
import { DrillValue } from './drilldown.js';
import { RegionMap, type MapRegion } from './region-map.js';
import { ExportButton } from './report-actions.js';
import { StatsChart, type ChartSpec } from './stats-chart.js';
import { toFilters, type StatsSearch } from './stats-search.js';
import { billions, COLORS, useStatsFormat, type StatsViewer } from './stats-format.js';
import { Amount, LoadingRows, Section } from './stats-ui.js';
import classes from './stats.module.css';
import { StatsPage } from './stats-page.js';

type CountFigure = CountyCountFigure;
type Figure = CountFigure | 'paidAmount' | 'medianDaysToDecision';


const GROUPS: readonly { label: MessageKey; figures: readonly Figure[] }[] = [
  { label: 'stats.counties.group.units', figures: ['units', 'activeUnits', 'idleUnits', 'visitsDone'] },
  { label: 'stats.counties.group.demands', figures: ['demandsRegistered', 'demandsOpen', 'demandsOverdue', 'demandsResolved'] },
  { label: 'stats.counties.group.referrals', figures: ['referred', 'paidCount', 'paidAmount', 'medianDaysToDecision'] },
];
const FIGURES: readonly Figure[] = GROUPS.flatMap((g) => g.figures);

type ProvinceFigure = 'units' | 'referred' | 'paid' | 'paidAmount' | 'quotaUsedRate';
const PROVINCE_FIGURES: readonly ProvinceFigure[] = ['units', 'referred', 'paid', 'paidAmount', 'quotaUsedRate'];

const figureValue = (row: Omit<CountyRow, 'countyId' | 'countyName' | 'countyNameEn'>, f: Figure): number | null =>
  f === 'paidAmount' ? billions(row.paidAmount) : f === 'medianDaysToDecision' ? row.medianDaysToDecision : row[f];

/**
 * Counties compared: the province's counties side by side — on a map coloured by the figure the reader picks,
 * in a chart and in a table whose every count opens the records behind it. A click on a county filters the
 * page to it. The national role starts from Iran's provinces and opens a province's counties from there.
 */
export function CountiesPage({ search, onSearchChange, viewer }: { search: StatsSearch; onSearchChange: (next: StatsSearch) => void; viewer: StatsViewer }) {
  const { t, language } = useI18n();
  const national = viewer.role === 'national';
  const filters = toFilters(search);
  const showCounties = !national || Boolean(search.provinceId);
  // the national role's chosen province, by name (the provinces map has already read them)
  const provinces = useProvinceStats({ period: search.period, programCode: search.programCode }, national);
  const chosenProvince = provinces.data?.items.find((p) => p.provinceId === search.provinceId);
  const provinceName = chosenProvince ? (language === 'fa' ? chosenProvince.provinceName : chosenProvince.provinceNameEn) : undefined;
  const setCounty = (countyId: string | null) => {
    const { countyId: _old, ...rest } = search;
    onSearchChange(countyId ? { ...rest, countyId } : rest);
  };
  return (
    <StatsPage
      title={national ? t('stats.counties.nationalTitle') : t('stats.counties.title')}
      subtitle="stats.counties.subtitle"
      actions={showCounties ? <ExportButton table="counties" filters={filters} /> : <ExportButton table="provinces" filters={{ period: filters.period, programCode: filters.programCode }} />}
      search={search}
      onSearchChange={onSearchChange}
      showCounty={!national}
      drillViewer={viewer}
    >
      {national ? <ProvincesMap search={search} onSearchChange={onSearchChange} /> : null}
      {showCounties ? <Counties search={search} filters={filters} viewer={viewer} onCounty={setCounty} provinceName={provinceName} /> : null}
    </StatsPage>
  );
}

function FigureSelect<T extends string>({ value, onChange, options, testId }: { value: T; onChange: (v: T) => void; options: readonly { value: T; label: string }[]; testId: string }) {
  const { t } = useI18n();
  return (
    <Select
      label={t('stats.counties.figure')}
      data={options.map((o) => ({ value: o.value, label: o.label }))}
      value={value}
      onChange={(v) => v && onChange(v as T)}
      allowDeselect={false}
      w={{ base: '100%', xs: 260 }}
      size="sm"
      comboboxProps={{ withinPortal: true }}
      data-testid={testId}
    />
  );
}

function ProvincesMap({ search, onSearchChange }: { search: StatsSearch; onSearchChange: (next: StatsSearch) => void }) {
  const { t, language, n } = useI18n();
  const f = useStatsFormat();
  const stats = useProvinceStats({ period: search.period, programCode: search.programCode });
  const [figure, setFigure] = useState<ProvinceFigure>('paidAmount');
  const data: ProvinceStats | undefined = stats.data;
  const regions = useMemo<MapRegion[]>(
    () =>
      (data?.items ?? []).map((p) => {
        const value = figure === 'paidAmount' ? billions(p.paidAmount) : figure === 'quotaUsedRate' ? (p.quotaUsedRate === null ? null : p.quotaUsedRate * 100) : p[figure];
        const display = figure === 'paidAmount' ? f.amount(p.paidAmount) : figure === 'quotaUsedRate' ? f.rate(p.quotaUsedRate) : n(p[figure]);
        return { id: p.provinceId, name: language === 'fa' ? p.provinceName : p.provinceNameEn, value, display };
      }),
    [data, figure, f, n, language],
  );
  const choose = (provinceId: string | null) => {
    const { provinceId: _p, countyId: _c, ...rest } = search;
    onSearchChange(provinceId ? { ...rest, provinceId } : rest);
  };
  const active = regions.filter((r) => data?.items.find((p) => p.provinceId === r.id && (p.units > 0 || p.referred > 0)));
  return (
    <Section
      title={t('stats.counties.provincesMapTitle')}
      subtitle={t('stats.counties.provincesMapSubtitle')}
      actions={<FigureSelect value={figure} onChange={setFigure} options={PROVINCE_FIGURES.map((x) => ({ value: x, label: t(`stats.counties.pfig.${x}`) }))} testId="map-figure" />}
      testId="provinces-map"
    >
      {stats.isError ? <QueryError error={stats.error} onRetry={() => void stats.refetch()} /> : null}
      {data ? (
        <RegionMap kind="iran" regions={regions} selectedId={search.provinceId} onSelect={choose} height={420} label={t(`stats.counties.pfig.${figure}`)} testId="map-iran" />
      ) : (
        <Skeleton h={420} />
      )}
      <Group gap={6} mt="sm" wrap="wrap" aria-label={t('stats.counties.regions')} role="group">
        {active.map((r) => (
          <Button key={r.id} size="compact-sm" radius="xl" variant={search.provinceId === r.id ? 'filled' : 'light'} aria-pressed={search.provinceId === r.id} onClick={() => choose(search.provinceId === r.id ? null : r.id)} data-testid={`pick-province-${r.id}`}>
            {r.name} · {r.display}
          </Button>
        ))}
      </Group>
      {!search.provinceId ? (
        <Text size="sm" c="dimmed" mt="sm">
          {t('stats.counties.pickProvince')}
        </Text>
      ) : null}
    </Section>
  );
}

function Counties({ search, filters, viewer, onCounty, provinceName }: { search: StatsSearch; filters: ReturnType<typeof toFilters>; viewer: StatsViewer; onCounty: (id: string | null) => void; provinceName: string | undefined }) {
  const { t, language, n } = useI18n();
  const f = useStatsFormat();
  const [figure, setFigure] = useState<Figure>('demandsOverdue');
  // the map always shows every county (the chosen one outlined); the chart and the table follow the county filter
  const all = useCountyStats({ ...filters, countyId: undefined });
  const shown = useCountyStats(filters, Boolean(filters.countyId));
  const table: CountyStats | undefined = filters.countyId ? shown.data : all.data;
  const name = (c: CountyRow) => (language === 'fa' ? c.countyName : c.countyNameEn);
  const display = (row: CountyRow, fig: Figure) => (fig === 'paidAmount' ? f.amount(row.paidAmount) : fig === 'medianDaysToDecision' ? f.days(row.medianDaysToDecision) : n(row[fig]));
  const regions = useMemo<MapRegion[]>(() => (all.data?.items ?? []).map((c) => ({ id: c.countyId, name: name(c), value: figureValue(c, figure), display: display(c, figure) })), [all.data, figure, language, f, n]); // eslint-disable-line react-hooks/exhaustive-deps
  const spec = useMemo<ChartSpec | null>(
    () =>
      table
        ? {
            kind: 'cartesian',
            horizontal: true,
            format: figure === 'paidAmount' ? 'billion' : 'count',
            categories: table.items.map(name),
            series: [{ name: t(`stats.counties.fig.${figure}`), values: table.items.map((c) => figureValue(c, figure)), color: COLORS.brand, labels: true }],
          }
        : null,
    [table, figure, t, language], // eslint-disable-line react-hooks/exhaustive-deps
  );
  const chosen = all.data?.items.find((c) => c.countyId === search.countyId);
  const query = filters.countyId ? shown : all;
  const drillable = scopeOf(viewer.role) === null && can(viewer.role, 'GET /api/v1/stats/drilldown');
  return (
    <Stack gap="md">
      {query.isError ? <QueryError error={query.error} onRetry={() => void query.refetch()} /> : null}
      {chosen ? (
        <Paper withBorder radius="md" p="sm" bg="gold.0" data-testid="county-filter-note">
          <Group justify="space-between" gap="xs">
            <Text size="sm" fw={500}>
              {t('stats.counties.filteredTo', { county: name(chosen) })}
            </Text>
            <Button size="xs" variant="default" onClick={() => onCounty(null)} data-testid="county-show-all">
              {t('stats.counties.showAll')}
            </Button>
          </Group>
        </Paper>
      ) : null}
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <Section
          title={provinceName ? t('stats.counties.provinceCounties', { province: provinceName }) : t('stats.counties.mapTitle')}
          subtitle={t('stats.counties.mapSubtitle')}
          actions={
            <>
              <Badge variant="outline" color="gray" radius="sm" styles={{ root: { maxWidth: 'none' } }}>
                {t('stats.counties.schematic')}
              </Badge>
              <FigureSelect value={figure} onChange={setFigure} options={FIGURES.map((x) => ({ value: x, label: t(`stats.counties.fig.${x}`) }))} testId="county-map-figure" />
            </>
          }
          testId="counties-map"
        >
          {all.data && all.data.items.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('stats.counties.noCounties')}
            </Text>
          ) : all.data ? (
            <RegionMap
              kind="counties"
              regions={regions}
              selectedId={search.countyId}
              onSelect={(id) => onCounty(id === search.countyId ? null : id)}
              height={Math.min(420, 150 + regions.length * 40)}
              label={t(`stats.counties.fig.${figure}`)}
              testId="map-counties"
            />
          ) : (
            <Skeleton h={300} />
          )}
          <Group gap={6} mt="sm" wrap="wrap" role="group" aria-label={t('stats.counties.regions')}>
            {(all.data?.items ?? []).map((c) => (
              <Button key={c.countyId} size="compact-sm" radius="xl" variant={search.countyId === c.countyId ? 'filled' : 'light'} aria-pressed={search.countyId === c.countyId} onClick={() => onCounty(search.countyId === c.countyId ? null : c.countyId)} data-testid={`pick-county-${c.countyId}`}>
                {name(c)}
              </Button>
            ))}
          </Group>
        </Section>
        <Section title={t('stats.counties.chartTitle', { figure: t(`stats.counties.fig.${figure}`) })} testId="counties-chart">
          {spec && table ? (
            <StatsChart spec={spec} height={Math.max(220, table.items.length * 48 + 80)} label={t('stats.counties.chartTitle', { figure: t(`stats.counties.fig.${figure}`) })} onSelect={(i) => onCounty(table.items[i]?.countyId ?? null)} testId="chart-counties" />
          ) : (
            <Skeleton h={260} />
          )}
        </Section>
      </SimpleGrid>
      <CountyTable data={table} stale={query.isPlaceholderData} drillable={drillable} />
      <Definitions data={table} />
    </Stack>
  );
}

function CountyTable({ data, stale, drillable }: { data: CountyStats | undefined; stale: boolean; drillable: boolean }) {
  const { t, language } = useI18n();
  const f = useStatsFormat();
  const def = (key: string) => {
    const d = data?.definitions[key];
    return d ? (language === 'fa' ? d.fa : d.en) : undefined;
  };
  type Row = CountyRow & { isTotal?: boolean };
  const rows: Row[] | undefined = data ? [...data.items, ...(data.items.length > 1 ? [{ ...data.total, countyId: '', countyName: t('stats.counties.provinceTotal'), countyNameEn: t('stats.counties.provinceTotal'), isTotal: true }] : [])] : undefined;
  const cell = (row: Row, key: Figure) => {
    if (key === 'paidAmount') {
      return (
        <DrillValue
          request={{ source: 'referrals', metric: 'paid', countyId: row.isTotal ? undefined : row.countyId, title: `${row.countyName} — ${t('stats.counties.fig.paidAmount')}`, figure: row.paidCount }}
          enabled={drillable}
        >
          <Amount rials={row.paidAmount} />
        </DrillValue>
      );
    }
    if (key === 'medianDaysToDecision') return <span className="tabular">{f.days(row.medianDaysToDecision)}</span>;
    const d = COUNTY_DRILL[key];
    return (
      <DrillValue
        request={{ source: d.source, metric: d.metric, countyId: row.isTotal ? undefined : row.countyId, title: `${language === 'fa' ? row.countyName : row.countyNameEn} — ${t(`stats.counties.fig.${key}`)}`, figure: row[key] }}
        enabled={drillable}
        testId={`cell-${row.isTotal ? 'total' : row.countyId}-${key}`}
      />
    );
  };
  return (
    <Paper withBorder radius="md" shadow="xs" style={{ overflow: 'hidden' }}>
      <Table.ScrollContainer minWidth={1100}>
        <Table className={classes.table} verticalSpacing={8} horizontalSpacing={10} highlightOnHover data-testid="county-table" aria-busy={!data || stale} style={{ opacity: stale ? 0.6 : 1 }}>
          <Table.Thead>
            <Table.Tr className={classes.group}>
              <Table.Th className={classes.sticky} />
              {GROUPS.map((g) => (
                <Table.Th key={g.label} colSpan={g.figures.length}>
                  {t(g.label)}
                </Table.Th>
              ))}
            </Table.Tr>
            <Table.Tr>
              <Table.Th className={classes.sticky}>{t('stats.counties.col.county')}</Table.Th>
              {FIGURES.map((key) => (
                <Table.Th key={key} ta="end" title={def(key)}>
                  {t(`stats.counties.col.${key}`)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {!rows
              ? <LoadingRows count={4} colSpan={FIGURES.length + 1} />
              : rows.map((row) => (
                  <Table.Tr key={row.countyId || 'total'} className={row.isTotal ? classes.total : undefined} data-testid={row.isTotal ? 'county-row-total' : `county-row-${row.countyId}`}>
                    <Table.Td className={classes.sticky}>
                      <Text size="sm" fw={row.isTotal ? 700 : 500}>
                        {language === 'fa' ? row.countyName : row.countyNameEn}
                      </Text>
                    </Table.Td>
                    {FIGURES.map((key) => (
                      <Table.Td key={key} ta="end" c={key === 'demandsOverdue' && row.demandsOverdue > 0 ? 'red.8' : undefined}>
                        {cell(row, key)}
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Text size="xs" c="dimmed" px="md" py="xs" bg="gray.0" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
        {t('stats.counties.legend')}
      </Text>
    </Paper>
  );
}

function Definitions({ data }: { data: CountyStats | undefined }) {
  const { t, language } = useI18n();
  return (
    <Section title={t('stats.definitions.title')} subtitle={t('stats.definitions.subtitle')} testId="county-definitions">
      {data ? (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg" verticalSpacing={8}>
          {FIGURES.filter((k) => data.definitions[k]).map((k) => (
            <SimpleGrid key={k} cols={2} spacing="sm" style={{ gridTemplateColumns: '150px 1fr' }}>
              <Text size="sm" fw={600}>
                {t(`stats.counties.fig.${k}`)}
              </Text>
              <Text size="sm" c="dark.5">
                {language === 'fa' ? data.definitions[k]!.fa : data.definitions[k]!.en}
              </Text>
            </SimpleGrid>
          ))}
        </SimpleGrid>
      ) : (
        <Skeleton h={160} />
      )}
    </Section>
  );
}

import { Paper, SimpleGrid, Skeleton, Switch, Table, Text } from '@mantine/core';
import { useMemo, useState, type ReactNode } from 'react';
import { useI18n } from '../../../lib/i18n.js';
import { useProvinceStats } from '../hooks/use-stats.js';
import { ExportButton } from './report-actions.js';
import { StatsChart, type ChartSpec } from './stats-chart.js';
import { toFilters, type StatsSearch } from './stats-search.js';
import { COLORS, useStatsFormat } from './stats-format.js';
import { Amount, LoadingRows, Section } from './stats-ui.js';
import classes from './stats.module.css';
import { StatsPage } from './stats-page.js';
import { TableHead, figureColumn } from '../../../components/record-table.js';

/** The provinces side by side for the national HQ: each one's share of the national quota against its share of payments. */
export function ProvincesPage({ search, onSearchChange }: { search: StatsSearch; onSearchChange: (next: StatsSearch) => void }) {
  const { t, n, language } = useI18n();
  const f = useStatsFormat();
  const filters = toFilters({ ...search, countyId: undefined });
  const stats = useProvinceStats(filters);
  const [onlyActive, setOnlyActive] = useState(true);
  const data = stats.data;
  const rows = useMemo(() => (data ? data.items.filter((p) => !onlyActive || p.units > 0 || BigInt(p.quotaAmount) > 0n || p.referred > 0) : undefined), [data, onlyActive]);
  const spec = useMemo<ChartSpec | null>(
    () =>
      rows
        ? {
            kind: 'cartesian',
            horizontal: true,
            format: 'percent',
            categories: rows.map((p) => (language === 'fa' ? p.provinceName : p.provinceNameEn)),
            series: [
              { name: t('stats.provinces.shareQuota'), values: rows.map((p) => (p.shareOfNationalQuota === null ? null : p.shareOfNationalQuota * 100)), color: COLORS.quota, labels: true },
              { name: t('stats.provinces.sharePaid'), values: rows.map((p) => (p.shareOfNationalPaid === null ? null : p.shareOfNationalPaid * 100)), color: COLORS.brand, labels: true },
            ],
          }
        : null,
    [rows, t, language],
  );
  return (
    <StatsPage
      title={t('stats.provinces.title')}
      subtitle="stats.provinces.subtitle"
      actions={<ExportButton table="provinces" filters={filters} />}
      search={search}
      onSearchChange={({ countyId: _county, ...next }) => onSearchChange(next)}
      showCounty={false}
      asOf={data?.asOf}
      query={stats}
    >
      {data ? (
        <SimpleGrid cols={{ base: 1, sm: 3 }} mb="md">
          <NationalFigure label={t('stats.provinces.nationalQuota')}>
            <Amount rials={data.national.quotaAmount} /> <Text span size="xs" c="dimmed">{t('stats.billionRials')}</Text>
          </NationalFigure>
          <NationalFigure label={t('stats.provinces.nationalPaid')}>
            <Amount rials={data.national.paidAmount} /> <Text span size="xs" c="dimmed">{t('stats.billionRials')}</Text>
          </NationalFigure>
          <NationalFigure label={t('stats.provinces.nationalCounts')} tabular>
            {t('stats.provinces.paidOfReferred', { paid: n(data.national.paid), referred: n(data.national.referred) })}
          </NationalFigure>
        </SimpleGrid>
      ) : null}
      <Section
        title={t('stats.provinces.chartTitle')}
        subtitle={t('stats.provinces.chartSubtitle')}
        actions={<Switch size="sm" checked={onlyActive} onChange={(e) => setOnlyActive(e.currentTarget.checked)} label={t('stats.provinces.onlyActive')} />}
        testId="provinces-chart"
      >
        {spec && rows ? <StatsChart spec={spec} height={Math.max(240, rows.length * 44 + 80)} label={t('stats.provinces.chartTitle')} testId="chart-provinces" /> : <Skeleton h={300} />}
      </Section>
      <Paper withBorder radius="md" shadow="xs" mt="md" style={{ overflow: 'hidden' }}>
        <Table.ScrollContainer minWidth={900}>
          <Table className={classes.table} striped highlightOnHover verticalSpacing={8} data-testid="province-table">
            <TableHead
              columns={[
                t('stats.col.province'),
                figureColumn(t('stats.col.units')),
                figureColumn(t('stats.col.referred')),
                figureColumn(t('stats.col.paid')),
                figureColumn(t('stats.col.quota')),
                figureColumn(t('stats.col.paidAmount')),
                figureColumn(t('stats.col.quotaUsed')),
                figureColumn(t('stats.provinces.shareQuota')),
                figureColumn(t('stats.provinces.sharePaid')),
              ]}
              bg="gray.0"
            />
            <Table.Tbody>
              {!rows
                ? <LoadingRows count={6} colSpan={9} />
                : rows.map((p) => (
                    <Table.Tr key={p.provinceId} data-testid={`province-row-${p.provinceId}`}>
                      <Table.Td fw={500}>{language === 'fa' ? p.provinceName : p.provinceNameEn}</Table.Td>
                      <Table.Td ta="end" className="tabular">
                        {n(p.units)}
                      </Table.Td>
                      <Table.Td ta="end" className="tabular">
                        {n(p.referred)}
                      </Table.Td>
                      <Table.Td ta="end" className="tabular">
                        {n(p.paid)}
                      </Table.Td>
                      <Table.Td ta="end">
                        <Amount rials={p.quotaAmount} />
                      </Table.Td>
                      <Table.Td ta="end">
                        <Amount rials={p.paidAmount} />
                      </Table.Td>
                      <Table.Td ta="end" className="tabular">
                        {f.rate(p.quotaUsedRate)}
                      </Table.Td>
                      <Table.Td ta="end" className="tabular">
                        {f.rate(p.shareOfNationalQuota)}
                      </Table.Td>
                      <Table.Td ta="end" className="tabular" fw={600} c={p.shareOfNationalPaid !== null && p.shareOfNationalQuota !== null && p.shareOfNationalPaid < p.shareOfNationalQuota ? 'orange.8' : undefined}>
                        {f.rate(p.shareOfNationalPaid)}
                      </Table.Td>
                    </Table.Tr>
                  ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Text size="xs" c="dimmed" px="md" py="xs" bg="gray.0">
          {t('stats.provinces.legend')}
        </Text>
      </Paper>
    </StatsPage>
  );
}

/** One of the country's figures above the provinces' table: its label, then the figure in large type. */
function NationalFigure({ label, tabular = false, children }: { label: string; tabular?: boolean; children: ReactNode }) {
  return (
    <Paper withBorder radius="md" p="md" shadow="xs">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fz={24} fw={700} className={tabular ? 'tabular' : undefined}>
        {children}
      </Text>
    </Paper>
  );
}

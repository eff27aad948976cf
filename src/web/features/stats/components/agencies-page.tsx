import { Badge, Group, Paper, Progress, SimpleGrid, Skeleton, Stack, Table, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { Fragment, useState, type ReactNode } from 'react';
import { formatNumber, useI18n } from '../../../lib/i18n.js';
import type { AgencyRow, AgencyStats, DrillTarget, ScorePart } from '../api/stats-api.js';
import { useAgencyStats } from '../hooks/use-stats.js';
import { DrillValue } from './drilldown.js';
import { ExportButton } from './report-actions.js';
import { toFilters, type StatsSearch } from './stats-search.js';
import { canDrillAgency, useStatsFormat, type StatsViewer } from './stats-format.js';
import { LoadingRows, Section } from './stats-ui.js';
import classes from './stats.module.css';
import { scopeOf } from '../../../lib/authorization.js';
import { EmptyTableRow } from '../../../components/list-table.js';
import { StatsPage } from './stats-page.js';

const scoreColor = (score: number | null) => (score === null ? 'gray' : score >= 80 ? 'brand' : score >= 60 ? 'yellow' : 'red');

/** Each part of the score, and the records its numerator and divisor count (null: no list of its own). */
const PART_RECORDS: Record<string, { numerator: DrillTarget | null; denominator: DrillTarget }> = {
  onTime: { numerator: { source: 'demands', metric: 'resolvedOnTime' }, denominator: { source: 'demands', metric: 'resolved' } },
  notOverdue: { numerator: null, denominator: { source: 'demands', metric: 'assigned' } },
  followUp: { numerator: { source: 'referrals', metric: 'followedUp' }, denominator: { source: 'referrals', metric: 'referred' } },
  resolutions: { numerator: { source: 'resolutions', metric: 'done' }, denominator: { source: 'resolutions', metric: 'due' } },
};

/**
 * The agency scorecard: what each executive agency was given and what it did, and one score whose formula,
 * weights and parts are on the page — a scorecard people can argue with, not a verdict.
 */
export function AgenciesPage({ search, onSearchChange, viewer }: { search: StatsSearch; onSearchChange: (next: StatsSearch) => void; viewer: StatsViewer }) {
  const { t } = useI18n();
  const filters = toFilters(search);
  const stats = useAgencyStats(filters);
  const data = stats.data;
  const own = scopeOf(viewer.role) === 'agencyId';
  return (
    <StatsPage
      title={own ? t('stats.agencies.ownTitle') : t('stats.agencies.title')}
      subtitle="stats.agencies.subtitle"
      actions={<ExportButton table="agencies" filters={filters} />}
      search={search}
      onSearchChange={onSearchChange}
      drillViewer={viewer}
      asOf={data?.asOf}
      query={stats}
    >
      <FormulaCard data={data} />
      <AgencyTable data={data} viewer={viewer} stale={stats.isPlaceholderData} />
    </StatsPage>
  );
}

function FormulaCard({ data }: { data: AgencyStats | undefined }) {
  const { t, language } = useI18n();
  const f = useStatsFormat();
  return (
    <Section title={t('stats.formula.title')} subtitle={t('stats.formula.subtitle')} testId="score-formula">
      {data ? (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <Text className={classes.formula} data-testid="formula-text">
            {language === 'fa' ? data.formula.text.fa : data.formula.text.en}
          </Text>
          <Table fz="sm" verticalSpacing={4} data-testid="formula-weights">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('stats.formula.part')}</Table.Th>
                <Table.Th ta="end">{t('stats.formula.weight')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.formula.weights.map((w) => (
                <Table.Tr key={w.key}>
                  <Table.Td>{language === 'fa' ? w.label.fa : w.label.en}</Table.Td>
                  <Table.Td ta="end" fw={600} className="tabular">
                    {f.rate(w.weight, 0)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </SimpleGrid>
      ) : (
        <Skeleton h={110} />
      )}
    </Section>
  );
}

function AgencyTable({ data, viewer, stale }: { data: AgencyStats | undefined; viewer: StatsViewer; stale: boolean }) {
  const { t, language } = useI18n();
  const f = useStatsFormat();
  const [open, setOpen] = useState<string | null>(null);
  const own = scopeOf(viewer.role) === 'agencyId';
  const columns = 17;
  const selected = data?.items.find((r) => r.agencyId === open) ?? (own && data?.items.length === 1 ? data.items[0] : undefined);
  const cell = (row: AgencyRow, target: DrillTarget, figure: number, what: string, testId: string, color?: string): ReactNode => (
    <Table.Td ta="end" c={color && figure > 0 ? color : undefined}>
      <DrillValue
        request={{ ...target, agencyId: row.agencyId, title: t('stats.drill.agencyMetric', { agency: language === 'fa' ? row.agencyName : row.agencyNameEn, what }), figure }}
        enabled={canDrillAgency(viewer, row.agencyId)}
        testId={testId}
      />
    </Table.Td>
  );
  return (
    <>
      <Paper withBorder radius="md" shadow="xs" mt="md" style={{ overflow: 'hidden' }}>
        <Table.ScrollContainer minWidth={1350}>
          <Table className={classes.table} verticalSpacing={8} horizontalSpacing={10} highlightOnHover data-testid="agency-table" aria-busy={!data || stale} style={{ opacity: stale ? 0.6 : 1 }}>
            <Table.Thead>
              <Table.Tr className={classes.group}>
                <Table.Th className={classes.sticky} />
                <Table.Th />
                <Table.Th colSpan={6}>{t('stats.agencies.group.demands')}</Table.Th>
                <Table.Th colSpan={3}>{t('stats.agencies.group.referrals')}</Table.Th>
                <Table.Th colSpan={4}>{t('stats.agencies.group.resolutions')}</Table.Th>
                <Table.Th colSpan={2}>{t('stats.agencies.group.satisfaction')}</Table.Th>
              </Table.Tr>
              <Table.Tr>
                <Table.Th className={classes.sticky}>{t('stats.col.agency')}</Table.Th>
                <Table.Th ta="center">{t('stats.col.score')}</Table.Th>
                <Table.Th ta="end">{t('stats.col.demandsAssigned')}</Table.Th>
                <Table.Th ta="end">{t('stats.col.demandsResolved')}</Table.Th>
                <Table.Th ta="end">{t('stats.col.demandsOnTime')}</Table.Th>
                <Table.Th ta="end">{t('stats.col.demandsOpen')}</Table.Th>
                <Table.Th ta="end">{t('stats.col.demandsOverdue')}</Table.Th>
                <Table.Th ta="end">{t('stats.col.medianDaysToResolve')}</Table.Th>
                <Table.Th ta="end">{t('stats.col.referralsMade')}</Table.Th>
                <Table.Th ta="end">{t('stats.col.referralsFollowedUp')}</Table.Th>
                <Table.Th ta="end">{t('stats.col.followUpRate')}</Table.Th>
                <Table.Th ta="end">{t('stats.col.resolutionsAssigned')}</Table.Th>
                <Table.Th ta="end">{t('stats.col.resolutionsDue')}</Table.Th>
                <Table.Th ta="end">{t('stats.col.resolutionsDone')}</Table.Th>
                <Table.Th ta="end">{t('stats.col.resolutionsRate')}</Table.Th>
                <Table.Th ta="end">{t('stats.col.satisfactionCount')}</Table.Th>
                <Table.Th ta="end">{t('stats.col.satisfactionMean')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {!data
                ? <LoadingRows count={8} colSpan={columns} />
                : data.items.map((row) => {
                    const expanded = (own && data.items.length === 1) || open === row.agencyId;
                    return (
                      <Fragment key={row.agencyId}>
                        <Table.Tr data-testid={`agency-row-${row.agencyId}`}>
                          <Table.Td className={classes.sticky}>
                            <Text size="sm" fw={500} dir="auto" style={{ whiteSpace: 'normal' }} miw={220} maw={300}>
                              {language === 'fa' ? row.agencyName : row.agencyNameEn}
                            </Text>
                          </Table.Td>
                          <Table.Td ta="center">
                            <Tooltip label={expanded ? t('stats.agencies.hideParts') : t('stats.agencies.showParts')}>
                              <UnstyledButton
                                onClick={() => {
                                  setOpen(expanded && !own ? null : row.agencyId);
                                  if (!expanded) requestAnimationFrame(() => document.getElementById('score-parts')?.scrollIntoView({ behavior: 'smooth', block: 'nearest' }));
                                }}
                                aria-expanded={expanded}
                                aria-controls="score-parts"
                                data-testid={`score-${row.agencyId}`}
                              >
                                <Badge size="lg" radius="sm" variant={expanded ? 'filled' : 'light'} color={scoreColor(row.score)} w={64} className="tabular" style={{ cursor: 'pointer' }}>
                                  {row.score === null ? '—' : formatNumber(row.score, language, 1)}
                                </Badge>
                              </UnstyledButton>
                            </Tooltip>
                          </Table.Td>
                          {cell(row, { source: 'demands', metric: 'assigned' }, row.demandsAssigned, t('stats.col.demandsAssigned'), `agency-${row.agencyId}-demandsAssigned`)}
                          {cell(row, { source: 'demands', metric: 'resolved' }, row.demandsResolved, t('stats.col.demandsResolved'), `agency-${row.agencyId}-demandsResolved`)}
                          {cell(row, { source: 'demands', metric: 'resolvedOnTime' }, row.demandsResolvedOnTime, t('stats.col.demandsOnTime'), `agency-${row.agencyId}-demandsOnTime`)}
                          {cell(row, { source: 'demands', metric: 'open' }, row.demandsOpen, t('stats.col.demandsOpen'), `agency-${row.agencyId}-demandsOpen`)}
                          {cell(row, { source: 'demands', metric: 'overdue' }, row.demandsOverdue, t('stats.col.demandsOverdue'), `agency-${row.agencyId}-demandsOverdue`, 'red.8')}
                          <Table.Td ta="end" className="tabular">
                            {f.days(row.medianDaysToResolve)}
                          </Table.Td>
                          {cell(row, { source: 'referrals', metric: 'referred' }, row.referralsMade, t('stats.col.referralsMade'), `agency-${row.agencyId}-referralsMade`)}
                          {cell(row, { source: 'referrals', metric: 'followedUp' }, row.referralsFollowedUp, t('stats.col.referralsFollowedUp'), `agency-${row.agencyId}-referralsFollowedUp`)}
                          <Table.Td ta="end" className="tabular">
                            {f.rate(row.referralsFollowedUpRate)}
                          </Table.Td>
                          {cell(row, { source: 'resolutions', metric: 'all' }, row.resolutionsAssigned, t('stats.col.resolutionsAssigned'), `agency-${row.agencyId}-resolutionsAssigned`)}
                          {cell(row, { source: 'resolutions', metric: 'due' }, row.resolutionsDue, t('stats.col.resolutionsDue'), `agency-${row.agencyId}-resolutionsDue`)}
                          {cell(row, { source: 'resolutions', metric: 'done' }, row.resolutionsDone, t('stats.col.resolutionsDone'), `agency-${row.agencyId}-resolutionsDone`)}
                          <Table.Td ta="end" className="tabular">
                            {f.rate(row.resolutionsRate)}
                          </Table.Td>
                          {cell(row, { source: 'demands', metric: 'rated' }, row.satisfaction.count, t('stats.col.satisfactionCount'), `agency-${row.agencyId}-satisfactionCount`)}
                          <Table.Td ta="end" className="tabular" data-testid={`agency-${row.agencyId}-satisfactionMean`}>
                            {row.satisfaction.mean === null ? '—' : t('stats.satisfaction.mean', { mean: f.decimal(row.satisfaction.mean, 2) })}
                          </Table.Td>
                        </Table.Tr>
                      </Fragment>
                    );
                  })}
              {data && data.items.length === 0 ? <EmptyTableRow colSpan={columns} text={t('stats.agencies.empty')} /> : null}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Group px="md" py="xs" bg="gray.0" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
          <Text size="xs" c="dimmed">
            {t('stats.agencies.legend')}
          </Text>
          <Text size="xs" c="dimmed">
            {t('stats.agencies.satisfactionNote')}
          </Text>
        </Group>
      </Paper>
      {selected ? (
        <Paper withBorder radius="md" shadow="xs" mt="md" p="lg" id="score-parts">
          <ScoreBreakdown row={selected} viewer={viewer} />
        </Paper>
      ) : null}
    </>
  );
}

/** How one agency's score is made: every part with its weight, its fraction, its value and what it adds. */
function ScoreBreakdown({ row, viewer }: { row: AgencyRow; viewer: StatsViewer }) {
  const { t, language } = useI18n();
  const f = useStatsFormat();
  const counted = row.scoreParts.filter((p) => p.value !== null);
  const weightSum = counted.reduce((a, p) => a + p.weight, 0);
  const contribution = (p: ScorePart) => (p.value === null || weightSum === 0 ? null : (100 * p.weight * p.value) / weightSum);
  const name = language === 'fa' ? row.agencyName : row.agencyNameEn;
  const drill = (target: DrillTarget | null, figure: number, what: string) =>
    target ? (
      <DrillValue request={{ ...target, agencyId: row.agencyId, title: t('stats.drill.agencyMetric', { agency: name, what }), figure }} enabled={canDrillAgency(viewer, row.agencyId)} />
    ) : (
      <span className="tabular">{formatNumber(figure, language)}</span>
    );
  return (
    <Stack gap="sm" data-testid={`score-parts-${row.agencyId}`}>
      <Text fw={600}>{t('stats.agencies.partsTitle', { agency: name })}</Text>
      <Table.ScrollContainer minWidth={720}>
        <Table fz="sm" verticalSpacing={6} withTableBorder>
          <Table.Thead bg="gray.0">
            <Table.Tr>
              <Table.Th>{t('stats.formula.part')}</Table.Th>
              <Table.Th ta="end">{t('stats.formula.weight')}</Table.Th>
              <Table.Th ta="center">{t('stats.formula.fraction')}</Table.Th>
              <Table.Th ta="end">{t('stats.formula.value')}</Table.Th>
              <Table.Th w={160} />
              <Table.Th ta="end">{t('stats.formula.points')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {row.scoreParts.map((p) => {
              const records = PART_RECORDS[p.key];
              const label = language === 'fa' ? p.label.fa : p.label.en;
              const points = contribution(p);
              return (
                <Table.Tr key={p.key} c={p.value === null ? 'dimmed' : undefined} data-testid={`part-${p.key}`}>
                  <Table.Td style={{ whiteSpace: 'normal' }}>{label}</Table.Td>
                  <Table.Td ta="end" className="tabular">
                    {f.rate(p.weight, 0)}
                  </Table.Td>
                  <Table.Td ta="center" className="tabular" style={{ whiteSpace: 'nowrap' }}>
                    {records ? drill(records.numerator, p.numerator, label) : formatNumber(p.numerator, language)}
                    <Text span c="dimmed" mx={6}>
                      {t('stats.formula.of')}
                    </Text>
                    {records ? drill(records.denominator, p.denominator, label) : formatNumber(p.denominator, language)}
                  </Table.Td>
                  <Table.Td ta="end" className="tabular" fw={600}>
                    {p.value === null ? t('stats.formula.noData') : f.rate(p.value)}
                  </Table.Td>
                  <Table.Td>{p.value === null ? null : <Progress value={p.value * 100} size={6} radius="xl" color={scoreColor(p.value * 100)} aria-label={`${label}: ${f.rate(p.value)}`} />}</Table.Td>
                  <Table.Td ta="end" className="tabular">
                    {points === null ? '—' : f.decimal(points)}
                  </Table.Td>
                </Table.Tr>
              );
            })}
            <Table.Tr>
              <Table.Td colSpan={5} fw={700}>
                {t('stats.formula.total', { weights: f.rate(weightSum, 0) })}
              </Table.Td>
              <Table.Td ta="end" fw={700} className="tabular">
                {row.score === null ? '—' : f.decimal(row.score)}
              </Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {counted.length < row.scoreParts.length ? (
        <Text size="xs" c="dimmed">
          {t('stats.formula.renormalised')}
        </Text>
      ) : null}
    </Stack>
  );
}

import { Grid, Skeleton, Table } from '@mantine/core';
import { useMemo } from 'react';
import { useI18n, type MessageKey } from '../../../lib/i18n.js';
import type { DrillSource, OverviewStats } from '../api/stats-api.js';
import { DrillValue } from './drilldown.js';
import { StatsChart, type ChartSpec } from './stats-chart.js';
import { useStatsFormat } from './stats-format.js';
import { Amount, Section } from './stats-ui.js';

/**
 * The dashboard's two funnels: the bank referrals' (from the introduction to the payment) and the national programs'
 * applications' (issue 11, from the application to the bank's payment). The charted steps are drawn, the exits are
 * listed in the table only.
 */
const FUNNELS = {
  referrals: { testId: 'funnel', messages: 'stats.funnel', drillTitle: 'stats.drill.referrals', source: 'referrals', chartHeight: 260, charted: ['referred', 'received', 'approved', 'paid'], exits: ['rejected', 'withdrawn'] },
  applications: {
    testId: 'application-funnel',
    messages: 'stats.appFunnel',
    drillTitle: 'stats.appFunnel.drill',
    source: 'loan-applications',
    chartHeight: 300,
    charted: ['applied', 'screened', 'approvedForReferral', 'referred', 'bankApproved', 'paid'],
    exits: ['returned', 'rejected', 'withdrawn', 'open'],
  },
} as const satisfies Record<string, { testId: string; messages: string; drillTitle: MessageKey; source: DrillSource; chartHeight: number; charted: readonly string[]; exits: readonly string[] }>;

/** The funnels' greens, lightest to darkest: a funnel's last step (the payment) always takes the darkest. */
const RAMP = ['#8cc7b6', '#6bb5a0', '#4ca38a', '#248f71', '#147b60', '#005e48'] as const;
const stepColor = (index: number, steps: number) => RAMP[RAMP.length - steps + index] ?? RAMP[0];

type FunnelKind = keyof typeof FUNNELS;

/** One funnel: its chart beside a table of every step and exit (rejected in red, the other exits dimmed), each count opening its records. */
export function FunnelCard({ kind, data }: { kind: FunnelKind; data: OverviewStats | undefined }) {
  const { t } = useI18n();
  const f = useStatsFormat();
  const funnel = FUNNELS[kind];
  const stages = kind === 'referrals' ? data?.funnel : data?.applicationFunnel;
  const label = (stage: string) => t(`${funnel.messages}.${stage}` as MessageKey);
  const stageOf = (key: string) => stages?.find((s) => s.stage === key);
  const spec = useMemo<ChartSpec | null>(() => {
    if (!stages) return null;
    return {
      kind: 'funnel',
      stages: funnel.charted.map((stage, i) => {
        const s = stages.find((x) => x.stage === stage);
        return { name: t(`${funnel.messages}.${stage}` as MessageKey), count: s?.count ?? 0, detail: t('stats.amountBillion', { amount: f.amount(s?.amount ?? '0') }), color: stepColor(i, funnel.charted.length) };
      }),
    };
  }, [stages, funnel, t, f]);
  const title = t(`${funnel.messages}.title` as MessageKey);
  const exits: readonly string[] = funnel.exits;
  return (
    <Section title={title} subtitle={t(`${funnel.messages}.subtitle` as MessageKey)} h="100%" testId={funnel.testId}>
      <Grid gap="md" align="center">
        <Grid.Col span={{ base: 12, sm: 7 }}>
          {spec ? <StatsChart spec={spec} height={funnel.chartHeight} label={title} testId={`chart-${funnel.testId}`} /> : <Skeleton h={funnel.chartHeight} />}
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 5 }}>
          <Table verticalSpacing={6} horizontalSpacing="xs" fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('stats.funnel.stage')}</Table.Th>
                <Table.Th ta="end">{t('stats.funnel.count')}</Table.Th>
                <Table.Th ta="end">{t('stats.billionShort')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {[...funnel.charted, ...exits].map((stage) => {
                const s = stageOf(stage);
                return (
                  <Table.Tr key={stage}>
                    <Table.Td c={stage === 'rejected' ? 'red.8' : exits.includes(stage) ? 'dimmed' : undefined} style={{ whiteSpace: 'nowrap' }}>
                      {label(stage)}
                    </Table.Td>
                    <Table.Td ta="end">
                      {s ? <DrillValue request={{ source: funnel.source, metric: stage, title: t(funnel.drillTitle, { what: label(stage) }), figure: s.count }} testId={`${funnel.testId}-${stage}`} /> : '…'}
                    </Table.Td>
                    <Table.Td ta="end">{s ? <Amount rials={s.amount} /> : '…'}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Grid.Col>
      </Grid>
    </Section>
  );
}

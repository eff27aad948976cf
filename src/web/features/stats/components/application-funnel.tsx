import { Grid, Skeleton, Table } from '@mantine/core';
import { useMemo } from 'react';
import { useI18n, type MessageKey } from '../../../lib/i18n.js';
import type { OverviewStats } from '../api/stats-api.js';
import { DrillValue } from './drilldown.js';
import { StatsChart, type ChartSpec } from './stats-chart.js';
import { useStatsFormat } from './stats-format.js';
import { Amount, Section } from './stats-ui.js';

/** The national programs' funnel (issue 11): from the application to the bank's payment, each step drilling down. */
const STEPS = [
  { stage: 'applied', color: '#8cc7b6' },
  { stage: 'screened', color: '#6bb5a0' },
  { stage: 'approvedForReferral', color: '#4ca38a' },
  { stage: 'referred', color: '#248f71' },
  { stage: 'bankApproved', color: '#147b60' },
  { stage: 'paid', color: '#005e48' },
] as const;
const SIDE = ['returned', 'rejected', 'withdrawn', 'open'] as const;

const label = (stage: string) => `stats.appFunnel.${stage}` as MessageKey;

export function ApplicationFunnelCard({ data }: { data: OverviewStats | undefined }) {
  const { t } = useI18n();
  const f = useStatsFormat();
  const stages = data?.applicationFunnel;
  const stageOf = (key: string) => stages?.find((s) => s.stage === key);
  const spec = useMemo<ChartSpec | null>(() => {
    if (!stages) return null;
    return {
      kind: 'funnel',
      stages: STEPS.map(({ stage, color }) => {
        const s = stages.find((x) => x.stage === stage);
        return { name: t(label(stage)), count: s?.count ?? 0, detail: t('stats.amountBillion', { amount: f.amount(s?.amount ?? '0') }), color };
      }),
    };
  }, [stages, t, f]);
  return (
    <Section title={t('stats.appFunnel.title')} subtitle={t('stats.appFunnel.subtitle')} h="100%" testId="application-funnel">
      <Grid gap="md" align="center">
        <Grid.Col span={{ base: 12, sm: 7 }}>{spec ? <StatsChart spec={spec} height={300} label={t('stats.appFunnel.title')} testId="chart-application-funnel" /> : <Skeleton h={300} />}</Grid.Col>
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
              {[...STEPS.map((s) => s.stage), ...SIDE].map((stage) => {
                const s = stageOf(stage);
                const side = (SIDE as readonly string[]).includes(stage);
                return (
                  <Table.Tr key={stage}>
                    <Table.Td c={stage === 'rejected' ? 'red.8' : side ? 'dimmed' : undefined} style={{ whiteSpace: 'nowrap' }}>
                      {t(label(stage))}
                    </Table.Td>
                    <Table.Td ta="end">
                      {s ? <DrillValue request={{ source: 'loan-applications', metric: stage, title: t('stats.appFunnel.drill', { what: t(label(stage)) }), figure: s.count }} testId={`app-funnel-${stage}`} /> : '…'}
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

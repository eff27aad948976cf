import { Center, Skeleton } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { useLanguage } from '../../../lib/i18n.js';
import type { StatsChartProps } from './stats-chart-spec.js';

/**
 * Charts as data: the pages describe what to draw, and the ECharts code that draws it is loaded only when a
 * chart is first shown (its own chunk), so the app's main bundle does not carry it.
 */
export type { CartesianSpec, ChartSeries, ChartSpec, FunnelSpec, StatsChartProps, ValueFormat } from './stats-chart-spec.js';

const ChartImpl = lazy(() => import('./stats-chart-impl.js'));

export function StatsChart(props: StatsChartProps) {
  const language = useLanguage();
  return (
    <Suspense
      fallback={
        <Center h={props.height} data-chart-pending="">
          <Skeleton height={props.height - 16} radius="md" />
        </Center>
      }
    >
      <ChartImpl {...props} language={language} />
    </Suspense>
  );
}

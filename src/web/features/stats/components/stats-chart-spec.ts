/** What a chart draws, as data: the pages describe it, stats-chart-impl.tsx draws it with ECharts. */
export type ValueFormat = 'count' | 'billion' | 'percent';

export interface ChartSeries {
  name: string;
  values: readonly (number | null)[];
  type?: 'bar' | 'line';
  color?: string;
  /** how the values read; the chart's own format when absent */
  format?: ValueFormat;
  /** 1: the second value axis (on the other side) */
  axis?: 0 | 1;
  dashed?: boolean;
  area?: boolean;
  /** print each value beside its bar */
  labels?: boolean;
}

export interface CartesianSpec {
  kind: 'cartesian';
  categories: readonly string[];
  series: readonly ChartSeries[];
  format: ValueFormat;
  secondFormat?: ValueFormat;
  /** categories down the side (long names: banks, provinces), values across */
  horizontal?: boolean;
  /** the unit under the value axis («میلیارد ریال») */
  axisName?: string;
  secondAxisName?: string;
}

export interface FunnelSpec {
  kind: 'funnel';
  stages: readonly { name: string; count: number; detail: string; color: string }[];
}

export type ChartSpec = CartesianSpec | FunnelSpec;

export interface StatsChartProps {
  spec: ChartSpec;
  height: number;
  /** a bar or a stage was clicked: its index in the categories/stages */
  onSelect?: ((index: number) => void) | undefined;
  label: string;
  testId?: string;
}

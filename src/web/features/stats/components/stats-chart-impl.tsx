/**
 * The ECharts side of StatsChart, loaded lazily. ECharts knows nothing of right-to-left: in Persian the category
 * axis runs from the right (`inverse`), the value axis stands on the right, labels use Persian digits through
 * formatters, and the text uses the app's Vazirmatn.
 */
import { Skeleton } from '@mantine/core';
import * as echartsForReact from 'echarts-for-react/esm/core.js';
import { BarChart, FunnelChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsOption } from 'echarts';
import { useMemo } from 'react';
import { formatNumber, type Language } from '../../../lib/i18n.js';
import type { CartesianSpec, FunnelSpec, StatsChartProps, ValueFormat } from './stats-chart-spec.js';
import { useFontReady } from '../hooks/use-font-ready.js';

echarts.use([BarChart, LineChart, FunnelChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

// echarts-for-react ships CommonJS typings beside ES modules: under NodeNext the typings put the component one
// `default` deeper than the bundler does. Take whichever the runtime has.
type CoreComponent = typeof echartsForReact.default.default;
const moduleDefault = echartsForReact.default as unknown as CoreComponent | { default: CoreComponent };
const ReactECharts: CoreComponent = 'default' in moduleDefault ? moduleDefault.default : moduleDefault;

const FONT = 'Vazirmatn, Tahoma, sans-serif';
const AXIS_COLOR = '#868e96';
const GRID_LINE = '#e9ecef';
const TEXT = '#343a40';

function formatValue(value: number | null | undefined, format: ValueFormat, language: Language): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  if (format === 'percent') return `${formatNumber(value, language, 1)}${language === 'fa' ? '٪' : '%'}`;
  return formatNumber(value, language, format === 'billion' ? 1 : 0);
}

/** Axis ticks: compact (no decimals on billions). */
function formatTick(value: number, format: ValueFormat, language: Language): string {
  if (format === 'percent') return `${formatNumber(value, language, 0)}${language === 'fa' ? '٪' : '%'}`;
  return formatNumber(value, language, 0);
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

interface TooltipParam {
  dataIndex: number;
  seriesIndex?: number;
  seriesName?: string;
  marker?: string;
  value?: unknown;
  name?: string;
}

function cartesianOption(spec: CartesianSpec, language: Language): EChartsOption {
  const rtl = language === 'fa';
  const dir = rtl ? 'rtl' : 'ltr';
  const formatOf = (i: number) => spec.series[i]?.format ?? (spec.series[i]?.axis === 1 ? (spec.secondFormat ?? spec.format) : spec.format);
  const hasSecond = spec.series.some((s) => s.axis === 1);
  const valueAxis = (index: 0 | 1) => {
    const format = index === 0 ? spec.format : (spec.secondFormat ?? spec.format);
    const name = index === 0 ? spec.axisName : spec.secondAxisName;
    return {
      type: 'value' as const,
      name,
      nameTextStyle: { color: AXIS_COLOR, fontSize: 11, align: (spec.horizontal ? 'center' : rtl !== (index === 1) ? 'right' : 'left') as 'right' | 'left' | 'center' },
      nameLocation: spec.horizontal ? ('middle' as const) : ('end' as const),
      nameGap: spec.horizontal ? 28 : 14,
      axisLabel: { color: AXIS_COLOR, formatter: (v: number) => formatTick(v, format, language), hideOverlap: true },
      // counts step by whole numbers (no «۲ ۲ ۳ ۳» from rounded half steps)
      minInterval: format === 'count' ? 1 : undefined,
      splitLine: { show: index === 0, lineStyle: { color: GRID_LINE } },
      // room past the longest bar for its printed value
      boundaryGap: spec.series.some((x) => x.labels) ? ([0, '8%'] as [number, string]) : undefined,
      axisLine: { show: false },
    };
  };
  const categoryAxis = {
    type: 'category' as const,
    data: [...spec.categories],
    axisTick: { show: false },
    axisLine: { lineStyle: { color: '#ced4da' } },
    axisLabel: {
      color: TEXT,
      interval: 0,
      // a year of Jalali month names does not fit level under a half-width chart: tilt them
      rotate: !spec.horizontal && spec.categories.length > 6 ? (rtl ? -35 : 35) : 0,
      width: spec.horizontal ? 150 : 90,
      overflow: 'truncate' as const,
    },
  };
  const series = spec.series.map((s, i) => {
    const common = {
      name: s.name,
      data: [...s.values],
      itemStyle: { color: s.color },
      yAxisIndex: spec.horizontal ? 0 : (s.axis ?? 0),
      xAxisIndex: spec.horizontal ? (s.axis ?? 0) : 0,
    };
    if (s.type === 'line') {
      return {
        ...common,
        type: 'line' as const,
        smooth: false,
        symbol: 'circle',
        symbolSize: 6,
        lineStyle: { width: 2.5, color: s.color, type: s.dashed ? ('dashed' as const) : ('solid' as const) },
        areaStyle: s.area ? { opacity: 0.08, color: s.color } : undefined,
        connectNulls: true,
      };
    }
    return {
      ...common,
      type: 'bar' as const,
      barMaxWidth: spec.horizontal ? 16 : 28,
      barGap: '20%',
      itemStyle: { color: s.color, borderRadius: 2 },
      label: s.labels
        ? {
            show: true,
            position: (spec.horizontal ? (rtl ? 'left' : 'right') : 'top') as 'left' | 'right' | 'top',
            color: TEXT,
            fontSize: 11,
            formatter: (p: { value?: unknown }) => formatValue(typeof p.value === 'number' ? p.value : null, formatOf(i), language),
          }
        : undefined,
    };
  });
  const tooltipFormatter = (raw: unknown) => {
    const params = (Array.isArray(raw) ? raw : [raw]) as TooltipParam[];
    const first = params[0];
    if (!first) return '';
    const title = spec.categories[first.dataIndex] ?? '';
    const lines = params.map(
      (p) =>
        `<div style="display:flex;gap:12px;justify-content:space-between"><span>${p.marker ?? ''}${escapeHtml(p.seriesName ?? '')}</span><b>${escapeHtml(formatValue(typeof p.value === 'number' ? p.value : null, formatOf(p.seriesIndex ?? 0), language))}</b></div>`,
    );
    return `<div dir="${dir}" style="font-family:${FONT};text-align:start;min-width:160px"><div style="font-weight:600;margin-bottom:4px">${escapeHtml(title)}</div>${lines.join('')}</div>`;
  };
  const valueAxes = hasSecond ? [valueAxis(0), valueAxis(1)] : [valueAxis(0)];
  return {
    textStyle: { fontFamily: FONT },
    animationDuration: 400,
    color: spec.series.map((s) => s.color ?? '#086d55'),
    legend: {
      top: 0,
      [rtl ? 'right' : 'left']: 4,
      align: rtl ? 'right' : 'left',
      itemWidth: 14,
      itemHeight: 10,
      itemGap: 16,
      textStyle: { color: TEXT, fontFamily: FONT },
      show: spec.series.length > 1,
      // items are laid out left to right: in Persian the first series must stand at the right
      data: rtl ? spec.series.map((x) => x.name).reverse() : spec.series.map((x) => x.name),
    },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: spec.series.some((s) => s.type === 'line') ? 'line' : 'shadow' },
      formatter: tooltipFormatter,
      textStyle: { fontFamily: FONT, color: TEXT },
      confine: true,
    },
    grid: { top: (spec.series.length > 1 ? 40 : 24) + (spec.axisName && !spec.horizontal ? 12 : 0), bottom: spec.horizontal ? 36 : 8, left: 12, right: 12 },
    ...(spec.horizontal
      ? {
          // bank and province names down the reading-start side, the bars growing toward the reading end
          yAxis: { ...categoryAxis, inverse: true, position: rtl ? ('right' as const) : ('left' as const) },
          xAxis: valueAxes.map((a, i) => ({ ...a, inverse: rtl, position: i === 0 ? ('bottom' as const) : ('top' as const) })),
        }
      : {
          xAxis: { ...categoryAxis, inverse: rtl },
          yAxis: valueAxes.map((a, i) => ({ ...a, position: (i === 0) === rtl ? ('right' as const) : ('left' as const) })),
        }),
    series,
  } as EChartsOption;
}

function funnelOption(spec: FunnelSpec, language: Language): EChartsOption {
  const dir = language === 'fa' ? 'rtl' : 'ltr';
  const max = Math.max(1, ...spec.stages.map((s) => s.count));
  return {
    textStyle: { fontFamily: FONT },
    animationDuration: 400,
    tooltip: {
      trigger: 'item',
      confine: true,
      textStyle: { fontFamily: FONT, color: TEXT },
      formatter: (raw: unknown) => {
        const p = raw as TooltipParam;
        const stage = spec.stages[p.dataIndex];
        if (!stage) return '';
        return `<div dir="${dir}" style="font-family:${FONT};text-align:start"><b>${escapeHtml(stage.name)}</b><br/>${escapeHtml(formatNumber(stage.count, language))} — ${escapeHtml(stage.detail)}</div>`;
      },
    },
    series: [
      {
        type: 'funnel',
        sort: 'none',
        left: '4%',
        right: '4%',
        top: 6,
        bottom: 6,
        min: 0,
        max,
        minSize: '38%',
        maxSize: '100%',
        gap: 3,
        label: {
          show: true,
          position: 'inside',
          color: '#fff',
          fontFamily: FONT,
          fontSize: 12,
          lineHeight: 17,
          formatter: (p: { dataIndex: number }) => {
            const stage = spec.stages[p.dataIndex];
            return stage ? `${stage.name}: ${formatNumber(stage.count, language)}\n${stage.detail}` : '';
          },
        },
        itemStyle: { borderColor: '#fff', borderWidth: 1 },
        emphasis: { label: { fontWeight: 'bold' } },
        data: spec.stages.map((s) => ({ name: s.name, value: s.count, itemStyle: { color: s.color } })),
      },
    ],
  } as EChartsOption;
}

export default function StatsChartImpl({ spec, height, onSelect, label, testId, language }: StatsChartProps & { language: Language }) {
  const fontReady = useFontReady();
  const option = useMemo(() => (spec.kind === 'funnel' ? funnelOption(spec, language) : cartesianOption(spec, language)), [spec, language]);
  const onEvents = useMemo(() => (onSelect ? { click: (p: { dataIndex?: number }) => typeof p.dataIndex === 'number' && onSelect(p.dataIndex) } : undefined), [onSelect]);
  if (!fontReady) return <Skeleton height={height} radius="md" />;
  return (
    <div role="img" aria-label={label} data-testid={testId} data-chart={spec.kind}>
      <ReactECharts
        echarts={echarts}
        option={option}
        notMerge
        lazyUpdate
        style={{ height, width: '100%', cursor: onSelect ? 'pointer' : 'default' }}
        opts={{ renderer: 'canvas' }}
        {...(onEvents ? { onEvents } : {})}
      />
    </div>
  );
}

/**
 * The ECharts side of RegionMap, loaded lazily: a `map` series over an SVG — Iran's provinces (shipped in
 * ../maps/iran-provinces.svg) or the county tiles made from ../maps/county-tiles.ts — coloured by a
 * continuous scale from pale to the office's green. A click on a region calls `onSelect` with its id.
 */
import { Skeleton } from '@mantine/core';
import * as echartsForReact from 'echarts-for-react/esm/core.js';
import { MapChart } from 'echarts/charts';
import { TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsOption } from 'echarts';
import { useMemo, useRef } from 'react';
import { formatNumber, type Language } from '../../../lib/i18n.js';
import iranSvg from '../maps/iran-provinces.svg?raw';
import { layoutTiles, tileCenter, tilesSvg } from '../maps/county-tiles.js';
import type { RegionMapProps } from './region-map.js';
import { useFontReady } from '../hooks/use-font-ready.js';

echarts.use([MapChart, TooltipComponent, VisualMapComponent, CanvasRenderer]);

type CoreComponent = typeof echartsForReact.default.default;
const moduleDefault = echartsForReact.default as unknown as CoreComponent | { default: CoreComponent };
const ReactECharts: CoreComponent = 'default' in moduleDefault ? moduleDefault.default : moduleDefault;

const FONT = 'Vazirmatn, Tahoma, sans-serif';
const IRAN = 'tashil-iran';
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

let iranRegistered = false;
const countyMaps = new Set<string>();

/** Registers the map the regions need (once per set of counties) and says its name. */
function mapFor(kind: RegionMapProps['kind'], ids: readonly string[]): { name: string; centers: Map<string, [number, number]> | null } {
  if (kind === 'iran') {
    if (!iranRegistered) {
      echarts.registerMap(IRAN, { svg: iranSvg });
      iranRegistered = true;
    }
    return { name: IRAN, centers: null };
  }
  const tiles = layoutTiles(ids);
  const name = `tashil-counties:${ids.join(',')}`;
  if (!countyMaps.has(name)) {
    echarts.registerMap(name, { svg: tilesSvg(tiles) });
    countyMaps.add(name);
  }
  return { name, centers: new Map(tiles.map((t) => [t.id, tileCenter(t)])) };
}

export default function RegionMapImpl({ kind, regions, selectedId, onSelect, height, label, testId, language }: RegionMapProps & { language: Language }) {
  const ids = useMemo(() => regions.map((r) => r.id), [regions]);
  const map = useMemo(() => mapFor(kind, ids), [kind, ids]);
  const byId = useMemo(() => new Map(regions.map((r) => [r.id, r])), [regions]);
  const values = regions.map((r) => r.value).filter((v): v is number => v !== null);
  const max = Math.max(1, ...values);
  const rtl = language === 'fa';
  const option = useMemo<EChartsOption>(
    () => ({
      textStyle: { fontFamily: FONT },
      animationDuration: 300,
      tooltip: {
        trigger: 'item',
        confine: true,
        textStyle: { fontFamily: FONT, color: '#343a40' },
        formatter: (raw: unknown) => {
          const r = byId.get((raw as { name?: string }).name ?? '');
          if (!r) return '';
          return `<div dir="${rtl ? 'rtl' : 'ltr'}" style="font-family:${FONT};text-align:start"><b>${escapeHtml(r.name)}</b><br/>${escapeHtml(label)}: <b>${escapeHtml(r.display)}</b></div>`;
        },
      },
      visualMap: {
        type: 'continuous',
        min: 0,
        max,
        orient: 'horizontal',
        bottom: 0,
        [rtl ? 'right' : 'left']: 8,
        itemWidth: 12,
        itemHeight: 120,
        calculable: false,
        inRange: { color: ['#e6f2ee', '#74b8a4', '#086d55'] },
        text: [formatNumber(max, language, 0), formatNumber(0, language, 0)],
        textStyle: { fontFamily: FONT, color: '#495057' },
        // regions without a figure stay grey
        outOfRange: { color: '#f1f3f5' },
      },
      series: [
        {
          type: 'map',
          map: map.name,
          roam: false,
          selectedMode: false,
          layoutCenter: ['50%', kind === 'iran' ? '48%' : '44%'],
          layoutSize: kind === 'iran' ? '104%' : '84%',
          itemStyle: { borderColor: '#ffffff', borderWidth: kind === 'iran' ? 1 : 2, areaColor: '#f1f3f5' },
          emphasis: { itemStyle: { areaColor: '#efab14' }, label: { show: true, color: '#1b2b26' } },
          label: {
            show: kind === 'counties',
            fontFamily: FONT,
            fontSize: 12,
            lineHeight: 18,
            color: '#1b2b26',
            formatter: (p: { name?: string }) => {
              const r = byId.get(p.name ?? '');
              return r ? `{name|${r.name}}\n{value|${r.display}}` : '';
            },
            rich: { name: { fontWeight: 600, fontSize: 13, fontFamily: FONT }, value: { fontSize: 12, fontFamily: FONT } },
          },
          data: regions.map((r) => ({
            name: r.id,
            value: r.value ?? undefined,
            ...(r.id === selectedId ? { itemStyle: { borderColor: '#efab14', borderWidth: 4 } } : {}),
          })),
        },
      ],
    }),
    [map.name, regions, byId, max, rtl, language, label, selectedId, kind],
  );
  const box = useRef<HTMLDivElement>(null);
  const onEvents = useMemo(
    () => ({
      click: (p: { name?: string }) => {
        if (p.name && onSelect && byId.has(p.name)) onSelect(p.name);
      },
      // where each region sits on screen, for the browser journeys (a canvas has no elements to click)
      finished: (_params: unknown, chart: echarts.ECharts) => {
        if (!box.current) return;
        const at: Record<string, [number, number]> = {};
        for (const id of byId.keys()) {
          const c = map.centers?.get(id) ?? regionCenter(chart, id);
          const px = c ? (chart.convertToPixel({ seriesIndex: 0 }, c) as unknown) : null;
          if (Array.isArray(px)) at[id] = [Math.round(px[0] as number), Math.round(px[1] as number)];
        }
        box.current.dataset['centers'] = JSON.stringify(at);
      },
    }),
    [onSelect, byId, map.centers],
  );
  const fontReady = useFontReady();
  if (!fontReady) return <Skeleton height={height} radius="md" />;
  return (
    <div ref={box} role="img" aria-label={label} data-testid={testId} data-map={kind}>
      <ReactECharts echarts={echarts} option={option} notMerge lazyUpdate style={{ height, width: '100%', cursor: onSelect ? 'pointer' : 'default' }} opts={{ renderer: 'canvas' }} onEvents={onEvents} />
    </div>
  );
}

/**
 * A province's centre in the map's own coordinates, read from the map series' geo (ECharts keeps it on the
 * series model); null when this version keeps it elsewhere — the journeys then pick provinces from the list.
 */
function regionCenter(chart: echarts.ECharts, name: string): number[] | null {
  try {
    const model = (chart as unknown as { getModel(): { getSeriesByIndex(i: number): { coordinateSystem?: { getRegion(n: string): { getCenter(): number[] } | undefined } } } }).getModel();
    return model.getSeriesByIndex(0).coordinateSystem?.getRegion(name)?.getCenter() ?? null;
  } catch {
    return null;
  }
}

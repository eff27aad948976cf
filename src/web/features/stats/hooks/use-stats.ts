import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useLanguage } from '../../../lib/i18n.js';
import { agencyStatsQuery, bankStatsQuery, countyStatsQuery, overviewQuery, provinceStatsQuery, systemicQuery, trendQuery } from '../api/stats-queries.js';
import {
  createReportedFigure,
  fetchDrilldown,
  fetchPlannedSessions,
  proposeAgendaItem,
  putVisitTarget,
  type DrillTarget,
  type ReportedFigureBody,
  type StatsFilters,
  type TrendMetric,
} from '../api/stats-api.js';

// Each page's figures: their query options (and the language in their keys) live in api/stats-queries.ts.

export function useOverview(f: StatsFilters) {
  return useQuery(overviewQuery(f, useLanguage()));
}

export function useBankStats(f: StatsFilters, enabled = true) {
  return useQuery({ ...bankStatsQuery(f, useLanguage()), enabled });
}

export function useCountyStats(f: StatsFilters, enabled = true) {
  return useQuery({ ...countyStatsQuery(f, useLanguage()), enabled });
}

export function useAgencyStats(f: StatsFilters) {
  return useQuery(agencyStatsQuery(f, useLanguage()));
}

export function useTrend(f: StatsFilters, metric: TrendMetric) {
  return useQuery(trendQuery(f, metric));
}

export function useProvinceStats(f: StatsFilters, enabled = true) {
  return useQuery({ ...provinceStatsQuery(f, useLanguage()), enabled });
}

export function useSystemic(f: StatsFilters) {
  return useQuery(systemicQuery(f, useLanguage()));
}

export function useDrilldown(f: StatsFilters, target: DrillTarget | null, page: number, pageSize: number) {
  return useQuery({
    queryKey: ['stats', 'drilldown', f, target, page, pageSize],
    queryFn: ({ signal }) => fetchDrilldown(f, target!, page, pageSize, signal),
    enabled: target !== null,
    // the previous page stays on screen while the next loads — but never another figure's list
    placeholderData: (previous, previousQuery) =>
      previousQuery && JSON.stringify(previousQuery.queryKey.slice(0, 4)) === JSON.stringify(['stats', 'drilldown', f, target]) ? previous : undefined,
  });
}

export function usePlannedSessions(enabled: boolean) {
  return useQuery({ queryKey: ['sessions', 'list', 'planned-for-stats'], queryFn: ({ signal }) => fetchPlannedSessions(signal), enabled, staleTime: 60_000 });
}

export function useCreateReportedFigure() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ReportedFigureBody) => createReportedFigure(body),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['stats', 'overview'] }),
  });
}

export function useSetVisitTarget() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ fiscalYear, target }: { fiscalYear: number; target: number }) => putVisitTarget(fiscalYear, target),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['stats', 'overview'] }),
  });
}

export function useProposeAgendaItem() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ sessionId, subject, unitId }: { sessionId: string; subject: string; unitId?: string | null }) => proposeAgendaItem(sessionId, { subject, ...(unitId ? { unitId } : {}) }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['sessions'] }),
  });
}

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useLanguage } from '../../../lib/i18n.js';
import {
  createReportedFigure,
  fetchAgencyStats,
  fetchBankStats,
  fetchCountyStats,
  fetchDrilldown,
  fetchOverview,
  fetchPlannedSessions,
  fetchProvinceStats,
  fetchSystemic,
  fetchTrend,
  proposeAgendaItem,
  putVisitTarget,
  type DrillTarget,
  type ReportedFigureBody,
  type StatsFilters,
  type TrendMetric,
} from '../api/stats-api.js';

// The server names statuses, categories and banks in the request's language: the language is part of every key.

export function useOverview(f: StatsFilters) {
  const lang = useLanguage();
  return useQuery({ queryKey: ['stats', 'overview', f, lang], queryFn: ({ signal }) => fetchOverview(f, signal), placeholderData: keepPreviousData });
}

export function useBankStats(f: StatsFilters, enabled = true) {
  const lang = useLanguage();
  return useQuery({ queryKey: ['stats', 'banks', f, lang], queryFn: ({ signal }) => fetchBankStats(f, signal), placeholderData: keepPreviousData, enabled });
}

export function useCountyStats(f: StatsFilters, enabled = true) {
  const lang = useLanguage();
  return useQuery({ queryKey: ['stats', 'counties', f, lang], queryFn: ({ signal }) => fetchCountyStats(f, signal), placeholderData: keepPreviousData, enabled });
}

export function useAgencyStats(f: StatsFilters) {
  const lang = useLanguage();
  return useQuery({ queryKey: ['stats', 'agencies', f, lang], queryFn: ({ signal }) => fetchAgencyStats(f, signal), placeholderData: keepPreviousData });
}

export function useTrend(f: StatsFilters, metric: TrendMetric) {
  return useQuery({ queryKey: ['stats', 'trend', f, metric], queryFn: ({ signal }) => fetchTrend(f, metric, signal), placeholderData: keepPreviousData });
}

export function useProvinceStats(f: StatsFilters, enabled = true) {
  const lang = useLanguage();
  return useQuery({ queryKey: ['stats', 'provinces', f, lang], queryFn: ({ signal }) => fetchProvinceStats(f, signal), placeholderData: keepPreviousData, enabled });
}

export function useSystemic(f: StatsFilters) {
  const lang = useLanguage();
  return useQuery({ queryKey: ['stats', 'systemic', f, lang], queryFn: ({ signal }) => fetchSystemic(f, signal), placeholderData: keepPreviousData });
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

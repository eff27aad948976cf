import type { z } from 'zod';
import type {
  agencyRow,
  agencyStats,
  bankRow,
  bankStats,
  countyRow,
  countyStats,
  createReportedFigure as createReportedFigureBody,
  DRILL_SOURCES,
  drilldownItem,
  drilldownList,
  overviewStats,
  provinceStats,
  REPORTED_METRICS,
  reportedComparison,
  reportedFigure,
  scoreFormula,
  scorePart,
  systemicList,
  systemicObstacle,
  trendQuery,
  trendStats,
} from '../../../../shared/contracts/stats.js';
import type { Session } from '../../../../shared/contracts/sessions.js';
import { api, apiUrl, type Page, type QueryValue } from '../../../lib/api.js';

// The response shapes are the server's own contracts (src/shared/contracts/stats.ts).
export type BankStats = z.infer<typeof bankStats>;
export type BankRow = z.infer<typeof bankRow>;
export type BankTotal = BankStats['total'];
export type AgencyStats = z.infer<typeof agencyStats>;
export type CountyStats = z.infer<typeof countyStats>;
export type CountyRow = z.infer<typeof countyRow>;
export type AgencyRow = z.infer<typeof agencyRow>;
export type ScorePart = z.infer<typeof scorePart>;
export type ScoreFormula = z.infer<typeof scoreFormula>;
export type OverviewStats = z.infer<typeof overviewStats>;
export type ReportedComparison = z.infer<typeof reportedComparison>;
export type ReportedFigure = z.infer<typeof reportedFigure>;
export type ReportedMetric = (typeof REPORTED_METRICS)[number];
export type TrendMetric = z.infer<typeof trendQuery>['metric'];
export type TrendStats = z.infer<typeof trendStats>;
export type ProvinceStats = z.infer<typeof provinceStats>;
export type SystemicList = z.infer<typeof systemicList>;
export type SystemicObstacle = z.infer<typeof systemicObstacle>;
export type DrillSource = (typeof DRILL_SOURCES)[number];
export type DrillItem = z.infer<typeof drilldownItem>;
export type DrillList = z.infer<typeof drilldownList>;
export type { Session };

/** The filters every statistics request takes: a named period, a facility program, a county. */
export interface StatsFilters {
  period?: string | undefined;
  programCode?: string | undefined;
  countyId?: string | undefined;
  /** the national role's chosen province (the server ignores it for everyone else) */
  provinceId?: string | undefined;
}

function filterQuery(f: StatsFilters): Record<string, QueryValue> {
  return { period: f.period, programCode: f.programCode, countyId: f.countyId, provinceId: f.provinceId };
}

const withSignal = (signal?: AbortSignal) => (signal ? { signal } : {});

export const fetchOverview = (f: StatsFilters, signal?: AbortSignal) => api.get<OverviewStats>('/stats/overview', { query: filterQuery(f), ...withSignal(signal) });
export const fetchBankStats = (f: StatsFilters, signal?: AbortSignal) => api.get<BankStats>('/stats/banks', { query: filterQuery(f), ...withSignal(signal) });
export const fetchCountyStats = (f: StatsFilters, signal?: AbortSignal) => api.get<CountyStats>('/stats/counties', { query: filterQuery(f), ...withSignal(signal) });
export const fetchAgencyStats = (f: StatsFilters, signal?: AbortSignal) => api.get<AgencyStats>('/stats/agencies', { query: filterQuery(f), ...withSignal(signal) });
export const fetchTrend = (f: StatsFilters, metric: TrendMetric, signal?: AbortSignal) =>
  api.get<TrendStats>('/stats/trend', { query: { ...filterQuery(f), metric, granularity: 'month' }, ...withSignal(signal) });
export const fetchProvinceStats = (f: StatsFilters, signal?: AbortSignal) =>
  api.get<ProvinceStats>('/stats/provinces', { query: { period: f.period, programCode: f.programCode }, ...withSignal(signal) });
export const fetchSystemic = (f: StatsFilters, signal?: AbortSignal) => api.get<SystemicList>('/stats/systemic-obstacles', { query: filterQuery(f), ...withSignal(signal) });

/** What a figure is, as the drill-down asks for it: the same metric name and filters the aggregate used. */
export interface DrillTarget {
  source: DrillSource;
  metric: string;
  bankId?: string | undefined;
  agencyId?: string | undefined;
  status?: string | undefined;
  categoryCode?: string | undefined;
  /** a county's row: its records only (otherwise the page's county filter) */
  countyId?: string | undefined;
}

export const fetchDrilldown = (f: StatsFilters, target: DrillTarget, page: number, pageSize: number, signal?: AbortSignal) =>
  api.get<DrillList>('/stats/drilldown', {
    query: { ...filterQuery(f), countyId: target.countyId ?? f.countyId, source: target.source, metric: target.metric, bankId: target.bankId, agencyId: target.agencyId, status: target.status, categoryCode: target.categoryCode, page, pageSize },
    ...withSignal(signal),
  });

export type ReportedFigureBody = z.input<typeof createReportedFigureBody>;

export const createReportedFigure = (body: ReportedFigureBody) => api.post<ReportedFigure>('/stats/reported-figures', body);
export const putVisitTarget = (fiscalYear: number, target: number) => api.put<{ fiscalYear: number; target: number }>('/stats/visit-target', { fiscalYear, target });

// The sessions module's API, read only to offer the next planned session (src/shared/contracts/sessions.ts).
export const fetchPlannedSessions = (signal?: AbortSignal) =>
  api.get<Page<Session>>('/sessions', { query: { status: 'planned', sort: 'heldOn', pageSize: 20 }, ...withSignal(signal) });
export const proposeAgendaItem = (sessionId: string, body: { subject: string; unitId?: string | null }) => api.post<{ id: string }>(`/sessions/${sessionId}/agenda`, body);

/** The Excel file of a table, with the filters on screen. */
export type StatsTable = 'banks' | 'agencies' | 'counties' | 'provinces';
export const exportUrl = (table: StatsTable, f: StatsFilters) => apiUrl('/stats/export', { ...filterQuery(f), table, format: 'xlsx' });

/** The printable A4 bank report for a session of the working group. */
export const bankReportUrl = (f: StatsFilters, sessionNumber: number | undefined) => apiUrl('/stats/banks/report', { ...filterQuery(f), sessionNumber });

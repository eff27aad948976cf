/**
 * The statistics pages' figures as query options: the pages' hooks (hooks/use-stats.ts) read them, and the routes
 * (app/routes/stats.tsx) start them as soon as a page is opened — beside its code, not after it has been drawn (issue 15,
 * the dashboard's first load). The server names statuses, categories and banks in the request's language: the
 * language is part of every key that carries names.
 */
import { keepPreviousData, queryOptions, type QueryClient } from '@tanstack/react-query';
import type { Language } from '../../../lib/i18n.js';
import type { StatsSearch } from '../components/stats-search.js';
import {
  fetchAgencyStats,
  fetchBankStats,
  fetchCountyStats,
  fetchOverview,
  fetchProvinceStats,
  fetchSystemic,
  fetchTrend,
  type StatsFilters,
  type TrendMetric,
} from './stats-api.js';

/** The filters a page reads its figures on, from the address bar's search. */
export function toFilters(search: StatsSearch): StatsFilters {
  return { period: search.period, programCode: search.programCode, countyId: search.countyId, provinceId: search.provinceId };
}

/** A page's figures read in the request's language: the language is part of the key. */
function namedFigures<T>(name: string, read: (f: StatsFilters, signal?: AbortSignal) => Promise<T>) {
  return (f: StatsFilters, lang: Language) =>
    queryOptions({ queryKey: ['stats', name, f, lang], queryFn: ({ signal }) => read(f, signal), placeholderData: keepPreviousData });
}

export const overviewQuery = namedFigures('overview', fetchOverview);
export const bankStatsQuery = namedFigures('banks', fetchBankStats);
export const countyStatsQuery = namedFigures('counties', fetchCountyStats);
export const agencyStatsQuery = namedFigures('agencies', fetchAgencyStats);
export const provinceStatsQuery = namedFigures('provinces', fetchProvinceStats);
export const systemicQuery = namedFigures('systemic', fetchSystemic);
export const trendQuery = (f: StatsFilters, metric: TrendMetric) =>
  queryOptions({ queryKey: ['stats', 'trend', f, metric], queryFn: ({ signal }) => fetchTrend(f, metric, signal), placeholderData: keepPreviousData });

/** What each statistics page shows first, for its route to start fetching. */
const FIRST_FIGURES = {
  overview: (f: StatsFilters, lang: Language) => [
    overviewQuery(f, lang),
    bankStatsQuery(f, lang),
    trendQuery(f, 'paidAmount'),
    trendQuery(f, 'demandsRegistered'),
    trendQuery(f, 'demandsResolved'),
  ],
  banks: (f: StatsFilters, lang: Language) => [bankStatsQuery(f, lang)],
  agencies: (f: StatsFilters, lang: Language) => [agencyStatsQuery(f, lang)],
  systemic: (f: StatsFilters, lang: Language) => [systemicQuery(f, lang)],
  provinces: (f: StatsFilters, lang: Language) => [provinceStatsQuery(f, lang)],
} satisfies Record<string, (f: StatsFilters, lang: Language) => { queryKey: readonly unknown[] }[]>;
export type StatsPageName = keyof typeof FIRST_FIGURES;

/**
 * Starts fetching a statistics page's first figures (not waited for: the page draws its frame and fills in).
 * A figure already fresh in the cache is not asked again.
 */
export function prefetchStatsPage(client: QueryClient, page: StatsPageName, search: StatsSearch, lang: Language): void {
  for (const query of FIRST_FIGURES[page](toFilters(search), lang)) void client.prefetchQuery(query as Parameters<QueryClient['prefetchQuery']>[0]);
}

/**
 * The statistics pages' figures as query options, read by the pages' hooks (hooks/use-stats.ts). The server names
 * statuses, categories and banks in the request's language: the language is part of every key that carries names.
 */
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { Language } from '../../../lib/i18n.js';
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

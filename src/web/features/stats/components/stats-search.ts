import { parsePeriod } from '../../../../shared/periods.js';
import type { StatsFilters } from '../api/stats-api.js';

/** The statistics filters as they live in the address bar (a missing period is the current fiscal year). */
export interface StatsSearch {
  period?: string;
  programCode?: string;
  countyId?: string;
  /** the national role's chosen province (counties page) */
  provinceId?: string;
}

const token = (value: unknown): string | undefined => {
  const s = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  return s && s.length <= 64 ? s : undefined;
};

/** For the router: keeps a period only in its canonical form ('1405', '1405-Q3', '1405-07'). */
export function validateStatsSearch(search: Record<string, unknown>): StatsSearch {
  const out: StatsSearch = {};
  const raw = token(search['period']);
  const period = raw ? parsePeriod(raw) : null;
  if (period) out.period = period.key;
  const programCode = token(search['programCode']);
  if (programCode) out.programCode = programCode;
  const countyId = token(search['countyId']);
  if (countyId) out.countyId = countyId;
  const provinceId = token(search['provinceId']);
  if (provinceId) out.provinceId = provinceId;
  return out;
}

/** The filters a page reads its figures on, from the address bar's search. */
export function toFilters(search: StatsSearch): StatsFilters {
  return { period: search.period, programCode: search.programCode, countyId: search.countyId, provinceId: search.provinceId };
}

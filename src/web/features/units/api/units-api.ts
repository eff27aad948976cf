import type { Unit } from '../../../../shared/contracts/units.js';
import { api, type Page } from '../../../lib/api.js';

export type { Unit };

export interface UnitListParams {
  q?: string;
  page: number;
  pageSize: number;
}

export function fetchUnits(params: UnitListParams, signal?: AbortSignal): Promise<Page<Unit>> {
  return api.get<Page<Unit>>('/units', { query: { q: params.q, page: params.page, pageSize: params.pageSize }, ...(signal ? { signal } : {}) });
}

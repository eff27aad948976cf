import type { UnitStatus } from '../../../../shared/machines.js';
import { api, type Page } from '../../../lib/api.js';

/** The fields of a unit this screen reads (the API sends more). */
export interface Unit {
  id: string;
  name: string;
  nationalId: string;
  countyId: string;
  countyName: string;
  sectorCode: string;
  status: UnitStatus;
  employees: number;
  capacityUtilization: number;
  version: number;
}

export interface UnitListParams {
  q?: string;
  page: number;
  pageSize: number;
}

export function fetchUnits(params: UnitListParams, signal?: AbortSignal): Promise<Page<Unit>> {
  return api.get<Page<Unit>>('/units', { query: { q: params.q, page: params.page, pageSize: params.pageSize }, ...(signal ? { signal } : {}) });
}

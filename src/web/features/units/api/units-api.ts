import type { z } from 'zod';
import type { estateItem, referenceItem } from '../../../../shared/contracts/reference.js';
import type { createUnitBody, ImportRow, patchUnitBody, UnitImportResult, Unit, UnitTimeline } from '../../../../shared/contracts/units.js';
import type { UnitStatus } from '../../../../shared/machines.js';
import { api, apiUrl, isApiError, type QueryValue, type UploadProgress } from '../../../lib/api.js';
import { fetchPage, fetchRecord } from '../../../lib/list-queries.js';

export type { ImportRow, Unit, UnitImportResult, UnitTimeline };

export interface UnitFilters {
  q?: string;
  countyId?: string;
  estateId?: string;
  sectorCode?: string;
  status?: UnitStatus;
}

export interface UnitListParams extends UnitFilters {
  page: number;
  pageSize: number;
}

function filterQuery(f: UnitFilters): Record<string, QueryValue> {
  return { q: f.q, countyId: f.countyId, estateId: f.estateId, sectorCode: f.sectorCode, status: f.status };
}

export const fetchUnits = (params: UnitListParams, signal?: AbortSignal) => fetchPage<Unit, Record<string, QueryValue>>('/units', { ...filterQuery(params), page: params.page, pageSize: params.pageSize }, signal);
export const fetchUnit = (id: string, signal?: AbortSignal) => fetchRecord<Unit>('/units', id, signal);
export const fetchUnitTimeline = (id: string, signal?: AbortSignal) => api.get<UnitTimeline>(`/units/${id}/timeline`, signal ? { signal } : {});

/** The body of a create or an edit, as the form sends it. */
export type UnitInput = z.input<typeof createUnitBody>;

export const createUnit = (body: UnitInput) => api.post<Unit>('/units', body);
export const updateUnit = (id: string, body: z.input<typeof patchUnitBody>) => api.patch<Unit>(`/units/${id}`, body);

export type RefItem = z.infer<typeof referenceItem>;
export type EstateItem = z.infer<typeof estateItem>;

export const fetchCounties = () => api.get<{ items: RefItem[] }>('/counties');
export const fetchEstates = () => api.get<{ items: EstateItem[] }>('/estates');
export const fetchSectors = () => api.get<{ items: RefItem[] }>('/sectors');

/** A link the browser downloads with the session cookie (same origin). */
export const exportUrl = (format: 'xlsx' | 'csv', filters: UnitFilters) => apiUrl('/units/export', { format, ...filterQuery(filters) });

export const templateUrl = (format: 'xlsx' | 'csv') => apiUrl('/units/import/template', { format });

/** An import's answer: the report (200), or the same report with the refusal (422). */
export type ImportResponse = { ok: true; result: UnitImportResult } | { ok: false; result: UnitImportResult & { title: string } };

export type ImportProgress = UploadProgress;

/**
 * Uploads a sheet; the upload's progress and the server's (rows checked and written) arrive through `onProgress`.
 * Resolves with the report whether it was accepted or refused row by row; rejects with ApiError for anything
 * else (a file refused as a whole, no session, no network).
 */
export async function uploadUnitsSheet(file: File, dryRun: boolean, onProgress: (p: ImportProgress) => void): Promise<ImportResponse> {
  try {
    return { ok: true, result: await api.upload<UnitImportResult>('/units/import', file, { query: { dryRun: dryRun || undefined }, onProgress }) };
  } catch (error) {
    if (isApiError(error) && error.status === 422 && error.code === 'import.invalid_rows') {
      return { ok: false, result: error.problem as unknown as UnitImportResult & { title: string } };
    }
    throw error;
  }
}

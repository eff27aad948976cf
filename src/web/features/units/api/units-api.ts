import type { ImportRow, UnitImportResult, Unit, UnitTimeline } from '../../../../shared/contracts/units.js';
import type { UnitStatus } from '../../../../shared/machines.js';
import { api, API_BASE, ApiError, type Page, type ProblemDetails, type QueryValue } from '../../../lib/api.js';
import { getLanguage, translate } from '../../../lib/i18n.js';

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

export function fetchUnits(params: UnitListParams, signal?: AbortSignal): Promise<Page<Unit>> {
  return api.get<Page<Unit>>('/units', { query: { ...filterQuery(params), page: params.page, pageSize: params.pageSize }, ...(signal ? { signal } : {}) });
}

export const fetchUnit = (id: string, signal?: AbortSignal) => api.get<Unit>(`/units/${id}`, signal ? { signal } : {});
export const fetchUnitTimeline = (id: string, signal?: AbortSignal) => api.get<UnitTimeline>(`/units/${id}/timeline`, signal ? { signal } : {});

/** The body of a create or an edit, as the form sends it. */
export interface UnitInput {
  name: string;
  nationalId: string;
  licenseNo: string | null;
  sectorCode: string;
  countyId: string;
  estateId: string | null;
  address: string | null;
  phone: string | null;
  managerName: string | null;
  employees: number;
  capacityUtilization: number;
  status: UnitStatus;
}

export const createUnit = (body: UnitInput) => api.post<Unit>('/units', body);
export const updateUnit = (id: string, body: Partial<UnitInput> & { version: number }) => api.patch<Unit>(`/units/${id}`, body);

export interface RefItem {
  id: string;
  code: string;
  name: string;
  nameEn: string;
}
export interface EstateItem extends RefItem {
  countyId: string;
}

export const fetchCounties = () => api.get<{ items: RefItem[] }>('/counties');
export const fetchEstates = () => api.get<{ items: EstateItem[] }>('/estates');
export const fetchSectors = () => api.get<{ items: RefItem[] }>('/sectors');

/** A link the browser downloads with the session cookie (same origin). */
export function exportUrl(format: 'xlsx' | 'csv', filters: UnitFilters): string {
  const params = new URLSearchParams({ format });
  for (const [k, v] of Object.entries(filterQuery(filters))) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  return `${API_BASE}/units/export?${params.toString()}`;
}

export const templateUrl = (format: 'xlsx' | 'csv') => `${API_BASE}/units/import/template?format=${format}`;

/** An import's answer: the report (200), or the same report with the refusal (422). */
export type ImportResponse = { ok: true; result: UnitImportResult } | { ok: false; result: UnitImportResult & { title: string } };

export interface ImportProgress {
  /** the upload's share sent, 0..1 */
  upload: number;
  /** what the server is doing once the file is there, and how far it got */
  phase?: 'read' | 'validate' | 'compare' | 'write' | 'done';
  done?: number;
  total?: number;
}

function problemError(status: number, record: Partial<ProblemDetails>): ApiError {
  return new ApiError({
    type: record.type ?? 'about:blank',
    title: record.title ?? translate(getLanguage(), 'error.unexpected', { status }),
    status,
    code: record.code ?? `http.${status}`,
    ...(record.detail ? { detail: record.detail } : {}),
  });
}

/**
 * Uploads a sheet with XMLHttpRequest, whose upload events give the upload's progress, and asks for
 * the server's progress lines (application/x-ndjson) so rows checked and written show too.
 * Resolves with the report whether it was accepted or refused row by row; rejects with ApiError for
 * anything else (a file refused as a whole, no session, no network).
 */
export function uploadUnitsSheet(file: File, dryRun: boolean, onProgress: (p: ImportProgress) => void): Promise<ImportResponse> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${API_BASE}/units/import${dryRun ? '?dryRun=true' : ''}`);
    xhr.setRequestHeader('X-Requested-With', 'tashil');
    xhr.setRequestHeader('Accept-Language', getLanguage());
    xhr.setRequestHeader('Accept', 'application/x-ndjson, application/json, application/problem+json');
    let uploaded = 0;
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress({ upload: (uploaded = e.loaded / e.total) });
    };
    xhr.upload.onload = () => onProgress({ upload: (uploaded = 1) });
    let seen = 0;
    xhr.onprogress = () => {
      // complete lines received so far; the last complete progress line wins
      const text = xhr.responseText;
      const end = text.lastIndexOf('\n');
      if (end <= seen) return;
      const lines = text.slice(seen, end).split('\n').filter(Boolean);
      seen = end + 1;
      for (const line of lines.reverse()) {
        try {
          const msg = JSON.parse(line) as { type?: string; phase?: ImportProgress['phase']; done?: number; total?: number };
          if (msg.type === 'progress') {
            onProgress({ upload: uploaded, ...(msg.phase ? { phase: msg.phase } : {}), ...(msg.done !== undefined ? { done: msg.done } : {}), ...(msg.total !== undefined ? { total: msg.total } : {}) });
            break;
          }
        } catch {
          // a partial line: the next event completes it
        }
      }
    };
    xhr.onerror = () =>
      reject(new ApiError({ type: 'about:blank', title: translate(getLanguage(), 'error.network'), status: 0, code: 'network.unreachable' }));
    xhr.onload = () => {
      let status = xhr.status;
      let record: Record<string, unknown> = {};
      const streamed = (xhr.getResponseHeader('content-type') ?? '').includes('ndjson');
      try {
        if (streamed) {
          const lines = xhr.responseText.trim().split('\n');
          const last = JSON.parse(lines[lines.length - 1] ?? '{}') as { type?: string; status?: number; body?: Record<string, unknown> };
          if (last.type === 'result' && last.status !== undefined) {
            status = last.status;
            record = last.body ?? {};
          } else status = 0;
        } else record = JSON.parse(xhr.responseText) as Record<string, unknown>;
      } catch {
        // not JSON: handled below
      }
      if (status === 200) return resolve({ ok: true, result: record as unknown as UnitImportResult });
      if (status === 422 && record['code'] === 'import.invalid_rows') return resolve({ ok: false, result: record as unknown as UnitImportResult & { title: string } });
      reject(problemError(status || xhr.status, record as Partial<ProblemDetails>));
    };
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

import type { z } from 'zod';
import type { createVisitBody, patchVisitBody, Visit, VisitDetail } from '../../../../shared/contracts/visits.js';
import type { VisitStatus } from '../../../../shared/machines.js';
import { api, type Page } from '../../../lib/api.js';

export type { Visit, VisitDetail, VisitStatus };

export interface VisitListParams {
  page: number;
  pageSize: number;
  status?: VisitStatus | undefined;
  from?: string | undefined;
  to?: string | undefined;
  q?: string | undefined;
  unitId?: string | undefined;
  countyId?: string | undefined;
  sort?: string | undefined;
}

export function fetchVisits(params: VisitListParams, signal?: AbortSignal): Promise<Page<Visit>> {
  return api.get<Page<Visit>>('/visits', { query: { ...params }, ...(signal ? { signal } : {}) });
}

export function fetchVisit(id: string, signal?: AbortSignal): Promise<VisitDetail> {
  return api.get<VisitDetail>(`/visits/${id}`, signal ? { signal } : {});
}

export type VisitBody = z.input<typeof createVisitBody>;

export function createVisit(body: VisitBody): Promise<VisitDetail> {
  return api.post<VisitDetail>('/visits', body);
}

export function updateVisit(id: string, body: z.input<typeof patchVisitBody>): Promise<VisitDetail> {
  return api.patch<VisitDetail>(`/visits/${id}`, body);
}

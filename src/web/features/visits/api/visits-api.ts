import type { ListVisitsQuery } from '../../../../shared/contracts/visits.js';
import type { z } from 'zod';
import type { createVisitBody, patchVisitBody, Visit, VisitDetail } from '../../../../shared/contracts/visits.js';
import type { VisitStatus } from '../../../../shared/machines.js';
import { api } from '../../../lib/api.js';
import { fetchPage, fetchRecord } from '../../../lib/list-queries.js';

export type { Visit, VisitDetail, VisitStatus };

/** The list's query, as the API's contract states it. */
export type VisitListParams = ListVisitsQuery;

export const fetchVisits = (params: VisitListParams, signal?: AbortSignal) => fetchPage<Visit, VisitListParams>('/visits', params, signal);
export const fetchVisit = (id: string, signal?: AbortSignal) => fetchRecord<VisitDetail>('/visits', id, signal);

export type VisitBody = z.input<typeof createVisitBody>;

export function createVisit(body: VisitBody): Promise<VisitDetail> {
  return api.post<VisitDetail>('/visits', body);
}

export function updateVisit(id: string, body: z.input<typeof patchVisitBody>): Promise<VisitDetail> {
  return api.patch<VisitDetail>(`/visits/${id}`, body);
}

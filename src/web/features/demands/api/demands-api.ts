import type { ListDemandsQuery } from '../../../../shared/contracts/demands.js';
import type { z } from 'zod';
import type { createDemandBody, Demand, DemandDetail, DemandFeedback, demandFeedbackBody, DemandPriority, demandTransitionBody } from '../../../../shared/contracts/demands.js';
import type { FileAttachment } from '../../../../shared/contracts/files.js';
import type { DemandStatus } from '../../../../shared/machines.js';
import { api } from '../../../lib/api.js';
import { fetchPage, fetchRecord } from '../../../lib/list-queries.js';

export type { Demand, DemandDetail, DemandFeedback, DemandPriority, DemandStatus, FileAttachment };

/** The list's query, as the API's contract states it. */
export type DemandListParams = ListDemandsQuery;

export const fetchDemands = (params: DemandListParams, signal?: AbortSignal) => fetchPage<Demand, DemandListParams>('/demands', params, signal);
export const fetchDemand = (id: string, signal?: AbortSignal) => fetchRecord<DemandDetail>('/demands', id, signal);

export type CreateDemandBody = z.input<typeof createDemandBody>;

export function createDemand(body: CreateDemandBody): Promise<DemandDetail> {
  return api.post<DemandDetail>('/demands', body);
}

export type TransitionBody = z.input<typeof demandTransitionBody>;

export function transitionDemand(id: string, body: TransitionBody): Promise<DemandDetail> {
  return api.post<DemandDetail>(`/demands/${id}/transitions`, body);
}

export function addFollowup(id: string, note: string): Promise<DemandDetail> {
  return api.post<DemandDetail>(`/demands/${id}/followups`, { note });
}

/** A document or photo on the demand (multipart `file`); the server tells its type by its bytes. */
export function uploadDemandAttachment(id: string, file: File): Promise<FileAttachment> {
  return api.upload<FileAttachment>(`/demands/${id}/attachments`, file);
}

export type FeedbackBody = z.input<typeof demandFeedbackBody>;

export function rateDemand(id: string, body: FeedbackBody): Promise<DemandDetail> {
  return api.post<DemandDetail>(`/demands/${id}/feedback`, body);
}

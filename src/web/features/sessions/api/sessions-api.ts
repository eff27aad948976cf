import type { z } from 'zod';
import type {
  AgendaCandidates,
  AgendaItem,
  createAgendaItemBody,
  createSessionBody,
  patchAgendaItemBody,
  patchSessionBody,
  Session,
  SessionDetail,
  SessionStatus,
} from '../../../../shared/contracts/sessions.js';
import type { createResolutionBody, Resolution } from '../../../../shared/contracts/resolutions.js';
import { api, apiUrl } from '../../../lib/api.js';
import { fetchPage, fetchRecord } from '../../../lib/list-queries.js';

export type { AgendaCandidate, AgendaCandidates, AgendaItem, Attendee, Session, SessionDetail, SessionStatus } from '../../../../shared/contracts/sessions.js';
export type { Resolution } from '../../../../shared/contracts/resolutions.js';

export interface SessionListParams {
  fiscalYear?: number | undefined;
  status?: SessionStatus | undefined;
  page: number;
  pageSize: number;
}

export type CreateSessionBody = z.input<typeof createSessionBody>;
export type AttendeeBody = NonNullable<CreateSessionBody['attendees']>[number];
export type PatchSessionBody = z.input<typeof patchSessionBody>;
export type AgendaItemBody = z.input<typeof createAgendaItemBody>;
export type ResolutionBody = z.input<typeof createResolutionBody>;

export const fetchSessions = (p: SessionListParams, signal?: AbortSignal) =>
  fetchPage<Session, SessionListParams>('/sessions', { fiscalYear: p.fiscalYear, status: p.status, page: p.page, pageSize: p.pageSize }, signal);
export const fetchSession = (id: string, signal?: AbortSignal) => fetchRecord<SessionDetail>('/sessions', id, signal);
export const createSession = (body: CreateSessionBody) => api.post<SessionDetail>('/sessions', body);
export const patchSession = (id: string, body: PatchSessionBody) => api.patch<SessionDetail>(`/sessions/${id}`, body);
export const addAgendaItem = (id: string, body: AgendaItemBody) => api.post<AgendaItem>(`/sessions/${id}/agenda`, body);
export const moveAgendaItem = (id: string, itemId: string, body: z.input<typeof patchAgendaItemBody>) =>
  api.patch<SessionDetail>(`/sessions/${id}/agenda/${itemId}`, body);
export const carryOver = (id: string, itemId: string, version: number) => api.post<AgendaItem>(`/sessions/${id}/agenda/${itemId}/carry-over`, { version });
export const fetchCandidates = (id: string, signal?: AbortSignal) => api.get<AgendaCandidates>(`/sessions/${id}/agenda-candidates`, signal ? { signal } : {});
export const createResolution = (id: string, body: ResolutionBody) => api.post<Resolution>(`/sessions/${id}/resolutions`, body);

/** The printable minutes: opened by the browser itself (a page of its own, printed from there). */
export const minutesUrl = (id: string, format: 'html' | 'pdf' = 'html') => apiUrl(`/sessions/${id}/minutes`, { format: format === 'pdf' ? 'pdf' : undefined });

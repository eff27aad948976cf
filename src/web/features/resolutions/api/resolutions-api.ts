import type { z } from 'zod';
import type { Board, Implementation, ResolutionDetail, resolutionTransitionBody } from '../../../../shared/contracts/resolutions.js';
import { api } from '../../../lib/api.js';
import { fetchRecord } from '../../../lib/list-queries.js';

export type { Board, Fraction, Implementation, ImplementationFigures, NotDoneCause, Resolution, ResolutionDetail, ResolutionStatus } from '../../../../shared/contracts/resolutions.js';

export type TransitionBody = z.input<typeof resolutionTransitionBody>;

export const fetchResolution = (id: string, signal?: AbortSignal) => fetchRecord<ResolutionDetail>('/resolutions', id, signal);
export const fetchBoard = (fiscalYear: number | undefined, includeClosed: boolean, signal?: AbortSignal) =>
  api.get<Board>('/resolutions/board', { query: { fiscalYear, includeClosed: includeClosed ? 'true' : undefined }, ...(signal ? { signal } : {}) });
export const fetchImplementation = (fiscalYear: number | undefined, signal?: AbortSignal) =>
  api.get<Implementation>('/resolutions/implementation', { query: { fiscalYear }, ...(signal ? { signal } : {}) });
export const transitionResolution = (id: string, body: TransitionBody) => api.post<ResolutionDetail>(`/resolutions/${id}/transitions`, body);
export const addResolutionFollowup = (id: string, note: string) => api.post<ResolutionDetail>(`/resolutions/${id}/followups`, { note });

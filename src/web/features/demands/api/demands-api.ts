import type { Demand, DemandDetail, DemandPriority } from '../../../../shared/contracts/demands.js';
import type { DemandStatus } from '../../../../shared/machines.js';
import { api, type Page } from '../../../lib/api.js';

export type { Demand, DemandDetail, DemandPriority, DemandStatus };

export interface DemandListParams {
  page: number;
  pageSize: number;
  q?: string | undefined;
  status?: DemandStatus | undefined;
  categoryCode?: string | undefined;
  agencyId?: string | undefined;
  countyId?: string | undefined;
  unitId?: string | undefined;
  overdue?: boolean | undefined;
  open?: boolean | undefined;
  sort?: string | undefined;
}

export function fetchDemands(params: DemandListParams, signal?: AbortSignal): Promise<Page<Demand>> {
  return api.get<Page<Demand>>('/demands', { query: { ...params }, ...(signal ? { signal } : {}) });
}

export function fetchDemand(id: string, signal?: AbortSignal): Promise<DemandDetail> {
  return api.get<DemandDetail>(`/demands/${id}`, signal ? { signal } : {});
}

export interface CreateDemandBody {
  unitId: string;
  visitId?: string | null;
  categoryCode: string;
  title: string;
  description: string;
  agencyId?: string | null;
  priority: DemandPriority;
  dueDate?: string | null;
}

export function createDemand(body: CreateDemandBody): Promise<DemandDetail> {
  return api.post<DemandDetail>('/demands', body);
}

export interface TransitionBody {
  to: DemandStatus;
  version: number;
  note?: string;
  agencyId?: string;
}

export function transitionDemand(id: string, body: TransitionBody): Promise<DemandDetail> {
  return api.post<DemandDetail>(`/demands/${id}/transitions`, body);
}

export function addFollowup(id: string, note: string): Promise<DemandDetail> {
  return api.post<DemandDetail>(`/demands/${id}/followups`, { note });
}

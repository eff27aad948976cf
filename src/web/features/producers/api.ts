import type { ClaimStatus, UnitClaim } from '../../../shared/contracts/producers.js';
import { api, type Page } from '../../lib/api.js';

export type { ClaimStatus, UnitClaim };

export function fetchClaims(status: ClaimStatus, signal?: AbortSignal): Promise<Page<UnitClaim>> {
  return api.get<Page<UnitClaim>>('/unit-claims', { query: { status, pageSize: 100 }, ...(signal ? { signal } : {}) });
}

export function decideClaim(id: string, body: { to: 'approved' | 'rejected'; version: number; note?: string }): Promise<UnitClaim> {
  return api.post<UnitClaim>(`/unit-claims/${id}/transitions`, body);
}

/** A producer's own claims, every state (the server answers only theirs). */
export function fetchMyClaims(signal?: AbortSignal): Promise<Page<UnitClaim>> {
  return api.get<Page<UnitClaim>>('/unit-claims', { query: { pageSize: 100 }, ...(signal ? { signal } : {}) });
}

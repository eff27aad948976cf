import type { Me } from '../../../shared/contracts/auth.js';
import type { ClaimStatus, OtpPurpose, UnitClaim } from '../../../shared/contracts/producers.js';
import type { CreateUnitInput } from '../../../shared/contracts/units.js';
import { api, type Page } from '../../lib/api.js';

export type { ClaimStatus, UnitClaim };

export function requestOtp(mobile: string, purpose: OtpPurpose): Promise<{ expiresInSeconds: number; resendAfterSeconds: number }> {
  return api.post('/public/otp', { mobile, purpose });
}

export interface RegistrationForm {
  mobile: string;
  code: string;
  fullName: string;
  nationalCode: string;
  unitNationalId?: string;
  newUnit?: CreateUnitInput;
}

export function registerProducer(body: RegistrationForm): Promise<{ user: Me; claim: UnitClaim }> {
  return api.post('/public/registrations', body);
}

export async function otpLogin(mobile: string, code: string): Promise<Me> {
  const { user } = await api.post<{ user: Me }>('/auth/otp-login', { mobile, code });
  return user;
}

export function fetchClaims(status: ClaimStatus, signal?: AbortSignal): Promise<Page<UnitClaim>> {
  return api.get<Page<UnitClaim>>('/unit-claims', { query: { status, pageSize: 100 }, ...(signal ? { signal } : {}) });
}

export function decideClaim(id: string, body: { to: 'approved' | 'rejected'; version: number; note?: string }): Promise<UnitClaim> {
  return api.post<UnitClaim>(`/unit-claims/${id}/transitions`, body);
}

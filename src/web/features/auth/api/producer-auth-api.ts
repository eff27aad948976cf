/** A producer's own ways in: a one-time code by SMS, registration with a claim, sign-in by mobile and code. */
import type { Me } from '../../../../shared/contracts/auth.js';
import type { OtpPurpose, UnitClaim } from '../../../../shared/contracts/producers.js';
import type { CreateUnitInput } from '../../../../shared/contracts/units.js';
import type { UnitChoices } from '../../../../shared/contracts/reference.js';
import { api } from '../../../lib/api.js';

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

export type { UnitChoices };

/** The provinces, counties, estates and sectors a new unit is described with (public: no session yet). */
export function fetchUnitChoices(signal?: AbortSignal): Promise<UnitChoices> {
  return api.get<UnitChoices>('/public/unit-choices', signal ? { signal } : {});
}

/**
 * The common shape of "what may this caller see" for the province's working records (visits, demands, loan applications):
 * staff see the province, an agency officer its own agency's share, a producer their own unit. Banks and the
 * national HQ have no such records (404). Modules with other rules (referrals: a bank's own) keep their own.
 */
import { AppError, type ErrorCode } from '../../shared/errors.js';
import type { ServiceContext } from '../context.js';

/** An id no row has: a scope on it matches nothing (a producer account without a unit). */
export const NO_ID = '00000000-0000-0000-0000-000000000000';

export interface ProvinceScope {
  provinceId: string;
  agencyId?: string;
  unitId?: string;
}

/** `refusal`: what a bank or the national HQ is answered (404 unless the module says otherwise). */
export function provinceScopeOf(ctx: ServiceContext, refusal: ErrorCode = 'record.not_found'): ProvinceScope {
  const { provinceId, role } = ctx.actor;
  if (!provinceId) throw new AppError('record.not_found');
  switch (role) {
    case 'admin':
    case 'secretariat':
    case 'executive':
      return { provinceId };
    case 'agency':
      return { provinceId, agencyId: ctx.actor.agencyId ?? NO_ID };
    case 'producer':
      return { provinceId, unitId: ctx.actor.unitId ?? NO_ID };
    case 'bank':
    case 'national':
      throw new AppError(refusal);
  }
}

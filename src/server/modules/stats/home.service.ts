/** The home page's live counts, each within the caller's scope. */
import type { ServiceContext } from '../../context.js';
import { daysLeftInFiscalYear, fiscalYearOf, tehranDate } from '../../../shared/jalali.js';
import type { UnitStatus } from '../../../shared/contracts/units.js';
import { countUnitsByStatus } from '../units/units.service.js';
import { countAgencies, countBanks, countUsers } from './home.repo.js';

const UNIT_ROLES = new Set(['admin', 'secretariat', 'executive', 'agency', 'producer']);

export async function homeCounts(ctx: ServiceContext) {
  const { role, provinceId } = ctx.actor;
  const byStatus: Record<UnitStatus, number> =
    UNIT_ROLES.has(role) && provinceId
      ? await countUnitsByStatus(ctx, { provinceId, ...(role === 'producer' ? { unitId: ctx.actor.unitId ?? '00000000-0000-0000-0000-000000000000' } : {}) })
      : { active: 0, semi_active: 0, idle: 0, closed: 0 };
  const [userCount, agencyCount, bankCount] = await Promise.all([
    role === 'admin' || role === 'secretariat' ? countUsers(ctx.db, role === 'admin' ? null : (provinceId ?? '-')) : Promise.resolve(null),
    countAgencies(ctx.db),
    countBanks(ctx.db),
  ]);
  const today = tehranDate(ctx.now());
  return {
    units: Object.values(byStatus).reduce((a, b) => a + b, 0),
    unitsByStatus: byStatus,
    users: userCount,
    agencies: agencyCount,
    banks: bankCount,
    today,
    fiscalYear: fiscalYearOf(today),
    daysLeftInFiscalYear: daysLeftInFiscalYear(today),
  };
}

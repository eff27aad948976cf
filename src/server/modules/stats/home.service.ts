/** The home page's live counts, each within the caller's scope. */
import { eq, sql } from 'drizzle-orm';
import type { ServiceContext } from '../../context.js';
import { agencies, banks, users } from '../../db/schema.js';
import { daysLeftInFiscalYear, fiscalYearOf, tehranDate } from '../../../shared/jalali.js';
import type { UnitStatus } from '../../../shared/contracts/units.js';
import { countUnitsByStatus } from '../units/units.repo.js';

const UNIT_ROLES = new Set(['admin', 'secretariat', 'executive', 'agency', 'producer']);

export async function homeCounts(ctx: ServiceContext) {
  const { role, provinceId } = ctx.actor;
  const byStatus: Record<UnitStatus, number> =
    UNIT_ROLES.has(role) && provinceId
      ? await countUnitsByStatus(ctx.db, { provinceId, ...(role === 'producer' ? { unitId: ctx.actor.unitId ?? '00000000-0000-0000-0000-000000000000' } : {}) })
      : { active: 0, semi_active: 0, idle: 0, closed: 0 };
  const countUsers = async () => {
    const where = role === 'admin' ? undefined : eq(users.provinceId, provinceId ?? '-');
    const [r] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(users).where(where);
    return r?.n ?? 0;
  };
  const [userCount, [agencyCount], [bankCount]] = await Promise.all([
    role === 'admin' || role === 'secretariat' ? countUsers() : Promise.resolve(null),
    ctx.db.select({ n: sql<number>`count(*)::int` }).from(agencies),
    ctx.db.select({ n: sql<number>`count(*)::int` }).from(banks),
  ]);
  const today = tehranDate(ctx.now());
  return {
    units: Object.values(byStatus).reduce((a, b) => a + b, 0),
    unitsByStatus: byStatus,
    users: userCount,
    agencies: agencyCount?.n ?? 0,
    banks: bankCount?.n ?? 0,
    today,
    fiscalYear: fiscalYearOf(today),
    daysLeftInFiscalYear: daysLeftInFiscalYear(today),
  };
}

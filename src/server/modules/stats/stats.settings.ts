/** Targets the secretariat sets for the statistics (visits this year). */
import type { ServiceContext } from '../../context.js';
import { findSetting, upsertSetting } from './stats.sql.js';
import { recordAudit } from '../audit/audit.service.js';
import { visitTargetKey } from './stats.overview.js';
import { provinceOf } from './stats.scope.js';

export async function setVisitTarget(ctx: ServiceContext, fiscalYear: number, target: number) {
  const provinceId = provinceOf(ctx, undefined);
  const key = visitTargetKey(fiscalYear);
  await ctx.db.transaction(async (tx) => {
    const before = await findSetting(tx, provinceId, key);
    await upsertSetting(tx, provinceId, key, target, ctx.now());
    await recordAudit(tx, ctx, { action: 'setting.update', entityType: 'setting', entityId: key, provinceId, before: before?.value ?? null, after: target });
  });
  return { fiscalYear, target };
}

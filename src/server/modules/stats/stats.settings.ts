/** Targets the secretariat sets for the statistics (visits this year). */
import { and, eq, sql } from 'drizzle-orm';
import type { ServiceContext } from '../../context.js';
import { settings } from '../../db/schema.js';
import { recordAudit } from '../audit/audit.service.js';
import { visitTargetKey } from './stats.overview.js';
import { provinceOf } from './stats.scope.js';

export async function setVisitTarget(ctx: ServiceContext, fiscalYear: number, target: number) {
  const provinceId = provinceOf(ctx, undefined);
  const key = visitTargetKey(fiscalYear);
  await ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(settings).where(and(eq(settings.provinceId, provinceId), eq(settings.key, key)));
    await tx
      .insert(settings)
      .values({ provinceId, key, value: target, createdAt: ctx.now(), updatedAt: ctx.now() })
      .onConflictDoUpdate({ target: [settings.provinceId, settings.key], set: { value: target, version: sql`${settings.version} + 1`, updatedAt: ctx.now() } });
    await recordAudit(tx, ctx, { action: 'setting.update', entityType: 'setting', entityId: key, provinceId, before: before?.value ?? null, after: target });
  });
  return { fiscalYear, target };
}

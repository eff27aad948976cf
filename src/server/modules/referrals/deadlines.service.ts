/** The province's referral deadlines: how many days a bank has to acknowledge a referral, and then to decide. */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { ServiceContext } from '../../context.js';
import { settings } from '../../db/schema.js';
import { AppError } from '../../../shared/errors.js';
import type { ReferralDeadlinesView } from '../../../shared/contracts/referrals.js';
import { recordAudit } from '../audit/audit.service.js';
import { readDeadlines } from './referrals.repo.js';
import { SETTING_DECISION_DAYS, SETTING_RECEIPT_DAYS, type ReferralDeadlines } from './referrals.rules.js';

/** The caller's own province; an administrator without one names it. */
function provinceFor(ctx: ServiceContext, requested: string | undefined): string {
  if (ctx.actor.provinceId) return ctx.actor.provinceId;
  if (ctx.actor.role !== 'admin') throw new AppError('record.not_found');
  if (!requested) throw new AppError('validation.failed', { errors: [{ path: 'provinceId', message: ctx.lang === 'en' ? 'Name a province' : 'استان را مشخص کنید' }] });
  return requested;
}

async function view(ctx: ServiceContext, provinceId: string): Promise<ReferralDeadlinesView> {
  const [deadlines, own] = await Promise.all([
    readDeadlines(ctx.db, provinceId),
    ctx.db.select({ key: settings.key }).from(settings).where(and(eq(settings.provinceId, provinceId), inArray(settings.key, [SETTING_RECEIPT_DAYS, SETTING_DECISION_DAYS]))),
  ]);
  return { provinceId, ...deadlines, custom: own.length > 0 };
}

export function getReferralDeadlines(ctx: ServiceContext, requested: string | undefined): Promise<ReferralDeadlinesView> {
  return view(ctx, provinceFor(ctx, requested));
}

/** Both deadlines at once, with one audit entry; open referrals' clocks follow at once (they are derived). */
export async function setReferralDeadlines(ctx: ServiceContext, requested: string | undefined, next: ReferralDeadlines): Promise<ReferralDeadlinesView> {
  const provinceId = provinceFor(ctx, requested);
  await ctx.db.transaction(async (tx) => {
    const before = await readDeadlines(tx, provinceId);
    const now = ctx.now();
    for (const [key, value] of [
      [SETTING_RECEIPT_DAYS, next.receiptDays],
      [SETTING_DECISION_DAYS, next.decisionDays],
    ] as const) {
      await tx
        .insert(settings)
        .values({ provinceId, key, value, createdAt: now, updatedAt: now })
        .onConflictDoUpdate({ target: [settings.provinceId, settings.key], set: { value, version: sql`${settings.version} + 1`, updatedAt: now } });
    }
    await recordAudit(tx, ctx, { action: 'setting.update', entityType: 'setting', entityId: 'referral.deadlines', provinceId, before, after: next });
  });
  return view(ctx, provinceId);
}

/** The province's referral deadlines: how many days a bank has to acknowledge a referral, and then to decide. */
import type { ServiceContext } from '../../context.js';
import { AppError } from '../../../shared/errors.js';
import type { ReferralDeadlinesView } from '../../../shared/contracts/referrals.js';
import { recordAudit } from '../audit/audit.service.js';
import { readReferralDeadlines as readDeadlines } from '../referrals/referrals.service.js';
import { SETTING_DECISION_DAYS, SETTING_RECEIPT_DAYS, type ReferralDeadlines } from '../../../shared/referral-deadlines.js';
import { hasOwnSettings, upsertSetting } from './deadlines.repo.js';

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
    hasOwnSettings(ctx.db, provinceId, [SETTING_RECEIPT_DAYS, SETTING_DECISION_DAYS]),
  ]);
  return { provinceId, ...deadlines, custom: own };
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
      await upsertSetting(tx, provinceId, key, value, now);
    }
    await recordAudit(tx, ctx, { action: 'setting.update', entityType: 'setting', entityId: 'referral.deadlines', provinceId, before, after: next });
  });
  return view(ctx, provinceId);
}

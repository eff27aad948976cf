/**
 * A referral's clock in SQL: which referrals are past their stage's deadline on a day (as a condition on the referrals,
 * and as a sum of the kept `referral_waits`, side by side so they stay one rule), and which have waited at most some
 * days. Shared by the lists (a filter, a total), the statistics (a figure and its drill-down).
 */
import { and, eq, gte, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { referrals, referralWaits } from '../../db/schema.js';
import { REFERRAL_DEADLINE_STATUSES } from '../../../shared/machines.js';
import { addDays, tehranDayStart, type IsoDate } from '../../../shared/jalali.js';
import type { ReferralDeadlines } from '../../../shared/referral-deadlines.js';

/** The days before which a wait to be received, and a wait for a decision, is overdue on `today`. */
const overdueCutoffs = (today: IsoDate, d: ReferralDeadlines) => ({ receipt: addDays(today, -d.receiptDays), decision: addDays(today, -d.decisionDays) });

/**
 * Referrals past their current stage's deadline on `today` (derived now, never stored). The statuses with a deadline
 * are said once more around the two cases, though each case implies them: that is what lets the planner read the
 * open referrals' partial index (`referrals_open_idx`) instead of the province's whole table (a province's overdue
 * count on the scale drill's data: 27 → 3 ms).
 */
export function overdueCondition(today: IsoDate, d: ReferralDeadlines): SQL {
  const cutoffs = overdueCutoffs(today, d);
  const receiptCutoff = cutoffs.receipt;
  const decisionCutoff = tehranDayStart(cutoffs.decision);
  return and(
    inArray(referrals.status, [...REFERRAL_DEADLINE_STATUSES]),
    or(
      and(eq(referrals.status, 'referred'), lt(referrals.referralDate, receiptCutoff)),
      and(inArray(referrals.status, ['received', 'under_review']), lt(referrals.receivedAt, decisionCutoff)),
    ),
  )!;
}

/**
 * `[{ n }]`: how many of the province's referrals are overdue on `today`, summed from `referral_waits` (kept by the
 * writing transaction, migration 0035): the same referrals as `overdueCondition`, whose decision cutoff is the first
 * instant of the day this compares with.
 */
export function keptOverdueCount(db: DbOrTx, provinceId: string, today: IsoDate, d: ReferralDeadlines) {
  const { receipt, decision } = overdueCutoffs(today, d);
  return db
    .select({ n: sql<number>`coalesce(sum(${referralWaits.n}), 0)::int` })
    .from(referralWaits)
    .where(
      and(
        eq(referralWaits.provinceId, provinceId),
        or(
          and(eq(referralWaits.status, 'referred'), lt(referralWaits.day, receipt)),
          and(inArray(referralWaits.status, ['received', 'under_review']), lt(referralWaits.day, decision)),
        ),
      ),
    );
}

/** Open referrals that have waited at most `days` days in their current stage. */
export function waitedAtMost(today: IsoDate, days: number): SQL {
  const cutoff = addDays(today, -days);
  const since = tehranDayStart(cutoff);
  return or(
    and(eq(referrals.status, 'referred'), gte(referrals.referralDate, cutoff)),
    and(inArray(referrals.status, ['received', 'under_review']), gte(referrals.receivedAt, since)),
    and(eq(referrals.status, 'approved'), gte(referrals.decidedAt, since)),
  )!;
}

/**
 * Overdue referrals, as the reminder job and the sessions' agenda read them: each referral past its receipt or
 * decision deadline, with the bank, the referring agency and the secretariat it should be flagged to.
 */
import type { DbOrTx } from '../../db/client.js';
import { daysBetween, type IsoDate } from '../../../shared/jalali.js';
import type { ReferralStatus } from '../../../shared/machines.js';
import type { ReferralDeadlines } from '../../../shared/referral-deadlines.js';
import {
  allProvinceIds,
  deadlinesChangedSince,
  findOverdueReferrals,
  provincesWithWaitingReferrals,
  readDeadlines,
  toReferral,
  type JoinedReferral,
} from './referrals.repo.js';

export interface ReferralReminderCandidate {
  referralId: string;
  code: string;
  provinceId: string;
  bankId: string;
  bankName: string;
  agencyId: string;
  unitId: string;
  unitName: string;
  status: ReferralStatus;
  /** waiting for the bank to acknowledge receipt, or for its decision */
  kind: 'receipt_overdue' | 'decision_overdue';
  dueDate: IsoDate;
  daysOverdue: number;
  /** who should hear about it: the bank, the referring agency and the secretariat */
  notify: { bankId: string; agencyId: string; roles: ['secretariat'] };
}

/**
 * Overdue referrals for the reminder job, in one province or (null) all of them: each names its bank,
 * its referring agency and the secretariat, who all hear about it. A referral is a candidate on every
 * day it stays overdue; the notification's dedupe key decides how often it is actually sent.
 */
export async function overdueReferralCandidates(db: DbOrTx, today: IsoDate, provinceId: string | null): Promise<ReferralReminderCandidate[]> {
  const provinceIds = provinceId
    ? [provinceId]
    : await provincesWithWaitingReferrals(db);
  const out: ReferralReminderCandidate[] = [];
  for (const p of provinceIds) {
    const deadlines = await readDeadlines(db, p);
    for (const j of await findOverdueReferrals(db, p, today, deadlines)) {
      const c = toReminderCandidate(j, p, today, deadlines);
      if (c) out.push(c);
    }
  }
  return out;
}

function toReminderCandidate(j: JoinedReferral, provinceId: string, today: IsoDate, deadlines: ReferralDeadlines): ReferralReminderCandidate | null {
  const r = toReferral(j, today, deadlines);
  if (!r.overdue || !r.dueDate) return null;
  return {
    referralId: r.id,
    code: r.code,
    provinceId,
    bankId: r.bankId,
    bankName: r.bankName,
    agencyId: r.agencyId,
    unitId: r.unitId,
    unitName: r.unitName,
    status: r.status,
    kind: r.status === 'referred' ? 'receipt_overdue' : 'decision_overdue',
    dueDate: r.dueDate,
    daysOverdue: daysBetween(r.dueDate, today),
    notify: { bankId: r.bankId, agencyId: r.agencyId, roles: ['secretariat'] },
  };
}

/** Where the reminder job's walk over overdue referrals stands: a province, and the last referral id read in it. */
export interface ReferralReminderCursor {
  provinceId: string;
  afterId: string | null;
}

/**
 * One page of overdue referrals for the reminder job: at most `limit`, walking the provinces in order and each
 * province's referrals in the order of their ids (keyset), so memory and each transaction stay bounded however many
 * are overdue. `next` is null after the last province. With `changedSince`, only the referrals written since then
 * (unless the province's deadlines changed since: then all of its overdue ones).
 */
export async function overdueReferralCandidatesPage(
  db: DbOrTx,
  today: IsoDate,
  cursor: ReferralReminderCursor | null,
  limit: number,
  changedSince: Date | null = null,
): Promise<{ candidates: ReferralReminderCandidate[]; next: ReferralReminderCursor | null }> {
  const provinceIds = await allProvinceIds(db);
  for (let i = cursor ? provinceIds.findIndex((p) => p >= cursor.provinceId) : 0; i >= 0 && i < provinceIds.length; i++) {
    const p = provinceIds[i]!;
    const afterId = cursor && p === cursor.provinceId ? cursor.afterId : null;
    const deadlines = await readDeadlines(db, p);
    // new deadlines make referrals overdue that nobody wrote to: the province is read whole again
    const since = changedSince && !(await deadlinesChangedSince(db, p, changedSince)) ? changedSince : null;
    const rows = await findOverdueReferrals(db, p, today, deadlines, { afterId, limit, changedSince: since });
    if (!rows.length) continue;
    const candidates = rows.map((j) => toReminderCandidate(j, p, today, deadlines)).filter((c): c is ReferralReminderCandidate => c !== null);
    const following = provinceIds[i + 1];
    const next = rows.length === limit ? { provinceId: p, afterId: rows[rows.length - 1]!.r.id } : following ? { provinceId: following, afterId: null } : null;
    return { candidates, next };
  }
  return { candidates: [], next: null };
}

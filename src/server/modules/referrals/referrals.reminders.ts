/**
 * The referrals' reminder rules, run by the notification job: a referral past its deadline — not
 * acknowledged by the bank within N days of referral, or not decided within M days of receipt
 * (settings `referral.receiptDeadlineDays`, `referral.decisionDeadlineDays`) — is flagged to the bank,
 * the referring agency and the secretariat: once when it falls overdue, then once a week while it stays
 * so. Each reminder is keyed by referral, stage, due date, target and week, so it is written once.
 * Read a page at a time: province by province, each in the order of the referrals' ids (keyset).
 */
import { formatJalali } from '../../../shared/jalali.js';
import { toPersianDigits } from '../../../shared/text.js';
import type { NotificationInput, NotificationTarget, ReminderSource } from '../notifications/notifications.service.js';
import { targetKey } from '../notifications/notifications.service.js';
import { overdueReferralCandidatesPage, type ReferralReminderCursor } from './referrals.overdue.js';

export const referralReminderSource: ReminderSource = {
  name: 'referrals',
  labels: { 'referral.receipt_overdue': 'معرفی وصول‌نشده در مهلت', 'referral.decision_overdue': 'معرفی بی‌تصمیم در مهلت' },
  async collect({ db, today, changedSince }, { after, limit }) {
    const cursor = after === null ? null : (JSON.parse(after) as ReferralReminderCursor);
    const { candidates, next } = await overdueReferralCandidatesPage(db, today, cursor, limit, changedSince);
    const out: NotificationInput[] = [];
    for (const c of candidates) {
      const week = Math.floor((Math.max(1, c.daysOverdue) - 1) / 7);
      const targets: NotificationTarget[] = [{ bankId: c.notify.bankId }, { agencyId: c.notify.agencyId }, { role: 'secretariat' }];
      const title =
        c.kind === 'receipt_overdue'
          ? `معرفی ${c.code} به ${c.bankName}: مهلت وصول در بانک گذشته است`
          : `معرفی ${c.code} به ${c.bankName}: مهلت تصمیم بانک گذشته است`;
      const body = `واحد: ${c.unitName}\nمهلت: ${formatJalali(c.dueDate)} (${toPersianDigits(c.daysOverdue)} روز گذشته)`;
      for (const target of targets) {
        out.push({
          provinceId: c.provinceId,
          target,
          kind: `referral.${c.kind}`,
          title,
          body,
          refType: 'referral',
          refId: c.referralId,
          refCode: c.code,
          dedupeKey: `referral:${c.referralId}:${c.kind}:${c.dueDate}:${targetKey(target)}:w${week}`,
        });
      }
    }
    return { items: out, next: next === null ? null : JSON.stringify(next) };
  },
};

/**
 * The referral pipeline's rules as pure functions: deadlines and ages in Tehran days, what a transition must
 * carry, and the path a status sheet may walk. No I/O; the service and the import call these.
 */
import { addDays, daysBetween, isIsoDate, tehranDate, type IsoDate } from '../../../shared/jalali.js';
import { allowedTransitions, type Machine } from '../../../shared/state-machine.js';
import type { FieldError } from '../../../shared/errors.js';
import type { ReferralStatus } from '../../../shared/machines.js';
import type { Role } from '../../../shared/roles.js';
import { normalizePersian } from '../../../shared/text.js';
import { dateProblem } from '../../../shared/contracts/common.js';
import type { ReferralDeadlines } from '../../../shared/referral-deadlines.js';

/** Statuses in which a referral is still moving (and can wait or be overdue). */
export const OPEN_REFERRAL_STATUSES = ['referred', 'received', 'under_review', 'approved'] as const satisfies readonly ReferralStatus[];

export interface ClockInput {
  status: ReferralStatus;
  referralDate: IsoDate;
  receivedAt: Date | null;
  decidedAt: Date | null;
  paidDate: IsoDate | null;
}

export interface StageClock {
  overdue: boolean;
  /** days in the current open stage; null once the referral is paid, rejected or withdrawn */
  daysWaiting: number | null;
  /** the last day allowed for the current stage; null when it has no deadline */
  dueDate: IsoDate | null;
  daysToDecision: number | null;
  daysToPayment: number | null;
}

/**
 * Where a referral stands against its deadlines on `today` (a Tehran date): waiting for receipt
 * (`referred`, from the referral date), for a decision (`received`/`under_review`, from receipt), or for
 * payment (`approved`, from the decision — no deadline). Overdue means today is past the due date.
 */
export function stageClock(r: ClockInput, today: IsoDate, d: ReferralDeadlines): StageClock {
  const receivedOn = r.receivedAt ? tehranDate(r.receivedAt) : null;
  const decidedOn = r.decidedAt ? tehranDate(r.decidedAt) : null;
  const daysToDecision = receivedOn && decidedOn ? daysBetween(receivedOn, decidedOn) : null;
  const daysToPayment = decidedOn && r.paidDate ? daysBetween(decidedOn, r.paidDate) : null;
  let start: IsoDate | null = null;
  let dueDate: IsoDate | null = null;
  switch (r.status) {
    case 'referred':
      start = r.referralDate;
      dueDate = addDays(start, d.receiptDays);
      break;
    case 'received':
    case 'under_review':
      start = receivedOn ?? r.referralDate;
      dueDate = addDays(start, d.decisionDays);
      break;
    case 'approved':
      start = decidedOn ?? r.referralDate;
      break;
    case 'paid':
    case 'rejected':
    case 'withdrawn':
      break;
  }
  return {
    overdue: dueDate !== null && today > dueDate,
    daysWaiting: start === null ? null : Math.max(0, daysBetween(start, today)),
    dueDate,
    daysToDecision,
    daysToPayment,
  };
}

/** Letters and digits only, so that «..........» or spaces do not pass for a reason. */
const SUBSTANCE = /[\p{L}\p{N}]/gu;
export const MIN_REASON_TEXT = 10;

export interface ReasonInput {
  code?: string | null | undefined;
  text?: string | null | undefined;
  letterNo?: string | null | undefined;
  letterDate?: string | null | undefined;
}

export interface CleanReason {
  code: string;
  text: string;
  letterNo: string;
  letterDate: IsoDate;
}

const msg = (lang: 'fa' | 'en', fa: string, en: string) => (lang === 'en' ? en : fa);

/**
 * A rejection's written reason: every part present and the text of substance (≥ 10 letters or digits
 * after normalisation). `missing` lists the absent parts (→ 422 referral.reason_required); `invalid`
 * the present but malformed ones (→ 422 validation.failed).
 */
export function checkReason(
  input: ReasonInput | null | undefined,
  today: IsoDate,
  lang: 'fa' | 'en' = 'fa',
): { reason: CleanReason | null; missing: FieldError[]; invalid: FieldError[] } {
  const missing: FieldError[] = [];
  const invalid: FieldError[] = [];
  const code = (input?.code ?? '').trim();
  const text = normalizePersian(input?.text ?? '', { keepNewlines: true });
  const letterNo = normalizePersian(input?.letterNo ?? '');
  const letterDate = (input?.letterDate ?? '').trim();
  if (!code) missing.push({ path: 'reason.code', message: msg(lang, 'دلیل رد را انتخاب کنید', 'Choose the reason code') });
  if ((text.match(SUBSTANCE) ?? []).length < MIN_REASON_TEXT)
    missing.push({ path: 'reason.text', message: msg(lang, `شرح دلیل رد را دست‌کم در ${MIN_REASON_TEXT} حرف بنویسید`, `Write the reason in at least ${MIN_REASON_TEXT} letters`) });
  if (!letterNo) missing.push({ path: 'reason.letterNo', message: msg(lang, 'شمارهٔ نامهٔ بانک را وارد کنید', "Enter the bank letter's number") });
  if (!letterDate) missing.push({ path: 'reason.letterDate', message: msg(lang, 'تاریخ نامهٔ بانک را وارد کنید', "Enter the bank letter's date") });
  else if (!isIsoDate(letterDate) || dateProblem(letterDate)) invalid.push({ path: 'reason.letterDate', message: msg(lang, 'تاریخ باید به شکل YYYY-MM-DD باشد', 'The date must be YYYY-MM-DD') });
  else if (letterDate > today) invalid.push({ path: 'reason.letterDate', message: msg(lang, 'تاریخ نامه نمی‌تواند در آینده باشد', 'The letter date cannot be in the future') });
  if (missing.length || invalid.length) return { reason: null, missing, invalid };
  return { reason: { code, text, letterNo, letterDate }, missing, invalid };
}

/**
 * The shortest walk from one status to another that the role may take step by step (a status sheet says
 * where a referral stands now, not each step). Empty when `from === to`; null when there is no such walk.
 */
export function pathTo<S extends string>(m: Machine<S, Role>, from: S, to: S, role: Role): S[] | null {
  if (from === to) return [];
  const prev = new Map<S, S>();
  const queue: S[] = [from];
  const seen = new Set<S>([from]);
  while (queue.length) {
    const s = queue.shift()!;
    for (const next of allowedTransitions(m, s, role)) {
      if (seen.has(next)) continue;
      seen.add(next);
      prev.set(next, s);
      if (next === to) {
        const path: S[] = [to];
        let cur = to;
        while (prev.get(cur) !== undefined && prev.get(cur) !== from) {
          cur = prev.get(cur)!;
          path.unshift(cur);
        }
        return path;
      }
      queue.push(next);
    }
  }
  return null;
}

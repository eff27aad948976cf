/**
 * What the unit's producer reads (in the app, and by SMS through the unit's notification) when a bank moves their
 * referral: received, approved, rejected, paid — and, for a referral made without a loan application, that it was
 * made. Pure: the service passes them to the step's write, which inserts them in the same statement.
 */
import { formatJalali } from '../../../shared/jalali.js';
import { formatRials } from '../../../shared/money.js';
import type { ReferralStatus } from '../../../shared/machines.js';

export interface UnitNotice {
  unitId: string;
  kind: string;
  title: string;
  body: string;
  dedupeKey: string;
}

/** A tracking code between isolates, so that it reads left to right inside a Persian sentence (and an SMS). */
const isolated = (code: string) => `\u2066${code}\u2069`;
const rials = (v: bigint | null | undefined) => `${formatRials(v ?? 0n)} ریال`;

export interface NoticeSubject {
  id: string;
  code: string;
  unitId: string;
  bankName: string;
  programName: string;
  requestedAmount: bigint;
  approvedAmount?: bigint | null;
  paidAmount?: bigint | null;
  paidDate?: string | null;
  reasonName?: string | null;
  reasonText?: string | null;
}

/** The notice for a step, or null when the step does not concern the producer (review started, withdrawn). */
export function unitNoticeOf(r: NoticeSubject, to: ReferralStatus, version: number): UnitNotice | null {
  const code = isolated(r.code);
  const base = { unitId: r.unitId, kind: `referral.${to}`, dedupeKey: `referral:${r.id}:v${version}:unit` };
  switch (to) {
    case 'referred':
      return { ...base, title: `واحد شما به ${r.bankName} معرفی شد (${code})`, body: `${r.programName} — ${rials(r.requestedAmount)}\nبرای تشکیل پرونده به شعبهٔ بانک مراجعه کنید.` };
    case 'received':
      return { ...base, title: `معرفی‌نامهٔ شما در ${r.bankName} وصول شد (${code})`, body: `${r.programName} — ${rials(r.requestedAmount)}\nبانک پرونده را بررسی و اعلام نظر می‌کند.` };
    case 'approved':
      return { ...base, title: `${r.bankName} تسهیلات شما را تصویب کرد (${code})`, body: `مبلغ مصوب: ${rials(r.approvedAmount)}` };
    case 'rejected':
      return { ...base, title: `${r.bankName} درخواست تسهیلات شما را رد کرد (${code})`, body: `دلیل: ${r.reasonName ? `${r.reasonName} — ` : ''}${r.reasonText ?? ''}` };
    case 'paid':
      return { ...base, title: `تسهیلات شما پرداخت شد (${code})`, body: `مبلغ پرداختی: ${rials(r.paidAmount)}${r.paidDate ? ` در تاریخ ${formatJalali(r.paidDate)}` : ''} — ${r.bankName}` };
    case 'under_review':
    case 'withdrawn':
      return null;
  }
}

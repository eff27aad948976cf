/**
 * The names people read for every status (GLOSSARY.md, "State labels as
 * people read them"): Persian first, English beside it.
 */
import type {
  DemandStatus,
  LoanApplicationStatus,
  ReferralStatus,
  ResolutionStatus,
  UnitStatus,
  VisitStatus,
} from './machines.js';

export interface Label {
  fa: string;
  en: string;
}

export type StatusKind = 'demand' | 'referral' | 'resolution' | 'unit' | 'visit' | 'loan_application';

const DEMAND: Record<DemandStatus, Label> = {
  registered: { fa: 'ثبت‌شده', en: 'Registered' },
  assigned: { fa: 'ارجاع‌شده به دستگاه', en: 'Assigned to agency' },
  in_progress: { fa: 'در دست اقدام', en: 'In progress' },
  escalated: { fa: 'ارجاع به کارگروه', en: 'Escalated to working group' },
  resolved: { fa: 'رفع‌شده', en: 'Resolved' },
  unresolvable: { fa: 'غیرقابل رفع', en: 'Unresolvable' },
};

const REFERRAL: Record<ReferralStatus, Label> = {
  referred: { fa: 'معرفی‌شده', en: 'Referred' },
  received: { fa: 'وصول در بانک', en: 'Received by bank' },
  under_review: { fa: 'در حال بررسی', en: 'Under review' },
  approved: { fa: 'مصوب', en: 'Approved' },
  paid: { fa: 'پرداخت‌شده', en: 'Paid' },
  rejected: { fa: 'ردشده', en: 'Rejected' },
  withdrawn: { fa: 'انصراف', en: 'Withdrawn' },
};

const RESOLUTION: Record<ResolutionStatus, Label> = {
  open: { fa: 'ابلاغ‌شده', en: 'Notified' },
  objected: { fa: 'مورد اعتراض', en: 'Objected' },
  in_progress: { fa: 'در دست اجرا', en: 'In progress' },
  done: { fa: 'اجراشده', en: 'Done' },
  not_done: { fa: 'اجرانشده', en: 'Not done' },
  cancelled: { fa: 'لغوشده', en: 'Cancelled' },
};

const UNIT: Record<UnitStatus, Label> = {
  active: { fa: 'فعال', en: 'Active' },
  semi_active: { fa: 'نیمه‌فعال', en: 'Semi-active' },
  idle: { fa: 'راکد', en: 'Idle' },
  closed: { fa: 'تعطیل', en: 'Closed' },
};

const VISIT: Record<VisitStatus, Label> = {
  planned: { fa: 'برنامه‌ریزی‌شده', en: 'Planned' },
  done: { fa: 'انجام‌شده', en: 'Done' },
  cancelled: { fa: 'لغوشده', en: 'Cancelled' },
};

const LOAN_APPLICATION: Record<LoanApplicationStatus, Label> = {
  submitted: { fa: 'ثبت‌شده', en: 'Submitted' },
  under_review: { fa: 'در حال بررسی کمیته', en: 'Under committee review' },
  returned: { fa: 'برگشت برای تکمیل', en: 'Returned for completion' },
  approved: { fa: 'تأییدشده برای معرفی', en: 'Approved for referral' },
  rejected: { fa: 'ردشده', en: 'Rejected' },
  referred: { fa: 'معرفی‌شده به بانک', en: 'Referred to a bank' },
  withdrawn: { fa: 'انصراف', en: 'Withdrawn' },
};

export const STATUS_LABELS: Record<StatusKind, Record<string, Label>> = {
  demand: DEMAND,
  referral: REFERRAL,
  resolution: RESOLUTION,
  unit: UNIT,
  visit: VISIT,
  loan_application: LOAN_APPLICATION,
};

/** A status's label in a language; the code itself when it is unknown. */
export function statusLabel(kind: StatusKind, status: string, lang: 'fa' | 'en' = 'fa'): string {
  return STATUS_LABELS[kind][status]?.[lang] ?? status;
}

/** Facility types (نوع تسهیلات) of referrals and loan applications, as exports and messages write them. */
export const FACILITY_TYPE_FA: Record<string, string> = { working_capital: 'سرمایه در گردش', fixed_capital: 'سرمایهٔ ثابت', rehabilitation: 'احیای واحدهای راکد', other: 'سایر' };

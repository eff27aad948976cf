/**
 * Referrals to banks (معرفی به بانک), quotas and bank reports: the published contract (API.md, "Referrals").
 * Money goes out as decimal strings of rials and comes in as decimal strings, numbers, or text typed with
 * Persian digits and separators ('۱۲٬۵۰۰٬۰۰۰٬۰۰۰').
 */
import { z } from 'zod';
import { REFERRAL_STATUSES, type ReferralStatus } from '../machines.js';
import { tryParseRials } from '../money.js';
import { attachedFileFields, dryRunQuery, exportFormat, importReportFields, isoDate, isoInstant, listOf, nullableAgencyFields, optionalPersian, pageQuery, persianText, recordStamps, refCode, relatedResolutionSchema, sortParam, statusList, statusStep, versionField } from './common.js';
import { FACILITY_TYPES } from '../facility-types.js';

export { REFERRAL_STATUSES, type ReferralStatus };
export { FACILITY_TYPES, type FacilityType } from '../facility-types.js';

/** An amount in rials as a person or a system sends it; parsed with `parseRials`. */
export const moneyInput = z
  .union([z.string().max(60), z.number()])
  .describe('integer rials: a decimal string ("18000000000"); Persian digits and thousands separators accepted')
  .transform((v, ctx) => {
    const parsed = tryParseRials(v);
    if (parsed === null) {
      ctx.addIssue({ code: 'custom', message: 'v.money', input: v });
      return z.NEVER;
    }
    return parsed;
  });

/** An amount in rials as the API gives it. */
export const moneyOut = z.string().describe('integer rials as a decimal string');

// ── Referral ────────────────────────────────────────────────────────────────
export const createReferralBody = z.strictObject({
  unitId: z.uuid({ message: 'v.id' }),
  /** The referring agency; an agency officer may leave it out (their own agency). */
  agencyId: refCode.optional(),
  bankId: refCode,
  branchName: optionalPersian(200),
  programCode: refCode,
  facilityType: z.enum(FACILITY_TYPES),
  requestedAmount: moneyInput,
  referralDate: isoDate,
  letterNo: optionalPersian(100),
  behinyabId: optionalPersian(100),
  /** the committee-approved loan application this referral is made from; it becomes `referred` in the same transaction */
  loanApplicationId: z.uuid({ message: 'v.id' }).optional(),
});
export type CreateReferralInput = z.infer<typeof createReferralBody>;

/** Every part may be missing here, so that the service answers `referral.reason_required` naming them. */
export const rejectionReasonInput = z
  .object({
    code: z.string().max(64).nullish(),
    text: z.string().max(4000).nullish(),
    letterNo: z.string().max(200).nullish(),
    /** empty counts as missing (the service names it); otherwise the shared date schema */
    letterDate: z.union([z.literal(''), isoDate]).nullish(),
  })
  .nullish();

export const transitionReferralBody = z.strictObject({
  to: z.enum(REFERRAL_STATUSES),
  version: versionField.optional(),
  note: optionalPersian(2000),
  /** with to: "approved" (≤ requested) */
  approvedAmount: moneyInput.optional().nullable(),
  /** with to: "paid" (≤ approved) */
  paidAmount: moneyInput.optional().nullable(),
  /** with to: "paid" */
  paidDate: isoDate.optional().nullable(),
  /** with to: "rejected": all four parts required */
  reason: rejectionReasonInput,
});
export type TransitionReferralInput = z.infer<typeof transitionReferralBody>;

export const referralFollowupBody = z.strictObject({ note: persianText(2000) });

export const referralReasonSchema = z.object({
  code: z.string(),
  name: z.string().nullable(),
  text: z.string(),
  letterNo: z.string(),
  letterDate: z.string(),
});

export const referralSchema = z.object({
  ...recordStamps,
  code: z.string().describe('tracking code, e.g. R-1405-000045'),
  provinceId: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  unitNationalId: z.string(),
  agencyId: z.string(),
  agencyName: z.string(),
  bankId: z.string(),
  bankName: z.string(),
  branchName: z.string().nullable(),
  programCode: z.string(),
  programName: z.string(),
  facilityType: z.enum(FACILITY_TYPES),
  requestedAmount: moneyOut,
  approvedAmount: moneyOut.nullable(),
  paidAmount: moneyOut.nullable(),
  paidDate: z.string().nullable(),
  referralDate: z.string(),
  letterNo: z.string().nullable(),
  behinyabId: z.string().nullable(),
  status: z.enum(REFERRAL_STATUSES),
  receivedAt: isoInstant.nullable(),
  reviewStartedAt: isoInstant.nullable(),
  decidedAt: isoInstant.nullable(),
  paidAt: isoInstant.nullable(),
  withdrawnAt: isoInstant.nullable(),
  reason: referralReasonSchema.nullable().describe('the written reason of a rejection'),
  overdue: z.boolean().describe('past the deadline of its current stage (receipt or decision), in Tehran days'),
  daysWaiting: z.number().int().nullable().describe('days in the current open stage (null once decided or closed)'),
  dueDate: z.string().nullable().describe('the last day of the current stage’s deadline'),
  daysToDecision: z.number().int().nullable().describe('receipt → decision, in Tehran calendar days'),
  daysToPayment: z.number().int().nullable().describe('approval → payment date, in calendar days'),
  loanApplicationId: z.string().nullable().describe('the loan application it was made from, if any'),
});
export type Referral = z.infer<typeof referralSchema>;

export const referralEventSchema = z.object({
  id: z.string(),
  ...statusStep(REFERRAL_STATUSES),
  at: isoInstant,
  actorLabel: z.string().describe('the account (username, or the token or system label)'),
  actorName: z.string().describe('who took the step as a person reads it: their full name (the label only for a token or the system)'),
  actorKind: z.string(),
  actorRole: z.string(),
  onBehalf: z.boolean(),
  source: z.string(),
  note: z.string().nullable(),
  approvedAmount: moneyOut.nullable(),
  paidAmount: moneyOut.nullable(),
  paidDate: z.string().nullable(),
  reason: referralReasonSchema.nullable(),
});

export const referralFollowupSchema = z.object({
  id: z.string(),
  referralId: z.string(),
  note: z.string(),
  actorLabel: z.string(),
  actorName: z.string(),
  actorRole: z.string(),
  agencyId: z.string().nullable(),
  bankId: z.string().nullable(),
  createdAt: isoInstant,
});

export const referralAttachmentSchema = z.object({
  id: z.string(),
  referralId: z.string(),
  kind: z.string(),
  ...attachedFileFields,
  url: z.string().describe('where to download it: /api/v1/files/{id} (the older /referrals/{id}/attachments/{attachmentId} works too)'),
});

export const referralDetailSchema = referralSchema.extend({
  events: z.array(referralEventSchema),
  followups: z.array(referralFollowupSchema),
  attachments: z.array(referralAttachmentSchema),
  allowedTransitions: z.array(z.enum(REFERRAL_STATUSES)).describe("the moves the caller may make from here"),
  resolutions: z.array(relatedResolutionSchema).optional().describe('working-group resolutions about this referral (on GET)'),
});
export type ReferralDetail = z.infer<typeof referralDetailSchema>;

export const REFERRAL_SORTS = ['referralDate', 'createdAt', 'updatedAt', 'requestedAmount', 'code', 'status'] as const;

export const referralFilters = {
  bankId: z.string().max(64).optional(),
  agencyId: z.string().max(64).optional(),
  unitId: z.uuid({ message: 'v.id' }).optional(),
  status: statusList(REFERRAL_STATUSES).optional(),
  programCode: z.string().max(64).optional(),
  facilityType: z.enum(FACILITY_TYPES).optional(),
  from: isoDate.optional().describe('referral date on or after'),
  to: isoDate.optional().describe('referral date on or before'),
  overdue: z.enum(['true', 'false']).optional(),
  q: z.string().max(200).optional().describe('unit name (Persian-normalised) or tracking code'),
};

export const listReferralsQuery = z.strictObject({
  ...pageQuery,
  ...referralFilters,
  sort: sortParam(REFERRAL_SORTS).optional(),
});
export type ListReferralsQuery = z.infer<typeof listReferralsQuery>;
export type ReferralFilters = Partial<Omit<ListReferralsQuery, 'page' | 'pageSize' | 'sort'>>;

export const referralList = listOf(referralSchema);

export const summaryQuery = z.strictObject(referralFilters);

export const referralSummarySchema = z.object({
  today: z.string(),
  receiptDeadlineDays: z.number().int(),
  decisionDeadlineDays: z.number().int(),
  groups: z.array(
    z.object({
      bankId: z.string(),
      bankName: z.string(),
      agencyId: z.string(),
      agencyName: z.string(),
      status: z.enum(REFERRAL_STATUSES),
      count: z.number().int(),
      overdue: z.number().int(),
      requestedAmount: moneyOut,
      approvedAmount: moneyOut,
      paidAmount: moneyOut,
      followedUp: z.number().int().describe('referrals with at least one follow-up note'),
      age: z.object({
        d0to7: z.number().int(),
        d8to30: z.number().int(),
        d31to90: z.number().int(),
        d91plus: z.number().int(),
      }).describe('open referrals by days waiting in their current stage'),
    }),
  ),
});

export const referralImportQuery = dryRunQuery;

export const REFERRAL_IMPORT_OUTCOMES = ['updated', 'unchanged', 'error'] as const;

/** A bank's status sheet: the same report shape as the unit import (`created` is always 0 here). */
export const referralImportReport = z.object({
  ...importReportFields,
  rows: z.array(
    z.object({
      row: z.number().int(),
      outcome: z.enum(REFERRAL_IMPORT_OUTCOMES),
      code: z.string().nullable(),
      referralId: z.string().nullable(),
      from: z.enum(REFERRAL_STATUSES).nullable(),
      to: z.enum(REFERRAL_STATUSES).nullable(),
      /** the steps the row takes, in order (a sheet may say "paid" of a referral still "received") */
      steps: z.array(z.enum(REFERRAL_STATUSES)),
    }),
  ),
});
export type ReferralImportReport = z.infer<typeof referralImportReport>;

export { attachmentParams } from './common.js';

// ── Quotas ──────────────────────────────────────────────────────────────────
export const quotaSchema = z.object({
  ...recordStamps,
  provinceId: z.string(),
  fiscalYear: z.number().int(),
  programCode: z.string(),
  programName: z.string(),
  bankId: z.string().nullable(),
  bankName: z.string().nullable(),
  ...nullableAgencyFields,
  amount: moneyOut,
  note: z.string().nullable(),
  /** paid through referrals in the fiscal year, within the quota's program (and bank or agency) */
  paidViaReferral: moneyOut,
  approvedViaReferral: moneyOut,
  /** paid directly by banks (their monthly reports), kept apart from referral payments */
  paidDirect: moneyOut,
  usedRate: z.number().nullable().describe('paidViaReferral ÷ amount (referral payments only)'),
});
export type Quota = z.infer<typeof quotaSchema>;

export const listQuotasQuery = z.strictObject({
  ...pageQuery,
  fiscalYear: z.coerce.number().int().min(1300).max(1600).optional(),
  programCode: z.string().max(64).optional(),
  bankId: z.string().max(64).optional(),
  agencyId: z.string().max(64).optional(),
});
export type ListQuotasQuery = z.infer<typeof listQuotasQuery>;

export const createQuotaBody = z.strictObject({
  fiscalYear: z.number().int().min(1300).max(1600),
  programCode: refCode,
  bankId: refCode.nullish(),
  agencyId: refCode.nullish(),
  amount: moneyInput,
  note: optionalPersian(1000),
});
export type CreateQuotaInput = z.infer<typeof createQuotaBody>;

export const patchQuotaBody = z.strictObject({
  version: versionField.optional(),
  amount: moneyInput.optional(),
  note: optionalPersian(1000),
});

// ── Bank reports (loans paid directly, outside referrals) ──────────────────
export const bankReportSchema = z.object({
  ...recordStamps,
  provinceId: z.string(),
  bankId: z.string(),
  bankName: z.string(),
  fiscalYear: z.number().int(),
  month: z.number().int(),
  programCode: z.string(),
  programName: z.string(),
  directCount: z.number().int(),
  directAmount: moneyOut,
  note: z.string().nullable(),
});
export type BankReport = z.infer<typeof bankReportSchema>;

export const listBankReportsQuery = z.strictObject({
  ...pageQuery,
  fiscalYear: z.coerce.number().int().min(1300).max(1600).optional(),
  month: z.coerce.number().int().min(1).max(12).optional(),
  programCode: z.string().max(64).optional(),
  bankId: z.string().max(64).optional(),
});
export type ListBankReportsQuery = z.infer<typeof listBankReportsQuery>;

export const createBankReportBody = z.strictObject({
  /** a bank officer may leave it out (their own bank) */
  bankId: refCode.optional(),
  fiscalYear: z.number().int().min(1300).max(1600),
  month: z.number().int().min(1).max(12),
  programCode: refCode,
  directCount: z.number().int().min(0).max(1_000_000),
  directAmount: moneyInput,
  note: optionalPersian(1000),
});
export type CreateBankReportInput = z.infer<typeof createBankReportBody>;

export const patchBankReportBody = z.strictObject({
  version: versionField.optional(),
  directCount: z.number().int().min(0).max(1_000_000).optional(),
  directAmount: moneyInput.optional(),
  note: optionalPersian(1000),
});

// ── The province's referral deadlines (a setting the secretariat keeps) ─────
/** The days a deadline may be: at least one, at most a year. */
export const DEADLINE_DAYS = { min: 1, max: 365 } as const;
const deadlineDays = z.number().int().min(DEADLINE_DAYS.min).max(DEADLINE_DAYS.max);
export const referralDeadlinesQuery = z.strictObject({ provinceId: z.string().max(60).optional().describe('for an administrator without a province of their own') });
export const referralDeadlinesBody = z.strictObject({
  receiptDays: deadlineDays.describe('days a bank has to acknowledge a referral (1–365)'),
  decisionDays: deadlineDays.describe('days a bank has to decide after acknowledging it (1–365)'),
});
export const referralDeadlinesSchema = z.object({
  provinceId: z.string(),
  receiptDays: z.number().int(),
  decisionDays: z.number().int(),
  /** true when the province has set them; false while the defaults apply */
  custom: z.boolean(),
});
export type ReferralDeadlinesView = z.infer<typeof referralDeadlinesSchema>;

/** `GET …/export`: the list's own filters and sort, as a file (`format=xlsx|csv`). */
export const exportReferralsQuery = listReferralsQuery.omit({ page: true, pageSize: true }).extend(exportFormat);
export type ExportReferralsQuery = z.infer<typeof exportReferralsQuery>;

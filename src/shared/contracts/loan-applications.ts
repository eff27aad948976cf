/**
 * Loan applications (درخواست تسهیلات) before a referral: the published contract (API.md, "Loan applications").
 * Money goes out as decimal strings of rials and comes in as people type it (Persian digits, separators).
 */
import { z } from 'zod';
import { LOAN_APPLICATION_STATUSES, type LoanApplicationStatus } from '../machines.js';
import { attachedFileFields, attachmentParams, exportFormat, isoDate, isoInstant, listOf, optionalPersian, pageQuery, persianText, recordStamps, refCode, sortParam, statusList, statusStep, versionField } from './common.js';
import { FACILITY_TYPES, moneyInput, moneyOut } from './referrals.js';

export { LOAN_APPLICATION_STATUSES, type LoanApplicationStatus };

export const createLoanApplicationBody = z.strictObject({
  unitId: z.uuid({ message: 'v.id' }),
  programCode: refCode,
  facilityType: z.enum(FACILITY_TYPES),
  requestedAmount: moneyInput,
  purpose: persianText(2000).describe('what the loan is for, in the producer’s words (Persian-normalised)'),
});
export type CreateLoanApplicationInput = z.infer<typeof createLoanApplicationBody>;

/** Completing a returned application: any of its fields, with the current version. */
export const patchLoanApplicationBody = z.strictObject({
  version: versionField.optional(),
  programCode: refCode.optional(),
  facilityType: z.enum(FACILITY_TYPES).optional(),
  requestedAmount: moneyInput.optional(),
  purpose: persianText(2000).optional(),
});
export type PatchLoanApplicationInput = z.infer<typeof patchLoanApplicationBody>;

export const transitionLoanApplicationBody = z.strictObject({
  to: z.enum(LOAN_APPLICATION_STATUSES),
  version: versionField.optional(),
  /** with to: "returned": what is missing (required) */
  note: optionalPersian(2000),
  /** with to: "rejected": a reason code (the rejection reasons) and a text, both required */
  reason: z.object({ code: z.string().max(64).nullish(), text: z.string().max(4000).nullish() }).nullish(),
});
export type TransitionLoanApplicationInput = z.infer<typeof transitionLoanApplicationBody>;

export const loanReasonSchema = z.object({ code: z.string(), name: z.string().nullable(), text: z.string() });

export const loanApplicationSchema = z.object({
  ...recordStamps,
  code: z.string().describe('tracking code, e.g. L-1405-000012'),
  provinceId: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  unitNationalId: z.string(),
  countyId: z.string(),
  countyName: z.string(),
  programCode: z.string(),
  programName: z.string(),
  /** the agency that owns the program (reviews it with the secretariat), if any */
  programAgencyId: z.string().nullable(),
  facilityType: z.enum(FACILITY_TYPES),
  requestedAmount: moneyOut,
  purpose: z.string(),
  status: z.enum(LOAN_APPLICATION_STATUSES),
  /** the agency that filed it on the producer's behalf, if one did */
  agencyId: z.string().nullable(),
  returnNote: z.string().nullable().describe('what the committee asked to complete (the last return)'),
  reason: loanReasonSchema.nullable().describe('why the committee rejected it'),
  referralId: z.string().nullable(),
  submittedAt: isoInstant.describe('the last (re)submission'),
  reviewStartedAt: isoInstant.nullable(),
  decidedAt: isoInstant.nullable(),
  referredAt: isoInstant.nullable(),
  withdrawnAt: isoInstant.nullable(),
  createdByName: z.string(),
});
export type LoanApplication = z.infer<typeof loanApplicationSchema>;

export const loanApplicationEventSchema = z.object({
  id: z.string(),
  ...statusStep(LOAN_APPLICATION_STATUSES),
  at: isoInstant,
  actorName: z.string(),
  actorRole: z.string(),
  onBehalf: z.boolean(),
  note: z.string().nullable(),
  reason: loanReasonSchema.nullable(),
  /** the fields an edit changed (from = to = returned), before and after */
  changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })).nullable(),
  referralId: z.string().nullable(),
});

export const loanAttachmentSchema = z.object({
  id: z.string(),
  loanApplicationId: z.string(),
  kind: z.string(),
  ...attachedFileFields,
});
export type LoanAttachment = z.infer<typeof loanAttachmentSchema>;

/** The referral made from the application, as far as it has gone. */
export const loanReferralSchema = z.object({
  id: z.string(),
  code: z.string(),
  status: z.string(),
  bankId: z.string(),
  bankName: z.string(),
  agencyName: z.string(),
  referralDate: z.string(),
  requestedAmount: moneyOut,
  approvedAmount: moneyOut.nullable(),
  paidAmount: moneyOut.nullable(),
  paidDate: z.string().nullable(),
  reasonText: z.string().nullable(),
});

export const loanApplicationDetailSchema = loanApplicationSchema.extend({
  events: z.array(loanApplicationEventSchema),
  attachments: z.array(loanAttachmentSchema),
  referral: loanReferralSchema.nullable(),
  allowedTransitions: z.array(z.enum(LOAN_APPLICATION_STATUSES)).describe('the moves the caller may make from here (referring happens by creating the referral)'),
  canEdit: z.boolean().describe('the caller may complete the fields now (returned, and theirs to complete)'),
  canRefer: z.boolean().describe('the caller may make the referral to a bank now'),
});
export type LoanApplicationDetail = z.infer<typeof loanApplicationDetailSchema>;

export const LOAN_APPLICATION_SORTS = ['createdAt', 'updatedAt', 'requestedAmount', 'code', 'status'] as const;

export const listLoanApplicationsQuery = z.strictObject({
  ...pageQuery,
  unitId: z.uuid({ message: 'v.id' }).optional(),
  status: statusList(LOAN_APPLICATION_STATUSES).optional(),
  programCode: z.string().max(64).optional(),
  from: isoDate.optional().describe('applied on or after (Tehran date)'),
  to: isoDate.optional().describe('applied on or before (Tehran date)'),
  sort: sortParam(LOAN_APPLICATION_SORTS).optional(),
});
export type ListLoanApplicationsQuery = z.infer<typeof listLoanApplicationsQuery>;

export const loanApplicationList = listOf(loanApplicationSchema);

export const exportLoanApplicationsQuery = listLoanApplicationsQuery.omit({ page: true, pageSize: true }).extend(exportFormat);
export type ExportLoanApplicationsQuery = z.infer<typeof exportLoanApplicationsQuery>;

export const loanAttachmentParams = attachmentParams;

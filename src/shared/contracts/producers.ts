/** Producers on their own (issue 11): one-time codes by SMS, registration with a claim on a unit, sign-in by code. */
import { z } from 'zod';
import { isValidNationalCode } from '../ids.js';
import { normalizeCode, toAsciiDigits } from '../text.js';
import { isoInstant, listOf, pageQuery, persianText, versionField } from './common.js';
import { mobileSchema } from './sms.js';
import { createUnitBody, nationalIdField } from './units.js';
import { meSchema } from './auth.js';

export const OTP_PURPOSES = ['register', 'login'] as const;
export type OtpPurpose = (typeof OTP_PURPOSES)[number];

export const CLAIM_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

export const otpRequestBody = z.strictObject({ mobile: mobileSchema, purpose: z.enum(OTP_PURPOSES) });
export const otpRequestResponse = z.object({
  expiresInSeconds: z.number().int().describe('the code works this long'),
  resendAfterSeconds: z.number().int().describe('a new code may be asked for after this long'),
});

/** The 6 digits as typed (Persian digits, spaces). */
export const otpCodeField = z
  .string()
  .max(20)
  .transform((s) => toAsciiDigits(s).replace(/\s/g, ''))
  .pipe(z.string().regex(/^\d{6}$/, { message: 'v.otp' }));

export const personNationalCodeField = z
  .string()
  .max(40)
  .transform((s) => normalizeCode(s))
  .refine((s) => isValidNationalCode(s), { message: 'v.national_code' });

export const registrationBody = z
  .strictObject({
    mobile: mobileSchema,
    code: otpCodeField,
    fullName: persianText(200),
    nationalCode: personNationalCodeField.describe("the person's 10-digit national code (کد ملی)"),
    unitNationalId: nationalIdField.optional().describe("the unit's 11-digit legal id (شناسه ملی)"),
    newUnit: createUnitBody.optional().describe('the unit, when it is not in the registry'),
  })
  .superRefine((b, ctx) => {
    if (!b.unitNationalId && !b.newUnit) ctx.addIssue({ code: 'custom', path: ['unitNationalId'], message: 'v.required' });
    if (b.unitNationalId && b.newUnit && b.newUnit.nationalId !== b.unitNationalId) ctx.addIssue({ code: 'custom', path: ['newUnit', 'nationalId'], message: 'v.claim_unit_mismatch' });
  });
export type RegistrationInput = z.infer<typeof registrationBody>;

export const otpLoginBody = z.strictObject({ mobile: mobileSchema, code: otpCodeField });

export const unitClaimSchema = z.object({
  id: z.string(),
  provinceId: z.string(),
  userId: z.string(),
  userFullName: z.string(),
  userMobile: z.string().nullable(),
  unitId: z.string().nullable(),
  unitName: z.string().nullable().describe('the registry unit, or the proposed one'),
  unitNationalId: z.string().nullable(),
  proposedUnit: z.record(z.string(), z.unknown()).nullable().describe('the units fields, for a unit not in the registry'),
  status: z.enum(CLAIM_STATUSES),
  note: z.string().nullable(),
  decidedAt: isoInstant.nullable(),
  version: z.number().int(),
  createdAt: isoInstant,
  updatedAt: isoInstant,
});
export type UnitClaim = z.infer<typeof unitClaimSchema>;

export const registrationResponse = z.object({ user: meSchema, claim: unitClaimSchema });

export const listClaimsQuery = z.strictObject({ ...pageQuery, status: z.enum(CLAIM_STATUSES).optional() });
export type ListClaimsQuery = z.infer<typeof listClaimsQuery>;
export const unitClaimList = listOf(unitClaimSchema);

export const claimTransitionBody = z.strictObject({
  to: z.enum(['approved', 'rejected']),
  version: versionField,
  note: z.string().trim().max(2000).optional().nullable(),
});
export type ClaimTransitionInput = z.infer<typeof claimTransitionBody>;

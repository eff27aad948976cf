/**
 * The account endpoints the security branch adds (issue 14), as these screens expect them.
 * Temporary: at merge these give way to the shared contracts in src/shared/contracts, under the same names.
 * Only the types are imported by the app, so zod stays out of the bundle.
 */
import { z } from 'zod';

/** `POST /api/v1/auth/login` gains `otp`: the 6-digit code, or one recovery code. */
export const loginBody = z.strictObject({
  username: z.string(),
  password: z.string(),
  otp: z.string().max(64).optional(),
});
export type LoginBody = z.infer<typeof loginBody>;

/** What `/auth/me` and the login's `user` gain. Absent (a server before the security branch) reads as false. */
export const accountFlags = z.object({
  mfaEnrolled: z.boolean().optional(),
  mfaEnrolmentRequired: z.boolean().optional(),
  mustChangePassword: z.boolean().optional(),
});
export type AccountFlags = Required<z.infer<typeof accountFlags>>;

/** `POST /api/v1/auth/mfa/enroll` → a new TOTP secret, not active until confirmed. */
export const mfaEnrollResponse = z.object({ secret: z.string(), otpauthUrl: z.string() });
export type MfaEnrollResponse = z.infer<typeof mfaEnrollResponse>;

/** `POST /api/v1/auth/mfa/confirm` and `DELETE /api/v1/auth/mfa` take a current code. */
export const mfaCodeBody = z.strictObject({ code: z.string().min(1).max(64) });
export type MfaCodeBody = z.infer<typeof mfaCodeBody>;

/** The confirm answer: recovery codes, each good once in place of `otp`; shown this once. */
export const mfaConfirmResponse = z.object({ recoveryCodes: z.array(z.string()) });
export type MfaConfirmResponse = z.infer<typeof mfaConfirmResponse>;

/** `POST /api/v1/auth/password` → 204. */
export const changePasswordBody = z.strictObject({ currentPassword: z.string(), newPassword: z.string().min(10).max(512) });
export type ChangePasswordBody = z.infer<typeof changePasswordBody>;

/** `GET /api/v1/auth/sessions` → the caller's own open sessions. `device` is the browser's user agent. */
export const authSession = z.object({
  id: z.string(),
  device: z.string().nullable(),
  address: z.string().nullable(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  current: z.boolean(),
});
export type AuthSession = z.infer<typeof authSession>;
export const authSessionList = z.object({ items: z.array(authSession) });
export type AuthSessionList = z.infer<typeof authSessionList>;

/** The problem codes these screens act on. */
export const ACCOUNT_PROBLEM_CODES = {
  mfaRequired: 'auth.mfa_required',
  mfaInvalid: 'auth.mfa_invalid',
  mfaEnrolmentRequired: 'auth.mfa_enrolment_required',
  passwordChangeRequired: 'auth.password_change_required',
} as const;

import { z } from 'zod';
import { ROLES } from '../roles.js';
import { isoInstant } from './common.js';
import { accountFields } from './users.js';

export const loginBody = z.strictObject({
  username: z.string().trim().min(1, { message: 'v.required' }).max(100),
  password: z.string().min(1, { message: 'v.required' }).max(1000),
  /** the authenticator's 6-digit code, or one unused recovery code, for an account with a second factor */
  otp: z.string().trim().max(40).optional(),
});

export const meSchema = z.object({
  id: z.string(),
  ...accountFields,
  /** a second factor is confirmed on the account */
  mfaEnrolled: z.boolean(),
  /** the role needs a second factor (TASHIL_MFA_ROLES) and there is none: only enrolment is open (403 auth.mfa_enrolment_required) */
  mfaEnrolmentRequired: z.boolean(),
  /** an administrator reset the password: only the change is open (403 auth.password_change_required) */
  mustChangePassword: z.boolean(),
});
export type Me = z.infer<typeof meSchema>;

export const loginResponse = z.object({ user: meSchema });

/** At least 10 characters; any script (long Persian passphrases work). Same rule as a user's password. */
export const changePasswordBody = z.strictObject({
  currentPassword: z.string().min(1, { message: 'v.required' }).max(1000),
  newPassword: z.string().min(10, { message: 'v.password' }).max(512),
});

export const mfaEnrolResponse = z.object({
  /** base32 secret, for typing into an authenticator by hand */
  secret: z.string(),
  /** otpauth://totp/Tashil:<username>?secret=…&issuer=Tashil — show as a QR code */
  otpauthUrl: z.string(),
});
export const mfaCodeBody = z.strictObject({ code: z.string().trim().min(1, { message: 'v.required' }).max(40) });
export const mfaConfirmResponse = z.object({ recoveryCodes: z.array(z.string()).describe('shown once; each works once in place of a code') });

export const authSessionSchema = z.object({
  id: z.string(),
  /** the browser's User-Agent as it was at login */
  device: z.string().nullable(),
  address: z.string().nullable(),
  createdAt: isoInstant,
  lastSeenAt: isoInstant,
  /** the session this request came with */
  current: z.boolean(),
});
export type AuthSession = z.infer<typeof authSessionSchema>;
export const authSessionsResponse = z.object({ items: z.array(authSessionSchema) });

export const temporaryPasswordResponse = z.object({ temporaryPassword: z.string().describe('shown once; the user must change it at next login') });

export const healthSchema = z.object({
  status: z.literal('ok'),
  database: z.enum(['pglite', 'postgres']),
  version: z.string(),
});

export const liveSchema = z.object({ status: z.literal('ok') });

export const readySchema = z.object({
  status: z.literal('ready'),
  database: z.enum(['pglite', 'postgres']),
  version: z.string(),
});

export const metaSchema = z.object({
  name: z.string(),
  version: z.string(),
  demo: z.boolean(),
  /** only while demo mode is on; `password` only when the server listens on this machine alone (loopback) */
  demoAccounts: z.array(z.object({ username: z.string(), role: z.enum(ROLES), password: z.string().optional() })),
});

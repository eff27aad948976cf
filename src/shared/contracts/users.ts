import { z } from 'zod';
import { ROLES } from '../roles.js';
import { isoInstant, pageQuery, recordStamps, versionField } from './common.js';

export const username = z.string().trim().toLowerCase().regex(/^[a-z0-9][a-z0-9._-]{1,62}$/, { message: 'v.username' });
/** At least 10 characters; any script (long Persian passphrases work). */
export const password = z.string().min(10, { message: 'v.password' }).max(512);

/** Who an account is, its role, and the province, agency, bank or unit it belongs to (as far as the role has one). */
export const accountFields = {
  username: z.string(),
  fullName: z.string(),
  role: z.enum(ROLES),
  provinceId: z.string().nullable(),
  agencyId: z.string().nullable(),
  bankId: z.string().nullable(),
  unitId: z.string().nullable(),
};

export const userSchema = z.object({
  ...recordStamps,
  ...accountFields,
  email: z.string().nullable(),
  disabled: z.boolean(),
  mfaEnrolled: z.boolean(),
  mustChangePassword: z.boolean(),
  lastLoginAt: isoInstant.nullable(),
});
export type User = z.infer<typeof userSchema>;

export const createUserBody = z.strictObject({
  username,
  fullName: z.string().trim().min(1, { message: 'v.required' }).max(200),
  role: z.enum(ROLES),
  password,
  provinceId: z.string().max(64).optional(),
  agencyId: z.string().max(64).optional(),
  bankId: z.string().max(64).optional(),
  unitId: z.uuid({ message: 'v.id' }).optional(),
  email: z.email().max(200).optional(),
});

export const patchUserBody = z.strictObject({
  version: versionField.optional(),
  fullName: z.string().trim().min(1).max(200).optional(),
  role: z.enum(ROLES).optional(),
  provinceId: z.string().max(64).nullable().optional(),
  agencyId: z.string().max(64).nullable().optional(),
  bankId: z.string().max(64).nullable().optional(),
  unitId: z.uuid({ message: 'v.id' }).nullable().optional(),
  disabled: z.boolean().optional(),
  email: z.email().max(200).nullable().optional(),
  password: password.optional(),
});

export const listUsersQuery = z.strictObject({
  ...pageQuery,
  role: z.enum(ROLES).optional(),
  q: z.string().max(100).optional(),
});

export const tokenSchema = z.object({
  ...recordStamps,
  name: z.string(),
  role: z.enum(ROLES),
  provinceId: z.string().nullable(),
  agencyId: z.string().nullable(),
  bankId: z.string().nullable(),
  revokedAt: isoInstant.nullable(),
  lastUsedAt: isoInstant.nullable(),
});

export const createTokenBody = z.strictObject({
  name: z.string().trim().min(1, { message: 'v.required' }).max(100),
  role: z.enum(['bank', 'agency']),
  provinceId: z.string().max(64).optional(),
  bankId: z.string().max(64).optional(),
  agencyId: z.string().max(64).optional(),
});

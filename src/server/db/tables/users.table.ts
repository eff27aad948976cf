import { sql } from 'drizzle-orm';
import { bigint, boolean, index, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { stamps, tstz, accountScope } from './columns.js';

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    username: text('username').notNull(),
    fullName: text('full_name').notNull(),
    ...accountScope(),
    unitId: uuid('unit_id'),
    /** where e-mailed notifications go, when an SMTP server is configured */
    email: text('email'),
    /** a mobile number (09xxxxxxxxx) for text messages: producers' notifications and one-time codes */
    mobile: text('mobile'),
    passwordHash: text('password_hash').notNull(),
    disabled: boolean('disabled').notNull().default(false),
    /** set by an administrator's password reset: the user must choose a new one before anything else */
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    lastLoginAt: tstz('last_login_at'),
    /** TOTP secret (base32) once confirmed; `mfa_pending_secret` while enrolling */
    mfaSecret: text('mfa_secret'),
    mfaPendingSecret: text('mfa_pending_secret'),
    mfaEnabledAt: tstz('mfa_enabled_at'),
    /** the last TOTP time step accepted, so one code cannot be used twice */
    mfaLastStep: bigint('mfa_last_step', { mode: 'number' }),
    /** SHA-256 of the unused recovery codes */
    mfaRecoveryHashes: jsonb('mfa_recovery_hashes').$type<string[]>(),
    ...stamps,
  },
  (t) => [
    uniqueIndex('users_username_uq').on(t.username),
    index('users_province_idx').on(t.provinceId),
    /** a producer signs in by mobile: one producer account a number */
    uniqueIndex('users_producer_mobile_uq').on(t.mobile).where(sql`${t.role} = 'producer' and ${t.mobile} is not null`),
  ],
);

import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { tstz } from './columns.js';

/**
 * One-time codes sent by SMS (issue 11): registration and sign-in of producers. The code itself is never stored,
 * only its HMAC-SHA-256 under a server pepper. Every request leaves a row, known mobile or not, so the limits
 * (one a minute and five a day per mobile, thirty an hour per address) are counted from these rows.
 */
export const otpCodes = pgTable(
  'otp_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** 09xxxxxxxxx */
    mobile: text('mobile').notNull(),
    /** register | login */
    purpose: text('purpose').notNull(),
    codeHash: text('code_hash').notNull(),
    expiresAt: tstz('expires_at').notNull(),
    /** wrong codes tried against this one; at 3 it is spent */
    attempts: integer('attempts').notNull().default(0),
    consumedAt: tstz('consumed_at'),
    ip: text('ip'),
    createdAt: tstz('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('otp_codes_mobile_idx').on(t.mobile, t.createdAt),
    index('otp_codes_ip_idx').on(t.ip, t.createdAt).where(sql`${t.ip} is not null`),
  ],
);

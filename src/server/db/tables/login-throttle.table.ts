import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * Failed-login counters, one row per key: `acct:<username>` (the account, from anywhere) and
 * `acct-ip:<username>|<address>` (the account from one address), plus `ip:<address>` (an address trying many
 * accounts). Each attempt reserves its slot with one atomic upsert before the password is verified, so parallel
 * attempts cannot all slip under the limit. `blocked_until` is the growing delay; it never blocks for good.
 */
export const loginThrottle = pgTable('login_throttle', {
  key: text('key').primaryKey(),
  /** attempts reserved in the current window (a success releases its reservation and clears the key) */
  failures: integer('failures').notNull().default(0),
  windowStart: tstz('window_start').notNull(),
  blockedUntil: tstz('blocked_until'),
  updatedAt: tstz('updated_at').notNull(),
});

import { sql } from 'drizzle-orm';
import { date, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tstz } from './columns.js';

/**
 * One row per target (an agency, a bank, a role in a province, a unit, a user) per Tehran day: the daily digest of
 * its pending reminders, written in the transaction that hands it to the delivery channel and marks the reminders
 * delivered. The unique key makes a second digest for the same target and day — from a retried run or another
 * instance — a no-op.
 */
export const reminderDigests = pgTable(
  'reminder_digests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    provinceId: text('province_id'),
    /** `agency:smt`, `bank:melli`, `role:secretariat`, `unit:<id>`, `user:<id>` */
    targetKey: text('target_key').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    items: integer('items').notNull().default(0),
    /** the first few tracking codes the message listed */
    codes: text('codes').array().notNull().default(sql`'{}'::text[]`),
    deliveredVia: text('delivered_via').notNull(),
    createdAt: tstz('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('reminder_digests_uq').on(sql`coalesce(${t.provinceId}, '')`, t.targetKey, t.day)],
);

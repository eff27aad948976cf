import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tstz } from './columns.js';

/**
 * One row per target (an agency, a bank, a role in a province, a unit, a user) per Tehran day: the daily digest of
 * its pending reminders. It is claimed first (the unique key makes a second digest for the same target and day — from
 * a retried run or another instance — a no-op); its reminders are then marked as in it a bounded chunk per
 * transaction, each adding to its content; the transaction that hands it to the delivery channel sets `sent_at`.
 * Until then (a failed channel, a stopped instance) the next run finishes it.
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
    /** how many of each kind of reminder it holds */
    kinds: jsonb('kinds').$type<Record<string, number>>().notNull().default({}),
    deliveredVia: text('delivered_via').notNull(),
    createdAt: tstz('created_at').notNull().defaultNow(),
    /** when it was handed to the channel; null while its reminders are still being marked, or its delivery failed */
    sentAt: tstz('sent_at'),
  },
  (t) => [
    uniqueIndex('reminder_digests_uq').on(sql`coalesce(${t.provinceId}, '')`, t.targetKey, t.day),
    index('reminder_digests_unsent_idx').on(t.day).where(sql`${t.sentAt} is null`),
  ],
);

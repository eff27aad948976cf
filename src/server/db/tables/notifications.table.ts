import { sql } from 'drizzle-orm';
import { date, index, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tstz } from './columns.js';
import { users } from './users.table.js';

/**
 * In-app notifications (reminders and events). The target is one of: a user, an agency, a bank, a unit,
 * or a role within the province. `dedupe_key` is UNIQUE, so a reminder inserted by several job runs or server
 * instances (INSERT … ON CONFLICT DO NOTHING) exists, and is delivered, once. Who has read one is in
 * `notification_reads`: a notification to an agency is read by each of its officers on their own.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    provinceId: text('province_id'),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    agencyId: text('agency_id'),
    bankId: text('bank_id'),
    unitId: uuid('unit_id'),
    role: text('role'),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    refType: text('ref_type'),
    refId: text('ref_id'),
    /** The record's tracking code (D-…, R-…, M-…), listed in reminder digests. */
    refCode: text('ref_code'),
    dedupeKey: text('dedupe_key').notNull(),
    createdAt: tstz('created_at').notNull().defaultNow(),
    /** When the delivery channel (log, e-mail) took it; null while waiting. */
    deliveredAt: tstz('delivered_at'),
    deliveredVia: text('delivered_via'),
    /**
     * Reminders only: the Tehran day from which it goes out in its target's daily digest (one message listing every
     * pending reminder) instead of on its own; null for events, which go out one by one as they happen.
     */
    digestDay: date('digest_day', { mode: 'string' }),
  },
  (t) => [
    uniqueIndex('notifications_dedupe_uq').on(t.dedupeKey),
    // each notification has one target (a user, an agency, a bank, a unit or a role): each target's index holds only
    // its own rows (`x = $1` implies `x is not null`, so the planner still uses them), and a reminder's insert and its
    // digest's marking touch one of them, not all five (a national first run writes ~900,000)
    index('notifications_user_idx').on(t.userId, t.createdAt).where(sql`user_id is not null`),
    // an agency's, bank's or role's are always its province's, read newest first (id breaks the ties of a reminder
    // run's one instant): a page of them is the first rows of the index
    index('notifications_agency_idx').on(t.provinceId, t.agencyId, t.createdAt, t.id).where(sql`agency_id is not null`),
    index('notifications_bank_idx').on(t.provinceId, t.bankId, t.createdAt, t.id).where(sql`bank_id is not null`),
    index('notifications_role_idx').on(t.provinceId, t.role, t.createdAt, t.id).where(sql`role is not null`),
    index('notifications_unit_idx').on(t.unitId, t.createdAt).where(sql`unit_id is not null`),
    // the events waiting for delivery (reminders go in digests: the index below)
    index('notifications_undelivered_idx').on(t.createdAt).where(sql`delivered_at is null and digest_day is null`),
    // the reminders waiting for their target's digest, found by target (IS NULL is an index condition too)
    index('notifications_digest_pending_idx')
      .on(t.provinceId, t.agencyId, t.bankId, t.role, t.userId, t.unitId)
      .where(sql`delivered_at is null and digest_day is not null`),
  ],
);

/**
 * One row per reader and notification read. `user_id` is the reader: a user, or an integration token (a bank's or
 * agency's system reads its notifications too), so it carries no foreign key to either table. The primary key
 * (notification_id, user_id) is what the unread count probes: for each notification addressed to the caller,
 * one index lookup says whether they have read it.
 */
export const notificationReads = pgTable(
  'notification_reads',
  {
    notificationId: uuid('notification_id')
      .notNull()
      .references(() => notifications.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').notNull(),
    readAt: tstz('read_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.notificationId, t.userId], name: 'notification_reads_pk' }),
    // one reader's read marks, read once: the unread count of an agency's 1,453 reminders hashes them instead of
    // probing the key per reminder (8 ms → 1 ms with a million read marks in the table; docs/benchmarks.md)
    index('notification_reads_user_idx').on(t.userId, t.notificationId),
  ],
);

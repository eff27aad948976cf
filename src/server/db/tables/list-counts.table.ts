import { check, date, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

/**
 * How many referrals and demands each province holds, by bank, agency and status: kept by the writing transaction
 * (statement triggers on `referrals` and `demands`, migration 0029), so a list's total over a scope and status is a sum
 * of a few rows instead of a count of the province's whole table (a secretariat's referral list in Tehran counted
 * 48,000 rows on every page at the scale drill's size). Derived data: the triggers are its only writers.
 * `bank_id` and `agency_id` are '' where the record has none (a demand has no bank; an unassigned demand no agency).
 */
export const listCounts = pgTable(
  'list_counts',
  {
    entity: text('entity').notNull(),
    provinceId: text('province_id').notNull(),
    bankId: text('bank_id').notNull(),
    agencyId: text('agency_id').notNull(),
    status: text('status').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.entity, t.provinceId, t.bankId, t.agencyId, t.status] }),
    check('list_counts_entity_ck', sql`${t.entity} in ('referral', 'demand')`),
  ],
);

/**
 * How many referrals each province has waiting on a bank, by status and by the day their wait began: the referral's
 * date while it waits to be received, the day it was received (Tehran's calendar) while it waits for a decision. Kept
 * by the writing transaction (a statement trigger on `referrals`, migration 0035), so the province's overdue referrals
 * — those whose wait began before their stage's deadline — are a sum over a few thousand rows instead of a count of
 * every open referral (the secretariat's home in Tehran counted 48,000 of them, 7 ms, on every visit). Derived data:
 * the trigger is its only writer. Rows at 0 stay (at most three a day a province).
 */
export const referralWaits = pgTable(
  'referral_waits',
  {
    provinceId: text('province_id').notNull(),
    status: text('status').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.provinceId, t.status, t.day] }), check('referral_waits_status_ck', sql`${t.status} in ('referred', 'received', 'under_review')`)],
);

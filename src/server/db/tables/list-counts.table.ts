import { check, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
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

import { integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';

/**
 * Tracking-code sequences (D-1405-000123): one row per province, kind and fiscal year, bumped by
 * `INSERT … ON CONFLICT DO UPDATE … RETURNING` inside the transaction that creates the record,
 * so two writers never get the same number (the row stays locked until commit).
 */
export const trackingCounters = pgTable(
  'tracking_counters',
  {
    provinceId: text('province_id').notNull(),
    kind: text('kind').notNull(),
    fiscalYear: integer('fiscal_year').notNull(),
    lastValue: integer('last_value').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.provinceId, t.kind, t.fiscalYear] })],
);

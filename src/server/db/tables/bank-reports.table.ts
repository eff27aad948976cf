import { sql } from 'drizzle-orm';
import { bigint, check, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { stamps, provinceRecord } from './columns.js';
import { banks, programs } from './reference.table.js';

/** A bank's monthly report of loans it paid directly (outside referrals), per program. */
export const bankReports = pgTable(
  'bank_reports',
  {
    ...provinceRecord(),
    bankId: text('bank_id').notNull().references(() => banks.id),
    fiscalYear: integer('fiscal_year').notNull(),
    month: integer('month').notNull(),
    programCode: text('program_code').notNull().references(() => programs.code),
    directCount: integer('direct_count').notNull().default(0),
    directAmount: bigint('direct_amount', { mode: 'bigint' }).notNull(),
    note: text('note'),
    ...stamps,
  },
  (t) => [
    uniqueIndex('bank_reports_uq').on(t.provinceId, t.bankId, t.fiscalYear, t.month, t.programCode),
    check('bank_reports_month_ck', sql.raw(`month between 1 and 12`)),
    check('bank_reports_direct_ck', sql.raw(`direct_count >= 0 and direct_amount >= 0`)),
  ],
);

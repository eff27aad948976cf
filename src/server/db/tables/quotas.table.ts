import { sql } from 'drizzle-orm';
import { bigint, check, integer, pgTable, text, unique } from 'drizzle-orm/pg-core';
import { stamps, provinceRecord } from './columns.js';
import { agencies, banks, programs } from './reference.table.js';

/** The amount allotted per fiscal year × program, to the province (no bank, no agency), a bank, or an agency. */
export const quotas = pgTable(
  'quotas',
  {
    ...provinceRecord(),
    fiscalYear: integer('fiscal_year').notNull(),
    programCode: text('program_code').notNull().references(() => programs.code),
    bankId: text('bank_id').references(() => banks.id),
    agencyId: text('agency_id').references(() => agencies.id),
    amount: bigint('amount', { mode: 'bigint' }).notNull(),
    note: text('note'),
    ...stamps,
  },
  (t) => [
    unique('quotas_scope_uq').on(t.provinceId, t.fiscalYear, t.programCode, t.bankId, t.agencyId).nullsNotDistinct(),
    check('quotas_amount_ck', sql.raw(`amount >= 0`)),
  ],
);

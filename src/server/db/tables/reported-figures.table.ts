import { date, index, pgTable, text } from 'drizzle-orm/pg-core';
import { stamps, provinceRecord } from './columns.js';
import { programs } from './reference.table.js';

/** A figure an official published (source, date, value), shown next to the computed one — never replacing it. */
export const reportedFigures = pgTable(
  'reported_figures',
  {
    ...provinceRecord(),
    metric: text('metric').notNull(),
    /** '1405', '1405-Q3', '1405-07' */
    periodKey: text('period_key').notNull(),
    programCode: text('program_code').references(() => programs.code),
    /** decimal text: rials for amounts, a fraction 0..1 for rates, a count */
    value: text('value').notNull(),
    source: text('source').notNull(),
    reportedOn: date('reported_on', { mode: 'string' }).notNull(),
    note: text('note'),
    createdBy: text('created_by'),
    ...stamps,
  },
  (t) => [index('reported_figures_lookup_idx').on(t.provinceId, t.metric, t.periodKey)],
);

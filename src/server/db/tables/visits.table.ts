import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { stamps } from './columns.js';
import { provinces } from './reference.table.js';
import { units } from './units.table.js';

/** Field visits (بازدید میدانی): planned, then recorded with findings and the staff and capacity use observed. */
export const visits = pgTable(
  'visits',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    provinceId: text('province_id').notNull().references(() => provinces.id),
    unitId: uuid('unit_id').notNull().references(() => units.id),
    visitDate: date('visit_date', { mode: 'string' }).notNull(),
    /** Who visited, as written on the report. */
    team: text('team').notNull(),
    /** Users who took part, when they have accounts. */
    memberIds: jsonb('member_ids').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    findings: text('findings'),
    /** Observed on the visit: the unit's history of staff and capacity use. */
    employees: integer('employees'),
    capacityUtilization: integer('capacity_utilization'),
    status: text('status').notNull(),
    createdBy: text('created_by'),
    ...stamps,
  },
  (t) => [index('visits_province_date_idx').on(t.provinceId, t.visitDate), index('visits_unit_date_idx').on(t.unitId, t.visitDate)],
);

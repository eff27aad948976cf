import { sql } from 'drizzle-orm';
import { date, doublePrecision, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { stamps, provinceRecord } from './columns.js';
import { units } from './units.table.js';

/** Field visits (بازدید میدانی): planned, then recorded with findings and the staff and capacity use observed. */
export const visits = pgTable(
  'visits',
  {
    ...provinceRecord(),
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
    /**
     * A record made on a device (offline): the UUID the device gave it and who sent it. The same caller sending
     * the same clientId again gets the first record back (unique below), so a retried sync writes nothing twice.
     */
    clientId: uuid('client_id'),
    recordedBy: text('recorded_by'),
    /** Where the record was made (the device's position), and how precise that position was, in metres. */
    locationLat: doublePrecision('location_lat'),
    locationLng: doublePrecision('location_lng'),
    locationAccuracyM: doublePrecision('location_accuracy_m'),
    ...stamps,
  },
  (t) => [
    index('visits_province_date_idx').on(t.provinceId, t.visitDate),
    index('visits_unit_date_idx').on(t.unitId, t.visitDate),
    uniqueIndex('visits_client_id_uq').on(t.provinceId, t.recordedBy, t.clientId).where(sql`${t.clientId} is not null`),
  ],
);

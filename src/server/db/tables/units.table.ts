import { sql } from 'drizzle-orm';
import { doublePrecision, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { stamps, provinceRecord } from './columns.js';
import { counties, estates, sectors } from './reference.table.js';

export const units = pgTable(
  'units',
  {
    ...provinceRecord(),
    name: text('name').notNull(),
    /** searchKey(name) — Persian-normalised, no spaces or half-spaces; what `q` searches. */
    nameKey: text('name_key').notNull(),
    nationalId: text('national_id').notNull(),
    licenseNo: text('license_no'),
    sectorCode: text('sector_code').notNull().references(() => sectors.code),
    countyId: text('county_id').notNull().references(() => counties.id),
    estateId: text('estate_id').references(() => estates.id),
    address: text('address'),
    phone: text('phone'),
    managerName: text('manager_name'),
    employees: integer('employees').notNull().default(0),
    capacityUtilization: integer('capacity_utilization').notNull().default(0),
    status: text('status').notNull(),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    ...stamps,
  },
  (t) => [
    uniqueIndex('units_province_national_id_uq').on(t.provinceId, t.nationalId),
    /** county filters, and units by status without reading the table (statistics) */
    index('units_province_county_status_idx').on(t.provinceId, t.countyId, t.status),
    index('units_name_key_trgm').using('gin', sql`${t.nameKey} gin_trgm_ops`),
    index('units_national_id_idx').on(t.nationalId),
  ],
);

/** Reference data: provinces, counties, estates, sectors, agencies, banks, programs, obstacle categories, rejection reasons. */
import { index, integer, pgTable, text } from 'drizzle-orm/pg-core';

export const provinces = pgTable('provinces', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  nameEn: text('name_en').notNull(),
});

export const counties = pgTable(
  'counties',
  {
    id: text('id').primaryKey(),
    provinceId: text('province_id').notNull().references(() => provinces.id),
    name: text('name').notNull(),
    nameEn: text('name_en').notNull(),
  },
  (t) => [index('counties_province_idx').on(t.provinceId)],
);

export const estates = pgTable(
  'estates',
  {
    id: text('id').primaryKey(),
    provinceId: text('province_id').notNull().references(() => provinces.id),
    countyId: text('county_id').notNull().references(() => counties.id),
    name: text('name').notNull(),
    nameEn: text('name_en').notNull(),
  },
  (t) => [index('estates_province_idx').on(t.provinceId)],
);

export const sectors = pgTable('sectors', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  nameEn: text('name_en').notNull(),
});

export const agencies = pgTable('agencies', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  nameEn: text('name_en').notNull(),
});

export const banks = pgTable('banks', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  nameEn: text('name_en').notNull(),
  kind: text('kind').notNull(),
});

export const programs = pgTable('programs', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  nameEn: text('name_en').notNull(),
  /** the executive agency that owns the program in the province: it screens loan applications with the secretariat */
  defaultAgencyId: text('default_agency_id').references(() => agencies.id),
});

export const obstacleCategories = pgTable('obstacle_categories', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  nameEn: text('name_en').notNull(),
  defaultAgencyId: text('default_agency_id').references(() => agencies.id),
  deadlineDays: integer('deadline_days').notNull().default(30),
});

export const rejectionReasons = pgTable('rejection_reasons', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  nameEn: text('name_en').notNull(),
});

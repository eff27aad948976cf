/**
 * The whole Drizzle schema in one place, so drizzle-kit generates one migration set.
 * Every table that holds provincial data carries `province_id`.
 * Money columns are bigint rials (mode 'bigint'); calendar dates are `date` strings.
 */
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const stamps = {
  version: integer('version').notNull().default(1),
  createdAt: tstz('created_at').notNull().defaultNow(),
  updatedAt: tstz('updated_at').notNull().defaultNow(),
};

// ── Reference data ─────────────────────────────────────────────────────────
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

// ── Accounts ───────────────────────────────────────────────────────────────
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    username: text('username').notNull(),
    fullName: text('full_name').notNull(),
    role: text('role').notNull(),
    provinceId: text('province_id').references(() => provinces.id),
    agencyId: text('agency_id').references(() => agencies.id),
    bankId: text('bank_id').references(() => banks.id),
    unitId: uuid('unit_id'),
    passwordHash: text('password_hash').notNull(),
    disabled: boolean('disabled').notNull().default(false),
    ...stamps,
  },
  (t) => [uniqueIndex('users_username_uq').on(t.username), index('users_province_idx').on(t.provinceId)],
);

/** Server-side web sessions: the cookie holds a random token, the table its SHA-256. */
export const authSessions = pgTable(
  'auth_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tokenHash: text('token_hash').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: tstz('created_at').notNull().defaultNow(),
    lastSeenAt: tstz('last_seen_at').notNull().defaultNow(),
    expiresAt: tstz('expires_at').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [uniqueIndex('auth_sessions_token_uq').on(t.tokenHash), index('auth_sessions_user_idx').on(t.userId)],
);

/** Integration tokens for banks' and agencies' own systems (Authorization: Bearer). */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    role: text('role').notNull(),
    provinceId: text('province_id').references(() => provinces.id),
    agencyId: text('agency_id').references(() => agencies.id),
    bankId: text('bank_id').references(() => banks.id),
    createdBy: uuid('created_by').references(() => users.id),
    revokedAt: tstz('revoked_at'),
    lastUsedAt: tstz('last_used_at'),
    ...stamps,
  },
  (t) => [uniqueIndex('api_tokens_hash_uq').on(t.tokenHash)],
);

/** Failed logins only (never successes), counted per account and per address. */
export const loginFailures = pgTable(
  'login_failures',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    usernameKey: text('username_key').notNull(),
    ip: text('ip').notNull(),
    at: tstz('at').notNull().defaultNow(),
  },
  (t) => [index('login_failures_user_idx').on(t.usernameKey, t.at), index('login_failures_ip_idx').on(t.ip, t.at)],
);

// ── Audit (append-only; a trigger refuses UPDATE and DELETE) ──────────────
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: tstz('at').notNull().defaultNow(),
    provinceId: text('province_id'),
    actorId: text('actor_id'),
    actorLabel: text('actor_label').notNull(),
    actorKind: text('actor_kind').notNull(),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    requestId: text('request_id'),
    ip: text('ip'),
  },
  (t) => [index('audit_entity_idx').on(t.entityType, t.entityId, t.id), index('audit_province_idx').on(t.provinceId, t.id)],
);

// ── Industrial units ───────────────────────────────────────────────────────
export const units = pgTable(
  'units',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    provinceId: text('province_id')
      .notNull()
      .references(() => provinces.id),
    name: text('name').notNull(),
    /** searchKey(name) — Persian-normalised, no spaces or half-spaces; what `q` searches. */
    nameKey: text('name_key').notNull(),
    nationalId: text('national_id').notNull(),
    licenseNo: text('license_no'),
    sectorCode: text('sector_code')
      .notNull()
      .references(() => sectors.code),
    countyId: text('county_id')
      .notNull()
      .references(() => counties.id),
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
    index('units_province_county_idx').on(t.provinceId, t.countyId),
    index('units_name_key_trgm').using('gin', sql`${t.nameKey} gin_trgm_ops`),
    index('units_national_id_idx').on(t.nationalId),
  ],
);

/** Key/value settings per province (deadlines, targets); `province_id` '*' is the installation default. */
export const settings = pgTable(
  'settings',
  {
    provinceId: text('province_id').notNull(),
    key: text('key').notNull(),
    value: jsonb('value').notNull(),
    ...stamps,
  },
  (t) => [uniqueIndex('settings_uq').on(t.provinceId, t.key)],
);


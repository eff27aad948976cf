/**
 * The whole Drizzle schema in one place, so drizzle-kit generates one migration set.
 * Every table that holds provincial data carries `province_id`.
 * Money columns are bigint rials (mode 'bigint'); calendar dates are `date` strings.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  date,
  primaryKey,
  unique,
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
    /** where e-mailed notifications go, when an SMTP server is configured */
    email: text('email'),
    /** where SMS goes (09xxxxxxxxx), when the user has one */
    mobile: text('mobile'),
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
    /** county filters, and units by status without reading the table (statistics) */
    index('units_province_county_status_idx').on(t.provinceId, t.countyId, t.status),
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

// ── Visits, demands, follow-ups and notifications (issue 4) ───────────────
/** Field visits (بازدید میدانی): planned, then recorded with findings and the staff and capacity use observed. */
export const visits = pgTable(
  'visits',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    provinceId: text('province_id')
      .notNull()
      .references(() => provinces.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
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

/** Producers' demands (مطالبات): an obstacle, its responsible agency, its deadline and its state. */
export const demands = pgTable(
  'demands',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    provinceId: text('province_id')
      .notNull()
      .references(() => provinces.id),
    code: text('code').notNull(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    visitId: uuid('visit_id').references(() => visits.id),
    categoryCode: text('category_code')
      .notNull()
      .references(() => obstacleCategories.code),
    title: text('title').notNull(),
    /** searchKey(title): what `q` searches. */
    titleKey: text('title_key').notNull(),
    description: text('description').notNull(),
    agencyId: text('agency_id').references(() => agencies.id),
    priority: text('priority').notNull().default('normal'),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    status: text('status').notNull(),
    /** When it last went to the working group. */
    escalatedAt: tstz('escalated_at'),
    /** When it was closed (resolved or found unresolvable); cleared on reopening. */
    resolvedAt: tstz('resolved_at'),
    createdBy: text('created_by'),
    ...stamps,
  },
  (t) => [
    uniqueIndex('demands_province_code_uq').on(t.provinceId, t.code),
    index('demands_province_status_idx').on(t.provinceId, t.status, t.dueDate),
    index('demands_agency_status_idx').on(t.agencyId, t.status, t.dueDate),
    index('demands_unit_idx').on(t.unitId),
    /** statistics read a period's demands (by registration time) from this index alone */
    index('demands_stats_idx').on(t.provinceId, t.createdAt, t.status, t.categoryCode, t.agencyId, t.dueDate, t.resolvedAt, t.unitId),
    index('demands_visit_idx').on(t.visitId),
    index('demands_title_key_trgm').using('gin', sql`${t.titleKey} gin_trgm_ops`),
  ],
);

/** Every state change of a demand (append-only; a trigger refuses UPDATE and DELETE). */
export const demandEvents = pgTable(
  'demand_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    demandId: uuid('demand_id')
      .notNull()
      .references(() => demands.id),
    provinceId: text('province_id').notNull(),
    /** null for the registration itself */
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    note: text('note'),
    /** the agency the demand was assigned to by this change, if any */
    agencyId: text('agency_id'),
    actorId: text('actor_id'),
    actorName: text('actor_name').notNull(),
    actorRole: text('actor_role').notNull(),
    at: tstz('at').notNull().defaultNow(),
  },
  (t) => [index('demand_events_demand_idx').on(t.demandId, t.id), index('demand_events_province_at_idx').on(t.provinceId, t.at)],
);

/** Follow-ups (پیگیری): notes on a demand, with author, agency and time (append-only). */
export const demandFollowups = pgTable(
  'demand_followups',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    demandId: uuid('demand_id')
      .notNull()
      .references(() => demands.id),
    provinceId: text('province_id').notNull(),
    note: text('note').notNull(),
    authorId: text('author_id'),
    authorName: text('author_name').notNull(),
    authorRole: text('author_role').notNull(),
    agencyId: text('agency_id').references(() => agencies.id),
    at: tstz('at').notNull().defaultNow(),
  },
  (t) => [index('demand_followups_demand_idx').on(t.demandId, t.id)],
);

/**
 * In-app notifications (reminders and events). The target is one of: a user, an agency, a bank, a unit,
 * or a role within the province. `dedupe_key` is UNIQUE, so a reminder inserted by several job runs or server
 * instances (INSERT … ON CONFLICT DO NOTHING) exists, and is delivered, once.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    provinceId: text('province_id'),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    agencyId: text('agency_id'),
    bankId: text('bank_id'),
    unitId: uuid('unit_id'),
    role: text('role'),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    refType: text('ref_type'),
    refId: text('ref_id'),
    dedupeKey: text('dedupe_key').notNull(),
    createdAt: tstz('created_at').notNull().defaultNow(),
    readAt: tstz('read_at'),
    /** When the delivery channel (log, e-mail) took it; null while waiting. */
    deliveredAt: tstz('delivered_at'),
    deliveredVia: text('delivered_via'),
  },
  (t) => [
    uniqueIndex('notifications_dedupe_uq').on(t.dedupeKey),
    index('notifications_user_idx').on(t.userId, t.createdAt),
    index('notifications_agency_idx').on(t.agencyId, t.createdAt),
    index('notifications_bank_idx').on(t.bankId, t.createdAt),
    index('notifications_role_idx').on(t.provinceId, t.role, t.createdAt),
    index('notifications_unit_idx').on(t.unitId, t.createdAt),
    index('notifications_undelivered_idx').on(t.createdAt).where(sql`delivered_at is null`),
  ],
);

// ── Bank referrals (issue 5): referrals, their events, follow-ups and attachments; quotas; bank reports;
//    idempotency keys for integration POSTs ───────────────────────────────────────────────────────────────

/**
 * A unit introduced by an agency to a bank for a loan, and what the bank did and when. Each step keeps its
 * own instant, so days-to-decision and days-to-payment are exact. The database itself refuses a rejection
 * without its written reason and amounts beyond what was requested or approved.
 */
export const referrals = pgTable(
  'referrals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    provinceId: text('province_id')
      .notNull()
      .references(() => provinces.id),
    code: text('code').notNull(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    agencyId: text('agency_id')
      .notNull()
      .references(() => agencies.id),
    bankId: text('bank_id')
      .notNull()
      .references(() => banks.id),
    branchName: text('branch_name'),
    programCode: text('program_code')
      .notNull()
      .references(() => programs.code),
    facilityType: text('facility_type').notNull(),
    requestedAmount: bigint('requested_amount', { mode: 'bigint' }).notNull(),
    approvedAmount: bigint('approved_amount', { mode: 'bigint' }),
    paidAmount: bigint('paid_amount', { mode: 'bigint' }),
    paidDate: date('paid_date', { mode: 'string' }),
    referralDate: date('referral_date', { mode: 'string' }).notNull(),
    letterNo: text('letter_no'),
    behinyabId: text('behinyab_id'),
    status: text('status').notNull().default('referred'),
    receivedAt: tstz('received_at'),
    reviewStartedAt: tstz('review_started_at'),
    /** approved or rejected */
    decidedAt: tstz('decided_at'),
    paidAt: tstz('paid_at'),
    withdrawnAt: tstz('withdrawn_at'),
    reasonCode: text('reason_code').references(() => rejectionReasons.code),
    reasonText: text('reason_text'),
    reasonLetterNo: text('reason_letter_no'),
    reasonLetterDate: date('reason_letter_date', { mode: 'string' }),
    createdBy: text('created_by'),
    ...stamps,
  },
  (t) => [
    uniqueIndex('referrals_province_code_uq').on(t.provinceId, t.code),
    index('referrals_province_bank_date_idx').on(t.provinceId, t.bankId, t.referralDate),
    index('referrals_province_agency_date_idx').on(t.provinceId, t.agencyId, t.referralDate),
    // Statistics read a period's referrals from these indexes alone (index-only scans): they hold every column the
    // figures use. The price: a transition changes indexed columns, so it is not a HOT update — measured in
    // bench/referrals.bench.ts, still above its target (docs/benchmarks.md).
    index('referrals_stats_idx').on(
      t.provinceId, t.referralDate, t.status, t.bankId, t.agencyId, t.programCode, t.requestedAmount, t.approvedAmount,
      t.paidAmount, t.paidDate, t.receivedAt, t.decidedAt, t.unitId, t.id,
    ),
    /** the provinces side by side (national role): a period across all provinces */
    index('referrals_national_date_idx').on(t.referralDate, t.provinceId, t.status, t.programCode, t.paidAmount),
    /** the fiscal-year pace and the payment trend sum what was paid, by payment date */
    index('referrals_province_paid_idx')
      .on(t.provinceId, t.paidDate, t.status, t.programCode, t.paidAmount, t.unitId)
      .where(sql`paid_date is not null`),
    index('referrals_unit_idx').on(t.unitId),
    check('referrals_status_ck', sql.raw(`status in ('referred','received','under_review','approved','paid','rejected','withdrawn')`)),
    check('referrals_facility_type_ck', sql.raw(`facility_type in ('working_capital','fixed_capital','rehabilitation','other')`)),
    check('referrals_requested_positive_ck', sql.raw(`requested_amount > 0`)),
    check('referrals_approved_le_requested_ck', sql.raw(`approved_amount is null or (approved_amount >= 0 and approved_amount <= requested_amount)`)),
    check('referrals_paid_le_approved_ck', sql.raw(`paid_amount is null or (approved_amount is not null and paid_amount >= 0 and paid_amount <= approved_amount)`)),
    check(
      'referrals_rejection_reason_ck',
      sql.raw(
        `status <> 'rejected' or (coalesce(btrim(reason_code), '') <> '' and coalesce(btrim(reason_text), '') <> '' and coalesce(btrim(reason_letter_no), '') <> '' and reason_letter_date is not null)`,
      ),
    ),
    check('referrals_approved_amount_ck', sql.raw(`status not in ('approved','paid') or approved_amount is not null`)),
    check('referrals_paid_fields_ck', sql.raw(`status <> 'paid' or (paid_amount is not null and paid_date is not null)`)),
  ],
);

/** The referral's history, append-only (a trigger refuses UPDATE and DELETE): one row per state change. */
export const referralEvents = pgTable(
  'referral_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    referralId: uuid('referral_id')
      .notNull()
      .references(() => referrals.id),
    provinceId: text('province_id').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    actorId: text('actor_id'),
    actorLabel: text('actor_label').notNull(),
    actorKind: text('actor_kind').notNull(),
    actorRole: text('actor_role').notNull(),
    /** true when the secretariat (or admin) took a step that belongs to the bank or the agency */
    onBehalf: boolean('on_behalf').notNull().default(false),
    note: text('note'),
    approvedAmount: bigint('approved_amount', { mode: 'bigint' }),
    paidAmount: bigint('paid_amount', { mode: 'bigint' }),
    paidDate: date('paid_date', { mode: 'string' }),
    reason: jsonb('reason'),
    source: text('source').notNull().default('api'),
    at: tstz('at').notNull().defaultNow(),
  },
  (t) => [index('referral_events_referral_idx').on(t.referralId, t.id)],
);

/** Follow-up notes on a referral, by the referring agency, the secretariat or the bank. */
export const referralFollowups = pgTable(
  'referral_followups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    referralId: uuid('referral_id')
      .notNull()
      .references(() => referrals.id),
    provinceId: text('province_id').notNull(),
    note: text('note').notNull(),
    actorId: text('actor_id'),
    actorLabel: text('actor_label').notNull(),
    actorName: text('actor_name').notNull(),
    actorRole: text('actor_role').notNull(),
    agencyId: text('agency_id'),
    bankId: text('bank_id'),
    createdAt: tstz('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('referral_followups_referral_idx').on(t.referralId, t.createdAt),
    /** "followed up by the referring agency", hashed once per statistics request */
    index('referral_followups_province_idx').on(t.provinceId, t.referralId, t.agencyId),
  ],
);

/** Files attached to a referral (the bank's rejection letter): stored on disk by SHA-256, described here. */
export const referralAttachments = pgTable(
  'referral_attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    referralId: uuid('referral_id')
      .notNull()
      .references(() => referrals.id),
    provinceId: text('province_id').notNull(),
    kind: text('kind').notNull().default('rejection_letter'),
    fileName: text('file_name').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    uploadedBy: text('uploaded_by'),
    uploadedByLabel: text('uploaded_by_label').notNull(),
    createdAt: tstz('created_at').notNull().defaultNow(),
  },
  (t) => [index('referral_attachments_referral_idx').on(t.referralId)],
);

/** The amount allotted per fiscal year × program, to the province (no bank, no agency), a bank, or an agency. */
export const quotas = pgTable(
  'quotas',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    provinceId: text('province_id')
      .notNull()
      .references(() => provinces.id),
    fiscalYear: integer('fiscal_year').notNull(),
    programCode: text('program_code')
      .notNull()
      .references(() => programs.code),
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

/** A bank's monthly report of loans it paid directly (outside referrals), per program. */
export const bankReports = pgTable(
  'bank_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    provinceId: text('province_id')
      .notNull()
      .references(() => provinces.id),
    bankId: text('bank_id')
      .notNull()
      .references(() => banks.id),
    fiscalYear: integer('fiscal_year').notNull(),
    month: integer('month').notNull(),
    programCode: text('program_code')
      .notNull()
      .references(() => programs.code),
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

/**
 * `Idempotency-Key` on POSTs: the first answer per (caller, key) is kept and replayed; `status` is null
 * while the first request is still running.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    actorKey: text('actor_key').notNull(),
    key: text('key').notNull(),
    method: text('method').notNull(),
    path: text('path').notNull(),
    requestHash: text('request_hash').notNull(),
    status: integer('status'),
    contentType: text('content_type'),
    body: text('body'),
    createdAt: tstz('created_at').notNull().defaultNow(),
    completedAt: tstz('completed_at'),
  },
  (t) => [primaryKey({ columns: [t.actorKey, t.key] }), index('idempotency_keys_created_idx').on(t.createdAt)],
);

// ── Working-group sessions, agenda and resolutions (issue 6) ──────────────────────────────────────────
// (`auth_sessions` are login sessions; these are meetings of the working group, hence `wg_sessions`.)

/**
 * A session of the provincial working group. Numbered afresh each fiscal year (the Jalali year of
 * `held_on`): "the 29th session of 1398" is (province, 1398, 29). The number is allocated under a
 * transaction-scoped advisory lock on (province, year); the UNIQUE constraint is the backstop.
 */
export const wgSessions = pgTable(
  'wg_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    provinceId: text('province_id')
      .notNull()
      .references(() => provinces.id),
    fiscalYear: integer('fiscal_year').notNull(),
    number: integer('number').notNull(),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    title: text('title'),
    chair: text('chair'),
    location: text('location'),
    status: text('status').notNull().default('planned'),
    createdBy: text('created_by'),
    ...stamps,
  },
  (t) => [
    unique('wg_sessions_number_uq').on(t.provinceId, t.fiscalYear, t.number),
    index('wg_sessions_province_date_idx').on(t.provinceId, t.heldOn),
    check('wg_sessions_status_ck', sql.raw(`status in ('planned','held')`)),
    check('wg_sessions_number_ck', sql.raw(`number >= 1`)),
  ],
);

/** Who was invited to a session and whether they came: a person, and the agency they represent if any. */
export const sessionAttendees = pgTable(
  'session_attendees',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => wgSessions.id, { onDelete: 'cascade' }),
    position: integer('position').notNull().default(0),
    agencyId: text('agency_id').references(() => agencies.id),
    name: text('name').notNull(),
    title: text('title'),
    present: boolean('present').notNull().default(true),
  },
  (t) => [index('session_attendees_session_idx').on(t.sessionId, t.position)],
);

/** An item on a session's agenda: about a unit and, where relevant, an escalated demand or a stalled referral. */
export const agendaItems = pgTable(
  'agenda_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    provinceId: text('province_id')
      .notNull()
      .references(() => provinces.id),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => wgSessions.id),
    position: integer('position').notNull(),
    unitId: uuid('unit_id').references(() => units.id),
    demandId: uuid('demand_id').references(() => demands.id),
    referralId: uuid('referral_id').references(() => referrals.id),
    subject: text('subject').notNull(),
    /** The item of an earlier session this one continues (carried over). */
    carriedFromItemId: uuid('carried_from_item_id'),
    status: text('status').notNull().default('pending'),
    createdBy: text('created_by'),
    ...stamps,
  },
  (t) => [
    index('agenda_items_session_idx').on(t.sessionId, t.position),
    index('agenda_items_unit_idx').on(t.unitId),
    index('agenda_items_demand_idx').on(t.demandId),
    index('agenda_items_referral_idx').on(t.referralId),
    uniqueIndex('agenda_items_carried_from_uq').on(t.carriedFromItemId),
    check('agenda_items_status_ck', sql.raw(`status in ('pending','discussed','carried_over')`)),
  ],
);

/**
 * A resolution (مصوبه) of a session: text, responsible agencies (resolution_agencies), due date and state.
 * Notification starts the objection window: `objection_deadline` is its last day (Tehran). The unit,
 * demand and referral are copied from the agenda item so the unit's timeline and the demand's page find it.
 */
export const resolutions = pgTable(
  'resolutions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    provinceId: text('province_id')
      .notNull()
      .references(() => provinces.id),
    code: text('code').notNull(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => wgSessions.id),
    agendaItemId: uuid('agenda_item_id').references(() => agendaItems.id),
    unitId: uuid('unit_id').references(() => units.id),
    demandId: uuid('demand_id').references(() => demands.id),
    referralId: uuid('referral_id').references(() => referrals.id),
    text: text('text').notNull(),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    status: text('status').notNull().default('open'),
    notifiedAt: tstz('notified_at'),
    objectionDeadline: date('objection_deadline', { mode: 'string' }),
    objectionReason: text('objection_reason'),
    notDoneCause: text('not_done_cause'),
    closedAt: tstz('closed_at'),
    createdBy: text('created_by'),
    ...stamps,
  },
  (t) => [
    uniqueIndex('resolutions_province_code_uq').on(t.provinceId, t.code),
    index('resolutions_province_status_idx').on(t.provinceId, t.status, t.dueDate),
    index('resolutions_session_idx').on(t.sessionId),
    /** statistics read a period's resolutions from this index alone */
    index('resolutions_stats_idx').on(t.provinceId, t.createdAt, t.status, t.dueDate, t.unitId, t.id),
    index('resolutions_unit_idx').on(t.unitId),
    index('resolutions_demand_idx').on(t.demandId),
    index('resolutions_referral_idx').on(t.referralId),
    check('resolutions_status_ck', sql.raw(`status in ('open','objected','in_progress','done','not_done','cancelled')`)),
    check('resolutions_cause_ck', sql.raw(`not_done_cause is null or not_done_cause in ('agency','producer','external')`)),
    check('resolutions_not_done_cause_ck', sql.raw(`status <> 'not_done' or not_done_cause is not null`)),
  ],
);

/** The agencies responsible for a resolution (one or more). */
export const resolutionAgencies = pgTable(
  'resolution_agencies',
  {
    resolutionId: uuid('resolution_id')
      .notNull()
      .references(() => resolutions.id),
    agencyId: text('agency_id')
      .notNull()
      .references(() => agencies.id),
  },
  (t) => [primaryKey({ columns: [t.resolutionId, t.agencyId] }), index('resolution_agencies_agency_idx').on(t.agencyId)],
);

/** Every state change of a resolution (append-only; a trigger refuses UPDATE and DELETE). */
export const resolutionEvents = pgTable(
  'resolution_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    resolutionId: uuid('resolution_id')
      .notNull()
      .references(() => resolutions.id),
    provinceId: text('province_id').notNull(),
    /** null for the notification itself */
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    note: text('note'),
    cause: text('cause'),
    /** the acting agency (an agency user's own, or the one the secretariat acted for) */
    agencyId: text('agency_id'),
    actorId: text('actor_id'),
    actorName: text('actor_name').notNull(),
    actorRole: text('actor_role').notNull(),
    onBehalf: boolean('on_behalf').notNull().default(false),
    at: tstz('at').notNull().defaultNow(),
  },
  (t) => [index('resolution_events_resolution_idx').on(t.resolutionId, t.id), index('resolution_events_province_at_idx').on(t.provinceId, t.at)],
);

/** Follow-ups (پیگیری) on a resolution: notes with author, agency and time (append-only). */
export const resolutionFollowups = pgTable(
  'resolution_followups',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    resolutionId: uuid('resolution_id')
      .notNull()
      .references(() => resolutions.id),
    provinceId: text('province_id').notNull(),
    note: text('note').notNull(),
    authorId: text('author_id'),
    authorName: text('author_name').notNull(),
    authorRole: text('author_role').notNull(),
    agencyId: text('agency_id').references(() => agencies.id),
    at: tstz('at').notNull().defaultNow(),
  },
  (t) => [index('resolution_followups_resolution_idx').on(t.resolutionId, t.id)],
);

// ── Statistics: officially reported figures, kept beside what the records compute ─
/** A figure an official published (source, date, value), shown next to the computed one — never replacing it. */
export const reportedFigures = pgTable(
  'reported_figures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    provinceId: text('province_id')
      .notNull()
      .references(() => provinces.id),
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

export * from './tables/sms-messages.table.js';

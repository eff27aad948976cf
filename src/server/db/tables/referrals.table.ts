/** Bank referrals, their events, follow-ups and attachments. */
import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, check, date, index, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { actorColumns, tstz, stamps, provinceRecord, statusChange, statusIn } from './columns.js';
import { REFERRAL_DEADLINE_STATUSES } from '../../../shared/machines.js';
import { agencies, banks, programs, rejectionReasons } from './reference.table.js';
import { units } from './units.table.js';
import { loanApplications } from './loan-applications.table.js';


/**
 * A unit introduced by an agency to a bank for a loan, and what the bank did and when. Each step keeps its
 * own instant, so days-to-decision and days-to-payment are exact. The database itself refuses a rejection
 * without its written reason and amounts beyond what was requested or approved.
 */
export const referrals = pgTable(
  'referrals',
  {
    ...provinceRecord(),
    code: text('code').notNull(),
    unitId: uuid('unit_id').notNull().references(() => units.id),
    agencyId: text('agency_id').notNull().references(() => agencies.id),
    bankId: text('bank_id').notNull().references(() => banks.id),
    branchName: text('branch_name'),
    programCode: text('program_code').notNull().references(() => programs.code),
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
    /** the committee-approved loan application it was made from (issue 11), if any */
    loanApplicationId: uuid('loan_application_id').references(() => loanApplications.id),
    /**
     * Followed up by the agency that made it (at least one follow-up note by that agency): kept by the database, a
     * trigger on the follow-ups sets it in the note's own transaction (migration 0033), so the agencies' "followed
     * up" figure and its drill-down read a column instead of matching the province's follow-ups.
     */
    agencyFollowedUp: boolean('agency_followed_up').notNull().default(false),
    ...stamps,
  },
  (t) => [
    uniqueIndex('referrals_loan_application_uq').on(t.loanApplicationId).where(sql`loan_application_id is not null`),
    uniqueIndex('referrals_province_code_uq').on(t.provinceId, t.code),
    /** the lists' order (referral date, then code): a page is read in order from these, by province, bank or agency */
    index('referrals_province_date_idx').on(t.provinceId, t.referralDate, t.code),
    index('referrals_province_bank_date_idx').on(t.provinceId, t.bankId, t.referralDate, t.code),
    index('referrals_province_agency_date_idx').on(t.provinceId, t.agencyId, t.referralDate, t.code),
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
    /** the referrals their agency followed up, by period and agency: the agencies' "followed up" figure from the index alone */
    index('referrals_followed_idx').on(t.provinceId, t.referralDate, t.agencyId).where(sql`agency_followed_up`),
    /**
     * the referrals still waiting on a bank (to receive, to decide): the home pages count them and their overdue ones
     * by bank or agency — a third of the table, read without the province's whole year (scale drill: 29 → 1 ms, 28 → 15 ms)
     */
    index('referrals_open_idx')
      .on(t.provinceId, t.status, t.referralDate, t.receivedAt, t.bankId, t.agencyId)
      .where(statusIn(REFERRAL_DEADLINE_STATUSES)),
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
    referralId: uuid('referral_id').notNull().references(() => referrals.id),
    provinceId: text('province_id').notNull(),
    ...statusChange(),
    actorId: text('actor_id'),
    actorLabel: text('actor_label').notNull(),
    /** the person's full name as it was then (null on rows written before it was kept: read the user's) */
    actorName: text('actor_name'),
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
    referralId: uuid('referral_id').notNull().references(() => referrals.id),
    provinceId: text('province_id').notNull(),
    note: text('note').notNull(),
    ...actorColumns(),
    actorLabel: text('actor_label').notNull(),
    agencyId: text('agency_id'),
    bankId: text('bank_id'),
    createdAt: tstz('created_at').notNull().defaultNow(),
  },
  (t) => [index('referral_followups_referral_idx').on(t.referralId, t.createdAt)],
);

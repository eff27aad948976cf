/** Loan applications (درخواست تسهیلات) before a referral, and their append-only trail (issue 11). */
import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, check, index, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { actorColumns, tstz, stamps, provinceRecord, statusChange } from './columns.js';
import { agencies, counties, programs, rejectionReasons } from './reference.table.js';
import { units } from './units.table.js';

/**
 * A producer's application for a loan under a program, screened by the provincial committee. `county_id` is the
 * unit's when it was filed (the statistics' county filter reads it without a join); `referral_id` is the referral
 * made from it once approved (referrals.loan_application_id points back, with the foreign key).
 */
export const loanApplications = pgTable(
  'loan_applications',
  {
    ...provinceRecord(),
    code: text('code').notNull(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    countyId: text('county_id')
      .notNull()
      .references(() => counties.id),
    programCode: text('program_code')
      .notNull()
      .references(() => programs.code),
    facilityType: text('facility_type').notNull(),
    requestedAmount: bigint('requested_amount', { mode: 'bigint' }).notNull(),
    purpose: text('purpose').notNull(),
    status: text('status').notNull().default('submitted'),
    /** the agency that filed it on the producer's behalf, if one did (it then sees and completes it) */
    agencyId: text('agency_id').references(() => agencies.id),
    /** what the committee asked to complete, the last time it returned the application */
    returnNote: text('return_note'),
    reasonCode: text('reason_code').references(() => rejectionReasons.code),
    reasonText: text('reason_text'),
    referralId: uuid('referral_id'),
    submittedAt: tstz('submitted_at').notNull().defaultNow(),
    /** the first time the committee took it up ("screened") */
    reviewStartedAt: tstz('review_started_at'),
    /** approved or rejected */
    decidedAt: tstz('decided_at'),
    referredAt: tstz('referred_at'),
    withdrawnAt: tstz('withdrawn_at'),
    createdBy: text('created_by'),
    createdByName: text('created_by_name').notNull(),
    ...stamps,
  },
  (t) => [
    uniqueIndex('loan_applications_province_code_uq').on(t.provinceId, t.code),
    index('loan_applications_province_status_idx').on(t.provinceId, t.status, t.createdAt),
    index('loan_applications_unit_idx').on(t.unitId, t.createdAt),
    /** statistics read a period's applications (by filing time) from this index alone */
    index('loan_applications_stats_idx').on(t.provinceId, t.createdAt, t.status, t.programCode, t.countyId, t.requestedAmount, t.reviewStartedAt, t.referralId),
    uniqueIndex('loan_applications_referral_uq').on(t.referralId).where(sql`referral_id is not null`),
    check('loan_applications_status_ck', sql.raw(`status in ('submitted','under_review','returned','approved','rejected','referred','withdrawn')`)),
    check('loan_applications_facility_type_ck', sql.raw(`facility_type in ('working_capital','fixed_capital','rehabilitation','other')`)),
    check('loan_applications_requested_positive_ck', sql.raw(`requested_amount > 0`)),
    check('loan_applications_rejection_reason_ck', sql.raw(`status <> 'rejected' or (coalesce(btrim(reason_code), '') <> '' and coalesce(btrim(reason_text), '') <> '')`)),
    check('loan_applications_referred_ck', sql.raw(`status <> 'referred' or referral_id is not null`)),
  ],
);

/** Every state change (and every completion while returned) of an application: append-only (a trigger refuses UPDATE and DELETE). */
export const loanApplicationEvents = pgTable(
  'loan_application_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    loanApplicationId: uuid('loan_application_id')
      .notNull()
      .references(() => loanApplications.id),
    provinceId: text('province_id').notNull(),
    /** `fromStatus` null: the filing itself */
    ...statusChange(),
    note: text('note'),
    /** a rejection's { code, text } */
    reason: jsonb('reason'),
    /** an edit's changed fields: { field: { from, to } } */
    changes: jsonb('changes'),
    referralId: uuid('referral_id'),
    ...actorColumns(),
    /** the account's username (a producer's mobile), beside the name kept as it was then */
    actorLabel: text('actor_label').notNull(),
    /** the secretariat or an agency acting for the producer, or the secretariat for the committee's agency */
    onBehalf: boolean('on_behalf').notNull().default(false),
    at: tstz('at').notNull().defaultNow(),
  },
  (t) => [index('loan_application_events_application_idx').on(t.loanApplicationId, t.id), index('loan_application_events_province_at_idx').on(t.provinceId, t.at)],
);

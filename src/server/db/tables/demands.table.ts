/** Demands, their state-change events and their follow-ups. */
import { sql } from 'drizzle-orm';
import { bigserial, check, date, index, pgTable, smallint, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { actorColumns, tstz, stamps, provinceRecord, statusChange, followupColumns, statusIn } from './columns.js';
import { agencies, obstacleCategories } from './reference.table.js';
import { units } from './units.table.js';
import { visits } from './visits.table.js';
import { OPEN_DEMAND_STATUSES } from '../../../shared/machines.js';

/** Producers' demands (مطالبات): an obstacle, its responsible agency, its deadline and its state. */
export const demands = pgTable(
  'demands',
  {
    ...provinceRecord(),
    code: text('code').notNull(),
    unitId: uuid('unit_id').notNull().references(() => units.id),
    visitId: uuid('visit_id').references(() => visits.id),
    categoryCode: text('category_code').notNull().references(() => obstacleCategories.code),
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
    /**
     * an agency's open demands by due date: its home page's overdue list (by urgency, 5 rows) reads them in order
     * instead of sorting every overdue one (scale drill: 103 → 5 ms for an agency with 9,000 open in a province)
     */
    index('demands_open_due_idx')
      .on(t.provinceId, t.agencyId, t.dueDate)
      .where(statusIn(OPEN_DEMAND_STATUSES)),
    /** the lists' order (newest first, then id): a page is read in order from these, by province or agency */
    index('demands_province_created_idx').on(t.provinceId, t.createdAt, t.id),
    index('demands_province_agency_created_idx').on(t.provinceId, t.agencyId, t.createdAt, t.id),
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
    demandId: uuid('demand_id').notNull().references(() => demands.id),
    provinceId: text('province_id').notNull(),
    /** `fromStatus` null: the registration itself */
    ...statusChange(),
    note: text('note'),
    /** the agency the demand was assigned to by this change, if any */
    agencyId: text('agency_id'),
    ...actorColumns(),
    at: tstz('at').notNull().defaultNow(),
  },
  (t) => [index('demand_events_demand_idx').on(t.demandId, t.id), index('demand_events_province_at_idx').on(t.provinceId, t.at)],
);

/** Follow-ups (پیگیری): notes on a demand, with its writer, agency and time (append-only). */
export const demandFollowups = pgTable(
  'demand_followups',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    demandId: uuid('demand_id').notNull().references(() => demands.id),
    provinceId: text('province_id').notNull(),
    ...followupColumns(),
  },
  (t) => [index('demand_followups_demand_idx').on(t.demandId, t.id)],
);

/**
 * The producer's rating of how a closed demand was handled (issue 11): one per demand, 1–5 with an optional comment,
 * given by the unit's producer once the demand is resolved or found unresolvable. It stays if the demand is reopened
 * and closed again; the agency scorecard counts it for the demand's (current) agency.
 */
export const demandFeedback = pgTable(
  'demand_feedback',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    demandId: uuid('demand_id')
      .notNull()
      .references(() => demands.id),
    provinceId: text('province_id').notNull(),
    score: smallint('score').notNull(),
    comment: text('comment'),
    /** the producer who rated it (null for ratings taken down by the secretariat, as the demo's are) */
    authorId: uuid('author_id'),
    authorName: text('author_name').notNull(),
    createdAt: tstz('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('demand_feedback_demand_uq').on(t.demandId),
    index('demand_feedback_province_idx').on(t.provinceId, t.createdAt),
    check('demand_feedback_score_ck', sql`${t.score} between 1 and 5`),
  ],
);

/** Working-group sessions, their attendees and agenda items. */
import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, pgTable, text, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { stamps, provinceRecord } from './columns.js';
import { demands } from './demands.table.js';
import { agencies } from './reference.table.js';
import { referrals } from './referrals.table.js';
import { units } from './units.table.js';

// (`auth_sessions` are login sessions; these are meetings of the working group, hence `wg_sessions`.)

/**
 * A session of the provincial working group. Numbered afresh each fiscal year (the Jalali year of
 * `held_on`): "the 29th session of 1398" is (province, 1398, 29). The number is allocated under a
 * transaction-scoped advisory lock on (province, year); the UNIQUE constraint is the backstop.
 */
export const wgSessions = pgTable(
  'wg_sessions',
  {
    ...provinceRecord(),
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
    sessionId: uuid('session_id').notNull().references(() => wgSessions.id, { onDelete: 'cascade' }),
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
    ...provinceRecord(),
    sessionId: uuid('session_id').notNull().references(() => wgSessions.id),
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

/**
 * Every figure the statistics show is defined once here, as a condition on the records behind it.
 * The aggregate counts `count(*) filter (where <condition>)`; the drill-down lists
 * `where <base> and <condition>` — so a figure and the list behind it can never disagree.
 */
import { and, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { demandFeedback, demands, referralFollowups, referrals, resolutionAgencies, resolutions, units, visits } from '../../db/schema.js';
import { addDays, tehranDayStart, type IsoDate } from '../../../shared/jalali.js';
import { OPEN_DEMAND_STATUSES } from '../../../shared/machines.js';
import { referralOverdueCondition as overdueCondition } from '../referrals/referrals.service.js';
import type { ReferralDeadlines } from '../../../shared/referral-deadlines.js';

export interface StatsFilter {
  provinceId: string;
  from: IsoDate;
  to: IsoDate;
  programCode?: string | undefined;
  countyId?: string | undefined;
}

export interface MetricContext {
  today: IsoDate;
  /** the province's referral deadlines — read only for the figures that need them (overdue referrals) */
  deadlines: ReferralDeadlines | null;
  /** the province the figures are for (bounds the follow-up lookup) */
  provinceId: string;
}

/** Instants that fall on the Tehran calendar days [from, to]. */
function instantIn(col: AnyPgColumn, from: IsoDate, to: IsoDate): SQL {
  return and(gte(col, tehranDayStart(from)), lt(col, tehranDayStart(addDays(to, 1))))!;
}

const inCounty = (unitCol: AnyPgColumn, countyId: string) =>
  sql`${unitCol} in (select ${units.id} from ${units} where ${units.countyId} = ${countyId})`;

// ── Referrals (their own date: the referral date) ────────────────────────────
export function referralBase(f: StatsFilter): SQL {
  const where: SQL[] = [eq(referrals.provinceId, f.provinceId), gte(referrals.referralDate, f.from), sql`${referrals.referralDate} <= ${f.to}`];
  if (f.programCode) where.push(eq(referrals.programCode, f.programCode));
  if (f.countyId) where.push(inCounty(referrals.unitId, f.countyId));
  return and(...where)!;
}

export const REFERRAL_METRICS = ['referred', 'received', 'decided', 'approved', 'rejected', 'paid', 'withdrawn', 'open', 'overdue', 'followedUp'] as const;
export type ReferralMetric = (typeof REFERRAL_METRICS)[number];

export function referralMetric(m: ReferralMetric, mc: MetricContext): SQL {
  switch (m) {
    case 'referred':
      return sql`true`;
    case 'received':
      return sql`${referrals.receivedAt} is not null`;
    case 'decided':
      return inArray(referrals.status, ['approved', 'paid', 'rejected']);
    case 'approved':
      return inArray(referrals.status, ['approved', 'paid']);
    case 'rejected':
      return eq(referrals.status, 'rejected');
    case 'paid':
      return eq(referrals.status, 'paid');
    case 'withdrawn':
      return eq(referrals.status, 'withdrawn');
    case 'open':
      return inArray(referrals.status, ['referred', 'received', 'under_review']);
    case 'overdue':
      if (!mc.deadlines) throw new Error('overdue referrals need the deadlines: statsScope(ctx, q, { deadlines: true })');
      return overdueCondition(mc.today, mc.deadlines);
    case 'followedUp':
      // followed up by the referring agency itself (A4: the agency that introduces must follow). An uncorrelated
      // IN over the province's follow-ups: in WHERE the planner hashes them once (a semi-join) instead of probing per row.
      // Bank follow-ups (no agency) are left out of the list, so the test is plainly false for them, never null.
      return sql`(${referrals.id}, ${referrals.agencyId}) in (select ${referralFollowups.referralId}, ${referralFollowups.agencyId} from ${referralFollowups} where ${referralFollowups.provinceId} = ${mc.provinceId} and ${referralFollowups.agencyId} is not null)`;
  }
}

/** Tehran calendar days from receipt (or referral, if never acknowledged) to decision. */
export const daysToDecision = sql`((${referrals.decidedAt} at time zone 'Asia/Tehran')::date - coalesce((${referrals.receivedAt} at time zone 'Asia/Tehran')::date, ${referrals.referralDate}))`;
/** Days from decision to payment. */
export const daysToPayment = sql`(${referrals.paidDate} - (${referrals.decidedAt} at time zone 'Asia/Tehran')::date)`;

// ── Demands (their own date: registration) ──────────────────────────────────
export function demandBase(f: StatsFilter): SQL {
  const where: SQL[] = [eq(demands.provinceId, f.provinceId), instantIn(demands.createdAt, f.from, f.to)];
  if (f.countyId) where.push(inCounty(demands.unitId, f.countyId));
  return and(...where)!;
}

export const DEMAND_METRICS = ['registered', 'assigned', 'resolved', 'unresolvable', 'escalated', 'open', 'overdue', 'resolvedOnTime', 'rated'] as const;
export type DemandMetric = (typeof DEMAND_METRICS)[number];

export function demandMetric(m: DemandMetric, mc: MetricContext): SQL {
  switch (m) {
    case 'registered':
      return sql`true`;
    case 'assigned':
      return sql`${demands.agencyId} is not null`;
    case 'resolved':
      return eq(demands.status, 'resolved');
    case 'unresolvable':
      return eq(demands.status, 'unresolvable');
    case 'escalated':
      return eq(demands.status, 'escalated');
    case 'open':
      return inArray(demands.status, [...OPEN_DEMAND_STATUSES]);
    case 'overdue':
      return and(inArray(demands.status, [...OPEN_DEMAND_STATUSES]), lt(demands.dueDate, mc.today))!;
    case 'resolvedOnTime':
      return and(eq(demands.status, 'resolved'), sql`(${demands.resolvedAt} at time zone 'Asia/Tehran')::date <= ${demands.dueDate}`)!;
    case 'rated':
      // the producer rated it (satisfaction's count): by the demand's own date, like every demand figure
      return sql`exists (select 1 from ${demandFeedback} where ${demandFeedback.demandId} = ${demands.id})`;
  }
}

export const daysToResolve = sql`((${demands.resolvedAt} at time zone 'Asia/Tehran')::date - (${demands.createdAt} at time zone 'Asia/Tehran')::date)`;

// ── Resolutions (their own date: when recorded) ─────────────────────────────
export function resolutionBase(f: StatsFilter): SQL {
  const where: SQL[] = [eq(resolutions.provinceId, f.provinceId), instantIn(resolutions.createdAt, f.from, f.to)];
  if (f.countyId) where.push(sql`${resolutions.unitId} in (select ${units.id} from ${units} where ${units.countyId} = ${f.countyId})`);
  return and(...where)!;
}

export const RESOLUTION_METRICS = ['all', 'due', 'done', 'inProgress', 'notDone', 'open', 'objected', 'cancelled', 'overdue'] as const;
export type ResolutionMetric = (typeof RESOLUTION_METRICS)[number];

export function resolutionMetric(m: ResolutionMetric, mc: MetricContext): SQL {
  switch (m) {
    case 'all':
      return sql`${resolutions.status} <> 'cancelled'`;
    case 'due':
      // everything whose deadline has come, plus what is already carried out or declared not done
      return sql`${resolutions.status} <> 'cancelled' and (${resolutions.dueDate} < ${mc.today} or ${resolutions.status} in ('done', 'not_done'))`;
    case 'done':
      return eq(resolutions.status, 'done');
    case 'inProgress':
      return eq(resolutions.status, 'in_progress');
    case 'notDone':
      return eq(resolutions.status, 'not_done');
    case 'open':
      return eq(resolutions.status, 'open');
    case 'objected':
      return eq(resolutions.status, 'objected');
    case 'cancelled':
      return eq(resolutions.status, 'cancelled');
    case 'overdue':
      return sql`${resolutions.status} in ('open', 'in_progress') and ${resolutions.dueDate} < ${mc.today}`;
  }
}

export const resolutionNamesAgency = (agencyId: SQL | string) =>
  sql`exists (select 1 from ${resolutionAgencies} where ${resolutionAgencies.resolutionId} = ${resolutions.id} and ${resolutionAgencies.agencyId} = ${agencyId})`;

// ── Visits (their own date: the visit date) ─────────────────────────────────
export function visitBase(f: StatsFilter): SQL {
  const where: SQL[] = [eq(visits.provinceId, f.provinceId), gte(visits.visitDate, f.from), sql`${visits.visitDate} <= ${f.to}`];
  if (f.countyId) where.push(inCounty(visits.unitId, f.countyId));
  return and(...where)!;
}

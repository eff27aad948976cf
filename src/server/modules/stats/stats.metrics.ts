/**
 * Every figure the statistics show is defined once here, as a condition on the records behind it.
 * The aggregate counts `count(*) filter (where <condition>)`; the drill-down lists
 * `where <base> and <condition>` — so a figure and the list behind it can never disagree.
 */
import { and, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { demandFeedback, demands, loanApplications, programs, referrals, resolutionAgencies, resolutions, units, visits } from '../../db/schema.js';
import { addDays, tehranDayStart, type IsoDate } from '../../../shared/jalali.js';
import { OPEN_DEMAND_STATUSES, REFERRAL_DEADLINE_STATUSES } from '../../../shared/machines.js';
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
      return inArray(referrals.status, [...REFERRAL_DEADLINE_STATUSES]);
    case 'overdue':
      if (!mc.deadlines) throw new Error('overdue referrals need the deadlines: statsScope(ctx, q, { deadlines: true })');
      return overdueCondition(mc.today, mc.deadlines);
    case 'followedUp':
      // followed up by the referring agency itself (A4: the agency that introduces must follow): a mark the database
      // keeps on the referral (migration 0033), read from its own partial index
      return sql`${referrals.agencyFollowedUp}`;
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

export const VISIT_METRICS = ['all', 'done', 'planned', 'cancelled'] as const;
export type VisitMetric = (typeof VISIT_METRICS)[number];

export function visitMetric(m: VisitMetric): SQL {
  switch (m) {
    case 'all':
      return sql`true`;
    case 'done':
      return eq(visits.status, 'done');
    case 'planned':
      return eq(visits.status, 'planned');
    case 'cancelled':
      return eq(visits.status, 'cancelled');
  }
}

// ── Units (a stock, not dated: the register as it stands; the period does not apply) ──
export function unitBase(f: StatsFilter): SQL {
  const where: SQL[] = [eq(units.provinceId, f.provinceId)];
  if (f.countyId) where.push(eq(units.countyId, f.countyId));
  return and(...where)!;
}

export const UNIT_METRICS = ['all', 'active', 'idle', 'closed'] as const;
export type UnitMetric = (typeof UNIT_METRICS)[number];

export function unitMetric(m: UnitMetric): SQL {
  switch (m) {
    case 'all':
      return sql`true`;
    case 'active':
      // working, fully or in part: what the county still produces
      return inArray(units.status, ['active', 'semi_active']);
    case 'idle':
      return eq(units.status, 'idle');
    case 'closed':
      return eq(units.status, 'closed');
  }
}
// ── Loan applications (their own date: when filed) — the national programs' funnel (issue 11) ───────────────
/**
 * Applications filed in the period (Tehran days), of the program and the unit's county asked for. The figures read
 * them joined to the referral made from each (`loanApplicationFrom`), so the bank's decision and payment count in the
 * same funnel: applied → screened → approved for referral → referred → approved by the bank → paid.
 */
export function loanApplicationBase(f: StatsFilter): SQL {
  const where: SQL[] = [eq(loanApplications.provinceId, f.provinceId), instantIn(loanApplications.createdAt, f.from, f.to)];
  if (f.programCode) where.push(eq(loanApplications.programCode, f.programCode));
  if (f.countyId) where.push(eq(loanApplications.countyId, f.countyId));
  return and(...where)!;
}

/** The FROM of every loan-application figure and drill-down: the application and the referral made from it, if any. */
export const loanApplicationFrom = sql`${loanApplications} left join ${referrals} on ${referrals.id} = ${loanApplications.referralId}`;

export const LOAN_APPLICATION_METRICS = ['applied', 'screened', 'approvedForReferral', 'referred', 'bankApproved', 'paid', 'returned', 'rejected', 'withdrawn', 'open'] as const;
export type LoanApplicationMetric = (typeof LOAN_APPLICATION_METRICS)[number];
/** The funnel's steps, in order (the rest are side figures: returned now, rejected, withdrawn, still open). */
export const LOAN_FUNNEL_STEPS = ['applied', 'screened', 'approvedForReferral', 'referred', 'bankApproved', 'paid'] as const satisfies readonly LoanApplicationMetric[];

export function loanApplicationMetric(m: LoanApplicationMetric): SQL {
  switch (m) {
    case 'applied':
      return sql`true`;
    case 'screened':
      // the committee took it up at least once
      return sql`${loanApplications.reviewStartedAt} is not null`;
    case 'approvedForReferral':
      return inArray(loanApplications.status, ['approved', 'referred']);
    case 'referred':
      return eq(loanApplications.status, 'referred');
    case 'bankApproved':
      return and(eq(loanApplications.status, 'referred'), inArray(referrals.status, ['approved', 'paid']))!;
    case 'paid':
      return and(eq(loanApplications.status, 'referred'), eq(referrals.status, 'paid'))!;
    case 'returned':
      return eq(loanApplications.status, 'returned');
    case 'rejected':
      return eq(loanApplications.status, 'rejected');
    case 'withdrawn':
      return eq(loanApplications.status, 'withdrawn');
    case 'open':
      return inArray(loanApplications.status, ['submitted', 'under_review', 'returned']);
  }
}

/** The amount a figure sums: what was asked, until the bank approves (its approved amount) and pays (the paid amount). */
export function loanApplicationAmount(m: LoanApplicationMetric): SQL {
  if (m === 'bankApproved') return sql`${referrals.approvedAmount}`;
  if (m === 'paid') return sql`${referrals.paidAmount}`;
  return sql`${loanApplications.requestedAmount}`;
}

/** An agency's share of the applications: the programs it owns and those it filed. */
export const loanApplicationOfAgency = (agencyId: string) =>
  sql`(${loanApplications.agencyId} = ${agencyId} or ${loanApplications.programCode} in (select ${programs.code} from ${programs} where ${programs.defaultAgencyId} = ${agencyId}))`;

/**
 * The records behind a figure: the same base filter and the same metric condition the aggregate counted,
 * so the list's total always equals the number on the screen.
 */
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { ServiceContext } from '../../context.js';
import { counties, demands, loanApplications, programs, referrals, resolutions, units, visits } from '../../db/schema.js';
import { AppError } from '../../../shared/errors.js';
import type { DrilldownQuery } from '../../../shared/contracts/stats.js';
import { tehranDate } from '../../../shared/jalali.js';
import {
  DEMAND_METRICS,
  LOAN_APPLICATION_METRICS,
  loanApplicationAmount,
  loanApplicationBase,
  loanApplicationMetric,
  loanApplicationOfAgency,
  type LoanApplicationMetric,
  demandBase,
  demandMetric,
  REFERRAL_METRICS,
  referralBase,
  referralMetric,
  RESOLUTION_METRICS,
  resolutionBase,
  resolutionMetric,
  resolutionNamesAgency,
  UNIT_METRICS,
  unitBase,
  unitMetric,
  VISIT_METRICS,
  visitBase,
  visitMetric,
  type DemandMetric,
  type ReferralMetric,
  type ResolutionMetric,
  type UnitMetric,
  type VisitMetric,
} from './stats.metrics.js';
import { statsScope } from './stats.scope.js';

function badMetric(ctx: ServiceContext): never {
  throw new AppError('validation.failed', { errors: [{ path: 'metric', message: ctx.lang === 'en' ? 'Unknown figure' : 'شاخص ناشناخته است' }] });
}

/** A bank sees the records behind its own figures only; an agency likewise. */
/** One page of a drill-down list, with how many records match in all. */
function pageOf<T>(q: DrilldownQuery, items: T[], count: { n: number } | undefined) {
  return { items, total: count?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

function checkDrillScope(ctx: ServiceContext, q: DrilldownQuery) {
  const { role, bankId, agencyId } = ctx.actor;
  if (role === 'bank' && (q.source !== 'referrals' || q.bankId !== bankId)) throw new AppError('stats.drilldown_forbidden');
  if (role === 'agency' && (q.agencyId !== agencyId || q.source === 'units' || q.source === 'visits')) throw new AppError('stats.drilldown_forbidden');
}

export async function drilldown(ctx: ServiceContext, q: DrilldownQuery) {
  checkDrillScope(ctx, q);
  const s = await statsScope(ctx, q, { deadlines: q.source === 'referrals' });
  const offset = (q.page - 1) * q.pageSize;
  let where: SQL;
  let list;
  switch (q.source) {
    case 'referrals': {
      if (!(REFERRAL_METRICS as readonly string[]).includes(q.metric)) badMetric(ctx);
      const metric = q.metric as ReferralMetric;
      where = and(
        referralBase(s.filter),
        referralMetric(metric, s.mc),
        q.bankId ? eq(referrals.bankId, q.bankId) : undefined,
        q.agencyId ? eq(referrals.agencyId, q.agencyId) : undefined,
        q.status ? eq(referrals.status, q.status) : undefined,
      )!;
      const amount = metric === 'paid' ? referrals.paidAmount : metric === 'approved' ? referrals.approvedAmount : referrals.requestedAmount;
      list = ctx.db
        .select({ id: referrals.id, code: referrals.code, unitId: referrals.unitId, unitName: units.name, title: units.name, status: referrals.status, date: referrals.referralDate, bankId: referrals.bankId, agencyId: referrals.agencyId, amount })
        .from(referrals)
        .innerJoin(units, eq(units.id, referrals.unitId))
        .where(where)
        .orderBy(asc(referrals.referralDate), asc(referrals.code))
        .limit(q.pageSize)
        .offset(offset);
      const [items, [count]] = await Promise.all([list, ctx.db.select({ n: sql<number>`count(*)::int` }).from(referrals).where(where)]);
      return pageOf(q, items.map((i) => ({ ...i, amount: i.amount === null ? null : i.amount.toString() })), count);
    }
    case 'demands': {
      if (!(DEMAND_METRICS as readonly string[]).includes(q.metric)) badMetric(ctx);
      where = and(
        demandBase(s.filter),
        demandMetric(q.metric as DemandMetric, s.mc),
        q.agencyId ? eq(demands.agencyId, q.agencyId) : undefined,
        q.status ? eq(demands.status, q.status) : undefined,
        q.categoryCode ? eq(demands.categoryCode, q.categoryCode) : undefined,
      )!;
      const [items, [count]] = await Promise.all([
        ctx.db
          .select({ id: demands.id, code: demands.code, unitId: demands.unitId, unitName: units.name, title: demands.title, status: demands.status, createdAt: demands.createdAt, agencyId: demands.agencyId })
          .from(demands)
          .innerJoin(units, eq(units.id, demands.unitId))
          .where(where)
          .orderBy(asc(demands.createdAt), asc(demands.code))
          .limit(q.pageSize)
          .offset(offset),
        ctx.db.select({ n: sql<number>`count(*)::int` }).from(demands).where(where),
      ]);
      return pageOf(q, items.map(({ createdAt, ...i }) => ({ ...i, date: tehranDate(createdAt), bankId: null, amount: null })), count);
    }
    case 'loan-applications': {
      if (!(LOAN_APPLICATION_METRICS as readonly string[]).includes(q.metric)) badMetric(ctx);
      const metric = q.metric as LoanApplicationMetric;
      where = and(
        loanApplicationBase(s.filter),
        loanApplicationMetric(metric),
        q.agencyId ? loanApplicationOfAgency(q.agencyId) : undefined,
        q.status ? eq(loanApplications.status, q.status) : undefined,
      )!;
      // the same FROM as the aggregate (the application and the referral made from it): the same rows
      const [items, [count]] = await Promise.all([
        ctx.db
          .select({
            id: loanApplications.id,
            code: loanApplications.code,
            unitId: loanApplications.unitId,
            unitName: units.name,
            title: programs.name,
            status: loanApplications.status,
            createdAt: loanApplications.createdAt,
            bankId: referrals.bankId,
            agencyId: programs.defaultAgencyId,
            amount: sql<string | null>`(${loanApplicationAmount(metric)})::text`,
          })
          .from(loanApplications)
          .leftJoin(referrals, eq(referrals.id, loanApplications.referralId))
          .innerJoin(units, eq(units.id, loanApplications.unitId))
          .innerJoin(programs, eq(programs.code, loanApplications.programCode))
          .where(where)
          .orderBy(asc(loanApplications.createdAt), asc(loanApplications.code))
          .limit(q.pageSize)
          .offset(offset),
        ctx.db.select({ n: sql<number>`count(*)::int` }).from(loanApplications).leftJoin(referrals, eq(referrals.id, loanApplications.referralId)).where(where),
      ]);
      return pageOf(q, items.map(({ createdAt, ...i }) => ({ ...i, date: tehranDate(createdAt) })), count);
    }
    case 'resolutions': {
      if (!(RESOLUTION_METRICS as readonly string[]).includes(q.metric)) badMetric(ctx);
      where = and(
        resolutionBase(s.filter),
        resolutionMetric(q.metric as ResolutionMetric, s.mc),
        q.agencyId ? resolutionNamesAgency(q.agencyId) : undefined,
        q.status ? eq(resolutions.status, q.status) : undefined,
      )!;
      const [items, [count]] = await Promise.all([
        ctx.db
          .select({ id: resolutions.id, code: resolutions.code, unitId: resolutions.unitId, unitName: units.name, title: resolutions.text, status: resolutions.status, createdAt: resolutions.createdAt })
          .from(resolutions)
          .leftJoin(units, eq(units.id, resolutions.unitId))
          .where(where)
          .orderBy(asc(resolutions.createdAt), asc(resolutions.code))
          .limit(q.pageSize)
          .offset(offset),
        ctx.db.select({ n: sql<number>`count(*)::int` }).from(resolutions).where(where),
      ]);
      return pageOf(q, items.map(({ createdAt, ...i }) => ({ ...i, date: tehranDate(createdAt), bankId: null, agencyId: q.agencyId ?? null, amount: null })), count);
    }
    case 'units': {
      if (!(UNIT_METRICS as readonly string[]).includes(q.metric)) badMetric(ctx);
      where = and(unitBase(s.filter), unitMetric(q.metric as UnitMetric), q.status ? eq(units.status, q.status) : undefined)!;
      const [items, [count]] = await Promise.all([
        ctx.db
          .select({ id: units.id, name: units.name, status: units.status, createdAt: units.createdAt, nationalId: units.nationalId, countyName: counties.name })
          .from(units)
          .innerJoin(counties, eq(counties.id, units.countyId))
          .where(where)
          .orderBy(asc(units.nameKey), asc(units.id))
          .limit(q.pageSize)
          .offset(offset),
        ctx.db.select({ n: sql<number>`count(*)::int` }).from(units).where(where),
      ]);
      return pageOf(q, items.map((u) => ({ id: u.id, code: u.nationalId, unitId: u.id, unitName: u.name, title: u.countyName, status: u.status, date: tehranDate(u.createdAt), bankId: null, agencyId: null, amount: null })), count);
    }
    case 'visits': {
      if (!(VISIT_METRICS as readonly string[]).includes(q.metric)) badMetric(ctx);
      where = and(visitBase(s.filter), visitMetric(q.metric as VisitMetric), q.status ? eq(visits.status, q.status) : undefined)!;
      const [items, [count]] = await Promise.all([
        ctx.db
          .select({ id: visits.id, unitId: visits.unitId, unitName: units.name, team: visits.team, status: visits.status, date: visits.visitDate })
          .from(visits)
          .innerJoin(units, eq(units.id, visits.unitId))
          .where(where)
          .orderBy(asc(visits.visitDate), asc(visits.id))
          .limit(q.pageSize)
          .offset(offset),
        ctx.db.select({ n: sql<number>`count(*)::int` }).from(visits).where(where),
      ]);
      return pageOf(q, items.map((v) => ({ id: v.id, code: '', unitId: v.unitId, unitName: v.unitName, title: v.team, status: v.status, date: v.date, bankId: null, agencyId: null, amount: null })), count);
    }
  }
}

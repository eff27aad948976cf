/**
 * The home page. `homeCounts` is the installation's counts (GET /stats/home, the administrator's home); `roleHome`
 * (GET /home) is each role's own work for today. Every section is read through the service that owns its records,
 * with the caller's context, so it is scoped exactly as the list the section links to: an agency sees its own
 * demands, resolutions and referrals, a bank the referrals to it, a producer their own unit's.
 */
import type { ServiceContext } from '../../context.js';
import { addDays, daysLeftInFiscalYear, fiscalYearOf, tehranDate, type IsoDate } from '../../../shared/jalali.js';
import type { UnitStatus } from '../../../shared/contracts/units.js';
import type { Demand } from '../../../shared/contracts/demands.js';
import type { Referral } from '../../../shared/contracts/referrals.js';
import type { Resolution } from '../../../shared/contracts/resolutions.js';
import type { UnitClaim } from '../../../shared/contracts/producers.js';
import type {
  AgencyHome,
  BankHome,
  ExecutiveHome,
  HomeDemand,
  HomeReferral,
  HomeResolution,
  NationalHome,
  NextSession,
  ProducerHome,
  RoleHome,
  SecretariatHome,
} from '../../../shared/contracts/home.js';
import { countUnitsByStatus, getUnit } from '../units/units.service.js';
import { listDemands } from '../demands/demands.service.js';
import { listReferrals } from '../referrals/referrals.service.js';
import { implementationRate, listResolutions } from '../resolutions/resolutions.service.js';
import { getSession, listSessions } from '../sessions/sessions.service.js';
import { listNotifications } from '../notifications/notifications.service.js';
import { listClaims, ownPendingClaims } from '../producers/producers.service.js';
import { countAgencies, countBanks, countUsers } from './home.repo.js';
import { bankStats } from './stats.banks.js';
import { agencyStats } from './stats.agencies.js';
import { fiscalPace } from './stats.overview.js';
import { statsScope } from './stats.scope.js';
import { provinceStats } from './stats.trend.js';

const UNIT_ROLES = new Set(['admin', 'secretariat', 'executive', 'agency', 'producer']);

export async function homeCounts(ctx: ServiceContext) {
  const { role, provinceId } = ctx.actor;
  const byStatus: Record<UnitStatus, number> =
    UNIT_ROLES.has(role) && provinceId
      ? await countUnitsByStatus(ctx, { provinceId, ...(role === 'producer' ? { unitId: ctx.actor.unitId ?? '00000000-0000-0000-0000-000000000000' } : {}) })
      : { active: 0, semi_active: 0, idle: 0, closed: 0 };
  const [userCount, agencyCount, bankCount] = await Promise.all([
    role === 'admin' || role === 'secretariat' ? countUsers(ctx.db, role === 'admin' ? null : (provinceId ?? '-')) : Promise.resolve(null),
    countAgencies(ctx.db),
    countBanks(ctx.db),
  ]);
  const today = tehranDate(ctx.now());
  return {
    units: Object.values(byStatus).reduce((a, b) => a + b, 0),
    unitsByStatus: byStatus,
    users: userCount,
    agencies: agencyCount,
    banks: bankCount,
    today,
    fiscalYear: fiscalYearOf(today),
    daysLeftInFiscalYear: daysLeftInFiscalYear(today),
  };
}

/** How many items of each section the home shows; its total says how many more the list holds. */
export const HOME_ITEMS = 5;
/** "Due this week": due today or within the next seven days. */
export const DUE_SOON_DAYS = 7;
const SLOWEST = 3;

const first = { page: 1, pageSize: HOME_ITEMS } as const;

const demandItem = (d: Demand): HomeDemand => ({
  id: d.id,
  code: d.code,
  title: d.title,
  unitId: d.unitId,
  unitName: d.unitName,
  agencyName: d.agencyName,
  dueDate: d.dueDate,
  daysLeft: d.daysLeft,
  status: d.status,
  overdue: d.overdue,
  priority: d.priority,
});

const referralItem = (r: Referral): HomeReferral => ({
  id: r.id,
  code: r.code,
  unitId: r.unitId,
  unitName: r.unitName,
  bankName: r.bankName,
  agencyName: r.agencyName,
  status: r.status,
  referralDate: r.referralDate,
  requestedAmount: r.requestedAmount,
  daysWaiting: r.daysWaiting,
  dueDate: r.dueDate,
  overdue: r.overdue,
});

const resolutionItem = (r: Resolution): HomeResolution => ({
  id: r.id,
  code: r.code,
  text: r.text,
  sessionNumber: r.sessionNumber,
  dueDate: r.dueDate,
  daysLeft: r.daysLeft,
  status: r.status,
  overdue: r.overdue,
});

const claimItem = (c: UnitClaim) => ({ id: c.id, userFullName: c.userFullName, unitName: c.unitName, status: c.status, createdAt: c.createdAt });

function section<T, U>(list: { items: T[]; total: number }, map: (t: T) => U) {
  return { total: list.total, items: list.items.slice(0, HOME_ITEMS).map(map) };
}

/**
 * The statistics a home shows beside its work lists, read as the statistics pages read them: the route gives them
 * through the read database and the snapshots (stats.snapshot.ts), so a bank's home and its bank table are one
 * computation and agree; `asOf` says when they are older than a few seconds.
 */
export interface HomeFigures {
  banks(): Promise<Awaited<ReturnType<typeof bankStats>> & { asOf?: string }>;
  agencies(): Promise<Awaited<ReturnType<typeof agencyStats>> & { asOf?: string }>;
  provinces(): Promise<Awaited<ReturnType<typeof provinceStats>> & { asOf?: string }>;
}

/** The earliest `asOf` of the figures a home read (absent when all were current). */
function earliestAsOf(...figures: { asOf?: string }[]): { asOf?: string } {
  const earliest = figures.map((f) => f.asOf).filter((a): a is string => a !== undefined).sort()[0];
  return earliest ? { asOf: earliest } : {};
}

/** Each role's own work for today (GET /home). */
export async function roleHome(ctx: ServiceContext, figures: HomeFigures): Promise<RoleHome> {
  const today = tehranDate(ctx.now());
  const day = { today, fiscalYear: fiscalYearOf(today), daysLeftInFiscalYear: daysLeftInFiscalYear(today) };
  switch (ctx.actor.role) {
    case 'agency':
      return { role: 'agency', ...day, ...(await agencyWork(ctx, today)) };
    case 'bank':
      return { role: 'bank', ...day, ...(await bankWork(ctx, figures)) };
    case 'executive':
      return { role: 'executive', ...day, ...(await executiveWork(ctx, today, figures)) };
    case 'national':
      return { role: 'national', ...day, ...(await nationalWork(figures)) };
    case 'secretariat':
      return { role: 'secretariat', ...day, ...(await secretariatWork(ctx, today)) };
    case 'producer':
      return { role: 'producer', ...day, ...(await producerWork(ctx)) };
    case 'admin':
      return { role: 'admin', ...day };
  }
}

async function agencyWork(ctx: ServiceContext, today: IsoDate): Promise<Omit<AgencyHome, 'role' | 'today' | 'fiscalYear' | 'daysLeftInFiscalYear'>> {
  const until = addDays(today, DUE_SOON_DAYS);
  const [demandsOverdue, demandsDueSoon, resolutionsOverdue, resolutionsDueSoon, referralsOverdue, notifications] = await Promise.all([
    listDemands(ctx, { ...first, overdue: true, sort: 'urgency' }),
    listDemands(ctx, { ...first, open: true, overdue: false, dueBy: until, sort: 'dueDate' }),
    listResolutions(ctx, { ...first, overdue: true }),
    listResolutions(ctx, { ...first, active: true, overdue: false, dueBy: until, sort: 'dueDate' }),
    // a referral overdue is one a bank holds past its deadline to receive or to decide
    listReferrals(ctx, { ...first, overdue: 'true', sort: 'referralDate' }),
    listNotifications(ctx, { ...first, unread: true }),
  ]);
  return {
    dueSoonUntil: until,
    demandsOverdue: section(demandsOverdue, demandItem),
    demandsDueSoon: section(demandsDueSoon, demandItem),
    resolutionsOverdue: section(resolutionsOverdue, resolutionItem),
    resolutionsDueSoon: section(resolutionsDueSoon, resolutionItem),
    referralsOverdue: section(referralsOverdue, referralItem),
    notifications: { total: notifications.unread, items: notifications.items.map((n) => ({ id: n.id, title: n.title, refType: n.refType, refId: n.refId, createdAt: n.createdAt })) },
  };
}

async function bankWork(ctx: ServiceContext, figures: HomeFigures): Promise<Pick<BankHome, 'toReceive' | 'toDecide' | 'own' | 'province' | 'asOf'>> {
  // the oldest first: the clock that runs out soonest
  const [toReceive, toDecide, stats] = await Promise.all([
    listReferrals(ctx, { ...first, status: ['referred'], sort: 'referralDate' }),
    listReferrals(ctx, { ...first, status: ['received', 'under_review'], sort: 'referralDate' }),
    figures.banks(),
  ]);
  const mine = stats.items.find((b) => b.bankId === ctx.actor.bankId);
  const approval = (r: { decided: number; approved: number; paid: number; approvalRate: number | null; medianDaysToDecision: number | null } | undefined) => ({
    decided: r?.decided ?? 0,
    approved: r ? r.approved : 0,
    approvalRate: r?.approvalRate ?? null,
    medianDaysToDecision: r?.medianDaysToDecision ?? null,
  });
  return { toReceive: section(toReceive, referralItem), toDecide: section(toDecide, referralItem), own: approval(mine), province: approval(stats.total), ...earliestAsOf(stats) };
}

async function executiveWork(
  ctx: ServiceContext,
  today: IsoDate,
  figures: HomeFigures,
): Promise<Pick<ExecutiveHome, 'pace' | 'implementation' | 'slowestBanks' | 'slowestAgencies' | 'nextSession' | 'asOf'>> {
  const scope = await statsScope(ctx, {});
  const [pace, implementation, banks, agencies, nextSession] = await Promise.all([
    fiscalPace(ctx, scope),
    implementationRate(ctx),
    figures.banks(),
    figures.agencies(),
    findNextSession(ctx, today),
  ]);
  const slowestBanks = banks.items
    .filter((b): b is typeof b & { medianDaysToDecision: number } => b.medianDaysToDecision !== null)
    .sort((a, b) => b.medianDaysToDecision - a.medianDaysToDecision || b.overdue - a.overdue)
    .slice(0, SLOWEST)
    .map((b) => ({ bankId: b.bankId, bankName: b.bankName, medianDaysToDecision: b.medianDaysToDecision, overdue: b.overdue }));
  const slowestAgencies = agencies.items
    .filter((a): a is typeof a & { medianDaysToResolve: number } => a.medianDaysToResolve !== null)
    .sort((a, b) => b.medianDaysToResolve - a.medianDaysToResolve || b.demandsOverdue - a.demandsOverdue)
    .slice(0, SLOWEST)
    .map((a) => ({ agencyId: a.agencyId, agencyName: a.agencyName, medianDaysToResolve: a.medianDaysToResolve, demandsOverdue: a.demandsOverdue }));
  const rate = implementation.overall.rateOfDue;
  return {
    pace: { quotaAmount: pace.quotaAmount, paidAmount: pace.paidAmount, absorbedRate: pace.absorbedRate, forecastRate: pace.forecastRate, daysElapsed: pace.daysElapsed, daysInYear: pace.daysInYear },
    implementation: { done: rate.numerator, due: rate.denominator, rate: rate.rate, overdue: implementation.overall.overdue },
    slowestBanks,
    slowestAgencies,
    nextSession,
    ...earliestAsOf(banks, agencies),
  };
}

async function nationalWork(figures: HomeFigures): Promise<Pick<NationalHome, 'provinces' | 'asOf'>> {
  const stats = await figures.provinces();
  return {
    ...earliestAsOf(stats),
    provinces: stats.items.map((p) => ({
      provinceId: p.provinceId,
      provinceName: p.provinceName,
      units: p.units,
      referred: p.referred,
      paid: p.paid,
      paidAmount: p.paidAmount,
      quotaAmount: p.quotaAmount,
      quotaUsedRate: p.quotaUsedRate,
    })),
  };
}

async function secretariatWork(ctx: ServiceContext, today: IsoDate): Promise<Omit<SecretariatHome, 'role' | 'today' | 'fiscalYear' | 'daysLeftInFiscalYear'>> {
  const [unassigned, escalated, claims, referralsOverdue, nextSession] = await Promise.all([
    listDemands(ctx, { ...first, status: 'registered', sort: 'createdAt' }),
    listDemands(ctx, { ...first, status: 'escalated', sort: 'urgency' }),
    listClaims(ctx, { ...first, status: 'pending' }),
    listReferrals(ctx, { ...first, overdue: 'true', sort: 'referralDate' }),
    findNextSession(ctx, today),
  ]);
  return {
    unassignedDemands: section(unassigned, demandItem),
    escalatedDemands: section(escalated, demandItem),
    claimsWaiting: section(claims, claimItem),
    referralsOverdue: section(referralsOverdue, referralItem),
    nextSession,
  };
}

async function producerWork(ctx: ServiceContext): Promise<Pick<ProducerHome, 'units' | 'claimsPending' | 'openDemands' | 'referrals'>> {
  const unitId = ctx.actor.unitId;
  const empty = { items: [], total: 0 };
  // a producer whose claim is not approved yet has no unit, and nothing else to see
  const [unit, claims, openDemands, referrals] = await Promise.all([
    unitId ? getUnit(ctx, unitId) : null,
    ownPendingClaims(ctx),
    unitId && ctx.actor.provinceId ? listDemands(ctx, { ...first, open: true, sort: '-createdAt' }) : empty,
    unitId && ctx.actor.provinceId ? listReferrals(ctx, { ...first, sort: '-referralDate' }) : empty,
  ]);
  return {
    units: unit ? [{ id: unit.id, name: unit.name, nationalId: unit.nationalId, countyName: unit.countyName, status: unit.status }] : [],
    claimsPending: claims.map(claimItem),
    openDemands: section(openDemands, demandItem),
    referrals: section(referrals, referralItem),
  };
}

/** The next planned session on or after today (else the latest planned one that was never marked held), with its agenda. */
async function findNextSession(ctx: ServiceContext, today: IsoDate): Promise<NextSession | null> {
  const planned = await listSessions(ctx, { page: 1, pageSize: 50, status: 'planned', sort: 'heldOn' });
  const next = planned.items.find((s) => s.heldOn >= today) ?? planned.items.at(-1);
  if (!next) return null;
  const detail = await getSession(ctx, next.id);
  return {
    id: detail.id,
    number: detail.number,
    fiscalYear: detail.fiscalYear,
    heldOn: detail.heldOn,
    title: detail.title,
    agenda: detail.agenda.map((a) => ({
      id: a.id,
      position: a.position,
      subject: a.subject,
      unitId: a.unitId,
      unitName: a.unitName,
      demandId: a.demandId,
      demandCode: a.demandCode,
      referralId: a.referralId,
      referralCode: a.referralCode,
    })),
  };
}

/** The overview: the province on one page, the fiscal-year pace against the quota, and reported figures beside computed ones. */
import { and, eq, sql } from 'drizzle-orm';
import type { ServiceContext } from '../../context.js';
import { bankReports, demands, obstacleCategories, quotas, referrals, resolutions, settings, units, visits } from '../../db/schema.js';
import { ratio, rialsToJson } from '../../../shared/money.js';
import { daysBetween, fiscalYearRange } from '../../../shared/jalali.js';
import { STATUS_LABELS } from '../../../shared/labels.js';
import type { StatsQuery } from '../../../shared/contracts/stats.js';
import { demandBase, demandMetric, referralBase, referralMetric, resolutionBase, resolutionMetric, visitBase } from './stats.metrics.js';
import { LOAN_APPLICATION_METRICS, loanApplicationAmount, loanApplicationBase, loanApplicationFrom, loanApplicationMetric } from './stats.metrics.js';
import { statsScope, type StatsScope } from './stats.scope.js';
import { big, rowsOf } from './stats.sql.js';
import { compareReported, readReported } from './stats.reported.js';

export const visitTargetKey = (fiscalYear: number) => `visits.target.${fiscalYear}`;

async function quotaOf(ctx: ServiceContext, provinceId: string, fiscalYear: number, programCode: string | undefined): Promise<bigint> {
  const program = programCode ? sql`and ${quotas.programCode} = ${programCode}` : sql``;
  const [row] = await rowsOf<{ province: string | null; banks: string | null }>(
    ctx.db,
    sql`select sum(${quotas.amount}) filter (where ${quotas.bankId} is null and ${quotas.agencyId} is null)::text as province,
               sum(${quotas.amount}) filter (where ${quotas.bankId} is not null and ${quotas.agencyId} is null)::text as banks
        from ${quotas} where ${quotas.provinceId} = ${provinceId} and ${quotas.fiscalYear} = ${fiscalYear} ${program}`,
  );
  // the province's own quota when it is recorded; otherwise the sum of the banks' quotas
  return row?.province ? big(row.province) : big(row?.banks);
}

export async function fiscalPace(ctx: ServiceContext, s: StatsScope) {
  const fy = s.period.fiscalYear;
  const range = fiscalYearRange(fy);
  const asOf = s.today < range.from ? range.from : s.today > range.to ? range.to : s.today;
  const program = s.filter.programCode ? sql`and ${referrals.programCode} = ${s.filter.programCode}` : sql``;
  const reportProgram = s.filter.programCode ? sql`and ${bankReports.programCode} = ${s.filter.programCode}` : sql``;
  const [quota, [paid], [direct]] = await Promise.all([
    quotaOf(ctx, s.filter.provinceId, fy, s.filter.programCode),
    rowsOf<{ amount: string | null }>(
      ctx.db,
      sql`select sum(${referrals.paidAmount})::text as amount from ${referrals}
          where ${referrals.provinceId} = ${s.filter.provinceId} and ${referrals.status} = 'paid' and ${referrals.paidDate} between ${range.from} and ${asOf} ${program}`,
    ),
    rowsOf<{ amount: string | null }>(
      ctx.db,
      sql`select sum(${bankReports.directAmount})::text as amount from ${bankReports}
          where ${bankReports.provinceId} = ${s.filter.provinceId} and ${bankReports.fiscalYear} = ${fy} ${reportProgram}`,
    ),
  ]);
  const paidAmount = big(paid?.amount);
  const daysInYear = daysBetween(range.from, range.to) + 1;
  const daysElapsed = s.today < range.from ? 0 : daysBetween(range.from, asOf) + 1;
  const daysLeft = daysInYear - daysElapsed;
  // at the same daily pace until the end of Esfand (exact bigint arithmetic, rounded down)
  const forecast = daysElapsed > 0 ? (paidAmount * BigInt(daysInYear)) / BigInt(daysElapsed) : 0n;
  return {
    fiscalYear: fy,
    quotaAmount: rialsToJson(quota),
    paidAmount: rialsToJson(paidAmount),
    directAmount: rialsToJson(big(direct?.amount)),
    absorbedRate: ratio(paidAmount, quota),
    daysElapsed,
    daysLeft,
    daysInYear,
    forecastPaidAmount: rialsToJson(forecast),
    forecastRate: ratio(forecast, quota),
  };
}

export async function overviewStats(ctx: ServiceContext, q: StatsQuery) {
  const s = await statsScope(ctx, q);
  const lang = ctx.lang === 'en' ? 'en' : 'fa';
  const rm = (k: Parameters<typeof referralMetric>[0]) => referralMetric(k, s.mc);
  const sm = (k: Parameters<typeof resolutionMetric>[0]) => resolutionMetric(k, s.mc);
  const county = s.filter.countyId ? sql`and ${units.countyId} = ${s.filter.countyId}` : sql``;
  // the national programs' funnel, from the application on (issue 11): one scan of the period's applications
  const loanFigures = sql.join(
    LOAN_APPLICATION_METRICS.map((m) => sql`(count(*) filter (where ${loanApplicationMetric(m)}))::int as ${sql.identifier(m)}, coalesce(sum(${loanApplicationAmount(m)}) filter (where ${loanApplicationMetric(m)}), 0)::text as ${sql.identifier(`${m}_amount`)}`),
    sql`, `,
  );
  const [unitRows, [visitRow], demandGroups, categories, [funnel], [res], targetRows, pace, reportedRows, [loans]] = await Promise.all([
    rowsOf<{ status: string; n: number }>(ctx.db, sql`select ${units.status} as status, count(*)::int as n from ${units} where ${units.provinceId} = ${s.filter.provinceId} ${county} group by ${units.status}`),
    rowsOf<{ done: number; planned: number }>(
      ctx.db,
      sql`select (count(*) filter (where ${visits.status} = 'done'))::int as done, (count(*) filter (where ${visits.status} = 'planned'))::int as planned from ${visits} where ${visitBase(s.filter)}`,
    ),
    // one scan of the period's demands: by status, by category and the totals (GROUPING SETS)
    rowsOf<{ status: string | null; category: string | null; n: number; overdue: number }>(
      ctx.db,
      sql`select ${demands.status} as status, ${demands.categoryCode} as category, count(*)::int as n,
            (count(*) filter (where ${demandMetric('overdue', s.mc)}))::int as overdue
          from ${demands} where ${demandBase(s.filter)}
          group by grouping sets ((${demands.status}), (${demands.categoryCode}), ())`,
    ),
    ctx.db.select({ code: obstacleCategories.code, name: obstacleCategories.name, nameEn: obstacleCategories.nameEn }).from(obstacleCategories),
    rowsOf<Record<string, string | number>>(
      ctx.db,
      sql`select count(*)::int as referred, coalesce(sum(${referrals.requestedAmount}), 0)::text as referred_amount,
            (count(*) filter (where ${rm('received')}))::int as received, coalesce(sum(${referrals.requestedAmount}) filter (where ${rm('received')}), 0)::text as received_amount,
            (count(*) filter (where ${rm('approved')}))::int as approved, coalesce(sum(${referrals.approvedAmount}) filter (where ${rm('approved')}), 0)::text as approved_amount,
            (count(*) filter (where ${rm('paid')}))::int as paid, coalesce(sum(${referrals.paidAmount}) filter (where ${rm('paid')}), 0)::text as paid_amount,
            (count(*) filter (where ${rm('rejected')}))::int as rejected, coalesce(sum(${referrals.requestedAmount}) filter (where ${rm('rejected')}), 0)::text as rejected_amount,
            (count(*) filter (where ${rm('withdrawn')}))::int as withdrawn, coalesce(sum(${referrals.requestedAmount}) filter (where ${rm('withdrawn')}), 0)::text as withdrawn_amount
          from ${referrals} where ${referralBase(s.filter)}`,
    ),
    rowsOf<Record<string, number>>(
      ctx.db,
      sql`select (count(*) filter (where ${sm('all')}))::int as "all", (count(*) filter (where ${sm('due')}))::int as due, (count(*) filter (where ${sm('done')}))::int as done,
            (count(*) filter (where ${sm('inProgress')}))::int as in_progress, (count(*) filter (where ${sm('notDone')}))::int as not_done, (count(*) filter (where ${sm('overdue')}))::int as overdue
          from ${resolutions} where ${resolutionBase(s.filter)}`,
    ),
    ctx.db.select().from(settings).where(and(eq(settings.provinceId, s.filter.provinceId), eq(settings.key, visitTargetKey(s.period.fiscalYear)))),
    fiscalPace(ctx, s),
    readReported(ctx, s.filter.provinceId, s.period.key, s.filter.programCode ?? null),
    rowsOf<Record<string, string | number>>(ctx.db, sql`select ${loanFigures} from ${loanApplicationFrom} where ${loanApplicationBase(s.filter)}`),
  ]);
  const demandTotals = demandGroups.find((g) => g.status === null && g.category === null);
  const demandStatus = demandGroups.filter((g) => g.status !== null);
  const demandCategory = demandGroups.filter((g) => g.category !== null).sort((a, b) => b.n - a.n);
  const categoryBy = new Map(categories.map((c) => [c.code, c]));
  const f = funnel ?? {};
  const stage = (k: string) => ({ stage: k, count: Number(f[k] ?? 0), amount: rialsToJson(big(f[`${k}_amount`])) });
  const r = res ?? {};
  const overview = {
    period: s.period,
    units: { total: unitRows.reduce((a, x) => a + x.n, 0), byStatus: Object.fromEntries(unitRows.map((x) => [x.status, x.n])) },
    visits: { done: visitRow?.done ?? 0, planned: visitRow?.planned ?? 0, target: targetRows[0] ? Number(targetRows[0].value) : null },
    demands: {
      total: demandTotals?.n ?? 0,
      overdue: demandTotals?.overdue ?? 0,
      byStatus: demandStatus.map((x) => ({ key: x.status!, name: STATUS_LABELS.demand[x.status!]?.[lang] ?? x.status!, count: x.n })),
      byCategory: demandCategory.map((x) => {
        const c = categoryBy.get(x.category!);
        return { key: x.category!, name: (lang === 'en' ? c?.nameEn : c?.name) ?? x.category!, count: x.n };
      }),
    },
    funnel: ['referred', 'received', 'approved', 'paid', 'rejected', 'withdrawn'].map(stage),
    applicationFunnel: LOAN_APPLICATION_METRICS.map((k) => ({ stage: k, count: Number(loans?.[k] ?? 0), amount: rialsToJson(big(loans?.[`${k}_amount`] as string | undefined)) })),
    resolutions: {
      all: r.all ?? 0,
      due: r.due ?? 0,
      done: r.done ?? 0,
      inProgress: r.in_progress ?? 0,
      notDone: r.not_done ?? 0,
      overdue: r.overdue ?? 0,
      rateOfAll: ratio(BigInt(r.done ?? 0), BigInt(r.all ?? 0)),
      rateOfDue: ratio(BigInt(r.done ?? 0), BigInt(r.due ?? 0)),
    },
    pace,
  };
  const computed: Record<string, string | null> = {
    'referrals.paidAmount': overview.funnel[3]!.amount,
    'referrals.paidCount': String(overview.funnel[3]!.count),
    'referrals.referredCount': String(overview.funnel[0]!.count),
    'quota.amount': pace.quotaAmount,
    'quota.absorbedRate': pace.absorbedRate === null ? null : pace.absorbedRate.toFixed(4),
    'resolutions.rate': overview.resolutions.rateOfAll === null ? null : overview.resolutions.rateOfAll.toFixed(4),
    'resolutions.count': String(overview.resolutions.all),
    'resolutions.done': String(overview.resolutions.done),
    'units.registered': String(overview.units.total),
  };
  const reported = compareReported(reportedRows, s.period.key, s.filter.programCode ?? null, computed);
  return { ...overview, reported };
}


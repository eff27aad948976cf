/** Month-by-month figures on the Jalali calendar, and the provinces side by side for the national HQ. */
import { and, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { ServiceContext } from '../../context.js';
import { demands, provinces, quotas, referrals, resolutions, units, visits } from '../../db/schema.js';
import { ratio, rialsToJson } from '../../../shared/money.js';
import { fiscalYearOf, jalaliMonthRange, toJalali, type IsoDate } from '../../../shared/jalali.js';
import { resolvePeriod } from '../../../shared/periods.js';
import { AppError } from '../../../shared/errors.js';
import type { StatsQuery, trendQuery } from '../../../shared/contracts/stats.js';
import { statsScope } from './stats.scope.js';
import { big, rowsOf } from './stats.sql.js';
import { tehranDate } from '../../../shared/jalali.js';

type TrendMetric = z.infer<typeof trendQuery>['metric'];

const tehranDay = (col: AnyPgColumn) => sql`(${col} at time zone 'Asia/Tehran')::date`;

/** Each metric: the table, its event day, the condition, and what is summed (count when absent). */
function trendDefinition(metric: TrendMetric, provinceId: string, programCode: string | undefined, countyId: string | undefined) {
  const refScope = (extra: SQL): SQL =>
    and(
      eq(referrals.provinceId, provinceId),
      extra,
      programCode ? eq(referrals.programCode, programCode) : undefined,
      countyId ? sql`${referrals.unitId} in (select ${units.id} from ${units} where ${units.countyId} = ${countyId})` : undefined,
    )!;
  const unitScope = (unitCol: AnyPgColumn, province: AnyPgColumn, extra: SQL): SQL =>
    and(eq(province, provinceId), extra, countyId ? sql`${unitCol} in (select ${units.id} from ${units} where ${units.countyId} = ${countyId})` : undefined)!;
  switch (metric) {
    case 'referred':
      return { table: referrals, day: sql`${referrals.referralDate}`, where: refScope(sql`true`), value: sql`count(*)` };
    case 'paidCount':
      return { table: referrals, day: sql`${referrals.paidDate}`, where: refScope(eq(referrals.status, 'paid')), value: sql`count(*)` };
    case 'paidAmount':
      return { table: referrals, day: sql`${referrals.paidDate}`, where: refScope(eq(referrals.status, 'paid')), value: sql`coalesce(sum(${referrals.paidAmount}), 0)` };
    case 'approvedAmount':
      return { table: referrals, day: tehranDay(referrals.decidedAt), where: refScope(sql`${referrals.status} in ('approved', 'paid')`), value: sql`coalesce(sum(${referrals.approvedAmount}), 0)` };
    case 'rejected':
      return { table: referrals, day: tehranDay(referrals.decidedAt), where: refScope(eq(referrals.status, 'rejected')), value: sql`count(*)` };
    case 'demandsRegistered':
      return { table: demands, day: tehranDay(demands.createdAt), where: unitScope(demands.unitId, demands.provinceId, sql`true`), value: sql`count(*)` };
    case 'demandsResolved':
      return { table: demands, day: tehranDay(demands.resolvedAt), where: unitScope(demands.unitId, demands.provinceId, eq(demands.status, 'resolved')), value: sql`count(*)` };
    case 'visitsDone':
      return { table: visits, day: sql`${visits.visitDate}`, where: unitScope(visits.unitId, visits.provinceId, eq(visits.status, 'done')), value: sql`count(*)` };
    case 'resolutionsDone':
      return { table: resolutions, day: tehranDay(resolutions.closedAt), where: and(eq(resolutions.provinceId, provinceId), eq(resolutions.status, 'done'))!, value: sql`count(*)` };
  }
}

export async function trendStats(ctx: ServiceContext, q: z.infer<typeof trendQuery>) {
  const s = await statsScope(ctx, q);
  const d = trendDefinition(q.metric, s.filter.provinceId, s.filter.programCode, s.filter.countyId);
  const rows = await rowsOf<{ day: string | Date; v: string }>(
    ctx.db,
    sql`select ${d.day} as day, (${d.value})::text as v from ${d.table} where ${d.where} and ${d.day} between ${s.period.from} and ${s.period.to} group by 1`,
  );
  // the period's Jalali months first, then each day into its month by ISO range (SQL has no Jalali calendar)
  const points: { key: string; year: number; month: number; from: IsoDate; to: IsoDate; value: string }[] = [];
  const sums: bigint[] = [];
  const first = toJalali(s.period.from);
  const last = toJalali(s.period.to);
  for (let y = first.year, m = first.month; y < last.year || (y === last.year && m <= last.month); m === 12 ? ((y += 1), (m = 1)) : (m += 1)) {
    const range = jalaliMonthRange(y, m);
    points.push({ key: `${y}-${String(m).padStart(2, '0')}`, year: y, month: m, from: range.from < s.period.from ? s.period.from : range.from, to: range.to > s.period.to ? s.period.to : range.to, value: '0' });
    sums.push(0n);
  }
  for (const r of rows) {
    const day = r.day instanceof Date ? r.day.toISOString().slice(0, 10) : String(r.day).slice(0, 10);
    const i = points.findIndex((p) => day >= p.from && day <= p.to);
    if (i >= 0) sums[i]! += big(r.v);
  }
  points.forEach((p, i) => (p.value = sums[i]!.toString()));
  return { metric: q.metric, period: s.period, points };
}

export async function provinceStats(ctx: ServiceContext, q: StatsQuery) {
  const today: IsoDate = tehranDate(ctx.now());
  const p = resolvePeriod(q, today);
  if (!p) throw new AppError('validation.failed', { errors: [{ path: 'period', message: ctx.lang === 'en' ? 'Not a valid period' : 'بازهٔ زمانی معتبر نیست' }] });
  const fy = fiscalYearOf(p.to);
  const program = q.programCode ? sql`and ${referrals.programCode} = ${q.programCode}` : sql``;
  const quotaProgram = q.programCode ? sql`and ${quotas.programCode} = ${q.programCode}` : sql``;
  const [names, unitRows, refRows, quotaRows] = await Promise.all([
    ctx.db.select().from(provinces),
    rowsOf<{ province_id: string; n: number }>(ctx.db, sql`select ${units.provinceId} as province_id, count(*)::int as n from ${units} group by ${units.provinceId}`),
    rowsOf<{ province_id: string; referred: number; paid: number; paid_amount: string }>(
      ctx.db,
      sql`select ${referrals.provinceId} as province_id, count(*)::int as referred, (count(*) filter (where ${referrals.status} = 'paid'))::int as paid,
            coalesce(sum(${referrals.paidAmount}) filter (where ${referrals.status} = 'paid'), 0)::text as paid_amount
          from ${referrals} where ${and(gte(referrals.referralDate, p.from), lte(referrals.referralDate, p.to))} ${program} group by ${referrals.provinceId}`,
    ),
    rowsOf<{ province_id: string; province: string | null; banks: string | null }>(
      ctx.db,
      sql`select ${quotas.provinceId} as province_id,
            sum(${quotas.amount}) filter (where ${quotas.bankId} is null and ${quotas.agencyId} is null)::text as province,
            sum(${quotas.amount}) filter (where ${quotas.bankId} is not null and ${quotas.agencyId} is null)::text as banks
          from ${quotas} where ${quotas.fiscalYear} = ${fy} ${quotaProgram} group by ${quotas.provinceId}`,
    ),
  ]);
  const u = new Map(unitRows.map((r) => [r.province_id, r.n]));
  const r = new Map(refRows.map((x) => [x.province_id, x]));
  const qm = new Map(quotaRows.map((x) => [x.province_id, x.province ? big(x.province) : big(x.banks)]));
  const national = {
    quota: [...qm.values()].reduce((a, b) => a + b, 0n),
    paid: refRows.reduce((a, x) => a + big(x.paid_amount), 0n),
    referred: refRows.reduce((a, x) => a + x.referred, 0),
    paidCount: refRows.reduce((a, x) => a + x.paid, 0),
  };
  const items = names
    .map((pr) => {
      const rr = r.get(pr.id);
      const quota = qm.get(pr.id) ?? 0n;
      const paidAmount = big(rr?.paid_amount);
      return {
        provinceId: pr.id,
        provinceName: pr.name,
        provinceNameEn: pr.nameEn,
        units: u.get(pr.id) ?? 0,
        referred: rr?.referred ?? 0,
        paid: rr?.paid ?? 0,
        paidAmount: rialsToJson(paidAmount),
        quotaAmount: rialsToJson(quota),
        quotaUsedRate: ratio(paidAmount, quota),
        shareOfNationalQuota: ratio(quota, national.quota),
        shareOfNationalPaid: ratio(paidAmount, national.paid),
      };
    })
    .sort((a, b) => (big(b.paidAmount) > big(a.paidAmount) ? 1 : big(b.paidAmount) < big(a.paidAmount) ? -1 : a.provinceId.localeCompare(b.provinceId)));
  return {
    period: { ...p, fiscalYear: fy },
    items,
    national: { quotaAmount: rialsToJson(national.quota), paidAmount: rialsToJson(national.paid), referred: national.referred, paid: national.paidCount },
  };
}


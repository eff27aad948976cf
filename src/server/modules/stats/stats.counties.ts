/**
 * Counties compared: each county of the province with its units, visits, demands and referrals over the
 * period, from the same metric definitions the drill-down lists (stats.metrics.ts) — a county's figure opens
 * the records behind it with `countyId` as the filter.
 */
import { asc, eq, sql, type SQL } from 'drizzle-orm';
import type { ServiceContext } from '../../context.js';
import { counties, demands, referrals, units, visits } from '../../db/schema.js';
import { rialsToJson } from '../../../shared/money.js';
import type { CountyRow, StatsQuery } from '../../../shared/contracts/stats.js';
import {
  daysToDecision,
  demandBase,
  demandMetric,
  referralBase,
  referralMetric,
  unitBase,
  unitMetric,
  visitBase,
  visitMetric,
  type DemandMetric,
  type ReferralMetric,
} from './stats.metrics.js';
import { statsScope } from './stats.scope.js';
import { big, rowsOf } from './stats.sql.js';
import { countDays, medianOf, type DayCounts } from './stats.median.js';

export const COUNTY_DEFINITIONS = {
  units: { fa: 'واحدهای ثبت‌شده در شهرستان (وضع کنونی ثبت؛ بازهٔ زمانی بر آن اثر ندارد)', en: 'Units registered in the county (the register as it stands; the period does not apply)' },
  activeUnits: { fa: 'واحدهای فعال و نیمه‌فعال', en: 'Active and semi-active units' },
  idleUnits: { fa: 'واحدهای راکد', en: 'Idle units' },
  visitsDone: { fa: 'بازدیدهای انجام‌شده با تاریخ بازدید در بازه', en: 'Visits done, dated within the period' },
  demandsRegistered: { fa: 'مطالبات ثبت‌شده در بازه', en: 'Demands registered within the period' },
  demandsOpen: { fa: 'از آن‌ها، باز (ثبت‌شده، ارجاع‌شده، در دست اقدام یا ارجاع به کارگروه)', en: 'Of those, still open' },
  demandsOverdue: { fa: 'از آن‌ها، باز و گذشته از مهلت', en: 'Of those, open and past their due date' },
  demandsResolved: { fa: 'از آن‌ها، رفع‌شده', en: 'Of those, resolved' },
  referred: { fa: 'معرفی‌های به بانک با تاریخ معرفی در بازه', en: 'Referrals to banks dated within the period' },
  paidCount: { fa: 'از آن‌ها، پرداخت‌شده', en: 'Of those, paid' },
  paidAmount: { fa: 'مبلغ پرداختی همان معرفی‌ها', en: 'The amount paid on them' },
  medianDaysToDecision: { fa: 'میانهٔ روزها از وصول تا تصمیم بانک', en: 'Median days from receipt to the bank’s decision' },
};

type Counts = Omit<CountyRow, 'countyId' | 'countyName' | 'countyNameEn' | 'paidAmount' | 'medianDaysToDecision'>;
const ZERO: Counts = { units: 0, activeUnits: 0, idleUnits: 0, visitsDone: 0, demandsRegistered: 0, demandsOpen: 0, demandsOverdue: 0, demandsResolved: 0, referred: 0, paidCount: 0 };

const countOf = (name: string, condition: SQL) => sql`(count(*) filter (where ${condition}))::int as ${sql.identifier(name)}`;

export async function countyStats(ctx: ServiceContext, q: StatsQuery) {
  const s = await statsScope(ctx, q);
  const f = s.filter;
  const dm = (k: DemandMetric) => demandMetric(k, s.mc);
  const rm = (k: ReferralMetric) => referralMetric(k, s.mc);
  const [names, unitRows, visitRows, demandRows, referralRows, dayRows] = await Promise.all([
    ctx.db.select().from(counties).where(eq(counties.provinceId, f.provinceId)).orderBy(asc(counties.id)),
    rowsOf<{ county_id: string; units: number; active: number; idle: number }>(
      ctx.db,
      sql`select ${units.countyId} as county_id, count(*)::int as units, ${countOf('active', unitMetric('active'))}, ${countOf('idle', unitMetric('idle'))}
          from ${units} where ${unitBase(f)} group by ${units.countyId}`,
    ),
    rowsOf<{ county_id: string; done: number }>(
      ctx.db,
      sql`select ${units.countyId} as county_id, ${countOf('done', visitMetric('done'))}
          from ${visits} join ${units} on ${units.id} = ${visits.unitId} where ${visitBase(f)} group by ${units.countyId}`,
    ),
    rowsOf<{ county_id: string; registered: number; open: number; overdue: number; resolved: number }>(
      ctx.db,
      sql`select ${units.countyId} as county_id, ${countOf('registered', dm('registered'))}, ${countOf('open', dm('open'))},
            ${countOf('overdue', dm('overdue'))}, ${countOf('resolved', dm('resolved'))}
          from ${demands} join ${units} on ${units.id} = ${demands.unitId} where ${demandBase(f)} group by ${units.countyId}`,
    ),
    rowsOf<{ county_id: string; referred: number; paid: number; paid_amount: string }>(
      ctx.db,
      sql`select ${units.countyId} as county_id, ${countOf('referred', rm('referred'))}, ${countOf('paid', rm('paid'))},
            coalesce(sum(${referrals.paidAmount}) filter (where ${rm('paid')}), 0)::text as paid_amount
          from ${referrals} join ${units} on ${units.id} = ${referrals.unitId} where ${referralBase(f)} group by ${units.countyId}`,
    ),
    rowsOf<{ county_id: string; days: number | null; n: number }>(
      ctx.db,
      sql`select ${units.countyId} as county_id, ${daysToDecision} as days, count(*)::int as n
          from ${referrals} join ${units} on ${units.id} = ${referrals.unitId}
          where ${referralBase(f)} and ${rm('decided')} and ${referrals.decidedAt} is not null group by 1, 2`,
    ),
  ]);

  const counts = new Map<string, Counts>();
  const at = (id: string) => counts.get(id) ?? counts.set(id, { ...ZERO }).get(id)!;
  for (const r of unitRows) Object.assign(at(r.county_id), { units: r.units, activeUnits: r.active, idleUnits: r.idle });
  for (const r of visitRows) at(r.county_id).visitsDone = r.done;
  for (const r of demandRows) Object.assign(at(r.county_id), { demandsRegistered: r.registered, demandsOpen: r.open, demandsOverdue: r.overdue, demandsResolved: r.resolved });
  for (const r of referralRows) Object.assign(at(r.county_id), { referred: r.referred, paidCount: r.paid });
  const paid = new Map(referralRows.map((r) => [r.county_id, big(r.paid_amount)]));
  const days = new Map<string, DayCounts>();
  const allDays = new Map<string, DayCounts>();
  for (const r of dayRows) {
    countDays(days, r.county_id, r.days, r.n);
    countDays(allDays, 'all', r.days, r.n);
  }

  // every county of the province, in the reference order; a county filter keeps only its own row
  const shown = names.filter((c) => !f.countyId || c.id === f.countyId);
  const items: CountyRow[] = shown.map((c) => ({
    countyId: c.id,
    countyName: c.name,
    countyNameEn: c.nameEn,
    ...(counts.get(c.id) ?? ZERO),
    paidAmount: rialsToJson(paid.get(c.id) ?? 0n),
    medianDaysToDecision: medianOf(days.get(c.id)),
  }));
  const total = { ...ZERO, paidAmount: '0', medianDaysToDecision: medianOf(allDays.get('all')) };
  let paidTotal = 0n;
  for (const c of counts.values()) for (const k of Object.keys(ZERO) as (keyof Counts)[]) total[k] += c[k];
  for (const v of paid.values()) paidTotal += v;
  total.paidAmount = rialsToJson(paidTotal);
  return { period: s.period, provinceId: f.provinceId, items, total, definitions: COUNTY_DEFINITIONS };
}

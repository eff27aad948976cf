/**
 * The agency scorecard: what each executive agency was given and what it did, with one score whose
 * formula, weights and parts are shown beside it — a scorecard people can argue with, not a verdict.
 */
import { sql } from 'drizzle-orm';
import type { ServiceContext } from '../../context.js';
import { demandFeedback, demands, referrals, resolutionAgencies, resolutions } from '../../db/schema.js';
import { ratio } from '../../../shared/money.js';
import type { StatsQuery } from '../../../shared/contracts/stats.js';
import { daysToResolve, demandBase, demandMetric, referralBase, referralMetric, resolutionBase, resolutionMetric } from './stats.metrics.js';
import { statsScope } from './stats.scope.js';
import { agencyNamesOf, rowsOf } from './stats.sql.js';
import { countDays, medianOf, type DayCounts } from './stats.median.js';

export const SCORE_WEIGHTS = [
  { key: 'onTime', weight: 0.35, label: { fa: 'رفع به‌موقع مطالبات (رفع‌شده در مهلت ÷ رفع‌شده)', en: 'Demands resolved on time (on time ÷ resolved)' } },
  { key: 'notOverdue', weight: 0.15, label: { fa: 'مطالبات بدون تأخیر (۱ − معوق ÷ ارجاع‌شده)', en: 'Demands not overdue (1 − overdue ÷ assigned)' } },
  { key: 'followUp', weight: 0.2, label: { fa: 'پیگیری معرفی‌ها (معرفی‌های پیگیری‌شده ÷ معرفی‌ها)', en: 'Referrals followed up (followed up ÷ made)' } },
  { key: 'resolutions', weight: 0.3, label: { fa: 'اجرای مصوبات (اجراشده ÷ مصوبات سررسیدشده)', en: 'Resolutions carried out (done ÷ due)' } },
] as const;

export const SCORE_FORMULA = {
  text: {
    fa: 'امتیاز = ۱۰۰ × Σ(وزن × جزء) ÷ Σ(وزن اجزایی که داده دارند). جزئی که مخرجش صفر است حذف می‌شود و وزن‌ها دوباره تقسیم می‌شوند؛ دستگاهی بی‌داده امتیاز ندارد.',
    en: 'Score = 100 × Σ(weight × part) ÷ Σ(weights of the parts that have data). A part whose divisor is 0 is left out and the weights renormalised; an agency with no data has no score.',
  },
  weights: SCORE_WEIGHTS.map((w) => ({ key: w.key, weight: w.weight, label: w.label })),
};

interface Part {
  key: string;
  numerator: number;
  denominator: number;
}

export function scoreOf(parts: Part[]): { score: number | null; parts: { key: string; label: { fa: string; en: string }; weight: number; value: number | null; numerator: number; denominator: number }[] } {
  let weighted = 0;
  let weights = 0;
  const shown = SCORE_WEIGHTS.map((w) => {
    const p = parts.find((x) => x.key === w.key) ?? { key: w.key, numerator: 0, denominator: 0 };
    const value = p.denominator > 0 ? p.numerator / p.denominator : null;
    if (value !== null) {
      weighted += w.weight * value;
      weights += w.weight;
    }
    return { key: w.key, label: w.label, weight: w.weight, value, numerator: p.numerator, denominator: p.denominator };
  });
  return { score: weights > 0 ? Math.round((1000 * weighted) / weights) / 10 : null, parts: shown };
}

/** Count and mean (two decimals) of the producers' 1–5 ratings; the mean is null while nothing is rated. */
export function satisfactionOf(count: number, scoreSum: number): { count: number; mean: number | null } {
  return { count, mean: count > 0 ? Math.round((100 * scoreSum) / count) / 100 : null };
}

export async function agencyStats(ctx: ServiceContext, q: StatsQuery) {
  const s = await statsScope(ctx, q);
  const dm = (k: Parameters<typeof demandMetric>[0]) => demandMetric(k, s.mc);
  const rm = (k: Parameters<typeof resolutionMetric>[0]) => resolutionMetric(k, s.mc);
  const [dRows, dayRows, rRows, followedRows, resRows, satisfactionRows, names] = await Promise.all([
    rowsOf<{ agency_id: string; assigned: number; resolved: number; on_time: number; open: number; overdue: number }>(
      ctx.db,
      sql`select ${demands.agencyId} as agency_id, count(*)::int as assigned,
            (count(*) filter (where ${dm('resolved')}))::int as resolved,
            (count(*) filter (where ${dm('resolvedOnTime')}))::int as on_time,
            (count(*) filter (where ${dm('open')}))::int as open,
            (count(*) filter (where ${dm('overdue')}))::int as overdue
          from ${demands} where ${demandBase(s.filter)} and ${dm('assigned')} group by ${demands.agencyId}`,
    ),
    rowsOf<{ agency_id: string; days: number | null; n: number }>(
      ctx.db,
      sql`select ${demands.agencyId} as agency_id, ${daysToResolve} as days, count(*)::int as n
          from ${demands} where ${demandBase(s.filter)} and ${dm('assigned')} and ${dm('resolved')} group by 1, 2`,
    ),
    rowsOf<{ agency_id: string; made: number }>(
      ctx.db,
      sql`select ${referrals.agencyId} as agency_id, count(*)::int as made from ${referrals} where ${referralBase(s.filter)} group by ${referrals.agencyId}`,
    ),
    // its own statement, the condition in WHERE as the drill-down has it: read from the followed-up referrals' own index
    rowsOf<{ agency_id: string; followed: number }>(
      ctx.db,
      sql`select ${referrals.agencyId} as agency_id, count(*)::int as followed from ${referrals}
          where ${referralBase(s.filter)} and ${referralMetric('followedUp', s.mc)} group by ${referrals.agencyId}`,
    ),
    rowsOf<{ agency_id: string; assigned: number; due: number; done: number }>(
      ctx.db,
      sql`select ${resolutionAgencies.agencyId} as agency_id, (count(*) filter (where ${rm('all')}))::int as assigned,
            (count(*) filter (where ${rm('due')}))::int as due, (count(*) filter (where ${rm('done')}))::int as done
          from ${resolutions} join ${resolutionAgencies} on ${resolutionAgencies.resolutionId} = ${resolutions.id}
          where ${resolutionBase(s.filter)} group by ${resolutionAgencies.agencyId}`,
    ),
    // producers' ratings of the same demands (the `rated` figure), summed here and averaged below
    rowsOf<{ agency_id: string; rated: number; score_sum: number }>(
      ctx.db,
      sql`select ${demands.agencyId} as agency_id, count(*)::int as rated, sum(${demandFeedback.score})::int as score_sum
          from ${demands} join ${demandFeedback} on ${demandFeedback.demandId} = ${demands.id}
          where ${demandBase(s.filter)} and ${dm('assigned')} and ${dm('rated')} group by ${demands.agencyId}`,
    ),
    agencyNamesOf(ctx.db),
  ]);
  const satisfaction = new Map(satisfactionRows.map((x) => [x.agency_id, satisfactionOf(x.rated, x.score_sum)]));
  const d = new Map(dRows.map((r) => [r.agency_id, r]));
  const resolveDays = new Map<string, DayCounts>();
  for (const x of dayRows) countDays(resolveDays, x.agency_id, x.days, x.n);
  const followed = new Map(followedRows.map((x) => [x.agency_id, x.followed]));
  const r = new Map(rRows.map((x) => [x.agency_id, { made: x.made, followed: followed.get(x.agency_id) ?? 0 }]));
  const res = new Map(resRows.map((x) => [x.agency_id, x]));
  let ids = [...new Set([...d.keys(), ...r.keys(), ...res.keys()])];
  // an agency officer sees their own scorecard and the formula
  if (ctx.actor.role === 'agency') ids = ctx.actor.agencyId ? [ctx.actor.agencyId] : [];
  const items = ids.map((id) => {
    const dd = d.get(id);
    const rr = r.get(id);
    const ss = res.get(id);
    const parts: Part[] = [
      { key: 'onTime', numerator: dd?.on_time ?? 0, denominator: dd?.resolved ?? 0 },
      { key: 'notOverdue', numerator: (dd?.assigned ?? 0) - (dd?.overdue ?? 0), denominator: dd?.assigned ?? 0 },
      { key: 'followUp', numerator: rr?.followed ?? 0, denominator: rr?.made ?? 0 },
      { key: 'resolutions', numerator: ss?.done ?? 0, denominator: ss?.due ?? 0 },
    ];
    const { score, parts: scoreParts } = scoreOf(parts);
    return {
      agencyId: id,
      agencyName: names.get(id)?.name ?? id,
      agencyNameEn: names.get(id)?.nameEn ?? id,
      demandsAssigned: dd?.assigned ?? 0,
      demandsResolved: dd?.resolved ?? 0,
      demandsResolvedOnTime: dd?.on_time ?? 0,
      demandsOpen: dd?.open ?? 0,
      demandsOverdue: dd?.overdue ?? 0,
      onTimeRate: ratio(BigInt(dd?.on_time ?? 0), BigInt(dd?.resolved ?? 0)),
      medianDaysToResolve: medianOf(resolveDays.get(id)),
      referralsMade: rr?.made ?? 0,
      referralsFollowedUp: rr?.followed ?? 0,
      referralsFollowedUpRate: ratio(BigInt(rr?.followed ?? 0), BigInt(rr?.made ?? 0)),
      resolutionsAssigned: ss?.assigned ?? 0,
      resolutionsDue: ss?.due ?? 0,
      resolutionsDone: ss?.done ?? 0,
      resolutionsRate: ratio(BigInt(ss?.done ?? 0), BigInt(ss?.due ?? 0)),
      score,
      scoreParts,
      satisfaction: satisfaction.get(id) ?? satisfactionOf(0, 0),
    };
  });
  items.sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || a.agencyId.localeCompare(b.agencyId));
  return { period: s.period, items, formula: SCORE_FORMULA };
}

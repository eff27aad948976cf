/** Which province a statistics request covers, for which period, and the clock it is read on. */
import type { ServiceContext } from '../../context.js';
import { AppError } from '../../../shared/errors.js';
import { fiscalYearOf, tehranDate, type IsoDate } from '../../../shared/jalali.js';
import { resolvePeriod } from '../../../shared/periods.js';
import type { StatsQuery } from '../../../shared/contracts/stats.js';
import { readReferralDeadlines as readDeadlines } from '../referrals/referrals.service.js';
import type { MetricContext, StatsFilter } from './stats.metrics.js';

export interface StatsScope {
  filter: StatsFilter;
  mc: MetricContext;
  period: { from: IsoDate; to: IsoDate; key: string; fiscalYear: number };
  today: IsoDate;
}

/** Whether the caller reads any province it names (national, or an administrator of no province). */
export function readsAnyProvince(ctx: ServiceContext): boolean {
  return ctx.actor.role === 'national' || (ctx.actor.role === 'admin' && !ctx.actor.provinceId);
}

export function provinceOf(ctx: ServiceContext, requested: string | undefined): string {
  const own = ctx.actor.provinceId;
  if (readsAnyProvince(ctx)) {
    if (!requested) throw new AppError('validation.failed', { errors: [{ path: 'provinceId', message: ctx.lang === 'en' ? 'Name a province' : 'استان را مشخص کنید' }] });
    return requested;
  }
  if (!own) throw new AppError('record.not_found');
  return own;
}

/** `deadlines`: read the province's referral deadlines too (one more query, before the figures' own). */
export async function statsScope(ctx: ServiceContext, q: StatsQuery, opts: { deadlines?: boolean } = {}): Promise<StatsScope> {
  const today = tehranDate(ctx.now());
  const p = resolvePeriod(q, today);
  if (!p) {
    throw new AppError('validation.failed', {
      errors: [{ path: q.period ? 'period' : 'to', message: ctx.lang === 'en' ? 'Not a valid period' : 'بازهٔ زمانی معتبر نیست' }],
    });
  }
  const provinceId = provinceOf(ctx, q.provinceId);
  const deadlines = opts.deadlines ? await readDeadlines(ctx.db, provinceId) : null;
  return {
    filter: { provinceId, from: p.from, to: p.to, programCode: q.programCode, countyId: q.countyId },
    mc: { today, deadlines },
    period: { ...p, fiscalYear: fiscalYearOf(p.to) },
    today,
  };
}

/** Jalali (year, month) keys as yyyymm numbers covering a date range — for monthly bank reports. */
export function monthKeysOf(from: IsoDate, to: IsoDate, toJalali: (d: IsoDate) => { year: number; month: number }): { first: number; last: number } {
  const a = toJalali(from);
  const b = toJalali(to);
  return { first: a.year * 100 + a.month, last: b.year * 100 + b.month };
}

export function fiscalYearsOf(s: StatsScope): number[] {
  const a = fiscalYearOf(s.period.from);
  const b = fiscalYearOf(s.period.to);
  return Array.from({ length: b - a + 1 }, (_, i) => a + i);
}

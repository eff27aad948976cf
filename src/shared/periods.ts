/**
 * Reporting periods as people name them — a fiscal year «1405», a quarter «1405-Q3», a Jalali month «1405-07» —
 * turned into inclusive ISO date ranges (Asia/Tehran calendar days).
 */
import { fiscalYearOf, fiscalYearRange, jalaliMonthRange, jalaliQuarterRange, JALALI_MONTHS_EN, JALALI_MONTHS_FA, type IsoDate } from './jalali.js';
import { toAsciiDigits, toPersianDigits } from './text.js';

export interface Period {
  from: IsoDate;
  to: IsoDate;
  /** the period's name, canonical: '1405', '1405-Q3', '1405-07', or 'from..to' */
  key: string;
}

export function parsePeriod(input: string): Period | null {
  const s = toAsciiDigits(input.trim()).toUpperCase();
  let m = /^(1[34]\d\d)$/.exec(s);
  if (m) return { ...fiscalYearRange(Number(m[1])), key: m[1]! };
  m = /^(1[34]\d\d)-Q([1-4])$/.exec(s);
  if (m) return { ...jalaliQuarterRange(Number(m[1]), Number(m[2])), key: `${m[1]}-Q${m[2]}` };
  m = /^(1[34]\d\d)-(0?[1-9]|1[0-2])$/.exec(s);
  if (m) {
    const month = Number(m[2]);
    return { ...jalaliMonthRange(Number(m[1]), month), key: `${m[1]}-${String(month).padStart(2, '0')}` };
  }
  return null;
}

/** The range a stats request covers: an explicit from/to wins, then a named period, else the current fiscal year. */
export function resolvePeriod(opts: { period?: string | undefined; from?: string | undefined; to?: string | undefined }, today: IsoDate): Period | null {
  if (opts.from || opts.to) {
    const fy = fiscalYearRange(fiscalYearOf(today));
    const from = opts.from ?? '1900-01-01';
    const to = opts.to ?? fy.to;
    if (from > to) return null;
    return { from, to, key: `${from}..${to}` };
  }
  if (opts.period) return parsePeriod(opts.period);
  const year = fiscalYearOf(today);
  return { ...fiscalYearRange(year), key: String(year) };
}

export function periodLabel(key: string, lang: 'fa' | 'en'): string {
  const q = /^(\d{4})-Q(\d)$/.exec(key);
  const mo = /^(\d{4})-(\d{2})$/.exec(key);
  let text: string;
  if (/^\d{4}$/.test(key)) text = lang === 'fa' ? `سال ${key}` : `FY ${key}`;
  else if (q) text = lang === 'fa' ? `فصل ${q[2]} سال ${q[1]}` : `Q${q[2]} ${q[1]}`;
  else if (mo) {
    const month = Number(mo[2]) - 1;
    text = lang === 'fa' ? `${JALALI_MONTHS_FA[month]} ${mo[1]}` : `${JALALI_MONTHS_EN[month]} ${mo[1]}`;
  } else text = key;
  return lang === 'fa' ? toPersianDigits(text) : text;
}

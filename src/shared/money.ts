/**
 * Money is integer rials as `bigint` — never a float. JSON carries it as a
 * decimal string; reports show billion rials (میلیارد ریال), computed exactly.
 */
import { toAsciiDigits } from './text.js';

export type MoneyParseReason = 'empty' | 'invalid' | 'negative' | 'fraction';

const REASON_FA: Record<MoneyParseReason, string> = {
  empty: 'مبلغ وارد نشده است.',
  invalid: 'مبلغ باید عددی صحیح به ریال باشد.',
  negative: 'مبلغ نمی‌تواند منفی باشد.',
  fraction: 'مبلغ ریالی باید عدد صحیح باشد، بدون اعشار.',
};
const REASON_EN: Record<MoneyParseReason, string> = {
  empty: 'The amount is empty.',
  invalid: 'The amount must be a whole number of rials.',
  negative: 'The amount cannot be negative.',
  fraction: 'An amount in rials cannot have a fraction.',
};

/** Thrown by `parseRials`; `reason` says why, `messageFa` says it to the user. */
export class MoneyParseError extends Error {
  override readonly name = 'MoneyParseError';
  readonly reason: MoneyParseReason;
  readonly messageFa: string;
  readonly input: unknown;

  constructor(reason: MoneyParseReason, input: unknown) {
    super(`${REASON_EN[reason]} (${describe(input)})`);
    this.reason = reason;
    this.messageFa = REASON_FA[reason];
    this.input = input;
  }
}

function describe(input: unknown): string {
  return typeof input === 'string' ? JSON.stringify(input) : String(input);
}

/** The largest amount a PostgreSQL `bigint` column holds. */
export const MAX_RIALS = 9_223_372_036_854_775_807n;

// Thousands separators people type: , ٬ (U+066C) ، (Arabic comma) ' ’ and any space.
const SEPARATORS = /[,\u066C\u060C'\u2019\s]/g;
const MINUS = /^[-\u2212]/;
const INTEGER_WITH_SEPARATORS = /^\d(?:[\d,\u066C\u060C'\u2019\s]*\d)?$/;

/**
 * Parses an amount in rials. Strings may use Persian/Arabic digits,
 * thousands separators and surrounding spaces. Throws `MoneyParseError` for
 * an empty, negative, fractional or non-numeric input, for a JS number that
 * is not a safe integer (it has already lost precision), and for an amount
 * beyond PostgreSQL's bigint range.
 */
export function parseRials(input: string | number | bigint): bigint {
  if (typeof input === 'bigint') {
    if (input < 0n) throw new MoneyParseError('negative', input);
    if (input > MAX_RIALS) throw new MoneyParseError('invalid', input);
    return input;
  }
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) throw new MoneyParseError('invalid', input);
    if (!Number.isInteger(input)) throw new MoneyParseError(input < 0 ? 'negative' : 'fraction', input);
    if (input < 0) throw new MoneyParseError('negative', input);
    if (!Number.isSafeInteger(input)) throw new MoneyParseError('invalid', input);
    return BigInt(input);
  }
  if (typeof input !== 'string') throw new MoneyParseError('invalid', input);

  let s = toAsciiDigits(input).trim();
  if (s === '') throw new MoneyParseError('empty', input);
  const negative = MINUS.test(s);
  if (negative) s = s.slice(1).trimStart();
  const point = s.search(/[.\u066B]/); // '.' or the Persian decimal separator '٫'
  const intPart = point < 0 ? s : s.slice(0, point);
  const fraction = point < 0 ? undefined : s.slice(point + 1);
  // Separators only between digits: '1,000' and '1 000' yes; ',1000' and '1000,' no.
  if (!INTEGER_WITH_SEPARATORS.test(intPart) || (fraction !== undefined && !/^\d+$/.test(fraction))) {
    throw new MoneyParseError('invalid', input);
  }
  if (negative) throw new MoneyParseError('negative', input);
  if (fraction !== undefined) throw new MoneyParseError('fraction', input);
  const value = BigInt(intPart.replace(SEPARATORS, ''));
  if (value > MAX_RIALS) throw new MoneyParseError('invalid', input);
  return value;
}

/** `parseRials`, or null where it would throw a `MoneyParseError`. */
export function tryParseRials(input: string | number | bigint): bigint | null {
  try {
    return parseRials(input);
  } catch (e) {
    if (e instanceof MoneyParseError) return null;
    throw e;
  }
}

/** Rials for JSON: a plain decimal string ('6004450000000'). */
export function rialsToJson(v: bigint): string {
  return v.toString();
}

/** Rials from JSON: the inverse of `rialsToJson`; a strict decimal integer string. */
export function rialsFromJson(s: string): bigint {
  if (s === '') throw new MoneyParseError('empty', s);
  if (!/^-?(0|[1-9]\d*)$/.test(s)) throw new MoneyParseError('invalid', s);
  return BigInt(s);
}

type Locale = 'fa' | 'en';
const PERSIAN_DIGITS = '۰۱۲۳۴۵۶۷۸۹';
const SYMBOLS: Record<Locale, { group: string; decimal: string }> = {
  fa: { group: '\u066C', decimal: '\u066B' }, // ٬ and ٫
  en: { group: ',', decimal: '.' },
};

function localDigits(s: string, locale: Locale): string {
  return locale === 'fa' ? s.replace(/\d/g, (d) => PERSIAN_DIGITS[Number(d)] ?? d) : s;
}

function groupThousands(digits: string, separator: string): string {
  return digits.replace(/\B(?=(\d{3})+$)/g, separator);
}

/** Whole rials with grouped thousands: '۶٬۰۰۴٬۴۵۰' (fa) or '6,004,450' (en). */
export function formatRials(v: bigint, locale: Locale = 'fa'): string {
  const sign = v < 0n ? '-' : '';
  const abs = v < 0n ? -v : v;
  return sign + localDigits(groupThousands(abs.toString(), SYMBOLS[locale].group), locale);
}

const BILLION = 1_000_000_000n;

/**
 * An amount in billion rials, exactly: `whole` is the integer part (toward
 * zero) and `text` the exact decimal value in ASCII without grouping or
 * trailing zeros. 6_004_450_000_000n → { whole: 6004n, text: '6004.45' }.
 */
export function toBillionRials(v: bigint): { whole: bigint; text: string } {
  const abs = v < 0n ? -v : v;
  const whole = abs / BILLION;
  const frac = (abs % BILLION).toString().padStart(9, '0').replace(/0+$/, '');
  const sign = v < 0n ? '-' : '';
  return { whole: v < 0n ? -whole : whole, text: `${sign}${whole}${frac ? `.${frac}` : ''}` };
}

/**
 * An amount in billion rials for reports, rounded half up (away from zero
 * for a negative amount) to `fractionDigits`, always showing that many
 * digits: 6_004_450_000_000n → '۶٬۰۰۴٫۴۵' (fa), '6,004.45' (en).
 */
export function formatBillionRials(v: bigint, locale: Locale = 'fa', fractionDigits = 2): string {
  if (!Number.isInteger(fractionDigits) || fractionDigits < 0 || fractionDigits > 20) {
    throw new RangeError(`formatBillionRials: fractionDigits must be an integer 0–20, got ${fractionDigits}`);
  }
  const negative = v < 0n;
  const abs = negative ? -v : v;
  // Amount in units of 10^-fractionDigits billion, rounded half up.
  const scale = 10n ** BigInt(fractionDigits);
  const scaled = (abs * scale * 2n + BILLION) / (BILLION * 2n);
  const digits = scaled.toString().padStart(fractionDigits + 1, '0');
  const intPart = digits.slice(0, digits.length - fractionDigits);
  const fracPart = digits.slice(digits.length - fractionDigits);
  const { group, decimal } = SYMBOLS[locale];
  const text = groupThousands(intPart, group) + (fractionDigits > 0 ? decimal + fracPart : '');
  return (negative && scaled !== 0n ? '-' : '') + localDigits(text, locale);
}

const RATIO_SCALE = 2n ** 64n;

/**
 * numerator ÷ denominator as a number, or null when the denominator is 0.
 * Computed in bigint first — the integer part, then the remainder scaled by
 * 2^64 and rounded — so sums of rials far beyond 2^53 still give the ratio to
 * the last bit a double can hold.
 */
export function ratio(numerator: bigint, denominator: bigint): number | null {
  if (denominator === 0n) return null;
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const whole = n / d;
  const fraction = ((n % d) * RATIO_SCALE * 2n + d) / (d * 2n); // ≤ 2^64, rounded half up
  // Number(fraction) rounds once to 53 bits; dividing by a power of two is exact.
  const value = Number(whole) + Number(fraction) / Number(RATIO_SCALE);
  return negative && value !== 0 ? -value : value;
}

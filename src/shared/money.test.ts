import { describe, expect, it } from 'vitest';
import {
  formatBillionRials,
  formatRials,
  MAX_RIALS,
  MoneyParseError,
  parseRials,
  ratio,
  rialsFromJson,
  rialsToJson,
  toBillionRials,
  tryParseRials,
} from './money.js';

function reasonOf(input: string | number | bigint): string {
  try {
    parseRials(input);
  } catch (e) {
    if (e instanceof MoneyParseError) return e.reason;
    throw e;
  }
  return 'parsed';
}

describe('parseRials', () => {
  it('parses plain, Persian and Arabic digits', () => {
    for (const typed of ['1500000', '۱۵۰۰۰۰۰', '١٥٠٠٠٠٠']) expect(parseRials(typed), typed).toBe(1_500_000n);
    expect(parseRials('0')).toBe(0n);
  });
  it('accepts every thousands separator people type, and surrounding spaces', () => {
    for (const typed of ['6,004,450,000,000', '۶٬۰۰۴٬۴۵۰٬۰۰۰٬۰۰۰']) expect(parseRials(typed), typed).toBe(6_004_450_000_000n);
    for (const typed of ['۶،۰۰۴،۴۵۰', "6'004'450", '6 004 450', '6\u00A0004\u202F450']) expect(parseRials(typed), typed).toBe(6_004_450n);
    expect(parseRials('  ۱۲۳۴  ')).toBe(1234n);
  });
  it('keeps amounts beyond 2^53 exact when given as text', () => {
    expect(parseRials('90071992547409930')).toBe(90_071_992_547_409_930n);
    expect(parseRials(MAX_RIALS.toString())).toBe(MAX_RIALS);
  });
  it('accepts safe integer numbers and bigints', () => {
    expect(parseRials(2500)).toBe(2500n);
    expect(parseRials(Number.MAX_SAFE_INTEGER)).toBe(9_007_199_254_740_991n);
    expect(parseRials(123n)).toBe(123n);
  });
  it('rejects empty input', () => {
    expect(reasonOf('')).toBe('empty');
    expect(reasonOf('   ')).toBe('empty');
  });
  it('rejects negatives', () => {
    expect(reasonOf('-1000')).toBe('negative');
    expect(reasonOf('−1,000')).toBe('negative');
    expect(reasonOf(-5)).toBe('negative');
    expect(reasonOf(-1n)).toBe('negative');
  });
  it('rejects fractions', () => {
    expect(reasonOf('1000.5')).toBe('fraction');
    expect(reasonOf('۱۰۰۰٫۵')).toBe('fraction');
    expect(reasonOf('1,000.00')).toBe('fraction');
    expect(reasonOf(12.5)).toBe('fraction');
  });
  it('rejects non-digits and misplaced separators', () => {
    for (const bad of ['abc', '12a', '1e6', '+100', '0x10', ',100', '100,', '1.2.3', '1000.', '.5', '۱۲ میلیون', '--5']) {
      expect(reasonOf(bad), bad).toBe('invalid');
    }
  });
  it('rejects numbers that are not safe integers, and amounts beyond bigint', () => {
    expect(reasonOf(2 ** 53)).toBe('invalid');
    expect(reasonOf(1e21)).toBe('invalid');
    expect(reasonOf(Number.NaN)).toBe('invalid');
    expect(reasonOf(Number.POSITIVE_INFINITY)).toBe('invalid');
    expect(reasonOf((MAX_RIALS + 1n).toString())).toBe('invalid');
    expect(reasonOf(MAX_RIALS + 1n)).toBe('invalid');
  });
  it('throws an Error with a Persian message as well', () => {
    const err = (() => {
      try {
        parseRials('-5');
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(err).toBeInstanceOf(MoneyParseError);
    expect(err).toBeInstanceOf(Error);
    expect((err as MoneyParseError).name).toBe('MoneyParseError');
    expect((err as MoneyParseError).messageFa).toBe('مبلغ نمی‌تواند منفی باشد.');
  });
});

describe('tryParseRials', () => {
  it('returns the amount or null', () => {
    expect(tryParseRials('۲٬۰۰۰')).toBe(2000n);
    expect(tryParseRials('2.5')).toBeNull();
    expect(tryParseRials('')).toBeNull();
    expect(tryParseRials(-1)).toBeNull();
  });
});

describe('JSON', () => {
  it('round-trips as a decimal string', () => {
    expect(rialsToJson(6_004_450_000_000n)).toBe('6004450000000');
    expect(rialsToJson(0n)).toBe('0');
    expect(rialsFromJson('6004450000000')).toBe(6_004_450_000_000n);
    expect(rialsFromJson('-25')).toBe(-25n);
    const big = 123_456_789_012_345_678n;
    expect(rialsFromJson(rialsToJson(big))).toBe(big);
    expect(JSON.stringify({ amount: rialsToJson(big) })).toBe('{"amount":"123456789012345678"}');
  });
  it('rejects anything but a plain integer string', () => {
    for (const bad of ['', '1,000', '1.5', ' 12', '012', '۱۲', '1e3', 'abc']) {
      expect(() => rialsFromJson(bad), bad).toThrow(MoneyParseError);
    }
  });
});

describe('formatRials', () => {
  it('groups thousands in Persian by default', () => {
    expect(formatRials(6_004_450_000_000n)).toBe('۶٬۰۰۴٬۴۵۰٬۰۰۰٬۰۰۰');
    expect(formatRials(999n)).toBe('۹۹۹');
    expect(formatRials(1000n)).toBe('۱٬۰۰۰');
    expect(formatRials(0n)).toBe('۰');
  });
  it('groups thousands in English', () => {
    expect(formatRials(6_004_450_000_000n, 'en')).toBe('6,004,450,000,000');
    expect(formatRials(123_456n, 'en')).toBe('123,456');
    expect(formatRials(-1_234_567n, 'en')).toBe('-1,234,567');
  });
});

describe('billion rials', () => {
  it('toBillionRials gives the integer part and the exact value', () => {
    expect(toBillionRials(6_004_450_000_000n)).toEqual({ whole: 6004n, text: '6004.45' });
    expect(toBillionRials(5_000_000_000n)).toEqual({ whole: 5n, text: '5' });
    expect(toBillionRials(1n)).toEqual({ whole: 0n, text: '0.000000001' });
    expect(toBillionRials(-2_500_000_000n)).toEqual({ whole: -2n, text: '-2.5' });
  });
  it('formats with two decimals in Persian and English', () => {
    expect(formatBillionRials(6_004_450_000_000n)).toBe('۶٬۰۰۴٫۴۵');
    expect(formatBillionRials(6_004_450_000_000n, 'en')).toBe('6,004.45');
    expect(formatBillionRials(0n, 'en')).toBe('0.00');
    expect(formatBillionRials(7_000_000_000_000n, 'en')).toBe('7,000.00');
  });
  it('rounds half up, exactly', () => {
    expect(formatBillionRials(1_234_995_000_000n, 'en')).toBe('1,235.00');
    expect(formatBillionRials(1_234_994_999_999n, 'en')).toBe('1,234.99');
    expect(formatBillionRials(5_000_000n, 'en')).toBe('0.01'); // 0.005 billion
    expect(formatBillionRials(4_999_999n, 'en')).toBe('0.00');
    expect(formatBillionRials(-5_000_000n, 'en')).toBe('-0.01');
    expect(formatBillionRials(-4_999_999n, 'en')).toBe('0.00');
  });
  it('honours fractionDigits', () => {
    expect(formatBillionRials(6_004_450_000_000n, 'en', 0)).toBe('6,004');
    expect(formatBillionRials(6_004_500_000_000n, 'en', 0)).toBe('6,005');
    expect(formatBillionRials(6_004_450_000_000n, 'en', 1)).toBe('6,004.5');
    expect(formatBillionRials(1n, 'en', 9)).toBe('0.000000001');
    expect(formatBillionRials(1_500_000_000n, 'fa', 3)).toBe('۱٫۵۰۰');
    expect(() => formatBillionRials(1n, 'en', -1)).toThrow(RangeError);
    expect(() => formatBillionRials(1n, 'en', 1.5)).toThrow(RangeError);
  });
  it('stays exact for national totals far beyond 2^53 rials', () => {
    expect(formatBillionRials(123_456_789_012_345_678_901n, 'en')).toBe('123,456,789,012.35');
  });
});

describe('ratio', () => {
  it('is null for a zero denominator', () => {
    expect(ratio(5n, 0n)).toBeNull();
    expect(ratio(0n, 0n)).toBeNull();
  });
  it('divides exactly enough', () => {
    expect(ratio(1n, 2n)).toBe(0.5);
    expect(ratio(1n, 3n)).toBe(1 / 3);
    expect(ratio(2n, 3n)).toBe(2 / 3);
    expect(ratio(10n, 7n)).toBe(10 / 7);
    expect(ratio(0n, 7n)).toBe(0);
    expect(ratio(3n, 2n)).toBe(1.5);
    expect(ratio(-1n, 4n)).toBe(-0.25);
    expect(ratio(1n, -4n)).toBe(-0.25);
  });
  it('keeps precision where converting to numbers first would not', () => {
    const paid = 2n ** 53n + 1n; // not representable as a number
    const quota = 2n ** 53n + 3n;
    expect(Number(paid) / Number(quota)).toBe(1 - 2 ** -51); // the naive way is 2 ulps off
    expect(ratio(paid, quota)).toBe(1 - 2 ** -52); // the double nearest (2^53+1)/(2^53+3)
    expect(ratio(2n ** 60n + 1n, 2n ** 61n)).toBe(0.5);
    expect(ratio(3_002_225_000_000n, 6_004_450_000_000n)).toBe(0.5);
    expect(ratio(123_456_789_012_345_678_901n, 123_456_789_012_345_678_900n)).toBeCloseTo(1, 15);
  });
});

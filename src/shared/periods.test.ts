import { describe, expect, it } from 'vitest';
import { parsePeriod, periodLabel, resolvePeriod } from './periods.js';

describe('periods', () => {
  it('parses a fiscal year, a quarter and a month, in Persian or ASCII digits', () => {
    expect(parsePeriod('1405')).toEqual({ from: '2026-03-21', to: '2027-03-20', key: '1405' });
    expect(parsePeriod('۱۴۰۵-q3')).toEqual({ from: '2026-09-23', to: '2026-12-21', key: '1405-Q3' });
    expect(parsePeriod('1405-9')).toEqual({ from: '2026-11-22', to: '2026-12-21', key: '1405-09' });
    expect(parsePeriod('1403-12')?.to).toBe('2025-03-20'); // 1403 is leap: Esfand has 30 days
    expect(parsePeriod('2026')).toBeNull();
    expect(parsePeriod('1405-13')).toBeNull();
  });

  it('defaults to the current fiscal year and honours explicit ranges', () => {
    expect(resolvePeriod({}, '2026-11-29')?.key).toBe('1405');
    expect(resolvePeriod({ from: '2026-01-01', to: '2026-02-01' }, '2026-11-29')).toEqual({ from: '2026-01-01', to: '2026-02-01', key: '2026-01-01..2026-02-01' });
    expect(resolvePeriod({ from: '2026-02-01', to: '2026-01-01' }, '2026-11-29')).toBeNull();
  });

  it('labels periods in Persian and English', () => {
    expect(periodLabel('1405-Q3', 'fa')).toBe('فصل ۳ سال ۱۴۰۵');
    expect(periodLabel('1405-09', 'en')).toBe('Azar 1405');
  });
});

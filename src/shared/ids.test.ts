import { verifyIranianLegalId } from '@persian-tools/persian-tools';
import { describe, expect, it } from 'vitest';
import { isValidLegalId, isValidNationalCode, makeLegalId } from './ids.js';

// Legal ids whose check digit was worked out by hand:
// 1038028479 → digits + (9 + 2), weighted 29 27 23 19 17 29 27 23 19 17 → 3432 ≡ 0 (mod 11) → 0
// 1038028470 → digits + (0 + 2), weighted likewise → 1209 ≡ 10 (mod 11) → counts as 0
describe('isValidLegalId', () => {
  it('accepts valid 11-digit legal ids', () => {
    expect(isValidLegalId('10380284790')).toBe(true);
    expect(isValidLegalId('10380284700')).toBe(true);
    expect(isValidLegalId('14003654914')).toBe(true);
    expect(isValidLegalId('10100847356')).toBe(true);
  });
  it('accepts Persian and Arabic digits, spaces and dashes', () => {
    expect(isValidLegalId('۱۰۳۸۰۲۸۴۷۹۰')).toBe(true);
    expect(isValidLegalId('١٠٣٨٠٢٨٤٧٩٠')).toBe(true);
    expect(isValidLegalId(' 103-8028-4790 ')).toBe(true);
  });
  it('rejects a wrong check digit', () => {
    expect(isValidLegalId('10380284791')).toBe(false);
    expect(isValidLegalId('10380284701')).toBe(false); // remainder 10 must count as 0
    expect(isValidLegalId('14003654915')).toBe(false);
  });
  it('rejects the wrong length or non-digits', () => {
    expect(isValidLegalId('1038028479')).toBe(false);
    expect(isValidLegalId('103802847900')).toBe(false); // the library alone would accept this
    expect(isValidLegalId('1038028479x')).toBe(false);
    expect(isValidLegalId('')).toBe(false);
    expect(isValidLegalId('abcdefghijk')).toBe(false);
  });
  it('rejects an id whose serial (digits 4–9) is zero even with a matching check digit', () => {
    expect(isValidLegalId('10300000008')).toBe(false);
    expect(isValidLegalId('00000000000')).toBe(false);
  });
});

describe('makeLegalId', () => {
  it('appends the check digit', () => {
    expect(makeLegalId('1038028479')).toBe('10380284790');
    expect(makeLegalId('1038028470')).toBe('10380284700');
    expect(makeLegalId('۱۴۰۰۳۶۵۴۹۱')).toBe('14003654914');
  });
  it('rejects a prefix that is not 10 digits or has a zero serial', () => {
    expect(() => makeLegalId('123')).toThrow(RangeError);
    expect(() => makeLegalId('10380284790')).toThrow(RangeError);
    expect(() => makeLegalId('10a8028479')).toThrow(RangeError);
    expect(() => makeLegalId('1030000000')).toThrow(RangeError);
  });
  it('always produces ids that pass isValidLegalId, and only one check digit does', () => {
    let seed = 7;
    const digit = (): string => {
      seed = (seed * 48_271) % 2_147_483_647; // Park–Miller, exact in doubles
      return String(Math.floor((seed / 2_147_483_647) * 10));
    };
    for (let i = 0; i < 500; i++) {
      const base = Array.from({ length: 10 }, digit).join('');
      if (/^\d{3}0{6}/.test(base)) continue;
      const id = makeLegalId(base);
      expect(isValidLegalId(id), id).toBe(true);
      expect(verifyIranianLegalId(id), id).toBe(true); // agrees with @persian-tools
      for (let d = 0; d <= 9; d++) {
        const other = base + String(d);
        if (other !== id) expect(isValidLegalId(other), other).toBe(false);
      }
    }
  });
});

// National codes checked by hand: 049937089 → Σ digit × (10…2) = 266 ≡ 2 (mod 11) → 11 − 2 = 9
describe('isValidNationalCode', () => {
  it('accepts valid codes, with any digits and separators', () => {
    expect(isValidNationalCode('0499370899')).toBe(true);
    expect(isValidNationalCode('0790419904')).toBe(true);
    expect(isValidNationalCode('1234567891')).toBe(true); // remainder 1 → check digit 1
    expect(isValidNationalCode('0010304789')).toBe(true);
    expect(isValidNationalCode('۰۴۹۹۳۷۰۸۹۹')).toBe(true);
    expect(isValidNationalCode('049-937089-9')).toBe(true);
  });
  it('rejects a wrong check digit', () => {
    expect(isValidNationalCode('0499370898')).toBe(false);
    expect(isValidNationalCode('1234567890')).toBe(false);
  });
  it('rejects one digit repeated, even when its checksum matches', () => {
    expect(isValidNationalCode('1111111111')).toBe(false);
    expect(isValidNationalCode('0000000000')).toBe(false);
    expect(isValidNationalCode('۵۵۵۵۵۵۵۵۵۵')).toBe(false);
  });
  it('rejects the wrong length or non-digits', () => {
    expect(isValidNationalCode('499370899')).toBe(false);
    expect(isValidNationalCode('04993708990')).toBe(false);
    expect(isValidNationalCode('049937089x')).toBe(false);
    expect(isValidNationalCode('')).toBe(false);
  });
});

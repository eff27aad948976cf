import { verifyIranianLegalId } from '@persian-tools/persian-tools';
import { describe, expect, it } from 'vitest';
import { isValidLegalId, isValidNationalCode, makeLegalId } from './ids.js';

// Legal ids whose check digit was worked out by hand:
// 1038028479 → digits + (9 + 2), weighted 29 27 23 19 17 29 27 23 19 17 → 3432 ≡ 0 (mod 11) → 0
// 1038028470 → digits + (0 + 2), weighted likewise → 1209 ≡ 10 (mod 11) → counts as 0
describe('isValidLegalId', () => {
  it('accepts valid 11-digit legal ids', () => {
    for (const id of ['10380284790', '10380284700', '14003654914', '10100847356']) expect(isValidLegalId(id), id).toBe(true);
  });
  it('accepts Persian and Arabic digits, spaces and dashes', () => {
    for (const id of ['۱۰۳۸۰۲۸۴۷۹۰', '١٠٣٨٠٢٨٤٧٩٠', ' 103-8028-4790 ']) expect(isValidLegalId(id), id).toBe(true);
  });
  it('rejects a wrong check digit', () => {
    // 10380284701: remainder 10 must count as 0
    for (const id of ['10380284791', '10380284701', '14003654915']) expect(isValidLegalId(id), id).toBe(false);
  });
  it('rejects the wrong length or non-digits', () => {
    // 103802847900: the library alone would accept this
    for (const id of ['1038028479', '103802847900', '1038028479x', '', 'abcdefghijk']) expect(isValidLegalId(id), id).toBe(false);
  });
  it('rejects an id whose serial (digits 4–9) is zero even with a matching check digit', () => {
    for (const id of ['10300000008', '00000000000']) expect(isValidLegalId(id), id).toBe(false);
  });
});

describe('makeLegalId', () => {
  it('appends the check digit', () => {
    for (const [prefix, id] of [
      ['1038028479', '10380284790'],
      ['1038028470', '10380284700'],
      ['۱۴۰۰۳۶۵۴۹۱', '14003654914'],
    ] as const) {
      expect(makeLegalId(prefix), prefix).toBe(id);
    }
  });
  it('rejects a prefix that is not 10 digits or has a zero serial', () => {
    for (const prefix of ['123', '10380284790', '10a8028479', '1030000000']) expect(() => makeLegalId(prefix), prefix).toThrow(RangeError);
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
    // 1234567891: remainder 1 → check digit 1
    for (const code of ['0499370899', '0790419904', '1234567891', '0010304789', '۰۴۹۹۳۷۰۸۹۹', '049-937089-9']) expect(isValidNationalCode(code), code).toBe(true);
  });
  it('rejects a wrong check digit', () => {
    for (const code of ['0499370898', '1234567890']) expect(isValidNationalCode(code), code).toBe(false);
  });
  it('rejects one digit repeated, even when its checksum matches', () => {
    for (const code of ['1111111111', '0000000000', '۵۵۵۵۵۵۵۵۵۵']) expect(isValidNationalCode(code), code).toBe(false);
  });
  it('rejects the wrong length or non-digits', () => {
    for (const code of ['499370899', '04993708990', '049937089x', '']) expect(isValidNationalCode(code), code).toBe(false);
  });
});

/**
 * Iranian identifiers: the 11-digit national legal id of a company (شناسه ملی
 * اشخاص حقوقی) and the 10-digit national code of a person (کد ملی).
 * Both accept Persian/Arabic digits, spaces and dashes as people type them.
 */
import { verifyIranianLegalId, verifyIranianNationalId } from '@persian-tools/persian-tools';
import { normalizeCode } from './text.js';

const LEGAL_ID_WEIGHTS = [29, 27, 23, 19, 17] as const;

/**
 * The check digit of a legal id from its first ten digits: each digit plus
 * (the tenth digit + 2), weighted 29, 27, 23, 19, 17 in turn; the sum mod 11,
 * with 10 counting as 0.
 */
function legalIdCheckDigit(base10: string): number {
  const digits = Array.from(base10, Number);
  const offset = (digits[9] ?? 0) + 2;
  let sum = 0;
  digits.forEach((d, i) => {
    sum += (d + offset) * (LEGAL_ID_WEIGHTS[i % 5] ?? 0);
  });
  const r = sum % 11;
  return r === 10 ? 0 : r;
}

/**
 * True when `s` is a well-formed legal id: exactly 11 digits after
 * normalisation, a non-zero serial (digits 4–9) and a correct check digit.
 */
export function isValidLegalId(s: string): boolean {
  const code = normalizeCode(s);
  if (!/^\d{11}$/.test(code)) return false;
  // The library only checks length ≥ 11 and would read '123abc…' through parseInt,
  // so the shape is checked above and the checksum (and zero serial) here.
  return verifyIranianLegalId(code) === true;
}

/**
 * True when `s` is a personal national code: exactly 10 digits after
 * normalisation, not one digit repeated, a non-zero serial and a correct
 * check digit. The city prefix is not checked: new prefixes are issued.
 */
export function isValidNationalCode(s: string): boolean {
  const code = normalizeCode(s);
  if (!/^\d{10}$/.test(code)) return false;
  if (/^(\d)\1{9}$/.test(code)) return false;
  return verifyIranianNationalId(code, { checkPrefix: false });
}

/**
 * A valid legal id from a 10-digit prefix (for seed and test data).
 * Throws RangeError when the prefix is not 10 digits or no valid id can
 * start with it (its serial, digits 4–9, is all zeros).
 */
export function makeLegalId(base10: string): string {
  const base = normalizeCode(base10);
  if (!/^\d{10}$/.test(base)) throw new RangeError(`makeLegalId: expected 10 digits, got "${base10}"`);
  if (/^\d{3}0{6}/.test(base)) throw new RangeError(`makeLegalId: digits 4–9 must not all be zero ("${base10}")`);
  return base + String(legalIdCheckDigit(base));
}

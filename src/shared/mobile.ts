/**
 * Iranian mobile numbers. Accepted as people type them — `09121234567`, `+989121234567`, `989121234567`,
 * `00989121234567`, with Persian or Arabic-Indic digits, spaces or dashes — and stored one way: `09121234567`.
 * Anything else is not a mobile number (null).
 */
import { toAsciiDigits } from './text.js';

/** The stored form: 0, then 9, then nine digits. */
export const MOBILE_PATTERN = /^09\d{9}$/;

export function normalizeMobile(input: string | null | undefined): string | null {
  if (typeof input !== 'string') return null;
  const s = toAsciiDigits(input.trim()).replace(/[\s\u200c\-()]/g, '');
  const m = /^(?:\+98|0098|98|0)(9\d{9})$/.exec(s);
  return m ? `0${m[1]}` : null;
}

export function isMobile(input: string | null | undefined): boolean {
  return normalizeMobile(input) !== null;
}

/** `09121234567` → `989121234567`: the international form SMS centres address. */
export function internationalMobile(mobile: string): string {
  const n = normalizeMobile(mobile);
  if (!n) throw new Error(`not a mobile number: ${mobile}`);
  return `98${n.slice(1)}`;
}

/**
 * Persian text: digits, normalisation for storage, search keys and typed codes.
 *
 * Pure and isomorphic (server and browser). Real data arrives typed on Arabic
 * keyboards, pasted from Word with stray zero-width characters, and with the
 * half-spaces (ZWNJ) lost — «بهصورت» for «به‌صورت». Everything we store goes
 * through `normalizePersian`; everything we search on goes through `searchKey`.
 */
import { digitsArToEn, digitsArToFa, digitsEnToFa, digitsFaToEn } from '@persian-tools/persian-tools';

const ZWNJ = '\u200C';

/** Persian (۰-۹) and Arabic-Indic (٠-٩) digits → ASCII. Other characters are kept. */
export function toAsciiDigits(s: string): string {
  return digitsArToEn(digitsFaToEn(s));
}

/**
 * ASCII (and Arabic-Indic) digits → Persian digits. For a number the decimal
 * point becomes the Persian decimal separator '٫'; in a string a '.' is left
 * alone because it may be a full stop, a date or a version separator.
 */
export function toPersianDigits(s: string | number | bigint): string {
  if (typeof s === 'number') {
    return digitsEnToFa(String(s).replace(/(\d)\.(\d)/g, '$1\u066B$2'));
  }
  return digitsEnToFa(digitsArToFa(String(s)));
}

// Arabic presentation forms (ﻙ ﻱ ﻲ ﺓ ﻻ …) fold to their base letters under NFKC.
// NFKC is applied to these blocks only: elsewhere it would rewrite things a
// person meant (², ½, full-width text).
const PRESENTATION_FORMS = /[\uFB50-\uFDFF\uFE70-\uFEFE]/g;
// fathatan … sukun (U+064B–U+0652) and the superscript alef (U+0670); tatweel.
const DIACRITICS_AND_TATWEEL = /[\u064B-\u0652\u0670\u0640]/g;
// Zero-width characters people paste in place of a half-space.
const ZERO_WIDTH_RUN = /[\u200B\u200C\u200D\uFEFF\u00AD]+/g;
// A ZWNJ only means something between two letters (or a letter's marks).
const STRAY_ZWNJ = /(?<![\p{L}\p{M}])\u200C|\u200C(?![\p{L}\p{M}])/gu;
// Hamza-on-yeh ending a word is the Arabic spelling of what Persian writes
// with ی (مبادئ → مبادی); after ی (شیئ) it is a real hamza and is kept.
const FINAL_YEH_HAMZA = /(?<!\u06CC)\u0626(?![\p{L}\p{M}])/gu;

export interface NormalizeOptions {
  /** Keep line breaks (for multi-line fields such as descriptions); default false. */
  keepNewlines?: boolean;
}

/**
 * The form in which text is stored: Persian letters, no diacritics, one kind
 * of half-space used only inside words, single spaces, trimmed. Persian and
 * ASCII digits are kept as typed; Arabic-Indic digits become Persian.
 * Idempotent.
 */
export function normalizePersian(s: string, opts: NormalizeOptions = {}): string {
  let t = s
    .normalize('NFC')
    .replace(PRESENTATION_FORMS, (c) => c.normalize('NFKC'))
    .replace(/[\u064A\u0649]/g, '\u06CC') // ي ى → ی
    .replace(/\u0643/g, '\u06A9') // ك → ک
    .replace(/\u0629/g, '\u0647'); // ة → ه
  t = digitsArToFa(t)
    .replace(DIACRITICS_AND_TATWEEL, '')
    .replace(FINAL_YEH_HAMZA, '\u06CC')
    .replace(ZERO_WIDTH_RUN, ZWNJ)
    .replace(STRAY_ZWNJ, '');
  if (opts.keepNewlines) {
    t = t
      .replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n')
      .split('\n')
      .map((line) => line.replace(/\s+/g, ' ').trim())
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim();
  } else {
    t = t.replace(/\s+/g, ' ').trim();
  }
  // Removing a tatweel or a ZWNJ can bring a letter next to a mark it composes with.
  return t.normalize('NFC');
}

// Letters that people spell either way; folded only in the search key.
const SEARCH_FOLD: Readonly<Record<string, string>> = {
  '\u0622': '\u0627', // آ → ا
  '\u0623': '\u0627', // أ → ا
  '\u0625': '\u0627', // إ → ا
  '\u0671': '\u0627', // ٱ → ا
  '\u0624': '\u0648', // ؤ → و
  '\u0626': '\u06CC', // ئ → ی (پائیز = پاییز)
  '\u06C0': '\u0647', // ۀ → ه
  '\u06C2': '\u0647', // ۂ → ه
  '\u06D5': '\u0647', // ە → ه
};
const SEARCH_FOLD_RE = new RegExp(`[${Object.keys(SEARCH_FOLD).join('')}]`, 'g');

/**
 * The key text is stored and searched by: `normalizePersian`, then ASCII
 * digits, lower-case Latin, a few variant letters folded (آ/أ/إ → ا, ؤ → و,
 * ئ → ی, ۀ → ه), and everything that is not a letter or a digit removed —
 * spaces, half-spaces, marks, punctuation and symbols. So «به‌صورت»,
 * «به صورت» and «بهصورت» share one key. Idempotent.
 */
export function searchKey(s: string): string {
  return toAsciiDigits(normalizePersian(s))
    .toLowerCase()
    // Fold before decomposing: NFD would split ئ into Arabic ي + hamza.
    .replace(SEARCH_FOLD_RE, (c) => SEARCH_FOLD[c] ?? c)
    .normalize('NFD') // é → e + ◌́, so the mark can go
    .replace(/[^\p{L}\p{N}]/gu, '')
    .normalize('NFC');
}

/**
 * A code or id typed by a person (national id, licence no., tracking code):
 * ASCII digits, no spaces, dashes or zero-width characters anywhere.
 */
export function normalizeCode(s: string): string {
  return toAsciiDigits(s).replace(/[\s\u200B-\u200F\uFEFF\u00AD\u2060\u0640\-\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g, '');
}

/**
 * A left-to-right run (a tracking code such as D-1405-000123, a number with dashes) wrapped in Unicode isolates
 * (LRI … PDI), so inside Persian text — an SMS, a notification — it keeps its own order and does not pull the
 * punctuation around it out of place.
 */
export function isolateLtr(s: string): string {
  return `\u2066${s}\u2069`;
}

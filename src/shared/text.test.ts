import { describe, expect, it } from 'vitest';
import { isolateLtr, normalizeCode, normalizePersian, searchKey, toAsciiDigits, toPersianDigits } from './text.js';

const ZWNJ = '\u200C';

/** Each input, and what normalising it gives. */
function expectNormalised(cases: readonly (readonly [string, string])[]): void {
  for (const [input, normalised] of cases) expect(normalizePersian(input), JSON.stringify(input)).toBe(normalised);
}

/** Each input, and the search key it gives. */
function expectSearchKeys(cases: readonly (readonly [string, string])[]): void {
  for (const [input, key] of cases) expect(searchKey(input), JSON.stringify(input)).toBe(key);
}

describe('toAsciiDigits', () => {
  it('turns Persian and Arabic-Indic digits into ASCII', () => {
    expect(toAsciiDigits('۰۱۲۳۴۵۶۷۸۹')).toBe('0123456789');
    expect(toAsciiDigits('٠١٢٣٤٥٦٧٨٩')).toBe('0123456789');
    expect(toAsciiDigits('کد ۱۲٣-ab9')).toBe('کد 123-ab9');
  });
});

describe('toPersianDigits', () => {
  it('turns ASCII digits of strings, numbers and bigints into Persian', () => {
    expect(toPersianDigits('1403/07/15')).toBe('۱۴۰۳/۰۷/۱۵');
    expect(toPersianDigits(2024)).toBe('۲۰۲۴');
    expect(toPersianDigits(12345678901234567890n)).toBe('۱۲۳۴۵۶۷۸۹۰۱۲۳۴۵۶۷۸۹۰');
  });
  it('uses the Persian decimal separator for numbers only', () => {
    expect(toPersianDigits(12.5)).toBe('۱۲٫۵');
    expect(toPersianDigits(-0.25)).toBe('-۰٫۲۵');
    expect(toPersianDigits('12.5')).toBe('۱۲.۵');
    expect(toPersianDigits('v1.2 ok.')).toBe('v۱.۲ ok.');
  });
  it('also turns Arabic-Indic digits of a string into Persian', () => {
    expect(toPersianDigits('٤٥')).toBe('۴۵');
  });
});

describe('normalizePersian', () => {
  it('replaces Arabic yeh, alef maksura, kaf and teh marbuta', () => {
    expectNormalised([
      ['علي', 'علی'],
      ['موسى', 'موسی'],
      ['كارخانه', 'کارخانه'],
      ['مدرسة', 'مدرسه'],
    ]);
  });
  it('folds Arabic presentation forms', () => {
    expectNormalised([
      ['\uFEDB\uFE8E\uFEAE', 'کار'], // ﻛﺎﺮ
      ['\uFEF3\uFEAA', 'ید'], // ﻳﺪ
    ]);
  });
  it('turns a word-final hamza-on-yeh into ی but keeps it inside a word and after ی', () => {
    expectNormalised([
      ['مبادئ', 'مبادی'],
      ['مسئول', 'مسئول'],
      ['شیئ', 'شیئ'],
    ]);
  });
  it('turns Arabic-Indic digits into Persian and keeps Persian and ASCII digits', () => {
    expectNormalised([
      ['سال ١٤٠٣', 'سال ۱۴۰۳'],
      ['سال ۱۴۰۳ و 2024', 'سال ۱۴۰۳ و 2024'],
    ]);
  });
  it('removes diacritics and tatweel', () => {
    expectNormalised([
      ['مُحَمَّد', 'محمد'],
      ['كتاباً', 'کتابا'],
      ['رحمٰن', 'رحمن'],
      ['مْ', 'م'],
      ['تـــولید', 'تولید'],
      ['ٌٍُِ', ''],
    ]);
  });
  it('keeps hamza above and madda, which are letters in Persian', () => {
    expectNormalised([
      ['خانهٔ ما', 'خانهٔ ما'],
      ['آب', 'آب'],
      ['ا\u0653ب', 'آب'], // composed
    ]);
  });
  it('unifies zero-width characters into one ZWNJ inside a word', () => {
    expectNormalised([
      [`به${ZWNJ}صورت`, `به${ZWNJ}صورت`],
      [`به${ZWNJ}${ZWNJ}صورت`, `به${ZWNJ}صورت`],
      ['می\u200Bشود', `می${ZWNJ}شود`],
      ['می\u200Dشود', `می${ZWNJ}شود`],
      ['می\uFEFFشود', `می${ZWNJ}شود`],
      ['می\u00ADشود', `می${ZWNJ}شود`],
      ['می\u200B\u200C\u200Dشود', `می${ZWNJ}شود`],
    ]);
  });
  it('drops a ZWNJ next to a space, punctuation or the string edges', () => {
    expectNormalised([
      [`کتاب${ZWNJ} ها`, 'کتاب ها'],
      [`کتاب ${ZWNJ}ها`, 'کتاب ها'],
      [`کتاب ${ZWNJ} ها`, 'کتاب ها'],
      [`${ZWNJ}کتاب${ZWNJ}`, 'کتاب'],
      [`کتاب${ZWNJ}.`, 'کتاب.'],
      [`\uFEFFمتن`, 'متن'], // a byte-order mark at the start
    ]);
  });
  it('keeps a ZWNJ between letters when a tatweel or diacritic sat next to it', () => {
    expectNormalised([
      [`میـ${ZWNJ}شود`, `می${ZWNJ}شود`],
      [`مِ${ZWNJ}شود`, `م${ZWNJ}شود`],
    ]);
  });
  it('collapses every kind of whitespace and trims', () => {
    expectNormalised([
      ['  واحد \u00A0 تولیدی\t\n\u202Fقم\u2009 ', 'واحد تولیدی قم'],
      ['\u3000a\u2003b\r\n', 'a b'],
      ['', ''],
      [' \u200C ', ''],
    ]);
  });
  it('keeps line breaks (single blank lines at most) when asked', () => {
    expect(normalizePersian('  خط  اول \r\n\r\n\r\n  خط دوم  ', { keepNewlines: true })).toBe('خط اول\n\nخط دوم');
    expect(normalizePersian('خط اول\nخط دوم')).toBe('خط اول خط دوم');
  });
  it('normalises a realistic pasted title', () => {
    expect(normalizePersian(' مشكل  تأمين\u200B مواد اوليه  براي  كارخانة ')).toBe('مشکل تأمین مواد اولیه برای کارخانه');
  });
});

describe('searchKey', () => {
  it('gives one key for a word with a ZWNJ, a space, nothing, or Arabic letters', () => {
    const key = searchKey('بهصورت');
    expect(key).toBe('بهصورت');
    for (const spelling of [`به${ZWNJ}صورت`, 'به صورت', 'به\u200Bصورت', ' بِه  صورتْ ']) expect(searchKey(spelling), spelling).toBe(key);
    expect(searchKey('مي‌شود')).toBe(searchKey('میشود'));
  });
  it('matches Arabic and Persian kaf and yeh', () => {
    expect(searchKey('كارخانه')).toBe(searchKey('کارخانه'));
    expectSearchKeys([
      ['كارخانة', 'کارخانه'],
      ['علي', 'علی'],
    ]);
  });
  it('uses ASCII digits and lower-case Latin', () => {
    for (const digits of ['۱۲۳', '١٢٣']) expect(searchKey(digits), digits).toBe('123');
    expect(searchKey('ABC-12 Co.')).toBe('abc12co');
  });
  it('removes Persian and Latin punctuation', () => {
    expect(searchKey('«شرکت»، (سهامی) خاص؛ قم/ایران: "تولید" \'ب\' _ـ\\؟!')).toBe('شرکتسهامیخاصقمایرانتولیدب');
  });
  it('folds spelling variants of alef, waw, yeh with hamza and heh with hamza', () => {
    expect(searchKey('پائیز')).toBe(searchKey('پاییز'));
    expect(searchKey('آب')).toBe(searchKey('اب'));
    expectSearchKeys([
      ['مسؤول', 'مسوول'],
      ['خانهٔ', 'خانه'],
      ['خانۀ', 'خانه'],
      ['Café', 'cafe'],
    ]);
  });
  it('is idempotent on examples', () => {
    for (const s of ['بهصورت', 'كارخانة ۱۲۳', 'پائیز', 'İstanbul', 'ﻛﺎﺮ']) {
      expect(searchKey(searchKey(s))).toBe(searchKey(s));
    }
  });
});

describe('normalizeCode', () => {
  it('makes digits ASCII and removes spaces, dashes and half-spaces', () => {
    expect(normalizeCode(' ۱۰۳-۸۰۲ ۸۴۷٩۰ ')).toBe('10380284790');
    expect(normalizeCode(`12${ZWNJ}34\u200B5`)).toBe('12345');
    expect(normalizeCode('AB–12—3−4')).toBe('AB1234');
    expect(normalizeCode('\u200F0499370899\u200E')).toBe('0499370899');
  });
});

// A small seeded generator, so a failure is reproducible.
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALPHABET = [
  ...'ابپتسیکهویکآأإئؤۀةيكى',
  ...'۰۱٢3',
  ' ', '\u00A0', '\u202F', '\t', '\n',
  '\u200B', '\u200C', '\u200D', '\uFEFF', '\u00AD',
  '\u064B', '\u064E', '\u0650', '\u0651', '\u0652', '\u0653', '\u0654', '\u0670', '\u0640',
  '\uFEDB', '\uFEF3', '\uFE8A', '\uFEFB',
  '.', '،', '-', '«', '»', 'A', 'b', 'É',
];

describe('idempotence (seeded random strings)', () => {
  const next = rng(1403);
  const samples = Array.from({ length: 3000 }, () =>
    Array.from({ length: 1 + Math.floor(next() * 12) }, () => ALPHABET[Math.floor(next() * ALPHABET.length)] ?? '').join(''),
  );
  it('normalizePersian(normalizePersian(x)) = normalizePersian(x)', () => {
    for (const s of samples) {
      const once = normalizePersian(s);
      expect(normalizePersian(once), JSON.stringify(s)).toBe(once);
      const lines = normalizePersian(s, { keepNewlines: true });
      expect(normalizePersian(lines, { keepNewlines: true }), JSON.stringify(s)).toBe(lines);
    }
  });
  it('searchKey(searchKey(x)) = searchKey(x) and searchKey(normalizePersian(x)) = searchKey(x)', () => {
    for (const s of samples) {
      const key = searchKey(s);
      expect(searchKey(key), JSON.stringify(s)).toBe(key);
      expect(searchKey(normalizePersian(s)), JSON.stringify(s)).toBe(key);
    }
  });
  it('normalizePersian leaves no stray ZWNJ and no double space', () => {
    for (const s of samples) {
      const out = normalizePersian(s);
      expect(out, JSON.stringify(s)).not.toMatch(/(^|[^\p{L}\p{M}])\u200C|\u200C([^\p{L}\p{M}]|$)|\s\s|^\s|\s$|[\u200B\u200D\uFEFF\u00AD]/u);
    }
  });
});

describe('isolateLtr', () => {
  it('wraps a code in left-to-right isolates that normalising for search removes', () => {
    expect(isolateLtr('D-1405-000123')).toBe('\u2066D-1405-000123\u2069');
    expect(searchKey(`مطالبهٔ ${isolateLtr('D-1405-000123')}`)).toBe(searchKey('مطالبهٔ D-1405-000123'));
  });
});

import { describe, expect, it } from 'vitest';
import { isolateLtr, normalizeCode, normalizePersian, searchKey, toAsciiDigits, toPersianDigits } from './text.js';

const ZWNJ = '\u200C';

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
    expect(normalizePersian('علي')).toBe('علی');
    expect(normalizePersian('موسى')).toBe('موسی');
    expect(normalizePersian('كارخانه')).toBe('کارخانه');
    expect(normalizePersian('مدرسة')).toBe('مدرسه');
  });
  it('folds Arabic presentation forms', () => {
    expect(normalizePersian('\uFEDB\uFE8E\uFEAE')).toBe('کار'); // ﻛﺎﺮ
    expect(normalizePersian('\uFEF3\uFEAA')).toBe('ید'); // ﻳﺪ
  });
  it('turns a word-final hamza-on-yeh into ی but keeps it inside a word and after ی', () => {
    expect(normalizePersian('مبادئ')).toBe('مبادی');
    expect(normalizePersian('مسئول')).toBe('مسئول');
    expect(normalizePersian('شیئ')).toBe('شیئ');
  });
  it('turns Arabic-Indic digits into Persian and keeps Persian and ASCII digits', () => {
    expect(normalizePersian('سال ١٤٠٣')).toBe('سال ۱۴۰۳');
    expect(normalizePersian('سال ۱۴۰۳ و 2024')).toBe('سال ۱۴۰۳ و 2024');
  });
  it('removes diacritics and tatweel', () => {
    expect(normalizePersian('مُحَمَّد')).toBe('محمد');
    expect(normalizePersian('كتاباً')).toBe('کتابا');
    expect(normalizePersian('رحمٰن')).toBe('رحمن');
    expect(normalizePersian('مْ')).toBe('م');
    expect(normalizePersian('تـــولید')).toBe('تولید');
    expect(normalizePersian('ٌٍُِ')).toBe('');
  });
  it('keeps hamza above and madda, which are letters in Persian', () => {
    expect(normalizePersian('خانهٔ ما')).toBe('خانهٔ ما');
    expect(normalizePersian('آب')).toBe('آب');
    expect(normalizePersian('ا\u0653ب')).toBe('آب'); // composed
  });
  it('unifies zero-width characters into one ZWNJ inside a word', () => {
    expect(normalizePersian(`به${ZWNJ}صورت`)).toBe(`به${ZWNJ}صورت`);
    expect(normalizePersian(`به${ZWNJ}${ZWNJ}صورت`)).toBe(`به${ZWNJ}صورت`);
    expect(normalizePersian('می\u200Bشود')).toBe(`می${ZWNJ}شود`);
    expect(normalizePersian('می\u200Dشود')).toBe(`می${ZWNJ}شود`);
    expect(normalizePersian('می\uFEFFشود')).toBe(`می${ZWNJ}شود`);
    expect(normalizePersian('می\u00ADشود')).toBe(`می${ZWNJ}شود`);
    expect(normalizePersian('می\u200B\u200C\u200Dشود')).toBe(`می${ZWNJ}شود`);
  });
  it('drops a ZWNJ next to a space, punctuation or the string edges', () => {
    expect(normalizePersian(`کتاب${ZWNJ} ها`)).toBe('کتاب ها');
    expect(normalizePersian(`کتاب ${ZWNJ}ها`)).toBe('کتاب ها');
    expect(normalizePersian(`کتاب ${ZWNJ} ها`)).toBe('کتاب ها');
    expect(normalizePersian(`${ZWNJ}کتاب${ZWNJ}`)).toBe('کتاب');
    expect(normalizePersian(`کتاب${ZWNJ}.`)).toBe('کتاب.');
    expect(normalizePersian(`\uFEFFمتن`)).toBe('متن'); // a byte-order mark at the start
  });
  it('keeps a ZWNJ between letters when a tatweel or diacritic sat next to it', () => {
    expect(normalizePersian(`میـ${ZWNJ}شود`)).toBe(`می${ZWNJ}شود`);
    expect(normalizePersian(`مِ${ZWNJ}شود`)).toBe(`م${ZWNJ}شود`);
  });
  it('collapses every kind of whitespace and trims', () => {
    expect(normalizePersian('  واحد \u00A0 تولیدی\t\n\u202Fقم\u2009 ')).toBe('واحد تولیدی قم');
    expect(normalizePersian('\u3000a\u2003b\r\n')).toBe('a b');
    expect(normalizePersian('')).toBe('');
    expect(normalizePersian(' \u200C ')).toBe('');
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
    expect(searchKey(`به${ZWNJ}صورت`)).toBe(key);
    expect(searchKey('به صورت')).toBe(key);
    expect(searchKey('به\u200Bصورت')).toBe(key);
    expect(searchKey(' بِه  صورتْ ')).toBe(key);
    expect(searchKey('مي‌شود')).toBe(searchKey('میشود'));
  });
  it('matches Arabic and Persian kaf and yeh', () => {
    expect(searchKey('كارخانه')).toBe(searchKey('کارخانه'));
    expect(searchKey('كارخانة')).toBe('کارخانه');
    expect(searchKey('علي')).toBe('علی');
  });
  it('uses ASCII digits and lower-case Latin', () => {
    expect(searchKey('۱۲۳')).toBe('123');
    expect(searchKey('١٢٣')).toBe('123');
    expect(searchKey('ABC-12 Co.')).toBe('abc12co');
  });
  it('removes Persian and Latin punctuation', () => {
    expect(searchKey('«شرکت»، (سهامی) خاص؛ قم/ایران: "تولید" \'ب\' _ـ\\؟!')).toBe('شرکتسهامیخاصقمایرانتولیدب');
  });
  it('folds spelling variants of alef, waw, yeh with hamza and heh with hamza', () => {
    expect(searchKey('پائیز')).toBe(searchKey('پاییز'));
    expect(searchKey('آب')).toBe(searchKey('اب'));
    expect(searchKey('مسؤول')).toBe('مسوول');
    expect(searchKey('خانهٔ')).toBe('خانه');
    expect(searchKey('خانۀ')).toBe('خانه');
    expect(searchKey('Café')).toBe('cafe');
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

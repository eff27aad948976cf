import { useCallback, useMemo, useSyncExternalStore } from 'react';
import { statusLabel, type StatusKind } from '../../shared/labels.js';
import { ROLE_LABELS, type Role } from '../../shared/roles.js';
import { toPersianDigits } from '../../shared/text.js';

/**
 * Every string a user reads goes through this dictionary: Persian first,
 * English beside it. Keys are flat so a missing English entry is a type error.
 * `{name}` placeholders are filled by `t`; numbers given as parameters are
 * printed with the current language's digits.
 */
const fa = {
  'app.name': 'سامانه تسهیل و رفع موانع تولید',
  'app.shortName': 'سامانه تسهیل',
  'app.org': 'ستاد تسهیل و رفع موانع تولید استان',

  'nav.main': 'منوی اصلی',
  'nav.home': 'پیشخوان',
  'nav.units': 'واحدهای صنعتی',
  'nav.users': 'کاربران',
  'nav.toggle': 'باز و بسته کردن منو',

  'header.logout': 'خروج',
  'header.language': 'زبان',
  'header.today': 'امروز',

  'language.fa': 'فارسی',
  'language.en': 'English',

  'common.loading': 'در حال بارگذاری…',
  'common.retry': 'تلاش دوباره',
  'common.errorTitle': 'دریافت اطلاعات ممکن نشد',
  'common.notFound': 'صفحه‌ای با این نشانی وجود ندارد.',
  'common.backHome': 'بازگشت به پیشخوان',
  'common.search': 'جستجو',
  'common.rangeOfTotal': '{from} تا {to} از {total}',

  'error.network': 'ارتباط با سرور برقرار نشد. اتصال شبکه را بررسی کنید.',
  'error.unexpected': 'پاسخ نامنتظره از سرور (کد {status})',

  'login.title': 'ورود به سامانه',
  'login.subtitle': 'برای ادامه، نام کاربری و گذرواژهٔ خود را وارد کنید.',
  'login.username': 'نام کاربری',
  'login.password': 'گذرواژه',
  'login.submit': 'ورود',
  'login.togglePassword': 'نمایش یا پنهان کردن گذرواژه',
  'login.required': 'این فیلد را پر کنید.',
  'login.failed': 'ورود ناموفق بود',
  'login.demoTitle': 'حساب‌های نمایشی',
  'login.demoHint': 'این نسخه برای نمایش است. با انتخاب هر حساب، فرم ورود پر می‌شود.',
  'login.demoFill': 'پر کردن فرم با حساب {role}',
  'login.footer': 'استفاده از این سامانه تنها برای کاربران مجاز است.',
  'login.version': 'نسخهٔ {version}',

  'home.title': 'پیشخوان',
  'home.greeting': '{name}، خوش آمدید.',
  'home.units': 'واحدهای صنعتی',
  'home.unitsHint': 'واحدهای در دسترس شما',
  'home.users': 'کاربران سامانه',
  'home.usersHint': 'حساب‌های تعریف‌شده',
  'home.agencies': 'دستگاه‌های اجرایی',
  'home.agenciesHint': 'دستگاه‌های مسئول پیگیری',
  'home.banks': 'بانک‌های عامل',
  'home.banksHint': 'بانک‌های پرداخت‌کنندهٔ تسهیلات',
  'home.unitsByStatus': 'وضعیت واحدهای صنعتی',
  'home.unitsByStatusEmpty': 'واحدی در دامنهٔ دسترسی شما نیست.',
  'home.fiscalYear': 'سال مالی {year}',
  'home.daysLeft': 'روز تا پایان سال مالی',
  'home.yearElapsed': '{percent}٪ از سال گذشته است',
  'home.openUnits': 'فهرست واحدها',
  'home.share': '{percent}٪',

  'units.title': 'واحدهای صنعتی',
  'units.subtitle': 'فهرست واحدهای صنعتی در دامنهٔ دسترسی شما',
  'units.searchPlaceholder': 'جستجو با نام واحد یا شناسهٔ ملی',
  'units.total': '{total} واحد',
  'units.col.name': 'نام واحد',
  'units.col.nationalId': 'شناسهٔ ملی',
  'units.col.county': 'شهرستان',
  'units.col.status': 'وضعیت',
  'units.col.employees': 'کارکنان',
  'units.empty': 'واحدی با این مشخصات پیدا نشد.',
  'units.emptyAll': 'هنوز واحدی ثبت نشده است.',

  'users.title': 'کاربران',
  'users.subtitle': 'حساب‌های کاربری سامانه و نقش هر یک',
  'users.total': '{total} کاربر',
  'users.col.username': 'نام کاربری',
  'users.col.fullName': 'نام و نام خانوادگی',
  'users.col.role': 'نقش',
  'users.col.status': 'وضعیت',
  'users.enabled': 'فعال',
  'users.disabled': 'غیرفعال',
  'users.empty': 'کاربری تعریف نشده است.',

} as const;

export type MessageKey = keyof typeof fa;

const en: Record<MessageKey, string> = {
  'app.name': 'Tashil — Production Facilitation System',
  'app.shortName': 'Tashil',
  'app.org': 'Provincial HQ for Facilitating and Removing Production Obstacles',

  'nav.main': 'Main menu',
  'nav.home': 'Dashboard',
  'nav.units': 'Industrial units',
  'nav.users': 'Users',
  'nav.toggle': 'Toggle menu',

  'header.logout': 'Sign out',
  'header.language': 'Language',
  'header.today': 'Today',

  'language.fa': 'فارسی',
  'language.en': 'English',

  'common.loading': 'Loading…',
  'common.retry': 'Try again',
  'common.errorTitle': 'Could not load the data',
  'common.notFound': 'There is no page at this address.',
  'common.backHome': 'Back to the dashboard',
  'common.search': 'Search',
  'common.rangeOfTotal': '{from}–{to} of {total}',

  'error.network': 'Could not reach the server. Check the network connection.',
  'error.unexpected': 'Unexpected answer from the server (status {status})',

  'login.title': 'Sign in',
  'login.subtitle': 'Enter your username and password to continue.',
  'login.username': 'Username',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.togglePassword': 'Show or hide the password',
  'login.required': 'Please fill in this field.',
  'login.failed': 'Sign-in failed',
  'login.demoTitle': 'Demo accounts',
  'login.demoHint': 'This is a demo installation. Pick an account to fill in the form.',
  'login.demoFill': 'Fill in the form with the {role} account',
  'login.footer': 'For authorised users only.',
  'login.version': 'Version {version}',

  'home.title': 'Dashboard',
  'home.greeting': 'Welcome, {name}.',
  'home.units': 'Industrial units',
  'home.unitsHint': 'Units within your scope',
  'home.users': 'Users',
  'home.usersHint': 'Accounts defined',
  'home.agencies': 'Executive agencies',
  'home.agenciesHint': 'Agencies that follow up demands',
  'home.banks': 'Agent banks',
  'home.banksHint': 'Banks paying the facilities',
  'home.unitsByStatus': 'Industrial units by status',
  'home.unitsByStatusEmpty': 'No unit is within your scope.',
  'home.fiscalYear': 'Fiscal year {year}',
  'home.daysLeft': 'days left in the fiscal year',
  'home.yearElapsed': '{percent}% of the year gone',
  'home.openUnits': 'Open the unit list',
  'home.share': '{percent}%',

  'units.title': 'Industrial units',
  'units.subtitle': 'Industrial units within your scope',
  'units.searchPlaceholder': 'Search by unit name or national id',
  'units.total': '{total} units',
  'units.col.name': 'Unit',
  'units.col.nationalId': 'National id',
  'units.col.county': 'County',
  'units.col.status': 'Status',
  'units.col.employees': 'Staff',
  'units.empty': 'No unit matches this search.',
  'units.emptyAll': 'No unit has been registered yet.',

  'users.title': 'Users',
  'users.subtitle': 'User accounts and their roles',
  'users.total': '{total} users',
  'users.col.username': 'Username',
  'users.col.fullName': 'Full name',
  'users.col.role': 'Role',
  'users.col.status': 'Status',
  'users.enabled': 'Active',
  'users.disabled': 'Disabled',
  'users.empty': 'No user is defined.',

};

export type Language = 'fa' | 'en';
export type Direction = 'rtl' | 'ltr';
export type MessageParams = Record<string, string | number>;

const dictionaries: Record<Language, Record<MessageKey, string>> = { fa, en };
const STORAGE_KEY = 'tashil.language';

function readStoredLanguage(): Language {
  try {
    return window.localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'fa';
  } catch {
    // Storage can be blocked (private mode, policy): Persian is the default.
    return 'fa';
  }
}

let current: Language = typeof window === 'undefined' ? 'fa' : readStoredLanguage();
const listeners = new Set<() => void>();

export function directionOf(language: Language): Direction {
  return language === 'fa' ? 'rtl' : 'ltr';
}

/** The language outside React (the API client's Accept-Language). */
export function getLanguage(): Language {
  return current;
}

/** Sets <html lang/dir> to match; called at start-up and on every switch. */
export function applyLanguageToDocument(language: Language): void {
  const root = document.documentElement;
  root.setAttribute('lang', language);
  root.setAttribute('dir', directionOf(language));
  document.title = dictionaries[language]['app.name'];
}

export function setLanguage(language: Language): void {
  if (language === current) return;
  current = language;
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Not persisted; the switch still applies to this tab.
  }
  applyLanguageToDocument(language);
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Digits of the language: Persian (۰–۹) in fa, Latin in en. */
export function localizeDigits(value: string | number, language: Language): string {
  const text = String(value);
  return language === 'fa' ? toPersianDigits(text) : text;
}

/** An integer or decimal with grouping, in the language's digits and separators. */
export function formatNumber(value: number, language: Language, maximumFractionDigits = 0): string {
  return new Intl.NumberFormat(language === 'fa' ? 'fa-IR' : 'en-US', {
    maximumFractionDigits,
    numberingSystem: language === 'fa' ? 'arabext' : 'latn',
  }).format(value);
}

export function translate(language: Language, key: MessageKey, params?: MessageParams): string {
  const template = dictionaries[language][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    // Isolated, so a Persian name inside an English sentence (or the reverse)
    // keeps its own direction and does not drag the punctuation around it.
    return typeof value === 'number' ? formatNumber(value, language) : `\u2068${value}\u2069`;
  });
}

export interface I18n {
  language: Language;
  dir: Direction;
  t: (key: MessageKey, params?: MessageParams) => string;
  /** A count or amount with grouping in the current digits. */
  n: (value: number) => string;
  /** Any string (an id, a code) with its digits in the current digits. */
  digits: (value: string | number) => string;
  /** A role's name as people read it. */
  roleLabel: (role: Role) => string;
  /** A workflow status as people read it (`status('unit', 'semi_active')`). */
  status: (kind: StatusKind, code: string) => string;
  setLanguage: (language: Language) => void;
}

export function roleLabel(role: Role, language: Language): string {
  // The server may know a role this build does not: show its code then.
  const labels = (ROLE_LABELS as Partial<Record<string, { fa: string; en: string }>>)[role];
  return labels ? labels[language] : role;
}

export function useLanguage(): Language {
  return useSyncExternalStore(subscribe, getLanguage, () => 'fa' as const);
}

export function useI18n(): I18n {
  const language = useLanguage();
  const t = useCallback((key: MessageKey, params?: MessageParams) => translate(language, key, params), [language]);
  const n = useCallback((value: number) => formatNumber(value, language), [language]);
  const digits = useCallback((value: string | number) => localizeDigits(value, language), [language]);
  const role = useCallback((value: Role) => roleLabel(value, language), [language]);
  const status = useCallback((kind: StatusKind, code: string) => statusLabel(kind, code, language), [language]);
  return useMemo(
    () => ({ language, dir: directionOf(language), t, n, digits, roleLabel: role, status, setLanguage }),
    [language, t, n, digits, role, status],
  );
}

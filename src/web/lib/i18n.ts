import { useCallback, useMemo, useSyncExternalStore } from 'react';
import { statusLabel, type StatusKind } from '../../shared/labels.js';
import { ROLE_LABELS, type Role } from '../../shared/roles.js';
import { toPersianDigits } from '../../shared/text.js';
import { en as commonEn, fa as commonFa } from './messages/common.js';
import { en as accountEn, fa as accountFa } from '../features/account/messages.js';
import { en as adminEn, fa as adminFa } from '../features/admin/messages.js';
import { en as authEn, fa as authFa } from '../features/auth/messages.js';
import { en as bankEn, fa as bankFa } from '../features/bank/messages.js';
import { en as demandsEn, fa as demandsFa } from '../features/demands/messages.js';
import { en as fieldEn, fa as fieldFa } from '../features/field/messages.js';
import { en as homeEn, fa as homeFa } from '../features/home/messages.js';
import { en as notificationsEn, fa as notificationsFa } from '../features/notifications/messages.js';
import { en as producersEn, fa as producersFa } from '../features/producers/messages.js';
import { en as referralsEn, fa as referralsFa } from '../features/referrals/messages.js';
import { en as resolutionsEn, fa as resolutionsFa } from '../features/resolutions/messages.js';
import { en as sessionsEn, fa as sessionsFa } from '../features/sessions/messages.js';
import { en as smsEn, fa as smsFa } from '../features/sms/messages.js';
import { en as statsEn, fa as statsFa } from '../features/stats/messages.js';
import { en as unitsEn, fa as unitsFa } from '../features/units/messages.js';
import { en as visitsEn, fa as visitsFa } from '../features/visits/messages.js';
import { en as loansEn, fa as loansFa } from '../features/loan-applications/messages.js';

/**
 * Every string a user reads goes through this dictionary: Persian first,
 * English beside it. Each feature keeps its own in `features/<feature>/messages.ts`
 * (`fa` as const, `en: Record<keyof typeof fa, string>`), shared ones live in
 * `lib/messages/common.ts`; they are merged here. Keys are flat so a missing
 * English entry is a type error.
 * `{name}` placeholders are filled by `t`; numbers given as parameters are
 * printed with the current language's digits.
 */
const fa = {
  ...commonFa,
  ...accountFa,
  ...adminFa,
  ...authFa,
  ...bankFa,
  ...demandsFa,
  ...fieldFa,
  ...homeFa,
  ...notificationsFa,
  ...producersFa,
  ...referralsFa,
  ...resolutionsFa,
  ...sessionsFa,
  ...smsFa,
  ...statsFa,
  ...unitsFa,
  ...visitsFa,
  ...loansFa,
} as const;

export type MessageKey = keyof typeof fa;

const en: Record<MessageKey, string> = {
  ...commonEn,
  ...accountEn,
  ...adminEn,
  ...authEn,
  ...bankEn,
  ...demandsEn,
  ...fieldEn,
  ...homeEn,
  ...notificationsEn,
  ...producersEn,
  ...referralsEn,
  ...resolutionsEn,
  ...sessionsEn,
  ...smsEn,
  ...statsEn,
  ...unitsEn,
  ...visitsEn,
  ...loansEn,
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

import { useCallback, useMemo, useSyncExternalStore } from 'react';
import { statusLabel, type StatusKind } from '../../shared/labels.js';
import { ROLE_LABELS, type Role } from '../../shared/roles.js';
import { toPersianDigits } from '../../shared/text.js';
import * as common from './messages/common.js';

/**
 * Every string a user reads goes through this dictionary: Persian first,
 * English beside it. Each feature keeps its own in `features/<feature>/messages.ts`
 * (`fa` as const, `en: Record<keyof typeof fa, string>`), shared ones live in
 * `lib/messages/common.ts`. Keys are flat so a missing English entry is a type error.
 * `{name}` placeholders are filled by `t`; numbers given as parameters are
 * printed with the current language's digits.
 *
 * The messages travel like the code (issue 15, a lighter first load). The frame's — `lib/messages/common.ts`, the
 * navigation's labels included — are in the main bundle; each feature's arrive with the pages that show them:
 * `lazyPage` (app/lazy-page.ts) names them, and lib/message-bundles.test.ts checks that each page names every
 * feature whose keys it uses, and that the frame uses only common keys.
 */
const FEATURE_MESSAGES = {
  account: () => import('../features/account/messages.js'),
  admin: () => import('../features/admin/messages.js'),
  auth: () => import('../features/auth/messages.js'),
  bank: () => import('../features/bank/messages.js'),
  demands: () => import('../features/demands/messages.js'),
  field: () => import('../features/field/messages.js'),
  home: () => import('../features/home/messages.js'),
  'loan-applications': () => import('../features/loan-applications/messages.js'),
  notifications: () => import('../features/notifications/messages.js'),
  producers: () => import('../features/producers/messages.js'),
  referrals: () => import('../features/referrals/messages.js'),
  resolutions: () => import('../features/resolutions/messages.js'),
  sessions: () => import('../features/sessions/messages.js'),
  sms: () => import('../features/sms/messages.js'),
  stats: () => import('../features/stats/messages.js'),
  units: () => import('../features/units/messages.js'),
  visits: () => import('../features/visits/messages.js'),
};

/** A feature with messages (its folder's name). */
export type MessageBundle = keyof typeof FEATURE_MESSAGES;
type FeatureKeys = { [B in MessageBundle]: keyof Awaited<ReturnType<(typeof FEATURE_MESSAGES)[B]>>['fa'] }[MessageBundle];

/** Every key of every feature, loaded or not: `t` takes only these. */
export type MessageKey = keyof typeof common.fa | FeatureKeys;

const fa: Partial<Record<MessageKey, string>> = { ...common.fa };
const en: Partial<Record<MessageKey, string>> = { ...common.en };
const loaded = new Map<MessageBundle, Promise<void>>();
let messagesVersion = 0;

/** Fetches the named features' messages (once each) and adds them to the dictionary. */
export function loadMessages(bundles: readonly MessageBundle[]): Promise<void> {
  return Promise.all(
    bundles.map((bundle) => {
      let loading = loaded.get(bundle);
      if (!loading) {
        loading = FEATURE_MESSAGES[bundle]().then(
          (messages) => {
            Object.assign(fa, messages.fa);
            Object.assign(en, messages.en);
            messagesVersion += 1;
            for (const listener of listeners) listener();
          },
          (error: unknown) => {
            loaded.delete(bundle); // a failed fetch is tried again by the next page that needs it
            throw error;
          },
        );
        loaded.set(bundle, loading);
      }
      return loading;
    }),
  ).then(() => undefined);
}

/** Every feature's messages: for tests, which render components without their routes. */
export function loadAllMessages(): Promise<void> {
  return loadMessages(Object.keys(FEATURE_MESSAGES) as MessageBundle[]);
}

export type Language = 'fa' | 'en';
export type Direction = 'rtl' | 'ltr';
export type MessageParams = Record<string, string | number>;

const dictionaries: Record<Language, Partial<Record<MessageKey, string>>> = { fa, en };
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
  document.title = translate(language, 'app.name');
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

// Making a number format costs far more than using one (the dashboard drew hundreds of figures, each with a new one).
const numberFormats = new Map<string, Intl.NumberFormat>();

/** An integer or decimal with grouping, in the language's digits and separators. */
export function formatNumber(value: number, language: Language, maximumFractionDigits = 0): string {
  const key = `${language}:${maximumFractionDigits}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(language === 'fa' ? 'fa-IR' : 'en-US', { maximumFractionDigits, numberingSystem: language === 'fa' ? 'arabext' : 'latn' });
    numberFormats.set(key, format);
  }
  return format.format(value);
}

export function translate(language: Language, key: MessageKey, params?: MessageParams): string {
  // A key whose feature's messages have not arrived shows as itself rather than breaking the page.
  const template = dictionaries[language][key] ?? key;
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

/** Changes when a feature's messages arrive, so what was drawn before them is drawn again. */
function useMessagesVersion(): number {
  return useSyncExternalStore(subscribe, () => messagesVersion, () => messagesVersion);
}

export function useI18n(): I18n {
  const language = useLanguage();
  const version = useMessagesVersion();
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `version` is read through the dictionary
  const t = useCallback((key: MessageKey, params?: MessageParams) => translate(language, key, params), [language, version]);
  const n = useCallback((value: number) => formatNumber(value, language), [language]);
  const digits = useCallback((value: string | number) => localizeDigits(value, language), [language]);
  const role = useCallback((value: Role) => roleLabel(value, language), [language]);
  const status = useCallback((kind: StatusKind, code: string) => statusLabel(kind, code, language), [language]);
  return useMemo(
    () => ({ language, dir: directionOf(language), t, n, digits, roleLabel: role, status, setLanguage }),
    [language, t, n, digits, role, status],
  );
}

/** Settings from the environment, read once at start. */
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { parseSmsUrl, type SmsTarget } from './modules/sms/sms.url.js';

export interface Config {
  port: number;
  host: string;
  /** Real PostgreSQL when set; otherwise the embedded PGlite in `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  demo: boolean;
  version: string;
  /** Idle and absolute lifetime of a web session, in minutes. */
  sessionIdleMinutes: number;
  sessionMaxMinutes: number;
  /** Failed logins allowed per account / per address in the window before 429. */
  loginMaxFailuresPerAccount: number;
  loginMaxFailuresPerAddress: number;
  loginWindowMinutes: number;
  /** Mark the session cookie Secure (set behind HTTPS). */
  secureCookies: boolean;
  logLevel: string;
  webDir: string;
  /** SMTP server for e-mailed notifications (smtp://user:pass@host:port); unset: the log */
  smtpUrl: string | undefined;
  smtpFrom: string;
  /** Where text messages go (TASHIL_SMS_URL, read and checked at start): the log, an SMPP centre or Kavenegar */
  sms: SmsTarget;
}

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

export const packageVersion: string = (
  JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }
).version;

function int(value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n)) throw new Error(`expected an integer, got "${value}"`);
  return n;
}

function flag(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  return !['0', 'false', 'no', 'off'].includes(value.toLowerCase());
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const databaseUrl = env.DATABASE_URL || undefined;
  return {
    port: int(env.PORT, 3000),
    host: env.HOST || 'localhost',
    databaseUrl,
    dataDir: path.resolve(env.TASHIL_DATA_DIR || path.join(process.cwd(), 'data')),
    // Demo data is the default on the embedded database only; on PostgreSQL it is asked for with `tashil seed --demo`.
    demo: flag(env.TASHIL_DEMO, databaseUrl === undefined),
    version: packageVersion,
    sessionIdleMinutes: int(env.TASHIL_SESSION_IDLE_MINUTES, 240),
    sessionMaxMinutes: int(env.TASHIL_SESSION_MAX_MINUTES, 720),
    loginMaxFailuresPerAccount: int(env.TASHIL_LOGIN_MAX_FAILURES, 5),
    loginMaxFailuresPerAddress: int(env.TASHIL_LOGIN_MAX_FAILURES_PER_ADDRESS, 100),
    loginWindowMinutes: int(env.TASHIL_LOGIN_WINDOW_MINUTES, 15),
    secureCookies: flag(env.TASHIL_SECURE_COOKIES, false),
    logLevel: env.LOG_LEVEL || 'info',
    webDir: path.join(root, 'dist', 'web'),
    smtpUrl: env.TASHIL_SMTP_URL || undefined,
    smtpFrom: env.TASHIL_SMTP_FROM || 'tashil@localhost',
    sms: parseSmsUrl(env.TASHIL_SMS_URL),
    ...overrides,
  };
}

export const projectRoot = root;

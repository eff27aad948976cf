/** Settings from the environment, read once at start. */
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { ROLES, type Role } from '../shared/roles.js';
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
  /** A streaming replica of DATABASE_URL: statistics, drill-downs and exports read there (primary when it is down). */
  databaseReplicaUrl: string | undefined;
  /** PostgreSQL connections each pool of this process may open (the primary's, and the replica's). */
  dbPoolMax: number;
  /** Past this lag behind the primary, answers read on the replica say `asOf` its last replayed commit. */
  replicaMaxLagSeconds: number;
  /**
   * Statistics are kept as computed (per province, figure and filters) until a change in their province, or this many
   * seconds at most; 0 computes every request afresh.
   */
  statsSnapshotSeconds: number;
  /** how long a province's statistics snapshots still answer after a change in it (0: not at all) */
  statsHoldSeconds: number;
  /** Migrations run with this role when set (it owns the tables); the server then serves as DATABASE_URL. */
  databaseMigrationUrl: string | undefined;
  /** TASHIL_DEMO was set explicitly (needed to serve demo accounts beyond this machine). */
  demoExplicit: boolean;
  /**
   * Login throttling (see README «Login throttling»): failures allowed for one account from one address, for one
   * account from addresses it never logged in from, and from one address across accounts, before growing delays
   * (`loginBaseDelaySeconds`, doubling, at most `loginMaxDelayMinutes`). Counters are forgotten after
   * `loginWindowMinutes` without a failure.
   */
  loginMaxFailures: number;
  loginMaxFailuresPerAccount: number;
  loginMaxFailuresPerAddress: number;
  loginWindowMinutes: number;
  loginBaseDelaySeconds: number;
  loginMaxDelayMinutes: number;
  /** Roles that must use a second factor (TOTP); none by default while demo mode is on. */
  mfaRoles: Role[];
  /** Send Strict-Transport-Security (set behind HTTPS). */
  hsts: boolean;
  /** Origins besides the server's own that may send cookie mutations (comma-separated URLs). */
  allowedOrigins: string[];
  /** Mark the session cookie Secure (set behind HTTPS). */
  secureCookies: boolean;
  logLevel: string;
  webDir: string;
  /** SMTP server for e-mailed notifications (smtp://user:pass@host:port); unset: the log */
  smtpUrl: string | undefined;
  smtpFrom: string;
  /** Behind a reverse proxy (TASHIL_TRUST_PROXY=1): the client's address comes from X-Forwarded-For. */
  trustProxy: boolean;
  /** Where text messages go (TASHIL_SMS_URL, read and checked at start): the log, an SMPP centre or Kavenegar */
  sms: SmsTarget;
  /** The address people open Tashil at (TASHIL_PUBLIC_URL, e.g. https://tashil.example.ir): links in digests. */
  publicUrl?: string | undefined;
  /** A bearer token that lets a scraper beyond this machine read /metrics (TASHIL_METRICS_TOKEN); loopback needs none. */
  metricsToken?: string | undefined;
  /** The secret one-time codes are hashed with (TASHIL_OTP_PEPPER); without it one is made and kept in the database. */
  otpPepper?: string | undefined;
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

function roles(value: string | undefined, fallback: Role[]): Role[] {
  if (value === undefined) return fallback;
  const list = value.split(',').map((r) => r.trim()).filter((r) => r && r !== 'none');
  const unknown = list.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (unknown.length) throw new Error(`TASHIL_MFA_ROLES: unknown role(s) ${unknown.join(', ')}`);
  return list as Role[];
}

export const DEFAULT_MFA_ROLES: Role[] = ['admin', 'secretariat', 'national', 'bank'];

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const databaseUrl = env.DATABASE_URL || undefined;
  // Demo data is the default on the embedded database only; on PostgreSQL it is asked for with `tashil seed --demo`.
  const demo = overrides.demo ?? flag(env.TASHIL_DEMO, databaseUrl === undefined);
  return {
    port: int(env.PORT, 3000),
    host: env.HOST || 'localhost',
    databaseUrl,
    dataDir: path.resolve(env.TASHIL_DATA_DIR || path.join(process.cwd(), 'data')),
    databaseMigrationUrl: env.DATABASE_MIGRATION_URL || undefined,
    databaseReplicaUrl: env.DATABASE_REPLICA_URL || undefined,
    replicaMaxLagSeconds: int(env.TASHIL_REPLICA_MAX_LAG_SECONDS, 5),
    statsSnapshotSeconds: int(env.TASHIL_STATS_SNAPSHOT_SECONDS, 60),
    statsHoldSeconds: int(env.TASHIL_STATS_HOLD_SECONDS, 0),
    dbPoolMax: int(env.TASHIL_DB_POOL_MAX, 10),
    demo,
    demoExplicit: flag(env.TASHIL_DEMO, false),
    version: packageVersion,
    sessionIdleMinutes: int(env.TASHIL_SESSION_IDLE_MINUTES, 240),
    sessionMaxMinutes: int(env.TASHIL_SESSION_MAX_MINUTES, 720),
    loginMaxFailures: int(env.TASHIL_LOGIN_MAX_FAILURES, 5),
    loginMaxFailuresPerAccount: int(env.TASHIL_LOGIN_MAX_FAILURES_PER_ACCOUNT, 20),
    loginMaxFailuresPerAddress: int(env.TASHIL_LOGIN_MAX_FAILURES_PER_ADDRESS, 100),
    loginWindowMinutes: int(env.TASHIL_LOGIN_WINDOW_MINUTES, 15),
    loginBaseDelaySeconds: int(env.TASHIL_LOGIN_BASE_DELAY_SECONDS, 60),
    loginMaxDelayMinutes: int(env.TASHIL_LOGIN_MAX_DELAY_MINUTES, 60),
    mfaRoles: roles(env.TASHIL_MFA_ROLES, demo ? [] : DEFAULT_MFA_ROLES),
    hsts: flag(env.TASHIL_HSTS, false),
    allowedOrigins: (env.TASHIL_ALLOWED_ORIGINS ?? '').split(',').map((o) => o.trim().replace(/\/+$/, '')).filter(Boolean),
    secureCookies: flag(env.TASHIL_SECURE_COOKIES, false),
    logLevel: env.LOG_LEVEL || 'info',
    webDir: path.join(root, 'dist', 'web'),
    smtpUrl: env.TASHIL_SMTP_URL || undefined,
    smtpFrom: env.TASHIL_SMTP_FROM || 'tashil@localhost',
    trustProxy: env.TASHIL_TRUST_PROXY === '1',
    sms: parseSmsUrl(env.TASHIL_SMS_URL),
    otpPepper: env.TASHIL_OTP_PEPPER || undefined,
    metricsToken: env.TASHIL_METRICS_TOKEN || undefined,
    publicUrl: env.TASHIL_PUBLIC_URL ? new URL(env.TASHIL_PUBLIC_URL).toString().replace(/\/+$/, '') : undefined,
    ...overrides,
  };
}

/** localhost, 127.0.0.0/8 or ::1: only this machine can reach the server. */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

export const projectRoot = root;

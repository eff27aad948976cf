/**
 * Login, sessions, second factors and integration tokens. Sessions live in the database (revocable, shared by
 * every server instance); the cookie carries a random token whose SHA-256 is stored.
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { generateSecret, generateURI, verifySync } from 'otplib';
import type { Db } from '../../db/client.js';
import type { Config } from '../../config.js';
import type { Actor, ServiceContext } from '../../context.js';
import { AppError } from '../../../shared/errors.js';
import type { Role } from '../../../shared/roles.js';
import { recordAudit } from '../audit/audit.service.js';
import * as repo from './auth.repo.js';
import { dummyPasswordHash, hashPassword, verifyPassword } from './passwords.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../seed/demo-accounts.js';

export const SESSION_COOKIE = 'tashil_session';
export const MFA_ISSUER = 'Tashil';
const RECOVERY_CODES = 10;
/** An address the account signed in from stays "known" this long. */
const KNOWN_ADDRESS_DAYS = 90;

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function newSecret(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}

/** Who a user is and where they work, as the actor and the users' contract both carry it. */
export function userIdentityOf(u: Pick<repo.UserRow, 'username' | 'fullName' | 'role' | 'provinceId' | 'agencyId' | 'bankId' | 'unitId'>) {
  return { username: u.username, fullName: u.fullName, role: u.role as Role, provinceId: u.provinceId, agencyId: u.agencyId, bankId: u.bankId, unitId: u.unitId };
}

export function actorOfUser(u: repo.UserRow, sessionId?: string): Actor {
  return {
    kind: 'user',
    id: u.id,
    ...userIdentityOf(u),
    mfaEnrolled: u.mfaSecret !== null,
    mustChangePassword: u.mustChangePassword,
    ...(sessionId ? { sessionId } : {}),
  };
}

/** Whether the role must use a second factor and the account has none yet. */
export function mfaEnrolmentRequired(config: Config, a: Actor): boolean {
  return a.kind === 'user' && config.mfaRoles.includes(a.role) && !a.mfaEnrolled;
}

/** What the account must do before anything else, if anything: change its password, then enrol a second factor. */
export function accountGate(config: Config, a: Actor): 'auth.password_change_required' | 'auth.mfa_enrolment_required' | null {
  if (a.kind !== 'user') return null;
  if (a.mustChangePassword) return 'auth.password_change_required';
  if (mfaEnrolmentRequired(config, a)) return 'auth.mfa_enrolment_required';
  return null;
}

export function meOf(config: Config, a: Actor) {
  return {
    id: a.id,
    username: a.username,
    fullName: a.fullName,
    role: a.role,
    provinceId: a.provinceId,
    agencyId: a.agencyId,
    bankId: a.bankId,
    unitId: a.unitId,
    mfaEnrolled: a.mfaEnrolled ?? false,
    mfaEnrolmentRequired: mfaEnrolmentRequired(config, a),
    mustChangePassword: a.mustChangePassword ?? false,
  };
}

export function usernameKey(username: string): string {
  return username.trim().toLowerCase();
}

// ── Login throttling ────────────────────────────────────────────────────
interface Reservation {
  key: string;
  limits: repo.ThrottleLimits;
}

function limitsOf(config: Config, max: number): repo.ThrottleLimits {
  return { max, baseDelaySeconds: config.loginBaseDelaySeconds, maxDelaySeconds: config.loginMaxDelayMinutes * 60, windowSeconds: config.loginWindowMinutes * 60 };
}

/**
 * Reserves this attempt on every counter that applies, atomically per counter and before any password is checked:
 * the account from this address (always), and — unless the account has signed in from this address before — the
 * account from anywhere and the address across accounts. A counter in its delay refuses with 429 and Retry-After.
 * So an attacker elsewhere slows the account down for unknown addresses only, and its owner still signs in from
 * their usual address; an address full of failures delays only accounts that never signed in from it.
 */
async function reserveLoginAttempt(db: Db, config: Config, key: string, ip: string, now: Date): Promise<Reservation[]> {
  const known = await repo.isRemembered(db, `known:${key}|${ip}`, new Date(now.getTime() - KNOWN_ADDRESS_DAYS * 86_400_000));
  const wanted: Reservation[] = [{ key: `acct-ip:${key}|${ip}`, limits: limitsOf(config, config.loginMaxFailures) }];
  if (!known) {
    wanted.push({ key: `acct:${key}`, limits: limitsOf(config, config.loginMaxFailuresPerAccount) });
    wanted.push({ key: `ip:${ip}`, limits: limitsOf(config, config.loginMaxFailuresPerAddress) });
  }
  const held: Reservation[] = [];
  for (const r of wanted) {
    const n = await repo.reserveAttempt(db, r.key, now, r.limits);
    if (n === null) {
      for (const h of held) await repo.releaseAttempt(db, h.key, h.limits.max);
      const retryAfter = Math.max(1, await repo.secondsBlocked(db, r.key, now));
      throw new AppError('auth.rate_limited', { retryAfter });
    }
    held.push(r);
  }
  return held;
}

async function releaseAll(db: Db, held: Reservation[]): Promise<void> {
  for (const h of held) await repo.releaseAttempt(db, h.key, h.limits.max);
}

// ── Second factor ───────────────────────────────────────────────────────
/** The TOTP step a 6-digit code belongs to (±1 step of clock drift), or null. */
function totpStep(secret: string, code: string, now: Date): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const epoch = Math.floor(now.getTime() / 1000);
  const result = verifySync({ secret, token: code, epoch, epochTolerance: 30 });
  return result.valid ? Math.floor(epoch / 30) + result.delta : null;
}

function recoveryHash(code: string): string {
  return sha256(code.toUpperCase().replace(/[^A-Z0-9]/g, ''));
}

function newRecoveryCode(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  let s = '';
  for (let i = 0; i < 10; i++) s += alphabet[randomInt(alphabet.length)];
  return `${s.slice(0, 5)}-${s.slice(5)}`;
}

/** A TOTP code (once per time step) or an unused recovery code (once); true when it is accepted. */
async function acceptSecondFactor(db: Db, user: repo.UserRow, secret: string, code: string, now: Date): Promise<boolean> {
  const trimmed = code.trim().replace(/[۰-۹]/g, (d) => String('۰۱۲۳۴۵۶۷۸۹'.indexOf(d)));
  const step = totpStep(secret, trimmed, now);
  if (step !== null) return repo.claimTotpStep(db, user.id, step);
  if (/^\d{6}$/.test(trimmed)) return false;
  return repo.consumeRecoveryHash(db, user.id, recoveryHash(trimmed));
}

// ── Login ───────────────────────────────────────────────────────────────
interface LoginInput {
  username: string;
  password: string;
  otp?: string | undefined;
  ip: string;
  userAgent: string | undefined;
  now: Date;
}

export async function login(db: Db, config: Config, input: LoginInput): Promise<{ actor: Actor; token: string }> {
  const key = usernameKey(input.username);
  const held = await reserveLoginAttempt(db, config, key, input.ip, input.now);

  const user = await repo.findUserByUsername(db, key);
  const ok = user ? await verifyPassword(user.passwordHash, input.password) : await verifyPassword(await dummyPasswordHash(), input.password).then(() => false);
  if (!user || !ok || user.disabled) throw new AppError('auth.invalid_credentials');

  if (user.mfaSecret) {
    if (!input.otp) {
      // The password was right: asking for the second step is not a failure.
      await releaseAll(db, held);
      throw new AppError('auth.mfa_required');
    }
    if (!(await acceptSecondFactor(db, user, user.mfaSecret, input.otp, input.now))) throw new AppError('auth.mfa_invalid');
  }

  await repo.clearKeys(db, [`acct-ip:${key}|${input.ip}`, `acct:${key}`]);
  await releaseAll(db, held.filter((h) => h.key.startsWith('ip:')));
  await repo.rememberAddress(db, `known:${key}|${input.ip}`, input.now);
  return startSession(db, config, user, input);
}

/** A new session for a user whose identity is proven (password and factor, or a one-time code). */
async function startSession(db: Db, config: Config, user: repo.UserRow, input: { ip: string; userAgent: string | undefined; now: Date }): Promise<{ actor: Actor; token: string }> {
  await repo.updateUserFields(db, user.id, { lastLoginAt: input.now });
  const token = newSecret();
  const session = await repo.insertSession(db, {
    tokenHash: sha256(token),
    userId: user.id,
    createdAt: input.now,
    lastSeenAt: input.now,
    expiresAt: new Date(input.now.getTime() + config.sessionMaxMinutes * 60_000),
    ip: input.ip,
    userAgent: input.userAgent?.slice(0, 300) ?? null,
  });
  return { actor: actorOfUser(user, session.id), token };
}

/** Starts a session for a user just created and proven by other means (a producer's registration by SMS code). */
export async function startSessionFor(db: Db, config: Config, userId: string, input: { ip: string; userAgent: string | undefined; now: Date }): Promise<{ actor: Actor; token: string }> {
  const user = await repo.findUserById(db, userId);
  if (!user || user.disabled) throw new AppError('auth.required');
  return startSession(db, config, user, input);
}

/**
 * Sign-in by a proof other than a password (a producer's SMS code): the same throttling as a password login, keyed
 * by `key` (e.g. `mobile:09121234567`), then `verify` names the user the proof belongs to, or null (a failure).
 */
export async function loginWithProof(
  db: Db,
  config: Config,
  input: { key: string; ip: string; userAgent: string | undefined; now: Date },
  verify: () => Promise<string | null>,
  failure: 'auth.invalid_credentials' | 'auth.otp_invalid' = 'auth.invalid_credentials',
): Promise<{ actor: Actor; token: string }> {
  const key = input.key.toLowerCase();
  const held = await reserveLoginAttempt(db, config, key, input.ip, input.now);
  const userId = await verify();
  const user = userId ? await repo.findUserById(db, userId) : undefined;
  if (!user || user.disabled) throw new AppError(failure);
  await repo.clearKeys(db, [`acct-ip:${key}|${input.ip}`, `acct:${key}`]);
  await releaseAll(db, held.filter((h) => h.key.startsWith('ip:')));
  await repo.rememberAddress(db, `known:${key}|${input.ip}`, input.now);
  return startSession(db, config, user, input);
}

/** A password hash nobody knows: for accounts that sign in another way (producers, by SMS code). */
export function unusablePasswordHash(): Promise<string> {
  return hashPassword(newSecret());
}

/** The actor behind a session cookie, or null when it is unknown, idle too long, expired, or the user is disabled. */
export async function authenticateSession(db: Db, config: Config, token: string, now: Date): Promise<Actor | null> {
  const row = await repo.findSessionActor(db, sha256(token));
  if (!row) return null;
  const lastSeen = row.lastSeenAt.getTime();
  const idleLimit = lastSeen + config.sessionIdleMinutes * 60_000;
  if (row.disabled || now.getTime() >= row.expiresAt.getTime() || now.getTime() >= idleLimit) {
    await repo.deleteSession(db, row.sessionId);
    return null;
  }
  // Touch at most once a minute, so reads do not turn into writes.
  if (now.getTime() - lastSeen > 60_000) await repo.touchSession(db, row.sessionId, now);
  return {
    kind: 'user',
    id: row.id,
    username: row.username,
    fullName: row.fullName,
    role: row.role as Role,
    provinceId: row.provinceId,
    agencyId: row.agencyId,
    bankId: row.bankId,
    unitId: row.unitId,
    sessionId: row.sessionId,
    mfaEnrolled: row.mfaEnrolled,
    mustChangePassword: row.mustChangePassword,
  };
}

export async function endSession(db: Db, sessionId: string): Promise<void> {
  await repo.deleteSession(db, sessionId);
}

export async function endUserSessions(db: Db, userId: string): Promise<void> {
  await repo.deleteUserSessions(db, userId);
}

export async function authenticateBearer(db: Db, token: string, now: Date): Promise<Actor | null> {
  const t = await repo.findLiveToken(db, sha256(token));
  if (!t) return null;
  if (!t.lastUsedAt || now.getTime() - t.lastUsedAt.getTime() > 60_000) await repo.touchToken(db, t.id, now);
  return {
    kind: 'token',
    id: t.id,
    username: `token:${t.name}`,
    fullName: t.name,
    role: t.role as Role,
    provinceId: t.provinceId,
    agencyId: t.agencyId,
    bankId: t.bankId,
    unitId: null,
  };
}

// ── The account's own security ──────────────────────────────────────────
async function requireSelf(ctx: ServiceContext): Promise<repo.UserRow> {
  if (ctx.actor.kind !== 'user') throw new AppError('auth.forbidden');
  const user = await repo.findUserById(ctx.db, ctx.actor.id);
  if (!user) throw new AppError('auth.required');
  return user;
}

/** Starts (or restarts) enrolment: a new secret, kept pending until a code from it is confirmed. */
export async function startMfaEnrolment(ctx: ServiceContext): Promise<{ secret: string; otpauthUrl: string }> {
  const user = await requireSelf(ctx);
  if (user.mfaSecret) throw new AppError('auth.mfa_already_enrolled');
  const secret = generateSecret();
  await repo.updateUserFields(ctx.db, user.id, { mfaPendingSecret: secret });
  return { secret, otpauthUrl: generateURI({ issuer: MFA_ISSUER, label: user.username, secret }) };
}

/** Confirms enrolment with a code from the authenticator; returns the recovery codes, shown this once. */
export async function confirmMfaEnrolment(ctx: ServiceContext, code: string): Promise<{ recoveryCodes: string[] }> {
  const user = await requireSelf(ctx);
  if (user.mfaSecret) throw new AppError('auth.mfa_already_enrolled');
  if (!user.mfaPendingSecret) throw new AppError('auth.mfa_not_enrolled');
  const step = totpStep(user.mfaPendingSecret, code.trim(), ctx.now());
  if (step === null) throw new AppError('auth.mfa_code_invalid');
  const recoveryCodes = Array.from({ length: RECOVERY_CODES }, newRecoveryCode);
  await ctx.db.transaction(async (tx) => {
    await repo.updateUserFields(tx, user.id, {
      mfaSecret: user.mfaPendingSecret,
      mfaPendingSecret: null,
      mfaEnabledAt: ctx.now(),
      mfaLastStep: step,
      mfaRecoveryHashes: recoveryCodes.map(recoveryHash),
    });
    await recordAudit(tx, ctx, { action: 'user.mfa_enrol', entityType: 'user', entityId: user.id, provinceId: user.provinceId });
  });
  return { recoveryCodes };
}

/**
 * Removes one's own second factor, proven with a current code or a recovery code. Allowed for every role; where the
 * role requires a factor (TASHIL_MFA_ROLES) the account is then sent to enrol again before anything else.
 */
export async function removeOwnMfa(ctx: ServiceContext, code: string): Promise<void> {
  const user = await requireSelf(ctx);
  if (!user.mfaSecret) throw new AppError('auth.mfa_not_enrolled');
  if (!(await acceptSecondFactor(ctx.db, user, user.mfaSecret, code, ctx.now()))) throw new AppError('auth.mfa_code_invalid');
  await ctx.db.transaction(async (tx) => {
    await repo.updateUserFields(tx, user.id, { mfaSecret: null, mfaPendingSecret: null, mfaEnabledAt: null, mfaLastStep: null, mfaRecoveryHashes: null });
    await recordAudit(tx, ctx, { action: 'user.mfa_remove', entityType: 'user', entityId: user.id, provinceId: user.provinceId });
  });
}

/** Changes one's own password: clears a required change and ends the account's other sessions. */
export async function changeOwnPassword(ctx: ServiceContext, currentPassword: string, newPassword: string): Promise<void> {
  const user = await requireSelf(ctx);
  if (!(await verifyPassword(user.passwordHash, currentPassword))) throw new AppError('auth.password_wrong');
  if (currentPassword === newPassword) throw new AppError('auth.password_unchanged');
  const passwordHash = await hashPassword(newPassword);
  await ctx.db.transaction(async (tx) => {
    await repo.updateUserFields(tx, user.id, { passwordHash, mustChangePassword: false, updatedAt: ctx.now(), version: user.version + 1 });
    await repo.deleteUserSessions(tx, user.id, ctx.actor.sessionId);
    await recordAudit(tx, ctx, { action: 'user.password_change', entityType: 'user', entityId: user.id, provinceId: user.provinceId });
  });
}

export async function listOwnSessions(ctx: ServiceContext) {
  const user = await requireSelf(ctx);
  const rows = await repo.findUserSessions(ctx.db, user.id, ctx.now());
  return {
    items: rows.map((s) => ({
      id: s.id,
      device: s.userAgent,
      address: s.ip,
      createdAt: s.createdAt.toISOString(),
      lastSeenAt: s.lastSeenAt.toISOString(),
      current: s.id === ctx.actor.sessionId,
    })),
  };
}

export async function endOwnSession(ctx: ServiceContext, sessionId: string): Promise<void> {
  const user = await requireSelf(ctx);
  if (!(await repo.deleteOwnSession(ctx.db, user.id, sessionId))) throw new AppError('record.not_found');
}

// ── An administrator's actions on an account ────────────────────────────
async function requireUser(ctx: ServiceContext, id: string): Promise<repo.UserRow> {
  const user = await repo.findUserById(ctx.db, id);
  if (!user) throw new AppError('record.not_found');
  return user;
}

export async function revokeUserSessions(ctx: ServiceContext, userId: string): Promise<void> {
  const user = await requireUser(ctx, userId);
  await ctx.db.transaction(async (tx) => {
    const ended = await repo.deleteUserSessions(tx, user.id);
    await recordAudit(tx, ctx, { action: 'user.sessions_revoke', entityType: 'user', entityId: user.id, provinceId: user.provinceId, after: { ended } });
  });
}

/** A temporary password the user must change at their next login; their sessions end. */
export async function resetUserPassword(ctx: ServiceContext, userId: string): Promise<{ temporaryPassword: string }> {
  const user = await requireUser(ctx, userId);
  const temporaryPassword = randomBytes(12).toString('base64url');
  const passwordHash = await hashPassword(temporaryPassword);
  await ctx.db.transaction(async (tx) => {
    await repo.updateUserFields(tx, user.id, { passwordHash, mustChangePassword: true, updatedAt: ctx.now(), version: user.version + 1 });
    await repo.deleteUserSessions(tx, user.id);
    await recordAudit(tx, ctx, { action: 'user.password_reset', entityType: 'user', entityId: user.id, provinceId: user.provinceId });
  });
  return { temporaryPassword };
}

export async function resetUserMfa(ctx: ServiceContext, userId: string): Promise<void> {
  const user = await requireUser(ctx, userId);
  await ctx.db.transaction(async (tx) => {
    await repo.updateUserFields(tx, user.id, { mfaSecret: null, mfaPendingSecret: null, mfaEnabledAt: null, mfaLastStep: null, mfaRecoveryHashes: null });
    await repo.deleteUserSessions(tx, user.id);
    await recordAudit(tx, ctx, { action: 'user.mfa_reset', entityType: 'user', entityId: user.id, provinceId: user.provinceId });
  });
}

/** Clears the account's failed-login counters (its own and per address). */
export async function unlockUser(ctx: ServiceContext, userId: string): Promise<void> {
  const user = await requireUser(ctx, userId);
  await ctx.db.transaction(async (tx) => {
    const cleared = await repo.clearAccountKeys(tx, usernameKey(user.username));
    await recordAudit(tx, ctx, { action: 'user.unlock', entityType: 'user', entityId: user.id, provinceId: user.provinceId, after: { cleared } });
  });
}

/** Whether any demo account still signs in with the published demo password. */
export async function hasDemoCredentials(db: Db): Promise<boolean> {
  for (const a of DEMO_ACCOUNTS) {
    const user = await repo.findUserByUsername(db, a.username);
    if (user && !user.disabled && (await verifyPassword(user.passwordHash, DEMO_PASSWORD))) return true;
  }
  return false;
}

/** Password hashing for the users module (argon2id; auth owns the parameters). */
export { hashPassword } from './passwords.js';

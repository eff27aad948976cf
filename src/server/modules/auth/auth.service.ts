/**
 * Login, sessions and integration tokens. Sessions live in the database (revocable, shared by every
 * server instance); the cookie carries a random token whose SHA-256 is stored.
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { apiTokens, authSessions, loginFailures, users } from '../../db/schema.js';
import type { Db } from '../../db/client.js';
import type { Config } from '../../config.js';
import type { Actor } from '../../context.js';
import { AppError } from '../../../shared/errors.js';
import type { Role } from '../../../shared/roles.js';
import { dummyPasswordHash, verifyPassword } from './passwords.js';

export const SESSION_COOKIE = 'tashil_session';

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function newSecret(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}

type UserRow = typeof users.$inferSelect;

export function actorOfUser(u: UserRow, sessionId?: string): Actor {
  return {
    kind: 'user',
    id: u.id,
    username: u.username,
    fullName: u.fullName,
    role: u.role as Role,
    provinceId: u.provinceId,
    agencyId: u.agencyId,
    bankId: u.bankId,
    unitId: u.unitId,
    ...(sessionId ? { sessionId } : {}),
  };
}

export function meOf(a: Actor) {
  return {
    id: a.id,
    username: a.username,
    fullName: a.fullName,
    role: a.role,
    provinceId: a.provinceId,
    agencyId: a.agencyId,
    bankId: a.bankId,
    unitId: a.unitId,
  };
}

export function usernameKey(username: string): string {
  return username.trim().toLowerCase();
}

interface LoginInput {
  username: string;
  password: string;
  ip: string;
  userAgent: string | undefined;
  now: Date;
}

/**
 * Failed attempts are counted per account and per address; successes never count, so fifty
 * officials behind one office address can all log in at nine in the morning.
 */
export async function login(db: Db, config: Config, input: LoginInput): Promise<{ actor: Actor; token: string }> {
  const key = usernameKey(input.username);
  const since = new Date(input.now.getTime() - config.loginWindowMinutes * 60_000);
  const [counts] = await db
    .select({
      account: sql<number>`count(*) filter (where ${loginFailures.usernameKey} = ${key})::int`,
      address: sql<number>`count(*) filter (where ${loginFailures.ip} = ${input.ip})::int`,
    })
    .from(loginFailures)
    .where(and(gt(loginFailures.at, since), sql`(${loginFailures.usernameKey} = ${key} or ${loginFailures.ip} = ${input.ip})`));
  if ((counts?.account ?? 0) >= config.loginMaxFailuresPerAccount || (counts?.address ?? 0) >= config.loginMaxFailuresPerAddress) {
    throw new AppError('auth.rate_limited');
  }

  const [user] = await db.select().from(users).where(eq(users.username, key)).limit(1);
  const ok = user ? await verifyPassword(user.passwordHash, input.password) : await verifyPassword(await dummyPasswordHash(), input.password).then(() => false);
  if (!user || !ok || user.disabled) {
    await db.insert(loginFailures).values({ usernameKey: key, ip: input.ip, at: input.now });
    throw new AppError('auth.invalid_credentials');
  }

  const token = newSecret();
  const [session] = await db
    .insert(authSessions)
    .values({
      tokenHash: sha256(token),
      userId: user.id,
      createdAt: input.now,
      lastSeenAt: input.now,
      expiresAt: new Date(input.now.getTime() + config.sessionMaxMinutes * 60_000),
      ip: input.ip,
      userAgent: input.userAgent?.slice(0, 300) ?? null,
    })
    .returning({ id: authSessions.id });
  return { actor: actorOfUser(user, session!.id), token };
}

/** The actor behind a session cookie, or null when it is unknown, idle too long, expired, or the user is disabled. */
interface SessionRow {
  session_id: string;
  last_seen_at: Date | string;
  expires_at: Date | string;
  id: string;
  username: string;
  full_name: string;
  role: string;
  province_id: string | null;
  agency_id: string | null;
  bank_id: string | null;
  unit_id: string | null;
  disabled: boolean;
}

/**
 * The actor behind a session cookie, or null when it is unknown, idle too long, expired, or the user is disabled.
 * Runs on every request, so it is one plain statement with only the columns it needs.
 */
export async function authenticateSession(db: Db, config: Config, token: string, now: Date): Promise<Actor | null> {
  const res = (await db.execute(sql`select s.id as session_id, s.last_seen_at, s.expires_at, u.id, u.username, u.full_name, u.role,
        u.province_id, u.agency_id, u.bank_id, u.unit_id, u.disabled
      from ${authSessions} s join ${users} u on u.id = s.user_id where s.token_hash = ${sha256(token)} limit 1`)) as unknown as { rows: SessionRow[] };
  const row = res.rows[0];
  if (!row) return null;
  const lastSeen = new Date(row.last_seen_at).getTime();
  const idleLimit = lastSeen + config.sessionIdleMinutes * 60_000;
  if (row.disabled || now.getTime() >= new Date(row.expires_at).getTime() || now.getTime() >= idleLimit) {
    await db.delete(authSessions).where(eq(authSessions.id, row.session_id));
    return null;
  }
  // Touch at most once a minute, so reads do not turn into writes.
  if (now.getTime() - lastSeen > 60_000) {
    await db.update(authSessions).set({ lastSeenAt: now }).where(eq(authSessions.id, row.session_id));
  }
  return {
    kind: 'user',
    id: row.id,
    username: row.username,
    fullName: row.full_name,
    role: row.role as Role,
    provinceId: row.province_id,
    agencyId: row.agency_id,
    bankId: row.bank_id,
    unitId: row.unit_id,
    sessionId: row.session_id,
  };
}

export async function endSession(db: Db, sessionId: string): Promise<void> {
  await db.delete(authSessions).where(eq(authSessions.id, sessionId));
}

export async function endUserSessions(db: Db, userId: string): Promise<void> {
  await db.delete(authSessions).where(eq(authSessions.userId, userId));
}

export async function authenticateBearer(db: Db, token: string, now: Date): Promise<Actor | null> {
  const [t] = await db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, sha256(token)), isNull(apiTokens.revokedAt)))
    .limit(1);
  if (!t) return null;
  if (!t.lastUsedAt || now.getTime() - t.lastUsedAt.getTime() > 60_000) {
    await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, t.id));
  }
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

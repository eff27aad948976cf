/** SQL of accounts' sign-in: users, web sessions, integration tokens, login throttling and second factors. */
import { and, desc, eq, isNull, like, ne, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { preparedOn } from '../../db/prepared.js';
import { apiTokens, authSessions, loginThrottle, users } from '../../db/schema.js';

export type UserRow = typeof users.$inferSelect;
export type SessionRecord = typeof authSessions.$inferSelect;

function rowsOf<T>(res: unknown): T[] {
  return (res as { rows: T[] }).rows;
}

export async function findUserByUsername(db: DbOrTx, username: string): Promise<UserRow | undefined> {
  const [user] = await db.select().from(users).where(eq(users.username, username)).limit(1);
  return user;
}

export async function findUserById(db: DbOrTx, id: string, opts: { forUpdate?: boolean } = {}): Promise<UserRow | undefined> {
  const q = db.select().from(users).where(eq(users.id, id));
  const [user] = opts.forUpdate ? await q.for('update') : await q;
  return user;
}

export async function updateUserFields(db: DbOrTx, id: string, fields: Partial<typeof users.$inferInsert>): Promise<UserRow | undefined> {
  const [row] = await db.update(users).set(fields).where(eq(users.id, id)).returning();
  return row;
}

/**
 * Accepts a TOTP time step only when it is later than the last one used (one code, one login), atomically.
 */
export async function claimTotpStep(db: DbOrTx, userId: string, step: number): Promise<boolean> {
  const rows = await db
    .update(users)
    .set({ mfaLastStep: step })
    .where(and(eq(users.id, userId), or(isNull(users.mfaLastStep), sql`${users.mfaLastStep} < ${step}`)))
    .returning({ id: users.id });
  return rows.length > 0;
}

/** Removes one recovery code's hash, atomically: true when it was there (a code works once). */
export async function consumeRecoveryHash(db: DbOrTx, userId: string, hash: string): Promise<boolean> {
  const rows = await db
    .update(users)
    .set({ mfaRecoveryHashes: sql`coalesce(${users.mfaRecoveryHashes}, '[]'::jsonb) - ${hash}::text` })
    .where(and(eq(users.id, userId), sql`coalesce(${users.mfaRecoveryHashes}, '[]'::jsonb) ? ${hash}::text`))
    .returning({ id: users.id });
  return rows.length > 0;
}

// ── Sessions ────────────────────────────────────────────────────────────
export async function insertSession(db: DbOrTx, values: typeof authSessions.$inferInsert): Promise<SessionRecord> {
  const [row] = await db.insert(authSessions).values(values).returning();
  return row!;
}

/**
 * Runs on every request: one statement with only the columns it needs, prepared once per database handle (a named
 * statement: PostgreSQL parses and plans the join once per connection, not on every request).
 */
export async function findSessionActor(db: DbOrTx, tokenHash: string) {
  const query = preparedOn(db, 'session_actor', (on, name) =>
    on
      .select({
        sessionId: authSessions.id,
        lastSeenAt: authSessions.lastSeenAt,
        expiresAt: authSessions.expiresAt,
        id: users.id,
        username: users.username,
        fullName: users.fullName,
        role: users.role,
        provinceId: users.provinceId,
        agencyId: users.agencyId,
        bankId: users.bankId,
        unitId: users.unitId,
        disabled: users.disabled,
        mustChangePassword: users.mustChangePassword,
        mfaEnrolled: sql<boolean>`(${users.mfaSecret} is not null)`,
      })
      .from(authSessions)
      .innerJoin(users, eq(users.id, authSessions.userId))
      .where(eq(authSessions.tokenHash, sql.placeholder('hash')))
      .limit(1)
      .prepare(name),
  );
  return (await query.execute({ hash: tokenHash }))[0];
}

export async function touchSession(db: DbOrTx, id: string, at: Date): Promise<void> {
  await db.update(authSessions).set({ lastSeenAt: at }).where(eq(authSessions.id, id));
}

export async function deleteSession(db: DbOrTx, id: string): Promise<void> {
  await db.delete(authSessions).where(eq(authSessions.id, id));
}

export async function deleteOwnSession(db: DbOrTx, userId: string, id: string): Promise<boolean> {
  const rows = await db.delete(authSessions).where(and(eq(authSessions.id, id), eq(authSessions.userId, userId))).returning({ id: authSessions.id });
  return rows.length > 0;
}

/** Ends a user's sessions, all of them or all but one. */
export async function deleteUserSessions(db: DbOrTx, userId: string, exceptId?: string): Promise<number> {
  const rows = await db
    .delete(authSessions)
    .where(exceptId ? and(eq(authSessions.userId, userId), ne(authSessions.id, exceptId)) : eq(authSessions.userId, userId))
    .returning({ id: authSessions.id });
  return rows.length;
}

export async function findUserSessions(db: DbOrTx, userId: string, now: Date): Promise<SessionRecord[]> {
  return db
    .select()
    .from(authSessions)
    .where(and(eq(authSessions.userId, userId), sql`${authSessions.expiresAt} > ${now}`))
    .orderBy(desc(authSessions.lastSeenAt));
}

// ── Integration tokens ──────────────────────────────────────────────────
export async function findLiveToken(db: DbOrTx, tokenHash: string) {
  const [t] = await db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt)))
    .limit(1);
  return t;
}

export async function touchToken(db: DbOrTx, id: string, at: Date): Promise<void> {
  await db.update(apiTokens).set({ lastUsedAt: at }).where(eq(apiTokens.id, id));
}

// ── Login throttling ────────────────────────────────────────────────────
export interface ThrottleLimits {
  max: number;
  baseDelaySeconds: number;
  maxDelaySeconds: number;
  /** counters idle this long (after any delay ended) start again */
  windowSeconds: number;
}

/**
 * Reserves one attempt on a key in one atomic statement (the row lock orders parallel attempts): the counter goes
 * up and, from the `max`-th attempt on, a delay that doubles with each further attempt starts at once — before the
 * password is checked, so parallel attempts cannot all slip under the limit. Returns null when the key is in a
 * delay (the attempt is refused without being evaluated), otherwise the attempt's number.
 */
export async function reserveAttempt(db: DbOrTx, key: string, now: Date, l: ThrottleLimits): Promise<number | null> {
  const res = await db.execute(sql`
    insert into ${loginThrottle} as t (key, failures, window_start, blocked_until, updated_at)
    values (${key}, 1, ${now}, case when 1 >= ${l.max}::int then ${now}::timestamptz + make_interval(secs => ${l.baseDelaySeconds}::int) end, ${now})
    on conflict (key) do update set
      failures = case when greatest(t.blocked_until, t.updated_at) < ${now}::timestamptz - make_interval(secs => ${l.windowSeconds}::int) then 1 else t.failures + 1 end,
      window_start = case when greatest(t.blocked_until, t.updated_at) < ${now}::timestamptz - make_interval(secs => ${l.windowSeconds}::int) then ${now} else t.window_start end,
      blocked_until = case
        when greatest(t.blocked_until, t.updated_at) < ${now}::timestamptz - make_interval(secs => ${l.windowSeconds}::int) then
          case when 1 >= ${l.max}::int then ${now}::timestamptz + make_interval(secs => ${l.baseDelaySeconds}::int) end
        when t.failures + 1 >= ${l.max}::int then ${now}::timestamptz + make_interval(secs => least(${l.maxDelaySeconds}::int,
          ${l.baseDelaySeconds}::int * power(2, least(t.failures + 1 - ${l.max}::int, 20))::int))
        else t.blocked_until end,
      updated_at = ${now}
    where t.blocked_until is null or t.blocked_until <= ${now}
    returning t.failures`);
  const row = rowsOf<{ failures: number }>(res)[0];
  return row ? Number(row.failures) : null;
}

/** Seconds until the key's delay ends (0 when none). */
export async function secondsBlocked(db: DbOrTx, key: string, now: Date): Promise<number> {
  const [row] = await db.select({ blockedUntil: loginThrottle.blockedUntil }).from(loginThrottle).where(eq(loginThrottle.key, key));
  if (!row?.blockedUntil) return 0;
  return Math.max(0, Math.ceil((row.blockedUntil.getTime() - now.getTime()) / 1000));
}

/** Gives back an attempt that turned out not to be a failure (the delay it started is lifted below the limit). */
export async function releaseAttempt(db: DbOrTx, key: string, max: number): Promise<void> {
  await db.execute(sql`update ${loginThrottle} set failures = greatest(failures - 1, 0),
      blocked_until = case when failures - 1 < ${max}::int then null else blocked_until end where key = ${key}`);
}

export async function clearKeys(db: DbOrTx, keys: string[]): Promise<void> {
  for (const key of keys) await db.delete(loginThrottle).where(eq(loginThrottle.key, key));
}

/** Clears every counter of an account (its own and per address): the administrator's unlock. */
export async function clearAccountKeys(db: DbOrTx, usernameKey: string): Promise<number> {
  const escaped = usernameKey.replace(/[%_\\]/g, '\\$&');
  const rows = await db
    .delete(loginThrottle)
    .where(or(eq(loginThrottle.key, `acct:${usernameKey}`), like(loginThrottle.key, `acct-ip:${escaped}|%`)))
    .returning({ key: loginThrottle.key });
  return rows.length;
}

/** Marks an address as one the account signed in from (its failures there then don't count against the account). */
export async function rememberAddress(db: DbOrTx, key: string, now: Date): Promise<void> {
  await db
    .insert(loginThrottle)
    .values({ key, failures: 0, windowStart: now, updatedAt: now })
    .onConflictDoUpdate({ target: loginThrottle.key, set: { updatedAt: now } });
}

export async function isRemembered(db: DbOrTx, key: string, since: Date): Promise<boolean> {
  const [row] = await db.select({ at: loginThrottle.updatedAt }).from(loginThrottle).where(eq(loginThrottle.key, key));
  return !!row && row.at.getTime() >= since.getTime();
}

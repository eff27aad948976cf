/** SQL for the SMS outbox (sms_messages). The rules — states, retries, receipts — live in sms.job.ts and sms.service.ts. */
import { and, count, desc, eq, inArray, isNotNull, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { smsMessages, users, type SmsReceipts, type SmsStatus } from '../../db/schema.js';
import { resultRows } from '../../db/rows.js';

export type SmsRow = typeof smsMessages.$inferSelect;

export interface NewSms {
  provinceId: string | null;
  mobile: string;
  text: string;
  kind: string;
  refType: string | null;
  refId: string | null;
  dedupeKey: string | null;
  queuedAt: Date;
}

/** Inserts the message unless one with the same dedupe key exists; returns the id either way. */
export async function insertSms(db: DbOrTx, row: NewSms): Promise<{ id: string; created: boolean }> {
  const values = { ...row, nextAttemptAt: row.queuedAt, updatedAt: row.queuedAt };
  const inserted = await db.insert(smsMessages).values(values).onConflictDoNothing({ target: smsMessages.dedupeKey }).returning({ id: smsMessages.id });
  if (inserted[0]) return { id: inserted[0].id, created: true };
  const [existing] = await db.select({ id: smsMessages.id }).from(smsMessages).where(eq(smsMessages.dedupeKey, row.dedupeKey!));
  return { id: existing!.id, created: false };
}

/**
 * Claims up to `limit` messages that are due — queued with `next_attempt_at` passed, or left `sending` by a worker
 * whose lease ran out — in one statement (FOR UPDATE SKIP LOCKED: two workers never take the same row), marks them
 * `sending` under a new lease and counts the attempt. Returns their ids, oldest first.
 */
export async function claimDueSms(db: DbOrTx, now: Date, leaseUntil: Date, limit: number): Promise<string[]> {
  const result = await db.execute(sql`
    update ${smsMessages} set status = 'sending', attempts = attempts + 1, lease_until = ${leaseUntil}, updated_at = ${now}
    where id in (
      select id from ${smsMessages}
      where status in ('queued', 'sending') and next_attempt_at <= ${now} and (status = 'queued' or lease_until is null or lease_until <= ${now})
      order by next_attempt_at, queued_at, id
      limit ${limit}
      for update skip locked
    )
    returning id, next_attempt_at`);
  return resultRows<{ id: string; next_attempt_at: unknown }>(result)
    .sort((a, b) => new Date(String(a.next_attempt_at)).getTime() - new Date(String(b.next_attempt_at)).getTime())
    .map((r) => r.id);
}

export async function getSms(db: DbOrTx, id: string): Promise<SmsRow | undefined> {
  const [row] = await db.select().from(smsMessages).where(eq(smsMessages.id, id));
  return row;
}

/** Notes how many parts the message takes and through which driver, the first time it is sent. */
export async function setSmsParts(db: DbOrTx, id: string, parts: number, provider: string): Promise<void> {
  await db.update(smsMessages).set({ parts, provider }).where(and(eq(smsMessages.id, id), sql`${smsMessages.parts} is null`));
}

/**
 * Records the centre's id of part `index` (0-based), only if it is the next one expected and the message is still
 * being sent — and extends the lease, since the worker is alive.
 */
export async function recordSmsPart(db: DbOrTx, id: string, index: number, providerMessageId: string, leaseUntil: Date): Promise<boolean> {
  const updated = await db
    .update(smsMessages)
    .set({ providerMessageIds: sql`array_append(${smsMessages.providerMessageIds}, ${providerMessageId}::text)`, leaseUntil })
    .where(and(eq(smsMessages.id, id), eq(smsMessages.status, 'sending'), sql`cardinality(${smsMessages.providerMessageIds}) = ${index}`))
    .returning({ id: smsMessages.id });
  return updated.length === 1;
}

export async function markSmsSent(db: DbOrTx, id: string, now: Date): Promise<void> {
  await db
    .update(smsMessages)
    .set({ status: 'sent', sentAt: now, leaseUntil: null, lastError: null, updatedAt: now })
    .where(and(eq(smsMessages.id, id), eq(smsMessages.status, 'sending')));
}

export async function markSmsRetry(db: DbOrTx, id: string, error: string, nextAttemptAt: Date, now: Date): Promise<void> {
  await db
    .update(smsMessages)
    .set({ status: 'queued', lastError: error, nextAttemptAt, leaseUntil: null, updatedAt: now })
    .where(and(eq(smsMessages.id, id), eq(smsMessages.status, 'sending')));
}

export async function markSmsFailed(db: DbOrTx, id: string, error: string, now: Date): Promise<void> {
  await db
    .update(smsMessages)
    .set({ status: 'failed', lastError: error, leaseUntil: null, updatedAt: now })
    .where(and(eq(smsMessages.id, id), eq(smsMessages.status, 'sending')));
}

/** The message one of whose parts the centre knows by this id (locked for the receipt's update). */
export async function findSmsByProviderId(db: DbOrTx, providerMessageIds: string[]): Promise<{ row: SmsRow; providerMessageId: string } | undefined> {
  for (const pid of providerMessageIds) {
    const [row] = await db
      .select()
      .from(smsMessages)
      .where(sql`${smsMessages.providerMessageIds} @> array[${pid}::text]`)
      .orderBy(desc(smsMessages.queuedAt))
      .limit(1)
      .for('update');
    if (row) return { row, providerMessageId: pid };
  }
  return undefined;
}

export async function saveSmsReceipts(
  db: DbOrTx,
  id: string,
  receipts: SmsReceipts,
  change: { status?: SmsStatus; deliveredAt?: Date; sentAt?: Date; lastError?: string },
  now: Date,
): Promise<void> {
  await db
    .update(smsMessages)
    .set({ receipts, ...change, ...(change.status && change.status !== 'sending' ? { leaseUntil: null } : {}), updatedAt: now })
    .where(eq(smsMessages.id, id));
}

export interface OutboxFilter {
  mobile?: string;
  status?: SmsStatus;
  kind?: string;
  provinceId?: string;
}

export async function listSms(db: DbOrTx, f: OutboxFilter, page: number, pageSize: number): Promise<{ rows: SmsRow[]; total: number }> {
  const where: SQL[] = [];
  if (f.mobile) where.push(eq(smsMessages.mobile, f.mobile));
  if (f.status) where.push(eq(smsMessages.status, f.status));
  if (f.kind) where.push(eq(smsMessages.kind, f.kind));
  if (f.provinceId) where.push(eq(smsMessages.provinceId, f.provinceId));
  const cond = where.length ? and(...where) : undefined;
  const [rows, [total]] = await Promise.all([
    db.select().from(smsMessages).where(cond).orderBy(desc(smsMessages.queuedAt), desc(smsMessages.id)).limit(pageSize).offset((page - 1) * pageSize),
    db.select({ n: sql<number>`cast(${count()} as int)` }).from(smsMessages).where(cond),
  ]);
  return { rows, total: Number(total?.n ?? 0) };
}

/** The mobiles of a unit's producer users (enabled, with a mobile), within the province when one is given. */
export async function producerMobilesOfUnit(db: DbOrTx, unitId: string, provinceId: string | null): Promise<string[]> {
  const where: SQL[] = [eq(users.role, 'producer'), eq(users.unitId, unitId), eq(users.disabled, false), isNotNull(users.mobile)];
  if (provinceId) where.push(eq(users.provinceId, provinceId));
  const rows = await db.select({ mobile: users.mobile }).from(users).where(and(...where));
  return rows.map((r) => r.mobile!).filter(Boolean);
}

/** Test and operations helper: messages by id. */
export async function smsByIds(db: DbOrTx, ids: string[]): Promise<SmsRow[]> {
  if (!ids.length) return [];
  return db.select().from(smsMessages).where(inArray(smsMessages.id, ids));
}

/** Gives back a claimed message that was not tried (the centre was unreachable before its turn): the attempt is not counted. */
export async function releaseSms(db: DbOrTx, id: string, now: Date): Promise<void> {
  await db
    .update(smsMessages)
    .set({ status: 'queued', attempts: sql`greatest(${smsMessages.attempts} - 1, 0)`, leaseUntil: null, updatedAt: now })
    .where(and(eq(smsMessages.id, id), eq(smsMessages.status, 'sending')));
}

/** Messages waiting to go or being sent (the outbox's queue depth, for the metrics). */
export async function countWaitingSms(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(smsMessages).where(inArray(smsMessages.status, ['queued', 'sending']));
  return row?.n ?? 0;
}

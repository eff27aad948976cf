/** SQL for notifications: writing them once (by dedupe key), reading them with each reader's own read marks, digesting reminders. */
import { and, asc, desc, eq, getTableColumns, inArray, isNotNull, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../context.js';
import type { DbOrTx } from '../../db/client.js';
import { notificationReads, notifications, reminderCollections, reminderDigests } from '../../db/schema.js';
import type { IsoDate } from '../../../shared/jalali.js';
import { resultRows } from '../../db/rows.js';

export type NotificationRow = typeof notifications.$inferSelect;

/** The columns a notification is written with (the rest have their defaults): names and types from the table. */
const WRITTEN = ['provinceId', 'userId', 'agencyId', 'bankId', 'unitId', 'role', 'kind', 'title', 'body', 'refType', 'refId', 'refCode', 'dedupeKey', 'createdAt', 'digestDay'] as const;
const writtenColumns = WRITTEN.map((key) => getTableColumns(notifications)[key]);
const writtenNames = sql.raw(writtenColumns.map((c) => `"${c.name}"`).join(', '));
const writtenRecord = sql.raw(writtenColumns.map((c) => `"${c.name}" ${c.getSQLType()}`).join(', '));

export type WrittenNotification = Pick<typeof notifications.$inferInsert, (typeof WRITTEN)[number]> & { createdAt: Date };

/**
 * Inserts those whose dedupe key is new; returns the ids written. The rows go as one JSON parameter unpacked by
 * `json_to_recordset`, not as a parameter per value: the reminder job writes thousands at a time, and building a
 * statement of tens of thousands of parameters cost the server more CPU than the database's work on them.
 */
export async function insertNotifications(tx: DbOrTx, rows: WrittenNotification[]): Promise<string[]> {
  if (!rows.length) return [];
  const json = JSON.stringify(rows.map((row) => Object.fromEntries(WRITTEN.map((key, i) => [writtenColumns[i]!.name, row[key] ?? null]))));
  const result = await tx.execute(sql`
    insert into ${notifications} (${writtenNames})
    select ${writtenNames} from json_to_recordset(${json}::json) as x(${writtenRecord})
    on conflict (dedupe_key) do nothing
    returning id`);
  return resultRows<{ id: string }>(result).map((r) => r.id);
}

/**
 * The ways a notification reaches this actor, each answered by one index: to them, or to their agency, bank, unit or
 * role in their province. A notification has one target, so no notification matches two of them.
 */
function addressedParts(actor: Actor): SQL[] {
  const mine: SQL[] = [];
  if (actor.kind === 'user') mine.push(eq(notifications.userId, actor.id));
  if (actor.provinceId) {
    const inProvince = eq(notifications.provinceId, actor.provinceId);
    if (actor.role === 'agency' && actor.agencyId) mine.push(and(inProvince, eq(notifications.agencyId, actor.agencyId))!);
    if (actor.role === 'bank' && actor.bankId) mine.push(and(inProvince, eq(notifications.bankId, actor.bankId))!);
    if (actor.role === 'producer' && actor.unitId) mine.push(and(inProvince, eq(notifications.unitId, actor.unitId))!);
    mine.push(and(inProvince, eq(notifications.role, actor.role))!);
  }
  return mine;
}

/** The notifications addressed to this actor: to them, or to their agency, bank, unit or role in their province. */
export function addressedTo(actor: Actor): SQL {
  const mine = addressedParts(actor);
  return mine.length ? or(...mine)! : sql`false`;
}

/** A notification as one reader sees it: `readAt` is when *they* read it (null: unread). */
export type ReadableNotification = NotificationRow & { readAt: Date | null };

/** The caller's own read mark of each notification (joined on the primary key). */
function myRead(actor: Actor): SQL {
  return and(eq(notificationReads.notificationId, notifications.id), eq(notificationReads.userId, actor.id))!;
}

const unreadBy = (actor: Actor): SQL =>
  sql`not exists (select 1 from ${notificationReads} where ${notificationReads.notificationId} = ${notifications.id} and ${notificationReads.userId} = ${actor.id})`;

/** How many notifications meet `filter` among the actor's: a count per way they reach them, each on its own index. */
async function countAddressed(db: DbOrTx, actor: Actor, filter?: SQL): Promise<number> {
  const parts = addressedParts(actor);
  if (!parts.length) return 0;
  const counts = parts.map((part) => sql`(select count(*) from ${notifications} where ${filter ? and(part, filter) : part})`);
  const [row] = resultRows<{ n: number }>(await db.execute(sql`select (${sql.join(counts, sql` + `)})::int as n`));
  return Number(row?.n ?? 0);
}

/**
 * A page of the actor's notifications, newest first. Each way they reach the actor is read newest first on its own
 * index, at most as far as the page goes, and the page is taken from those: an agency with thousands of reminders
 * reads a few rows of each instead of all of them sorted (the scale drill's agencies: 19 ms → under 1).
 */
export async function findNotifications(db: DbOrTx, actor: Actor, q: { page: number; pageSize: number; unread?: boolean | undefined }) {
  const parts = addressedParts(actor);
  const filter = q.unread ? unreadBy(actor) : undefined;
  const newest = parts.map(
    (part) =>
      sql`(select ${notifications.id} as id, ${notifications.createdAt} as created_at from ${notifications} where ${filter ? and(part, filter) : part}
           order by ${notifications.createdAt} desc, ${notifications.id} desc limit ${q.page * q.pageSize})`,
  );
  // the page's ids and their rows in one statement
  const pageIds = sql`select id from (${sql.join(newest, sql` union all `)}) t order by created_at desc, id desc limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`;
  const page = async () =>
    parts.length
      ? db
          .select({ n: notifications, readAt: notificationReads.readAt })
          .from(notifications)
          .leftJoin(notificationReads, myRead(actor))
          .where(sql`${notifications.id} in (${pageIds})`)
          .orderBy(desc(notifications.createdAt), desc(notifications.id))
      : [];
  // over unread ones only, the list's total is the unread count: counted once
  const [items, total, unread] = await Promise.all([page(), q.unread ? null : countAddressed(db, actor), countUnread(db, actor)]);
  return { items: items.map((r): ReadableNotification => ({ ...r.n, readAt: r.readAt })), total: total ?? unread, unread };
}

/**
 * How many of the actor's notifications they have not read: the target indexes find what is addressed to them, and
 * the reader's own marks (`notification_reads_user_idx`) are hashed once against them — or, for a handful, each
 * "read?" is one probe of the read table's key; the planner chooses. (Counting what is addressed less what was read
 * was tried: a reader's marks then each fetched their notification's row, 3 → 64 ms for 500 marks read cold.)
 */
export async function countUnread(db: DbOrTx, actor: Actor): Promise<number> {
  return countAddressed(db, actor, unreadBy(actor));
}

/** Marks one of the actor's notifications read by them, keeping their first reading's time; undefined when not theirs. */
export async function markRead(db: DbOrTx, actor: Actor, id: string, now: Date): Promise<ReadableNotification | undefined> {
  const mine = db
    .select({ notificationId: notifications.id, userId: sql`${actor.id}::uuid`.as('user_id'), readAt: sql`${now.toISOString()}::timestamptz`.as('read_at') })
    .from(notifications)
    .where(and(eq(notifications.id, id), addressedTo(actor)));
  await db.insert(notificationReads).select(mine).onConflictDoNothing();
  const [row] = await db
    .select({ n: notifications, readAt: notificationReads.readAt })
    .from(notifications)
    .leftJoin(notificationReads, myRead(actor))
    .where(and(eq(notifications.id, id), addressedTo(actor)));
  return row ? { ...row.n, readAt: row.readAt } : undefined;
}

/** Marks every notification of the actor's that they have not read as read by them; returns how many. */
export async function markAllRead(db: DbOrTx, actor: Actor, now: Date): Promise<number> {
  const unread = db
    .select({ notificationId: notifications.id, userId: sql`${actor.id}::uuid`.as('user_id'), readAt: sql`${now.toISOString()}::timestamptz`.as('read_at') })
    .from(notifications)
    .where(and(addressedTo(actor), unreadBy(actor)));
  const rows = await db.insert(notificationReads).select(unread).onConflictDoNothing().returning({ id: notificationReads.notificationId });
  return rows.length;
}

/** A source's last completed collection: its Tehran day and when it began; undefined before the first. */
export async function findLastCollection(db: DbOrTx, source: string): Promise<{ day: IsoDate; startedAt: Date } | undefined> {
  const [row] = await db.select({ day: reminderCollections.day, startedAt: reminderCollections.startedAt }).from(reminderCollections).where(eq(reminderCollections.source, source));
  return row ? { day: row.day as IsoDate, startedAt: row.startedAt } : undefined;
}

/** Records a source's completed collection (the later of two instances' records wins by its start). */
export async function recordCollection(db: DbOrTx, source: string, day: IsoDate, startedAt: Date): Promise<void> {
  await db
    .insert(reminderCollections)
    .values({ source, day, startedAt })
    .onConflictDoUpdate({
      target: reminderCollections.source,
      set: { day, startedAt },
      setWhere: sql`${reminderCollections.startedAt} < ${startedAt.toISOString()}::timestamptz`,
    });
}

/** Notifications the delivery channel has not taken yet (the job's queue depth, for the metrics). */
export async function countUndelivered(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(notifications).where(isNull(notifications.deliveredAt));
  return row?.n ?? 0;
}

// ── Events, delivered one by one ───────────────────────────────────────────

/** Claims up to `limit` undelivered events (not reminders, which go in digests), oldest first; SKIP LOCKED. */
export async function claimPendingEvents(tx: DbOrTx, limit: number): Promise<NotificationRow[]> {
  return tx
    .select()
    .from(notifications)
    .where(and(isNull(notifications.deliveredAt), isNull(notifications.digestDay)))
    .orderBy(asc(notifications.createdAt), asc(notifications.id))
    .limit(limit)
    .for('update', { skipLocked: true });
}

export async function markDelivered(tx: DbOrTx, ids: string[], at: Date, via: string): Promise<void> {
  if (!ids.length) return;
  await tx.update(notifications).set({ deliveredAt: at, deliveredVia: via }).where(inArray(notifications.id, ids));
}

// ── Reminders, delivered in a daily digest per target ─────────────────────

/** A target (with its province) that has reminders waiting for its digest. */
export interface DigestTarget {
  provinceId: string | null;
  userId: string | null;
  agencyId: string | null;
  bankId: string | null;
  unitId: string | null;
  role: string | null;
  pending: number;
  /** orders the targets for keyset paging */
  key: string;
}

const waitingForDigest = (today: IsoDate): SQL =>
  and(isNull(notifications.deliveredAt), isNotNull(notifications.digestDay), lte(notifications.digestDay, today))!;

const targetKeyOf = sql<string>`coalesce(${notifications.provinceId}, '') || '|' || coalesce('user:' || ${notifications.userId}::text, 'agency:' || ${notifications.agencyId}, 'bank:' || ${notifications.bankId}, 'unit:' || ${notifications.unitId}::text, 'role:' || ${notifications.role}, '')`;

/** The next `limit` targets after `after` (by key) with reminders waiting for a digest due by `today`. */
export async function findDigestTargets(db: DbOrTx, today: IsoDate, after: string, limit: number): Promise<DigestTarget[]> {
  return db
    .select({
      provinceId: notifications.provinceId,
      userId: notifications.userId,
      agencyId: notifications.agencyId,
      bankId: notifications.bankId,
      unitId: notifications.unitId,
      role: notifications.role,
      pending: sql<number>`count(*)::int`,
      key: targetKeyOf,
    })
    .from(notifications)
    .where(waitingForDigest(today))
    .groupBy(notifications.provinceId, notifications.userId, notifications.agencyId, notifications.bankId, notifications.unitId, notifications.role)
    .having(sql`${targetKeyOf} > ${after}`)
    .orderBy(targetKeyOf)
    .limit(limit);
}

/** Exactly this target's notifications (each column equal, or null where the target has none): the index's columns. */
function ofTarget(t: DigestTarget): SQL {
  const col = <C extends typeof notifications.provinceId | typeof notifications.agencyId | typeof notifications.bankId | typeof notifications.role | typeof notifications.userId | typeof notifications.unitId>(c: C, v: string | null) =>
    v === null ? isNull(c) : eq(c, v);
  return and(
    col(notifications.provinceId, t.provinceId),
    col(notifications.agencyId, t.agencyId),
    col(notifications.bankId, t.bankId),
    col(notifications.role, t.role),
    col(notifications.userId, t.userId),
    col(notifications.unitId, t.unitId),
  )!;
}

/**
 * Claims the target's digest for `day`: the row exists once per target and day (a concurrent claim waits for this
 * transaction and then finds it). Returns its id, or null when the day's digest was already made.
 */
export async function claimDigest(tx: DbOrTx, provinceId: string | null, targetKey: string, day: IsoDate, via: string, at: Date): Promise<string | null> {
  const [row] = await tx.insert(reminderDigests).values({ provinceId, targetKey, day, deliveredVia: via, createdAt: at }).onConflictDoNothing().returning({ id: reminderDigests.id });
  return row?.id ?? null;
}

/** What a digest holds: how many reminders, how many of each kind, the first few tracking codes. */
export interface DigestContent {
  items: number;
  kinds: Record<string, number>;
  codes: string[];
}

/** The digests claimed by `today` and not handed to their channel yet (a failed channel, a stopped instance). */
export async function findUnsentDigests(db: DbOrTx, today: IsoDate, limit: number) {
  return db
    .select({ id: reminderDigests.id, provinceId: reminderDigests.provinceId, targetKey: reminderDigests.targetKey, day: reminderDigests.day })
    .from(reminderDigests)
    .where(and(isNull(reminderDigests.sentAt), lte(reminderDigests.day, today)))
    .orderBy(asc(reminderDigests.day), asc(reminderDigests.id))
    .limit(limit);
}

/** A digest's target from its key (`agency:smt`, `role:secretariat`, …), as the reminders' columns hold it. */
export function digestTargetOf(provinceId: string | null, targetKey: string): DigestTarget {
  const colon = targetKey.indexOf(':');
  const what = targetKey.slice(0, colon);
  const value = targetKey.slice(colon + 1);
  const when = (kind: string) => (what === kind ? value : null);
  return { provinceId, userId: when('user'), agencyId: when('agency'), bankId: when('bank'), unitId: when('unit'), role: when('role'), pending: 0, key: targetKey };
}

/**
 * Marks up to `limit` of the target's reminders waiting for a digest due by `day` as in digest `id`, and adds them to
 * its content — in the caller's transaction, which it keeps short however many reminders the target has (a
 * province's secretariat may have 50,000 on a national first run). Returns how many it marked, or null when the
 * digest was handed to its channel meanwhile (by another instance): then nothing is marked. The digest's row is
 * locked first, so chunks and the hand-off of one digest never interleave.
 */
export async function markDigestChunk(tx: DbOrTx, id: string, t: DigestTarget, day: IsoDate, at: Date, via: string, limit: number, codes: number): Promise<number | null> {
  const [digest] = await tx
    .select({ items: reminderDigests.items, kinds: reminderDigests.kinds, codes: reminderDigests.codes })
    .from(reminderDigests)
    .where(and(eq(reminderDigests.id, id), isNull(reminderDigests.sentAt)))
    .for('update');
  if (!digest) return null;
  const first = Math.max(1, Math.floor(codes));
  const result = await tx.execute(sql`
    with marked as (
      update ${notifications} set delivered_at = ${at.toISOString()}::timestamptz, delivered_via = ${via}
      where ${notifications.id} in (
        select ${notifications.id} from ${notifications} where ${ofTarget(t)} and ${waitingForDigest(day)}
        limit ${limit} for update skip locked)
      returning kind, ref_code
    )
    select (select count(*)::int from marked) as items,
           (select coalesce(json_object_agg(kind, n), '{}'::json) from (select kind, count(*)::int as n from marked group by kind) k) as kinds,
           -- the chunk's first few in code-point order (JavaScript's sort, which merges them with the digest's)
           (select coalesce((array_agg(ref_code order by ref_code collate "C") filter (where ref_code is not null))[1:${sql.raw(String(first))}], '{}'::text[]) from marked) as codes`);
  const [row] = resultRows<{ items: number; kinds: Record<string, number> | string; codes: string[] }>(result);
  const items = row?.items ?? 0;
  if (!items) return 0;
  const kinds = { ...digest.kinds };
  // a raw statement's json comes parsed or as text, depending on the driver
  const chunkKinds = typeof row!.kinds === 'string' ? (JSON.parse(row!.kinds) as Record<string, number>) : row!.kinds;
  for (const [kind, n] of Object.entries(chunkKinds)) kinds[kind] = (kinds[kind] ?? 0) + n;
  const firstCodes = [...new Set([...digest.codes, ...row!.codes])].sort().slice(0, first);
  await tx.update(reminderDigests).set({ items: digest.items + items, kinds, codes: firstCodes }).where(eq(reminderDigests.id, id));
  return items;
}

/**
 * Takes digest `id` for its hand-off to the channel (in the caller's transaction, with the hand-off): its content,
 * or null when it was handed off already.
 */
export async function takeDigestForSending(tx: DbOrTx, id: string, at: Date): Promise<DigestContent | null> {
  const [row] = await tx
    .update(reminderDigests)
    .set({ sentAt: at })
    .where(and(eq(reminderDigests.id, id), isNull(reminderDigests.sentAt)))
    .returning({ items: reminderDigests.items, kinds: reminderDigests.kinds, codes: reminderDigests.codes });
  return row ?? null;
}

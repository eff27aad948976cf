/** SQL for notifications: writing them once (by dedupe key), reading them, and each reader's own read marks. */
import { and, desc, eq, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../context.js';
import type { DbOrTx } from '../../db/client.js';
import { notificationReads, notifications } from '../../db/schema.js';

export type NotificationRow = typeof notifications.$inferSelect;

/** Inserts those whose dedupe key is new; returns the ids written. */
export async function insertNotifications(tx: DbOrTx, rows: (typeof notifications.$inferInsert)[]): Promise<string[]> {
  const inserted = await tx.insert(notifications).values(rows).onConflictDoNothing({ target: notifications.dedupeKey }).returning({ id: notifications.id });
  return inserted.map((r) => r.id);
}

/** The notifications addressed to this actor: to them, or to their agency, bank, unit or role in their province. */
export function addressedTo(actor: Actor): SQL {
  const mine: SQL[] = [];
  if (actor.kind === 'user') mine.push(eq(notifications.userId, actor.id));
  if (actor.provinceId) {
    const inProvince = eq(notifications.provinceId, actor.provinceId);
    if (actor.role === 'agency' && actor.agencyId) mine.push(and(inProvince, eq(notifications.agencyId, actor.agencyId))!);
    if (actor.role === 'bank' && actor.bankId) mine.push(and(inProvince, eq(notifications.bankId, actor.bankId))!);
    if (actor.role === 'producer' && actor.unitId) mine.push(and(inProvince, eq(notifications.unitId, actor.unitId))!);
    mine.push(and(inProvince, eq(notifications.role, actor.role))!);
  }
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

export async function findNotifications(db: DbOrTx, actor: Actor, q: { page: number; pageSize: number; unread?: boolean | undefined }) {
  const own = addressedTo(actor);
  const cond = q.unread ? and(own, isNull(notificationReads.notificationId)) : own;
  const [items, [total], unread] = await Promise.all([
    db
      .select({ n: notifications, readAt: notificationReads.readAt })
      .from(notifications)
      .leftJoin(notificationReads, myRead(actor))
      .where(cond)
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(notifications).leftJoin(notificationReads, myRead(actor)).where(cond),
    countUnread(db, actor),
  ]);
  return { items: items.map((r): ReadableNotification => ({ ...r.n, readAt: r.readAt })), total: total?.n ?? 0, unread };
}

/**
 * How many of the actor's notifications they have not read: the target indexes find what is addressed to them,
 * and the read table's primary key answers each "read?" with one probe.
 */
export async function countUnread(db: DbOrTx, actor: Actor): Promise<number> {
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(notifications).where(and(addressedTo(actor), unreadBy(actor)));
  return r?.n ?? 0;
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

/** SQL for notifications: writing them once (by dedupe key), reading and marking the caller's own. */
import { and, desc, eq, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../context.js';
import type { DbOrTx } from '../../db/client.js';
import { notifications } from '../../db/schema.js';

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

export async function findNotifications(db: DbOrTx, actor: Actor, q: { page: number; pageSize: number; unread?: boolean | undefined }) {
  const own = addressedTo(actor);
  const cond = q.unread ? and(own, isNull(notifications.readAt)) : own;
  const [items, [total], [unread]] = await Promise.all([
    db
      .select()
      .from(notifications)
      .where(cond)
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(notifications).where(cond),
    db.select({ n: sql<number>`count(*)::int` }).from(notifications).where(and(own, isNull(notifications.readAt))),
  ]);
  return { items, total: total?.n ?? 0, unread: unread?.n ?? 0 };
}

/** Marks one of the actor's notifications read, keeping the first reading's time; undefined when not theirs. */
export async function markRead(db: DbOrTx, actor: Actor, id: string, now: Date): Promise<NotificationRow | undefined> {
  const [row] = await db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, ${now.toISOString()}::timestamptz)` })
    .where(and(eq(notifications.id, id), addressedTo(actor)))
    .returning();
  return row;
}

/** Marks every unread notification of the actor's read; returns how many. */
export async function markAllRead(db: DbOrTx, actor: Actor, now: Date): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ readAt: now })
    .where(and(addressedTo(actor), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}

/** Notifications the delivery channel has not taken yet (the job's queue depth, for the metrics). */
export async function countUndelivered(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(notifications).where(isNull(notifications.deliveredAt));
  return row?.n ?? 0;
}

/** SQL of the audit trail (append-only: a trigger refuses UPDATE, DELETE and TRUNCATE). */
import { and, desc, eq, getTableColumns, gte, lt, sql, type SQL } from 'drizzle-orm';
import { rowOf, type GuardedRow } from '../../db/guarded-insert.js';
import { auditEvents } from '../../db/schema.js';
import type { DbOrTx } from '../../db/client.js';
import { actorNameOf } from '../../db/actor-name.js';

/** An event as it is read: with the actor's full name (a token's or the system's label where no user acted). */
export type AuditRow = typeof auditEvents.$inferSelect & { actorName: string };
export type NewAuditRow = typeof auditEvents.$inferInsert;

export async function insertAuditEvent(db: DbOrTx, values: NewAuditRow): Promise<void> {
  await db.insert(auditEvents).values(values);
}

/** An audit event as a row of another write's statement (`insertWhereFound`). */
export function auditEventRow(values: NewAuditRow): GuardedRow {
  return rowOf(auditEvents, values);
}

export interface AuditConditions {
  provinceId?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  actorId?: string | undefined;
  /** instants: at ≥ since and at < until */
  since?: Date | undefined;
  until?: Date | undefined;
}

function where(c: AuditConditions): SQL | undefined {
  const w: SQL[] = [];
  if (c.provinceId !== undefined) w.push(eq(auditEvents.provinceId, c.provinceId));
  if (c.entityType) w.push(eq(auditEvents.entityType, c.entityType));
  if (c.entityId) w.push(eq(auditEvents.entityId, c.entityId));
  if (c.actorId) w.push(eq(auditEvents.actorId, c.actorId));
  if (c.since) w.push(gte(auditEvents.at, c.since));
  if (c.until) w.push(lt(auditEvents.at, c.until));
  return w.length ? and(...w) : undefined;
}

export async function findAuditEvents(db: DbOrTx, c: AuditConditions, page: { limit: number; offset: number }): Promise<AuditRow[]> {
  return db
    .select({ ...getTableColumns(auditEvents), actorName: actorNameOf({ id: auditEvents.actorId, label: auditEvents.actorLabel }) })
    .from(auditEvents)
    .where(where(c))
    .orderBy(desc(auditEvents.id))
    .limit(page.limit)
    .offset(page.offset);
}

export async function countAuditEvents(db: DbOrTx, c: AuditConditions): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(auditEvents).where(where(c));
  return row?.n ?? 0;
}

/**
 * The audit trail: every change writes one event in the same transaction as the change.
 * The table is append-only (a trigger refuses UPDATE/DELETE), so these are the only writes.
 */
import { and, desc, eq, lt, sql, type SQL } from 'drizzle-orm';
import { auditEvents } from '../../db/schema.js';
import type { DbOrTx } from '../../db/client.js';
import type { ServiceContext } from '../../context.js';

export type EntityType =
  | 'unit'
  | 'visit'
  | 'demand'
  | 'referral'
  | 'session'
  | 'agenda_item'
  | 'resolution'
  | 'user'
  | 'token'
  | 'quota'
  | 'bank_report'
  | 'reference'
  | 'setting';

export interface AuditInput {
  action: string;
  entityType: EntityType;
  entityId: string;
  provinceId: string | null;
  before?: unknown;
  after?: unknown;
}

/** JSON-safe copy: bigint → decimal string, Date → ISO; secrets never enter the trail. */
function jsonSafe(v: unknown): unknown {
  return JSON.parse(
    JSON.stringify(v, (k, val: unknown) => {
      if (k === 'passwordHash' || k === 'tokenHash') return undefined;
      return typeof val === 'bigint' ? val.toString() : val;
    }),
  ) as unknown;
}

export async function recordAudit(tx: DbOrTx, ctx: ServiceContext, e: AuditInput): Promise<void> {
  await tx.insert(auditEvents).values({
    at: ctx.now(),
    provinceId: e.provinceId,
    actorId: ctx.actor.id,
    actorLabel: ctx.actor.username,
    actorKind: ctx.actor.kind,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    before: e.before === undefined ? null : jsonSafe(e.before),
    after: e.after === undefined ? null : jsonSafe(e.after),
    requestId: ctx.requestId ?? null,
    ip: ctx.ip ?? null,
  });
}

export interface AuditQuery {
  entityType?: string | undefined;
  entityId?: string | undefined;
  page: number;
  pageSize: number;
  before?: number | undefined;
}

export async function listAuditEvents(ctx: ServiceContext, q: AuditQuery) {
  const where: SQL[] = [];
  // The secretariat sees its own province's trail; admin sees everything.
  if (ctx.actor.role !== 'admin') where.push(eq(auditEvents.provinceId, ctx.actor.provinceId ?? '-'));
  if (q.entityType) where.push(eq(auditEvents.entityType, q.entityType));
  if (q.entityId) where.push(eq(auditEvents.entityId, q.entityId));
  if (q.before) where.push(lt(auditEvents.id, q.before));
  const cond = where.length ? and(...where) : undefined;
  const [items, total] = await Promise.all([
    ctx.db
      .select()
      .from(auditEvents)
      .where(cond)
      .orderBy(desc(auditEvents.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    ctx.db.select({ n: sql<number>`count(*)::int` }).from(auditEvents).where(cond),
  ]);
  return {
    items: items.map((e) => ({ ...e, id: String(e.id), at: e.at.toISOString() })),
    total: total[0]?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
  };
}

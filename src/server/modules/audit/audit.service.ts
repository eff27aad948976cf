/**
 * The audit trail: every change writes one event in the same transaction as the change.
 * The table is append-only (a trigger refuses UPDATE/DELETE), so these are the only writes.
 */
import type { DbOrTx } from '../../db/client.js';
import type { ServiceContext } from '../../context.js';
import type { AuditEvent, ExportAuditQuery, ListAuditQuery } from '../../../shared/contracts/audit.js';
import { addDays, tehranDayStart, type IsoDate } from '../../../shared/jalali.js';
import { writeCsv, writeXlsx, type SheetColumn } from '../../sheets/write-sheet.js';
import { contentTypeOf } from '../../sheets/table-file.js';
import type { Cell } from '../../sheets/sheet-row.js';
import * as repo from './audit.repo.js';
import type { GuardedRow } from '../../db/guarded-insert.js';
import type { AuditEntityType } from '../../../shared/contracts/audit.js';

export type EntityType = AuditEntityType;

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
      if (k === 'passwordHash' || k === 'tokenHash' || k === 'mfaSecret' || k === 'mfaPendingSecret' || k === 'mfaRecoveryHashes') return undefined;
      return typeof val === 'bigint' ? val.toString() : val;
    }),
  ) as unknown;
}

export async function recordAudit(tx: DbOrTx, ctx: ServiceContext, e: AuditInput): Promise<void> {
  await repo.insertAuditEvent(tx, auditValues(ctx, e));
}

/** The audit entry as a row written with the change it records, in the change's own statement (db/guarded-insert.ts). */
export function auditRow(ctx: ServiceContext, e: AuditInput): GuardedRow {
  return repo.auditEventRow(auditValues(ctx, e));
}

function auditValues(ctx: ServiceContext, e: AuditInput): repo.NewAuditRow {
  return {
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
  };
}

/** The caller's view of the trail: the secretariat its own province's events; admin everything. Days are Tehran's. */
function conditionsOf(ctx: ServiceContext, q: Omit<ListAuditQuery, 'page' | 'pageSize'>): repo.AuditConditions {
  return {
    ...(ctx.actor.role !== 'admin' ? { provinceId: ctx.actor.provinceId ?? '-' } : {}),
    entityType: q.entityType,
    entityId: q.entityId,
    actorId: q.actorId,
    since: q.from ? tehranDayStart(q.from as IsoDate) : undefined,
    until: q.to ? tehranDayStart(addDays(q.to as IsoDate, 1)) : undefined,
  };
}

function toEvent(e: repo.AuditRow): AuditEvent {
  return { ...e, id: String(e.id), at: e.at.toISOString() };
}

export async function listAuditEvents(ctx: ServiceContext, q: ListAuditQuery) {
  const c = conditionsOf(ctx, q);
  const [items, total] = await Promise.all([
    repo.findAuditEvents(ctx.db, c, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize }),
    repo.countAuditEvents(ctx.db, c),
  ]);
  return { items: items.map(toEvent), total, page: q.page, pageSize: q.pageSize };
}

/** An export stops here; narrow the filters for more. */
export const AUDIT_EXPORT_MAX_ROWS = 50_000;

export async function exportAuditEvents(ctx: ServiceContext, q: ExportAuditQuery): Promise<{ filename: string; contentType: string; body: Buffer }> {
  const rows = await repo.findAuditEvents(ctx.db, conditionsOf(ctx, q), { limit: AUDIT_EXPORT_MAX_ROWS, offset: 0 });
  const columns: SheetColumn[] = [
    { header: 'شناسه', width: 10, kind: 'number' },
    { header: 'زمان', width: 24, kind: 'text' },
    { header: 'استان', width: 10, kind: 'text' },
    { header: 'کاربر', width: 24, kind: 'text' },
    { header: 'نام کاربری', width: 20, kind: 'text' },
    { header: 'شناسهٔ کاربر', width: 38, kind: 'text' },
    { header: 'کنش', width: 24, kind: 'text' },
    { header: 'نوع رکورد', width: 14, kind: 'text' },
    { header: 'شناسهٔ رکورد', width: 38, kind: 'text' },
    { header: 'نشانی', width: 16, kind: 'text' },
    { header: 'پیش از', width: 40, kind: 'text' },
    { header: 'پس از', width: 40, kind: 'text' },
  ];
  function* cells(): Generator<Cell[]> {
    for (const e of rows) {
      yield [e.id, e.at.toISOString(), e.provinceId, e.actorName, e.actorLabel, e.actorId, e.action, e.entityType, e.entityId, e.ip,
        e.before === null ? null : JSON.stringify(e.before), e.after === null ? null : JSON.stringify(e.after)];
    }
  }
  if (q.format === 'csv') return { filename: 'audit.csv', contentType: contentTypeOf('csv'), body: writeCsv(columns, cells()) };
  return {
    filename: 'audit.xlsx',
    contentType: contentTypeOf('xlsx'),
    body: await writeXlsx([{ name: 'رویدادها', columns, rows: cells(), rightToLeft: true }]),
  };
}

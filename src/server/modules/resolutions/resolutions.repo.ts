/** SQL for resolutions. Everything here takes an already-scoped province (and agency or unit, by role). */
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { agencies, agendaItems, resolutionAgencies, resolutionEvents, resolutionFollowups, resolutions, units, wgSessions } from '../../db/schema.js';
import type {
  ListResolutionsQuery,
  NotDoneCause,
  Resolution,
  ResolutionEvent,
  ResolutionFollowup,
  ResolutionStatus,
} from '../../../shared/contracts/resolutions.js';
import { daysBetween, type IsoDate } from '../../../shared/jalali.js';

export interface ResolutionScope {
  provinceId: string;
  /** an agency: only resolutions naming it */
  agencyId?: string;
  /** a producer: only resolutions about their unit (timeline only) */
  unitId?: string;
}

export type ResolutionRow = typeof resolutions.$inferSelect;

const ACTIVE = sql.raw(`('open','in_progress')`);

/** Open or in progress and past its due date on `today`. */
export function overdueSql(today: IsoDate): SQL<boolean> {
  return sql<boolean>`(${resolutions.status} in ${ACTIVE} and ${resolutions.dueDate} < ${today})`;
}

export function namesAgency(agencyId: string): SQL {
  return sql`exists (select 1 from ${resolutionAgencies} where ${resolutionAgencies.resolutionId} = ${resolutions.id} and ${resolutionAgencies.agencyId} = ${agencyId})`;
}

export function resolutionConditions(scope: ResolutionScope, q: Partial<ListResolutionsQuery>, today: IsoDate): SQL | undefined {
  const where: SQL[] = [eq(resolutions.provinceId, scope.provinceId)];
  if (scope.agencyId) where.push(namesAgency(scope.agencyId));
  if (scope.unitId) where.push(eq(resolutions.unitId, scope.unitId));
  if (q.agencyId) where.push(namesAgency(q.agencyId));
  if (q.status) where.push(eq(resolutions.status, q.status));
  if (q.overdue === true) where.push(overdueSql(today));
  if (q.overdue === false) where.push(sql`not ${overdueSql(today)}`);
  if (q.fiscalYear) where.push(eq(wgSessions.fiscalYear, q.fiscalYear));
  if (q.sessionId) where.push(eq(resolutions.sessionId, q.sessionId));
  if (q.unitId) where.push(eq(resolutions.unitId, q.unitId));
  if (q.demandId) where.push(eq(resolutions.demandId, q.demandId));
  if (q.referralId) where.push(eq(resolutions.referralId, q.referralId));
  return and(...where);
}

const sortColumns = {
  dueDate: resolutions.dueDate,
  code: resolutions.code,
  createdAt: resolutions.createdAt,
  updatedAt: resolutions.updatedAt,
} as const;

/** Default: overdue first (the longest late first), then by due date. */
export function resolutionOrder(sort: ListResolutionsQuery['sort'], today: IsoDate): SQL[] {
  if (!sort) return [desc(overdueSql(today)), asc(resolutions.dueDate), asc(resolutions.code)];
  const descending = sort.startsWith('-');
  const col = sortColumns[(descending ? sort.slice(1) : sort) as keyof typeof sortColumns];
  return [descending ? desc(col) : asc(col), asc(resolutions.id)];
}

function selectResolutions(db: DbOrTx) {
  return db
    .select({
      r: resolutions,
      sessionNumber: wgSessions.number,
      sessionHeldOn: wgSessions.heldOn,
      fiscalYear: wgSessions.fiscalYear,
      unitName: units.name,
    })
    .from(resolutions)
    .innerJoin(wgSessions, eq(wgSessions.id, resolutions.sessionId))
    .leftJoin(units, eq(units.id, resolutions.unitId));
}

type SelectedRow = { r: ResolutionRow; sessionNumber: number; sessionHeldOn: string; fiscalYear: number; unitName: string | null };
type AgencyRef = { id: string; name: string; nameEn: string };

export async function agenciesOf(db: DbOrTx, ids: string[]): Promise<Map<string, AgencyRef[]>> {
  const out = new Map<string, AgencyRef[]>();
  if (ids.length === 0) return out;
  const rows = await db
    .select({ resolutionId: resolutionAgencies.resolutionId, id: agencies.id, name: agencies.name, nameEn: agencies.nameEn })
    .from(resolutionAgencies)
    .innerJoin(agencies, eq(agencies.id, resolutionAgencies.agencyId))
    .where(inArray(resolutionAgencies.resolutionId, ids))
    .orderBy(sql`${agencies.name} collate "und-x-icu"`);
  for (const r of rows) out.set(r.resolutionId, [...(out.get(r.resolutionId) ?? []), { id: r.id, name: r.name, nameEn: r.nameEn }]);
  return out;
}

export function isOverdue(status: string, dueDate: IsoDate, today: IsoDate): boolean {
  return (status === 'open' || status === 'in_progress') && dueDate < today;
}

/** Open, never objected before, and today within the window. */
export function isObjectionOpen(r: Pick<ResolutionRow, 'status' | 'objectionReason' | 'objectionDeadline'>, today: IsoDate): boolean {
  return r.status === 'open' && r.objectionReason === null && r.objectionDeadline !== null && today <= r.objectionDeadline;
}

export function toResolution(row: SelectedRow, agencyList: AgencyRef[], today: IsoDate): Resolution {
  const r = row.r;
  const closed = r.status === 'done' || r.status === 'not_done' || r.status === 'cancelled';
  return {
    id: r.id,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    code: r.code,
    provinceId: r.provinceId,
    sessionId: r.sessionId,
    sessionNumber: row.sessionNumber,
    sessionHeldOn: row.sessionHeldOn,
    fiscalYear: row.fiscalYear,
    agendaItemId: r.agendaItemId,
    unitId: r.unitId,
    unitName: row.unitName,
    demandId: r.demandId,
    referralId: r.referralId,
    text: r.text,
    agencies: agencyList,
    dueDate: r.dueDate,
    status: r.status as ResolutionStatus,
    notifiedAt: r.notifiedAt?.toISOString() ?? null,
    objectionDeadline: r.objectionDeadline,
    objectionOpen: isObjectionOpen(r, today),
    objectionReason: r.objectionReason,
    notDoneCause: (r.notDoneCause as NotDoneCause | null) ?? null,
    closedAt: r.closedAt?.toISOString() ?? null,
    overdue: isOverdue(r.status, r.dueDate, today),
    daysLeft: closed ? null : daysBetween(today, r.dueDate),
  };
}

async function withAgencies(db: DbOrTx, rows: SelectedRow[], today: IsoDate): Promise<Resolution[]> {
  const map = await agenciesOf(
    db,
    rows.map((r) => r.r.id),
  );
  return rows.map((r) => toResolution(r, map.get(r.r.id) ?? [], today));
}

export async function findResolutions(db: DbOrTx, scope: ResolutionScope, q: ListResolutionsQuery, today: IsoDate) {
  const cond = resolutionConditions(scope, q, today);
  const [rows, total] = await Promise.all([
    selectResolutions(db)
      .where(cond)
      .orderBy(...resolutionOrder(q.sort, today))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(resolutions)
      .innerJoin(wgSessions, eq(wgSessions.id, resolutions.sessionId))
      .where(cond),
  ]);
  return { items: await withAgencies(db, rows, today), total: total[0]?.n ?? 0 };
}

/** Every resolution matching, unpaged (the board, the rate, a session's list, a unit's timeline). */
export async function findAllResolutions(db: DbOrTx, scope: ResolutionScope, q: Partial<ListResolutionsQuery>, today: IsoDate): Promise<Resolution[]> {
  const rows = await selectResolutions(db)
    .where(resolutionConditions(scope, q, today))
    .orderBy(...resolutionOrder(q.sort, today));
  return withAgencies(db, rows, today);
}

export async function findResolution(db: DbOrTx, scope: ResolutionScope, id: string, today: IsoDate): Promise<Resolution | undefined> {
  const [row] = await selectResolutions(db)
    .where(and(resolutionConditions(scope, {}, today), eq(resolutions.id, id)))
    .limit(1);
  if (!row) return undefined;
  return (await withAgencies(db, [row], today))[0];
}

export async function findResolutionContext(db: DbOrTx, id: string) {
  const [row] = await db
    .select({ sessionTitle: wgSessions.title, agendaSubject: agendaItems.subject })
    .from(resolutions)
    .innerJoin(wgSessions, eq(wgSessions.id, resolutions.sessionId))
    .leftJoin(agendaItems, eq(agendaItems.id, resolutions.agendaItemId))
    .where(eq(resolutions.id, id));
  return row ?? { sessionTitle: null, agendaSubject: null };
}

export async function findResolutionHistory(db: DbOrTx, id: string): Promise<ResolutionEvent[]> {
  const rows = await db.select().from(resolutionEvents).where(eq(resolutionEvents.resolutionId, id)).orderBy(asc(resolutionEvents.id));
  return rows.map((e) => ({
    id: String(e.id),
    from: (e.fromStatus as ResolutionStatus | null) ?? null,
    to: e.toStatus as ResolutionStatus,
    note: e.note,
    cause: (e.cause as NotDoneCause | null) ?? null,
    agencyId: e.agencyId,
    actorName: e.actorName,
    actorRole: e.actorRole,
    onBehalf: e.onBehalf,
    at: e.at.toISOString(),
  }));
}

export async function findResolutionFollowups(db: DbOrTx, id: string): Promise<ResolutionFollowup[]> {
  const rows = await db
    .select({ f: resolutionFollowups, agencyName: agencies.name })
    .from(resolutionFollowups)
    .leftJoin(agencies, eq(agencies.id, resolutionFollowups.agencyId))
    .where(eq(resolutionFollowups.resolutionId, id))
    .orderBy(asc(resolutionFollowups.id));
  return rows.map(({ f, agencyName }) => ({
    id: String(f.id),
    note: f.note,
    authorName: f.authorName,
    authorRole: f.authorRole,
    agencyId: f.agencyId,
    agencyName: agencyName ?? null,
    at: f.at.toISOString(),
  }));
}

/** The agencies a resolution names (for the scope check inside a transaction). */
export async function agencyIdsOf(db: DbOrTx, resolutionId: string): Promise<string[]> {
  const rows = await db.select({ id: resolutionAgencies.agencyId }).from(resolutionAgencies).where(eq(resolutionAgencies.resolutionId, resolutionId));
  return rows.map((r) => r.id);
}

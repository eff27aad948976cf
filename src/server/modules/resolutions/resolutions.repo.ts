/** SQL for resolutions. Everything here takes an already-scoped province (and agency or unit, by role). */
import { and, asc, desc, eq, gte, inArray, lte, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { sortOn } from '../../db/sort.js';
import { pageWithTotal, totalColumn } from '../../db/paging.js';
import { agencies, agendaItems, resolutionAgencies, resolutionEvents, resolutionFollowups, resolutions, settings, units, wgSessions } from '../../db/schema.js';
import {
  ACTIVE_RESOLUTION_STATUSES,
  type ListResolutionsQuery,
  type NotDoneCause,
  type Resolution,
  type ResolutionEvent,
  type ResolutionFollowup,
  type ResolutionStatus,
} from '../../../shared/contracts/resolutions.js';
import { daysBetween, type IsoDate } from '../../../shared/jalali.js';
import { stampsOf } from '../../db/stamps.js';
import { pick, insertReturningId } from '../../db/rows.js';

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

/**
 * Not overdue on `today`: not active, or due today or later. The same as `not overdueSql(today)` (due dates are never
 * null); among active resolutions only, simply due today or later, which the province's status and due-date index
 * serves as a range (the planner cannot see one in `not (a and b)`).
 */
function notOverdueSql(today: IsoDate): SQL {
  return sql`(${resolutions.status} not in ${ACTIVE} or ${resolutions.dueDate} >= ${today})`;
}

/** Whether the filters keep only active resolutions (open or in progress). */
function onlyActive(q: Partial<ListResolutionsQuery>): boolean {
  const active: readonly string[] = ACTIVE_RESOLUTION_STATUSES;
  return q.active === true || (q.status !== undefined && active.includes(q.status));
}

/**
 * Whether some resolution is about the record (`id`: a column of the record's own statement), in any scope: when none
 * is, the record's page need not ask which of them the caller may see.
 */
export function hasResolutionsAboutSql(about: 'demand' | 'referral', id: SQLWrapper): SQL<boolean> {
  const column = about === 'demand' ? resolutions.demandId : resolutions.referralId;
  return sql<boolean>`exists (select 1 from ${resolutions} where ${column} = ${id})`;
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
  if (q.overdue === false) where.push(onlyActive(q) ? gte(resolutions.dueDate, today) : notOverdueSql(today));
  if (q.active === true) where.push(sql`${resolutions.status} in ${ACTIVE}`);
  if (q.active === false) where.push(sql`${resolutions.status} not in ${ACTIVE}`);
  if (q.dueBy) where.push(lte(resolutions.dueDate, q.dueBy));
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

/**
 * Default: overdue first (the longest late first), then by due date. When the filter keeps only overdue ones, or none,
 * "overdue first" orders nothing and is left out, so a page can be read in due-date order from an index and stop at
 * its last row (an agency's overdue resolutions: `resolutions_active_due_idx`).
 */
export function resolutionOrder(q: Pick<Partial<ListResolutionsQuery>, 'sort' | 'overdue'>, today: IsoDate): SQL[] {
  if (q.sort) return [sortOn(sortColumns, q.sort).by, asc(resolutions.id)];
  const byDue = [asc(resolutions.dueDate), asc(resolutions.code)];
  return q.overdue === undefined ? [desc(overdueSql(today)), ...byDue] : byDue;
}

const resolutionColumns = {
  r: resolutions,
  sessionNumber: wgSessions.number,
  sessionHeldOn: wgSessions.heldOn,
  fiscalYear: wgSessions.fiscalYear,
  unitName: units.name,
};

/** Resolutions with their session and unit; `count`: with the list's total on each row too (`pageWithTotal`). */
function selectResolutions(db: DbOrTx, count?: SQLWrapper) {
  return db
    .select({ ...resolutionColumns, total: count ? totalColumn(count) : sql<number>`0` })
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
    agencies: agencyList,
    ...stampsOf(r),
    ...pick(r, ['code', 'provinceId', 'sessionId', 'agendaItemId', 'unitId', 'demandId', 'referralId', 'text', 'dueDate', 'objectionDeadline', 'objectionReason']),
    ...pick(row, ['sessionNumber', 'sessionHeldOn', 'fiscalYear', 'unitName']),
    status: r.status as ResolutionStatus,
    notifiedAt: r.notifiedAt?.toISOString() ?? null,
    objectionOpen: isObjectionOpen(r, today),
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

/** How many resolutions meet `cond`; joined to their sessions only when it reads one (the fiscal year). */
function countResolutions(db: DbOrTx, cond: SQL | undefined, readsSession: boolean) {
  const counted = db.select({ n: sql<number>`count(*)::int` }).from(resolutions);
  return (readsSession ? counted.innerJoin(wgSessions, eq(wgSessions.id, resolutions.sessionId)) : counted).where(cond);
}

export async function findResolutions(db: DbOrTx, scope: ResolutionScope, q: ListResolutionsQuery, today: IsoDate) {
  const cond = resolutionConditions(scope, q, today);
  const { rows, total } = await pageWithTotal(
    selectResolutions(db, countResolutions(db, cond, Boolean(q.fiscalYear)))
      .where(cond)
      .orderBy(...resolutionOrder(q, today))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    q.page,
    () => countResolutions(db, cond, Boolean(q.fiscalYear)),
  );
  return { items: await withAgencies(db, rows, today), total };
}

/** Every resolution matching, unpaged (the board, the rate, a session's list, a unit's timeline). */
export async function findAllResolutions(db: DbOrTx, scope: ResolutionScope, q: Partial<ListResolutionsQuery>, today: IsoDate): Promise<Resolution[]> {
  const rows = await selectResolutions(db)
    .where(resolutionConditions(scope, q, today))
    .orderBy(...resolutionOrder(q, today));
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
    authorName: f.actorName,
    authorRole: f.actorRole,
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

// ── Writing ─────────────────────────────────────────────────────────────────

export type ResolutionChanges = Partial<typeof resolutions.$inferInsert>;

/** The objection-window setting rows of the province and of the installation ('*'). */
export function findObjectionWindowSetting(db: DbOrTx, provinceId: string, key: string) {
  return db
    .select({ provinceId: settings.provinceId, value: settings.value })
    .from(settings)
    .where(and(eq(settings.key, key), inArray(settings.provinceId, [provinceId, '*'])));
}

/** Holds a session of the province (FOR SHARE) while a resolution is added to it. */
export async function lockSessionForResolution(tx: DbOrTx, provinceId: string, sessionId: string) {
  const [session] = await tx
    .select({ id: wgSessions.id, heldOn: wgSessions.heldOn, fiscalYear: wgSessions.fiscalYear })
    .from(wgSessions)
    .where(and(eq(wgSessions.id, sessionId), eq(wgSessions.provinceId, provinceId)))
    .for('share');
  return session;
}

/** Which of these agency ids exist. */
export async function findKnownAgencyIds(db: DbOrTx, ids: string[]): Promise<string[]> {
  return (await db.select({ id: agencies.id }).from(agencies).where(inArray(agencies.id, ids))).map((r) => r.id);
}

/** An item of the session's agenda (what a resolution is about). */
export async function findSessionAgendaItem(db: DbOrTx, sessionId: string, itemId: string) {
  const [item] = await db
    .select({ id: agendaItems.id, unitId: agendaItems.unitId, demandId: agendaItems.demandId, referralId: agendaItems.referralId, status: agendaItems.status })
    .from(agendaItems)
    .where(and(eq(agendaItems.id, itemId), eq(agendaItems.sessionId, sessionId)));
  return item;
}

export async function insertResolution(tx: DbOrTx, values: typeof resolutions.$inferInsert): Promise<string> {
  return insertReturningId(tx, resolutions, values);
}

export async function insertResolutionAgencies(tx: DbOrTx, resolutionId: string, agencyIds: string[]): Promise<void> {
  await tx.insert(resolutionAgencies).values(agencyIds.map((agencyId) => ({ resolutionId, agencyId })));
}

export async function insertResolutionEvent(tx: DbOrTx, values: typeof resolutionEvents.$inferInsert): Promise<void> {
  await tx.insert(resolutionEvents).values(values);
}

export async function insertResolutionFollowup(tx: DbOrTx, values: typeof resolutionFollowups.$inferInsert): Promise<number> {
  return insertReturningId(tx, resolutionFollowups, values);
}

/** An agenda item a resolution was made on becomes discussed. */
export async function markAgendaItemDiscussed(tx: DbOrTx, itemId: string, now: Date): Promise<void> {
  await tx
    .update(agendaItems)
    .set({ status: 'discussed', version: sql`${agendaItems.version} + 1`, updatedAt: now })
    .where(eq(agendaItems.id, itemId));
}

/** Locks a resolution of the province (FOR UPDATE): what a change checks against. */
export async function lockResolution(tx: DbOrTx, provinceId: string, id: string) {
  const [locked] = await tx
    .select({
      version: resolutions.version,
      status: resolutions.status,
      objectionDeadline: resolutions.objectionDeadline,
      objectionReason: resolutions.objectionReason,
    })
    .from(resolutions)
    .where(and(eq(resolutions.id, id), eq(resolutions.provinceId, provinceId)))
    .for('update');
  return locked;
}

export async function updateResolutionRow(tx: DbOrTx, id: string, set: ResolutionChanges): Promise<void> {
  await tx.update(resolutions).set(set).where(eq(resolutions.id, id));
}

export async function touchResolution(tx: DbOrTx, id: string, now: Date): Promise<void> {
  await tx.update(resolutions).set({ updatedAt: now }).where(eq(resolutions.id, id));
}

// ── Figures and the unit's story ─────────────────────────────────────────────

export async function countHeldSessions(db: DbOrTx, provinceId: string, fiscalYear: number): Promise<number> {
  const [held] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(wgSessions)
    .where(and(eq(wgSessions.provinceId, provinceId), eq(wgSessions.fiscalYear, fiscalYear), eq(wgSessions.status, 'held')));
  return held?.n ?? 0;
}

/** The state changes (not the creation) of these resolutions. */
export function findUnitResolutionEvents(db: DbOrTx, resolutionIds: string[]) {
  return db
    .select()
    .from(resolutionEvents)
    .where(and(inArray(resolutionEvents.resolutionId, resolutionIds), sql`${resolutionEvents.fromStatus} is not null`));
}

/** The agenda items about a unit, with their session's number, year and day. */
export function findUnitAgendaItems(db: DbOrTx, provinceId: string, unitId: string) {
  return db
    .select({ id: agendaItems.id, subject: agendaItems.subject, createdAt: agendaItems.createdAt, status: agendaItems.status, number: wgSessions.number, fiscalYear: wgSessions.fiscalYear, heldOn: wgSessions.heldOn })
    .from(agendaItems)
    .innerJoin(wgSessions, eq(wgSessions.id, agendaItems.sessionId))
    .where(and(eq(agendaItems.provinceId, provinceId), eq(agendaItems.unitId, unitId)));
}

/** SQL for demands, their events and follow-ups. Everything takes an already-scoped province (and agency or unit). */
import { and, asc, desc, eq, gte, inArray, like, lt, lte, notInArray, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { containing } from '../../db/like.js';
import { lookup, lookupOptional } from '../../db/lookup.js';
import { keptCount, onlyNames } from '../../db/list-counts.js';
import { preparedOn } from '../../db/prepared.js';
import type { ForeignProbes } from '../../db/page-probes.js';
import { pageWithTotal, totalColumn } from '../../db/paging.js';
import { agencies, counties, demandEvents, demandFeedback, demandFollowups, demands, obstacleCategories, units, visits } from '../../db/schema.js';
import type { Demand, DemandEvent, DemandFeedback, DemandFollowup, DemandPriority, ListDemandsQuery } from '../../../shared/contracts/demands.js';
import { daysBetween, tehranDate, type IsoDate } from '../../../shared/jalali.js';
import { OPEN_DEMAND_STATUSES, type DemandStatus } from '../../../shared/machines.js';
import { searchKey } from '../../../shared/text.js';
import { stampsOf } from '../../db/stamps.js';
import { pick, insertReturningId } from '../../db/rows.js';

export type DemandRow = typeof demands.$inferSelect;

export interface DemandScope {
  provinceId: string;
  /** an agency: only demands assigned to it */
  agencyId?: string;
  /** a producer: only their own unit's demands */
  unitId?: string;
}

const isOpen = inArray(demands.status, [...OPEN_DEMAND_STATUSES]);
/** Open and past its due date on `today` (Tehran). */
export const overdueOn = (today: IsoDate): SQL => and(isOpen, lt(demands.dueDate, today))!;

export function scopeConditions(scope: DemandScope): SQL[] {
  const where: SQL[] = [eq(demands.provinceId, scope.provinceId)];
  if (scope.agencyId) where.push(eq(demands.agencyId, scope.agencyId));
  if (scope.unitId) where.push(eq(demands.unitId, scope.unitId));
  return where;
}

/** Whether the filters read a unit's column (county, the name search), so a count must join `units`. */
export function demandFiltersNeedUnits(q: Partial<ListDemandsQuery>): boolean {
  return Boolean(q.countyId || (q.q && searchKey(q.q)));
}

export function demandConditions(scope: DemandScope, q: Partial<ListDemandsQuery>, today: IsoDate): SQL | undefined {
  const where = scopeConditions(scope);
  if (q.unitId) where.push(eq(demands.unitId, q.unitId));
  if (q.visitId) where.push(eq(demands.visitId, q.visitId));
  if (q.agencyId) where.push(eq(demands.agencyId, q.agencyId));
  if (q.status) where.push(eq(demands.status, q.status));
  if (q.open === true) where.push(isOpen);
  if (q.open === false) where.push(notInArray(demands.status, [...OPEN_DEMAND_STATUSES]));
  if (q.categoryCode) where.push(eq(demands.categoryCode, q.categoryCode));
  if (q.countyId) where.push(eq(units.countyId, q.countyId));
  if (q.priority) where.push(eq(demands.priority, q.priority));
  if (q.overdue === true) where.push(overdueOn(today));
  // not overdue: closed, or due today or later — `not (open and due < today)` written so the open demands' due-date
  // index serves it (an agency's "due this week" read 2,339 index entries for 0 rows: 9.4 → 0.5 ms)
  if (q.overdue === false) where.push(onlyOpen(q) ? gte(demands.dueDate, today) : or(notInArray(demands.status, [...OPEN_DEMAND_STATUSES]), gte(demands.dueDate, today))!);
  if (q.dueBy) where.push(lte(demands.dueDate, q.dueBy));
  if (q.q) {
    const key = searchKey(q.q);
    if (key) {
      const pattern = containing(key);
      where.push(or(like(demands.titleKey, pattern), like(units.nameKey, pattern), sql`lower(replace(${demands.code}, '-', '')) like ${pattern}`)!);
    }
  }
  return and(...where);
}

const priorityRank = sql`(case ${demands.priority} when 'urgent' then 4 when 'high' then 3 when 'normal' then 2 else 1 end)`;

/** Whether the filters keep only open demands: among them "overdue first" is simply the earliest due date first. */
function onlyOpen(q: Partial<ListDemandsQuery>): boolean {
  return q.open === true || q.overdue === true || (q.status !== undefined && isOpenStatus(q.status));
}

function demandOrder(q: Partial<ListDemandsQuery>, today: IsoDate): SQL[] {
  const s = q.sort ?? '-createdAt';
  if (s === 'urgency') {
    const byDue = [asc(demands.dueDate), sql`${priorityRank} desc`, asc(demands.createdAt), asc(demands.id)];
    // Overdue first, then by due date, priority and age. Over open demands only, the first key adds nothing, and
    // leaving it out lets the (province or agency, status, due date) index give the rows in order: the home pages'
    // "escalated" and "overdue" lists read 5 rows instead of sorting every one (30 → 1 ms on a province's 2,500).
    return onlyOpen(q) ? byDue : [sql`(case when ${overdueOn(today)} then 0 else 1 end)`, ...byDue];
  }
  const descending = s.startsWith('-');
  const key = descending ? s.slice(1) : s;
  const col: SQL | typeof demands.createdAt =
    key === 'dueDate' ? sql`${demands.dueDate}` : key === 'code' ? sql`${demands.code}` : key === 'priority' ? priorityRank : key === 'updatedAt' ? demands.updatedAt : demands.createdAt;
  // ties follow the same direction, so an index on (…, created_at, id) gives a page in order (a list's first page reads
  // 20 rows, not every row of its newest instant)
  const direction = descending ? desc : asc;
  return [direction(col), ...(col === demands.createdAt ? [] : [direction(demands.createdAt)]), direction(demands.id)];
}

const demandColumns = {
  demand: demands,
  unitName: units.name,
  countyId: units.countyId,
  countyName: lookup(counties.name, counties.id, units.countyId),
  categoryName: lookup(obstacleCategories.name, obstacleCategories.code, demands.categoryCode),
  agencyName: lookupOptional(agencies.name, agencies.id, demands.agencyId),
};

/** Demands with their display names; `count`: with the list's total on each row too (`pageWithTotal`). */
export function selectDemands(db: DbOrTx, count?: SQLWrapper) {
  return db
    .select({ ...demandColumns, total: count ? totalColumn(count) : sql<number>`0` })
    .from(demands)
    .innerJoin(units, eq(units.id, demands.unitId));
}

/** Whether each list a demand's page shows beside it has rows (db/page-probes.ts). */
export interface DemandChildren {
  followups: boolean;
  files: boolean;
  feedback: boolean;
  resolutions: boolean;
}

/**
 * A demand's steps (oldest first) as a JSON array (text) in its page's own statement, instead of a second statement
 * after it: ids as text, instants as epoch milliseconds (`historyOf`).
 */
const historyJson = sql<string>`(select coalesce(json_agg(json_build_object(
    'id', ${demandEvents.id}::text, 'from', ${demandEvents.fromStatus}, 'to', ${demandEvents.toStatus}, 'note', ${demandEvents.note},
    'agencyId', ${demandEvents.agencyId}, 'agencyName', ${agencies.name}, 'actorName', ${demandEvents.actorName}, 'actorRole', ${demandEvents.actorRole},
    'atMs', floor(extract(epoch from ${demandEvents.at}) * 1000)
  ) order by ${demandEvents.id}), '[]')::text
  from ${demandEvents} left join ${agencies} on ${agencies.id} = ${demandEvents.agencyId}
  where ${demandEvents.demandId} = ${demands.id})`;

type StoredStep = Omit<DemandEvent, 'at'> & { atMs: number };

/** The steps as the contract sends them, from `historyJson`. */
function historyOf(json: string): DemandEvent[] {
  return (JSON.parse(json) as StoredStep[]).map(({ atMs, ...e }) => ({ ...e, at: new Date(atMs).toISOString() }));
}

function selectDemandPage(db: DbOrTx, probes: ForeignProbes) {
  const foreign = probes(demands.id);
  return db
    .select({
      ...demandColumns,
      total: sql<number>`0`,
      hasFollowups: sql<boolean>`exists (select 1 from ${demandFollowups} where ${demandFollowups.demandId} = ${demands.id})`,
      hasFeedback: sql<boolean>`exists (select 1 from ${demandFeedback} where ${demandFeedback.demandId} = ${demands.id})`,
      hasFiles: foreign.files,
      hasResolutions: foreign.resolutions,
      history: historyJson,
    })
    .from(demands)
    .innerJoin(units, eq(units.id, demands.unitId));
}

export type SelectedDemand = Awaited<ReturnType<ReturnType<typeof selectDemands>['execute']>>[number];

export function isOpenStatus(status: string): boolean {
  return (OPEN_DEMAND_STATUSES as readonly string[]).includes(status);
}

export function toDemand(r: SelectedDemand, today: IsoDate): Demand {
  const d = r.demand;
  const open = isOpenStatus(d.status);
  const registered = tehranDate(d.createdAt);
  const ageEnd = !open && d.resolvedAt ? tehranDate(d.resolvedAt) : today;
  return {
    priority: d.priority as DemandPriority,
    ...stampsOf(d),
    ...pick(d, ['code', 'provinceId', 'unitId', 'visitId', 'categoryCode', 'title', 'description', 'agencyId', 'dueDate']),
    ...pick(r, ['unitName', 'countyId', 'countyName', 'categoryName', 'agencyName']),
    status: d.status as DemandStatus,
    escalatedAt: d.escalatedAt?.toISOString() ?? null,
    resolvedAt: d.resolvedAt?.toISOString() ?? null,
    overdue: open && d.dueDate < today,
    daysLeft: open ? daysBetween(today, d.dueDate) : null,
    ageDays: Math.max(0, daysBetween(registered, ageEnd)),
  };
}

/** The list query's names a kept count answers (`list_counts`): paging, sort, agency, status and open or closed. */
const KEPT_COUNT_NAMES: ReadonlySet<string> = new Set(['page', 'pageSize', 'sort', 'agencyId', 'status', 'open']);

/**
 * A list's total: from the kept counts when it asks only their keys, else `count(*)` of the demands matching `cond`,
 * joining `units` only when the filters read it.
 */
function countDemands(db: DbOrTx, scope: DemandScope, cond: SQL | undefined, q: Partial<ListDemandsQuery>) {
  const sameAgency = !scope.agencyId || !q.agencyId || q.agencyId === scope.agencyId;
  if (scope.unitId === undefined && sameAgency && onlyNames(q, KEPT_COUNT_NAMES)) {
    const open: readonly string[] = OPEN_DEMAND_STATUSES;
    const statuses = q.status ? [q.status].filter((s) => q.open === undefined || open.includes(s) === q.open) : q.open === true ? open : undefined;
    return keptCount(db, 'demand', { provinceId: scope.provinceId, agencyId: scope.agencyId ?? (q.agencyId || undefined), statuses, notStatuses: q.open === false && !q.status ? open : undefined });
  }
  const count = db.select({ n: sql<number>`count(*)::int` }).from(demands).$dynamic();
  return (demandFiltersNeedUnits(q) ? count.innerJoin(units, eq(units.id, demands.unitId)) : count).where(cond);
}

export async function findDemands(db: DbOrTx, scope: DemandScope, q: ListDemandsQuery, today: IsoDate) {
  const cond = demandConditions(scope, q, today);
  const { rows, total } = await pageWithTotal(
    selectDemands(db, countDemands(db, scope, cond, q)).where(cond).orderBy(...demandOrder(q, today)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    q.page,
    () => countDemands(db, scope, cond, q),
  );
  return { items: rows.map((r) => toDemand(r, today)), total };
}

export async function findDemand(db: DbOrTx, scope: DemandScope, id: string, today: IsoDate): Promise<Demand | undefined> {
  const row = await demandById(db, scope, id, 'demand_by_id', selectDemands);
  return row ? toDemand(row, today) : undefined;
}

const childrenOf = (row: { hasFollowups: boolean; hasFiles: boolean; hasFeedback: boolean; hasResolutions: boolean }): DemandChildren => ({
  followups: row.hasFollowups,
  files: row.hasFiles,
  feedback: row.hasFeedback,
  resolutions: row.hasResolutions,
});

/** A demand's page read: its stored row (for a change to build the record it leaves from), the record, which of its lists have rows, its history. */
export interface DemandPage {
  row: SelectedDemand;
  demand: Demand;
  children: DemandChildren;
  history: DemandEvent[];
}

/**
 * A demand in scope as its page reads it: the record, which of its page's lists have rows (`DemandChildren`) and its
 * history, in one statement; given `lock`, locked in the caller's transaction — `update` for a change of the demand,
 * `share` while something is added beside it (only the demand's row, not its unit's).
 */
export async function findDemandPage(db: DbOrTx, scope: DemandScope, id: string, today: IsoDate, probes: ForeignProbes, lock?: 'update' | 'share'): Promise<DemandPage | undefined> {
  const row = await demandById(db, scope, id, lock ? `demand_page_for_${lock}` : 'demand_page_by_id', (on) => selectDemandPage(on, probes), lock);
  if (!row) return undefined;
  return { row, demand: toDemand(row, today), children: childrenOf(row), history: historyOf(row.history) };
}

/**
 * One demand in scope through `select` (locked `lock` of its own row when given); prepared once per database handle and
 * scope's shape as `name` (every page and step reads it).
 */
async function demandById<Q extends ReturnType<typeof selectDemands>>(db: DbOrTx, scope: DemandScope, id: string, name: string, select: (on: DbOrTx) => Q, lock?: 'update' | 'share') {
  type Row = Awaited<ReturnType<Q['execute']>>[number];
  // the builders' types drop `for` once a query has it; the row is the same either way
  const locked = <B>(query: B): B => (lock ? (query as unknown as { for(mode: string, config: object): B }).for(lock, { of: demands }) : query);
  if (scope.agencyId !== undefined && scope.unitId !== undefined) {
    const [row] = (await locked(select(db).where(and(...scopeConditions(scope), eq(demands.id, id))).limit(1))) as Row[];
    return row;
  }
  const shape = scope.agencyId !== undefined ? 'agency' : scope.unitId !== undefined ? 'unit' : 'province';
  const query = preparedOn(db, `${name}_${shape}`, (on, statement) => {
    const where = [eq(demands.id, sql.placeholder('id')), eq(demands.provinceId, sql.placeholder('provinceId'))];
    if (shape === 'agency') where.push(eq(demands.agencyId, sql.placeholder('scopeId')));
    if (shape === 'unit') where.push(eq(demands.unitId, sql.placeholder('scopeId')));
    return locked(select(on).where(and(...where)).limit(1)).prepare(statement);
  });
  const [row] = (await query.execute({ id, provinceId: scope.provinceId, scopeId: scope.agencyId ?? scope.unitId ?? null })) as Row[];
  return row;
}

/** Every demand of the scope matching extra conditions, unpaged (visit reports, timelines, candidates). */
export async function findDemandsWhere(db: DbOrTx, scope: DemandScope, extra: SQL[], order: SQL[] = [asc(demands.createdAt)]) {
  return selectDemands(db)
    .where(and(...scopeConditions(scope), ...extra))
    .orderBy(...order);
}

function eventsOf(db: DbOrTx, where: SQL) {
  return db.select({ e: demandEvents, agencyName: agencies.name }).from(demandEvents).leftJoin(agencies, eq(agencies.id, demandEvents.agencyId)).where(where).orderBy(asc(demandEvents.id));
}

/** The demands' histories; one demand's (its page, every step) is prepared once per database handle. */
export async function findEvents(db: DbOrTx, demandIds: string[]): Promise<(DemandEvent & { demandId: string })[]> {
  if (!demandIds.length) return [];
  const rows =
    demandIds.length === 1
      ? await preparedOn(db, 'demand_events_of', (on, name) => eventsOf(on, eq(demandEvents.demandId, sql.placeholder('id'))).prepare(name)).execute({ id: demandIds[0] })
      : await eventsOf(db, inArray(demandEvents.demandId, demandIds));
  return rows.map(({ e, agencyName }) => ({
    id: String(e.id),
    demandId: e.demandId,
    from: (e.fromStatus as DemandStatus | null) ?? null,
    to: e.toStatus as DemandStatus,
    note: e.note,
    agencyId: e.agencyId,
    agencyName,
    actorName: e.actorName,
    actorRole: e.actorRole,
    at: e.at.toISOString(),
  }));
}

function followupsOf(db: DbOrTx, where: SQL) {
  return db
    .select({ f: demandFollowups, agencyName: agencies.name })
    .from(demandFollowups)
    .leftJoin(agencies, eq(agencies.id, demandFollowups.agencyId))
    .where(where)
    .orderBy(asc(demandFollowups.id));
}

/** The demands' follow-ups; one demand's (its page) is prepared once per database handle. */
export async function findFollowups(db: DbOrTx, demandIds: string[]): Promise<(DemandFollowup & { demandId: string })[]> {
  if (!demandIds.length) return [];
  const rows =
    demandIds.length === 1
      ? await preparedOn(db, 'demand_followups_of', (on, name) => followupsOf(on, eq(demandFollowups.demandId, sql.placeholder('id'))).prepare(name)).execute({ id: demandIds[0] })
      : await followupsOf(db, inArray(demandFollowups.demandId, demandIds));
  return rows.map(({ f, agencyName }) => ({
    id: String(f.id),
    demandId: f.demandId,
    note: f.note,
    authorName: f.actorName,
    authorRole: f.actorRole,
    agencyId: f.agencyId,
    agencyName,
    at: f.at.toISOString(),
  }));
}

/** A demand's correctable fields (and its state), as written by the service. */
export type DemandChanges = Partial<typeof demands.$inferInsert>;

export function findDemandsOfVisit(db: DbOrTx, scope: DemandScope, visitId: string) {
  return findDemandsWhere(db, scope, [eq(demands.visitId, visitId)], [asc(demands.createdAt), asc(demands.code)]);
}

/** Escalated demands, oldest escalation first. */
export function findEscalatedDemands(db: DbOrTx, scope: DemandScope) {
  return findDemandsWhere(db, scope, [eq(demands.status, 'escalated')], [asc(demands.escalatedAt), asc(demands.code)]);
}

/** The open demands of these units, oldest due date first (what a field team reads before going in). */
export function findOpenDemandsOfUnits(db: DbOrTx, scope: DemandScope, unitIds: string[]) {
  return findDemandsWhere(db, scope, [inArray(demands.unitId, unitIds), isOpen], [asc(demands.dueDate), asc(demands.code)]);
}

export function findDemandsOfUnit(db: DbOrTx, scope: DemandScope, unitId: string) {
  return findDemandsWhere(db, scope, [eq(demands.unitId, unitId)]);
}

export async function findObstacleCategory(db: DbOrTx, code: string) {
  const [category] = await db.select().from(obstacleCategories).where(eq(obstacleCategories.code, code));
  return category;
}

export async function findAgencyName(db: DbOrTx, agencyId: string): Promise<{ id: string; name: string } | undefined> {
  const [agency] = await db.select({ id: agencies.id, name: agencies.name }).from(agencies).where(eq(agencies.id, agencyId));
  return agency;
}

/**
 * The unit a visit of the province is of (a demand's visit must be of the demand's unit). Read here, not
 * through the visits service: the visits module already asks this one for a visit's demands.
 */
export async function findVisitUnitId(db: DbOrTx, provinceId: string, visitId: string): Promise<string | undefined> {
  const [row] = await db.select({ unitId: visits.unitId }).from(visits).where(and(eq(visits.provinceId, provinceId), eq(visits.id, visitId))).limit(1);
  return row?.unitId;
}

export async function insertDemand(tx: DbOrTx, values: typeof demands.$inferInsert): Promise<string> {
  return insertReturningId(tx, demands, values);
}

export async function insertDemandEvent(tx: DbOrTx, values: typeof demandEvents.$inferInsert): Promise<number> {
  return insertReturningId(tx, demandEvents, values);
}

export async function insertDemandFollowup(tx: DbOrTx, values: typeof demandFollowups.$inferInsert): Promise<number> {
  return insertReturningId(tx, demandFollowups, values);
}

/** Writes a demand's changes; the row as it now is. */
export async function updateDemandRow(tx: DbOrTx, id: string, set: DemandChanges): Promise<DemandRow> {
  const [row] = await tx.update(demands).set(set).where(eq(demands.id, id)).returning();
  return row!;
}

/** The producer's rating of a demand, if given. */
export async function findFeedback(db: DbOrTx, demandId: string): Promise<DemandFeedback | null> {
  const query = preparedOn(db, 'demand_feedback_of', (on, name) => on.select().from(demandFeedback).where(eq(demandFeedback.demandId, sql.placeholder('id'))).limit(1).prepare(name));
  const [row] = await query.execute({ id: demandId });
  return row ? { score: row.score, comment: row.comment, authorName: row.authorName, createdAt: row.createdAt.toISOString() } : null;
}

/** Writes the rating; the unique index on demand_id refuses a second one. */
export async function insertFeedback(tx: DbOrTx, values: typeof demandFeedback.$inferInsert): Promise<void> {
  await tx.insert(demandFeedback).values(values);
}

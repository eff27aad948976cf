/** SQL for visits. Everything here takes an already-scoped province (and unit, for producers). */
import { and, asc, desc, eq, gte, ilike, inArray, like, lte, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { containing } from '../../db/like.js';
import { sortOn } from '../../db/sort.js';
import { counties, demands, estates, units, users, visits } from '../../db/schema.js';
import type { ListVisitsQuery, Visit, VisitStatus } from '../../../shared/contracts/visits.js';
import { normalizePersian, searchKey } from '../../../shared/text.js';
import { stampsOf } from '../../db/stamps.js';
import { pick, insertReturningId } from '../../db/rows.js';

export type VisitRow = typeof visits.$inferSelect;

export interface VisitScope {
  provinceId: string;
  /** a producer: only their own unit */
  unitId?: string;
  /** counts only the demands this agency may see */
  agencyId?: string;
}

/** The list's filters; `memberId` is a user id here (the service turns `me` into the caller's). */
export function visitConditions(scope: VisitScope, q: Partial<ListVisitsQuery>): SQL | undefined {
  const where: SQL[] = [eq(visits.provinceId, scope.provinceId)];
  if (q.memberId) where.push(sql`${visits.memberIds} @> ${JSON.stringify([q.memberId])}::jsonb`);
  if (scope.unitId) where.push(eq(visits.unitId, scope.unitId));
  if (q.unitId) where.push(eq(visits.unitId, q.unitId));
  if (q.status) where.push(eq(visits.status, q.status));
  if (q.from) where.push(gte(visits.visitDate, q.from));
  if (q.to) where.push(lte(visits.visitDate, q.to));
  if (q.countyId) where.push(eq(units.countyId, q.countyId));
  if (q.q) {
    const key = searchKey(q.q);
    const text = normalizePersian(q.q);
    if (key) where.push(or(like(units.nameKey, containing(key)), ilike(visits.team, containing(text)))!);
  }
  return and(...where);
}

function demandCountOf(scope: VisitScope): SQL<number> {
  const agency = scope.agencyId ? sql` and ${demands.agencyId} = ${scope.agencyId}` : sql``;
  return sql<number>`(select count(*)::int from ${demands} where ${demands.visitId} = ${visits.id}${agency})`;
}

function selectVisits(db: DbOrTx, scope: VisitScope) {
  return db
    .select({
      visit: visits,
      unitName: units.name,
      countyId: units.countyId,
      countyName: counties.name,
      estateName: estates.name,
      unitEmployees: units.employees,
      unitCapacityUtilization: units.capacityUtilization,
      demandCount: demandCountOf(scope),
    })
    .from(visits)
    .innerJoin(units, eq(units.id, visits.unitId))
    .innerJoin(counties, eq(counties.id, units.countyId))
    .leftJoin(estates, eq(estates.id, units.estateId));
}

type SelectedVisit = Awaited<ReturnType<ReturnType<typeof selectVisits>['execute']>>[number];

function toVisit(r: SelectedVisit, names: Map<string, string>): Visit {
  const v = r.visit;
  return {
    members: v.memberIds.filter((id) => names.has(id)).map((id) => ({ id, fullName: names.get(id)! })),
    ...stampsOf(v),
    ...pick(v, ['provinceId', 'unitId', 'visitDate', 'team', 'memberIds', 'findings', 'employees', 'capacityUtilization', 'clientId']),
    ...pick(r, ['unitName', 'countyId', 'countyName', 'estateName', 'demandCount']),
    status: v.status as VisitStatus,
    location: v.locationLat !== null && v.locationLng !== null ? { lat: v.locationLat, lng: v.locationLng, accuracyM: v.locationAccuracyM ?? 0 } : null,
  };
}

async function memberNames(db: DbOrTx, rows: SelectedVisit[]): Promise<Map<string, string>> {
  const ids = [...new Set(rows.flatMap((r) => r.visit.memberIds))];
  if (!ids.length) return new Map();
  const found = await db.select({ id: users.id, fullName: users.fullName }).from(users).where(inArray(users.id, ids));
  return new Map(found.map((u) => [u.id, u.fullName]));
}

const sortColumns = { visitDate: visits.visitDate, createdAt: visits.createdAt } as const;

function visitOrder(sort: ListVisitsQuery['sort']): SQL[] {
  const order = sortOn(sortColumns, sort ?? '-visitDate');
  return [order.by, order.direction(visits.createdAt), asc(visits.id)];
}

export async function findVisits(db: DbOrTx, scope: VisitScope, q: ListVisitsQuery) {
  const cond = visitConditions(scope, q);
  const [rows, total] = await Promise.all([
    selectVisits(db, scope).where(cond).orderBy(...visitOrder(q.sort)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(visits).innerJoin(units, eq(units.id, visits.unitId)).where(cond),
  ]);
  const names = await memberNames(db, rows);
  return { items: rows.map((r) => toVisit(r, names)), total: total[0]?.n ?? 0 };
}

export async function findVisit(db: DbOrTx, scope: VisitScope, id: string) {
  const [row] = await selectVisits(db, scope).where(and(visitConditions(scope, {}), eq(visits.id, id))).limit(1);
  if (!row) return undefined;
  return { visit: toVisit(row, await memberNames(db, [row])), unitEmployees: row.unitEmployees, unitCapacityUtilization: row.unitCapacityUtilization };
}

export async function findUnitVisits(db: DbOrTx, scope: VisitScope, unitId: string): Promise<VisitRow[]> {
  return db
    .select()
    .from(visits)
    .where(and(eq(visits.provinceId, scope.provinceId), eq(visits.unitId, unitId), scope.unitId ? eq(visits.unitId, scope.unitId) : undefined))
    .orderBy(asc(visits.visitDate), asc(visits.createdAt));
}

export type VisitChanges = Partial<typeof visits.$inferInsert>;

/** How many of these users belong to the province (a visit's team members must). */
export async function countProvinceUsers(db: DbOrTx, provinceId: string, ids: string[]): Promise<number> {
  const found = await db.select({ id: users.id }).from(users).where(and(inArray(users.id, ids), eq(users.provinceId, provinceId)));
  return found.length;
}

export async function insertVisit(tx: DbOrTx, values: typeof visits.$inferInsert): Promise<string> {
  return insertReturningId(tx, visits, values);
}

/** The visit this caller already recorded under this device-made id, if any. */
export async function findVisitIdByClientId(db: DbOrTx, provinceId: string, recordedBy: string, clientId: string): Promise<string | undefined> {
  const [row] = await db
    .select({ id: visits.id })
    .from(visits)
    .where(and(eq(visits.provinceId, provinceId), eq(visits.recordedBy, recordedBy), eq(visits.clientId, clientId)))
    .limit(1);
  return row?.id;
}

/** Locks a visit of the province (FOR UPDATE): what an edit checks against. */
export async function lockVisitRow(tx: DbOrTx, provinceId: string, id: string) {
  const [row] = await tx
    .select({ version: visits.version, status: visits.status, visitDate: visits.visitDate, unitId: visits.unitId, clientId: visits.clientId, recordedBy: visits.recordedBy })
    .from(visits)
    .where(and(eq(visits.id, id), eq(visits.provinceId, provinceId)))
    .for('update');
  return row;
}

export async function updateVisitRow(tx: DbOrTx, id: string, set: VisitChanges): Promise<void> {
  await tx.update(visits).set(set).where(eq(visits.id, id));
}

/** Each unit's latest done visit (by date, then by when it was written). */
export async function findLastDoneVisits(db: DbOrTx, provinceId: string, unitIds: string[]) {
  if (!unitIds.length) return [];
  return db
    .selectDistinctOn([visits.unitId], { unitId: visits.unitId, id: visits.id, visitDate: visits.visitDate, findings: visits.findings })
    .from(visits)
    .where(and(eq(visits.provinceId, provinceId), inArray(visits.unitId, unitIds), eq(visits.status, 'done')))
    .orderBy(visits.unitId, desc(visits.visitDate), desc(visits.createdAt));
}

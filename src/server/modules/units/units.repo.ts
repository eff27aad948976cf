/** SQL for units. Everything here takes an already-scoped province (and unit, for producers). */
import { and, eq, gte, like, lte, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { containing } from '../../db/like.js';
import { counties, estates, sectors, units } from '../../db/schema.js';
import type { ListUnitsQuery, Unit, UnitStatus } from '../../../shared/contracts/units.js';
import { searchKey } from '../../../shared/text.js';
import { stampsOf } from '../../db/stamps.js';
import { pick, resultRows, insertReturningId } from '../../db/rows.js';

export type UnitRow = typeof units.$inferSelect;

export const unitColumns = {
  unit: units,
  countyName: counties.name,
  estateName: estates.name,
  sectorName: sectors.name,
};

export function toUnit(r: { unit: UnitRow; countyName: string; estateName: string | null; sectorName: string }): Unit {
  const u = r.unit;
  return {
    status: u.status as UnitStatus,
    ...stampsOf(u),
    ...pick(u, ['provinceId', 'name', 'nationalId', 'licenseNo', 'sectorCode', 'countyId', 'estateId']),
    ...pick(r, ['sectorName', 'countyName', 'estateName']),
    ...pick(u, ['address', 'phone', 'managerName', 'employees', 'capacityUtilization', 'lat', 'lng']),
  };
}

export interface UnitScope {
  provinceId: string;
  unitId?: string | null;
}

export function unitConditions(scope: UnitScope, q: Partial<ListUnitsQuery>): SQL | undefined {
  const where: SQL[] = [eq(units.provinceId, scope.provinceId)];
  if (scope.unitId) where.push(eq(units.id, scope.unitId));
  if (q.q) {
    const key = searchKey(q.q);
    if (key) {
      const byName = like(units.nameKey, containing(key));
      where.push(/^\d+$/.test(key) ? or(byName, like(units.nationalId, `${key}%`))! : byName);
    }
  }
  if (q.countyId) where.push(eq(units.countyId, q.countyId));
  if (q.estateId) where.push(eq(units.estateId, q.estateId));
  if (q.sectorCode) where.push(eq(units.sectorCode, q.sectorCode));
  if (q.status) where.push(eq(units.status, q.status));
  if (q.capacityMin !== undefined) where.push(gte(units.capacityUtilization, q.capacityMin));
  if (q.capacityMax !== undefined) where.push(lte(units.capacityUtilization, q.capacityMax));
  return and(...where);
}

/**
 * The same conditions as `unitConditions`, written with plain column names: the list is the hottest
 * read, and building it from column objects cost more CPU than the rest of the request.
 */
export function unitConditionsSql(scope: UnitScope, q: Partial<ListUnitsQuery>): SQL {
  const parts: SQL[] = [sql`"units"."province_id" = ${scope.provinceId}`];
  if (scope.unitId) parts.push(sql`"units"."id" = ${scope.unitId}`);
  if (q.q) {
    const key = searchKey(q.q);
    if (key) {
      const pattern = containing(key);
      parts.push(/^\d+$/.test(key) ? sql`("units"."name_key" like ${pattern} or "units"."national_id" like ${`${key}%`})` : sql`"units"."name_key" like ${pattern}`);
    }
  }
  if (q.countyId) parts.push(sql`"units"."county_id" = ${q.countyId}`);
  if (q.estateId) parts.push(sql`"units"."estate_id" = ${q.estateId}`);
  if (q.sectorCode) parts.push(sql`"units"."sector_code" = ${q.sectorCode}`);
  if (q.status) parts.push(sql`"units"."status" = ${q.status}`);
  if (q.capacityMin !== undefined) parts.push(sql`"units"."capacity_utilization" >= ${q.capacityMin}`);
  if (q.capacityMax !== undefined) parts.push(sql`"units"."capacity_utilization" <= ${q.capacityMax}`);
  return sql.join(parts, sql.raw(' and '));
}

const SORT_SQL: Record<string, string> = {
  name: '"units"."name" collate "und-x-icu"',
  employees: '"units"."employees"',
  capacityUtilization: '"units"."capacity_utilization"',
  createdAt: '"units"."created_at"',
  updatedAt: '"units"."updated_at"',
  nationalId: '"units"."national_id"',
};

export function unitOrderSql(sort: ListUnitsQuery['sort']): SQL {
  const s = sort ?? 'name';
  const descending = s.startsWith('-');
  const column = SORT_SQL[descending ? s.slice(1) : s] ?? SORT_SQL['name']!;
  return sql.raw(`${column} ${descending ? 'desc' : 'asc'}, "units"."id" asc`);
}

export function selectUnits(db: DbOrTx) {
  return db
    .select(unitColumns)
    .from(units)
    .innerJoin(counties, eq(counties.id, units.countyId))
    .innerJoin(sectors, eq(sectors.code, units.sectorCode))
    .leftJoin(estates, eq(estates.id, units.estateId));
}

/**
 * The list's columns, selected and mapped by hand: on a hot list the ORM's per-field row mapping
 * cost more than the query's own work in Node (see docs/benchmarks.md).
 */
const UNIT_LIST_COLUMNS = sql.raw(
  `"units"."id", "units"."version", "units"."created_at", "units"."updated_at", "units"."province_id", "units"."name", "units"."national_id",
   "units"."license_no", "units"."sector_code", "sectors"."name" as sector_name, "units"."county_id", "counties"."name" as county_name,
   "units"."estate_id", "estates"."name" as estate_name, "units"."address", "units"."phone", "units"."manager_name", "units"."employees",
   "units"."capacity_utilization", "units"."status", "units"."lat", "units"."lng"`,
);
const UNIT_LIST_FROM = sql.raw(
  `"units" inner join "counties" on "counties"."id" = "units"."county_id" inner join "sectors" on "sectors"."code" = "units"."sector_code"
   left join "estates" on "estates"."id" = "units"."estate_id"`,
);

/** A unit's own columns as SQL names them: what a list row reads and what the import writes. */
export interface UnitColumnsSql {
  name: string;
  national_id: string;
  license_no: string | null;
  sector_code: string;
  county_id: string;
  estate_id: string | null;
  address: string | null;
  phone: string | null;
  manager_name: string | null;
  employees: number;
  capacity_utilization: number;
  status: string;
  lat: number | null;
  lng: number | null;
}

interface UnitListRow extends UnitColumnsSql {
  id: string;
  version: number;
  created_at: Date | string;
  updated_at: Date | string;
  province_id: string;
  sector_name: string;
  county_name: string;
  estate_name: string | null;
}

const iso = (d: Date | string) => (d instanceof Date ? d : new Date(d)).toISOString();

function unitOfRow(r: UnitListRow): Unit {
  return {
    id: r.id,
    version: r.version,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
    provinceId: r.province_id,
    name: r.name,
    nationalId: r.national_id,
    licenseNo: r.license_no,
    sectorCode: r.sector_code,
    sectorName: r.sector_name,
    countyId: r.county_id,
    countyName: r.county_name,
    estateId: r.estate_id,
    estateName: r.estate_name,
    address: r.address,
    phone: r.phone,
    managerName: r.manager_name,
    employees: r.employees,
    capacityUtilization: r.capacity_utilization,
    status: r.status as UnitStatus,
    lat: r.lat === null ? null : Number(r.lat),
    lng: r.lng === null ? null : Number(r.lng),
  };
}

/** Units matching a condition (built by `unitConditions`), in an order, as the API shows them. */
export async function queryUnits(db: DbOrTx, cond: SQL | undefined, opts: { order?: SQL | SQL[]; limit?: number; offset?: number; forUpdate?: boolean } = {}): Promise<Unit[]> {
  const q = sql`select ${UNIT_LIST_COLUMNS} from ${UNIT_LIST_FROM}`;
  if (cond) q.append(sql` where ${cond}`);
  const order = Array.isArray(opts.order) ? (opts.order.length ? sql.join(opts.order, sql`, `) : undefined) : opts.order;
  if (order) q.append(sql` order by ${order}`);
  if (opts.limit !== undefined) q.append(sql` limit ${opts.limit}`);
  if (opts.offset) q.append(sql` offset ${opts.offset}`);
  if (opts.forUpdate) q.append(sql` for update of "units"`);
  return resultRows<UnitListRow>(await db.execute(q)).map(unitOfRow);
}

export async function findUnits(db: DbOrTx, scope: UnitScope, q: ListUnitsQuery) {
  const cond = unitConditionsSql(scope, q);
  const [items, total] = await Promise.all([
    queryUnits(db, cond, { order: unitOrderSql(q.sort), limit: q.pageSize, offset: (q.page - 1) * q.pageSize }),
    db.execute(sql`select count(*)::int as n from "units" where ${cond}`),
  ]);
  return { items, total: resultRows<{ n: number }>(total)[0]?.n ?? 0 };
}

export async function findUnit(db: DbOrTx, scope: UnitScope, id: string): Promise<Unit | undefined> {
  const [row] = await selectUnits(db).where(and(unitConditions(scope, {}), eq(units.id, id))).limit(1);
  return row ? toUnit(row) : undefined;
}

export async function countUnitsByStatus(db: DbOrTx, scope: UnitScope): Promise<Record<UnitStatus, number>> {
  const rows = await db
    .select({ status: units.status, n: sql<number>`count(*)::int` })
    .from(units)
    .where(unitConditions(scope, {}))
    .groupBy(units.status);
  const out: Record<UnitStatus, number> = { active: 0, semi_active: 0, idle: 0, closed: 0 };
  for (const r of rows) out[r.status as UnitStatus] = r.n;
  return out;
}

export async function findSector(db: DbOrTx, code: string): Promise<{ code: string } | undefined> {
  const [sector] = await db.select({ code: sectors.code }).from(sectors).where(eq(sectors.code, code));
  return sector;
}

export async function findCountyOfProvince(db: DbOrTx, provinceId: string, countyId: string): Promise<{ id: string } | undefined> {
  const [county] = await db.select({ id: counties.id }).from(counties).where(and(eq(counties.id, countyId), eq(counties.provinceId, provinceId)));
  return county;
}

export async function findEstateOfProvince(db: DbOrTx, provinceId: string, estateId: string): Promise<{ countyId: string } | undefined> {
  const [estate] = await db.select({ countyId: estates.countyId }).from(estates).where(and(eq(estates.id, estateId), eq(estates.provinceId, provinceId)));
  return estate;
}

export async function findUnitByNationalId(db: DbOrTx, provinceId: string, nationalId: string): Promise<{ id: string; name: string } | undefined> {
  const [existing] = await db.select({ id: units.id, name: units.name }).from(units).where(and(eq(units.provinceId, provinceId), eq(units.nationalId, nationalId)));
  return existing;
}

export async function insertUnit(tx: DbOrTx, values: typeof units.$inferInsert): Promise<string> {
  return insertReturningId(tx, units, values);
}

/** Locks a unit of the province (FOR UPDATE) and reads its version. */
export async function lockUnitVersion(tx: DbOrTx, provinceId: string, id: string): Promise<{ version: number } | undefined> {
  const [row] = await tx.select({ version: units.version }).from(units).where(and(eq(units.id, id), eq(units.provinceId, provinceId))).for('update');
  return row;
}

export async function updateUnitRow(tx: DbOrTx, id: string, set: Partial<typeof units.$inferInsert>): Promise<void> {
  await tx.update(units).set(set).where(eq(units.id, id));
}

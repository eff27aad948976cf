/** SQL for units. Everything here takes an already-scoped province (and unit, for producers). */
import { and, asc, desc, eq, gte, like, lte, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { counties, estates, sectors, units } from '../../db/schema.js';
import type { ListUnitsQuery, Unit, UnitStatus } from '../../../shared/contracts/units.js';
import { searchKey } from '../../../shared/text.js';

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
    id: u.id,
    version: u.version,
    createdAt: u.createdAt.toISOString(),
    updatedAt: u.updatedAt.toISOString(),
    provinceId: u.provinceId,
    name: u.name,
    nationalId: u.nationalId,
    licenseNo: u.licenseNo,
    sectorCode: u.sectorCode,
    sectorName: r.sectorName,
    countyId: u.countyId,
    countyName: r.countyName,
    estateId: u.estateId,
    estateName: r.estateName,
    address: u.address,
    phone: u.phone,
    managerName: u.managerName,
    employees: u.employees,
    capacityUtilization: u.capacityUtilization,
    status: u.status as UnitStatus,
    lat: u.lat,
    lng: u.lng,
  };
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
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
      const byName = like(units.nameKey, `%${escapeLike(key)}%`);
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

const sortColumns = {
  name: sql`${units.name} collate "und-x-icu"`,
  employees: units.employees,
  capacityUtilization: units.capacityUtilization,
  createdAt: units.createdAt,
  updatedAt: units.updatedAt,
  nationalId: units.nationalId,
} as const;

export function unitOrder(sort: ListUnitsQuery['sort']): SQL[] {
  const s = sort ?? 'name';
  const descending = s.startsWith('-');
  const key = (descending ? s.slice(1) : s) as keyof typeof sortColumns;
  const col = sortColumns[key];
  return [descending ? desc(col) : asc(col), asc(units.id)];
}

export function selectUnits(db: DbOrTx) {
  return db
    .select(unitColumns)
    .from(units)
    .innerJoin(counties, eq(counties.id, units.countyId))
    .innerJoin(sectors, eq(sectors.code, units.sectorCode))
    .leftJoin(estates, eq(estates.id, units.estateId));
}

export async function findUnits(db: DbOrTx, scope: UnitScope, q: ListUnitsQuery) {
  const cond = unitConditions(scope, q);
  const [rows, total] = await Promise.all([
    selectUnits(db).where(cond).orderBy(...unitOrder(q.sort)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(units).where(cond),
  ]);
  return { items: rows.map(toUnit), total: total[0]?.n ?? 0 };
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

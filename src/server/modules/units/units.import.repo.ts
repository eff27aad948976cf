/**
 * The unit import's SQL: the units already in the register that a file names, and the bulk writes of a clean
 * file (units and their audit events in one statement per chunk). The rules live in units.import.ts.
 */
import { sql } from 'drizzle-orm';
import type { ServiceContext } from '../../context.js';
import type { DbOrTx } from '../../db/client.js';
import { AppError } from '../../../shared/errors.js';
import type { CreateUnitInput, Unit, UnitStatus } from '../../../shared/contracts/units.js';
import { searchKey } from '../../../shared/text.js';
import type { UnitColumnsSql } from './units.repo.js';
import { resultRows } from '../../db/rows.js';

/** What a clean file asks to write: new units, and changed ones with the version they were compared with. */
export interface UnitWritePlan {
  creates: { input: CreateUnitInput }[];
  updates: { row: { input: CreateUnitInput }; existing: ExistingUnit; changes: (keyof CreateUnitInput)[] }[];
}

/** What the import needs of a unit already in the register: its id, version and the fields it compares. */
export type ExistingUnit = Pick<Unit, 'id' | 'version' | 'nationalId' | 'name' | 'licenseNo' | 'sectorCode' | 'countyId' | 'estateId' | 'address' | 'phone' | 'managerName' | 'employees' | 'capacityUtilization' | 'status' | 'lat' | 'lng'>;

export async function loadExisting(db: DbOrTx, provinceId: string, nationalIds: string[]): Promise<Map<string, ExistingUnit>> {
  const rows = resultRows<Record<string, unknown>>(
    await db.execute(sql`
      select id, version, national_id, name, license_no, sector_code, county_id, estate_id, address, phone, manager_name,
             employees, capacity_utilization, status, lat, lng
      from units
      where province_id = ${provinceId} and national_id in (select json_array_elements_text(${JSON.stringify(nationalIds)}::json))`),
  );
  const out = new Map<string, ExistingUnit>();
  for (const r of rows) {
    out.set(r['national_id'] as string, {
      id: r['id'] as string,
      version: r['version'] as number,
      nationalId: r['national_id'] as string,
      name: r['name'] as string,
      licenseNo: r['license_no'] as string | null,
      sectorCode: r['sector_code'] as string,
      countyId: r['county_id'] as string,
      estateId: r['estate_id'] as string | null,
      address: r['address'] as string | null,
      phone: r['phone'] as string | null,
      managerName: r['manager_name'] as string | null,
      employees: r['employees'] as number,
      capacityUtilization: r['capacity_utilization'] as number,
      status: r['status'] as UnitStatus,
      lat: r['lat'] === null ? null : Number(r['lat']),
      lng: r['lng'] === null ? null : Number(r['lng']),
    });
  }
  return out;
}

// ── Bulk writes ────────────────────────────────────────────────────────────

const WRITE_CHUNK = 5_000;

export function chunks<T>(items: T[], size = WRITE_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

interface UnitRecord extends UnitColumnsSql {
  name_key: string;
}

function toRecord(u: Omit<Unit, 'id' | 'version' | 'createdAt' | 'updatedAt' | 'provinceId' | 'sectorName' | 'countyName' | 'estateName'>): UnitRecord {
  return {
    name: u.name,
    name_key: searchKey(u.name),
    national_id: u.nationalId,
    license_no: u.licenseNo,
    sector_code: u.sectorCode,
    county_id: u.countyId,
    estate_id: u.estateId,
    address: u.address,
    phone: u.phone,
    manager_name: u.managerName,
    employees: u.employees,
    capacity_utilization: u.capacityUtilization,
    status: u.status,
    lat: u.lat,
    lng: u.lng,
  };
}

const RECORD_COLUMNS = sql.raw(
  'name text, name_key text, national_id text, license_no text, sector_code text, county_id text, estate_id text, address text, phone text, manager_name text, employees int, capacity_utilization int, status text, lat float8, lng float8',
);


/** The audit record of a unit, built by PostgreSQL from the row itself (`u`) and its reference names. */
const UNIT_JSON = sql.raw(`jsonb_build_object(
  'id', u.id, 'version', u.version,
  'createdAt', to_char(u.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
  'updatedAt', to_char(u.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
  'provinceId', u.province_id, 'name', u.name, 'nationalId', u.national_id, 'licenseNo', u.license_no,
  'sectorCode', u.sector_code, 'sectorName', s.name, 'countyId', u.county_id, 'countyName', c.name,
  'estateId', u.estate_id, 'estateName', e.name, 'address', u.address, 'phone', u.phone, 'managerName', u.manager_name,
  'employees', u.employees, 'capacityUtilization', u.capacity_utilization, 'status', u.status, 'lat', u.lat, 'lng', u.lng)`);
const NAMES_JOIN = sql.raw(`join sectors s on s.code = u.sector_code join counties c on c.id = u.county_id left join estates e on e.id = u.estate_id`);

/**
 * Creates and updates in chunks, each one statement that writes the units and their audit events
 * together (the audit JSON is built in the database, not shipped from here). An update names the
 * version it was compared with: a unit changed meanwhile makes the whole import fail (409) and roll back.
 */
export async function writePlan(tx: DbOrTx, ctx: ServiceContext, provinceId: string, plan: UnitWritePlan): Promise<void> {
  const nowIso = ctx.now().toISOString();
  const actor = sql`${nowIso}::timestamptz, ${provinceId}, ${ctx.actor.id}, ${ctx.actor.username}, ${ctx.actor.kind}`;
  const request = sql`${ctx.requestId ?? null}, ${ctx.ip ?? null}`;
  for (const batch of chunks(plan.creates)) {
    const records = batch.map((r) => toRecord(createdUnit(r.input)));
    await tx.execute(sql`
      with ins as (
        insert into units (province_id, name, name_key, national_id, license_no, sector_code, county_id, estate_id, address, phone,
                           manager_name, employees, capacity_utilization, status, lat, lng, created_at, updated_at)
        select ${provinceId}, x.name, x.name_key, x.national_id, x.license_no, x.sector_code, x.county_id, x.estate_id, x.address, x.phone,
               x.manager_name, x.employees, x.capacity_utilization, x.status, x.lat, x.lng, ${nowIso}::timestamptz, ${nowIso}::timestamptz
        from json_to_recordset(${JSON.stringify(records)}::json) as x(${RECORD_COLUMNS})
        returning *)
      insert into audit_events (at, province_id, actor_id, actor_label, actor_kind, action, entity_type, entity_id, before, after, request_id, ip)
      select ${actor}, 'unit.create', 'unit', u.id::text, null, ${UNIT_JSON}, ${request}
      from ins u ${NAMES_JOIN}`);
  }
  for (const batch of chunks(plan.updates)) {
    const records = batch.map((u) => ({
      id: u.existing.id,
      version: u.existing.version,
      ...toRecord({ ...u.existing, ...pick(u.row.input, u.changes) } as Unit),
    }));
    const result = await tx.execute(sql`
      with x as (select * from json_to_recordset(${JSON.stringify(records)}::json) as x(id uuid, version int, ${RECORD_COLUMNS})),
      old as (select u.id, ${UNIT_JSON} as j from units u join x on x.id = u.id ${NAMES_JOIN}),
      upd as (
        update units u set name = x.name, name_key = x.name_key, license_no = x.license_no, sector_code = x.sector_code,
               county_id = x.county_id, estate_id = x.estate_id, address = x.address, phone = x.phone, manager_name = x.manager_name,
               employees = x.employees, capacity_utilization = x.capacity_utilization, status = x.status, lat = x.lat, lng = x.lng,
               version = u.version + 1, updated_at = ${nowIso}::timestamptz
        from x where u.id = x.id and u.version = x.version and u.province_id = ${provinceId}
        returning u.*),
      aud as (
        insert into audit_events (at, province_id, actor_id, actor_label, actor_kind, action, entity_type, entity_id, before, after, request_id, ip)
        select ${actor}, 'unit.update', 'unit', u.id::text, old.j, ${UNIT_JSON}, ${request}
        from upd u join old on old.id = u.id ${NAMES_JOIN})
      select count(*)::int as n from upd`);
    if ((resultRows<{ n: number }>(result)[0]?.n ?? 0) !== batch.length) throw new AppError('record.stale');
  }
}

function createdUnit(input: CreateUnitInput) {
  return {
    name: input.name,
    nationalId: input.nationalId,
    licenseNo: input.licenseNo ?? null,
    sectorCode: input.sectorCode,
    countyId: input.countyId,
    estateId: input.estateId ?? null,
    address: input.address ?? null,
    phone: input.phone ?? null,
    managerName: input.managerName ?? null,
    employees: input.employees,
    capacityUtilization: input.capacityUtilization,
    status: input.status,
    lat: input.lat ?? null,
    lng: input.lng ?? null,
  };
}

function pick(input: CreateUnitInput, fields: (keyof CreateUnitInput)[]): Partial<Unit> {
  const out: Record<string, unknown> = {};
  for (const f of fields) out[f] = input[f] ?? null;
  return out as Partial<Unit>;
}

/**
 * A national register for benchmarks: 31 provinces, their counties and industrial estates, and
 * (by default) 100,000 units — deterministic, so every machine measures the same data.
 *
 * Extensible by design: each kind of record is one generator in GENERATORS, taking the geography and
 * what the generators before it produced, and yielding rows shaped like its table's columns. Later
 * benchmarks add `referrals`, `demands`, … beside `units` and load them with `copyRows`.
 *
 *   node --import tsx bench/generate-national.ts postgres://postgres@127.0.0.1:5432/DB [units=100000]
 *
 * loads the geography and the units into an already-migrated database (reference data seeded).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import provincesJson from '../src/server/seed/reference/provinces.json' with { type: 'json' };
import qomJson from '../src/server/seed/reference/qom.json' with { type: 'json' };
import { makeLegalId } from '../src/shared/ids.js';
import { normalizePersian, searchKey } from '../src/shared/text.js';
import { makeRandom } from '../src/server/seed/random.js';
import { DEMO_SECTORS, personName, unitName } from '../src/server/seed/unit-names.js';

// ── Geography ──────────────────────────────────────────────────────────────

export interface GeoProvince {
  id: string;
  name: string;
  /** relative share of the country's units */
  weight: number;
}
export interface GeoCounty {
  id: string;
  provinceId: string;
  name: string;
  nameEn: string;
}
export interface GeoEstate {
  id: string;
  provinceId: string;
  countyId: string;
  name: string;
  nameEn: string;
}
export interface Geography {
  provinces: GeoProvince[];
  counties: GeoCounty[];
  estates: GeoEstate[];
  /** counties and estates that reference data already holds (Qom's), not to be inserted again */
  seeded: { counties: Set<string>; estates: Set<string> };
}

/** Rough industrial weight of each province (Tehran, Isfahan, Khorasan … lead). */
const WEIGHTS: Record<string, number> = {
  tehran: 16, isfahan: 9, 'razavi-khorasan': 7, 'east-azarbaijan': 6, alborz: 5, fars: 5, khuzestan: 4, markazi: 4, qazvin: 4, mazandaran: 4,
  yazd: 3, semnan: 3, qom: 3, gilan: 3, kerman: 3, hamadan: 2, zanjan: 2, 'west-azarbaijan': 2, golestan: 2, kermanshah: 2, lorestan: 2,
};

const ORDINALS = ['مرکزی', 'شمالی', 'جنوبی', 'شرقی', 'غربی', 'نو', 'کهن', 'دشت', 'کوهستان', 'ساحلی', 'جلگه', 'بالا', 'پایین', 'میانه'];

export function nationalGeography(seed = 1405): Geography {
  const rnd = makeRandom(seed);
  const geo: Geography = { provinces: [], counties: [], estates: [], seeded: { counties: new Set(), estates: new Set() } };
  for (const p of provincesJson) {
    geo.provinces.push({ id: p.code, name: p.name, weight: WEIGHTS[p.code] ?? 1 });
    if (p.code === qomJson.province.code) {
      for (const c of qomJson.counties) {
        geo.counties.push({ id: c.code, provinceId: p.code, name: c.name, nameEn: c.nameEn });
        geo.seeded.counties.add(c.code);
      }
      for (const e of qomJson.estates) {
        geo.estates.push({ id: e.code, provinceId: p.code, countyId: e.county, name: e.name, nameEn: e.nameEn });
        geo.seeded.estates.add(e.code);
      }
      continue;
    }
    const countyCount = rnd.int(6, 14);
    for (let c = 0; c < countyCount; c++) {
      const id = `${p.code}-c${String(c + 1).padStart(2, '0')}`;
      const name = c === 0 ? p.name : `${p.name} ${ORDINALS[(c - 1) % ORDINALS.length]}${c > ORDINALS.length ? ` ${c}` : ''}`;
      geo.counties.push({ id, provinceId: p.code, name, nameEn: `${p.nameEn} ${c + 1}` });
      const estateCount = c === 0 ? rnd.int(3, 6) : rnd.int(0, 2);
      for (let e = 0; e < estateCount; e++) {
        geo.estates.push({ id: `${id}-e${e + 1}`, provinceId: p.code, countyId: id, name: `شهرک صنعتی ${name} ${e + 1}`, nameEn: `${p.nameEn} ${c + 1} Estate ${e + 1}` });
      }
    }
  }
  return geo;
}

// ── Units ──────────────────────────────────────────────────────────────────

/** A unit as the `units` table's columns (without id and stamps). */
export type UnitRow = {
  province_id: string;
  name: string;
  name_key: string;
  national_id: string;
  license_no: string;
  sector_code: string;
  county_id: string;
  estate_id: string | null;
  address: string;
  phone: string;
  manager_name: string;
  employees: number;
  capacity_utilization: number;
  status: string;
};

export interface UnitOptions {
  count: number;
  seed?: number;
  /** all units in one province (the import benchmark's file) */
  provinceId?: string;
  /** first national-id serial; separate ranges never collide */
  idBase?: number;
}

/** A valid, unique legal id per serial (digits 4–9 never all zero in these ranges). */
export function benchLegalId(serial: number, base = 1_234_567_890): string {
  return makeLegalId(String(base + serial * 13));
}

export function* generateUnits(geo: Geography, opts: UnitOptions): Generator<UnitRow> {
  const rnd = makeRandom(opts.seed ?? 31);
  const provinces = opts.provinceId ? geo.provinces.filter((p) => p.id === opts.provinceId) : geo.provinces;
  const weighted = provinces.map((p) => [p, p.weight] as const);
  const countiesOf = new Map<string, GeoCounty[]>();
  for (const c of geo.counties) countiesOf.set(c.provinceId, [...(countiesOf.get(c.provinceId) ?? []), c]);
  const estatesOf = new Map<string, GeoEstate[]>();
  for (const e of geo.estates) estatesOf.set(e.countyId, [...(estatesOf.get(e.countyId) ?? []), e]);
  for (let i = 0; i < opts.count; i++) {
    const province = rnd.weighted(weighted);
    const counties = countiesOf.get(province.id)!;
    // the capital county holds most of a province's industry
    const county = rnd.next() < 0.55 ? counties[0]! : rnd.pick(counties);
    const estates = estatesOf.get(county.id) ?? [];
    const estate = estates.length && rnd.next() < 0.7 ? rnd.pick(estates) : null;
    const sectorCode = rnd.pick(DEMO_SECTORS);
    const name = normalizePersian(unitName(rnd, sectorCode));
    const status = rnd.weighted([['active', 62], ['semi_active', 22], ['idle', 12], ['closed', 4]] as const);
    yield {
      province_id: province.id,
      name,
      name_key: searchKey(name),
      national_id: benchLegalId(i, opts.idBase),
      license_no: `${rnd.int(10, 99)}/${rnd.int(10000, 99999)}`,
      sector_code: sectorCode,
      county_id: county.id,
      estate_id: estate?.id ?? null,
      address: `${estate?.name ?? county.name}، خیابان ${rnd.int(1, 40)}، پلاک ${rnd.int(1, 300)}`,
      phone: `0${rnd.int(11, 87)}${rnd.int(3000_0000, 3999_9999)}`,
      manager_name: personName(rnd),
      employees: status === 'closed' ? 0 : rnd.int(3, rnd.next() < 0.1 ? 900 : 150),
      capacity_utilization: status === 'active' ? rnd.int(55, 98) : status === 'semi_active' ? rnd.int(20, 55) : status === 'idle' ? rnd.int(0, 15) : 0,
      status,
    };
  }
}

// ── Loading ────────────────────────────────────────────────────────────────

export type Row = Record<string, string | number | null>;

/** The generators, in dependency order; each may read what the ones before it produced. */
export const GENERATORS = {
  units: (geo: Geography, _before: Record<string, Row[]>, count: number) => generateUnits(geo, { count }),
} satisfies Record<string, (geo: Geography, before: Record<string, Row[]>, count: number) => Iterable<Row>>;

function tsvCell(v: string | number | null): string {
  if (v === null) return '\\N';
  return String(v).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

/** COPY rows into a table through psql; returns the milliseconds COPY took (psql's start included). */
export function copyRows(databaseUrl: string, table: string, rows: Iterable<Row>): { rows: number; ms: number } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tashil-bench-'));
  try {
    let columns: string[] | undefined;
    const lines: string[] = [];
    for (const r of rows) {
      columns ??= Object.keys(r);
      lines.push(columns.map((c) => tsvCell(r[c] ?? null)).join('\t'));
    }
    if (!columns) return { rows: 0, ms: 0 };
    const file = path.join(dir, `${table}.tsv`);
    writeFileSync(file, `${lines.join('\n')}\n`);
    const started = performance.now();
    const res = spawnSync('psql', [databaseUrl, '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-c', `\\copy ${table} (${columns.join(', ')}) from '${file}'`], { encoding: 'utf8' });
    const ms = performance.now() - started;
    if (res.status !== 0) throw new Error(`COPY ${table} failed: ${res.stderr}`);
    return { rows: lines.length, ms };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Inserts the counties and estates reference data does not already hold. */
export function loadGeography(databaseUrl: string, geo: Geography): void {
  copyRows(
    databaseUrl,
    'counties',
    geo.counties.filter((c) => !geo.seeded.counties.has(c.id)).map((c) => ({ id: c.id, province_id: c.provinceId, name: c.name, name_en: c.nameEn })),
  );
  copyRows(
    databaseUrl,
    'estates',
    geo.estates.filter((e) => !geo.seeded.estates.has(e.id)).map((e) => ({ id: e.id, province_id: e.provinceId, county_id: e.countyId, name: e.name, name_en: e.nameEn })),
  );
}

export function loadNational(databaseUrl: string, counts: { units: number }): { geo: Geography; timings: Record<string, { rows: number; ms: number }> } {
  const geo = nationalGeography();
  loadGeography(databaseUrl, geo);
  const produced: Record<string, Row[]> = {};
  const timings: Record<string, { rows: number; ms: number }> = {};
  for (const [kind, generate] of Object.entries(GENERATORS)) {
    const rows: Row[] = [...generate(geo, produced, counts[kind as keyof typeof counts])];
    produced[kind] = rows;
    timings[kind] = copyRows(databaseUrl, kind, rows);
  }
  return { geo, timings };
}

if (process.argv[1] && import.meta.url === new URL(`file://${path.resolve(process.argv[1])}`).href) {
  const [url, units = '100000'] = process.argv.slice(2);
  if (!url) {
    console.error('usage: generate-national.ts DATABASE_URL [units]');
    process.exit(2);
  }
  const { geo, timings } = loadNational(url, { units: Number(units) });
  console.log(`provinces ${geo.provinces.length}, counties ${geo.counties.length}, estates ${geo.estates.length}`, timings);
}


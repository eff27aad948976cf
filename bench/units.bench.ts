/**
 * Units benchmark on native PostgreSQL (not a test):
 *   1. a national register (31 provinces, 100k units) in a fresh database `tashil_bench_units`;
 *   2. GET /api/v1/units?q=…&countyId=… (50 rows) through the real app vs a bare Fastify + pg
 *      handler running the same SQL — autocannon on loopback, same connections, bounded runs;
 *   3. import of 50k rows from .xlsx through the API vs PostgreSQL COPY of the same rows, the
 *      server's peak RSS, and the same file again (all unchanged).
 * Writes the figures to docs/benchmarks.md (its "Units" section) and drops the database.
 *
 *   node --import tsx bench/units.bench.ts [--duration 10] [--connections 10] [--units 100000] [--import 50000]
 * BENCH_PG_URL overrides postgres://postgres@127.0.0.1:5432/postgres (the server to create the database on).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import autocannon, { type Result } from 'autocannon';
import pg from 'pg';
import { openDatabase } from '../src/server/db/client.js';
import { seedReference } from '../src/server/seed/reference.js';
import { hashPassword } from '../src/server/modules/auth/passwords.js';
import { UNIT_SHEET_COLUMNS } from '../src/shared/contracts/units.js';
import { statusLabel } from '../src/shared/labels.js';
import { writeXlsx } from '../src/server/sheets/write-sheet.js';
import { copyRows, generateUnits, loadNational, type UnitRow } from './generate-national.js';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const DURATION = arg('duration', 10);
const CONNECTIONS = arg('connections', 10);
const UNITS = arg('units', 100_000);
const IMPORT_ROWS = arg('import', 50_000);
const PROVINCE = 'tehran';
const USERNAME = 'bench.secretariat';
const PASSWORD = 'bench-password-1';

const adminUrl = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = 'tashil_bench_units';
const dbUrl = (() => {
  const u = new URL(adminUrl);
  u.pathname = `/${dbName}`;
  return u.toString();
})();

const log = (...a: unknown[]) => console.log(new Date().toISOString().slice(11, 19), ...a);

async function admin(sqlText: string) {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await c.query(sqlText);
  } finally {
    await c.end();
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

interface Server {
  child: ChildProcess;
  base: string;
  stop(): Promise<void>;
}

async function startServer(mode: 'real' | 'bare'): Promise<Server> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'bench', 'units-server.ts'), mode, dbUrl, String(port), PROVINCE], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('ready')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`${mode} server exited with ${code}`)));
  });
  return {
    child,
    base: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.on('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Peak resident set of a process, from /proc (Linux). */
function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

async function login(base: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-requested-with': 'tashil' },
    body: JSON.stringify({ username: USERNAME, password: PASSWORD }),
  });
  if (!res.ok) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}

interface LoadResult {
  latencies: number[];
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  total: number;
  non2xx: number;
  errors: number;
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function load(base: string, paths: string[], headers: Record<string, string>, duration: number): Promise<LoadResult> {
  const latencies: number[] = [];
  const result = await new Promise<Result>((resolve, reject) => {
    const inst = autocannon(
      { url: base, connections: CONNECTIONS, duration, headers, requests: paths.map((p) => ({ method: 'GET', path: p })) },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    inst.on('response', (_c, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
  latencies.sort((a, b) => a - b);
  return {
    latencies,
    seconds: result.duration,
    rps: result.requests.total / result.duration,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    total: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

function merge(parts: LoadResult[]): LoadResult {
  const latencies = parts.flatMap((p) => p.latencies).sort((a, b) => a - b);
  const seconds = parts.reduce((s, p) => s + p.seconds, 0);
  const total = parts.reduce((s, p) => s + p.total, 0);
  return {
    latencies: [],
    seconds,
    rps: total / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    total,
    non2xx: parts.reduce((s, p) => s + p.non2xx, 0),
    errors: parts.reduce((s, p) => s + p.errors, 0),
  };
}

/** Queries people type: fragments of names (some with Arabic letters or no half-space), by county. */
async function listPaths(): Promise<string[]> {
  const c = new pg.Client({ connectionString: dbUrl });
  await c.connect();
  const counties = (await c.query<{ county_id: string }>(`select county_id from units where province_id = $1 group by county_id order by count(*) desc limit 6`, [PROVINCE])).rows.map((r) => r.county_id);
  await c.end();
  const terms = ['صنایع', 'فولاد', 'غذایی', 'پارس', 'بسته بندی', 'كاشي', 'تولیدی', 'شرکت', 'نساجی', 'پلاستیک'];
  const paths: string[] = [];
  for (const county of counties) for (const q of terms) paths.push(`/api/v1/units?q=${encodeURIComponent(q)}&countyId=${county}&pageSize=50`);
  return paths;
}

function importFileRows(rows: UnitRow[], countyName: Map<string, string>, estateName: Map<string, string>) {
  const values: Record<string, (r: UnitRow) => string | number | null> = {
    name: (r) => r.name,
    nationalId: (r) => r.national_id,
    sectorCode: (r) => r.sector_code,
    sectorName: () => null,
    countyId: (r) => countyName.get(r.county_id) ?? r.county_id,
    estateId: (r) => (r.estate_id ? (estateName.get(r.estate_id) ?? r.estate_id) : null),
    address: (r) => r.address,
    phone: (r) => r.phone,
    managerName: (r) => r.manager_name,
    employees: (r) => r.employees,
    capacityUtilization: (r) => r.capacity_utilization,
    status: (r) => statusLabel('unit', r.status, 'fa'),
    licenseNo: (r) => r.license_no,
    lat: () => null,
    lng: () => null,
  };
  return rows.map((r) => UNIT_SHEET_COLUMNS.map((c) => values[c.field]!(r)));
}

async function postImport(base: string, cookie: string, file: Buffer): Promise<{ ms: number; body: Record<string, unknown> }> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(file)]), 'national-50k.xlsx');
  const started = performance.now();
  const res = await fetch(`${base}/api/v1/units/import`, { method: 'POST', headers: { cookie, 'x-requested-with': 'tashil' }, body: form });
  const body = (await res.json()) as Record<string, unknown>;
  const ms = performance.now() - started;
  if (!res.ok) throw new Error(`import failed: ${res.status} ${JSON.stringify(body).slice(0, 500)}`);
  return { ms, body };
}

const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

async function main() {
  log(`database ${dbName}: fresh`);
  await admin(`drop database if exists ${dbName} with (force)`);
  await admin(`create database ${dbName}`);
  const servers: Server[] = [];
  try {
    const database = await openDatabase({ databaseUrl: dbUrl });
    await seedReference(database.db);
    await database.query(
      `insert into users (username, full_name, role, province_id, password_hash) values ($1, 'دبیرخانهٔ بنچمارک', 'secretariat', $2, $3)`,
      [USERNAME, PROVINCE, await hashPassword(PASSWORD)],
    );
    await database.close();

    log(`national register: ${fmt(UNITS)} units`);
    const { geo, timings } = loadNational(dbUrl, { units: UNITS });
    await admin(`select 1`);
    const c = new pg.Client({ connectionString: dbUrl });
    await c.connect();
    await c.query('analyze');
    const inProvince = (await c.query<{ n: number }>('select count(*)::int as n from units where province_id = $1', [PROVINCE])).rows[0]!.n;
    const pgVersion = (await c.query<{ server_version: string }>('show server_version')).rows[0]!.server_version;
    const loadAvg = (await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' / ');
    await c.end();
    log(`loaded: ${JSON.stringify(timings)}; ${PROVINCE}: ${inProvince} units`);

    // ── list: real app vs bare handler ─────────────────────────────────
    const paths = await listPaths();
    // Both servers up at once, measured in alternating rounds: the machine is shared, and a slow
    // moment should fall on both sides alike.
    const bare = await startServer('bare');
    servers.push(bare);
    const real = await startServer('real');
    servers.push(real);
    const targets = { bare: { server: bare, headers: {} as Record<string, string> }, real: { server: real, headers: { cookie: await login(real.base) } } };
    for (const mode of ['bare', 'real'] as const) {
      const { server, headers } = targets[mode];
      const probe = await fetch(`${server.base}${paths[0]}`, { headers });
      if (!probe.ok) throw new Error(`${mode} list: ${probe.status} ${await probe.text()}`);
      await load(server.base, paths, headers, 2); // warm-up
    }
    const ROUNDS = 4;
    const parts: Record<'real' | 'bare', LoadResult[]> = { bare: [], real: [] };
    for (let round = 0; round < ROUNDS; round++) {
      for (const mode of round % 2 ? (['real', 'bare'] as const) : (['bare', 'real'] as const)) {
        const { server, headers } = targets[mode];
        parts[mode].push(await load(server.base, paths, headers, DURATION / ROUNDS));
      }
    }
    const results = { bare: merge(parts.bare), real: merge(parts.real) };
    log('bare', results.bare);
    log('real', results.real);
    for (const s of [real, bare]) {
      await s.stop();
      servers.splice(servers.indexOf(s), 1);
    }
    const ratio = results.real.rps / results.bare.rps;
    const roundRatios = parts.real.map((r, i) => r.rps / parts.bare[i]!.rps);

    // ── import: 50k rows from .xlsx vs COPY ────────────────────────────
    const importRows = [...generateUnits(geo, { count: IMPORT_ROWS, provinceId: PROVINCE, seed: 77, idBase: 5_234_567_890 })];
    const countyName = new Map(geo.counties.map((x) => [x.id, x.name]));
    const estateName = new Map(geo.estates.map((x) => [x.id, x.name]));
    const xlsx = await writeXlsx([{ name: 'واحدها', columns: UNIT_SHEET_COLUMNS.map((x) => ({ header: x.fa, kind: 'text' as const })), rows: importFileRows(importRows, countyName, estateName) }]);
    log(`import file: ${fmt(xlsx.length / 1024 / 1024, 1)} MB`);

    // COPY into the same table (same indexes, foreign keys and unique key) the import writes to; then
    // those rows go again, so the import meets the register as it was.
    const copy = copyRows(dbUrl, 'units', importRows);
    log(`COPY ${copy.rows} rows: ${fmt(copy.ms)} ms`);
    const c2 = new pg.Client({ connectionString: dbUrl });
    await c2.connect();
    await c2.query(`delete from units where national_id in (select jsonb_array_elements_text($1::jsonb))`, [JSON.stringify(importRows.map((r) => r.national_id))]);
    await c2.query('vacuum analyze units');
    await c2.end();

    const server = await startServer('real');
    servers.push(server);
    const cookie = await login(server.base);
    const rssBefore = peakRssMb(server.child.pid!);
    const first = await postImport(server.base, cookie, xlsx);
    const rssAfterFirst = peakRssMb(server.child.pid!);
    log('import 1', first.ms, first.body);
    const second = await postImport(server.base, cookie, xlsx);
    const rssPeak = peakRssMb(server.child.pid!);
    log('import 2', second.ms, second.body);
    await server.stop();
    servers.pop();

    const copyRate = copy.rows / (copy.ms / 1000);
    const importRate = IMPORT_ROWS / (first.ms / 1000);
    const againRate = IMPORT_ROWS / (second.ms / 1000);
    const importRatio = importRate / copyRate;

    const ok = (b: boolean) => (b ? 'met' : '**not met**');
    const section = `## Units

Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC by \`node --import tsx bench/units.bench.ts\` on this machine
(${(await import('node:os')).cpus().length} cores shared with the load generator), PostgreSQL ${pgVersion} at 127.0.0.1, Node ${process.version}.
Data: ${fmt(UNITS)} units in ${geo.provinces.length} provinces, ${geo.counties.length} counties, ${geo.estates.length} estates
(\`bench/generate-national.ts\`, deterministic; COPY of the register took ${fmt(timings['units']!.ms)} ms); ${PROVINCE}: ${fmt(inProvince)} units.

### List: \`GET /api/v1/units?q=…&countyId=…\` (50 rows)

${paths.length} different queries (10 name fragments, some with Arabic letters or without the half-space, × 6 counties of ${PROVINCE}),
autocannon, ${CONNECTIONS} connections, ${DURATION} s per server in 4 alternating rounds after a 2 s warm-up each, loopback.\nEach server in its own process with a pool of 10; the machine's load average at the start was ${loadAvg}
(other sessions share it: on this machine the ratio has measured 0.56–0.85 from run to run as their load came and went).

| server | req/s | p50 ms | p95 ms | p99 ms | requests | non-2xx |
|---|---:|---:|---:|---:|---:|---:|
| bare Fastify + pg, same SQL | ${fmt(results.bare.rps)} | ${fmt(results.bare.p50)} | ${fmt(results.bare.p95)} | ${fmt(results.bare.p99)} | ${fmt(results.bare.total)} | ${results.bare.non2xx} |
| Tashil (session auth, permission check, zod, scoping, serialisation) | ${fmt(results.real.rps)} | ${fmt(results.real.p50)} | ${fmt(results.real.p95)} | ${fmt(results.real.p99)} | ${fmt(results.real.total)} | ${results.real.non2xx} |

Ratio ${fmt(ratio, 2)} (target ≥ 0.7: ${ok(ratio >= 0.7)}; by round ${roundRatios.map((r) => fmt(r, 2)).join(', ')}); p95 ${fmt(results.real.p95)} ms (target < 100 ms: ${ok(results.real.p95 < 100)}).

### Import: ${fmt(IMPORT_ROWS)} rows from .xlsx (${fmt(xlsx.length / 1024 / 1024, 1)} MB) vs COPY

| step | time | rows/s |
|---|---:|---:|
| PostgreSQL COPY (psql \\copy) of the same rows into \`units\` (same indexes incl. trigram, foreign keys; removed again before the import) | ${fmt(copy.ms)} ms | ${fmt(copyRate)} |
| \`POST /api/v1/units/import\`, first time: ${String(first.body['created'])} created | ${fmt(first.ms)} ms | ${fmt(importRate)} |
| the same file again: ${String(second.body['unchanged'])} unchanged, ${String(second.body['created'])} created, ${String(second.body['updated'])} updated | ${fmt(second.ms)} ms | ${fmt(againRate)} |

Import ÷ COPY = ${fmt(importRatio, 2)} (target ≥ 0.2: ${ok(importRatio >= 0.2)}). Server peak RSS ${fmt(rssAfterFirst)} MB after the first import,
${fmt(rssPeak)} MB after the second (${fmt(rssBefore)} MB before; target < 512 MB: ${ok(rssPeak < 512)}). The import is the whole request:
upload, zip checks, reading the sheet, validating every row, the all-or-nothing transaction with bulk inserts and one audit event per unit.
`;
    writeSection(section);
    log(`docs/benchmarks.md updated; list ratio ${fmt(ratio, 2)}, p95 ${fmt(results.real.p95)} ms; import ${fmt(importRatio, 2)}× COPY, RSS ${fmt(rssPeak)} MB`);
  } finally {
    for (const s of servers) await s.stop();
    await admin(`drop database if exists ${dbName} with (force)`);
    log(`database ${dbName} dropped`);
  }
}

/** Replaces (or appends) the "## Units" section, leaving the others alone. */
function writeSection(section: string) {
  const file = path.join(root, 'docs', 'benchmarks.md');
  const head = '# Benchmarks\n\nFigures measured by the scripts in `bench/` (not tests). Each section is rewritten by its own script.\n\n';
  const text = existsSync(file) ? readFileSync(file, 'utf8') : head;
  const start = text.indexOf('## Units\n');
  let next: string;
  if (start < 0) next = `${text.trimEnd()}\n\n${section}`;
  else {
    const after = text.indexOf('\n## ', start + 1);
    next = text.slice(0, start) + section + (after < 0 ? '' : text.slice(after + 1));
  }
  writeFileSync(file, `${next.trimEnd()}\n`);
}

await main();

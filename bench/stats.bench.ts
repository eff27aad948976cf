/**
 * Statistics benchmark (not a test).
 *
 * 1. Native PostgreSQL, national scale: a fresh database `tashil_bench_stats` with 31 provinces, 100k units
 *    (bench/generate-national.ts), 1M referrals (four in ten followed up), 500k demands, 50k resolutions (generated in SQL, deterministic, then vacuumed).
 *    Each stats endpoint is called through the real app over HTTP, one request at a time (N times after a
 *    warm-up), and compared with the bare SQL it runs: the queries one request issued are captured at the pool
 *    and replayed straight through pg with the same concurrency. Targets: p95 ≤ 150 ms and ≤ 1.3 × bare.
 * 2. Embedded PGlite with one province (3k units, 30k referrals, 15k demands, 1.5k resolutions): p95 ≤ 300 ms.
 *
 *   node --import tsx bench/stats.bench.ts [--requests 100] [--skip-pglite] [--skip-postgres] [--keep] [--reuse] [--only agencies]
 * --keep leaves the national database in place and --reuse measures it again without generating it.
 * BENCH_PG_URL overrides postgres://postgres@127.0.0.1:5432/postgres. Writes docs/benchmarks.md ("Statistics").
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { openDatabase, PG_SESSION_OPTIONS, type Database } from '../src/server/db/client.js';
import { seedReference } from '../src/server/seed/reference.js';
import { hashPassword } from '../src/server/modules/auth/passwords.js';
import { loadNational } from './generate-national.js';
import { generateActivity } from './activity.js';
import { STATS_BENCH_PASSWORD, STATS_ENDPOINTS } from './stats-endpoints.js';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const argv = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
};
const REQUESTS = arg('requests', 100);
/** --only <text>: measure only the endpoints whose path contains it (does not write docs/benchmarks.md) */
const ONLY = argv.includes('--only') ? argv[argv.indexOf('--only') + 1] : undefined;
const adminUrl = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = 'tashil_bench_stats';
const urlOf = (name: string) => Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString();
const log = (...a: unknown[]) => console.log(new Date().toISOString().slice(11, 19), ...a);


async function addUsers(database: Database, provinceId: string) {
  const hash = await hashPassword(STATS_BENCH_PASSWORD);
  await database.query(
    `insert into users (username, full_name, role, province_id, password_hash) values ('bench.secretariat', 'bench', 'secretariat', $1, $2), ('bench.national', 'bench', 'national', null, $2)`,
    [provinceId, hash],
  );
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
};


interface Result {
  endpoint: string;
  p50: number;
  p95: number;
  bareP50?: number;
  bareP95?: number;
  stackP50?: number;
  stackP95?: number;
  queries?: number;
}

async function login(base: string, username: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-requested-with': 'tashil' }, body: JSON.stringify({ username, password: STATS_BENCH_PASSWORD }) });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}

async function measureHttp(database: Database, capture: boolean): Promise<Result[]> {
  const config = loadConfig({ TASHIL_DEMO: '0' } as NodeJS.ProcessEnv, { webDir: '/nonexistent', logLevel: 'warn' });
  const app = await buildApp({ database, config, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const cookies = new Map<string, string>();
  for (const e of STATS_ENDPOINTS) if (!cookies.has(e.user)) cookies.set(e.user, await login(base, e.user));
  const results: Result[] = [];
  try {
    for (const e of STATS_ENDPOINTS.filter((x) => !ONLY || x.path.includes(ONLY))) {
      const get = async () => {
        const t0 = performance.now();
        const res = await fetch(base + e.path, { headers: { cookie: cookies.get(e.user)! } });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`${e.path}: ${res.status}`);
        return performance.now() - t0;
      };
      for (let i = 0; i < 3; i++) await get();
      const times: number[] = [];
      for (let i = 0; i < REQUESTS; i++) times.push(await get());
      const r: Result = { endpoint: e.path, p50: pct(times, 50), p95: pct(times, 95) };
      if (capture && database.pool) {
        // the SQL one request runs, captured at the pool, then replayed bare with the same concurrency
        const captured: { text: string; values: unknown[] }[] = [];
        const pool = database.pool;
        const original = pool.query.bind(pool);
        (pool as unknown as { query: unknown }).query = (text: unknown, values?: unknown) => {
          const t = typeof text === 'string' ? text : (text as { text: string }).text;
          const v = values ?? (typeof text === 'string' ? undefined : (text as { values?: unknown[] }).values);
          if (!/auth_sessions|from "users"|api_tokens/.test(t)) captured.push({ text: t, values: (v as unknown[]) ?? [] });
          return (original as (a: unknown, b?: unknown) => unknown)(text, values);
        };
        await get();
        (pool as unknown as { query: unknown }).query = original;
        // the same server settings as Tashil's own connections (PG_SESSION_OPTIONS), so only Tashil's own work differs
        const bare = new pg.Pool({ connectionString: (pool as unknown as { options: { connectionString: string } }).options.connectionString, max: 10, options: PG_SESSION_OPTIONS });
        bare.on('error', () => {});
        const run = async () => {
          const t0 = performance.now();
          await Promise.all(captured.map((c) => bare.query(c.text, c.values)));
          return performance.now() - t0;
        };
        for (let i = 0; i < 3; i++) await run();
        const bareTimes: number[] = [];
        for (let i = 0; i < REQUESTS; i++) bareTimes.push(await run());
        // the bare stack: node:http answering each request with the same statements' rows as JSON, called like Tashil
        const stack = http.createServer((_req, res) => {
          Promise.all(captured.map((c) => bare.query(c.text, c.values))).then(
            (rs) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(rs.map((x) => x.rows))),
            () => res.writeHead(500).end(),
          );
        });
        await new Promise<void>((resolve) => stack.listen(0, '127.0.0.1', resolve));
        const stackUrl = `http://127.0.0.1:${(stack.address() as AddressInfo).port}/`;
        const viaStack = async () => {
          const t0 = performance.now();
          const res = await fetch(stackUrl);
          await res.arrayBuffer();
          return performance.now() - t0;
        };
        for (let i = 0; i < 3; i++) await viaStack();
        const stackTimes: number[] = [];
        for (let i = 0; i < REQUESTS; i++) stackTimes.push(await viaStack());
        await new Promise((resolve) => stack.close(resolve));
        await bare.end();
        Object.assign(r, { bareP50: pct(bareTimes, 50), bareP95: pct(bareTimes, 95), stackP50: pct(stackTimes, 50), stackP95: pct(stackTimes, 95), queries: captured.length });
      }
      log(e.path, r);
      results.push(r);
    }
  } finally {
    await app.close();
  }
  return results;
}

function table(results: Result[], bare: boolean, target: number): string {
  const head = bare
    ? '| endpoint | Tashil p50 ms | Tashil p95 ms | bare SQL p50 ms | bare SQL p95 ms | ratio to bare SQL (p95) | bare stack p95 ms | ratio to bare stack (p95) | queries | targets |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---|'
    : '| endpoint | p50 ms | p95 ms | target |\n|---|---:|---:|---|';
  const rows = results.map((r) => {
    if (!bare) return `| \`${r.endpoint}\` | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.p95 <= target ? 'met' : '**not met**'} (≤ ${target}) |`;
    const ratio = r.p95 / (r.bareP95 ?? NaN);
    const stackRatio = r.p95 / (r.stackP95 ?? NaN);
    return `| \`${r.endpoint}\` | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.bareP50?.toFixed(1)} | ${r.bareP95?.toFixed(1)} | ${ratio.toFixed(2)} | ${r.stackP95?.toFixed(1)} | ${stackRatio.toFixed(2)} | ${r.queries} | p95 ${r.p95 <= target ? 'met' : '**not met**'}, ratio ${ratio <= 1.3 ? 'met' : '**not met**'} |`;
  });
  return `${head}\n${rows.join('\n')}`;
}

async function main() {
  const sections: string[] = [];
  const header = `Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC by \`node --import tsx bench/stats.bench.ts\` on this machine (2 cores, shared with the client), Node ${process.version}; ${REQUESTS} sequential requests per endpoint after 3 warm-up requests.`;
  if (!argv.includes('--skip-postgres')) {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    const reuse = argv.includes('--reuse') && (await admin.query(`select 1 from pg_database where datname = $1`, [dbName])).rowCount === 1;
    if (!reuse) {
      await admin.query(`drop database if exists ${dbName} with (force)`);
      await admin.query(`create database ${dbName}`);
    }
    try {
      const url = urlOf(dbName);
      const database = await openDatabase({ databaseUrl: url });
      const [{ v }] = (await database.query<{ v: string }>('select version() as v')) as [{ v: string }];
      const t0 = performance.now();
      if (!reuse) {
        await seedReference(database.db);
        log('loading 100k units…');
        const { timings } = loadNational(url, { units: 100_000 });
        log('units', timings);
        await generateActivity(database, { referrals: 1_000_000, demands: 500_000, resolutions: 50_000 });
      }
      const genMs = performance.now() - t0;
      const [{ province }] = (await database.query<{ province: string }>(`select province_id as province from units group by 1 order by count(*) desc limit 1`)) as [{ province: string }];
      const counts = (await database.query<Record<string, number>>(`select (select count(*) from referrals)::int r, (select count(*) from demands)::int d, (select count(*) from resolutions)::int s, (select count(*) from referrals where province_id = '${province}')::int rp`))[0]!;
      if (!reuse) await addUsers(database, province);
      log('generated', counts, `${genMs.toFixed(0)} ms`);
      const results = await measureHttp(database, true);
      await database.close();
      sections.push(
        `### Native PostgreSQL, national scale\n\n${v.split(',')[0]}. Data: 31 provinces, 100,000 units, ${counts.r!.toLocaleString('en-US')} referrals, ${counts.d!.toLocaleString('en-US')} demands, ${counts.s!.toLocaleString('en-US')} resolutions (generated in ${(genMs / 1000).toFixed(0)} s). ` +
          `The secretariat user is in \`${province}\`, the busiest province (${counts.rp!.toLocaleString('en-US')} referrals); \`/stats/provinces\` (national role) aggregates all provinces. ` +
          `"Bare SQL" replays, through a plain pg pool with the same concurrency and the same session settings (\`${PG_SESSION_OPTIONS}\`), exactly the queries one request ran (captured at the pool; session lookup excluded). "Bare stack" serves those same statements from a plain \`node:http\` server (no sign-in check, rows as JSON), called over HTTP like Tashil — what the HTTP round trip alone costs. An endpoint whose SQL takes a few milliseconds cannot stay within 1.3 × its bare SQL once a round trip and the sign-in check are added; the bare-stack ratio shows what Tashil itself adds.\n\n${table(results, true, 150)}`,
      );
    } finally {
      if (!argv.includes('--keep')) await admin.query(`drop database if exists ${dbName} with (force)`);
      await admin.end();
    }
  }
  if (!argv.includes('--skip-pglite')) {
    const database = await openDatabase({});
    await seedReference(database.db);
    await database.query(`insert into units (province_id, name, name_key, national_id, sector_code, county_id, employees, capacity_utilization, status)
      select 'qom', 'واحد ' || g, 'واحد' || g, lpad(g::text, 11, '0'), '10', (array['qom','kahak','jafarabad'])[1 + g % 3], 10, 50, 'active' from generate_series(1, 3000) g`);
    const t0 = performance.now();
    await generateActivity(database, { referrals: 30_000, demands: 15_000, resolutions: 1_500 }, 'qom');
    const genMs = performance.now() - t0;
    await addUsers(database, 'qom');
    const results = await measureHttp(database, false);
    await database.close();
    sections.push(`### Embedded PGlite, one province\n\nData: Qom with 3,000 units, 30,000 referrals, 15,000 demands, 1,500 resolutions (generated in ${(genMs / 1000).toFixed(1)} s), in memory.\n\n${table(results, false, 300)}`);
  }
  if (ONLY) return log('--only: docs/benchmarks.md left as it is');
  const doc = path.join(root, 'docs', 'benchmarks.md');
  const current = readFileSync(doc, 'utf8');
  const section = `## Statistics\n\n${header}\n\n${sections.join('\n\n')}\n`;
  const next = /## Statistics\n[\s\S]*?(?=\n## |$)/.test(current) ? current.replace(/## Statistics\n[\s\S]*?(?=\n## |$)/, section) : `${current.trimEnd()}\n\n${section}`;
  writeFileSync(doc, next);
  log('written to docs/benchmarks.md');
}

main().catch((e: unknown) => {
  console.error('stats bench failed:', e);
  process.exit(1);
});

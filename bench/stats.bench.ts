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

const BANKS = ['sanat-madan', 'melli', 'sepah', 'tejarat', 'keshavarzi', 'tosee-saderat', 'mellat', 'saderat', 'refah', 'post'];
const AGENCIES = ['smt', 'agri', 'estates', 'labour', 'governorate', 'tax', 'sso', 'power', 'gas', 'env'];
const CATEGORIES = ['finance', 'bank-debt', 'tax', 'social-security', 'customs', 'fx', 'raw-materials', 'power', 'gas', 'water', 'land', 'permits'];
const arr = (xs: string[]) => `array[${xs.map((x) => `'${x}'`).join(',')}]`;

/** Referrals, demands, sessions and resolutions generated inside the database from hashes of the row number. */
export async function generateActivity(database: Database, counts: { referrals: number; demands: number; resolutions: number }, provinceFilter?: string) {
  const q = (text: string) => database.query(text);
  const scope = provinceFilter ? `where province_id = '${provinceFilter}'` : '';
  await q(`create temporary table bench_units as select id, province_id, row_number() over (order by id) as rn from units ${scope}`);
  const [{ n }] = (await database.query<{ n: number }>(`select count(*)::int as n from bench_units`)) as [{ n: number }];
  const statuses = arr(['referred', 'received', 'under_review', 'approved', 'paid', 'paid', 'paid', 'rejected', 'withdrawn', 'approved']);
  await q(`
    insert into referrals (province_id, code, unit_id, agency_id, bank_id, program_code, facility_type, requested_amount, approved_amount, paid_amount,
                           paid_date, referral_date, status, received_at, decided_at, paid_at, reason_code, reason_text, reason_letter_no, reason_letter_date)
    select u.province_id, 'R-B-' || lpad(s.g::text, 7, '0'), u.id, (${arr(AGENCIES)})[1 + s.h % 10], (${arr(BANKS)})[1 + (s.h / 10) % 10],
           (${arr(['rounaq', 't18', 'ndf', 'mandated'])})[1 + (s.h / 100) % 4], 'working_capital',
           s.req, case when s.st in ('approved', 'paid') then s.req * 8 / 10 end, case when s.st = 'paid' then s.req * 7 / 10 end,
           case when s.st = 'paid' then s.rd + 50 end, s.rd, s.st,
           case when s.st not in ('referred', 'withdrawn') then (s.rd + 3)::timestamp at time zone 'Asia/Tehran' end,
           case when s.st in ('approved', 'paid', 'rejected') then (s.rd + 3 + (s.h % 40))::timestamp at time zone 'Asia/Tehran' end,
           case when s.st = 'paid' then (s.rd + 50)::timestamp at time zone 'Asia/Tehran' end,
           case when s.st = 'rejected' then 'collateral' end, case when s.st = 'rejected' then 'وثیقهٔ ارائه‌شده کافی نیست' end,
           case when s.st = 'rejected' then 'ب/' || s.g end, case when s.st = 'rejected' then s.rd + 20 end
    from (select g, h, (${statuses})[1 + (h / 1000) % 10] as st, date '2025-03-21' + (h % 600) as rd, (1 + h % 500)::bigint * 100000000 as req
          from (select g, abs(hashint4(g)) as h from generate_series(1, ${counts.referrals}) g) x) s
    join bench_units u on u.rn = 1 + (s.h / 7) % ${n}`);
  const dstatuses = arr(['registered', 'assigned', 'in_progress', 'escalated', 'resolved', 'resolved', 'resolved', 'unresolvable', 'assigned', 'in_progress']);
  await q(`
    insert into demands (province_id, code, unit_id, category_code, title, title_key, description, agency_id, priority, due_date, status, resolved_at, created_at, updated_at)
    select u.province_id, 'D-B-' || lpad(s.g::text, 7, '0'), u.id, (${arr(CATEGORIES)})[1 + s.h % 12], 'مطالبهٔ شمارهٔ ' || s.g, 'مطالبهشماره' || s.g, 'شرح',
           (${arr(AGENCIES)})[1 + (s.h / 12) % 10], 'normal', s.cd + 30, s.st,
           case when s.st in ('resolved', 'unresolvable') then (s.cd + (s.h % 60))::timestamp at time zone 'Asia/Tehran' end,
           s.cd::timestamp at time zone 'Asia/Tehran', s.cd::timestamp at time zone 'Asia/Tehran'
    from (select g, h, (${dstatuses})[1 + (h / 1000) % 10] as st, date '2025-03-21' + (h % 600) as cd
          from (select g, abs(hashint4(g + 7777777)) as h from generate_series(1, ${counts.demands}) g) x) s
    join bench_units u on u.rn = 1 + (s.h / 7) % ${n}`);
  await q(`insert into wg_sessions (province_id, fiscal_year, number, held_on, status)
           select p.province_id, 1404 + (g > 20)::int, 1 + (g - 1) % 20, date '2025-04-01' + g * 14, 'held'
           from (select distinct province_id from bench_units) p cross join generate_series(1, 40) g`);
  const rstatuses = arr(['open', 'in_progress', 'done', 'done', 'done', 'done', 'not_done', 'objected', 'cancelled', 'in_progress']);
  await q(`
    insert into resolutions (province_id, code, session_id, unit_id, text, due_date, status, not_done_cause, created_at, updated_at, notified_at)
    select u.province_id, 'M-B-' || lpad(s.g::text, 7, '0'), ws.id, u.id, 'مصوبه ' || s.g, ws.held_on + 45, s.st, case when s.st = 'not_done' then 'external' end,
           ws.held_on::timestamp at time zone 'Asia/Tehran', ws.held_on::timestamp at time zone 'Asia/Tehran', ws.held_on::timestamp at time zone 'Asia/Tehran'
    from (select g, h, (${rstatuses})[1 + (h / 1000) % 10] as st from (select g, abs(hashint4(g + 99999)) as h from generate_series(1, ${counts.resolutions}) g) x) s
    join bench_units u on u.rn = 1 + (s.h / 7) % ${n}
    join wg_sessions ws on ws.province_id = u.province_id and ws.fiscal_year = 1404 + ((s.h / 3) % 2) and ws.number = 1 + (s.h / 5) % 20`);
  await q(`insert into resolution_agencies (resolution_id, agency_id) select id, (${arr(AGENCIES)})[1 + abs(hashtext(code)) % 10] from resolutions`);
  await q(`insert into quotas (province_id, fiscal_year, program_code, bank_id, amount)
           select p.province_id, fy, pr, b, 50000000000000 from (select distinct province_id from bench_units) p
           cross join (values (1404), (1405)) y(fy) cross join unnest(array['rounaq', 't18']) pr cross join unnest(${arr(BANKS)}) b`);
  // four referrals in ten followed up by the agency that made them
  await q(`insert into referral_followups (referral_id, province_id, note, actor_label, actor_name, actor_role, agency_id, created_at)
           select id, province_id, 'پیگیری شد', 'دستگاه', 'کارشناس', 'agency', agency_id, (referral_date + 5)::timestamp at time zone 'Asia/Tehran'
           from referrals where abs(hashtext(code)) % 10 < 4`);
  await q(`drop table bench_units`);
  // as autovacuum would leave them: statistics read indexes whose pages are marked all-visible
  await q(`vacuum analyze`);
}

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

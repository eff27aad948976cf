/**
 * What one request costs a `tashil serve` instance, per endpoint: requests per second at 10 connections (autocannon)
 * and the instance's CPU per request (user + system, from /proc, all its threads: zlib, GC), with the CPU every PostgreSQL process on the machine used per request beside it, against a database that
 * already holds data — the scale drill's (`bench/scale-drill.ts --keep`, then start its primary as the drill prints) or
 * any other. In the same run, the bare stack: a `node:http` server answering a page of the province's referrals with
 * `pg` (the same rows, its own SQL, no session, checks or compression) — the floor under `GET /referrals`.
 *
 *   node --import tsx bench/instance-cost.ts --database postgres://postgres@127.0.0.1:55432/tashil \
 *     [--user drill.sec.tehran --password drill-password-1405] [--seconds 12] [--encoding gzip] [--baseline DIR] [PATH ...]
 *
 * `--baseline DIR`: the same requests against another checkout's server too (e.g. `git worktree add /tmp/base <rev>`
 * with node_modules linked), one after the other in the same run, on the same database.
 *
 * Without paths: the lists, a referral's and a demand's page, the home, the dashboard, a drill-down and /health/live.
 * Linux only (/proc). Figures by hand into docs/benchmarks.md.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import autocannon, { type Options, type Result } from 'autocannon';
import pg from 'pg';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const argv = process.argv.slice(2);
const opt = (name: string, fallback: string) => (argv.includes(`--${name}`) ? argv[argv.indexOf(`--${name}`) + 1]! : fallback);
const DATABASE = opt('database', '');
const USER = opt('user', 'drill.sec.tehran');
const PASSWORD = opt('password', 'drill-password-1405');
const SECONDS = Number(opt('seconds', '12'));
const ENCODING = opt('encoding', 'gzip');
const BASELINE = opt('baseline', '');
const named = new Set(['database', 'user', 'password', 'seconds', 'encoding', 'baseline'].map((n) => `--${n}`));
const paths = argv.filter((a, i) => !a.startsWith('--') && !named.has(argv[i - 1] ?? ''));
if (!DATABASE) {
  console.error('usage: node --import tsx bench/instance-cost.ts --database URL [--user U --password P] [PATH ...]');
  process.exit(2);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** CPU time of a process so far (user + system, all threads), in ms */
const cpuMs = (pid: number) => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(f[11]) + Number(f[12])) * 1000) / 100; // clock ticks (USER_HZ 100)
};

/** CPU time of each PostgreSQL process on the machine so far, by pid, in ms */
const databaseCpu = () => {
  const byPid = new Map<number, number>();
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres') byPid.set(Number(pid), cpuMs(Number(pid)));
    } catch {
      // gone meanwhile
    }
  }
  return byPid;
};
/** What the PostgreSQL processes used since `before` (a process that ended meanwhile is left out; one started counts whole) */
const databaseCpuSince = (before: Map<number, number>) => [...databaseCpu()].reduce((sum, [pid, ms]) => sum + ms - (before.get(pid) ?? 0), 0);

async function freePort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

async function waitReady(base: string) {
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`${base}/api/v1/health/ready`)).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`${base} did not become ready`);
}

interface Row {
  name: string;
  reqPerSec: number;
  p50: number;
  p99: number;
  cpuPerRequest: number;
  dbCpuPerRequest: number;
  errors: number;
}

const run = (opts: Options) => new Promise<Result>((resolve, reject) => autocannon(opts, (err, res) => (err ? reject(err) : resolve(res))));

async function measure(name: string, url: string, pid: number, headers: Record<string, string>): Promise<Row> {
  await run({ url, connections: 10, duration: 3, headers }); // warm-up
  const before = cpuMs(pid);
  const dbBefore = databaseCpu();
  const r = await run({ url, connections: 10, duration: SECONDS, headers });
  const cpu = cpuMs(pid) - before;
  const dbCpu = databaseCpuSince(dbBefore);
  return { name, reqPerSec: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, cpuPerRequest: cpu / r.requests.total, dbCpuPerRequest: dbCpu / r.requests.total, errors: r.non2xx + r.errors };
}

/** The bare stack: node:http + pg, a page of 20 of the province's referrals with their names, as JSON. */
async function bareServer(port: number, provinceId: string) {
  const pool = new pg.Pool({ connectionString: DATABASE, max: 20 });
  const text = `select r.*, u.name as unit_name, u.national_id as unit_national_id,
      (select a.name from agencies a where a.id = r.agency_id) as agency_name, (select b.name from banks b where b.id = r.bank_id) as bank_name,
      (select p.name from programs p where p.code = r.program_code) as program_name
    from referrals r join units u on u.id = r.unit_id where r.province_id = $1 order by r.referral_date desc, r.code desc limit 20`;
  const server = http.createServer((_req, res) => {
    void pool.query(text, [provinceId]).then(({ rows }) => {
      const body = JSON.stringify({ items: rows });
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  return { close: async () => { await new Promise((r) => server.close(r)); await pool.end(); } };
}

/** Starts `checkout`'s server on the database, signs in, and measures each path in turn. */
async function measureServer(checkout: string, list: string[]): Promise<Row[]> {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tashil-instance-cost-'));
  const child: ChildProcess = spawn(process.execPath, [path.join(checkout, 'bin/tashil.mjs'), 'serve'], {
    cwd: checkout,
    env: { ...process.env, DATABASE_URL: DATABASE, PORT: String(port), HOST: '127.0.0.1', TASHIL_DATA_DIR: dataDir, TASHIL_DEMO: '0', TASHIL_MFA_ROLES: 'none', LOG_LEVEL: 'warn', TASHIL_DB_POOL_MAX: '20' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const rows: Row[] = [];
  try {
    const base = `http://127.0.0.1:${port}`;
    await waitReady(base);
    const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-requested-with': 'tashil' }, body: JSON.stringify({ username: USER, password: PASSWORD }) });
    if (login.status !== 200) throw new Error(`login ${USER}: ${login.status}`);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    console.log(`${checkout}: waiting 25 s for the instance’s start-up jobs (the reminders’ collection) to finish`);
    await sleep(25_000);
    for (const p of list) {
      rows.push(await measure(p, base + p, child.pid!, { cookie, 'accept-encoding': ENCODING }));
      console.log(rows.at(-1));
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
  return rows;
}

async function main() {
  const pool = new pg.Pool({ connectionString: DATABASE, max: 2 });
  const [user] = (await pool.query<{ province_id: string }>('select province_id from users where username = $1', [USER])).rows;
  if (!user) throw new Error(`no user ${USER} in that database`);
  const province = user.province_id;
  const one = async (table: string) => (await pool.query<{ id: string }>(`select id from ${table} where province_id = $1 order by id limit 1`, [province])).rows[0]?.id;
  const [referralId, demandId] = [await one('referrals'), await one('demands')];
  await pool.end();
  const defaults = [
    '/api/v1/referrals?pageSize=20',
    `/api/v1/referrals/${referralId}`,
    '/api/v1/demands?pageSize=20',
    `/api/v1/demands/${demandId}`,
    '/api/v1/home',
    '/api/v1/stats/overview',
    '/api/v1/stats/drilldown?source=referrals&metric=overdue',
    '/api/v1/health/live',
  ];

  const rows: Row[] = [];
  for (const [label, checkout] of BASELINE ? [['baseline', path.resolve(BASELINE)], ['this checkout', root]] : [['', root]]) {
    for (const r of await measureServer(checkout!, paths.length ? paths : defaults)) rows.push(label ? { ...r, name: `${r.name} (${label})` } : r);
  }

  // the bare stack, in its own process measured the same way
  const barePort = await freePort();
  const bare = spawn(process.execPath, ['--import', 'tsx', new URL(import.meta.url).pathname, '--bare-server', String(barePort), province, '--database', DATABASE], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  try {
    await sleep(3000);
    rows.push(await measure(`bare node:http + pg: a page of 20 referrals (${province})`, `http://127.0.0.1:${barePort}/`, bare.pid!, {}));
    console.log(rows.at(-1));
  } finally {
    bare.kill('SIGTERM');
  }

  console.log(`\n10 connections, ${SECONDS} s each after a 3 s warm-up; Accept-Encoding: ${ENCODING}; user ${USER}\n`);
  console.log('| endpoint | req/s | p50 / p99 ms | instance CPU per request (ms) | PostgreSQL CPU per request (ms) | errors |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const r of rows) console.log(`| ${r.name.replace(/[0-9a-f-]{36}/, ':id')} | ${r.reqPerSec.toFixed(0)} | ${r.p50} / ${r.p99} | ${r.cpuPerRequest.toFixed(2)} | ${r.dbCpuPerRequest.toFixed(2)} | ${r.errors} |`);
}

if (argv.includes('--bare-server')) {
  const at = argv.indexOf('--bare-server');
  const server = await bareServer(Number(argv[at + 1]), argv[at + 2]!);
  process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
} else {
  await main();
}

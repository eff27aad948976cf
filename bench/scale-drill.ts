/**
 * The scale drill (a benchmark, not a test): Tashil as it is deployed — `tashil serve` processes on PostgreSQL 15 with a
 * streaming replica — under a mixed workload of 100 virtual officials, with one and then two instances.
 *
 * 1. Makes a PostgreSQL primary (initdb) and a streaming replica (pg_basebackup -R) on free ports, in a folder of its own
 *    (never the machine's main cluster); both are stopped and the folder removed at the end (unless --keep).
 * 2. Loads national data: 31 provinces' geography and units (bench/generate-national.ts), referrals, demands and
 *    resolutions (bench/activity.ts), at a size given by --scale (1 = 100k units, 1M referrals, 500k demands, 50k
 *    resolutions), and users for ten provinces: a secretariat, an agency, a bank and a producer each.
 * 3. For 1 then 2 instances (`node bin/tashil.mjs serve`, DATABASE_REPLICA_URL set): HAProxy in front, configured as
 *    docs/deploy.md's (a round-robin proxy process of its own where HAProxy is not installed); 100 virtual users (two in
 *    five the secretariat, one each an agency, a bank and a producer) each sending its next request as soon as the last
 *    is answered: lists, record pages, dashboard, statistics, and about one request in nine a write — follow-ups,
 *    transitions (a bank receives and reviews referrals, an agency starts on demands and resolves them), a producer's 100 KB uploads (and
 *    downloads of what it sent). Per endpoint p50/p95/p99, errors, req/s; RSS of each instance at start
 *    and end; the CPU each process used (instances, proxy, the driver, the primary's and the replica's PostgreSQL).
 * 4. --kill: with two instances (the last number of users), one is killed with SIGKILL mid-run: errors, how long until the proxy stops sending
 *    it traffic, and whether every acknowledged write is in the database.
 *
 *   node --import tsx bench/scale-drill.ts [--scale 0.3] [--hold 15] [--seconds 60] [--users 40,100] [--kill] [--compare-snapshots] [--failover] [--only-failover] [--only-files] [--only-reminders] [--only-runs] [--pool N] [--instance-cpu C] [--reminder-minutes N] [--keep] [--reuse] [--profile DIR] [--write]
 *
 * 5. The reminder job's first run under load (see `reminderUnderLoad`), after the runs; --only-reminders: that and a
 *    one-instance run to set it beside.
 * 6. The 5 MB letter (see `filesDrill`); --only-files: that alone.
 * 7. --failover: the failover drill (see `failover`), after the runs; --only-failover: that alone.
 *
 * `--write` puts the figures into docs/benchmarks.md («Scale drill»).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readFileSync, readdirSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Database } from '../src/server/db/client.js';
import { REMINDER_SOURCES } from '../src/server/app.js';
import { runNotificationJob } from '../src/server/modules/notifications/notifications.job.js';
import { seedReference } from '../src/server/seed/reference.js';
import { hashPassword } from '../src/server/modules/auth/passwords.js';
import { loadNational } from './generate-national.js';
import { generateActivity } from './activity.js';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const argv = process.argv.slice(2);
const num = (name: string, fallback: number) => (argv.includes(`--${name}`) ? Number(argv[argv.indexOf(`--${name}`) + 1]) : fallback);
const SCALE = num('scale', 0.3);
/** `--hold S`: TASHIL_STATS_HOLD_SECONDS of the instances (15, docs/deploy.md's for a busy national installation; 0 to compare) */
const HOLD = num('hold', 15);
const SECONDS = num('seconds', 60);
/** `--users 40,100`: the runs for each number of users in turn */
const USER_COUNTS = (argv.includes('--users') ? argv[argv.indexOf('--users') + 1]! : '100').split(',').map(Number);
const USERS = Math.max(...USER_COUNTS);
const KILL = argv.includes('--kill');
const KEEP = argv.includes('--keep');
const WRITE = argv.includes('--write');
/** also a run of one instance with the statistics snapshots off (TASHIL_STATS_SNAPSHOT_SECONDS=0), to see what they save */
const COMPARE = argv.includes('--compare-snapshots');
const FAILOVER = argv.includes('--failover');
/** `--only-reminders`: a one-instance run and the reminder job's first run under load, nothing else */
const ONLY_REMINDERS = argv.includes('--only-reminders');
/** `--pool N`: the database connections of a run's instances together (each has N ÷ instances); 20 by default */
const POOL_TOTAL = num('pool', 20);
/** `--only-runs`: the runs of one and two instances only (no reminder job, files or failover): for trying a change */
const ONLY_RUNS = argv.includes('--only-runs');
/** `--reuse`: the clusters a run with --keep left (their data and users), started again instead of made and loaded: for trying a change */
const REUSE = argv.includes('--reuse');
/** `--profile DIR`: each instance writes a V8 CPU profile there when it stops (node --cpu-prof), to see where its CPU goes */
const PROFILE = argv.includes('--profile') ? path.resolve(argv[argv.indexOf('--profile') + 1]!) : null;
/**
 * `--instance-cpu C`: each instance of the runs in a CPU cgroup of its own, capped at C cores (a CFS quota; root, cgroup v1
 * or v2). As if each instance ran on a machine of its own: with a cap below what one instance would take, the instances,
 * not the shared cores or the database, are the limit, and a second instance shows what it adds.
 */
const INSTANCE_CPU = argv.includes('--instance-cpu') ? Number(argv[argv.indexOf('--instance-cpu') + 1]) : null;
const PG_BIN = '/usr/lib/postgresql/15/bin';
const PASSWORD = 'drill-password-1405';
const PROVINCES = ['tehran', 'isfahan', 'razavi-khorasan', 'east-azarbaijan', 'alborz', 'fars', 'khuzestan', 'markazi', 'qazvin', 'qom'];
const BANKS = ['melli', 'sepah', 'tejarat', 'mellat', 'sanat-madan'];
const AGENCIES = ['smt', 'agri', 'estates', 'tax', 'sso'];
const log = (...a: unknown[]) => console.log(new Date().toISOString().slice(11, 19), ...a);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ── processes ──────────────────────────────────────────────────────────────

const asRoot = process.getuid?.() === 0;
/** PostgreSQL's tools refuse root: run them as postgres. */
function pgTool(tool: string, args: string[]) {
  const cmd = asRoot ? 'runuser' : path.join(PG_BIN, tool);
  const full = asRoot ? ['-u', 'postgres', '--', path.join(PG_BIN, tool), ...args] : args;
  const r = spawnSync(cmd, full, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${tool} ${args.join(' ')}: ${r.stderr || r.stdout}`);
  return r.stdout;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

const TICK = 100; // clock ticks a second (getconf CLK_TCK on Linux)
/** CPU seconds a process used so far (user + system), and its children that exited. */
function cpuOf(pid: number): { own: number; children: number } {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { own: (Number(f[11]) + Number(f[12])) / TICK, children: (Number(f[13]) + Number(f[14])) / TICK };
  } catch {
    return { own: 0, children: 0 };
  }
}
const rssMb = (pid: number) => {
  try {
    const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : 0;
  } catch {
    return 0;
  }
};
/** A PostgreSQL cluster's CPU: the postmaster, its live children, and the children that exited. */
/** The whole machine's CPU time so far (/proc/stat), in seconds: busy (every process and the kernel's interrupts), of which
 * softirq (the network's loopback work lands here, charged to no process) and steal (the hypervisor's: the guest waited for a core). */
function machineCpu(): { busy: number; softirq: number; steal: number } {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = f as [number, number, number, number, number, number, number, number];
  return { busy: (user + nice + system + irq + softirq) / TICK, softirq: softirq / TICK, steal: steal / TICK };
}

function clusterCpu(postmaster: number): number {
  let total = cpuOf(postmaster).own + cpuOf(postmaster).children;
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === postmaster) total += cpuOf(Number(d)).own;
    } catch {
      /* gone */
    }
  }
  return total;
}

// ── the cluster ────────────────────────────────────────────────────────────

interface Cluster {
  dir: string;
  port: number;
  postmaster: number;
  url: (db: string) => string;
}

function startCluster(dir: string, port: number): Cluster {
  pgTool('pg_ctl', ['-D', dir, '-l', path.join(dir, 'server.log'), '-w', '-t', '120', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`, 'start']);
  const postmaster = Number(readFileSync(path.join(dir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  return { dir, port, postmaster, url: (db) => `postgres://postgres@127.0.0.1:${port}/${db}` };
}

async function makeClusters(base: string): Promise<{ primary: Cluster; replica: Cluster }> {
  rmSync(base, { recursive: true, force: true });
  mkdirSync(base, { recursive: true });
  if (asRoot) chownSync(base, Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout), Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout));
  const pdir = path.join(base, 'primary');
  pgTool('initdb', ['-D', pdir, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C.UTF-8']);
  writeFileSync(
    path.join(pdir, 'postgresql.auto.conf'),
    ['max_connections = 200', 'shared_buffers = 512MB', "shared_preload_libraries = 'pg_stat_statements'", 'wal_level = replica', 'max_wal_senders = 5', 'hot_standby = on', 'fsync = on', 'synchronous_commit = on', "timezone = 'UTC'", ''].join('\n'),
  );
  const primary = startCluster(pdir, await freePort());
  return { primary, replica: await makeReplica(base, primary) };
}

/** A streaming replica of the primary, made afresh (pg_basebackup -R). */
async function makeReplica(base: string, primary: Cluster): Promise<Cluster> {
  const rdir = path.join(base, 'replica');
  rmSync(rdir, { recursive: true, force: true });
  pgTool('pg_basebackup', ['-h', '127.0.0.1', '-p', String(primary.port), '-U', 'postgres', '-D', rdir, '-R', '-X', 'stream', '--no-sync']);
  return startCluster(rdir, await freePort());
}

function stopCluster(c: Cluster, mode = 'fast') {
  try {
    pgTool('pg_ctl', ['-D', c.dir, '-m', mode, '-w', 'stop']);
  } catch (err) {
    log('stop', c.dir, (err as Error).message.slice(0, 200));
  }
}

// ── data ───────────────────────────────────────────────────────────────────

const COUNTS = `select (select count(*) from units)::int as units, (select count(*) from referrals)::int as referrals, (select count(*) from demands)::int as demands, (select count(*) from resolutions)::int as resolutions`;

async function loadData(url: string): Promise<{ counts: Record<string, number>; seconds: number; reminders: Awaited<ReturnType<typeof firstReminderRun>> | null; vacuumSeconds?: number }> {
  const database = await openDatabase({ databaseUrl: url });
  try {
    await seedReference(database.db);
    const t0 = performance.now();
    loadNational(url, { units: Math.round(100_000 * SCALE) });
    await generateActivity(database, { referrals: Math.round(1_000_000 * SCALE), demands: Math.round(500_000 * SCALE), resolutions: Math.round(50_000 * SCALE) });
    await ensureDrillUsers((text, params) => database.query(text, params));
    const [counts] = await database.query<Record<string, number>>(COUNTS);
    const seconds = Math.round((performance.now() - t0) / 1000);
    log('loaded; the reminder job\'s first run on it');
    const reminders = await firstReminderRun(database);
    log('reminder job, first run:', reminders);
    // What an installation's autovacuum has long done by the time it serves this much: the statistics of every table
    // and the visibility maps of the bulk-written ones. Without it, the first run was measured while autovacuum worked
    // through the 900,000 reminders just written (2 cores shared with the run).
    const v0 = performance.now();
    await database.query('vacuum (analyze)');
    await database.query('checkpoint');
    const vacuumSeconds = Math.round((performance.now() - v0) / 1000);
    log(`vacuumed and analysed in ${vacuumSeconds} s`);
    return { counts: counts!, seconds, reminders, vacuumSeconds };
  } finally {
    await database.close();
  }
}

/**
 * The reminder job's first run on the loaded data, as an instance runs it after starting: how long it took, its
 * transactions and the longest of them, this process's memory rise, what it wrote. The runs then see a deployment
 * whose day's collection is done (a later run the same day reads only what changed since).
 */
async function firstReminderRun(database: Database) {
  let transactions = 0;
  let longestMs = 0;
  const target = database.db;
  const db = new Proxy(target, {
    get(_, prop) {
      if (prop === 'transaction') {
        return async (...args: Parameters<typeof target.transaction>) => {
          const t0 = performance.now();
          try {
            return await target.transaction(...args);
          } finally {
            transactions++;
            longestMs = Math.max(longestMs, performance.now() - t0);
          }
        };
      }
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  const rss0 = process.memoryUsage().rss;
  let peak = rss0;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
  const t0 = performance.now();
  try {
    // unpaced (restRatio 0): nothing else is running, and what is measured is its transactions and memory
    const r = await runNotificationJob({ db, now: () => new Date(), channel: { name: 'drill', deliver: async () => {} }, sources: REMINDER_SOURCES, restRatio: 0 });
    return { seconds: Math.round((performance.now() - t0) / 100) / 10, created: r.created, digests: r.digests, delivered: r.delivered, transactions, longestTransactionMs: Math.round(longestMs), rssRiseMb: Math.round((peak - rss0) / 2 ** 20) };
  } finally {
    clearInterval(sampler);
  }
}

// ── instances and the proxy ────────────────────────────────────────────────

interface Instance {
  port: number;
  child: ChildProcess;
  rssStart: number;
}

async function waitReady(base: string, ms = 120_000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      if ((await fetch(`${base}/api/v1/health/ready`)).status === 200) return;
    } catch {
      /* not yet */
    }
    await sleep(300);
  }
  throw new Error(`${base} never became ready`);
}

async function startInstance(env: Record<string, string>, dataDir: string, cpuCap: number | null = null): Promise<Instance> {
  const port = await freePort();
  mkdirSync(dataDir, { recursive: true });
  const profiling = PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE}`] : [];
  const child = spawn(process.execPath, [...profiling, path.join(root, 'bin/tashil.mjs'), 'serve'], {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', TASHIL_DATA_DIR: dataDir },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr!.on('data', (d: Buffer) => process.stderr.write(`[instance ${port}] ${d}`));
  if (cpuCap !== null) capCpu(child, cpuCap, `tashil-drill-${port}`);
  await waitReady(`http://127.0.0.1:${port}`);
  return { port, child, rssStart: rssMb(child.pid!) };
}

/**
 * Moves `child` (all its threads, and those it starts later) into a CPU cgroup of its own capped at `cores`: cgroup v1's
 * cpu controller (cpu.cfs_quota_us) or v2's cpu.max. The cgroup is removed once the process has exited.
 */
function capCpu(child: ChildProcess, cores: number, name: string) {
  const v1 = '/sys/fs/cgroup/cpu';
  const v2 = '/sys/fs/cgroup';
  const periodUs = 100_000;
  const quotaUs = Math.round(cores * periodUs);
  let dir: string;
  if (existsSync(path.join(v1, 'cpu.cfs_quota_us'))) {
    dir = path.join(v1, name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'cpu.cfs_period_us'), String(periodUs));
    writeFileSync(path.join(dir, 'cpu.cfs_quota_us'), String(quotaUs));
  } else if (existsSync(path.join(v2, 'cgroup.controllers')) && readFileSync(path.join(v2, 'cgroup.controllers'), 'utf8').includes('cpu')) {
    writeFileSync(path.join(v2, 'cgroup.subtree_control'), '+cpu');
    dir = path.join(v2, name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'cpu.max'), `${quotaUs} ${periodUs}`);
  } else {
    child.kill('SIGKILL');
    throw new Error('--instance-cpu needs a cgroup CPU controller this process can write (run as root): none found under /sys/fs/cgroup');
  }
  writeFileSync(path.join(dir, 'cgroup.procs'), String(child.pid));
  child.once('exit', () => {
    try {
      rmdirSync(dir); // a cgroup is removed as an empty folder, its files with it
    } catch {
      /* still busy for a moment: left for the next run to reuse */
    }
  });
}

/** A round-robin HTTP proxy (keep-alive to the instances); a backend that refuses is left out for 2 s, checked every 500 ms. */
const PROXY_SOURCE = `
const http = require('node:http');
const backends = JSON.parse(process.env.BACKENDS).map((port) => ({ port, downUntil: 0 }));
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
let next = 0;
const pick = () => { for (let i = 0; i < backends.length; i++) { const b = backends[next++ % backends.length]; if (b.downUntil < Date.now()) return b; } return backends[next++ % backends.length]; };
setInterval(() => { for (const b of backends) { const r = http.get({ host: '127.0.0.1', port: b.port, path: '/api/v1/health/ready', timeout: 400 }, (res) => { res.resume(); if (res.statusCode !== 200) b.downUntil = Date.now() + 2000; }); r.on('error', () => { b.downUntil = Date.now() + 2000; }); r.on('timeout', () => r.destroy()); } }, 500).unref();
http.createServer((req, res) => {
  const b = pick();
  const up = http.request({ host: '127.0.0.1', port: b.port, path: req.url, method: req.method, headers: req.headers, agent }, (r) => {
    res.writeHead(r.statusCode, r.headers);
    r.pipe(res);
    // an instance that dies mid-answer: the client's connection is cut, not left waiting
    r.on('close', () => { if (!r.complete) res.destroy(); });
  });
  up.on('error', () => { b.downUntil = Date.now() + 2000; if (!res.headersSent) res.writeHead(502); res.end(); });
  req.pipe(up);
}).listen(Number(process.env.PORT), '127.0.0.1', () => process.send && process.send('ready'));
`;

const HAPROXY = '/usr/sbin/haproxy';
/** The load balancer in front of the instances: HAProxy (`apt-get install haproxy`) as docs/deploy.md sets it up, else the
 * round-robin process above. */
const balancer = existsSync(HAPROXY) ? 'HAProxy' : 'a round-robin proxy process (HAProxy is not installed)';

/**
 * HAProxy in front of the instances, configured as docs/deploy.md's (plain http, no TLS here): least connections, the
 * `/ready` check every 2 s (2 failures take a server out), a refused connection redispatched to another server.
 */
async function startHaproxy(backends: number[], dir: string): Promise<{ port: number; child: ChildProcess }> {
  const port = await freePort();
  const cfg = path.join(dir, `haproxy-${port}.cfg`);
  writeFileSync(
    cfg,
    [
      'global',
      '    maxconn 4096',
      '    nbthread 1',
      'defaults',
      '    mode http',
      // a connection to the instance per request, as docs/deploy.md has it. Tried kept alive (http-keep-alive, http-reuse
      // safe; docs/benchmarks.md, 2026-12-06 17:20): the proxy's CPU fell 0.07 → 0.04 of a core, but each answer then
      // waited in proportion to its round trips (a 100 KB upload's p95 635 ms, a list's 246), not evenly
      '    option http-server-close',
      '    timeout connect 2s',
      '    timeout client 60s',
      '    timeout server 60s',
      // a check waits in line with the requests on a loaded instance: 5 s before it counts as failed (a dead instance
      // refuses the connection at once and is out after two checks)
      '    timeout check 5s',
      '    retries 2',
      '    retry-on conn-failure',
      '    option redispatch',
      'frontend tashil',
      `    bind 127.0.0.1:${port}`,
      '    default_backend tashil',
      'backend tashil',
      '    balance leastconn',
      '    option httpchk',
      '    http-check send meth GET uri /api/v1/health/ready',
      '    http-check expect status 200',
      '    default-server inter 2s fall 2 rise 2 maxconn 200',
      ...backends.map((b, i) => `    server app${i + 1} 127.0.0.1:${b} check`),
      '',
    ].join('\n'),
  );
  const child = spawn(HAPROXY, ['-db', '-f', cfg], { stdio: ['ignore', 'ignore', 'inherit'] });
  await waitReady(`http://127.0.0.1:${port}`, 15_000);
  return { port, child };
}

async function startProxy(backends: number[], dir: string): Promise<{ port: number; child: ChildProcess }> {
  if (balancer === 'HAProxy') return startHaproxy(backends, dir);
  const port = await freePort();
  const child = spawn(process.execPath, ['-e', PROXY_SOURCE], { env: { ...process.env, PORT: String(port), BACKENDS: JSON.stringify(backends) }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  await new Promise<void>((resolve) => child.once('message', () => resolve()));
  return { port, child };
}

// ── the workload ───────────────────────────────────────────────────────────

type Role = 'secretariat' | 'agency' | 'bank' | 'producer';
/** A record a transition will move on: its id and the version the next step must name. */
interface Movable {
  id: string;
  version: number;
  status: string;
}
interface Ids {
  referrals: string[];
  demands: string[];
  /** records this user moves on, shared by its virtual users (taken one at a time: no two send the same version) */
  movable: Movable[];
  /** attachments this user uploaded, which it then downloads */
  files: string[];
}
interface Request {
  method?: 'POST';
  path: string;
  body?: string | Buffer;
  contentType?: string;
}
interface Step {
  name: string;
  weight: number;
  /** the request, or null when this user has nothing to send it for (then its first step is sent instead) */
  request: (ids: Ids, pick: <T>(xs: T[]) => T) => Request | null;
  /** a write whose acknowledgement the kill check counts against rows */
  write?: boolean;
  /** reads the answer (only these steps' answers are decoded) */
  answered?: (ids: Ids, status: number, body: string) => void;
}
/**
 * The writes' note (follow-ups, transitions) and the uploads' file name carry the run's tag, so a run's acknowledged
 * writes can be counted in the database.
 */
let runTag = 'warmup';
const note = () => `پیگیری در تمرین مقیاس ${runTag}`;
const FOLLOWUP = (): Request['body'] => JSON.stringify({ note: note() });
const followup = (what: 'referrals' | 'demands', weight: number): Step => ({
  name: `POST /${what}/:id/followups`,
  weight,
  write: true,
  request: (i, p) => (i[what].length ? { method: 'POST', path: `/api/v1/${what}/${p(i[what])}/followups`, body: FOLLOWUP() } : null),
});
/**
 * The next step of each record a role moves on: a bank receives a referral, then starts reviewing it; an agency starts
 * on a demand, then resolves it.
 */
const NEXT: Record<string, string> = { 'referral:referred': 'received', 'referral:received': 'under_review', 'demand:assigned': 'in_progress', 'demand:in_progress': 'resolved' };
const transition = (what: 'referral' | 'demand', weight: number): Step => ({
  name: `POST /${what}s/:id/transitions`,
  weight,
  write: true,
  request: (i) => {
    const r = i.movable.shift();
    if (!r) return null;
    return { method: 'POST', path: `/api/v1/${what}s/${r.id}/transitions`, body: JSON.stringify({ to: NEXT[`${what}:${r.status}`], version: r.version, note: note() }) };
  },
  answered: (i, status, body) => {
    if (status !== 200) return;
    const r = JSON.parse(body) as Movable;
    if (NEXT[`${what}:${r.status}`]) i.movable.push({ id: r.id, version: r.version, status: r.status });
  },
});
/** A PDF of `bytes` bytes, different each time (an upload of the same bytes would be stored once). */
let uploads = 0;
function pdf(bytes: number): Buffer {
  const head = Buffer.from(`%PDF-1.4\n% tashil drill ${Date.now()} ${++uploads}\n`);
  const body = Buffer.alloc(Math.max(0, bytes - head.length - 6), 0x20);
  return Buffer.concat([head, body, Buffer.from('\n%%EOF')]);
}
const BOUNDARY = '----tashil-drill-boundary';
function multipart(fileName: string, data: Buffer): Buffer {
  return Buffer.concat([
    Buffer.from(`--${BOUNDARY}\r\ncontent-disposition: form-data; name="file"; filename="${fileName}"\r\ncontent-type: application/pdf\r\n\r\n`),
    data,
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ]);
}
const upload = (weight: number): Step => ({
  name: 'POST /demands/:id/attachments (100 KB)',
  weight,
  write: true,
  request: (i, p) =>
    i.demands.length ? { method: 'POST', path: `/api/v1/demands/${p(i.demands)}/attachments`, body: multipart(`drill-${runTag}.pdf`, pdf(100 * 1024)), contentType: `multipart/form-data; boundary=${BOUNDARY}` } : null,
  answered: (i, status, body) => {
    if (status === 201) i.files.push((JSON.parse(body) as { id: string }).id);
  },
});
const get = (name: string, weight: number, path: (i: Ids, p: <T>(xs: T[]) => T) => string | null): Step => ({
  name,
  weight,
  request: (i, p) => {
    const at = path(i, p);
    return at === null ? null : { path: at };
  },
});
const one = (what: 'referrals' | 'demands') => (i: Ids, p: <T>(xs: T[]) => T) => (i[what].length ? `/api/v1/${what}/${p(i[what])}` : null);
const MIX: Record<Role, Step[]> = {
  secretariat: [
    get('GET /referrals (list)', 18, () => '/api/v1/referrals?pageSize=20'),
    get('GET /referrals/:id', 18, one('referrals')),
    get('GET /demands (list)', 12, () => '/api/v1/demands?pageSize=20'),
    get('GET /demands/:id', 12, one('demands')),
    get('GET /home', 8, () => '/api/v1/home'),
    get('GET /stats/overview (dashboard)', 10, () => '/api/v1/stats/overview'),
    get('GET /stats/banks', 6, () => '/api/v1/stats/banks'),
    get('GET /stats/drilldown', 6, () => '/api/v1/stats/drilldown?source=referrals&metric=overdue'),
    followup('referrals', 10),
  ],
  agency: [
    get('GET /demands (list)', 30, () => '/api/v1/demands?pageSize=20'),
    get('GET /demands/:id', 28, one('demands')),
    get('GET /home', 10, () => '/api/v1/home'),
    get('GET /stats/agencies', 10, () => '/api/v1/stats/agencies'),
    followup('demands', 8),
    transition('demand', 4),
  ],
  bank: [
    get('GET /referrals (list)', 35, () => '/api/v1/referrals?pageSize=20'),
    get('GET /referrals/:id', 33, one('referrals')),
    get('GET /home', 10, () => '/api/v1/home'),
    followup('referrals', 8),
    transition('referral', 4),
  ],
  // a producer's own unit: its home, its demands and referrals, a document now and then, and the files it sent
  producer: [
    get('GET /home', 20, () => '/api/v1/home'),
    get('GET /demands (list)', 15, () => '/api/v1/demands?pageSize=20'),
    get('GET /demands/:id', 15, one('demands')),
    get('GET /referrals (list)', 15, () => '/api/v1/referrals?pageSize=20'),
    get('GET /referrals/:id', 10, one('referrals')),
    get('GET /loan-applications (list)', 5, () => '/api/v1/loan-applications?pageSize=20'),
    upload(4),
    get('GET /files/:id (100 KB)', 10, (i, p) => (i.files.length ? `/api/v1/files/${p(i.files)}` : null)),
    followup('demands', 6),
  ],
};
/** Who each virtual user is: two in five the secretariat, one each an agency, a bank and a producer (ten provinces in turn). */
const roleOf = (i: number): Role => (['secretariat', 'secretariat', 'agency', 'bank', 'producer'] as const)[i % 5]!;
const USER_PREFIX: Record<Role, string> = { secretariat: 'sec', agency: 'agency', bank: 'bank', producer: 'producer' };

interface Vu {
  role: Role;
  province: string;
  cookie: string;
  ids: Ids;
}

async function login(base: string, username: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-requested-with': 'tashil' }, body: JSON.stringify({ username, password: PASSWORD }) });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}

/**
 * The drill's users, ten provinces: a secretariat, an agency and a bank each, and a producer bound to a unit of the
 * province with both demands and referrals (the most of both). Idempotent (a kept database reused keeps its users).
 */
async function ensureDrillUsers(query: (text: string, params: unknown[]) => Promise<unknown>) {
  const hash = await hashPassword(PASSWORD);
  for (const [i, p] of PROVINCES.entries()) {
    await query(
      `insert into users (username, full_name, role, province_id, agency_id, bank_id, password_hash) values
         ($1, 'drill', 'secretariat', $4, null, null, $7), ($2, 'drill', 'agency', $4, $5, null, $7), ($3, 'drill', 'bank', $4, null, $6, $7)
       on conflict do nothing`,
      [`drill.sec.${p}`, `drill.agency.${p}`, `drill.bank.${p}`, p, AGENCIES[i % AGENCIES.length], BANKS[i % BANKS.length], hash],
    );
    await query(
      `insert into users (username, full_name, role, province_id, unit_id, password_hash)
       select $1, 'drill', 'producer', $2, unit_id, $3
         from (select unit_id, 1 as d, 0 as r from demands where province_id = $2 union all select unit_id, 0, 1 from referrals where province_id = $2) x
        group by unit_id order by least(sum(d), sum(r)) desc, count(*) desc, unit_id limit 1
       on conflict (username) do update set unit_id = excluded.unit_id`,
      [`drill.producer.${p}`, p, hash],
    );
  }
}

/**
 * Record ids each user may open: its province's, its agency's demands, its bank's referrals, its unit's; and the
 * records it moves on (a bank's referrals waiting to be received or reviewed, an agency's assigned demands), away
 * from the ones the follow-ups pick so no follow-up's timing matters.
 */
async function idsOf(pool: pg.Pool): Promise<Map<string, Ids>> {
  const out = new Map<string, Ids>();
  const q = async (text: string, params: unknown[]) => (await pool.query<{ id: string }>(text, params)).rows.map((r) => r.id);
  const movable = async (text: string, params: unknown[]) => (await pool.query<Movable>(text, params)).rows;
  for (const [i, p] of PROVINCES.entries()) {
    const agency = AGENCIES[i % AGENCIES.length];
    const bank = BANKS[i % BANKS.length];
    const none = { movable: [], files: [] };
    out.set(`secretariat.${p}`, { referrals: await q(`select id from referrals where province_id = $1 order by code limit 300`, [p]), demands: await q(`select id from demands where province_id = $1 order by code limit 300`, [p]), ...none });
    out.set(`agency.${p}`, {
      referrals: [],
      demands: await q(`select id from demands where province_id = $1 and agency_id = $2 order by code limit 300`, [p, agency]),
      movable: await movable(`select id, version, status from demands where province_id = $1 and agency_id = $2 and status in ('assigned', 'in_progress') order by code desc limit 1000`, [p, agency]),
      files: [],
    });
    out.set(`bank.${p}`, {
      referrals: await q(`select id from referrals where province_id = $1 and bank_id = $2 order by code limit 300`, [p, bank]),
      demands: [],
      movable: await movable(`select id, version, status from referrals where province_id = $1 and bank_id = $2 and status in ('referred', 'received') order by code desc limit 1000`, [p, bank]),
      files: [],
    });
    const unit = `(select unit_id from users where username = $1)`;
    const producer = `drill.producer.${p}`;
    out.set(`producer.${p}`, { referrals: await q(`select id from referrals where unit_id = ${unit} order by code`, [producer]), demands: await q(`select id from demands where unit_id = ${unit} order by code`, [producer]), ...none });
  }
  return out;
}

interface Sample {
  ms: number;
  ok: boolean;
  /** when it was sent, as performance.now() */
  at: number;
}

/**
 * The virtual users' requests: node:http on kept-alive connections, the answer read whole and decoded only for the
 * steps that read it (what the drill checks is the status). `fetch` cost this process ~2 ms of CPU a request on a
 * two-core machine — a fifth of a core at 120 req/s taken from the instances and PostgreSQL it measures; this costs
 * a fraction of that.
 */
const driverAgent = new http.Agent({ keepAlive: true, maxSockets: 1024 });
function send(url: string, cookie: string, r: Omit<Request, 'path'>, read = false): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers: http.OutgoingHttpHeaders = { cookie, 'x-requested-with': 'tashil', 'accept-encoding': read ? 'identity' : 'gzip' };
    if (r.body !== undefined) Object.assign(headers, { 'content-type': r.contentType ?? 'application/json', 'content-length': Buffer.byteLength(r.body) });
    const req = http.request(url, { method: r.method ?? 'GET', headers, agent: driverAgent, timeout: 30_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => read && chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: read ? Buffer.concat(chunks).toString('utf8') : '' }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(r.body);
  });
}

async function drive(base: string, vus: Vu[], seconds: number, onTick?: (elapsed: number) => void, onWrite?: (atMs: number, ok: boolean) => void, stop?: () => boolean) {
  const samples = new Map<string, Sample[]>();
  let acknowledged = 0;
  const errorsBySecond = new Map<number, number>();
  let seed = 12345;
  const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
  const started = performance.now();
  const until = started + seconds * 1000;
  let ticked = 0;
  const loop = async (vu: Vu) => {
    const steps = MIX[vu.role];
    const total = steps.reduce((s, x) => s + x.weight, 0);
    while (performance.now() < until && !stop?.()) {
      let r = rand() * total;
      let step = steps.find((s) => (r -= s.weight) < 0) ?? steps[0]!;
      let request = step.request(vu.ids, pick);
      if (!request) request = (step = steps[0]!).request(vu.ids, pick)!;
      const t0 = performance.now();
      let ok = false;
      try {
        const { status, body } = await send(base + request.path, vu.cookie, request, step.answered !== undefined);
        ok = status < 400;
        step.answered?.(vu.ids, status, body);
        if (ok && step.write) acknowledged++;
        if (!ok && (samples.get(step.name)?.filter((s) => !s.ok).length ?? 0) < 2) log('error', step.name, status, body.slice(0, 200));
      } catch {
        ok = false;
      }
      const ms = performance.now() - t0;
      if (step.write) onWrite?.(performance.now() - started, ok);
      if (!ok) {
        const sec = Math.floor((performance.now() - started) / 1000);
        errorsBySecond.set(sec, (errorsBySecond.get(sec) ?? 0) + 1);
      }
      (samples.get(step.name) ?? samples.set(step.name, []).get(step.name)!).push({ ms, ok, at: t0 });
      const elapsed = (performance.now() - started) / 1000;
      if (onTick && Math.floor(elapsed) > ticked) {
        ticked = Math.floor(elapsed);
        onTick(elapsed);
      }
    }
  };
  await Promise.all(vus.map(loop));
  return { samples, acknowledged, errorsBySecond, seconds: (performance.now() - started) / 1000 };
}

/** The run's writes in the database: follow-ups and transitions by their note, uploads by their file name. */
async function writesFound(url: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query<{ n: number }>(
      `select ((select count(*) from referral_followups where note = $1) + (select count(*) from demand_followups where note = $1)
             + (select count(*) from referral_events where note = $1) + (select count(*) from demand_events where note = $1)
             + (select count(*) from file_attachments where file_name = $2))::int as n`,
      [note(), `drill-${runTag}.pdf`],
    );
    return rows[0]!.n;
  } finally {
    await c.end();
  }
}

/** Per endpoint: requests, errors, p50/p95/p99 of those sent within [from, to) (performance.now()), all by default. */
function rowsOf(samples: Map<string, Sample[]>, from = -Infinity, to = Infinity) {
  return [...samples.entries()]
    .map(([name, all]) => {
      const s = all.filter((x) => x.at >= from && x.at < to);
      return { name, n: s.length, errors: s.filter((x) => !x.ok).length, p50: pct(s.map((x) => x.ms), 50), p95: pct(s.map((x) => x.ms), 95), p99: pct(s.map((x) => x.ms), 99) };
    })
    .filter((r) => r.n > 0)
    .sort((a, b) => a.name.localeCompare(b.name));
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? NaN;
};

interface PhaseResult {
  label: string;
  instances: number;
  seconds: number;
  reqPerSec: number;
  errors: number;
  rows: { name: string; n: number; errors: number; p50: number; p95: number; p99: number }[];
  rss: { start: number; end: number }[];
  cpu: Record<string, number>;
  /** the whole machine's cores busy during the run, of which the kernel's softirq, and the cores the hypervisor stole */
  machine: { busy: number; softirq: number; steal: number };
  load: string;
  replicaLagMs: number | null;
  /** statements the primary ran for each answered request, and their execution time (pg_stat_statements) */
  primaryPerRequest: { statements: number; ms: number };
  killed?: { errors: number; lastErrorAfterKillS: number | null; acknowledged: number; found: number };
}

/** Where the primary's time went during a run (pg_stat_statements): reset before it, the top statements after. */
async function statements(primary: Cluster, what: 'reset' | 'report'): Promise<{ calls: number; ms: number } | undefined> {
  const c = new pg.Client({ connectionString: primary.url('tashil') });
  await c.connect();
  try {
    if (what === 'reset') {
      await c.query('create extension if not exists pg_stat_statements');
      await c.query('select pg_stat_statements_reset()');
      return;
    }
    const [sum] = (
      await c.query<{ calls: number; ms: number }>(
        `select coalesce(sum(calls), 0)::int as calls, coalesce(round(sum(total_exec_time)), 0)::int as ms from pg_stat_statements where dbid = (select oid from pg_database where datname = 'tashil')`,
      )
    ).rows;
    const { rows } = await c.query<{ ms: number; calls: number; mean: number; query: string }>(
      `select round(total_exec_time)::int as ms, calls::int, round(mean_exec_time::numeric, 2)::float as mean, left(regexp_replace(query, '\\s+', ' ', 'g'), 160) as query
         from pg_stat_statements where dbid = (select oid from pg_database where datname = 'tashil') order by total_exec_time desc limit 10`,
    );
    log('primary: the statements that took most time in this run (total ms, calls, mean ms)');
    for (const r of rows) log(`  ${r.ms} ms, ${r.calls} calls, ${r.mean} ms: ${r.query}`);
    return sum;
  } finally {
    await c.end();
  }
}

/** The virtual users, signed in through `url`: two in five the secretariat, then an agency, a bank, a producer; ten provinces in turn. */
async function virtualUsers(url: string, users: number, ids: Map<string, Ids>): Promise<Vu[]> {
  const cookies = new Map<string, string>();
  const vus: Vu[] = [];
  for (let i = 0; i < users; i++) {
    const role = roleOf(i);
    const province = PROVINCES[i % PROVINCES.length]!;
    const username = `drill.${USER_PREFIX[role]}.${province}`;
    if (!cookies.has(username)) cookies.set(username, await login(url, username));
    vus.push({ role, province, cookie: cookies.get(username)!, ids: ids.get(`${role}.${province}`)! });
  }
  return vus;
}

async function phase(label: string, count: number, env: Record<string, string>, base: string, primary: Cluster, replica: Cluster, ids: Map<string, Ids>, users = USERS): Promise<PhaseResult> {
  log(`— ${label}`);
  const instances: Instance[] = [];
  // the instances share the primary's connections (POOL_TOTAL): more backends than that only queue on its cores
  const pooled = { ...env, TASHIL_DB_POOL_MAX: String(Math.ceil(POOL_TOTAL / count)) };
  for (let i = 0; i < count; i++) instances.push(await startInstance(pooled, path.join(base, `data-${i}`), INSTANCE_CPU));
  const proxy = await startProxy(instances.map((x) => x.port), base);
  const url = `http://127.0.0.1:${proxy.port}`;
  try {
    const vus = await virtualUsers(url, users, ids);
    // warm-up: each instance's caches and pools, a few seconds of the same mix
    await drive(url, vus, 8);
    const procs: Record<string, number> = Object.fromEntries(instances.map((x, i) => [`instance ${i + 1}`, x.child.pid!]));
    procs.proxy = proxy.child.pid!;
    const before = Object.fromEntries(Object.entries(procs).map(([k, pid]) => [k, cpuOf(pid).own]));
    await statements(primary, 'reset');
    const pgBefore = { primary: clusterCpu(primary.postmaster), replica: clusterCpu(replica.postmaster) };
    const driverBefore = process.cpuUsage();
    const machineBefore = machineCpu();
    const rssStart = instances.map((x) => rssMb(x.child.pid!));
    let killedAt: number | null = null;
    let cpuAtKill: number | null = null;
    runTag = `${label.replace(/\W+/g, '-')}-${Date.now()}`;
    const result = await drive(url, vus, SECONDS, (elapsed) => {
      if (KILL && count === 2 && users === USER_COUNTS[USER_COUNTS.length - 1] && killedAt === null && elapsed >= SECONDS / 2) {
        killedAt = elapsed;
        log(`SIGKILL instance 2 (pid ${instances[1]!.child.pid}) at ${elapsed.toFixed(1)} s`);
        // its CPU until then (its row is the cores it used while alive): once it is gone, /proc has nothing to read
        cpuAtKill = cpuOf(instances[1]!.child.pid!).own;
        instances[1]!.child.kill('SIGKILL');
      }
    });
    const ran = (await statements(primary, 'report'))!;
    const cpu: Record<string, number> = {};
    for (const [k, pid] of Object.entries(procs)) cpu[k] = ((cpuAtKill !== null && pid === instances[1]?.child.pid ? cpuAtKill : cpuOf(pid).own) - before[k]!) / (cpuAtKill !== null && pid === instances[1]?.child.pid ? killedAt! : result.seconds);
    cpu['PostgreSQL primary'] = (clusterCpu(primary.postmaster) - pgBefore.primary) / result.seconds;
    cpu['PostgreSQL replica'] = (clusterCpu(replica.postmaster) - pgBefore.replica) / result.seconds;
    const d = process.cpuUsage(driverBefore);
    cpu['driver (this process)'] = (d.user + d.system) / 1e6 / result.seconds;
    const m = machineCpu();
    const machine = { busy: (m.busy - machineBefore.busy) / result.seconds, softirq: (m.softirq - machineBefore.softirq) / result.seconds, steal: (m.steal - machineBefore.steal) / result.seconds };
    const rss = instances.map((x, i) => ({ start: rssStart[i]!, end: rssMb(x.child.pid!) }));
    const rows = rowsOf(result.samples);
    const total = rows.reduce((s, r) => s + r.n, 0);
    const rc = new pg.Client({ connectionString: replica.url('tashil') });
    await rc.connect();
    const lag = (await rc.query<{ ms: number | null }>(`select (extract(epoch from now() - pg_last_xact_replay_timestamp()) * 1000)::int as ms`)).rows[0]?.ms ?? null;
    await rc.end();
    const out: PhaseResult = { label, instances: count, seconds: result.seconds, reqPerSec: total / result.seconds, errors: rows.reduce((s, r) => s + r.errors, 0), rows, rss, cpu, machine, load: os.loadavg().map((x) => x.toFixed(1)).join(' / '), replicaLagMs: lag, primaryPerRequest: { statements: ran.calls / total, ms: ran.ms / total } };
    if (killedAt !== null) {
      // from the second the kill fell in: the requests in flight on the killed instance fail in that very second
      const after = [...result.errorsBySecond.entries()].filter(([s]) => s >= Math.floor(killedAt!));
      const lastError = after.length ? Math.max(...after.map(([s]) => s)) + 1 - killedAt : null;
      // every acknowledged write is a row: count the run's follow-ups, transitions and uploads against the 2xx answers
      const found = await writesFound(primary.url('tashil'));
      out.killed = { errors: after.reduce((s, [, n]) => s + n, 0), lastErrorAfterKillS: lastError, acknowledged: result.acknowledged, found };
    }
    log(`${label}: ${out.reqPerSec.toFixed(1)} req/s, ${out.errors} errors, load ${out.load}`);
    return out;
  } finally {
    proxy.child.kill('SIGTERM');
    for (const x of instances) if (x.child.exitCode === null && x.child.signalCode === null) x.child.kill('SIGTERM');
    await Promise.all(instances.map((x) => (x.child.exitCode === null && x.child.signalCode === null ? new Promise((r) => x.child.once('exit', r)) : null)));
  }
}

type Loaded = Awaited<ReturnType<typeof loadData>>;

function markdown(r: { load: Loaded; phases: PhaseResult[]; reminders?: ReminderLoadResult | undefined; files?: FilesResult | undefined; failover?: FailoverResult | undefined }): string {
  const ps = r.phases;
  const names = [...new Set(ps.flatMap((p) => p.rows.map((x) => x.name)))].sort();
  const cell = (p: PhaseResult, name: string) => {
    const x = p.rows.find((y) => y.name === name);
    return x ? `${x.p50.toFixed(0)} / ${x.p95.toFixed(0)} / ${x.p99.toFixed(0)} (${x.n}${x.errors ? `, **${x.errors} err**` : ''})` : '—';
  };
  const row = (head: string, f: (p: PhaseResult) => string) => `| ${head} | ${ps.map(f).join(' | ')} |`;
  const lines = !ps.length ? [r.failover ? '### Failover' : '### The 5 MB letter', ''] : [
    '## Scale drill',
    '',
    `\`node --import tsx bench/scale-drill.ts ${argv.filter((a) => a !== '--write').join(' ')}\` — its own PostgreSQL 15 primary and streaming replica (initdb, pg_basebackup -R, free ports), ` +
      `data at scale ${SCALE} of the national size: ${Object.entries(r.load.counts).map(([k, v]) => `${v.toLocaleString('en')} ${k}`).join(', ')} (loaded in ${r.load.seconds} s${r.load.vacuumSeconds !== undefined ? `, then vacuumed and analysed in ${r.load.vacuumSeconds} s` : ''}); ` +
      `\`tashil serve\` instances with DATABASE_REPLICA_URL behind ${balancer}; ${USER_COUNTS.join(' or ')} virtual users (two in five the secretariat, one each an agency, a bank and a producer; ten provinces), ` +
      `closed loop without think time, ${SECONDS} s per run after an 8 s warm-up;${INSTANCE_CPU !== null ? ` each instance capped at ${INSTANCE_CPU} cores (\`--instance-cpu\`: a CPU cgroup of its own, as if on a machine of its own);` : ''} about one request in nine a write: follow-ups, a bank receiving or reviewing a referral, an agency starting on or resolving a demand, a producer attaching a 100 KB document (and downloading the ones it sent). Statistics snapshots on (TASHIL_STATS_SNAPSHOT_SECONDS 60, held ${HOLD} s after a change: TASHIL_STATS_HOLD_SECONDS) unless said.`,
    '',
    r.load.reminders
      ? `The reminder job's first run on the loaded data, before the runs (nothing else running): ${r.load.reminders.seconds} s, ` +
        `${r.load.reminders.created.toLocaleString('en')} reminders written and ${r.load.reminders.delivered.toLocaleString('en')} delivered in ${r.load.reminders.digests} digests, ` +
        `${r.load.reminders.transactions} transactions, the longest ${r.load.reminders.longestTransactionMs} ms, memory +${r.load.reminders.rssRiseMb} MB. ` +
        'In the runs the instances\' job finds the day collected and reads only what changed since.'
      : 'The clusters of an earlier run, reused (--reuse): no reminder run before these.',
    '',
    'p50 / p95 / p99 in ms (requests):',
    '',
    `| endpoint | ${ps.map((p) => p.label).join(' | ')} |`,
    `| --- | ${ps.map(() => '---').join(' | ')} |`,
    ...names.map((n) => row(n, (p) => cell(p, n))),
    row('**all**', (p) => `**${p.reqPerSec.toFixed(1)} req/s, ${p.errors} errors**`),
    '',
    'CPU used during the run (cores; 2 on this machine, shared with other work: see the load) and memory:',
    '',
    `| | ${ps.map((p) => p.label).join(' | ')} |`,
    `| --- | ${ps.map(() => '---').join(' | ')} |`,
    ...[...new Set(ps.flatMap((p) => Object.keys(p.cpu)))].map((k) => row(k, (p) => p.cpu[k]?.toFixed(2) ?? '—')),
    row('the machine: cores busy (of which softirq), stolen by the hypervisor', (p) => `${p.machine.busy.toFixed(2)} (${p.machine.softirq.toFixed(2)}), ${p.machine.steal.toFixed(2)}`),
    row('RSS of each instance, start → end (MB)', (p) => p.rss.map((x) => `${x.start} → ${x.end || 'killed'}`).join(', ')),
    row('statements on the primary a request (their execution ms)', (p) => `${p.primaryPerRequest.statements.toFixed(1)} (${p.primaryPerRequest.ms.toFixed(2)})`),
    row('replica lag at the end (ms)', (p) => String(p.replicaLagMs ?? '—')),
    row('load average at the end (1/5/15 min)', (p) => p.load),
    '',
  ];
  // what a second instance can add here: only the cores the one-instance run left idle
  const cores = os.cpus().length;
  for (const one of ps.filter((p) => p.instances === 1 && !p.label.includes('snapshots off'))) {
    const two = ps.find((p) => p.instances === 2 && p.label === one.label.replace('1 instance', '2 instances'));
    // the machine's busy cores (every process and the kernel's own work) and the ones the hypervisor kept
    const all = (p: PhaseResult) => p.machine.busy + p.machine.steal;
    const used = all(one);
    if (two && INSTANCE_CPU !== null) {
      const inst = (p: PhaseResult) => Object.entries(p.cpu).filter(([k]) => k.startsWith('instance ')).map(([, v]) => v);
      lines.push(
        `${one.label.replace('1 instance', '').replace(/^, /, '') || 'The runs'}, each instance capped at ${INSTANCE_CPU} cores: one instance used ${inst(one)[0]!.toFixed(2)} of its ${INSTANCE_CPU} with the primary at ${one.cpu['PostgreSQL primary']!.toFixed(2)} and ${(cores - all(one)).toFixed(2)} of the ${cores} cores idle; ` +
          `two used ${inst(two).map((v) => v.toFixed(2)).join(' and ')} with the primary at ${two.cpu['PostgreSQL primary']!.toFixed(2)} and ${(cores - all(two)).toFixed(2)} idle: ` +
          `${inst(one)[0]! >= INSTANCE_CPU * 0.9 ? 'the instance is the limit, not the database' : '**the instance did not reach its cap: something else is the limit**'}; measured **${(two.reqPerSec / one.reqPerSec).toFixed(2)}×** (${one.reqPerSec.toFixed(1)} → ${two.reqPerSec.toFixed(1)} req/s).`,
        '',
      );
    } else if (two)
      lines.push(
        `${one.label.replace('1 instance', '').replace(/^, /, '') || 'The runs'}: the machine was busy ${used.toFixed(2)} of its ${cores} cores during one instance's run (every process above, the kernel's own work and the hypervisor's steal), so a second instance could add at most the ${(cores - used).toFixed(2)} left idle: ` +
          `a ceiling of **${(cores / used).toFixed(2)}×** on this machine, whatever the code; measured **${(two.reqPerSec / one.reqPerSec).toFixed(2)}×** (${one.reqPerSec.toFixed(1)} → ${two.reqPerSec.toFixed(1)} req/s).`,
        '',
      );
  }
  const killed = ps.find((p) => p.killed);
  if (killed?.killed) {
    const k = killed.killed;
    lines.push(
      `SIGKILL of instance 2 half-way through the 2-instance run: ${k.errors} failed requests after the kill, the last ${k.lastErrorAfterKillS === null ? '(none)' : `${k.lastErrorAfterKillS.toFixed(1)} s after it`}; ` +
        `${k.acknowledged} writes acknowledged (2xx) in that run, ${k.found} of its rows in the database (follow-ups, transitions' events and attachments; at least as many: none lost; more when one was written but its answer died with the instance).`,
      '',
    );
  }
  if (r.reminders) {
    const m = r.reminders;
    const without = ps.find((p) => p.instances === 1 && p.label.includes(`${m.users} users`)) ?? ps.find((p) => p.instances === 1);
    lines.push(
      `The reminder job's first run of a day **under load** (one instance running the job as deployed, ${m.users} users working through the proxy; the reminders and the day's collection cleared first): ` +
        (m.finished
          ? `${m.seconds.toFixed(1)} s from taking the job's lease to the last digest, ${m.created.toLocaleString('en')} reminders; `
          : `**not finished** ${m.seconds.toFixed(1)} s after taking the job's lease (the drill's limit): ${m.created.toLocaleString('en')} reminders written, ${m.delivered.toLocaleString('en')} delivered in digests so far; `) +
        `the instance's RSS ${m.rssStartMb} → peak ${m.rssPeakMb} MB (**+${m.rssPeakMb - m.rssStartMb} MB**); ` +
        `the longest transaction seen on the primary (pg_stat_activity every 100 ms) **${m.longestTransactionMs} ms**; ${m.reqPerSec.toFixed(1)} req/s meanwhile; cores used meanwhile: ${Object.entries(m.cpu).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', ')}. p95 in ms, without the job (${without?.label ?? '—'}) → while it ran:`,
      '',
      '| endpoint | without | during the job |',
      '| --- | --- | --- |',
      ...m.during.map((d) => {
        const w = without?.rows.find((x) => x.name === d.name);
        return `| ${d.name} | ${w ? w.p95.toFixed(0) : '—'} | ${d.p95.toFixed(0)} (${d.n}${d.errors ? `, **${d.errors} err**` : ''}) |`;
      }),
      '',
    );
  }
  if (r.files) {
    const f = r.files;
    const mb = (n: number) => `${n} MB`;
    lines.push(
      `A ${(f.bytes / 1e6).toFixed(1)} MB letter on a referral, two instances on the database, no proxy: uploaded through instance 1 in ${f.uploadMs.toFixed(0)} ms (its RSS +${mb(f.instances[0]!.uploadRiseMb ?? 0)}); ` +
        f.instances
          .map((x, i) => `instance ${i + 1} served it once (RSS **+${x.firstRiseMb} MB**), then ten times one after another (${x.sequentialMs.toFixed(0)} ms each) and five at once (${x.concurrentMs.toFixed(0)} ms): ${x.identical} of ${x.downloads} identical byte for byte, RSS ${x.rssBeforeMb} → peak ${x.peakMb} MB (**+${x.riseMb} MB** over the ${x.downloads})`)
          .join('; ') +
        '.',
      '',
    );
  }
  if (r.failover) {
    const f = r.failover;
    lines.push(
      `Failover (--failover; synchronous replication on, two instances whose DATABASE_URL goes through a TCP forwarder, 20 secretariat users, 45 s): the primary stopped (immediate) at 15 s, the replica promoted (pg_ctl promote: ${f.promoteSeconds.toFixed(1)} s) and the forwarder pointed at it: ` +
        `**${f.secondsWithoutWrites.toFixed(1)} s without an acknowledged write**; ${f.errors} failed requests; ${f.acknowledged} follow-ups acknowledged, ${f.found} in the promoted database${f.found >= f.acknowledged ? ' (none lost)' : ' (**some lost**)'}.`,
      '',
    );
  }
  return lines.join('\n');
}

// ── the reminder job's first run under load ────────────────────────────────

interface ReminderLoadResult {
  users: number;
  /** cores each process used while the job ran */
  cpu: Record<string, number>;
  seconds: number;
  created: number;
  rssStartMb: number;
  rssPeakMb: number;
  longestTransactionMs: number;
  during: PhaseResult['rows'];
  reqPerSec: number;
  /** false: still running when the drill stopped waiting (REMINDER_LIMIT_S); the figures are until then */
  finished: boolean;
  /** reminders delivered in a digest by the end (all of `created` when finished) */
  delivered: number;
}

/** `--reminder-minutes N`: how long the drill waits for the reminder job's first run under load (paced, it yields to the requests); 20 */
const REMINDER_LIMIT_S = num('reminder-minutes', 20) * 60;

/**
 * The reminder job's first run of a day on the national data while the officials work (issue 13: "no transaction
 * longer than 5 s, server RSS rise < 200 MB, and the requests served meanwhile keep their p95"): one instance runs the
 * job as deployed (its scheduler, TASHIL_NOTIFY_INTERVAL_SECONDS 15) behind the proxy while `users` virtual users
 * work through it. Once they are working, the reminders and the day's collection are cleared, so the instance's next
 * run is a first run: ~270k reminders at scale 0.3. From the moment it takes the job's lease until every reminder is
 * delivered in a digest: the instance's RSS and the transactions open on the primary are sampled every 100 ms
 * (pg_stat_activity: the longest seen), and the requests sent meanwhile give their p95 — to set beside the
 * 1-instance run's without the job.
 */
async function reminderUnderLoad(env: Record<string, string>, base: string, primary: Cluster, replica: Cluster, ids: Map<string, Ids>, users: number): Promise<ReminderLoadResult> {
  log(`— the reminder job's first run under load (1 instance, ${users} users)`);
  const instance = await startInstance({ ...env, TASHIL_NOTIFY_INTERVAL_SECONDS: '15' }, path.join(base, 'reminders-0'));
  const proxy = await startProxy([instance.port], base);
  const url = `http://127.0.0.1:${proxy.port}`;
  const c = new pg.Client({ connectionString: primary.url('tashil') });
  await c.connect();
  try {
    const vus = await virtualUsers(url, users, ids);
    await drive(url, vus, 8);
    runTag = `reminders-${Date.now()}`;
    const pid = instance.child.pid!;
    const state = { start: 0, end: 0, rssStart: 0, rssPeak: 0, longestMs: 0, done: false, cleared: false };
    const cpuNow = () => ({ instance: cpuOf(pid).own, 'PostgreSQL primary': clusterCpu(primary.postmaster), 'PostgreSQL replica': clusterCpu(replica.postmaster), proxy: cpuOf(proxy.child.pid!).own });
    let cpuStart: Record<string, number> = {};
    let cpuEnd: Record<string, number> = {};
    const poll = async () => {
      if (!state.cleared) return;
      const [row] = (
        await c.query<{ held: boolean; sources: number; pending: boolean; longest: number | null }>(
          `select coalesce((select lease_until > clock_timestamp() from job_leases where name = 'reminders'), false) as held,
                  (select count(*)::int from reminder_collections where day = (now() at time zone 'Asia/Tehran')::date) as sources,
                  -- one probe of the digests' partial index (a count of the pending took the primary a third of a core),
                  -- and of the digests not yet handed to the channel
                  exists (select 1 from notifications where digest_day is not null and delivered_at is null)
                    or exists (select 1 from reminder_digests where sent_at is null) as pending,
                  (select (extract(epoch from max(clock_timestamp() - xact_start)) * 1000)::int from pg_stat_activity
                    where datname = 'tashil' and backend_type = 'client backend' and state <> 'idle' and pid <> pg_backend_pid()) as longest`,
        )
      ).rows;
      const now = performance.now();
      if (!state.start && row!.held) {
        state.start = now;
        state.rssStart = rssMb(pid);
        cpuStart = cpuNow();
      }
      if (state.start) {
        state.rssPeak = Math.max(state.rssPeak, rssMb(pid));
        state.longestMs = Math.max(state.longestMs, row!.longest ?? 0);
        if (!row!.held && row!.sources === REMINDER_SOURCES.length && !row!.pending) {
          state.end = now;
          state.done = true;
          cpuEnd = cpuNow();
        }
      }
    };
    let polling = false;
    const timer = setInterval(() => {
      if (polling || state.done) return;
      polling = true;
      poll()
        .catch((err: unknown) => log('reminder poll failed', (err as Error).message))
        .finally(() => (polling = false));
    }, 100);
    // the morning after: no reminder sent yet, no collection made today (any run in progress finishes first: TRUNCATE waits)
    await c.query('truncate notifications, reminder_digests cascade');
    await c.query('delete from reminder_collections');
    state.cleared = true;
    const result = await drive(url, vus, REMINDER_LIMIT_S, undefined, undefined, () => state.done);
    clearInterval(timer);
    const finished = state.done;
    if (!finished) {
      // not done yet: what it did until now is reported, not thrown away with the runs before it
      log(`the reminder job had not finished after ${REMINDER_LIMIT_S / 60} min`);
      state.end = performance.now();
      cpuEnd = cpuNow();
      if (!state.start) throw new Error(`the reminder job did not start within ${REMINDER_LIMIT_S / 60} min`);
    }
    const { created, delivered } = (
      await c.query<{ created: number; delivered: number }>(
        `select count(*)::int as created, (count(*) filter (where delivered_at is not null))::int as delivered from notifications where digest_day is not null`,
      )
    ).rows[0]!;
    const during = rowsOf(result.samples, state.start, state.end);
    const out: ReminderLoadResult = {
      users,
      cpu: Object.fromEntries(Object.keys(cpuEnd).map((k) => [k, (cpuEnd[k]! - cpuStart[k]!) / ((state.end - state.start) / 1000)])),
      seconds: (state.end - state.start) / 1000,
      created,
      rssStartMb: state.rssStart,
      rssPeakMb: state.rssPeak,
      longestTransactionMs: state.longestMs,
      during,
      reqPerSec: during.reduce((sum, r) => sum + r.n, 0) / ((state.end - state.start) / 1000),
      finished,
      delivered,
    };
    log('reminders under load', { ...out, during: undefined });
    return out;
  } finally {
    await c.end();
    proxy.child.kill('SIGTERM');
    instance.child.kill('SIGTERM');
    await new Promise((r) => (instance.child.exitCode === null && instance.child.signalCode === null ? instance.child.once('exit', r) : r(null)));
  }
}

// ── the 5 MB letter ────────────────────────────────────────────────────────

interface FilesResult {
  bytes: number;
  uploadMs: number;
  /** per instance: the one the letter was uploaded through first */
  instances: { uploadRiseMb: number | null; downloads: number; firstRiseMb: number; identical: number; sequentialMs: number; concurrentMs: number; rssBeforeMb: number; peakMb: number; riseMb: number }[];
}

/** Samples a process's RSS every 20 ms until stopped; the peak, in MB. */
function rssPeak(pid: number) {
  let peak = rssMb(pid);
  const timer = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 20);
  return () => {
    clearInterval(timer);
    return Math.max(peak, rssMb(pid));
  };
}

/**
 * A bank's 5 MB letter on a referral (issue 13: "served by either instance with the server's RSS rising by less than
 * 20 MB"): two instances on the same database, no proxy between. The bank uploads it through the first; then each
 * instance serves it once, ten times one after another and five times at once, every copy compared byte for byte,
 * while its RSS is sampled every 20 ms from just before the first request to just after the last. Each instance has
 * served another 5 MB letter twice first, so what is measured is the letter, not the code's first use.
 */
async function filesDrill(env: Record<string, string>, base: string, ids: Map<string, Ids>): Promise<FilesResult> {
  log('— the 5 MB letter, uploaded through one instance and served by each');
  const instances = [await startInstance(env, path.join(base, 'files-0')), await startInstance(env, path.join(base, 'files-1'))];
  try {
    const urls = instances.map((x) => `http://127.0.0.1:${x.port}`);
    const province = PROVINCES[0]!;
    const cookie = await login(urls[0]!, `drill.bank.${province}`);
    const referral = ids.get(`bank.${province}`)!.referrals[0]!;
    const post = async (url: string, data: Buffer) => {
      const r = await send(`${url}/api/v1/referrals/${referral}/attachments?kind=other`, cookie, { method: 'POST', body: multipart('letter.pdf', data), contentType: `multipart/form-data; boundary=${BOUNDARY}` }, true);
      if (r.status !== 201) throw new Error(`upload: ${r.status} ${r.body.slice(0, 300)}`);
      return (JSON.parse(r.body) as { id: string }).id;
    };
    const download = (url: string, id: string) =>
      new Promise<Buffer>((resolve, reject) => {
        http
          .get(`${url}/api/v1/referrals/${referral}/attachments/${id}`, { headers: { cookie, 'x-requested-with': 'tashil' }, agent: driverAgent }, (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => (res.statusCode === 200 ? resolve(Buffer.concat(chunks)) : reject(new Error(`download: ${res.statusCode}`))));
            res.on('error', reject);
          })
          .on('error', reject);
      });
    // an instance that has served letters before: another 5 MB letter, twice through each (the code's first use, and
    // the heap and allocator growing to their working size, are not what serving a letter costs)
    const warm = await post(urls[0]!, pdf(5_000_000));
    for (const url of urls) for (let n = 0; n < 2; n++) await download(url, warm);
    const letter = pdf(5_000_000);
    const stopUpload = rssPeak(instances[0]!.child.pid!);
    const uploadBefore = rssMb(instances[0]!.child.pid!);
    const t0 = performance.now();
    const id = await post(urls[0]!, letter);
    const uploadMs = performance.now() - t0;
    const uploadRiseMb = stopUpload() - uploadBefore;
    const out: FilesResult = { bytes: letter.length, uploadMs, instances: [] };
    for (const [i, url] of urls.entries()) {
      const pid = instances[i]!.child.pid!;
      const before = rssMb(pid);
      const stop = rssPeak(pid);
      let identical = 0;
      const check = (b: Buffer) => (identical += b.equals(letter) ? 1 : 0);
      // the first download alone: what serving the letter once costs
      check(await download(url, id));
      const firstPeak = stop();
      const stopAll = rssPeak(pid);
      const s0 = performance.now();
      for (let n = 0; n < 10; n++) check(await download(url, id));
      const sequentialMs = (performance.now() - s0) / 10;
      const c0 = performance.now();
      for (const b of await Promise.all(Array.from({ length: 5 }, () => download(url, id)))) check(b);
      const concurrentMs = performance.now() - c0;
      const peak = Math.max(firstPeak, stopAll());
      out.instances.push({ uploadRiseMb: i === 0 ? uploadRiseMb : null, downloads: 16, identical, sequentialMs, concurrentMs, rssBeforeMb: before, firstRiseMb: firstPeak - before, peakMb: peak, riseMb: peak - before });
    }
    log('5 MB letter', out);
    return out;
  } finally {
    for (const x of instances) x.child.kill('SIGTERM');
    await Promise.all(instances.map((x) => (x.child.exitCode === null && x.child.signalCode === null ? new Promise((r) => x.child.once('exit', r)) : null)));
  }
}

/** A TCP forwarder for the instances' DATABASE_URL: the failover points it at the promoted replica (what HAProxy's check would do). */
async function pgForwarder(target: number) {
  const port = await freePort();
  const sockets = new Set<net.Socket>();
  const state = { target };
  const server = net.createServer((client) => {
    const upstream = net.connect(state.target, '127.0.0.1');
    for (const x of [client, upstream]) {
      sockets.add(x);
      x.on('close', () => sockets.delete(x));
      x.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port,
    switchTo(p: number) {
      state.target = p;
      for (const x of sockets) x.destroy();
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

interface FailoverResult {
  secondsWithoutWrites: number;
  promoteSeconds: number;
  acknowledged: number;
  found: number;
  errors: number;
}

/**
 * The failover drill: synchronous replication on, two instances (their DATABASE_URL through a forwarder), 20 secretariat
 * users working; the primary is stopped (immediate), the replica promoted and the forwarder pointed at it. Measured: the
 * seconds between the last write acknowledged before the stop and the first after; acknowledged follow-ups against rows.
 */
async function failover(base: string, primary: Cluster, replica: Cluster, env: Record<string, string>, ids: Map<string, Ids>): Promise<FailoverResult> {
  log('— failover drill');
  const admin = new pg.Client({ connectionString: primary.url('postgres') });
  await admin.connect();
  await admin.query(`alter system set synchronous_standby_names = '*'`);
  await admin.query('select pg_reload_conf()');
  await sleep(1000);
  log('replication', (await admin.query(`select application_name, state, sync_state from pg_stat_replication`)).rows);
  await admin.end();
  const fwd = await pgForwarder(primary.port);
  const instances: Instance[] = [];
  for (let i = 0; i < 2; i++) instances.push(await startInstance({ ...env, DATABASE_URL: `postgres://postgres@127.0.0.1:${fwd.port}/tashil` }, path.join(base, `failover-${i}`)));
  const proxy = await startProxy(instances.map((x) => x.port), base);
  const url = `http://127.0.0.1:${proxy.port}`;
  try {
    const vus: Vu[] = [];
    for (let i = 0; i < 20; i++) {
      const province = PROVINCES[i % PROVINCES.length]!;
      vus.push({ role: 'secretariat', province, cookie: await login(url, `drill.sec.${province}`), ids: ids.get(`secretariat.${province}`)! });
    }
    runTag = `failover-${Date.now()}`;
    const writes: { at: number; ok: boolean }[] = [];
    const started = performance.now();
    let stoppedAt = 0;
    let promoteSeconds = 0;
    const run = drive(url, vus, 45, () => {}, (at, ok) => writes.push({ at, ok }));
    await sleep(15_000);
    stoppedAt = performance.now() - started;
    log('stopping the primary (immediate)');
    stopCluster(primary, 'immediate');
    const t0 = performance.now();
    pgTool('pg_ctl', ['-D', replica.dir, '-w', 'promote']);
    promoteSeconds = (performance.now() - t0) / 1000;
    fwd.switchTo(replica.port);
    log(`replica promoted in ${promoteSeconds.toFixed(1)} s; the forwarder points at it`);
    const result = await run;
    const before = writes.filter((w) => w.ok && w.at < stoppedAt).map((w) => w.at);
    const after = writes.filter((w) => w.ok && w.at >= stoppedAt).map((w) => w.at);
    const found = await writesFound(replica.url('tashil'));
    const errors = [...result.samples.values()].flat().filter((x) => !x.ok).length;
    return {
      secondsWithoutWrites: (after.length ? Math.min(...after) - Math.max(...before) : NaN) / 1000,
      promoteSeconds,
      acknowledged: result.acknowledged,
      found,
      errors,
    };
  } finally {
    proxy.child.kill('SIGTERM');
    const alive = instances.filter((x) => x.child.exitCode === null && x.child.signalCode === null);
    for (const x of alive) x.child.kill('SIGTERM');
    await Promise.all(alive.map((x) => new Promise((r) => x.child.once('exit', r))));
    const died = instances.filter((x) => !alive.includes(x)).length;
    if (died) log(`${died} instance(s) had exited during the drill`);
    await fwd.close();
  }
}

async function main() {
  if (!existsSync(path.join(PG_BIN, 'initdb'))) throw new Error(`PostgreSQL 15 not found in ${PG_BIN}`);
  const base = path.join(os.tmpdir(), `tashil-scale-drill`);
  log(`clusters in ${base}`);
  const reuse = REUSE && existsSync(path.join(base, 'primary', 'PG_VERSION'));
  let primary: Cluster;
  let replica: Cluster;
  if (reuse) {
    // the kept primary as it was; the replica made again (the WAL it would need may be gone, and it names the old port)
    primary = startCluster(path.join(base, 'primary'), await freePort());
    replica = await makeReplica(base, primary);
  } else ({ primary, replica } = await makeClusters(base));
  try {
    let load: Loaded;
    const pool = new pg.Pool({ connectionString: primary.url(reuse ? 'tashil' : 'postgres'), max: 2 });
    if (reuse) {
      // a kept primary may come from a failover drill, which turned synchronous replication on
      await pool.query('alter system reset synchronous_standby_names');
      await pool.query('select pg_reload_conf()');
      await ensureDrillUsers((text, params) => pool.query(text, params as unknown[]));
      const [counts] = (await pool.query<Record<string, number>>(COUNTS)).rows;
      load = { counts: counts!, seconds: 0, reminders: null };
      log(`reusing the kept clusters: primary :${primary.port}, replica :${replica.port}`, counts);
    } else {
      await pool.query('create database tashil');
      log(`primary :${primary.port}, replica :${replica.port}; loading data at scale ${SCALE}`);
      load = await loadData(primary.url('tashil'));
      log('loaded', load);
    }
    await pool.end();
    const idPool = new pg.Pool({ connectionString: primary.url('tashil'), max: 2 });
    const ids = await idsOf(idPool);
    await idPool.end();
    const env = {
      DATABASE_URL: primary.url('tashil'),
      DATABASE_REPLICA_URL: replica.url('tashil'),
      TASHIL_DEMO: '0',
      TASHIL_MFA_ROLES: 'none',
      LOG_LEVEL: 'warn',
      // every instance of a phase shares this total (`phase`); the reminder and file drills' instances have it each
      TASHIL_DB_POOL_MAX: String(POOL_TOTAL),
      TASHIL_STATS_HOLD_SECONDS: String(HOLD),
    };
    const phases: PhaseResult[] = [];
    const only = argv.includes('--only-failover') || argv.includes('--only-files') || ONLY_REMINDERS;
    if (COMPARE && !only) phases.push(await phase('1 instance, snapshots off', 1, { ...env, TASHIL_STATS_SNAPSHOT_SECONDS: '0' }, base, primary, replica, ids));
    // --only-reminders: the one-instance run the job's figures are set beside, then the job under load
    if (ONLY_REMINDERS) phases.push(await phase(`1 instance, ${USER_COUNTS[0]} users`, 1, env, base, primary, replica, ids, USER_COUNTS[0]));
    for (const users of only ? [] : USER_COUNTS) {
      const who = USER_COUNTS.length > 1 ? `, ${users} users` : '';
      phases.push(await phase(`1 instance${who}`, 1, env, base, primary, replica, ids, users));
      phases.push(await phase(`2 instances${who}`, 2, env, base, primary, replica, ids, users));
    }
    const reminders = ONLY_RUNS || (only && !ONLY_REMINDERS) ? undefined : await reminderUnderLoad(env, base, primary, replica, ids, USER_COUNTS[0]!);
    const files = (!only && !ONLY_RUNS) || argv.includes('--only-files') ? await filesDrill(env, base, ids) : undefined;
    const failed = FAILOVER || argv.includes('--only-failover') ? await failover(base, primary, replica, env, ids) : undefined;
    if (failed) log('failover', failed);
    const result = { scale: SCALE, load, phases, reminders, files, failover: failed };
    writeFileSync(path.join(root, '.tmp', 'scale-drill.json'), JSON.stringify(result, null, 2));
    const md = markdown(result);
    console.log(md);
    if (WRITE) {
      const file = path.join(root, 'docs/benchmarks.md');
      const doc = readFileSync(file, 'utf8');
      if (!phases.length) {
        // the failover alone: its paragraph goes at the end of the section the runs wrote
        const at = doc.indexOf('## Scale drill');
        const end = at >= 0 && doc.indexOf('\n## ', at + 5) >= 0 ? doc.indexOf('\n## ', at + 5) : doc.length;
        writeFileSync(file, `${doc.slice(0, end).trimEnd()}\n\n${md}${doc.slice(end)}`);
        return;
      }
      const start = doc.indexOf('## Scale drill');
      const next = start >= 0 ? doc.indexOf('\n## ', start + 5) : -1;
      writeFileSync(file, start < 0 ? `${doc.trimEnd()}\n\n${md}` : `${doc.slice(0, start)}${md}${next >= 0 ? doc.slice(next) : ''}`);
    }
  } finally {
    stopCluster(replica);
    stopCluster(primary);
    if (!KEEP) rmSync(base, { recursive: true, force: true });
  }
}

mkdirSync(path.join(root, '.tmp'), { recursive: true });
main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);

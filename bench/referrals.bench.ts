/**
 * Referral transitions benchmark on native PostgreSQL (not a test):
 *   1. a fresh database `tashil_bench_referrals` (migrated, reference data, N units, M referrals `referred`);
 *   2. transitions per second through the real service (`transitionReferral`: scoped read, version, machine
 *      and rules, state + event + audit in one statement), C concurrent workers each walking referrals
 *      referred → received → under_review → approved → paid, for T seconds after a warm-up;
 *   3. pgbench's TPC-B-like transactions per second on the same server in the same run
 *      (`pgbench -i -s 10` on a scratch database, then `pgbench -c C -T T`, as the issue asks), measured before and after.
 * Target: referral transitions/s ≥ 0.5 × pgbench TPS. Writes docs/benchmarks.md ("Referrals") and drops
 * both databases.
 *
 *   node --import tsx bench/referrals.bench.ts [--duration 10] [--clients 4] [--referrals 50000] [--rounds 5]
 * BENCH_PG_URL overrides postgres://postgres@127.0.0.1:5432/postgres; PGBENCH overrides the pgbench binary.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Database } from '../src/server/db/client.js';
import { seedReference } from '../src/server/seed/reference.js';
import { makeLegalId } from '../src/shared/ids.js';
import { searchKey } from '../src/shared/text.js';
import type { Actor, ServiceContext } from '../src/server/context.js';
import { transitionReferral } from '../src/server/modules/referrals/referrals.service.js';
import type { ReferralStatus } from '../src/shared/machines.js';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const DURATION = arg('duration', 10);
const CLIENTS = arg('clients', 4);
const REFERRALS = arg('referrals', 50_000);
const ROUNDS = arg('rounds', 5);
const UNITS = 2_000;
const PROVINCE = 'qom';
const BANK = 'sanat-madan';
const PGBENCH = process.env.PGBENCH ?? (existsSync('/usr/lib/postgresql/15/bin/pgbench') ? '/usr/lib/postgresql/15/bin/pgbench' : 'pgbench');

const adminUrl = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = 'tashil_bench_referrals';
const pgbenchDb = 'tashil_bench_pgbench';
const urlOf = (name: string) => {
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
};

const log = (...a: unknown[]) => console.log(new Date().toISOString().slice(11, 19), ...a);
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function admin(sqlText: string) {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await c.query(sqlText);
  } finally {
    await c.end();
  }
}

/** Units and referrals written straight into the tables: setting up is not what is measured. */
async function load(database: Database): Promise<string[]> {
  await database.query(
    `insert into units (province_id, name, name_key, national_id, sector_code, county_id, status, employees, capacity_utilization)
     select $1, 'واحد آزمایشی ' || g, $2 || g, x.nid, '10', 'qom', 'active', 20, 60
     from generate_series(1, $3::int) g join unnest($4::text[]) with ordinality as x(nid, i) on x.i = g`,
    [PROVINCE, searchKey('واحد آزمایشی '), UNITS, Array.from({ length: UNITS }, (_, i) => makeLegalId(`5086${String(100000 + i).padStart(6, '0')}`))],
  );
  const rows = await database.query<{ id: string }>(
    `insert into referrals (province_id, code, unit_id, agency_id, bank_id, program_code, facility_type, requested_amount, referral_date, status)
     select $1, 'R-1405-' || lpad(g::text, 6, '0'), u.id, 'smt', $2, 'rounaq', 'working_capital', 10000000000 + g::bigint * 1000000, current_date - 3, 'referred'
     from generate_series(1, $3::int) g
     join lateral (select id from units where province_id = $1 order by national_id offset ((g - 1) % $4) limit 1) u on true
     returning id`,
    [PROVINCE, BANK, REFERRALS, UNITS],
  );
  await database.query(`analyze`);
  return rows.map((r) => r.id);
}

const bankActor: Actor = {
  kind: 'token',
  id: '00000000-0000-4000-8000-00000000b001',
  username: 'token:bench-core-banking',
  fullName: 'bench',
  role: 'bank',
  provinceId: PROVINCE,
  agencyId: null,
  bankId: BANK,
  unitId: null,
};

const STEPS: { to: ReferralStatus; extra: Record<string, unknown> }[] = [
  { to: 'received', extra: {} },
  { to: 'under_review', extra: {} },
  { to: 'approved', extra: { approvedAmount: 9_000_000_000n } },
  { to: 'paid', extra: { paidAmount: 9_000_000_000n, paidDate: null } },
];

/** C workers, each taking the next referral and walking it to paid, until the time is up. */
async function runTransitions(database: Database, ids: string[], seconds: number) {
  const ctx: ServiceContext = { db: database.db, actor: bankActor, now: () => new Date(), lang: 'fa' };
  const today = new Date().toISOString().slice(0, 10);
  let next = 0;
  let done = 0;
  let failed = 0;
  const latencies: number[] = [];
  const deadline = performance.now() + seconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline && next < ids.length) {
      const id = ids[next++]!;
      let version = 1;
      for (const step of STEPS) {
        if (performance.now() >= deadline) return;
        const t0 = performance.now();
        try {
          const input = { to: step.to, ...step.extra, ...(step.to === 'paid' ? { paidDate: today } : {}) } as Parameters<typeof transitionReferral>[2];
          const r = await transitionReferral(ctx, id, input, { version, via: 'body' });
          version = r.version;
          done++;
          latencies.push(performance.now() - t0);
        } catch (e) {
          failed++;
          if (failed < 5) log('transition failed', (e as Error).message);
          break;
        }
      }
    }
  };
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  await Promise.all(Array.from({ length: CLIENTS }, worker));
  const cpu = process.cpuUsage(cpu0);
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
  return { done, failed, elapsed, tps: done / elapsed, p50: pct(50), p95: pct(95), p99: pct(99), referrals: next, nodeCpuMs: (cpu.user + cpu.system) / 1000 / Math.max(1, done) };
}

function pgbench(args: string[]): string {
  const u = new URL(adminUrl);
  const r = spawnSync(PGBENCH, ['-h', u.hostname, '-p', u.port || '5432', '-U', u.username || 'postgres', ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pgbench ${args.join(' ')} failed: ${r.stderr || r.stdout}`);
  return `${r.stdout}\n${r.stderr}`;
}

function runPgbench(seconds: number): number {
  const out = pgbench(['-c', String(CLIENTS), '-T', String(seconds), '-n', pgbenchDb]);
  const m = /tps = ([\d.]+) \(without initial connection time\)/.exec(out) ?? /tps = ([\d.]+)/.exec(out);
  if (!m) throw new Error(`no tps in pgbench output:\n${out}`);
  return Number(m[1]);
}

async function main() {
  await admin(`drop database if exists ${dbName} with (force)`);
  await admin(`drop database if exists ${pgbenchDb} with (force)`);
  await admin(`create database ${dbName}`);
  await admin(`create database ${pgbenchDb}`);
  let database: Database | undefined;
  try {
    const serverVersion = await (async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      try {
        return (await c.query<{ server_version: string }>('show server_version')).rows[0]?.server_version ?? '?';
      } finally {
        await c.end();
      }
    })();
    log(`PostgreSQL ${serverVersion}; pgbench -i -s 10`);
    pgbench(['-i', '-s', '10', '-q', pgbenchDb]);

    database = await openDatabase({ databaseUrl: urlOf(dbName) });
    await seedReference(database.db);
    const t0 = performance.now();
    const ids = await load(database);
    log(`loaded ${fmt(UNITS)} units and ${fmt(ids.length)} referrals in ${fmt(performance.now() - t0)} ms`);

    log('warm-up: 2 s of transitions, 2 s of pgbench');
    const warm = await runTransitions(database, ids.slice(-2000), 2);
    runPgbench(2);
    log(`warm-up done (${fmt(warm.done)} transitions)`);

    // Alternating rounds (pgbench, transitions, pgbench, …): on a shared machine the load moves, so each round's
    // transitions are compared with the pgbench runs just before and after them, and the median ratio is kept.
    const tps: number[] = [runPgbench(DURATION)];
    log(`pgbench: ${fmt(tps[0]!, 1)} tps`);
    const runs: Awaited<ReturnType<typeof runTransitions>>[] = [];
    const perRound = Math.floor((ids.length - 2000) / ROUNDS);
    for (let i = 0; i < ROUNDS; i++) {
      const run = await runTransitions(database, ids.slice(i * perRound, (i + 1) * perRound), DURATION);
      runs.push(run);
      log(`referral transitions: ${fmt(run.tps, 1)}/s (${fmt(run.done)} in ${fmt(run.elapsed, 1)} s, ${run.failed} failed), p50 ${fmt(run.p50, 1)} ms, p95 ${fmt(run.p95, 1)} ms, Node CPU ${fmt(run.nodeCpuMs, 2)} ms per transition`);
      tps.push(runPgbench(DURATION));
      log(`pgbench: ${fmt(tps.at(-1)!, 1)} tps`);
    }
    const ratios = runs.map((r, i) => r.tps / ((tps[i]! + tps[i + 1]!) / 2));
    const ratio = [...ratios].sort((a, b) => a - b)[Math.floor(ratios.length / 2)]!;
    const transitions = warm.done + runs.reduce((s, r) => s + r.done, 0);

    const [events] = await database.query<{ n: number }>(`select count(*)::int as n from referral_events`);
    const [audits] = await database.query<{ n: number }>(`select count(*)::int as n from audit_events where entity_type = 'referral'`);

    const rows = [`| pgbench TPC-B-like | ${fmt(tps[0]!, 1)} tps | | | | | |`];
    runs.forEach((r, i) => {
      rows.push(`| referral transitions, round ${i + 1} | ${fmt(r.tps, 1)} | ${fmt(r.done)} (${r.failed} failed) | ${fmt(r.p50, 1)} | ${fmt(r.p95, 1)} | ${fmt(r.p99, 1)} | **${fmt(ratios[i]!, 2)}** |`);
      rows.push(`| pgbench TPC-B-like | ${fmt(tps[i + 1]!, 1)} tps | | | | | |`);
    });
    const when = new Date().toISOString().slice(0, 16).replace('T', ' ');
    const section = `## Referrals

Run ${when} UTC by \`node --import tsx bench/referrals.bench.ts\` on this machine (${os.cpus().length} cores, shared with other work),
PostgreSQL ${serverVersion} at 127.0.0.1, Node ${process.version}, ${CLIENTS} concurrent clients on both sides, ${DURATION} s per run.

**Referral transitions** through the real service (\`transitionReferral\`): each reads the referral in the bank's
scope with its province's deadline settings (one prepared statement), checks its version, the referral machine for
the bank's role and the step's rules (amounts ≤ requested/approved, payment date), then writes the new state, the
event row and the audit entry in one statement whose UPDATE holds only while the version is still the one read
(optimistic concurrency: of simultaneous steps on one referral exactly one writes, the others get 409 — see the
concurrency test). ${fmt(ids.length)} referrals of ${fmt(UNITS)} units, ${CLIENTS} workers each walking referrals
referred → received → under review → approved → paid. **pgbench**: TPC-B-like default script on a scratch database
(\`pgbench -i -s 10\`, then \`pgbench -c ${CLIENTS} -T ${DURATION}\`). The runs alternate, and each round of transitions is
compared with the mean of the pgbench runs just before and after it, since the load around us moves.

| what | per second | count | p50 ms | p95 ms | p99 ms | ratio |
|---|---:|---:|---:|---:|---:|---:|
${rows.join('\n')}

Median ratio ${fmt(ratio, 2)} × pgbench — target ≥ 0.5: **${ratio >= 0.5 ? 'met' : 'not met'}**.
Node's own CPU: ${runs.map((r) => fmt(r.nodeCpuMs, 2)).join(' / ')} ms per transition. Every transition left one event and one audit
entry (${fmt(events!.n)} events, ${fmt(audits!.n)} audit entries, ${fmt(transitions)} transitions with the warm-up).
`;
    writeSection(section);
    log(`docs/benchmarks.md updated; ratios ${ratios.map((r) => fmt(r, 2)).join(', ')}, median ${fmt(ratio, 2)}`);
    if (events!.n !== transitions || audits!.n !== transitions) throw new Error(`events ${events!.n} / audits ${audits!.n} differ from transitions ${transitions}`);
  } finally {
    await database?.close();
    await admin(`drop database if exists ${dbName} with (force)`);
    await admin(`drop database if exists ${pgbenchDb} with (force)`);
    log(`databases ${dbName} and ${pgbenchDb} dropped`);
  }
}

/** Replaces (or appends) the "## Referrals" section, leaving the others alone. */
function writeSection(section: string) {
  const file = path.join(root, 'docs', 'benchmarks.md');
  const head = '# Benchmarks\n\nFigures measured by the scripts in `bench/` (not tests). Each section is rewritten by its own script.\n\n';
  const text = existsSync(file) ? readFileSync(file, 'utf8') : head;
  const start = text.indexOf('## Referrals\n');
  let next: string;
  if (start < 0) next = `${text.trimEnd()}\n\n${section}`;
  else {
    const after = text.indexOf('\n## ', start + 1);
    next = text.slice(0, start) + section.trimEnd() + (after < 0 ? '' : `\n\n${text.slice(after + 1)}`);
  }
  writeFileSync(file, `${next.trimEnd()}\n`);
}

await main();

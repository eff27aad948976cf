/**
 * Where a statistics request spends its time (a diagnostic, not a test): against the database kept by
 * `bench/stats.bench.ts --keep`, each endpoint is called once, the SQL it ran is captured at the pool and
 * every statement is run again under EXPLAIN (ANALYZE, BUFFERS). Prints each statement's execution time.
 *
 *   node --import tsx bench/stats-explain.ts [--plans] [--dump file.jsonl] [endpoint-substring]
 */
import { appendFileSync } from 'node:fs';
import pg from 'pg';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { openDatabase } from '../src/server/db/client.js';
import { STATS_BENCH_PASSWORD, STATS_ENDPOINTS } from './stats-endpoints.js';

const argv = process.argv.slice(2);
const showPlans = argv.includes('--plans');
const only = argv.find((a, i) => !a.startsWith('--') && argv[i - 1] !== '--dump');
const dump = argv.includes('--dump') ? argv[argv.indexOf('--dump') + 1] : undefined;
const adminUrl = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const url = Object.assign(new URL(adminUrl), { pathname: '/tashil_bench_stats' }).toString();

async function main() {
  const database = await openDatabase({ databaseUrl: url });
  const config = loadConfig({ TASHIL_DEMO: '0' } as NodeJS.ProcessEnv, { webDir: '/nonexistent', logLevel: 'warn' });
  const app = await buildApp({ database, config, logger: false });
  await app.ready();
  const pool = database.pool!;
  const original = pool.query.bind(pool);
  const explain = new pg.Client({ connectionString: url });
  await explain.connect();
  for (const e of STATS_ENDPOINTS.filter((x) => !only || x.path.includes(only))) {
    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'x-requested-with': 'tashil' }, payload: { username: e.user, password: STATS_BENCH_PASSWORD } });
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    const captured: { text: string; values: unknown[] }[] = [];
    (pool as unknown as { query: unknown }).query = (text: unknown, values?: unknown) => {
      const t = typeof text === 'string' ? text : (text as { text: string }).text;
      const v = values ?? (typeof text === 'string' ? undefined : (text as { values?: unknown[] }).values);
      if (!/auth_sessions|from "users"|api_tokens/.test(t)) captured.push({ text: t, values: (v as unknown[]) ?? [] });
      return (original as (a: unknown, b?: unknown) => unknown)(text, values);
    };
    const t0 = performance.now();
    const res = await app.inject({ method: 'GET', url: e.path, headers: { cookie } });
    const ms = performance.now() - t0;
    (pool as unknown as { query: unknown }).query = original;
    if (dump) appendFileSync(dump, JSON.stringify({ path: e.path, captured }) + '\n');
    console.log(`\n== ${e.path} → ${res.statusCode} in ${ms.toFixed(1)} ms, ${captured.length} statements`);
    for (const c of captured) {
      const r = await explain.query(`explain (analyze, buffers, format text) ${c.text}`, c.values);
      const lines = r.rows.map((x: Record<string, string>) => x['QUERY PLAN']!);
      const exec = lines.find((l) => l.startsWith('Execution Time')) ?? '';
      const jit = lines.filter((l) => /JIT|Timing:/.test(l)).join(' ');
      console.log(`- ${exec.padEnd(30)} ${c.text.replace(/\s+/g, ' ').slice(0, 110)}${jit ? `\n    ${jit}` : ''}`);
      if (showPlans) console.log(lines.map((l) => `    ${l}`).join('\n'));
    }
  }
  await explain.end();
  await app.close();
  await database.close();
}

main().catch((e: unknown) => {
  if ([e, (e as { cause?: unknown }).cause].some((x) => (x as { code?: string } | undefined)?.code === '3D000')) {
    console.error('No database tashil_bench_stats: run `node --import tsx bench/stats.bench.ts --skip-pglite --keep` first.');
    process.exit(1);
  }
  console.error(e);
  process.exit(1);
});

/**
 * A server for the units benchmark, in its own process so the load generator does not share its
 * event loop:
 *   real URL PORT — the Tashil app itself (auth, validation, scoping, serialisation)
 *   bare URL PORT — Fastify + pg running the same list SQL for a fixed province, nothing else
 * Prints `ready` when listening; exits on SIGTERM.
 */
import Fastify from 'fastify';
import pg from 'pg';
import { searchKey } from '../src/shared/text.js';

const [mode, url, portText, provinceId = 'tehran'] = process.argv.slice(2);
const port = Number(portText);
if (!url || !Number.isInteger(port) || (mode !== 'real' && mode !== 'bare')) {
  console.error('usage: units-server.ts real|bare DATABASE_URL PORT [provinceId]');
  process.exit(2);
}

/** The SQL the app sends for GET /units?q=&countyId= (units.repo.ts: queryUnits + unitConditionsSql), word for word. */
const LIST_SQL = `select "units"."id", "units"."version", "units"."created_at", "units"."updated_at", "units"."province_id", "units"."name", "units"."national_id",
   "units"."license_no", "units"."sector_code", "sectors"."name" as sector_name, "units"."county_id", "counties"."name" as county_name,
   "units"."estate_id", "estates"."name" as estate_name, "units"."address", "units"."phone", "units"."manager_name", "units"."employees",
   "units"."capacity_utilization", "units"."status", "units"."lat", "units"."lng" from "units" inner join "counties" on "counties"."id" = "units"."county_id" inner join "sectors" on "sectors"."code" = "units"."sector_code"
   left join "estates" on "estates"."id" = "units"."estate_id" where "units"."province_id" = $1 and "units"."name_key" like $2 and "units"."county_id" = $3 order by "units"."name" collate "und-x-icu" asc, "units"."id" asc limit $4`;
const COUNT_SQL = 'select count(*)::int as n from "units" where "units"."province_id" = $1 and "units"."name_key" like $2 and "units"."county_id" = $3';

let close: () => Promise<void>;
if (mode === 'real') {
  // loaded here so the bare server does not load the app at all
  const { buildApp } = await import('../src/server/app.js');
  const { loadConfig } = await import('../src/server/config.js');
  const { openDatabase } = await import('../src/server/db/client.js');
  const database = await openDatabase({ databaseUrl: url, migrate: false });
  const config = loadConfig({ DATABASE_URL: url, TASHIL_DEMO: '0', LOG_LEVEL: 'warn', TASHIL_LOGIN_MAX_FAILURES_PER_ADDRESS: '100000' } as NodeJS.ProcessEnv);
  const app = await buildApp({ database, config, logger: false });
  await app.listen({ port, host: '127.0.0.1' });
  close = async () => {
    await app.close();
    await database.close();
  };
} else {
  // the same session settings as Tashil's own connections, so only Tashil's own work differs
  const { PG_SESSION_OPTIONS } = await import('../src/server/db/client.js');
  const pool = new pg.Pool({ connectionString: url, max: 10, options: PG_SESSION_OPTIONS });
  const app = Fastify({ logger: false });
  app.get('/api/v1/units', async (req) => {
    const q = req.query as { q?: string; countyId?: string; pageSize?: string };
    const like = `%${searchKey(q.q ?? '').replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const pageSize = Number(q.pageSize ?? 50);
    const [rows, count] = await Promise.all([pool.query(LIST_SQL, [provinceId, like, q.countyId, pageSize]), pool.query(COUNT_SQL, [provinceId, like, q.countyId])]);
    return { items: rows.rows, total: (count.rows[0] as { n: number }).n, page: 1, pageSize };
  });
  await app.listen({ port, host: '127.0.0.1' });
  close = async () => {
    await app.close();
    await pool.end();
  };
}
console.log('ready');
process.on('SIGTERM', () => {
  void close().finally(() => process.exit(0));
});

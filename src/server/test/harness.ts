/**
 * Integration-test harness: the real app on a real database — embedded PGlite always, and real
 * PostgreSQL when TASHIL_TEST_DATABASE_URL names a server (each suite gets a fresh database, dropped after).
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { buildApp } from '../app.js';
import { loadConfig, type Config } from '../config.js';
import { openDatabase, type Database, type Engine } from '../db/client.js';
import { seedReference } from '../seed/reference.js';
import { seedDemo } from '../seed/demo.js';
import { DEMO_PASSWORD } from '../seed/demo-accounts.js';
import type { Lifecycle } from '../lifecycle.js';

export const PG_URL = process.env.TASHIL_TEST_DATABASE_URL;
export const ENGINES: Engine[] = ['pglite', 'postgres'];

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  /** PostgreSQL: the database's URL, to start another instance on it. */
  databaseUrl?: string;
  config: Config;
  engine: Engine;
  /** The clock the app reads; tests move it. */
  clock: { now: Date };
  /** Logs in a (demo) user and returns a client that carries the cookie and the CSRF header. */
  as(username: string, password?: string): Promise<Client>;
  anonymous: Client;
}

export interface Client {
  cookie: string | undefined;
  request(method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  get(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  del(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
}

export function makeClient(app: FastifyInstance, cookie?: string, extra: Record<string, string> = {}): Client {
  const request = (method: string, url: string, body?: unknown, headers: Record<string, string> = {}) =>
    app.inject({
      method: method as 'GET',
      url,
      headers: {
        ...(cookie ? { cookie } : {}),
        ...(method !== 'GET' ? { 'x-requested-with': 'tashil' } : {}),
        ...extra,
        ...headers,
      },
      ...(body !== undefined ? { payload: body as object } : {}),
    });
  return {
    cookie,
    request,
    get: (url, h) => request('GET', url, undefined, h),
    post: (url, b, h) => request('POST', url, b ?? {}, h),
    patch: (url, b, h) => request('PATCH', url, b, h),
    del: (url, h) => request('DELETE', url, undefined, h),
  };
}

export async function createPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `tashil_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(PG_URL!);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export async function startTestApp(
  engine: Engine,
  opts: {
    demo?: boolean;
    config?: Partial<Config>;
    extraRoutes?: (app: FastifyInstance) => void;
    lifecycle?: Lifecycle;
    /** PostgreSQL: join this existing database (another instance's) instead of making one; it is not seeded or dropped */
    databaseUrl?: string;
  } = {},
): Promise<TestApp & { close(): Promise<void> }> {
  let drop = async () => {};
  let database: Database;
  let databaseUrl: string | undefined;
  if (engine === 'postgres' && opts.databaseUrl) {
    databaseUrl = opts.databaseUrl;
    database = await openDatabase({ databaseUrl });
  } else if (engine === 'postgres') {
    const created = await createPostgresDatabase();
    drop = created.drop;
    databaseUrl = created.url;
    database = await openDatabase({ databaseUrl });
  } else {
    database = await openDatabase({});
  }
  const clock = { now: new Date('2026-11-29T08:00:00.000Z') };
  if (!opts.databaseUrl) {
    await seedReference(database.db);
    if (opts.demo !== false) await seedDemo(database.db, clock.now);
  }
  const config = loadConfig({ TASHIL_DEMO: '1' } as NodeJS.ProcessEnv, { webDir: '/nonexistent', ...opts.config });
  const app = await buildApp({ database, config, now: () => clock.now, logger: false, ...(opts.extraRoutes ? { extraRoutes: opts.extraRoutes } : {}), ...(opts.lifecycle ? { lifecycle: opts.lifecycle } : {}) });
  await app.ready();
  const t: TestApp & { close(): Promise<void> } = {
    app,
    database,
    ...(databaseUrl ? { databaseUrl } : {}),
    config,
    engine,
    clock,
    anonymous: makeClient(app),
    async as(username, password = DEMO_PASSWORD) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'x-requested-with': 'tashil' },
        // each login comes from its own address so the per-address failure count stays out of the way
        remoteAddress: `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
        payload: { username, password },
      });
      if (res.statusCode !== 200) throw new Error(`login as ${username} failed: ${res.statusCode} ${res.body}`);
      const setCookie = [res.headers['set-cookie']].flat()[0] ?? '';
      return makeClient(app, setCookie.split(';')[0]);
    },
    async close() {
      await app.close();
      await database.close();
      await drop();
    },
  };
  return t;
}

/**
 * Runs the same suite on every engine: PGlite always; PostgreSQL when TASHIL_TEST_DATABASE_URL is set,
 * otherwise the suite shows as skipped.
 */
export function describeOnEngines(name: string, fn: (t: TestApp) => void, opts: { demo?: boolean; config?: Partial<Config> } = {}) {
  for (const engine of ENGINES) {
    describe.skipIf(engine === 'postgres' && !PG_URL)(`${name} [${engine}]`, () => {
      const holder = {} as TestApp & { close(): Promise<void> };
      beforeAll(async () => {
        Object.assign(holder, await startTestApp(engine, opts));
      }, 120_000);
      afterAll(async () => {
        await holder.close?.();
      });
      fn(holder);
    });
  }
}

/** A multipart body with one file part (`file` unless named), as a browser's FormData sends it. */
export async function multipartBody(filename: string, data: Buffer, field = 'file') {
  const form = new FormData();
  form.append(field, new Blob([new Uint8Array(data)]), filename);
  const req = new Request('http://localhost/', { method: 'POST', body: form });
  return { payload: Buffer.from(await req.arrayBuffer()), contentType: req.headers.get('content-type')! };
}

/** POSTs one file as multipart field `file`, with the client's cookie and CSRF header. */
export async function uploadFile(c: Client, url: string, filename: string, data: Buffer, headers: Record<string, string> = {}) {
  const { payload, contentType } = await multipartBody(filename, data);
  return c.request('POST', url, payload, { 'content-type': contentType, ...headers });
}

/** The working group's members, each signed in: the secretariat, the executive, two agencies, the demo producer and a bank. */
export interface WorkingGroup {
  sec: Client;
  exec: Client;
  smt: Client;
  tax: Client;
  producer: Client;
  bank: Client;
}

/** Creates the tax office's agency account `username` (the demo has none); a suite signs it in with `signInWorkingGroup`. */
export async function addTaxAgencyAccount(t: TestApp, username: string, fullName: string): Promise<void> {
  const admin = await t.as('admin');
  const made = await admin.post('/api/v1/users', { username, fullName, role: 'agency', agencyId: 'tax', password: 'a-long-password' });
  if (made.statusCode !== 201) throw new Error(`creating ${username}: ${made.statusCode} ${made.body}`);
}

/** Signs the working group in at the clock's time, the tax office as `taxUsername` (made by `addTaxAgencyAccount`). */
export async function signInWorkingGroup(t: TestApp, taxUsername: string): Promise<WorkingGroup> {
  return {
    sec: await t.as('secretariat'),
    exec: await t.as('executive'),
    smt: await t.as('agency.smt'),
    tax: await t.as(taxUsername, 'a-long-password'),
    producer: await t.as('producer.demo'),
    bank: await t.as('bank.sanat-madan'),
  };
}

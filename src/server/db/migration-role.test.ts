/** DATABASE_MIGRATION_URL: the owner migrates, the server serves as a role with data privileges only. */
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PG_URL } from '../test/harness.js';
import { appliedMigrationMillis, expectedMigration, openDatabase } from './client.js';

describe.skipIf(!PG_URL)('a serving role that cannot alter the schema [postgres]', () => {
  it('migrates as the owner, serves as the limited role, and the limited role cannot drop a trigger', async () => {
    const suffix = `${process.pid}_${randomBytes(3).toString('hex')}`;
    const dbName = `tashil_roles_${suffix}`;
    const owner = `tashil_owner_${suffix}`;
    const app = `tashil_app_${suffix}`;
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    const urlOf = (user: string) => Object.assign(new URL(PG_URL!), { pathname: `/${dbName}`, username: user, password: '' }).toString();
    try {
      await admin.query(`create role ${owner} login`);
      await admin.query(`create role ${app} login`);
      await admin.query(`create database ${dbName} owner ${owner}`);
      const inDb = new pg.Client({ connectionString: urlOf('postgres') });
      await inDb.connect();
      // what the README's Deployment section tells the operator to run
      await inDb.query(`create extension if not exists pg_trgm`);
      await inDb.query(`revoke create on schema public from public`);
      await inDb.query(`grant usage on schema public to ${app}`);
      await inDb.query(`alter default privileges for role ${owner} in schema public grant select, insert, update, delete on tables to ${app}`);
      await inDb.query(`alter default privileges for role ${owner} in schema public grant usage, select on sequences to ${app}`);
      await inDb.end();

      const database = await openDatabase({ databaseUrl: urlOf(app), migrationUrl: urlOf(owner) });
      try {
        const [who] = await database.query<{ u: string }>('select current_user as u');
        expect(who!.u).toBe(app);
        // readiness reads the migrations' record as the serving role
        expect(await appliedMigrationMillis(database)).toBe(expectedMigration().lastMillis);
        await database.query(`insert into login_throttle (key, failures, window_start, updated_at) values ('x', 0, now(), now())`);
        await expect(database.query('drop trigger audit_events_no_update on audit_events')).rejects.toThrow(/owner|permission/);
        await expect(database.query('alter table audit_events disable trigger all')).rejects.toThrow(/owner|permission/);
        await expect(database.query('drop table audit_events')).rejects.toThrow(/owner|permission/);
        await database.query(`insert into audit_events (actor_label, actor_kind, action, entity_type, entity_id) values ('t', 'user', 'test', 'user', 'x')`);
        await expect(database.query('delete from audit_events')).rejects.toThrow(/append-only/);
      } finally {
        await database.close();
      }
    } finally {
      await admin.query(`drop database if exists ${dbName} with (force)`);
      await admin.query(`drop role if exists ${owner}`);
      await admin.query(`drop role if exists ${app}`);
      await admin.end();
    }
  }, 120_000);
});

describe.skipIf(!PG_URL)('instances started together [postgres]', () => {
  it('migrate one after another: every migration applied once', async () => {
    const dbName = `tashil_race_${process.pid}_${randomBytes(3).toString('hex')}`;
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    const url = Object.assign(new URL(PG_URL!), { pathname: `/${dbName}` }).toString();
    try {
      await admin.query(`create database ${dbName}`);
      const opened = await Promise.all([openDatabase({ databaseUrl: url }), openDatabase({ databaseUrl: url }), openDatabase({ databaseUrl: url })]);
      try {
        const rows = await opened[0]!.query<{ n: number; distinct_n: number }>('select count(*)::int as n, count(distinct hash)::int as distinct_n from drizzle.__drizzle_migrations');
        expect(rows[0]).toEqual({ n: expectedMigration().count, distinct_n: expectedMigration().count });
      } finally {
        await Promise.all(opened.map((d) => d.close()));
      }
    } finally {
      await admin.query(`drop database if exists ${dbName} with (force)`);
      await admin.end();
    }
  }, 120_000);
});

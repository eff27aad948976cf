import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './client.js';
import { MAX_NAMED_STATEMENTS, StatementNames, statementNames } from './statement-names.js';

const PG_URL = process.env.TASHIL_TEST_DATABASE_URL;

describe('statement names', () => {
  it('name a single select, insert, update, delete or with by its text, the same text always the same name', () => {
    const names = new StatementNames();
    const select = 'select "id" from "referrals" where "referrals"."province_id" = $1 limit $2';
    const name = names.nameOf(select);
    expect(name).toMatch(/^t_[0-9a-f]{24}$/);
    expect(names.nameOf(select)).toBe(name);
    // another process (or instance) names the text alike: a hash of it
    expect(new StatementNames().nameOf(select)).toBe(name);
    expect(names.nameOf(select.replace('$2', '$3'))).not.toBe(name);
    for (const text of ['insert into t (a) values ($1)', 'update t set a = $1', 'delete from t where a = $1', 'with x as (select 1) select * from x', '(select 1) union all (select 2)', '  SELECT 1'])
      expect(names.nameOf(text), text).toBeDefined();
  });

  it('leave what cannot or should not be prepared unnamed: batches, several statements, transaction control, DDL, settings', () => {
    const names = new StatementNames();
    const batch = `insert into t (a) values ${Array.from({ length: 100 }, (_, i) => `($${i + 1})`).join(', ')}`;
    for (const text of [batch, 'begin', 'commit', 'rollback', 'create table t (a int)', 'set local statement_timeout = 1000', 'deallocate all', "select pg_sleep(0.1); insert into t values (1)", 'listen x', 'vacuum t'])
      expect(names.nameOf(text), text).toBeUndefined();
    expect(names.size).toBe(0);
  });

  it('name at most so many distinct texts, then run the rest unnamed (each stays prepared on every connection)', () => {
    const names = new StatementNames(3);
    expect(['select 1', 'select 2', 'select 3'].map((t) => names.nameOf(t)).every(Boolean)).toBe(true);
    expect(names.nameOf('select 4')).toBeUndefined();
    // the named ones keep their names
    expect(names.nameOf('select 2')).toBeDefined();
    expect(statementNames.max).toBe(MAX_NAMED_STATEMENTS);
  });
});

describe.skipIf(!PG_URL)('statements on PostgreSQL [postgres]', () => {
  const prepared = async (run: (text: string, params: unknown[]) => Promise<unknown>) =>
    (await run('select name, statement, (custom_plans + generic_plans)::int as runs from pg_prepared_statements order by name', [])) as { name: string; statement: string; runs: number }[];

  it('are prepared once on a connection under their name and run from it after, in a transaction and through the pool', async () => {
    const database = await openDatabase({ databaseUrl: PG_URL!, migrate: false, poolMax: 1 });
    try {
      // drizzle inside a transaction (the connection's own query)
      const inTx = await database.db.transaction(async (tx) => {
        for (let i = 0; i < 3; i++) await tx.execute(sql`select ${i}::int + 1 as n`);
        return ((await tx.execute(sql.raw('select name, statement, (custom_plans + generic_plans)::int as runs from pg_prepared_statements'))) as unknown as { rows: { name: string; statement: string; runs: number }[] }).rows;
      });
      const text = 'select $1::int + 1 as n';
      expect(inTx).toContainEqual({ name: statementNames.nameOf(text), statement: text, runs: 3 });
      // a raw query through the pool (pg-pool's callback-style call), on the pool's one connection
      for (let i = 0; i < 4; i++) expect(await database.query<{ n: number }>('select $1::int * 2 as n', [i])).toEqual([{ n: i * 2 }]);
      const all = await prepared((t, p) => database.query(t, p));
      expect(all).toContainEqual({ name: statementNames.nameOf('select $1::int * 2 as n'), statement: 'select $1::int * 2 as n', runs: 4 });
      // the catalog query itself is a select: named too, and every name is one of ours
      expect(all.every((s) => s.name === statementNames.nameOf(s.statement))).toBe(true);
    } finally {
      await database.close();
    }
  });

  it('a name the server lost fails that one call, and the next parses it again on the same connection', async () => {
    const database = await openDatabase({ databaseUrl: PG_URL!, migrate: false, poolMax: 1 });
    // checked out, as a transaction holds it (through the pool, a failed call's connection is replaced anyway)
    const client = await database.pool!.connect();
    try {
      const text = 'select $1::text as word';
      expect((await client.query(text, ['first'])).rows).toEqual([{ word: 'first' }]);
      await client.query('deallocate all');
      await expect(client.query(text, ['second'])).rejects.toMatchObject({ code: '26000' });
      expect((await client.query(text, ['third'])).rows).toEqual([{ word: 'third' }]);
      expect((await client.query({ text, values: ['fourth'] })).rows).toEqual([{ word: 'fourth' }]);
    } finally {
      client.release();
      await database.close();
    }
  });
});

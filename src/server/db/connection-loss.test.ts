import { expect, it } from 'vitest';
import { describe } from 'vitest';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { openDatabase } from './client.js';

const PG_URL = process.env.TASHIL_TEST_DATABASE_URL;

describe.skipIf(!PG_URL)('a database connection lost while checked out [postgres]', () => {
  it('fails the transaction that holds it, and the process goes on (a failover resets every connection)', async () => {
    const database = await openDatabase({ databaseUrl: PG_URL!, migrate: false });
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    try {
      const outcome = await database.db
        .transaction(async (tx) => {
          const res = (await tx.execute(sql`select pg_backend_pid() as pid`)) as unknown as { rows: { pid: number }[] };
          await admin.query('select pg_terminate_backend($1)', [res.rows[0]!.pid]);
          // the connection dies while this transaction holds it between statements
          await new Promise((r) => setTimeout(r, 300));
          await tx.execute(sql`select 1`);
        })
        .then(() => 'committed', () => 'failed');
      expect(outcome).toBe('failed');
      // the pool gives a fresh connection to the next caller
      expect(await database.query<{ n: number }>('select 1 as n')).toEqual([{ n: 1 }]);
    } finally {
      await admin.end();
      await database.close();
    }
  });
});

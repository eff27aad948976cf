import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './client.js';

const PG_URL = process.env.TASHIL_TEST_DATABASE_URL;

describe.skipIf(!PG_URL)('statements sent together inside a transaction [postgres]', () => {
  it('run one after another, in the order sent, without pg queueing them (its deprecation warning)', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.message);
    process.on('warning', onWarning);
    const database = await openDatabase({ databaseUrl: PG_URL!, migrate: false });
    try {
      const order: number[] = [];
      const results = await database.db.transaction(async (tx) => {
        await tx.execute(sql`create temporary table sent_together (n int) on commit drop`);
        return Promise.all(
          [1, 2, 3, 4, 5].map(async (n) => {
            // the first waits longest: were they run at once, the order would be reversed
            await tx.execute(sql`select pg_sleep(${(6 - n) * 0.02}); insert into sent_together values (${n})`.inlineParams());
            order.push(n);
            return (await tx.execute(sql`select count(*)::int as c from sent_together`)) as unknown as { rows: { c: number }[] };
          }),
        );
      });
      expect(order).toEqual([1, 2, 3, 4, 5]);
      expect(results).toHaveLength(5);
      await new Promise((r) => setImmediate(r));
      expect(warnings.filter((m) => /already executing a query/.test(m))).toEqual([]);
    } finally {
      process.off('warning', onWarning);
      await database.close();
    }
  });
});

import { getTableName, is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { expect, it } from 'vitest';
import * as schema from './schema.js';
import { isTrailTableName, TRAIL_TABLES } from './trails.js';
import { describeOnEngines } from '../test/harness.js';

const schemaTables = Object.values(schema)
  .filter((v) => is(v, PgTable))
  .map((t) => getTableName(t as PgTable));

it('lists every trail table of the schema (and nothing else)', () => {
  expect(schemaTables.length).toBeGreaterThan(20);
  expect([...TRAIL_TABLES].sort()).toEqual(schemaTables.filter(isTrailTableName).sort());
});

describeOnEngines('trails are append-only', (t) => {
  it.each(TRAIL_TABLES)('%s refuses UPDATE, DELETE and TRUNCATE', async (table) => {
    const db = t.database;
    // a row to try the row triggers on: the demo data fills most trails; a follow-up is written here when it does not
    const [{ n }] = (await db.query<{ n: number }>(`select count(*)::int as n from ${table}`)) as [{ n: number }];
    if (n === 0) {
      const admin = await t.as('admin');
      if (table === 'referral_followups') {
        const ref = (await admin.get('/api/v1/referrals?pageSize=1')).json().items[0];
        expect((await admin.post(`/api/v1/referrals/${ref.id}/followups`, { note: 'پیگیری برای آزمون' })).statusCode).toBe(201);
      } else if (table === 'demand_followups') {
        const d = (await admin.get('/api/v1/demands?pageSize=1')).json().items[0];
        expect((await admin.post(`/api/v1/demands/${d.id}/followups`, { note: 'پیگیری برای آزمون' })).statusCode).toBe(201);
      } else if (table === 'resolution_followups') {
        const r = (await admin.get('/api/v1/resolutions?pageSize=1')).json().items[0];
        expect((await admin.post(`/api/v1/resolutions/${r.id}/followups`, { note: 'پیگیری برای آزمون' })).statusCode).toBe(201);
      }
    }
    const [{ n: rows }] = (await db.query<{ n: number }>(`select count(*)::int as n from ${table}`)) as [{ n: number }];
    expect(rows, `${table} needs a row to try`).toBeGreaterThan(0);
    const firstCol = (await db.query<{ column_name: string }>(
      `select column_name from information_schema.columns where table_name = $1 and table_schema = 'public' order by ordinal_position limit 1`,
      [table],
    ))[0]!.column_name;
    await expect(db.query(`update ${table} set ${firstCol} = ${firstCol}`), `UPDATE ${table}`).rejects.toThrow(/append-only/);
    await expect(db.query(`delete from ${table}`), `DELETE ${table}`).rejects.toThrow(/append-only/);
    await expect(db.query(`truncate ${table} cascade`), `TRUNCATE ${table}`).rejects.toThrow(/append-only/);
  });
});

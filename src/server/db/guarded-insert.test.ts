import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { describeOnEngines } from '../test/harness.js';
import { insertWhereFound, rowOf } from './guarded-insert.js';
import { auditEvents, referralFollowups, referrals } from './schema.js';

describeOnEngines('rows written with a record, in one statement, only when it is found', (t) => {
  it('writes every row, values as drizzle writes them, when the guard finds the record; none when it does not', async () => {
    const { db } = t.database;
    const [referral] = await db.select({ id: referrals.id, provinceId: referrals.provinceId }).from(referrals).limit(1);
    const at = new Date('2026-12-06T10:11:12.345Z');
    const followup = (id: string) => ({
      id: randomUUID(),
      referralId: id,
      provinceId: referral!.provinceId,
      note: 'پیگیری «آزمون»\nدو خط',
      actorId: null,
      actorName: 'آزمون',
      actorRole: 'secretariat',
      actorLabel: 'test',
      agencyId: null,
      bankId: 'melli',
      createdAt: at,
    });
    const audit = (entityId: string) => ({ at, provinceId: referral!.provinceId, actorId: null, actorLabel: 'test', actorKind: 'user', action: 'referral.followup', entityType: 'referral', entityId, before: null, after: { n: 1n.toString(), nested: { ok: true }, list: [1, 'دو'] }, requestId: null, ip: '10.0.0.1' });
    const guard = (id: string) => sql`select 1 from ${referrals} where ${eq(referrals.id, id)}`;

    const found = followup(referral!.id);
    expect(await insertWhereFound(db, guard(referral!.id), [rowOf(referralFollowups, found), rowOf(auditEvents, audit(found.id))])).toBe(true);
    const [stored] = await db.select().from(referralFollowups).where(eq(referralFollowups.id, found.id));
    expect(stored).toEqual(found);
    const [entry] = await db.select().from(auditEvents).where(eq(auditEvents.entityId, found.id));
    expect(entry).toMatchObject({ ...audit(found.id), id: expect.anything() });

    // a referral that is not there: neither row (the audit entry would have no foreign key to stop it)
    const missing = randomUUID();
    const lost = followup(missing);
    expect(await insertWhereFound(db, guard(missing), [rowOf(referralFollowups, lost), rowOf(auditEvents, audit(lost.id))])).toBe(false);
    expect(await db.select().from(referralFollowups).where(eq(referralFollowups.id, lost.id))).toEqual([]);
    expect(await db.select().from(auditEvents).where(eq(auditEvents.entityId, lost.id))).toEqual([]);
  });
});

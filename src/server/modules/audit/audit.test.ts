import { expect, it } from 'vitest';
import { describeOnEngines } from '../../test/harness.js';
import { addDays, tehranDate } from '../../../shared/jalali.js';

describeOnEngines('audit trail filters and export', (t) => {
  it('filters by actor and by Tehran days, pages, and exports the same rows as csv or xlsx', async () => {
    const admin = await t.as('admin');
    const me = (await admin.get('/api/v1/auth/me')).json() as { id: string; username: string; fullName: string };
    const created = await admin.post('/api/v1/users', { username: 'audit.subject', fullName: 'کاربر ممیزی', role: 'executive', password: 'a long enough password', provinceId: 'qom' });
    expect(created.statusCode).toBe(201);
    const today = tehranDate(t.clock.now);
    const mine = (await admin.get(`/api/v1/audit?actorId=${me.id}&from=${today}&to=${today}&pageSize=5`)).json();
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((e: { actorId: string }) => e.actorId === me.id)).toBe(true);
    // a person reads who acted by their full name; the account stays beside it
    expect(me.fullName).not.toBe(me.username);
    expect(mine.items[0]).toMatchObject({ actorName: me.fullName, actorLabel: me.username });
    expect(mine.items.map((e: { action: string }) => e.action)).toContain('user.create');
    expect(mine.pageSize).toBe(5);
    const tomorrow = addDays(today, 1);
    expect((await admin.get(`/api/v1/audit?actorId=${me.id}&from=${tomorrow}`)).json().total).toBe(0);
    expect((await admin.get(`/api/v1/audit?from=${tomorrow}&to=${today}`)).json().total).toBe(0);

    const csv = await admin.get(`/api/v1/audit/export?format=csv&actorId=${me.id}&from=${today}`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body).toContain('user.create');
    expect(csv.body).toContain(me.fullName);
    expect(csv.body).not.toContain('passwordHash');
    const xlsx = await admin.get('/api/v1/audit/export?format=xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it("keeps the secretariat to its own province's events, in the list and the export", async () => {
    const secretariat = await t.as('secretariat');
    const list = (await secretariat.get('/api/v1/audit?pageSize=500')).json();
    expect(list.items.every((e: { provinceId: string | null }) => e.provinceId === 'qom')).toBe(true);
    const csv = await secretariat.get('/api/v1/audit/export?format=csv');
    expect(csv.statusCode).toBe(200);
    expect((await (await t.as('executive')).get('/api/v1/audit/export')).statusCode).toBe(403);
  });
});

import { expect, it } from 'vitest';
import { describeOnEngines } from '../../test/harness.js';

describeOnEngines('users', (t) => {
  it('creates a user with a scope, audits it, and never returns the password hash', async () => {
    const admin = await t.as('admin');
    const res = await admin.post('/api/v1/users', { username: 'Agency.Tax', fullName: 'کارشناس امور مالیاتی', role: 'agency', agencyId: 'tax', password: 'a-long-password' });
    expect(res.statusCode).toBe(201);
    const user = res.json();
    expect(user).toMatchObject({ username: 'agency.tax', role: 'agency', agencyId: 'tax', provinceId: 'qom', bankId: null, disabled: false, version: 1 });
    expect(JSON.stringify(user)).not.toMatch(/argon|passwordHash/);
    const audit = await admin.get(`/api/v1/audit?entityType=user&entityId=${user.id}`);
    expect(audit.json().items[0]).toMatchObject({ action: 'user.create', actorLabel: 'admin' });
    expect(JSON.stringify(audit.json())).not.toContain('argon2');
  });

  it('refuses a duplicate username with 409, a short password and a missing scope with 422, and writes nothing', async () => {
    const admin = await t.as('admin');
    const before = (await admin.get('/api/v1/users?pageSize=1')).json().total;
    const dup = await admin.post('/api/v1/users', { username: 'secretariat', fullName: 'x', role: 'secretariat', password: 'a-long-password' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('record.duplicate');
    const short = await admin.post('/api/v1/users', { username: 'short.pw', fullName: 'x', role: 'executive', password: 'short' });
    expect(short.statusCode).toBe(422);
    expect(short.json().errors).toContainEqual({ path: 'password', message: 'گذرواژه باید دست‌کم ۱۰ نویسه باشد' });
    const noBank = await admin.post('/api/v1/users', { username: 'bank.x', fullName: 'x', role: 'bank', password: 'a-long-password' });
    expect(noBank.statusCode).toBe(422);
    expect(noBank.json().errors[0].path).toBe('bankId');
    const unknownAgency = await admin.post('/api/v1/users', { username: 'agency.x', fullName: 'x', role: 'agency', agencyId: 'nope', password: 'a-long-password' });
    expect(unknownAgency.statusCode).toBe(422);
    expect((await admin.get('/api/v1/users?pageSize=1')).json().total).toBe(before);
  });

  it('checks the version on update: stale body → 409 with the current record, stale If-Match → 412, none → 428', async () => {
    const admin = await t.as('admin');
    const u = (await admin.post('/api/v1/users', { username: 'ver.user', fullName: 'نسخه', role: 'executive', password: 'a-long-password' })).json();
    const first = await admin.patch(`/api/v1/users/${u.id}`, { version: 1, fullName: 'نسخهٔ دوم' });
    expect(first.statusCode).toBe(200);
    expect(first.json().version).toBe(2);
    const stale = await admin.patch(`/api/v1/users/${u.id}`, { version: 1, fullName: 'دیر رسیده' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'record.stale', current: { version: 2, fullName: 'نسخهٔ دوم' } });
    const staleMatch = await admin.patch(`/api/v1/users/${u.id}`, { fullName: 'دیر' }, { 'if-match': '"1"' });
    expect(staleMatch.statusCode).toBe(412);
    const goodMatch = await admin.patch(`/api/v1/users/${u.id}`, { fullName: 'سوم' }, { 'if-match': '"2"' });
    expect(goodMatch.statusCode).toBe(200);
    expect((await admin.patch(`/api/v1/users/${u.id}`, { fullName: 'بی‌نسخه' })).statusCode).toBe(428);
    expect((await admin.patch(`/api/v1/users/00000000-0000-4000-8000-000000000000`, { version: 1 })).statusCode).toBe(404);
  });

  it('lists users with filters and pagination', async () => {
    const admin = await t.as('admin');
    const res = await admin.get('/api/v1/users?role=bank&pageSize=500');
    expect(res.statusCode).toBe(200);
    expect(res.json().items.every((u: { role: string }) => u.role === 'bank')).toBe(true);
    expect((await admin.get('/api/v1/users?pageSize=501')).statusCode).toBe(422);
  });
});

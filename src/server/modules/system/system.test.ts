import { expect, it } from 'vitest';
import { describeOnEngines } from '../../test/harness.js';

describeOnEngines('system', (t) => {
  it('answers health with the engine', async () => {
    const res = await t.anonymous.get('/api/v1/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: t.engine, version: t.config.version });
  });

  it('publishes an OpenAPI document that lists the contract', async () => {
    const res = await t.anonymous.get('/api/v1/openapi.json');
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json().paths);
    for (const p of ['/api/v1/health', '/api/v1/auth/login', '/api/v1/units', '/api/v1/units/{id}', '/api/v1/users', '/api/v1/tokens', '/api/v1/audit', '/api/v1/banks'])
      expect(paths).toContain(p);
    expect((await t.anonymous.get('/api/docs/')).statusCode).toBe(200);
  });

  it('lists demo accounts in meta while demo mode is on', async () => {
    const meta = (await t.anonymous.get('/api/v1/meta')).json();
    expect(meta.demo).toBe(true);
    expect(meta.demoAccounts.map((a: { username: string }) => a.username)).toContain('secretariat');
  });

  it('answers problem+json for malformed JSON and unknown routes, in Persian or English', async () => {
    const c = await t.as('admin');
    const bad = await c.request('POST', '/api/v1/users', '{"username": ', { 'content-type': 'application/json' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('request.malformed');
    const none = await c.get('/api/v1/nothing-here', { 'accept-language': 'en-US,en;q=0.9' });
    expect(none.statusCode).toBe(404);
    expect(none.json()).toMatchObject({ code: 'route.not_found', title: 'No such route' });
  });

  it('names every bad field of a body in the caller language', async () => {
    const c = await t.as('admin');
    const res = await c.post('/api/v1/users', { username: 'ok.name', fullName: 'x'.repeat(300), role: 'emperor', password: 123, extra: true }, { 'accept-language': 'en' });
    expect(res.statusCode).toBe(422);
    const paths = res.json().errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['fullName', 'role', 'password', 'extra']));
    const fa = await c.post('/api/v1/users', { username: 'ok.name', fullName: 'x', role: 'emperor', password: 'long-enough-pw' });
    expect(fa.json().errors[0].message).toMatch(/[\u0600-\u06FF]/);
  });

  it('keeps the audit trail append-only in the database itself', async () => {
    await expect(t.database.query('update audit_events set action = $1', ['tampered'])).rejects.toThrow(/append-only/);
    await expect(t.database.query('delete from audit_events')).rejects.toThrow(/append-only/);
  });

  it('serves reference data to everyone logged in, counties of their own province', async () => {
    const producer = await t.as('producer.demo');
    const counties = (await producer.get('/api/v1/counties')).json().items;
    expect(counties.map((c: { code: string }) => c.code).sort()).toEqual(['jafarabad', 'kahak', 'qom']);
    for (const path of ['provinces', 'estates', 'sectors', 'agencies', 'banks', 'programs', 'obstacle-categories', 'rejection-reasons']) {
      const res = await producer.get(`/api/v1/${path}`);
      expect(res.statusCode, path).toBe(200);
      expect(res.json().items.length, path).toBeGreaterThan(2);
      expect(res.json().items[0]).toHaveProperty('nameEn');
    }
  });

  it('counts the home page within the caller scope', async () => {
    const sec = (await (await t.as('secretariat')).get('/api/v1/stats/home')).json();
    expect(sec.units).toBe(220);
    expect(sec.users).toBe(10); // the demo's Qom accounts (6; the national account has no province) and the 4 producers whose claims it holds
    expect(sec.fiscalYear).toBe(1405);
    const producer = (await (await t.as('producer.demo')).get('/api/v1/stats/home')).json();
    expect(producer.units).toBe(1);
    expect(producer.users).toBeNull();
  });
});

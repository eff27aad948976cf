import { expect, it } from 'vitest';
import { describeOnEngines, makeClient } from '../../test/harness.js';

describeOnEngines('auth', (t) => {
  const login = (username: string, password: string, remoteAddress = '10.0.0.1', headers: Record<string, string> = { 'x-requested-with': 'tashil' }) =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers, remoteAddress, payload: { username, password } });

  it('logs in every demo account and answers /auth/me', async () => {
    for (const username of ['admin', 'secretariat', 'executive', 'national', 'agency.smt', 'bank.sanat-madan', 'producer.demo']) {
      const c = await t.as(username);
      const me = await c.get('/api/v1/auth/me');
      expect(me.statusCode).toBe(200);
      expect(me.json().username).toBe(username);
    }
    const bank = await t.as('bank.sanat-madan');
    expect((await bank.get('/api/v1/auth/me')).json()).toMatchObject({ role: 'bank', bankId: 'sanat-madan', provinceId: 'qom', agencyId: null });
  });

  it('sets an httpOnly SameSite=Lax cookie', async () => {
    const res = await login('secretariat', 'tashil-demo', '10.0.0.2');
    const cookie = [res.headers['set-cookie']].flat()[0]!;
    expect(cookie).toMatch(/^tashil_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });

  it('gives the same 401 for an unknown user and a wrong password', async () => {
    const unknown = await login('nobody-here', 'whatever-password', '10.0.1.1');
    const wrong = await login('executive', 'wrong-password', '10.0.1.2');
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
    expect(unknown.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(unknown.json().title).toBe('نام کاربری یا گذرواژه نادرست است');
  });

  it('answers 429 with Retry-After on the sixth failure for one account from one address; the window passes', async () => {
    for (let i = 1; i <= 5; i++) expect((await login('national', 'bad-password', '10.0.2.1')).statusCode).toBe(401);
    const sixth = await login('national', 'tashil-demo', '10.0.2.1');
    expect(sixth.statusCode).toBe(429);
    expect(sixth.json().code).toBe('auth.rate_limited');
    expect(Number(sixth.headers['retry-after'])).toBeGreaterThan(0);
    // the owner from another address is not held up by these five
    expect((await login('national', 'tashil-demo', '10.0.2.100')).statusCode).toBe(200);
    // the delay passes
    t.clock.now = new Date(t.clock.now.getTime() + 16 * 60_000);
    expect((await login('national', 'tashil-demo', '10.0.2.1')).statusCode).toBe(200);
  });

  it('never counts successes: fifty logins from one office address all pass', async () => {
    for (let i = 0; i < 50; i++) expect((await login('executive', 'tashil-demo', '10.0.3.1')).statusCode).toBe(200);
  });

  it('refuses a cookie mutation without X-Requested-With, with 403', async () => {
    const c = await t.as('admin');
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: { cookie: c.cookie! }, payload: {} });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('auth.csrf');
    expect((await login('admin', 'tashil-demo', '10.0.4.1', {})).statusCode).toBe(403);
  });

  it('ends the session at logout', async () => {
    const c = await t.as('executive');
    expect((await c.post('/api/v1/auth/logout')).statusCode).toBe(204);
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('ends the session after the idle timeout', async () => {
    const c = await t.as('executive');
    t.clock.now = new Date(t.clock.now.getTime() + (t.config.sessionIdleMinutes + 1) * 60_000);
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(401);
  });

  it("stops a disabled user's session at once", async () => {
    const admin = await t.as('admin');
    const created = await admin.post('/api/v1/users', { username: 'temp.officer', fullName: 'کارشناس موقت', role: 'executive', password: 'یک گذرواژهٔ بلند فارسی' });
    expect(created.statusCode).toBe(201);
    const officer = await t.as('temp.officer', 'یک گذرواژهٔ بلند فارسی');
    expect((await officer.get('/api/v1/auth/me')).statusCode).toBe(200);
    const disabled = await admin.patch(`/api/v1/users/${created.json().id}`, { version: created.json().version, disabled: true });
    expect(disabled.statusCode).toBe(200);
    expect((await officer.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect((await login('temp.officer', 'یک گذرواژهٔ بلند فارسی', '10.0.5.1')).statusCode).toBe(401);
  });

  it('accepts integration tokens as Bearer and stops them when revoked', async () => {
    const admin = await t.as('admin');
    const created = await admin.post('/api/v1/tokens', { name: 'core banking', role: 'bank', bankId: 'melli' });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json();
    expect(token).toMatch(/^tsl_/);
    const bearer = makeClient(t.app, undefined, { authorization: `Bearer ${token}` });
    expect((await bearer.get('/api/v1/auth/me')).json()).toMatchObject({ role: 'bank', bankId: 'melli' });
    // a bearer mutation needs no CSRF header
    const listed = await admin.get('/api/v1/tokens');
    expect(JSON.stringify(listed.json())).not.toContain(token);
    expect((await admin.del(`/api/v1/tokens/${id}`)).statusCode).toBe(204);
    expect((await bearer.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect((await makeClient(t.app, undefined, { authorization: 'Bearer tsl_forged' }).get('/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('refuses a token for a role other than bank or agency, or without its scope', async () => {
    const admin = await t.as('admin');
    expect((await admin.post('/api/v1/tokens', { name: 'x', role: 'admin' })).statusCode).toBe(422);
    const noBank = await admin.post('/api/v1/tokens', { name: 'x', role: 'bank' });
    expect(noBank.statusCode).toBe(422);
    expect(noBank.json().code).toBe('user.scope_invalid');
  });
});

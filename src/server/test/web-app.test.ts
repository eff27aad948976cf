/**
 * The built web app as the server hands it out (issue 15, a lighter first load): the .br/.gz files the build writes
 * beside each asset travel as the browser accepts them, hashed assets are cached for a year, index.html never.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from './harness.js';

const SCRIPT = `console.log(${JSON.stringify('سامانه تسهیل '.repeat(40))});`;
const HTML = '<!doctype html><html lang="fa" dir="rtl"><body><div id="root"></div></body></html>';

describe('the web app on the wire', () => {
  const webDir = mkdtempSync(path.join(os.tmpdir(), 'tashil-web-'));
  let t: Awaited<ReturnType<typeof startTestApp>>;

  beforeAll(async () => {
    mkdirSync(path.join(webDir, 'assets'));
    for (const [name, body] of [['index.html', HTML], ['assets/index-abc123.js', SCRIPT]] as const) {
      writeFileSync(path.join(webDir, name), body);
      writeFileSync(path.join(webDir, `${name}.br`), brotliCompressSync(body));
      writeFileSync(path.join(webDir, `${name}.gz`), gzipSync(body));
    }
    t = await startTestApp('pglite', { demo: false, config: { webDir } });
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    rmSync(webDir, { recursive: true, force: true });
  });

  it('sends the security headers with the page and with every API answer, the policy the same each time', async () => {
    const answers = [await t.app.inject({ url: '/' }), await t.app.inject({ url: '/api/v1/health/live' }), await t.app.inject({ url: '/api/v1/referrals' })];
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 401]);
    for (const a of answers) {
      expect(a.headers['content-security-policy']).toBe(
        "default-src 'self';base-uri 'self';font-src 'self' data:;form-action 'self';frame-ancestors 'none';img-src 'self' data: blob:;object-src 'none';script-src 'self';script-src-attr 'none';style-src 'self' 'unsafe-inline';connect-src 'self'",
      );
      expect(a.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'SAMEORIGIN', 'referrer-policy': 'no-referrer', 'cross-origin-opener-policy': 'same-origin' });
      // HSTS only when told the installation is behind HTTPS (TASHIL_HSTS)
      expect(a.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('sends a script as brotli, else gzip, else as it is, and caches it for a year', async () => {
    const br = await t.app.inject({ url: '/assets/index-abc123.js', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers['vary']).toMatch(/accept-encoding/i);
    expect(br.rawPayload.length).toBeLessThan(Buffer.byteLength(SCRIPT) / 4);

    const gz = await t.app.inject({ url: '/assets/index-abc123.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');

    const plain = await t.app.inject({ url: '/assets/index-abc123.js', headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(SCRIPT);
  });

  it('sends index.html compressed and never cached, at the root and for a client-side route', async () => {
    for (const url of ['/', '/stats/overview']) {
      const res = await t.app.inject({ url, headers: { 'accept-encoding': 'br' } });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-encoding'], url).toBe('br');
      expect(res.headers['content-type'], url).toMatch(/text\/html/);
      expect(res.headers['cache-control'], url).toBe('no-cache');
    }
  });

  it('answers a missing asset with 404, not the app', async () => {
    const res = await t.app.inject({ url: '/assets/gone-000000.js', headers: { 'accept-encoding': 'br' } });
    expect(res.statusCode).toBe(404);
  });
});

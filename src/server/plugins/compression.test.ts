/** API answers are compressed as the client allows and decode to the same JSON; downloads and static files are not. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { describeOnEngines, startTestApp } from '../test/harness.js';
import { castOf, refer, upload } from '../modules/referrals/referrals.test-helpers.js';

describeOnEngines('compression', (t) => {
  it('compresses a JSON list with brotli or gzip per Accept-Encoding, in one call up to 64 KiB and as a stream above; each decodes to the same JSON', async () => {
    const c = await t.as('secretariat');
    const sizes: number[] = [];
    for (const url of ['/api/v1/units?pageSize=10', '/api/v1/units?pageSize=50', '/api/v1/referrals?pageSize=100']) {
      const plain = await c.get(url);
      expect(plain.statusCode, url).toBe(200);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.rawPayload.length).toBeGreaterThan(1024);
      sizes.push(plain.rawPayload.length);
      const br = await c.get(url, { 'accept-encoding': 'br, gzip' });
      expect(br.headers['content-encoding'], url).toBe('br');
      expect(br.headers.vary).toMatch(/accept-encoding/i);
      expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
      expect(JSON.parse(brotliDecompressSync(br.rawPayload).toString('utf8'))).toEqual(plain.json());
      const gz = await c.get(url, { 'accept-encoding': 'gzip' });
      expect(gz.headers['content-encoding'], url).toBe('gzip');
      expect(JSON.parse(gunzipSync(gz.rawPayload).toString('utf8'))).toEqual(plain.json());
    }
    // both ways of compressing were taken: below 64 KiB in one call, above it through a stream
    expect(Math.min(...sizes)).toBeLessThan(64 * 1024);
    expect(Math.max(...sizes)).toBeGreaterThan(64 * 1024);
  });

  it('leaves small answers as they are (below the threshold)', async () => {
    const res = await t.anonymous.get('/api/v1/health/live', { 'accept-encoding': 'gzip' });
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('sends downloads as stored: an attachment keeps its bytes and length, a CSV export is not re-encoded', async () => {
    const cast = await castOf(t);
    const r = await refer(cast.agency, cast.unitId);
    // a text-like PDF: compressible bytes, which must still go as stored
    const pdf = Buffer.from(`%PDF-1.4\n${'سطر نامه '.repeat(2000)}\n%%EOF`);
    const att = await upload(cast.secretariat, `/api/v1/referrals/${r.id}/attachments`, 'letter.pdf', pdf);
    expect(att.statusCode, att.body).toBe(201);
    const dl = await cast.secretariat.get(`/api/v1/referrals/${r.id}/attachments/${att.json().id}`, { 'accept-encoding': 'br, gzip' });
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-encoding']).toBeUndefined();
    expect(dl.headers['content-length']).toBe(String(pdf.length));
    expect(dl.rawPayload.equals(pdf)).toBe(true);

    const csv = await cast.secretariat.get('/api/v1/units/export?format=csv', { 'accept-encoding': 'gzip' });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-disposition']).toMatch(/attachment/);
    expect(csv.headers['content-encoding']).toBeUndefined();
    const xlsx = await cast.secretariat.get('/api/v1/units/export', { 'accept-encoding': 'gzip' });
    expect(xlsx.headers['content-encoding']).toBeUndefined();
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});

describe('compression outside the API', () => {
  it('does not touch the web app files or /metrics', async () => {
    const webDir = mkdtempSync(path.join(os.tmpdir(), 'tashil-web-'));
    writeFileSync(path.join(webDir, 'index.html'), `<!doctype html><html><body>${'<p>تسهیل</p>'.repeat(500)}</body></html>`);
    const t = await startTestApp('pglite', { demo: false, config: { webDir } });
    try {
      const page = await t.app.inject({ method: 'GET', url: '/units', headers: { 'accept-encoding': 'gzip, br' } });
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-encoding']).toBeUndefined();
      expect(page.body).toContain('تسهیل');
      const metrics = await t.app.inject({ method: 'GET', url: '/metrics', headers: { 'accept-encoding': 'gzip' } });
      expect(metrics.headers['content-encoding']).toBeUndefined();
    } finally {
      await t.close();
      rmSync(webDir, { recursive: true, force: true });
    }
  }, 120_000);
});

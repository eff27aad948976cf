/** /metrics: Prometheus text for a scraper on this machine or with the token; nobody else. */
import { describe, expect, it } from 'vitest';
import { describeOnEngines, startTestApp } from '../test/harness.js';
import { PERMISSIONS } from '../access/permissions.js';

describeOnEngines('metrics', (t) => {
  it('serves Prometheus text to this machine: durations by route pattern and status, pools, queues, SMS, process', async () => {
    const admin = await t.as('admin');
    const units = (await admin.get('/api/v1/units?pageSize=1')).json();
    await admin.get(`/api/v1/units/${units.items[0].id}`);
    await admin.get('/api/v1/units/6f1c1d2e-0000-4000-8000-000000000001'); // 404 under the same pattern
    const res = await t.app.inject({ method: 'GET', url: '/metrics' }); // light-my-request's peer is 127.0.0.1
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = res.body;
    expect(text).toMatch(/tashil_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/units\/:id",status_code="200"\} 1/);
    expect(text).toMatch(/tashil_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/units\/:id",status_code="404"\} 1/);
    expect(text).not.toContain(units.items[0].id); // never the raw URL
    if (t.engine === 'postgres') {
      expect(text).toMatch(/tashil_db_pool_connections\{pool="primary",state="total"\} \d+/);
      expect(text).toMatch(/tashil_db_pool_connections\{pool="primary",state="in_use"\} \d+/);
      expect(text).toMatch(/tashil_db_pool_waiting_requests\{pool="primary"\} 0/);
    } else {
      expect(text).toMatch(/tashil_db_pool_connections\{pool="embedded",state="total"\} 1/);
    }
    expect(text).toMatch(/tashil_job_queue_depth\{queue="sms"\} \d+/);
    expect(text).toMatch(/tashil_job_queue_depth\{queue="notifications"\} \d+/);
    expect(text).toMatch(/tashil_sms_messages_total\{outcome="sent"\} 0/);
    expect(text).toMatch(/tashil_sms_messages_total\{outcome="failed"\} 0/);
    expect(text).toMatch(/^process_cpu_user_seconds_total /m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds /m);
    expect(text).toMatch(/tashil_draining 0/);
  });

  it('counts the SMS worker outcomes it is told of', async () => {
    t.app.metrics.smsMessages.inc({ outcome: 'sent' }, 2);
    t.app.metrics.smsMessages.inc({ outcome: 'failed' });
    const text = (await t.app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(text).toMatch(/tashil_sms_messages_total\{outcome="sent"\} 2/);
    expect(text).toMatch(/tashil_sms_messages_total\{outcome="failed"\} 1/);
  });

  it('answers 404 beyond this machine when no token is set, and to a request relayed by a proxy on this machine', async () => {
    const remote = await t.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '10.0.0.7' });
    expect(remote.statusCode).toBe(404);
    expect(remote.json().code).toBe('route.not_found');
    const relayed = await t.app.inject({ method: 'GET', url: '/metrics', headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(relayed.statusCode).toBe(404);
    const bearer = await t.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '10.0.0.7', headers: { authorization: 'Bearer guess' } });
    expect(bearer.statusCode).toBe(404);
  });

  it('has its rule in the permission matrix, which no role of the app reaches', () => {
    expect(PERMISSIONS['GET /metrics']).toMatchObject({ access: 'operator' });
  });
});

describe('metrics with TASHIL_METRICS_TOKEN', () => {
  it('lets the token in from anywhere and answers 401 without it or with a wrong one', async () => {
    const t = await startTestApp('pglite', { demo: false, config: { metricsToken: 's3cret-token-for-prometheus' } });
    try {
      const ok = await t.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '10.0.0.7', headers: { authorization: 'Bearer s3cret-token-for-prometheus' } });
      expect(ok.statusCode).toBe(200);
      expect(ok.body).toContain('tashil_http_request_duration_seconds');
      const none = await t.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '10.0.0.7' });
      expect(none.statusCode).toBe(401);
      expect(none.headers['www-authenticate']).toMatch(/^Bearer/);
      const wrong = await t.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '10.0.0.7', headers: { authorization: 'Bearer s3cret-token-for-prometheuS' } });
      expect(wrong.statusCode).toBe(401);
      // a wrong token is wrong from this machine too
      const local = await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer nope' } });
      expect(local.statusCode).toBe(401);
      expect((await t.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(200);
    } finally {
      await t.close();
    }
  }, 120_000);
});

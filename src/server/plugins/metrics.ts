/**
 * `GET /metrics` in Prometheus' text format: request durations by route pattern (never the raw URL, whose ids would
 * make a series per record) and status, the database pools, the jobs' queue depths, SMS outcomes, and the process
 * (CPU, memory, event loop, GC).
 *
 * Who may read it: a scraper on this machine (the socket's peer is loopback and the request did not come through a
 * proxy — a load balancer on the same host must not expose it to the world), or anyone presenting
 * `Authorization: Bearer $TASHIL_METRICS_TOKEN` (compared in constant time). Anyone else gets 404 when no token is
 * configured (the metrics are not served to the network at all) and 401 when one is (the operator's scraper is
 * misconfigured; the answer says so).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import client from 'prom-client';
import type pg from 'pg';
import { AppError } from '../../shared/errors.js';
import { deliveryQueueDepth } from '../modules/notifications/notifications.service.js';
import { smsQueueDepth } from '../modules/sms/sms.service.js';

export interface AppMetrics {
  registry: client.Registry;
  /** the SMS worker's outcomes in this instance */
  smsMessages: client.Counter<'outcome'>;
  /** reads meant for the replica that went to the primary instead */
  replicaFallbacks: client.Counter<'reason'>;
}

declare module 'fastify' {
  interface FastifyInstance {
    metrics: AppMetrics;
  }
}

let processRegistry: client.Registry | undefined;

/** The process' own metrics, collected once per process however many apps (tests) it builds. */
function processMetrics(): client.Registry {
  if (!processRegistry) {
    processRegistry = new client.Registry();
    client.collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3})$/;

function sameSecret(given: string, expected: string): boolean {
  // equal-length digests: the comparison takes the same time whatever was sent
  return timingSafeEqual(createHash('sha256').update(given).digest(), createHash('sha256').update(expected).digest());
}

export type MetricsAccess = 'allowed' | 'unauthorized' | 'hidden';

export function metricsAccess(request: FastifyRequest, token: string | undefined): MetricsAccess {
  const auth = request.headers.authorization;
  if (token && auth?.startsWith('Bearer ')) return sameSecret(auth.slice(7).trim(), token) ? 'allowed' : 'unauthorized';
  const peer = request.socket.remoteAddress ?? '';
  const proxied = request.headers['x-forwarded-for'] !== undefined || request.headers.forwarded !== undefined || request.headers['x-real-ip'] !== undefined;
  if (LOOPBACK.test(peer) && !proxied) return 'allowed';
  return token ? 'unauthorized' : 'hidden';
}

export function registerMetrics(app: FastifyInstance) {
  const registry = new client.Registry();
  const { deps } = app;
  const pools = (): { name: string; pool?: pg.Pool | undefined }[] => [
    ...(deps.database.pool ? [{ name: 'primary', pool: deps.database.pool }] : [{ name: 'embedded' }]),
    ...(deps.reads.pool ? [{ name: 'replica', pool: deps.reads.pool }] : []),
  ];

  const durations = new client.Histogram({
    name: 'tashil_http_request_duration_seconds',
    help: 'HTTP requests by route pattern, method and status',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    durations.observe(
      { method: request.method, route: request.routeOptions.url ?? 'unmatched', status_code: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });

  new client.Gauge({
    name: 'tashil_db_pool_connections',
    help: 'Database connections by pool and state (the embedded database has one connection)',
    labelNames: ['pool', 'state'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const { name, pool } of pools()) {
        if (!pool) {
          this.set({ pool: name, state: 'total' }, 1);
          continue;
        }
        this.set({ pool: name, state: 'total' }, pool.totalCount);
        this.set({ pool: name, state: 'idle' }, pool.idleCount);
        this.set({ pool: name, state: 'in_use' }, pool.totalCount - pool.idleCount);
      }
    },
  });
  new client.Gauge({
    name: 'tashil_db_pool_waiting_requests',
    help: 'Queries waiting for a free connection, by pool',
    labelNames: ['pool'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const { name, pool } of pools()) if (pool) this.set({ pool: name }, pool.waitingCount);
    },
  });
  new client.Gauge({
    name: 'tashil_job_queue_depth',
    help: 'Work waiting in the database-backed queues: SMS outbox (queued or sending), notifications not yet delivered',
    labelNames: ['queue'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      try {
        const [sms, notifications] = await Promise.all([smsQueueDepth(deps.db), deliveryQueueDepth(deps.db)]);
        this.set({ queue: 'sms' }, sms);
        this.set({ queue: 'notifications' }, notifications);
      } catch (err) {
        app.log.warn({ err }, 'metrics: queue depth unavailable');
      }
    },
  });
  new client.Gauge({
    name: 'tashil_replica_lag_seconds',
    help: 'How far the read replica was behind the primary at its last probe (absent without a replica or while it is down)',
    registers: [registry],
    collect() {
      this.reset();
      const { lagMs } = deps.reads.status();
      if (lagMs !== null) this.set(lagMs / 1000);
    },
  });
  new client.Gauge({
    name: 'tashil_replica_up',
    help: '1 while the read replica answers, 0 while reads fall back to the primary (absent without a replica)',
    registers: [registry],
    collect() {
      this.reset();
      const { state } = deps.reads.status();
      if (state === 'up' || state === 'down') this.set(state === 'up' ? 1 : 0);
    },
  });
  new client.Gauge({
    name: 'tashil_draining',
    help: '1 while the instance drains after SIGTERM',
    registers: [registry],
    collect() {
      this.set(deps.lifecycle.draining ? 1 : 0);
    },
  });
  const smsMessages = new client.Counter({
    name: 'tashil_sms_messages_total',
    help: "SMS messages this instance's worker sent, retried or gave up on",
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  for (const outcome of ['sent', 'retried', 'failed']) smsMessages.inc({ outcome }, 0);
  const replicaFallbacks = new client.Counter({
    name: 'tashil_replica_fallbacks_total',
    help: 'Reads meant for the read replica that the primary answered (replica unreachable)',
    labelNames: ['reason'] as const,
    registers: [registry],
  });
  app.decorate('metrics', { registry, smsMessages, replicaFallbacks });

  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    const access = metricsAccess(request, deps.config.metricsToken);
    if (access === 'hidden') throw new AppError('route.not_found');
    if (access === 'unauthorized') {
      reply.header('www-authenticate', 'Bearer realm="tashil-metrics"');
      throw new AppError('auth.required');
    }
    const text = (await processMetrics().metrics()) + (await registry.metrics());
    return reply.header('cache-control', 'no-store').type(registry.contentType).send(text);
  });
}

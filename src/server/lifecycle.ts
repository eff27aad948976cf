/**
 * The server's life after SIGTERM: it first stops answering ready (the load balancer's check takes it out of the pool),
 * keeps serving for a short grace so requests the balancer already routed here still land, then closes: no new
 * connections, in-flight requests finish, the jobs stop after their current run, and the database pool closes last.
 */
import type { FastifyInstance } from 'fastify';

export interface Lifecycle {
  /** True once shutdown began: /api/v1/health/ready answers 503 from that moment. */
  readonly draining: boolean;
  startDraining(): void;
}

export function createLifecycle(): Lifecycle {
  let draining = false;
  return {
    get draining() {
      return draining;
    },
    startDraining() {
      draining = true;
    },
  };
}

/** TASHIL_DRAIN_SECONDS (default 5): how long a stopping instance keeps serving while answering "not ready". */
export function drainSeconds(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.TASHIL_DRAIN_SECONDS;
  const seconds = raw === undefined || raw === '' ? 5 : Number(raw);
  if (!Number.isFinite(seconds) || seconds < 0) throw new Error(`TASHIL_DRAIN_SECONDS must be a number of seconds, got "${raw}"`);
  return seconds;
}

export interface DrainOptions {
  app: FastifyInstance;
  lifecycle: Lifecycle;
  graceMs: number;
  /** Background work to stop (each waits for its run in progress); runs beside the HTTP close. */
  stopJobs?: (() => Promise<void>)[];
  /** Runs last, after every request and job has finished. */
  closeDatabase: () => Promise<void>;
  log?: { info(obj: object, msg?: string): void };
}

/** Not ready at once; after the grace, close the listener (in-flight requests finish) and the jobs; then the pool. */
export async function drainAndClose(opts: DrainOptions): Promise<void> {
  opts.lifecycle.startDraining();
  opts.log?.info({ graceMs: opts.graceMs }, 'draining: ready answers 503; still serving during the grace');
  if (opts.graceMs > 0) await new Promise((resolve) => setTimeout(resolve, opts.graceMs));
  // Fastify's close stops accepting connections, answers 503 to new requests on kept-alive ones, closes idle
  // connections and resolves once the in-flight requests have been answered.
  await Promise.all([opts.app.close(), ...(opts.stopJobs ?? []).map((stop) => stop())]);
  await opts.closeDatabase();
  opts.log?.info({}, 'drained: requests answered, jobs stopped, database closed');
}

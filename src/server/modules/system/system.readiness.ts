/**
 * Whether this instance should take traffic: not while it drains (SIGTERM), not when the database does not answer
 * in time, and not when the database lacks a migration this code expects (an upgrade half done).
 */
import { appliedMigrationMillis, expectedMigration, type Database } from '../../db/client.js';
import type { Lifecycle } from '../../lifecycle.js';

export type Readiness = { ready: true } | { ready: false; reason: 'draining' | 'database_unreachable' | 'migrations_pending'; detail: string };

/** A check that waits longer than this answers "not ready": a load balancer must not hang on a stuck pool. */
export const READY_TIMEOUT_MS = 2_000;

/** Asked through the database's own probe connection where it has one (PostgreSQL), never behind the pool's queue. */
export async function checkReadiness(database: Pick<Database, 'query' | 'probe'>, lifecycle: Lifecycle, timeoutMs = READY_TIMEOUT_MS): Promise<Readiness> {
  if (lifecycle.draining) return { ready: false, reason: 'draining', detail: 'the instance is shutting down' };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  let applied: number;
  try {
    applied = await Promise.race([appliedMigrationMillis(database.probe ? { query: database.probe.bind(database) } : database), timeout]);
  } catch (err) {
    return { ready: false, reason: 'database_unreachable', detail: err instanceof Error ? err.message : String(err) };
  } finally {
    clearTimeout(timer);
  }
  const expected = expectedMigration();
  if (applied < expected.lastMillis) return { ready: false, reason: 'migrations_pending', detail: `the database lacks migration ${expected.tag} or earlier ones` };
  return { ready: true };
}

/**
 * Leases on periodic jobs (table job_leases): one instance at a time runs a job across many short transactions.
 * Times are the database's own clock (`clock_timestamp()`), so instances whose clocks disagree still agree on who
 * holds it; a holder that dies frees the lease when it expires.
 */
import { sql } from 'drizzle-orm';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { DbOrTx } from './client.js';
import { resultRows } from './rows.js';

/** A name for this process as a lease holder: host, pid and a random suffix. */
export function leaseHolderName(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

/** Takes the lease, or renews it when `holder` already has it; false when another holder's lease is still running. */
export async function takeLease(db: DbOrTx, name: string, holder: string, ms: number): Promise<boolean> {
  const result = await db.execute(sql`
    insert into job_leases (name, holder, lease_until) values (${name}, ${holder}, clock_timestamp() + ${Math.round(ms)}::int * interval '1 millisecond')
    on conflict (name) do update set holder = excluded.holder, lease_until = excluded.lease_until
      where job_leases.lease_until < clock_timestamp() or job_leases.holder = excluded.holder
    returning holder`);
  return resultRows<{ holder: string }>(result).length === 1;
}

/** Gives the lease up (only when `holder` has it), so another instance need not wait for it to expire. */
export async function releaseLease(db: DbOrTx, name: string, holder: string): Promise<void> {
  await db.execute(sql`update job_leases set lease_until = clock_timestamp() where name = ${name} and holder = ${holder}`);
}

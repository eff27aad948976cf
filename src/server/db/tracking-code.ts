/**
 * Human tracking codes, numbered afresh each fiscal year per province and kind: D-1405-000123.
 * The counter row is bumped with one INSERT … ON CONFLICT DO UPDATE … RETURNING inside the caller's
 * transaction: the row stays locked until that transaction ends, so concurrent writers queue and
 * each gets its own number; a rolled-back create gives its number back.
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from './client.js';
import { trackingCounters } from './schema.js';

export async function nextTrackingNumber(tx: DbOrTx, kind: string, provinceId: string, fiscalYear: number): Promise<number> {
  const [row] = await tx
    .insert(trackingCounters)
    .values({ provinceId, kind, fiscalYear, lastValue: 1 })
    .onConflictDoUpdate({
      target: [trackingCounters.provinceId, trackingCounters.kind, trackingCounters.fiscalYear],
      set: { lastValue: sql`${trackingCounters.lastValue} + 1` },
    })
    .returning({ n: trackingCounters.lastValue });
  return row!.n;
}

export function formatTrackingCode(prefix: string, fiscalYear: number, n: number): string {
  return `${prefix}-${fiscalYear}-${String(n).padStart(6, '0')}`;
}

/** Raises a counter to at least `value` (seeding records whose numbers were given). */
export async function bumpTrackingCounter(tx: DbOrTx, kind: string, provinceId: string, fiscalYear: number, value: number): Promise<void> {
  await tx
    .insert(trackingCounters)
    .values({ provinceId, kind, fiscalYear, lastValue: value })
    .onConflictDoUpdate({
      target: [trackingCounters.provinceId, trackingCounters.kind, trackingCounters.fiscalYear],
      set: { lastValue: sql`greatest(${trackingCounters.lastValue}, excluded.last_value)` },
    });
}

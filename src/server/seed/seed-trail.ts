/** What every demo seed leaves behind it: one audit line, by the system, saying what it wrote. */
import type { Tx } from '../db/client.js';
import { auditEvents } from '../db/schema.js';

export async function recordSeed(tx: Tx, at: Date, provinceId: string, entityId: string, after: Record<string, unknown>, action = 'demo.seed') {
  await tx.insert(auditEvents).values({ at, provinceId, actorId: null, actorLabel: 'system', actorKind: 'system', action, entityType: 'setting', entityId, after });
}

/** How many of the seeded records end in each status. */
export function countByStatus(plans: { row: { status?: string | null } }[]): Record<string, number> {
  const byStatus: Record<string, number> = {};
  for (const p of plans) byStatus[p.row.status!] = (byStatus[p.row.status!] ?? 0) + 1;
  return byStatus;
}

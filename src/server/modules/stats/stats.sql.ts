/** The statistics' SQL plumbing: running a hand-written aggregate, reading its numbers, and the reference rows they name. */
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { agencies, auditEvents, MAY_CHANGE_FIGURES, settings } from '../../db/schema.js';

export async function rowsOf<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const res = (await db.execute(query)) as unknown as { rows: T[] };
  return res.rows;
}

export const big = (v: unknown): bigint => (v === null || v === undefined ? 0n : BigInt(v as string));

export const agencyNamesOf = async (db: DbOrTx) => new Map((await db.select().from(agencies)).map((a) => [a.id, a]));

/** A province's setting row (a target), if it has one. */
export async function findSetting(db: DbOrTx, provinceId: string, key: string) {
  const [row] = await db.select().from(settings).where(and(eq(settings.provinceId, provinceId), eq(settings.key, key)));
  return row;
}

/** Sets a province's setting, creating it or bumping its version. */
export async function upsertSetting(tx: DbOrTx, provinceId: string, key: string, value: unknown, now: Date): Promise<void> {
  await tx
    .insert(settings)
    .values({ provinceId, key, value, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({ target: [settings.provinceId, settings.key], set: { value, version: sql`${settings.version} + 1`, updatedAt: now } });
}

/**
 * The province's write mark: the newest audit event that names it, or names no province (reference data), among those
 * that may change a figure (`MAY_CHANGE_FIGURES`: not a follow-up no figure counts, not an account's own change). Every
 * change writes its audit event in the change's own transaction, so an unchanged mark means no change since that a
 * figure could show. Without a province (the national comparisons): the newest such event anywhere. One index probe
 * each (the partial index `audit_figures_idx`).
 */
export async function writeMarkOf(db: DbOrTx, provinceId: string | undefined): Promise<string> {
  const figures = sql.raw(MAY_CHANGE_FIGURES);
  const query = provinceId
    ? sql`select greatest((select max(${auditEvents.id}) from ${auditEvents} where ${auditEvents.provinceId} = ${provinceId} and ${figures}),
                          (select max(${auditEvents.id}) from ${auditEvents} where ${auditEvents.provinceId} is null and ${figures}))::text as mark`
    : sql`select max(${auditEvents.id})::text as mark from ${auditEvents} where ${figures}`;
  const [row] = await rowsOf<{ mark: string | null }>(db, query);
  return row?.mark ?? '0';
}

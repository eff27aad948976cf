/** SQL for the home page's counts. */
import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { agencies, banks, users } from '../../db/schema.js';

/** Users of a province, or of the installation (`null`). */
export async function countUsers(db: DbOrTx, provinceId: string | null): Promise<number> {
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(users).where(provinceId === null ? undefined : eq(users.provinceId, provinceId));
  return r?.n ?? 0;
}

export async function countAgencies(db: DbOrTx): Promise<number> {
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(agencies);
  return r?.n ?? 0;
}

export async function countBanks(db: DbOrTx): Promise<number> {
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(banks);
  return r?.n ?? 0;
}

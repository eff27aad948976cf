/** SQL for a province's own settings (the referral deadlines are two of them). */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { settings } from '../../db/schema.js';

/** Whether the province has a row of its own for any of these keys (not only the installation's). */
export async function hasOwnSettings(db: DbOrTx, provinceId: string, keys: string[]): Promise<boolean> {
  const own = await db.select({ key: settings.key }).from(settings).where(and(eq(settings.provinceId, provinceId), inArray(settings.key, keys)));
  return own.length > 0;
}

/** Sets a province's setting, creating it or bumping its version. */
export async function upsertSetting(tx: DbOrTx, provinceId: string, key: string, value: unknown, now: Date): Promise<void> {
  await tx
    .insert(settings)
    .values({ provinceId, key, value, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({ target: [settings.provinceId, settings.key], set: { value, version: sql`${settings.version} + 1`, updatedAt: now } });
}

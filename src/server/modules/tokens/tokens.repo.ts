/** SQL of integration tokens. */
import { desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { apiTokens } from '../../db/schema.js';

export type TokenRow = typeof apiTokens.$inferSelect;

export async function findAllTokens(db: DbOrTx): Promise<TokenRow[]> {
  return db.select().from(apiTokens).orderBy(desc(apiTokens.createdAt));
}

export async function insertToken(db: DbOrTx, values: typeof apiTokens.$inferInsert): Promise<TokenRow> {
  const [row] = await db.insert(apiTokens).values(values).returning();
  return row!;
}

export async function findTokenForUpdate(db: DbOrTx, id: string): Promise<TokenRow | undefined> {
  const [row] = await db.select().from(apiTokens).where(eq(apiTokens.id, id)).for('update');
  return row;
}

export async function updateToken(db: DbOrTx, id: string, fields: Partial<typeof apiTokens.$inferInsert>): Promise<TokenRow> {
  const [row] = await db.update(apiTokens).set(fields).where(eq(apiTokens.id, id)).returning();
  return row!;
}

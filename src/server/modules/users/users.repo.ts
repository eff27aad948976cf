/** SQL of accounts as the administrator manages them. */
import { and, asc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { agencies, authSessions, banks, provinces, units, users } from '../../db/schema.js';
import type { Role } from '../../../shared/roles.js';

export type UserRow = typeof users.$inferSelect;

export async function provinceExists(db: DbOrTx, id: string): Promise<boolean> {
  return (await db.select({ id: provinces.id }).from(provinces).where(eq(provinces.id, id))).length > 0;
}
export async function agencyExists(db: DbOrTx, id: string): Promise<boolean> {
  return (await db.select({ id: agencies.id }).from(agencies).where(eq(agencies.id, id))).length > 0;
}
export async function bankExists(db: DbOrTx, id: string): Promise<boolean> {
  return (await db.select({ id: banks.id }).from(banks).where(eq(banks.id, id))).length > 0;
}
export async function unitProvince(db: DbOrTx, id: string): Promise<string | null | undefined> {
  const [u] = await db.select({ provinceId: units.provinceId }).from(units).where(eq(units.id, id));
  return u ? u.provinceId : undefined;
}

export async function findUsers(db: DbOrTx, f: { role?: Role | undefined; q?: string | undefined }, page: { limit: number; offset: number }) {
  const where: SQL[] = [];
  if (f.role) where.push(eq(users.role, f.role));
  if (f.q) {
    const like = `%${f.q.replace(/[%_\\]/g, '\\$&')}%`;
    where.push(or(ilike(users.username, like), ilike(users.fullName, like))!);
  }
  const cond = where.length ? and(...where) : undefined;
  const [rows, total] = await Promise.all([
    db.select().from(users).where(cond).orderBy(asc(users.username)).limit(page.limit).offset(page.offset),
    db.select({ n: sql<number>`count(*)::int` }).from(users).where(cond),
  ]);
  return { rows, total: total[0]?.n ?? 0 };
}

export async function insertUser(db: DbOrTx, values: typeof users.$inferInsert): Promise<UserRow> {
  const [row] = await db.insert(users).values(values).returning();
  return row!;
}

export async function findUserForUpdate(db: DbOrTx, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id)).for('update');
  return row;
}

export async function updateUserRow(db: DbOrTx, id: string, fields: Partial<typeof users.$inferInsert>): Promise<UserRow> {
  const [row] = await db.update(users).set(fields).where(eq(users.id, id)).returning();
  return row!;
}

export async function deleteSessionsOf(db: DbOrTx, userId: string): Promise<void> {
  await db.delete(authSessions).where(eq(authSessions.userId, userId));
}

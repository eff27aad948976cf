/** Rows between the tables and the code: contract objects from stored rows, raw query results, one-row inserts. */
import type { PgColumn, PgInsertValue, PgTable } from 'drizzle-orm/pg-core';
import type { DbOrTx } from './client.js';

/** The named columns of a row, as they are stored: for the fields a contract carries unchanged. */
export function pick<T extends object, K extends keyof T>(row: T, keys: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const key of keys) out[key] = row[key];
  return out;
}

/** The fields a partial change names: those left undefined are not written (null is a value and is kept). */
export function definedOnly<T extends object>(change: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
}

/** The rows of a raw `execute` answer: node-postgres and PGlite hand them as `rows`, a plain array otherwise. */
export function resultRows<T>(result: unknown): T[] {
  return ((result as { rows?: T[] }).rows ?? (result as T[])) as T[];
}

/** Inserts one row and answers its id (a record's UUID, or a trail row's sequence number). */
export async function insertReturningId<T extends PgTable & { id: PgColumn }>(tx: DbOrTx, table: T, values: PgInsertValue<T>): Promise<T['id']['_']['data']> {
  const [row] = await tx.insert(table).values(values).returning({ id: table.id });
  return (row as { id: T['id']['_']['data'] }).id;
}

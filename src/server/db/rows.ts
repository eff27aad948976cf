/** Turning stored rows into contract objects. */

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

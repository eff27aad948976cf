/** Turning stored rows into contract objects. */

/** The named columns of a row, as they are stored: for the fields a contract carries unchanged. */
export function pick<T extends object, K extends keyof T>(row: T, keys: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const key of keys) out[key] = row[key];
  return out;
}

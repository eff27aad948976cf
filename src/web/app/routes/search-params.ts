/**
 * A route's search parameters as the address bar has them: each read by its own reader, which answers the value
 * or `undefined` when the parameter is missing or not acceptable. What a reader refuses is left out.
 */

/** Reads one search parameter: its value, or `undefined` to leave it out. */
export type ParamReader<T> = (value: unknown) => T | undefined;

/** What `searchOf(readers)` reads: each parameter its reader accepts, the others absent. */
export type SearchOf<R> = { [K in keyof R]?: R[K] extends ParamReader<infer T> ? T : never };

/** A route's `validateSearch`, one reader a parameter. */
export function searchOf<R extends Record<string, ParamReader<unknown>>>(readers: R) {
  return (search: Record<string, unknown>): SearchOf<R> => {
    const out: Record<string, unknown> = {};
    for (const [key, read] of Object.entries(readers)) {
      const value = read(search[key]);
      if (value !== undefined) out[key] = value;
    }
    return out as SearchOf<R>;
  };
}

export function positiveInt(value: unknown): number | undefined {
  const number = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  return Number.isInteger(number) && number >= 1 ? number : undefined;
}

/**
 * Text that is not blank (kept as typed). The router reads a parameter that looks like a number (`?q=1405`, a sector
 * code) as a number: it is text all the same.
 */
export const text: ParamReader<string> = (value) => (typeof value === 'number' ? String(value) : typeof value === 'string' && value.trim() ? value : undefined);

export const uuid: ParamReader<string> = (value) => (typeof value === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value) ? value : undefined);

export const oneOf = <T extends string>(values: readonly T[], value: unknown): T | undefined => ((values as readonly unknown[]).includes(value) ? (value as T) : undefined);

/** One of a fixed list (a status). */
export const oneOfParam =
  <T extends string>(values: readonly T[]): ParamReader<T> =>
  (value) =>
    oneOf(values, value);

/** A switch that is on (`true`, or `'true'` typed into the address); off is absent. */
export const flag: ParamReader<boolean> = (value) => (value === true || value === 'true' ? true : undefined);

/** A list's page past the first; page 1 is the bare address. */
export const laterPage: ParamReader<number> = (value) => {
  const page = positiveInt(value);
  return page && page > 1 ? page : undefined;
};

export const fiscalYearParam: ParamReader<number> = (value) => {
  const year = positiveInt(value);
  return year && year >= 1300 && year <= 1600 ? year : undefined;
};

/** A paged list's only search parameter. */
export const pageSearch = searchOf({ page: laterPage });

/** Drops empty values so the address bar stays clean. */
export function compact<T extends object>(search: T): { [K in keyof T]?: Exclude<T[K], ''> } {
  return Object.fromEntries(Object.entries(search).filter(([k, v]) => v !== '' && v !== false && v !== undefined && !(k === 'page' && v === 1))) as { [K in keyof T]?: Exclude<T[K], ''> };
}

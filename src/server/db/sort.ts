/** A list's `sort` parameter read against the columns it may name: `field` ascending, `-field` descending. */
import { asc, desc, type AnyColumn, type SQL, type SQLWrapper } from 'drizzle-orm';

export interface SortOrder {
  /** The named column, ordered as asked. */
  by: SQL;
  /** `asc` or `desc` as asked, for tie-breakers that follow the same direction. */
  direction: typeof asc;
}

export function sortOn<C extends Record<string, AnyColumn | SQLWrapper>>(columns: C, sort: string): SortOrder {
  const descending = sort.startsWith('-');
  const direction = descending ? desc : asc;
  return { by: direction(columns[(descending ? sort.slice(1) : sort) as keyof C]!), direction };
}

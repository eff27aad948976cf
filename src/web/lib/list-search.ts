/** A list page's search (as the address bar keeps it) turned into what the API is asked. */

type Filters<S> = { [K in Exclude<keyof S, 'page'>]?: Exclude<S[K], '' | false> };

/** The filters of a list page's search, for the list, its total and its export: the page left out, and empty ones ('' or off) absent. */
export function listFilters<S extends { page?: number }>(search: S): Filters<S> {
  return Object.fromEntries(Object.entries<unknown>(search).filter(([key, value]) => key !== 'page' && value !== '' && value !== false && value !== undefined)) as Filters<S>;
}

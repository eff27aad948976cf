/**
 * Queries built once per database handle and run with placeholders (drizzle's `prepare`; a named statement on
 * PostgreSQL, parsed once per connection). For the requests every page makes — a record and its history, a transition's
 * read — building the same select again cost the instance 0.1–0.2 ms each (drizzle's statement builder).
 */
import type { DbOrTx } from './client.js';

const byHandle = new WeakMap<object, Map<string, unknown>>();

/** The query `name` on `db`, built by `build` the first time it is asked for there. Names are statement names: unique. */
export function preparedOn<T>(db: DbOrTx, name: string, build: (db: DbOrTx, name: string) => T): T {
  let queries = byHandle.get(db);
  if (!queries) byHandle.set(db, (queries = new Map()));
  let query = queries.get(name) as T | undefined;
  if (query === undefined) queries.set(name, (query = build(db, name)));
  return query;
}

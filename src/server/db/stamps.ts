/**
 * A stored record's identity and stamps (`stamps` in db/tables/columns.ts) as every contract sends them (`recordStamps`).
 * Spread it after a plain field, never first: V8 builds `{ ...stampsOf(r), a, b, … }` (a fresh object spread first,
 * then fields added) ~15 times slower than the same literal begun with a field — ~30 µs a row, a millisecond of the
 * instance's CPU per page of a list (docs/benchmarks.md).
 */
export function stampsOf(row: { id: string; version: number; createdAt: Date; updatedAt: Date }) {
  return { id: row.id, version: row.version, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() };
}

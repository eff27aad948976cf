/** A stored record's identity and stamps (`stamps` in db/tables/columns.ts) as every contract sends them (`recordStamps`). */
export function stampsOf(row: { id: string; version: number; createdAt: Date; updatedAt: Date }) {
  return { id: row.id, version: row.version, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() };
}

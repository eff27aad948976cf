/**
 * Rows added to a record — a note and its audit entry — in one statement, only when the record is found in the
 * caller's scope: one round trip, atomic by itself (no BEGIN and COMMIT), where a transaction read the record, wrote
 * each row and committed in five. Each row is an INSERT … SELECT from the guard in a data-modifying CTE, so none is
 * written when the guard finds nothing; the rows' triggers and foreign keys run as for any insert.
 *
 * The rows are whole: every value is given (ids made by the caller), so what the caller answers is what was written.
 */
import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { DbOrTx } from './client.js';
import { resultRows } from './rows.js';

/** One row for `insertWhereFound`: its table and its values by the table's field names. */
export interface GuardedRow {
  table: PgTable;
  values: Record<string, unknown>;
}

/** A row for `insertWhereFound`, its values checked against the table's insert type. */
export function rowOf<T extends PgTable>(table: T, values: T['$inferInsert']): GuardedRow {
  return { table, values: values as Record<string, unknown> };
}

/** `value` as a parameter of `column`'s type (as drizzle's insert would send it), cast so the SELECT list is typed. */
function typedValue(column: ReturnType<typeof getTableColumns>[string], value: unknown): SQL {
  const type = sql.raw(column.getSQLType());
  if (value === null || value === undefined) return sql`null::${type}`;
  return sql`${sql.param(value, column)}::${type}`;
}

/** `row` as an INSERT … SELECT from the guard's CTE (`found`): nothing when the guard found nothing. */
function insertFromFound(row: GuardedRow): SQL {
  const columns = getTableColumns(row.table);
  const fields = Object.keys(row.values).filter((field) => row.values[field] !== undefined);
  for (const field of fields) if (!columns[field]) throw new Error(`insertWhereFound: no column ${field}`);
  const names = sql.join(fields.map((field) => sql.identifier(columns[field]!.name)), sql`, `);
  const values = sql.join(fields.map((field) => typedValue(columns[field]!, row.values[field])), sql`, `);
  return sql`insert into ${row.table} (${names}) select ${values} from found`;
}

/**
 * Writes `rows` when `guard` (a `select 1 from … where …`: the record, in scope) finds a row; true when it did, false
 * when nothing was written.
 */
export async function insertWhereFound(db: DbOrTx, guard: SQL, rows: GuardedRow[]): Promise<boolean> {
  if (!rows.length) throw new Error('insertWhereFound: no rows');
  const ctes = rows.map((row, i) => sql`, ${sql.identifier(`w${i}`)} as (${insertFromFound(row)} returning 1)`);
  const result = await db.execute(sql`with found as (${guard} limit 1)${sql.join(ctes, sql``)} select 1 from found`);
  return resultRows(result).length > 0;
}

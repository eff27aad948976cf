/** Display names from the small reference tables (agencies, banks, programs, reasons, counties, categories). */
import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';

/**
 * A reference table's column for a row's foreign key, read by a scalar subquery in the select list instead of a
 * join. Every reference table joined only for its name multiplies the planner's join-order search: a page of a
 * province's referrals with five joins took 4.4 ms to plan and 0.9 ms to run on the scale drill's data; with the names
 * read this way, 0.2 ms and 0.3 ms (docs/benchmarks.md). The subquery runs only for the rows returned, through the
 * reference table's key, and answers NULL where there is no match, as a left join would (an inner join's NOT NULL
 * foreign key always matches). Tables a filter reads (units) stay joined.
 */
export function lookup<C extends AnyPgColumn>(column: C, key: AnyPgColumn, foreignKey: AnyPgColumn | SQL): SQL<C['_']['data']> {
  return sql`(select ${column} from ${column.table} where ${key} = ${foreignKey})`;
}

/** {@link lookup} for a nullable foreign key (a left join's name): NULL when the key is. */
export function lookupOptional<C extends AnyPgColumn>(column: C, key: AnyPgColumn, foreignKey: AnyPgColumn | SQL): SQL<C['_']['data'] | null> {
  return lookup(column, key, foreignKey);
}

/**
 * A list's page and its total in one statement. The total rides on each row of the page as a scalar subquery, which
 * PostgreSQL computes once (an InitPlan): one round trip and one connection a list instead of two. Every round trip
 * costs the instance its socket write and the database its own work; a home reads six lists at once.
 *
 * A page with no row has nothing to carry the total. On the first page that means the list is empty (the same
 * statement found no row, so the total is 0); past the first, the total is then asked by itself.
 */
import { sql, type SQLWrapper } from 'drizzle-orm';

/** The column that carries a list's total: `count` is the list's own count query (`select … as n`). */
export function totalColumn(count: SQLWrapper) {
  return sql<number>`(${count})`.mapWith(Number);
}

/** The rows of page `pageNo` (from 1) and the list's total: from the first row, else 0 on the first page, else from `count` run alone. */
export async function pageWithTotal<R extends { total: number }>(page: PromiseLike<R[]>, pageNo: number, count: () => PromiseLike<{ n: number }[]>): Promise<{ rows: R[]; total: number }> {
  const rows = await page;
  if (rows.length) return { rows, total: rows[0]!.total };
  if (pageNo <= 1) return { rows, total: 0 };
  const [counted] = await count();
  return { rows, total: counted?.n ?? 0 };
}

/**
 * A list's total from `list_counts` (kept by the writing transaction's triggers, migration 0029) instead of a count of
 * the province's rows, when the list asks only what the table is keyed by: the scope (province, bank, agency), bank,
 * agency and status. Any other filter counts the rows themselves.
 */
import { and, eq, inArray, notInArray, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from './client.js';
import { listCounts } from './tables/list-counts.table.js';

export interface CountKey {
  provinceId: string;
  bankId?: string;
  agencyId?: string;
  /** one of these statuses */
  statuses?: readonly string[];
  /** none of these statuses */
  notStatuses?: readonly string[];
}

/** Whether a list's query names nothing but `known` (its paging, sort and the keys the counts are kept by). */
export function onlyNames(query: object, known: ReadonlySet<string>): boolean {
  return Object.entries(query).every(([name, value]) => value === undefined || known.has(name));
}

/** `[{ n }]`, as the lists' `count(*)` answers. */
export function keptCount(db: DbOrTx, entity: 'referral' | 'demand', key: CountKey) {
  const where: SQL[] = [eq(listCounts.entity, entity), eq(listCounts.provinceId, key.provinceId)];
  if (key.bankId !== undefined) where.push(eq(listCounts.bankId, key.bankId));
  if (key.agencyId !== undefined) where.push(eq(listCounts.agencyId, key.agencyId));
  if (key.statuses) where.push(inArray(listCounts.status, [...key.statuses]));
  if (key.notStatuses) where.push(notInArray(listCounts.status, [...key.notStatuses]));
  return db.select({ n: sql<number>`coalesce(sum(${listCounts.n}), 0)::int` }).from(listCounts).where(and(...where));
}

/** SQL for banks' monthly reports of loans paid directly. */
import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { bankReports, banks, programs } from '../../db/schema.js';
import type { BankReport, ListBankReportsQuery } from '../../../shared/contracts/referrals.js';
import { stampsOf } from '../../db/stamps.js';
import { pick, insertReturningId } from '../../db/rows.js';

export interface BankReportScope {
  provinceId: string;
  bankId?: string;
}

function selectReports(db: DbOrTx) {
  return db
    .select({ b: bankReports, bankName: banks.name, programName: programs.name })
    .from(bankReports)
    .innerJoin(banks, eq(banks.id, bankReports.bankId))
    .innerJoin(programs, eq(programs.code, bankReports.programCode));
}

type Joined = Awaited<ReturnType<ReturnType<typeof selectReports>['where']>>[number];

function toReport(j: Joined): BankReport {
  const b = j.b;
  return {
    directAmount: b.directAmount.toString(),
    ...stampsOf(b),
    ...pick(b, ['provinceId', 'bankId', 'fiscalYear', 'month', 'programCode', 'directCount', 'note']),
    ...pick(j, ['bankName', 'programName']),
  };
}

export function bankReportConditions(scope: BankReportScope, q: Partial<ListBankReportsQuery>): SQL {
  const where: SQL[] = [eq(bankReports.provinceId, scope.provinceId)];
  if (scope.bankId !== undefined) where.push(eq(bankReports.bankId, scope.bankId));
  if (q.bankId) where.push(eq(bankReports.bankId, q.bankId));
  if (q.fiscalYear) where.push(eq(bankReports.fiscalYear, q.fiscalYear));
  if (q.month) where.push(eq(bankReports.month, q.month));
  if (q.programCode) where.push(eq(bankReports.programCode, q.programCode));
  return and(...where)!;
}

export async function findReport(db: DbOrTx, scope: BankReportScope, id: string) {
  const [row] = await selectReports(db).where(and(bankReportConditions(scope, {}), eq(bankReports.id, id)));
  return row ? toReport(row) : undefined;
}

/** A page of reports in scope, newest month first, and how many there are. */
export async function findReports(db: DbOrTx, scope: BankReportScope, q: ListBankReportsQuery) {
  const cond = bankReportConditions(scope, q);
  const [rows, total] = await Promise.all([
    selectReports(db)
      .where(cond)
      .orderBy(desc(bankReports.fiscalYear), desc(bankReports.month), asc(bankReports.bankId), asc(bankReports.programCode))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(bankReports).where(cond),
  ]);
  return { items: rows.map(toReport), total: total[0]?.n ?? 0 };
}

export async function bankExists(db: DbOrTx, bankId: string): Promise<boolean> {
  const [bank] = await db.select({ id: banks.id }).from(banks).where(eq(banks.id, bankId));
  return bank !== undefined;
}

export async function programExists(db: DbOrTx, programCode: string): Promise<boolean> {
  const [program] = await db.select({ code: programs.code }).from(programs).where(eq(programs.code, programCode));
  return program !== undefined;
}

export async function insertReport(tx: DbOrTx, values: typeof bankReports.$inferInsert): Promise<string> {
  return insertReturningId(tx, bankReports, values);
}

/** The report already holding this bank × year × month × program. */
export async function findReportIdFor(db: DbOrTx, provinceId: string, k: { bankId: string; fiscalYear: number; month: number; programCode: string }): Promise<string | undefined> {
  const [existing] = await db
    .select({ id: bankReports.id })
    .from(bankReports)
    .where(
      and(
        eq(bankReports.provinceId, provinceId),
        eq(bankReports.bankId, k.bankId),
        eq(bankReports.fiscalYear, k.fiscalYear),
        eq(bankReports.month, k.month),
        eq(bankReports.programCode, k.programCode),
      ),
    );
  return existing?.id;
}

/** Locks a report in scope (FOR UPDATE) and reads its version. */
export async function lockReportVersion(tx: DbOrTx, scope: BankReportScope, id: string): Promise<{ version: number } | undefined> {
  const [locked] = await tx.select({ version: bankReports.version }).from(bankReports).where(and(bankReportConditions(scope, {}), eq(bankReports.id, id))).for('update');
  return locked;
}

export async function updateReportRow(tx: DbOrTx, id: string, set: Partial<typeof bankReports.$inferInsert>): Promise<void> {
  await tx.update(bankReports).set(set).where(eq(bankReports.id, id));
}

/**
 * Bank reports (گزارش عملکرد بانک): per bank, fiscal year, month and program, the loans a bank paid directly,
 * outside referrals. A bank enters and corrects its own; the secretariat any bank's. These figures are
 * never mixed into referral payments: they are "paid directly", beside "paid through referral".
 */
import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { ServiceContext } from '../../context.js';
import type { DbOrTx } from '../../db/client.js';
import { bankReports, banks, programs } from '../../db/schema.js';
import { assertVersion, isUniqueViolation, type ExpectedVersion } from '../../db/concurrency.js';
import { AppError, type FieldError } from '../../../shared/errors.js';
import { tehranDate, toJalali } from '../../../shared/jalali.js';
import type { BankReport, CreateBankReportInput, ListBankReportsQuery } from '../../../shared/contracts/referrals.js';
import { recordAudit } from '../audit/audit.service.js';

interface BankReportScope {
  provinceId: string;
  bankId?: string;
}

export function bankReportScopeOf(ctx: ServiceContext): BankReportScope {
  const { provinceId, role } = ctx.actor;
  if (!provinceId || role === 'national') throw new AppError('record.not_found');
  return role === 'bank' ? { provinceId, bankId: ctx.actor.bankId ?? '-' } : { provinceId };
}

const msg = (ctx: ServiceContext, fa: string, en: string) => (ctx.lang === 'en' ? en : fa);

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
    id: b.id,
    version: b.version,
    createdAt: b.createdAt.toISOString(),
    updatedAt: b.updatedAt.toISOString(),
    provinceId: b.provinceId,
    bankId: b.bankId,
    bankName: j.bankName,
    fiscalYear: b.fiscalYear,
    month: b.month,
    programCode: b.programCode,
    programName: j.programName,
    directCount: b.directCount,
    directAmount: b.directAmount.toString(),
    note: b.note,
  };
}

function conditions(scope: BankReportScope, q: Partial<ListBankReportsQuery>): SQL {
  const where: SQL[] = [eq(bankReports.provinceId, scope.provinceId)];
  if (scope.bankId !== undefined) where.push(eq(bankReports.bankId, scope.bankId));
  if (q.bankId) where.push(eq(bankReports.bankId, q.bankId));
  if (q.fiscalYear) where.push(eq(bankReports.fiscalYear, q.fiscalYear));
  if (q.month) where.push(eq(bankReports.month, q.month));
  if (q.programCode) where.push(eq(bankReports.programCode, q.programCode));
  return and(...where)!;
}

export async function listBankReports(ctx: ServiceContext, q: ListBankReportsQuery) {
  const scope = bankReportScopeOf(ctx);
  const cond = conditions(scope, q);
  const [rows, total] = await Promise.all([
    selectReports(ctx.db)
      .where(cond)
      .orderBy(desc(bankReports.fiscalYear), desc(bankReports.month), asc(bankReports.bankId), asc(bankReports.programCode))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    ctx.db.select({ n: sql<number>`count(*)::int` }).from(bankReports).where(cond),
  ]);
  return { items: rows.map(toReport), total: total[0]?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

async function findReport(db: DbOrTx, scope: BankReportScope, id: string) {
  const [row] = await selectReports(db).where(and(conditions(scope, {}), eq(bankReports.id, id)));
  return row ? toReport(row) : undefined;
}

export async function createBankReport(ctx: ServiceContext, input: CreateBankReportInput): Promise<BankReport> {
  const scope = bankReportScopeOf(ctx);
  const errors: FieldError[] = [];
  let bankId = input.bankId;
  if (ctx.actor.role === 'bank') {
    if (bankId && bankId !== ctx.actor.bankId) errors.push({ path: 'bankId', message: msg(ctx, 'بانک تنها گزارش خود را ثبت می‌کند', 'A bank reports only for itself') });
    bankId = ctx.actor.bankId ?? undefined;
  } else if (!bankId) errors.push({ path: 'bankId', message: msg(ctx, 'بانک را انتخاب کنید', 'Choose the bank') });
  const today = toJalali(tehranDate(ctx.now()));
  if (input.fiscalYear > today.year || (input.fiscalYear === today.year && input.month > today.month))
    errors.push({ path: 'month', message: msg(ctx, 'گزارش ماهی که هنوز نرسیده ثبت نمی‌شود', 'A month that has not begun cannot be reported') });
  try {
    return await ctx.db.transaction(async (tx) => {
      if (bankId && !errors.length) {
        const [bank] = await tx.select({ id: banks.id }).from(banks).where(eq(banks.id, bankId));
        if (!bank) errors.push({ path: 'bankId', message: msg(ctx, 'بانک ناشناخته است', 'Unknown bank') });
      }
      const [program] = await tx.select({ code: programs.code }).from(programs).where(eq(programs.code, input.programCode));
      if (!program) errors.push({ path: 'programCode', message: msg(ctx, 'محل تسهیلات ناشناخته است', 'Unknown facility program') });
      if (errors.length) throw new AppError('validation.failed', { errors });
      const now = ctx.now();
      const [row] = await tx
        .insert(bankReports)
        .values({
          provinceId: scope.provinceId,
          bankId: bankId!,
          fiscalYear: input.fiscalYear,
          month: input.month,
          programCode: input.programCode,
          directCount: input.directCount,
          directAmount: input.directAmount,
          note: input.note ?? null,
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: bankReports.id });
      const report = (await findReport(tx, { provinceId: scope.provinceId }, row!.id))!;
      await recordAudit(tx, ctx, { action: 'bank_report.create', entityType: 'bank_report', entityId: report.id, provinceId: scope.provinceId, after: report });
      return report;
    });
  } catch (e) {
    if (isUniqueViolation(e)) {
      const [existing] = await ctx.db
        .select({ id: bankReports.id })
        .from(bankReports)
        .where(
          and(
            eq(bankReports.provinceId, scope.provinceId),
            eq(bankReports.bankId, bankId!),
            eq(bankReports.fiscalYear, input.fiscalYear),
            eq(bankReports.month, input.month),
            eq(bankReports.programCode, input.programCode),
          ),
        );
      throw new AppError('record.duplicate', {
        detail: { fa: 'گزارش این ماه و این محل تسهیلات برای این بانک ثبت شده است؛ آن را ویرایش کنید', en: "This bank's report for the month and program exists; edit it instead" },
        extra: existing ? { existing: { id: existing.id } } : {},
      });
    }
    throw e;
  }
}

export async function updateBankReport(
  ctx: ServiceContext,
  id: string,
  input: { directCount?: number | undefined; directAmount?: bigint | undefined; note?: string | null | undefined },
  expected: ExpectedVersion,
): Promise<BankReport> {
  const scope = bankReportScopeOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const [locked] = await tx.select({ version: bankReports.version }).from(bankReports).where(and(conditions(scope, {}), eq(bankReports.id, id))).for('update');
    const before = locked ? await findReport(tx, scope, id) : undefined;
    if (!locked || !before) throw new AppError('record.not_found');
    assertVersion(locked.version, expected, before);
    await tx
      .update(bankReports)
      .set({
        ...(input.directCount !== undefined ? { directCount: input.directCount } : {}),
        ...(input.directAmount !== undefined ? { directAmount: input.directAmount } : {}),
        ...(input.note !== undefined ? { note: input.note } : {}),
        version: locked.version + 1,
        updatedAt: ctx.now(),
      })
      .where(eq(bankReports.id, id));
    const after = (await findReport(tx, scope, id))!;
    await recordAudit(tx, ctx, { action: 'bank_report.update', entityType: 'bank_report', entityId: id, provinceId: scope.provinceId, before, after });
    return after;
  });
}

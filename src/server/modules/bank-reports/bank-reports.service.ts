/**
 * Bank reports (گزارش عملکرد بانک): per bank, fiscal year, month and program, the loans a bank paid directly,
 * outside referrals. A bank enters and corrects its own; the secretariat any bank's. These figures are
 * never mixed into referral payments: they are "paid directly", beside "paid through referral".
 */
import { type ServiceContext, msg } from '../../context.js';
import { isUniqueViolation, type ExpectedVersion } from '../../db/concurrency.js';
import { editVersioned } from '../../domain/versioned-edit.js';
import { definedOnly } from '../../db/rows.js';
import { AppError, type FieldError } from '../../../shared/errors.js';
import { tehranDate, toJalali } from '../../../shared/jalali.js';
import type { BankReport, CreateBankReportInput, ListBankReportsQuery } from '../../../shared/contracts/referrals.js';
import { recordAudit } from '../audit/audit.service.js';

import {
  bankExists,
  findReport,
  findReportIdFor,
  findReports,
  insertReport,
  lockReportVersion,
  programExists,
  updateReportRow,
  type BankReportScope,
} from './bank-reports.repo.js';

export function bankReportScopeOf(ctx: ServiceContext): BankReportScope {
  const { provinceId, role } = ctx.actor;
  if (!provinceId || role === 'national') throw new AppError('record.not_found');
  return role === 'bank' ? { provinceId, bankId: ctx.actor.bankId ?? '-' } : { provinceId };
}


export async function listBankReports(ctx: ServiceContext, q: ListBankReportsQuery) {
  const scope = bankReportScopeOf(ctx);
  const { items, total } = await findReports(ctx.db, scope, q);
  return { items, total, page: q.page, pageSize: q.pageSize };
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
        if (!(await bankExists(tx, bankId))) errors.push({ path: 'bankId', message: msg(ctx, 'بانک ناشناخته است', 'Unknown bank') });
      }
      if (!(await programExists(tx, input.programCode))) errors.push({ path: 'programCode', message: msg(ctx, 'محل تسهیلات ناشناخته است', 'Unknown facility program') });
      if (errors.length) throw new AppError('validation.failed', { errors });
      const now = ctx.now();
      const id = await insertReport(tx, {
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
      });
      const report = (await findReport(tx, { provinceId: scope.provinceId }, id))!;
      await recordAudit(tx, ctx, { action: 'bank_report.create', entityType: 'bank_report', entityId: report.id, provinceId: scope.provinceId, after: report });
      return report;
    });
  } catch (e) {
    if (isUniqueViolation(e)) {
      const existing = await findReportIdFor(ctx.db, scope.provinceId, { ...input, bankId: bankId! });
      throw new AppError('record.duplicate', {
        detail: { fa: 'گزارش این ماه و این محل تسهیلات برای این بانک ثبت شده است؛ آن را ویرایش کنید', en: "This bank's report for the month and program exists; edit it instead" },
        extra: existing ? { existing: { id: existing } } : {},
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
  return editVersioned(ctx, expected, {
    lock: (tx) => lockReportVersion(tx, scope, id),
    read: (tx) => findReport(tx, scope, id),
    write: (tx, stamps) => updateReportRow(tx, id, { ...definedOnly(input), ...stamps }),
    audit: { action: 'bank_report.update', entityType: 'bank_report', entityId: id, provinceId: scope.provinceId },
  });
}

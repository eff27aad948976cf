/**
 * Quotas (سهمیه): the amount allotted per fiscal year × program to the province, a bank or an agency,
 * entered by the secretariat and read by everyone in the province (a bank only its own rows). Each row
 * comes with what has been absorbed against it — paid through referrals, and paid directly by banks
 * (their monthly reports) — always as separate figures, never added together.
 */
import { type ServiceContext, msg } from '../../context.js';
import type { DbOrTx } from '../../db/client.js';
import { isUniqueViolation, type ExpectedVersion } from '../../db/concurrency.js';
import { editVersioned } from '../../domain/versioned-edit.js';
import { definedOnly } from '../../db/rows.js';
import { AppError, type FieldError } from '../../../shared/errors.js';
import type { CreateQuotaInput, ListQuotasQuery, Quota } from '../../../shared/contracts/referrals.js';
import { recordAudit } from '../audit/audit.service.js';

import { findQuota, findQuotaIdFor, findQuotas, insertQuota, lockQuotaVersion, missingQuotaRefs, updateQuotaRow, type QuotaScope } from './quotas.repo.js';

export function quotaScopeOf(ctx: ServiceContext): QuotaScope {
  const { provinceId, role } = ctx.actor;
  if (!provinceId || role === 'national') throw new AppError('record.not_found');
  return role === 'bank' ? { provinceId, bankId: ctx.actor.bankId ?? '-' } : { provinceId };
}


export async function listQuotas(ctx: ServiceContext, q: ListQuotasQuery) {
  const { items, total } = await findQuotas(ctx.db, quotaScopeOf(ctx), q);
  return { items, total, page: q.page, pageSize: q.pageSize };
}

async function checkRefs(db: DbOrTx, ctx: ServiceContext, v: { programCode: string; bankId?: string | null | undefined; agencyId?: string | null | undefined }) {
  const errors: FieldError[] = [];
  const missing = await missingQuotaRefs(db, v);
  if (missing.program) errors.push({ path: 'programCode', message: msg(ctx, 'محل تسهیلات ناشناخته است', 'Unknown facility program') });
  if (missing.bank) errors.push({ path: 'bankId', message: msg(ctx, 'بانک ناشناخته است', 'Unknown bank') });
  if (missing.agency) errors.push({ path: 'agencyId', message: msg(ctx, 'دستگاه ناشناخته است', 'Unknown agency') });
  if (errors.length) throw new AppError('validation.failed', { errors });
}

export async function createQuota(ctx: ServiceContext, input: CreateQuotaInput): Promise<Quota> {
  const scope = quotaScopeOf(ctx);
  try {
    return await ctx.db.transaction(async (tx) => {
      await checkRefs(tx, ctx, input);
      const now = ctx.now();
      const id = await insertQuota(tx, {
          provinceId: scope.provinceId,
          fiscalYear: input.fiscalYear,
          programCode: input.programCode,
          bankId: input.bankId ?? null,
          agencyId: input.agencyId ?? null,
          amount: input.amount,
          note: input.note ?? null,
          createdAt: now,
          updatedAt: now,
      });
      const quota = (await findQuota(tx, scope, id))!;
      await recordAudit(tx, ctx, { action: 'quota.create', entityType: 'quota', entityId: quota.id, provinceId: scope.provinceId, after: quota });
      return quota;
    });
  } catch (e) {
    if (isUniqueViolation(e)) {
      const existing = await findQuotaIdFor(ctx.db, scope.provinceId, input);
      throw new AppError('record.duplicate', {
        detail: { fa: 'برای همین سال، محل تسهیلات، بانک و دستگاه سهمیه ثبت شده است؛ آن را ویرایش کنید', en: 'A quota for this year, program, bank and agency exists; edit it instead' },
        extra: existing ? { existing: { id: existing } } : {},
      });
    }
    throw e;
  }
}

export async function updateQuota(ctx: ServiceContext, id: string, input: { amount?: bigint | undefined; note?: string | null | undefined }, expected: ExpectedVersion): Promise<Quota> {
  const scope = quotaScopeOf(ctx);
  return editVersioned(ctx, expected, {
    lock: (tx) => lockQuotaVersion(tx, scope, id),
    read: (tx) => findQuota(tx, scope, id),
    write: (tx, stamps) => updateQuotaRow(tx, id, { ...definedOnly(input), ...stamps }),
    audit: { action: 'quota.update', entityType: 'quota', entityId: id, provinceId: scope.provinceId },
  });
}

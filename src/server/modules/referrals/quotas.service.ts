/**
 * Quotas (سهمیه): the amount allotted per fiscal year × program to the province, a bank or an agency,
 * entered by the secretariat and read by everyone in the province (a bank only its own rows). Each row
 * comes with what has been absorbed against it — paid through referrals, and paid directly by banks
 * (their monthly reports) — always as separate figures, never added together.
 */
import { and, asc, eq, gte, inArray, isNull, lte, sql, type SQL } from 'drizzle-orm';
import type { ServiceContext } from '../../context.js';
import type { DbOrTx } from '../../db/client.js';
import { agencies, bankReports, banks, programs, quotas, referrals } from '../../db/schema.js';
import { assertVersion, isUniqueViolation, type ExpectedVersion } from '../../db/concurrency.js';
import { AppError, type FieldError } from '../../../shared/errors.js';
import { fiscalYearRange, tehranDayStart, addDays } from '../../../shared/jalali.js';
import { ratio } from '../../../shared/money.js';
import type { CreateQuotaInput, ListQuotasQuery, Quota } from '../../../shared/contracts/referrals.js';
import { recordAudit } from '../audit/audit.service.js';

interface QuotaScope {
  provinceId: string;
  bankId?: string;
}

export function quotaScopeOf(ctx: ServiceContext): QuotaScope {
  const { provinceId, role } = ctx.actor;
  if (!provinceId || role === 'national') throw new AppError('record.not_found');
  return role === 'bank' ? { provinceId, bankId: ctx.actor.bankId ?? '-' } : { provinceId };
}

const msg = (ctx: ServiceContext, fa: string, en: string) => (ctx.lang === 'en' ? en : fa);

function selectQuotas(db: DbOrTx) {
  return db
    .select({ q: quotas, programName: programs.name, bankName: banks.name, agencyName: agencies.name })
    .from(quotas)
    .innerJoin(programs, eq(programs.code, quotas.programCode))
    .leftJoin(banks, eq(banks.id, quotas.bankId))
    .leftJoin(agencies, eq(agencies.id, quotas.agencyId));
}

type QuotaJoined = Awaited<ReturnType<ReturnType<typeof selectQuotas>['where']>>[number];

interface Usage {
  /** key `${program}|${bank}|${agency}` → [paid via referral, approved via referral] */
  referral: Map<string, [bigint, bigint]>;
  /** key `${program}|${bank}` → paid directly */
  direct: Map<string, bigint>;
}

/** Paid and approved through referrals, and paid directly, in a fiscal year, by program × bank × agency. */
async function usageOf(db: DbOrTx, provinceId: string, fiscalYear: number): Promise<Usage> {
  const { from, to } = fiscalYearRange(fiscalYear);
  const start = tehranDayStart(from);
  const end = tehranDayStart(addDays(to, 1));
  const [paid, approved, direct] = await Promise.all([
    db
      .select({ program: referrals.programCode, bank: referrals.bankId, agency: referrals.agencyId, amount: sql<string>`sum(${referrals.paidAmount})::text` })
      .from(referrals)
      .where(and(eq(referrals.provinceId, provinceId), eq(referrals.status, 'paid'), gte(referrals.paidDate, from), lte(referrals.paidDate, to)))
      .groupBy(referrals.programCode, referrals.bankId, referrals.agencyId),
    db
      .select({ program: referrals.programCode, bank: referrals.bankId, agency: referrals.agencyId, amount: sql<string>`sum(${referrals.approvedAmount})::text` })
      .from(referrals)
      .where(
        and(
          eq(referrals.provinceId, provinceId),
          inArray(referrals.status, ['approved', 'paid']),
          gte(referrals.decidedAt, start),
          sql`${referrals.decidedAt} < ${end}`,
        ),
      )
      .groupBy(referrals.programCode, referrals.bankId, referrals.agencyId),
    db
      .select({ program: bankReports.programCode, bank: bankReports.bankId, amount: sql<string>`sum(${bankReports.directAmount})::text` })
      .from(bankReports)
      .where(and(eq(bankReports.provinceId, provinceId), eq(bankReports.fiscalYear, fiscalYear)))
      .groupBy(bankReports.programCode, bankReports.bankId),
  ]);
  const usage: Usage = { referral: new Map(), direct: new Map() };
  const add = (k: string, i: 0 | 1, v: bigint) => {
    const cur = usage.referral.get(k) ?? [0n, 0n];
    cur[i] += v;
    usage.referral.set(k, cur);
  };
  for (const r of paid) add(`${r.program}|${r.bank}|${r.agency}`, 0, BigInt(r.amount ?? '0'));
  for (const r of approved) add(`${r.program}|${r.bank}|${r.agency}`, 1, BigInt(r.amount ?? '0'));
  for (const r of direct) usage.direct.set(`${r.program}|${r.bank}`, BigInt(r.amount ?? '0'));
  return usage;
}

function toQuota(j: QuotaJoined, usage: Usage | undefined): Quota {
  const q = j.q;
  let paidViaReferral = 0n;
  let approvedViaReferral = 0n;
  let paidDirect = 0n;
  if (usage) {
    for (const [k, [p, a]] of usage.referral) {
      const [program, bank, agency] = k.split('|');
      if (program !== q.programCode || (q.bankId && bank !== q.bankId) || (q.agencyId && agency !== q.agencyId)) continue;
      paidViaReferral += p;
      approvedViaReferral += a;
    }
    // Direct loans have no referring agency: an agency's quota has none against it.
    if (!q.agencyId)
      for (const [k, v] of usage.direct) {
        const [program, bank] = k.split('|');
        if (program === q.programCode && (!q.bankId || bank === q.bankId)) paidDirect += v;
      }
  }
  return {
    id: q.id,
    version: q.version,
    createdAt: q.createdAt.toISOString(),
    updatedAt: q.updatedAt.toISOString(),
    provinceId: q.provinceId,
    fiscalYear: q.fiscalYear,
    programCode: q.programCode,
    programName: j.programName,
    bankId: q.bankId,
    bankName: j.bankName,
    agencyId: q.agencyId,
    agencyName: j.agencyName,
    amount: q.amount.toString(),
    note: q.note,
    paidViaReferral: paidViaReferral.toString(),
    approvedViaReferral: approvedViaReferral.toString(),
    paidDirect: paidDirect.toString(),
    usedRate: ratio(paidViaReferral, q.amount),
  };
}

function quotaConditions(scope: QuotaScope, q: Partial<ListQuotasQuery>): SQL {
  const where: SQL[] = [eq(quotas.provinceId, scope.provinceId)];
  if (scope.bankId !== undefined) where.push(eq(quotas.bankId, scope.bankId));
  if (q.fiscalYear) where.push(eq(quotas.fiscalYear, q.fiscalYear));
  if (q.programCode) where.push(eq(quotas.programCode, q.programCode));
  if (q.bankId) where.push(eq(quotas.bankId, q.bankId));
  if (q.agencyId) where.push(eq(quotas.agencyId, q.agencyId));
  return and(...where)!;
}

async function withUsage(db: DbOrTx, provinceId: string, rows: QuotaJoined[]): Promise<Quota[]> {
  const years = [...new Set(rows.map((r) => r.q.fiscalYear))];
  const usage = new Map<number, Usage>();
  for (const y of years) usage.set(y, await usageOf(db, provinceId, y));
  return rows.map((r) => toQuota(r, usage.get(r.q.fiscalYear)));
}

export async function listQuotas(ctx: ServiceContext, q: ListQuotasQuery) {
  const scope = quotaScopeOf(ctx);
  const cond = quotaConditions(scope, q);
  const [rows, total] = await Promise.all([
    selectQuotas(ctx.db)
      .where(cond)
      .orderBy(sql`${quotas.fiscalYear} desc`, asc(quotas.programCode), sql`${quotas.bankId} nulls first`, sql`${quotas.agencyId} nulls first`, asc(quotas.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    ctx.db.select({ n: sql<number>`count(*)::int` }).from(quotas).where(cond),
  ]);
  return { items: await withUsage(ctx.db, scope.provinceId, rows), total: total[0]?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

async function findQuota(db: DbOrTx, scope: QuotaScope, id: string): Promise<Quota | undefined> {
  const [row] = await selectQuotas(db).where(and(quotaConditions(scope, {}), eq(quotas.id, id)));
  return row ? (await withUsage(db, scope.provinceId, [row]))[0] : undefined;
}

async function checkRefs(db: DbOrTx, ctx: ServiceContext, v: { programCode: string; bankId?: string | null | undefined; agencyId?: string | null | undefined }) {
  const errors: FieldError[] = [];
  const [program] = await db.select({ code: programs.code }).from(programs).where(eq(programs.code, v.programCode));
  if (!program) errors.push({ path: 'programCode', message: msg(ctx, 'محل تسهیلات ناشناخته است', 'Unknown facility program') });
  if (v.bankId) {
    const [bank] = await db.select({ id: banks.id }).from(banks).where(eq(banks.id, v.bankId));
    if (!bank) errors.push({ path: 'bankId', message: msg(ctx, 'بانک ناشناخته است', 'Unknown bank') });
  }
  if (v.agencyId) {
    const [agency] = await db.select({ id: agencies.id }).from(agencies).where(eq(agencies.id, v.agencyId));
    if (!agency) errors.push({ path: 'agencyId', message: msg(ctx, 'دستگاه ناشناخته است', 'Unknown agency') });
  }
  if (errors.length) throw new AppError('validation.failed', { errors });
}

export async function createQuota(ctx: ServiceContext, input: CreateQuotaInput): Promise<Quota> {
  const scope = quotaScopeOf(ctx);
  try {
    return await ctx.db.transaction(async (tx) => {
      await checkRefs(tx, ctx, input);
      const now = ctx.now();
      const [row] = await tx
        .insert(quotas)
        .values({
          provinceId: scope.provinceId,
          fiscalYear: input.fiscalYear,
          programCode: input.programCode,
          bankId: input.bankId ?? null,
          agencyId: input.agencyId ?? null,
          amount: input.amount,
          note: input.note ?? null,
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: quotas.id });
      const quota = (await findQuota(tx, scope, row!.id))!;
      await recordAudit(tx, ctx, { action: 'quota.create', entityType: 'quota', entityId: quota.id, provinceId: scope.provinceId, after: quota });
      return quota;
    });
  } catch (e) {
    if (isUniqueViolation(e)) {
      const [existing] = await ctx.db
        .select({ id: quotas.id })
        .from(quotas)
        .where(
          and(
            eq(quotas.provinceId, scope.provinceId),
            eq(quotas.fiscalYear, input.fiscalYear),
            eq(quotas.programCode, input.programCode),
            input.bankId ? eq(quotas.bankId, input.bankId) : isNull(quotas.bankId),
            input.agencyId ? eq(quotas.agencyId, input.agencyId) : isNull(quotas.agencyId),
          ),
        );
      throw new AppError('record.duplicate', {
        detail: { fa: 'برای همین سال، محل تسهیلات، بانک و دستگاه سهمیه ثبت شده است؛ آن را ویرایش کنید', en: 'A quota for this year, program, bank and agency exists; edit it instead' },
        extra: existing ? { existing: { id: existing.id } } : {},
      });
    }
    throw e;
  }
}

export async function updateQuota(ctx: ServiceContext, id: string, input: { amount?: bigint | undefined; note?: string | null | undefined }, expected: ExpectedVersion): Promise<Quota> {
  const scope = quotaScopeOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const [locked] = await tx.select({ version: quotas.version }).from(quotas).where(and(quotaConditions(scope, {}), eq(quotas.id, id))).for('update');
    const before = locked ? await findQuota(tx, scope, id) : undefined;
    if (!locked || !before) throw new AppError('record.not_found');
    assertVersion(locked.version, expected, before);
    await tx
      .update(quotas)
      .set({
        ...(input.amount !== undefined ? { amount: input.amount } : {}),
        ...(input.note !== undefined ? { note: input.note } : {}),
        version: locked.version + 1,
        updatedAt: ctx.now(),
      })
      .where(eq(quotas.id, id));
    const after = (await findQuota(tx, scope, id))!;
    await recordAudit(tx, ctx, { action: 'quota.update', entityType: 'quota', entityId: id, provinceId: scope.provinceId, before, after });
    return after;
  });
}

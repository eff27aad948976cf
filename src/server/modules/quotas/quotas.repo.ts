/** SQL for quotas, and what has been paid against them (through referrals, and directly by banks). */
import { and, asc, eq, gte, inArray, isNull, lte, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { agencies, bankReports, banks, programs, quotas, referrals } from '../../db/schema.js';
import { fiscalYearRange, tehranDayStart, addDays } from '../../../shared/jalali.js';
import { ratio } from '../../../shared/money.js';
import type { ListQuotasQuery, Quota } from '../../../shared/contracts/referrals.js';
import { stampsOf } from '../../db/stamps.js';
import { pick, insertReturningId } from '../../db/rows.js';

export interface QuotaScope {
  provinceId: string;
  bankId?: string;
}

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
    amount: q.amount.toString(),
    ...stampsOf(q),
    ...pick(q, ['provinceId', 'fiscalYear', 'programCode', 'bankId', 'agencyId', 'note']),
    ...pick(j, ['programName', 'bankName', 'agencyName']),
    paidViaReferral: paidViaReferral.toString(),
    approvedViaReferral: approvedViaReferral.toString(),
    paidDirect: paidDirect.toString(),
    usedRate: ratio(paidViaReferral, q.amount),
  };
}

export function quotaConditions(scope: QuotaScope, q: Partial<ListQuotasQuery>): SQL {
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

export async function findQuota(db: DbOrTx, scope: QuotaScope, id: string): Promise<Quota | undefined> {
  const [row] = await selectQuotas(db).where(and(quotaConditions(scope, {}), eq(quotas.id, id)));
  return row ? (await withUsage(db, scope.provinceId, [row]))[0] : undefined;
}

/** A page of quotas in scope, each with its usage, and how many there are. */
export async function findQuotas(db: DbOrTx, scope: QuotaScope, q: ListQuotasQuery) {
  const cond = quotaConditions(scope, q);
  const [rows, total] = await Promise.all([
    selectQuotas(db)
      .where(cond)
      .orderBy(sql`${quotas.fiscalYear} desc`, asc(quotas.programCode), sql`${quotas.bankId} nulls first`, sql`${quotas.agencyId} nulls first`, asc(quotas.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(quotas).where(cond),
  ]);
  return { items: await withUsage(db, scope.provinceId, rows), total: total[0]?.n ?? 0 };
}

/** Which of a quota's references do not exist. */
export async function missingQuotaRefs(db: DbOrTx, v: { programCode: string; bankId?: string | null | undefined; agencyId?: string | null | undefined }) {
  const [program] = await db.select({ code: programs.code }).from(programs).where(eq(programs.code, v.programCode));
  const [bank] = v.bankId ? await db.select({ id: banks.id }).from(banks).where(eq(banks.id, v.bankId)) : [{}];
  const [agency] = v.agencyId ? await db.select({ id: agencies.id }).from(agencies).where(eq(agencies.id, v.agencyId)) : [{}];
  return { program: !program, bank: !bank, agency: !agency };
}

export async function insertQuota(tx: DbOrTx, values: typeof quotas.$inferInsert): Promise<string> {
  return insertReturningId(tx, quotas, values);
}

/** The quota already holding this year × program × bank × agency. */
export async function findQuotaIdFor(
  db: DbOrTx,
  provinceId: string,
  k: { fiscalYear: number; programCode: string; bankId?: string | null | undefined; agencyId?: string | null | undefined },
): Promise<string | undefined> {
  const [existing] = await db
    .select({ id: quotas.id })
    .from(quotas)
    .where(
      and(
        eq(quotas.provinceId, provinceId),
        eq(quotas.fiscalYear, k.fiscalYear),
        eq(quotas.programCode, k.programCode),
        k.bankId ? eq(quotas.bankId, k.bankId) : isNull(quotas.bankId),
        k.agencyId ? eq(quotas.agencyId, k.agencyId) : isNull(quotas.agencyId),
      ),
    );
  return existing?.id;
}

/** Locks a quota in scope (FOR UPDATE) and reads its version. */
export async function lockQuotaVersion(tx: DbOrTx, scope: QuotaScope, id: string): Promise<{ version: number } | undefined> {
  const [locked] = await tx.select({ version: quotas.version }).from(quotas).where(and(quotaConditions(scope, {}), eq(quotas.id, id))).for('update');
  return locked;
}

export async function updateQuotaRow(tx: DbOrTx, id: string, set: Partial<typeof quotas.$inferInsert>): Promise<void> {
  await tx.update(quotas).set(set).where(eq(quotas.id, id));
}

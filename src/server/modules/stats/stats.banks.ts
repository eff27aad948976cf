/**
 * Comparative statistics, computed from the records on every request — never stored by hand.
 * A reporting module: it reads other modules' tables directly (read-only aggregates), through the
 * metric definitions of stats.metrics.ts that the drill-down shares.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { ServiceContext } from '../../context.js';
import { bankReports, banks, quotas, referrals, rejectionReasons } from '../../db/schema.js';
import { ratio, rialsToJson } from '../../../shared/money.js';
import { toJalali } from '../../../shared/jalali.js';
import type { BankRow, StatsQuery } from '../../../shared/contracts/stats.js';
import { daysToDecision, daysToPayment, referralBase, referralMetric, type ReferralMetric } from './stats.metrics.js';
import { fiscalYearsOf, monthKeysOf, statsScope, type StatsScope } from './stats.scope.js';
import { big, rowsOf } from './stats.sql.js';
import { countDays, medianOf, type DayCounts } from './stats.median.js';

const BANK_COUNTS: ReferralMetric[] = ['referred', 'received', 'decided', 'approved', 'rejected', 'paid', 'withdrawn', 'open', 'overdue'];

export const BANK_DEFINITIONS = {
  referred: { fa: 'معرفی‌های با تاریخ معرفی در بازه', en: 'Referrals dated within the period' },
  received: { fa: 'معرفی‌هایی که بانک وصول آن را اعلام کرده است', en: 'Referrals the bank acknowledged' },
  decided: { fa: 'تصمیم‌گرفته: مصوب، پرداخت‌شده یا ردشده', en: 'Decided: approved, paid or rejected' },
  approved: { fa: 'مصوب یا پرداخت‌شده', en: 'Approved or paid' },
  approvalRate: { fa: 'نرخ تصویب = (مصوب + پرداخت‌شده) ÷ تصمیم‌گرفته', en: 'Approval rate = approved-or-paid ÷ decided' },
  medianDaysToDecision: { fa: 'میانهٔ روزها از وصول تا تصمیم', en: 'Median days from receipt to decision' },
  medianDaysToPayment: { fa: 'میانهٔ روزها از تصویب تا پرداخت', en: 'Median days from approval to payment' },
  overdue: { fa: 'معرفی‌های باز که از مهلت وصول یا تصمیم گذشته‌اند', en: 'Open referrals past their receipt or decision deadline' },
  quotaUsedRate: { fa: 'جذب سهمیه = پرداخت از مسیر معرفی ÷ سهمیهٔ بانک', en: 'Quota absorption = paid through referral ÷ the bank quota' },
  directAmount: { fa: 'پرداخت مستقیم بانک (خارج از معرفی)، طبق گزارش ماهانهٔ بانک؛ جدا از پرداخت از مسیر معرفی', en: "Paid directly by the bank (outside referrals), from the bank's monthly reports; kept apart" },
};

interface BankAgg {
  bank_id: string;
  referred: number;
  received: number;
  decided: number;
  approved: number;
  rejected: number;
  paid: number;
  withdrawn: number;
  open: number;
  overdue: number;
  requested_amount: string;
  approved_amount: string;
  paid_amount: string;
}

/** One scan for the banks and the province total: GROUPING SETS ((bank), ()) — the total row has bank_id null. */
function bankAggregateSql(s: StatsScope): SQL {
  const m = (k: ReferralMetric) => referralMetric(k, s.mc);
  const counts = sql.join(
    BANK_COUNTS.map((k) => sql`(count(*) filter (where ${m(k)}))::int as ${sql.identifier(k)}`),
    sql`, `,
  );
  return sql`select ${referrals.bankId} as bank_id, ${counts},
      coalesce(sum(${referrals.requestedAmount}), 0)::text as requested_amount,
      coalesce(sum(${referrals.approvedAmount}) filter (where ${m('approved')}), 0)::text as approved_amount,
      coalesce(sum(${referrals.paidAmount}) filter (where ${m('paid')}), 0)::text as paid_amount
    from ${referrals} where ${referralBase(s.filter)} group by grouping sets ((${referrals.bankId}), ())`;
}

/** Per bank, how many decisions took each number of days, and how many payments — the medians are read from these. */
function bankDaysSql(s: StatsScope): SQL {
  const m = (k: ReferralMetric) => referralMetric(k, s.mc);
  return sql`select bank_id, decision_days, payment_days, count(*)::int as n from (
      select ${referrals.bankId} as bank_id, ${daysToDecision} as decision_days, case when ${m('paid')} then ${daysToPayment} end as payment_days
      from ${referrals} where ${referralBase(s.filter)} and ${m('decided')} and ${referrals.decidedAt} is not null) x
    group by grouping sets ((bank_id, decision_days), (bank_id, payment_days))`;
}

function mergedCounts(all: Map<string, DayCounts>): DayCounts {
  const merged: DayCounts = new Map();
  for (const counts of all.values()) for (const [d, n] of counts) merged.set(d, (merged.get(d) ?? 0) + n);
  return merged;
}

export async function bankStats(ctx: ServiceContext, q: StatsQuery) {
  const s = await statsScope(ctx, q, { deadlines: true });
  const years = fiscalYearsOf(s);
  const months = monthKeysOf(s.period.from, s.period.to, toJalali);
  const program = q.programCode ? sql`and ${quotas.programCode} = ${q.programCode}` : sql``;
  const reportProgram = q.programCode ? sql`and ${bankReports.programCode} = ${q.programCode}` : sql``;
  const [grouped, dayRows, reasons, quotaRows, provinceQuota, direct, bankNames] = await Promise.all([
    rowsOf<BankAgg & { bank_id: string | null }>(ctx.db, bankAggregateSql(s)),
    rowsOf<{ bank_id: string; decision_days: number | null; payment_days: number | null; n: number }>(ctx.db, bankDaysSql(s)),
    rowsOf<{ bank_id: string; code: string; name: string; name_en: string; n: number; written: number }>(
      ctx.db,
      sql`select ${referrals.bankId} as bank_id, ${referrals.reasonCode} as code, ${rejectionReasons.name} as name, ${rejectionReasons.nameEn} as name_en,
            count(*)::int as n,
            (count(*) filter (where coalesce(btrim(${referrals.reasonText}), '') <> '' and coalesce(btrim(${referrals.reasonLetterNo}), '') <> '' and ${referrals.reasonLetterDate} is not null))::int as written
          from ${referrals} left join ${rejectionReasons} on ${rejectionReasons.code} = ${referrals.reasonCode}
          where ${referralBase(s.filter)} and ${referralMetric('rejected', s.mc)}
          group by ${referrals.bankId}, ${referrals.reasonCode}, ${rejectionReasons.name}, ${rejectionReasons.nameEn}
          order by n desc`,
    ),
    rowsOf<{ bank_id: string; amount: string }>(
      ctx.db,
      sql`select ${quotas.bankId} as bank_id, sum(${quotas.amount})::text as amount from ${quotas}
          where ${quotas.provinceId} = ${s.filter.provinceId} and ${quotas.fiscalYear} in ${years} and ${quotas.bankId} is not null and ${quotas.agencyId} is null ${program}
          group by ${quotas.bankId}`,
    ),
    rowsOf<{ amount: string | null }>(
      ctx.db,
      sql`select sum(${quotas.amount})::text as amount from ${quotas}
          where ${quotas.provinceId} = ${s.filter.provinceId} and ${quotas.fiscalYear} in ${years} and ${quotas.bankId} is null and ${quotas.agencyId} is null ${program}`,
    ),
    rowsOf<{ bank_id: string; n: number; amount: string }>(
      ctx.db,
      sql`select ${bankReports.bankId} as bank_id, coalesce(sum(${bankReports.directCount}), 0)::int as n, coalesce(sum(${bankReports.directAmount}), 0)::text as amount
          from ${bankReports}
          where ${bankReports.provinceId} = ${s.filter.provinceId} and (${bankReports.fiscalYear} * 100 + ${bankReports.month}) between ${months.first} and ${months.last} ${reportProgram}
          group by ${bankReports.bankId}`,
    ),
    ctx.db.select().from(banks),
  ]);

  const names = new Map(bankNames.map((b) => [b.id, b]));
  const decisionDays = new Map<string, DayCounts>();
  const paymentDays = new Map<string, DayCounts>();
  for (const r of dayRows) {
    countDays(decisionDays, r.bank_id, r.decision_days, r.n);
    countDays(paymentDays, r.bank_id, r.payment_days, r.n);
  }
  const totalAgg = grouped.find((a) => a.bank_id === null);
  const aggBy = new Map(grouped.filter((a) => a.bank_id !== null).map((a) => [a.bank_id!, a]));
  const quotaBy = new Map(quotaRows.map((r) => [r.bank_id, big(r.amount)]));
  const directBy = new Map(direct.map((r) => [r.bank_id, r]));
  const ids = new Set([...aggBy.keys(), ...quotaBy.keys(), ...directBy.keys()]);

  const rowOf = (a: BankAgg | undefined, days: { decision: DayCounts | undefined; payment: DayCounts | undefined }, quota: bigint, d: { n: number; amount: string } | undefined, reasonRows: typeof reasons) => {
    const paidAmount = big(a?.paid_amount);
    const rejected = a?.rejected ?? 0;
    return {
      referred: a?.referred ?? 0,
      received: a?.received ?? 0,
      decided: a?.decided ?? 0,
      approved: a?.approved ?? 0,
      rejected,
      paid: a?.paid ?? 0,
      withdrawn: a?.withdrawn ?? 0,
      open: a?.open ?? 0,
      overdue: a?.overdue ?? 0,
      requestedAmount: rialsToJson(big(a?.requested_amount)),
      approvedAmount: rialsToJson(big(a?.approved_amount)),
      paidAmount: rialsToJson(paidAmount),
      approvalRate: ratio(BigInt(a?.approved ?? 0), BigInt(a?.decided ?? 0)),
      medianDaysToDecision: medianOf(days.decision),
      medianDaysToPayment: medianOf(days.payment),
      quotaAmount: rialsToJson(quota),
      quotaUsedRate: ratio(paidAmount, quota),
      directCount: d?.n ?? 0,
      directAmount: rialsToJson(big(d?.amount)),
      rejectionsWithWrittenReason: reasonRows.reduce((sum, r) => sum + r.written, 0),
      rejectionReasons: mergeReasons(reasonRows, ctx.lang === 'en'),
    };
  };

  const items: BankRow[] = [...ids].map((id) => {
    const b = names.get(id);
    return {
      bankId: id,
      bankName: b?.name ?? id,
      bankNameEn: b?.nameEn ?? id,
      ...rowOf(aggBy.get(id), { decision: decisionDays.get(id), payment: paymentDays.get(id) }, quotaBy.get(id) ?? 0n, directBy.get(id), reasons.filter((r) => r.bank_id === id)),
      rankByPaid: null,
      rankByApproval: null,
    };
  });
  rank(items, (r) => big(r.paidAmount), (r, i) => (r.rankByPaid = i));
  rank(items.filter((r) => r.approvalRate !== null), (r) => r.approvalRate!, (r, i) => (r.rankByApproval = i));
  items.sort((a, b) => (a.rankByPaid ?? 999) - (b.rankByPaid ?? 999) || a.bankId.localeCompare(b.bankId));

  const bankQuotaSum = [...quotaBy.values()].reduce((x, y) => x + y, 0n);
  const provinceQuotaAmount = provinceQuota[0]?.amount ? big(provinceQuota[0].amount) : bankQuotaSum;
  const directTotal = { n: direct.reduce((x, r) => x + r.n, 0), amount: String(direct.reduce((x, r) => x + big(r.amount), 0n)) };
  const total = rowOf(totalAgg, { decision: mergedCounts(decisionDays), payment: mergedCounts(paymentDays) }, provinceQuotaAmount, directTotal, reasons);
  return { period: s.period, items, total, definitions: BANK_DEFINITIONS };
}

function mergeReasons(rows: { code: string; name: string; name_en: string; n: number }[], en: boolean) {
  const by = new Map<string, { code: string; name: string; count: number }>();
  for (const r of rows) {
    const cur = by.get(r.code) ?? { code: r.code, name: (en ? r.name_en : r.name) ?? r.code, count: 0 };
    cur.count += r.n;
    by.set(r.code, cur);
  }
  return [...by.values()].sort((a, b) => b.count - a.count);
}

/** Dense ranking, largest first (1 = best). */
function rank<T>(rows: T[], key: (r: T) => bigint | number, set: (r: T, rank: number) => void) {
  const sorted = [...rows].sort((a, b) => (key(b) > key(a) ? 1 : key(b) < key(a) ? -1 : 0));
  let rankNo = 0;
  let prev: bigint | number | undefined;
  for (const r of sorted) {
    const k = key(r);
    if (prev === undefined || k !== prev) rankNo++;
    prev = k;
    set(r, rankNo);
  }
}

import { z } from 'zod';
import { count, isoDate } from './common.js';

const money = z.string().describe('integer rials');
const rate = z.number().nullable().describe('0..1, null when the divisor is 0');
/** Read on a replica that lags behind the primary by more than a few seconds: the instant its data is current to. */
const asOf = z.string().optional().describe('ISO instant: present only when the figures were read on a lagging replica; they are current to this moment');

export const statsQuery = z.strictObject({
  period: z.string().max(20).optional().describe("a fiscal year '1405', a quarter '1405-Q3' or a Jalali month '1405-07'; default: the current fiscal year"),
  from: isoDate.optional(),
  to: isoDate.optional(),
  programCode: z.string().max(64).optional(),
  countyId: z.string().max(64).optional(),
  provinceId: z.string().max(64).optional().describe('national role only'),
});
export type StatsQuery = z.infer<typeof statsQuery>;

export const periodSchema = z.object({ from: isoDate, to: isoDate, key: z.string(), fiscalYear: z.number().int() });

export const bankRow = z.object({
  bankId: z.string(),
  bankName: z.string(),
  bankNameEn: z.string(),
  referred: count,
  received: count,
  decided: count,
  approved: count,
  rejected: count,
  paid: count,
  withdrawn: count,
  open: count,
  overdue: count,
  requestedAmount: money,
  approvedAmount: money,
  paidAmount: money,
  approvalRate: rate,
  medianDaysToDecision: z.number().nullable(),
  medianDaysToPayment: z.number().nullable(),
  quotaAmount: money,
  quotaUsedRate: rate,
  directCount: count.describe('loans the bank reports it paid directly, outside referrals'),
  directAmount: money,
  rejectionsWithWrittenReason: count,
  rejectionReasons: z.array(z.object({ code: z.string(), name: z.string(), count: count })),
  rankByPaid: z.number().int().nullable(),
  rankByApproval: z.number().int().nullable(),
});
export type BankRow = z.infer<typeof bankRow>;

export const bankStats = z.object({
  asOf,
  period: periodSchema,
  items: z.array(bankRow),
  total: bankRow.omit({ bankId: true, bankName: true, bankNameEn: true, rankByPaid: true, rankByApproval: true }),
  definitions: z.record(z.string(), z.object({ fa: z.string(), en: z.string() })),
});

export const scorePart = z.object({
  key: z.string(),
  label: z.object({ fa: z.string(), en: z.string() }),
  weight: z.number(),
  value: rate,
  numerator: count,
  denominator: count,
});

export const agencyRow = z.object({
  agencyId: z.string(),
  agencyName: z.string(),
  agencyNameEn: z.string(),
  demandsAssigned: count,
  demandsResolved: count,
  demandsResolvedOnTime: count,
  demandsOpen: count,
  demandsOverdue: count,
  onTimeRate: rate,
  medianDaysToResolve: z.number().nullable(),
  referralsMade: count,
  referralsFollowedUp: count,
  referralsFollowedUpRate: rate,
  resolutionsAssigned: count,
  resolutionsDue: count,
  resolutionsDone: count,
  resolutionsRate: rate,
  score: z.number().nullable(),
  scoreParts: z.array(scorePart),
  /**
   * Producers' ratings (1–5) of the agency's closed demands registered in the period — the same demands as the
   * row's other demand figures — and their mean (two decimals; null while none is rated). Not part of the score.
   */
  satisfaction: z.object({ count: count, mean: z.number().nullable() }),
});

export const scoreFormula = z.object({
  text: z.object({ fa: z.string(), en: z.string() }),
  weights: z.array(z.object({ key: z.string(), weight: z.number(), label: z.object({ fa: z.string(), en: z.string() }) })),
});

export const agencyStats = z.object({ asOf, period: periodSchema, items: z.array(agencyRow), formula: scoreFormula });

/** The loan-application figures of the overview's funnel (issue 11), in the funnel's order, then the side figures. */
export const LOAN_FUNNEL_FIGURES = ['applied', 'screened', 'approvedForReferral', 'referred', 'bankApproved', 'paid', 'returned', 'rejected', 'withdrawn', 'open'] as const;

const countBy = z.array(z.object({ key: z.string(), name: z.string(), count: count }));

export const overviewStats = z.object({
  asOf,
  period: periodSchema,
  units: z.object({ total: count, byStatus: z.record(z.string(), count) }),
  visits: z.object({ done: count, planned: count, target: count.nullable() }),
  demands: z.object({ total: count, overdue: count, byStatus: countBy, byCategory: countBy }),
  funnel: z.array(z.object({ stage: z.string(), count: count, amount: money })),
  applicationFunnel: z
    .array(z.object({ stage: z.enum(LOAN_FUNNEL_FIGURES), count: count, amount: money }))
    .describe("the national programs' funnel over the loan applications filed in the period: applied → screened → approved for referral → referred → approved by the bank → paid (amounts: requested, then the bank's approved and paid), with returned, rejected, withdrawn and open beside it"),
  resolutions: z.object({ all: count, due: count, done: count, inProgress: count, notDone: count, overdue: count, rateOfAll: rate, rateOfDue: rate }),
  pace: z.object({
    fiscalYear: z.number().int(),
    quotaAmount: money,
    paidAmount: money,
    directAmount: money,
    absorbedRate: rate,
    daysElapsed: count,
    daysLeft: count,
    daysInYear: count,
    forecastPaidAmount: money.describe('paid so far extended at the same daily pace to the end of Esfand'),
    forecastRate: rate,
  }),
  reported: z.array(z.lazy(() => reportedComparison)),
});

export const REPORTED_METRICS = [
  'referrals.paidAmount',
  'referrals.paidCount',
  'referrals.referredCount',
  'quota.amount',
  'quota.absorbedRate',
  'resolutions.rate',
  'resolutions.count',
  'resolutions.done',
  'units.registered',
] as const;

export const reportedFigure = z.object({
  id: z.string(),
  version: z.number().int(),
  metric: z.enum(REPORTED_METRICS),
  periodKey: z.string(),
  programCode: z.string().nullable(),
  value: z.string().describe('decimal; amounts in rials, rates as fractions 0..1'),
  source: z.string(),
  reportedOn: isoDate,
  note: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const createReportedFigure = z.strictObject({
  metric: z.enum(REPORTED_METRICS),
  periodKey: z.string().max(20),
  programCode: z.string().max(64).optional(),
  value: z.string().max(40).regex(/^[0-9۰-۹٠-٩.,٬٫ ]+$/, { message: 'v.money' }),
  source: z.string().trim().min(1, { message: 'v.required' }).max(300),
  reportedOn: isoDate,
  note: z.string().max(1000).optional(),
});

export const reportedComparison = z.object({
  metric: z.string(),
  periodKey: z.string(),
  programCode: z.string().nullable(),
  computed: z.string().nullable(),
  reported: z.array(reportedFigure),
  differences: z.array(z.object({ reportedId: z.string(), difference: z.string().nullable() })),
  conflict: z.boolean().describe('two reported figures for the same thing disagree'),
});

export const trendQuery = statsQuery.extend({
  metric: z.enum(['referred', 'paidAmount', 'paidCount', 'approvedAmount', 'rejected', 'demandsRegistered', 'demandsResolved', 'visitsDone', 'resolutionsDone']),
  granularity: z.enum(['month']).default('month'),
});

export const trendStats = z.object({
  asOf,
  metric: z.string(),
  period: periodSchema,
  points: z.array(z.object({ key: z.string(), year: z.number().int(), month: z.number().int(), from: isoDate, to: isoDate, value: z.string() })),
});

export const provinceRow = z.object({
  provinceId: z.string(),
  provinceName: z.string(),
  provinceNameEn: z.string(),
  units: count,
  referred: count,
  paid: count,
  paidAmount: money,
  quotaAmount: money,
  quotaUsedRate: rate,
  shareOfNationalQuota: rate,
  shareOfNationalPaid: rate,
});
export const provinceStats = z.object({ asOf, period: periodSchema, items: z.array(provinceRow), national: z.object({ quotaAmount: money, paidAmount: money, referred: count, paid: count }) });

export const countyRow = z.object({
  countyId: z.string(),
  countyName: z.string(),
  countyNameEn: z.string(),
  units: count.describe('units registered in the county (the register as it stands; the period does not apply)'),
  activeUnits: count.describe('active or semi-active'),
  idleUnits: count,
  visitsDone: count,
  demandsRegistered: count,
  demandsOpen: count,
  demandsOverdue: count,
  demandsResolved: count,
  referred: count,
  paidCount: count,
  paidAmount: money,
  medianDaysToDecision: z.number().nullable(),
});
export type CountyRow = z.infer<typeof countyRow>;

export const countyStats = z.object({
  period: periodSchema,
  provinceId: z.string(),
  items: z.array(countyRow),
  total: countyRow.omit({ countyId: true, countyName: true, countyNameEn: true }),
  definitions: z.record(z.string(), z.object({ fa: z.string(), en: z.string() })),
});

export const DRILL_SOURCES = ['referrals', 'demands', 'resolutions', 'units', 'visits', 'loan-applications'] as const;
/** Each county figure that counts records, and the drill-down source and metric that lists them: the counties page opens
 * them, and stats.counties.test.ts checks each count against its drill-down's total. */
export const COUNTY_DRILL = {
  units: { source: 'units', metric: 'all' },
  activeUnits: { source: 'units', metric: 'active' },
  idleUnits: { source: 'units', metric: 'idle' },
  visitsDone: { source: 'visits', metric: 'done' },
  demandsRegistered: { source: 'demands', metric: 'registered' },
  demandsOpen: { source: 'demands', metric: 'open' },
  demandsOverdue: { source: 'demands', metric: 'overdue' },
  demandsResolved: { source: 'demands', metric: 'resolved' },
  referred: { source: 'referrals', metric: 'referred' },
  paidCount: { source: 'referrals', metric: 'paid' },
} as const satisfies Record<string, { source: (typeof DRILL_SOURCES)[number]; metric: string }>;
export type CountyCountFigure = keyof typeof COUNTY_DRILL;

export const drilldownQuery = statsQuery.extend({
  source: z.enum(DRILL_SOURCES),
  metric: z.string().max(40),
  bankId: z.string().max(64).optional(),
  agencyId: z.string().max(64).optional(),
  status: z.string().max(40).optional(),
  categoryCode: z.string().max(64).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
export type DrilldownQuery = z.infer<typeof drilldownQuery>;

export const drilldownItem = z.object({
  id: z.string(),
  code: z.string(),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  title: z.string(),
  status: z.string(),
  date: isoDate,
  bankId: z.string().nullable(),
  agencyId: z.string().nullable(),
  amount: money.nullable(),
});
export const drilldownList = z.object({ asOf, items: z.array(drilldownItem), total: count, page: z.number().int(), pageSize: z.number().int() });

export const systemicObstacle = z.object({
  key: z.string(),
  categoryCode: z.string(),
  categoryName: z.string(),
  title: z.string(),
  demandCount: count,
  unitCount: count,
  units: z.array(z.object({ id: z.string(), name: z.string() })),
  agencies: z.array(z.object({ id: z.string(), name: z.string() })),
  counties: z.array(z.object({ id: z.string(), name: z.string() })),
  demandIds: z.array(z.string()),
  openCount: count,
});
export const systemicList = z.object({ asOf, period: periodSchema, items: z.array(systemicObstacle), threshold: z.number(), minUnits: z.number().int() });

/** The home page's live counts (GET /stats/home). */
export const homeStats = z.object({
  units: count,
  unitsByStatus: z.object({ active: count, semi_active: count, idle: count, closed: count }),
  users: count.nullable(),
  agencies: count,
  banks: count,
  today: z.string(),
  fiscalYear: z.number().int(),
  daysLeftInFiscalYear: count,
});
export type HomeStats = z.infer<typeof homeStats>;

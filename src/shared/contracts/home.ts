/**
 * `GET /home`: each role's own work for today, scoped on the server as the lists behind it. The answer is one of
 * the shapes below, told apart by `role`; every item carries the id its record opens by, and every section its
 * total, so the page can link to the record or to the filtered list.
 */
import { z } from 'zod';
import { demandSchema } from './demands.js';
import { notificationSchema } from './notifications.js';
import { referralSchema } from './referrals.js';
import { resolutionSchema } from './resolutions.js';
import { agendaItemSchema } from './sessions.js';
import { unitSchema } from './units.js';
import { isoDate, isoInstant } from './common.js';
import { CLAIM_STATUSES } from './producers.js';

const int = z.number().int();
const rate = z.number().nullable().describe('0..1, null when the divisor is 0');
const money = z.string().describe('integer rials');

/** Up to a few items of a list, and how many there are in all. */
function section<T extends z.ZodType>(item: T) {
  return z.object({ total: int, items: z.array(item) });
}

export const homeDemand = demandSchema.pick({ id: true, code: true, title: true, unitId: true, unitName: true, agencyName: true, dueDate: true, daysLeft: true, status: true, overdue: true, priority: true });
export const homeReferral = referralSchema.pick({
  id: true,
  code: true,
  unitId: true,
  unitName: true,
  bankName: true,
  agencyName: true,
  status: true,
  referralDate: true,
  requestedAmount: true,
  daysWaiting: true,
  dueDate: true,
  overdue: true,
});
export const homeResolution = resolutionSchema.pick({ id: true, code: true, text: true, sessionNumber: true, dueDate: true, daysLeft: true, status: true, overdue: true });
export const homeNotification = notificationSchema.pick({ id: true, title: true, refType: true, refId: true, createdAt: true });

export const demandSection = section(homeDemand);
export const referralSection = section(homeReferral);
export const resolutionSection = section(homeResolution);

export const nextSessionSchema = z.object({
  id: z.string(),
  number: int,
  fiscalYear: int,
  heldOn: isoDate,
  title: z.string().nullable(),
  agenda: z.array(agendaItemSchema.pick({ id: true, position: true, subject: true, unitId: true, unitName: true, demandId: true, demandCode: true, referralId: true, referralCode: true })),
});

/** The common part: the day the figures were read on, and the fiscal year around it. */
const day = {
  today: isoDate,
  fiscalYear: int,
  daysLeftInFiscalYear: int,
};

/** An agency officer: what is late or falls due within the week, the banks that keep its referrals waiting, and news. */
export const agencyHome = z.object({
  role: z.literal('agency'),
  ...day,
  /** The last day of "due this week": today + 7. */
  dueSoonUntil: isoDate,
  demandsOverdue: demandSection,
  demandsDueSoon: demandSection,
  resolutionsOverdue: resolutionSection,
  resolutionsDueSoon: resolutionSection,
  /** Referrals the agency made that a bank holds past its deadline (to receive or to decide). */
  referralsOverdue: referralSection,
  notifications: section(homeNotification),
});

const approvalFigures = z.object({ decided: int, approved: int, approvalRate: rate, medianDaysToDecision: z.number().nullable() });
/** A home's figures are the statistics pages' own (read the same way, from the same snapshot): as of when, if not now. */
const figuresAsOf = z.string().optional().describe('ISO instant: present only when the figures are older than a few seconds (a lagging replica or a snapshot); they are current to this moment');

/** A bank officer: referrals to receive and to decide with their clocks, and the bank's pace beside the province's. */
export const bankHome = z.object({
  role: z.literal('bank'),
  ...day,
  toReceive: referralSection,
  toDecide: referralSection,
  /** This fiscal year's figures of the bank and of the whole province. */
  own: approvalFigures,
  province: approvalFigures,
  asOf: figuresAsOf,
});

/** The governor and deputies: the dashboard's headline and the next session's agenda. */
export const executiveHome = z.object({
  role: z.literal('executive'),
  ...day,
  pace: z.object({ quotaAmount: money, paidAmount: money, absorbedRate: rate, forecastRate: rate, daysElapsed: int, daysInYear: int }),
  implementation: z.object({ done: int, due: int, rate, overdue: int }),
  slowestBanks: z.array(z.object({ bankId: z.string(), bankName: z.string(), medianDaysToDecision: z.number(), overdue: int })),
  slowestAgencies: z.array(z.object({ agencyId: z.string(), agencyName: z.string(), medianDaysToResolve: z.number(), demandsOverdue: int })),
  nextSession: nextSessionSchema.nullable(),
  asOf: figuresAsOf,
});

/** The national HQ: the provinces side by side (this fiscal year). */
export const nationalHome = z.object({
  role: z.literal('national'),
  ...day,
  provinces: z.array(
    z.object({ provinceId: z.string(), provinceName: z.string(), units: int, referred: int, paid: int, paidAmount: money, quotaAmount: money, quotaUsedRate: rate }),
  ),
  asOf: figuresAsOf,
});

export const homeClaim = z.object({ id: z.string(), userFullName: z.string(), unitName: z.string().nullable(), status: z.enum(CLAIM_STATUSES), createdAt: isoInstant });

/**
 * The secretariat: what waits for it to act. Loan applications waiting for the committee join here (a section of
 * their own) when that module lands.
 */
export const secretariatHome = z.object({
  role: z.literal('secretariat'),
  ...day,
  /** Registered demands no agency has been given yet. */
  unassignedDemands: demandSection,
  /** Demands an agency asked to put before the working group. */
  escalatedDemands: demandSection,
  claimsWaiting: section(homeClaim),
  referralsOverdue: referralSection,
  nextSession: nextSessionSchema.nullable(),
});

/**
 * A producer: their unit, the demands they filed and the referrals made for them. Their loan applications join here
 * (a section of their own) when that module lands.
 */
export const producerHome = z.object({
  role: z.literal('producer'),
  ...day,
  units: z.array(unitSchema.pick({ id: true, name: true, nationalId: true, countyName: true, status: true })),
  /** The producer's own claims still waiting for the secretariat (a newly registered producer has no unit yet). */
  claimsPending: z.array(homeClaim),
  openDemands: demandSection,
  referrals: referralSection,
});

/** The administrator: the installation's counts (GET /stats/home) are their home. */
export const adminHome = z.object({ role: z.literal('admin'), ...day });

export const roleHome = z.discriminatedUnion('role', [agencyHome, bankHome, executiveHome, nationalHome, secretariatHome, producerHome, adminHome]);
export type RoleHome = z.infer<typeof roleHome>;
export type AgencyHome = z.infer<typeof agencyHome>;
export type BankHome = z.infer<typeof bankHome>;
export type ExecutiveHome = z.infer<typeof executiveHome>;
export type NationalHome = z.infer<typeof nationalHome>;
export type SecretariatHome = z.infer<typeof secretariatHome>;
export type ProducerHome = z.infer<typeof producerHome>;
export type HomeDemand = z.infer<typeof homeDemand>;
export type HomeReferral = z.infer<typeof homeReferral>;
export type HomeResolution = z.infer<typeof homeResolution>;
export type NextSession = z.infer<typeof nextSessionSchema>;

/**
 * The three workflows of DESIGN.md §3 as data. Roles are added by the
 * modules that own each workflow; `requires` names what a change must carry.
 */
import { defineMachine } from './state-machine.js';
import type { Role } from './roles.js';

export const DEMAND_STATUSES = ['registered', 'assigned', 'in_progress', 'escalated', 'resolved', 'unresolvable'] as const;
export type DemandStatus = (typeof DEMAND_STATUSES)[number];

export const REFERRAL_STATUSES = [
  'referred',
  'received',
  'under_review',
  'approved',
  'paid',
  'rejected',
  'withdrawn',
] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export const RESOLUTION_STATUSES = ['open', 'objected', 'in_progress', 'done', 'not_done', 'cancelled'] as const;
export type ResolutionStatus = (typeof RESOLUTION_STATUSES)[number];

export const UNIT_STATUSES = ['active', 'semi_active', 'idle', 'closed'] as const;
export type UnitStatus = (typeof UNIT_STATUSES)[number];

export const VISIT_STATUSES = ['planned', 'done', 'cancelled'] as const;
export type VisitStatus = (typeof VISIT_STATUSES)[number];

/** Why a resolution was not carried out. */
export const NOT_DONE_CAUSES = ['agency', 'producer', 'external'] as const;
export type NotDoneCause = (typeof NOT_DONE_CAUSES)[number];

/** Demand states in which the demand is still open (and can be overdue). */
export const OPEN_DEMAND_STATUSES = ['registered', 'assigned', 'in_progress', 'escalated'] as const satisfies readonly DemandStatus[];

/**
 * Demand (مطالبه): open until resolved or found unresolvable; the secretariat may reopen it.
 * Roles: the secretariat (and admin) assign and decide for the working group; the responsible
 * agency starts, resolves, finds a demand unresolvable (with a reason) or asks for escalation.
 * An escalated demand is the working group's: only the secretariat moves it on. Executives,
 * producers and banks take no transition. (The server also checks that an agency acts only on
 * demands assigned to it.)
 */
export const demandMachine = defineMachine<DemandStatus, Role>({
  name: 'demand',
  states: DEMAND_STATUSES,
  initial: 'registered',
  terminal: ['resolved', 'unresolvable'],
  transitions: [
    { from: ['registered'], to: 'assigned', roles: ['secretariat', 'admin'], requires: ['agencyId'] },
    { from: ['assigned'], to: 'in_progress', roles: ['agency', 'secretariat', 'admin'] },
    { from: ['assigned', 'in_progress'], to: 'escalated', roles: ['agency', 'secretariat', 'admin'] },
    { from: ['assigned', 'in_progress'], to: 'resolved', roles: ['agency', 'secretariat', 'admin'] },
    { from: ['assigned', 'in_progress'], to: 'unresolvable', roles: ['agency', 'secretariat', 'admin'], requires: ['note'] },
    // the working group's decision on an escalated demand, recorded by the secretariat
    { from: ['escalated'], to: 'in_progress', roles: ['secretariat', 'admin'] },
    { from: ['escalated'], to: 'resolved', roles: ['secretariat', 'admin'] },
    { from: ['escalated'], to: 'unresolvable', roles: ['secretariat', 'admin'], requires: ['note'] },
    // reopening a closed demand
    { from: ['resolved', 'unresolvable'], to: 'in_progress', roles: ['secretariat'] },
  ],
});

/** Referral (معرفی به بانک) of a unit to a bank, from the letter to the payment. */
export const referralMachine = defineMachine<ReferralStatus, string>({
  name: 'referral',
  states: REFERRAL_STATUSES,
  initial: 'referred',
  terminal: ['paid', 'rejected', 'withdrawn'],
  transitions: [
    { from: ['referred'], to: 'received' },
    { from: ['received'], to: 'under_review' },
    { from: ['under_review'], to: 'approved', requires: ['approvedAmount'] },
    { from: ['approved'], to: 'paid', requires: ['paidAmount', 'paidDate'] },
    {
      from: ['received', 'under_review'],
      to: 'rejected',
      requires: ['reason.code', 'reason.text', 'reason.letterNo', 'reason.letterDate'],
    },
    { from: ['referred', 'received', 'under_review'], to: 'withdrawn' },
  ],
});

/** Resolution (مصوبه) of the working group, from notification to its outcome. */
export const resolutionMachine = defineMachine<ResolutionStatus, string>({
  name: 'resolution',
  states: RESOLUTION_STATUSES,
  initial: 'open',
  terminal: ['done', 'not_done', 'cancelled'],
  transitions: [
    { from: ['open'], to: 'in_progress' },
    { from: ['in_progress'], to: 'done' },
    { from: ['in_progress'], to: 'not_done', requires: ['cause'] },
    { from: ['open'], to: 'objected' },
    { from: ['objected'], to: 'open' },
    { from: ['objected'], to: 'cancelled' },
  ],
});

export const MACHINES = {
  demand: demandMachine,
  referral: referralMachine,
  resolution: resolutionMachine,
} as const;

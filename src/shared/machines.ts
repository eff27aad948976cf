/**
 * The workflows of DESIGN.md §3 (and the second round's loan applications) as data. Roles are added by the
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

/** Referral states with a deadline: waiting on the bank to receive it, or to decide. */
export const REFERRAL_DEADLINE_STATUSES = ['referred', 'received', 'under_review'] as const satisfies readonly ReferralStatus[];

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

/**
 * Referral (معرفی به بانک) of a unit to a bank, from the letter to the payment.
 * Roles: the bank takes the bank's steps (receive, review, approve, pay, reject with a written reason);
 * the referring agency may withdraw; the secretariat (and admin) may take any step on anyone's behalf,
 * which the event and the audit trail record. (The server also checks that a bank acts only on referrals
 * to it and an agency only on referrals it made.)
 */
export const REFERRAL_BANK_ROLES = ['bank', 'secretariat', 'admin'] as const satisfies readonly Role[];
export const REFERRAL_WITHDRAW_ROLES = ['agency', 'secretariat', 'admin'] as const satisfies readonly Role[];

export const referralMachine = defineMachine<ReferralStatus, Role>({
  name: 'referral',
  states: REFERRAL_STATUSES,
  initial: 'referred',
  terminal: ['paid', 'rejected', 'withdrawn'],
  transitions: [
    { from: ['referred'], to: 'received', roles: REFERRAL_BANK_ROLES },
    { from: ['received'], to: 'under_review', roles: REFERRAL_BANK_ROLES },
    { from: ['under_review'], to: 'approved', roles: REFERRAL_BANK_ROLES, requires: ['approvedAmount'] },
    { from: ['approved'], to: 'paid', roles: REFERRAL_BANK_ROLES, requires: ['paidAmount', 'paidDate'] },
    {
      from: ['received', 'under_review'],
      to: 'rejected',
      roles: REFERRAL_BANK_ROLES,
      requires: ['reason.code', 'reason.text', 'reason.letterNo', 'reason.letterDate'],
    },
    { from: ['referred', 'received', 'under_review'], to: 'withdrawn', roles: REFERRAL_WITHDRAW_ROLES },
  ],
});

/**
 * Resolution (مصوبه) of the working group, from notification to its outcome.
 * Roles: the secretariat records and notifies resolutions and answers objections (→ open: the
 * resolution is upheld; → cancelled: withdrawn or rewritten). A responsible agency may object, with
 * reasons, only inside its objection window (15 days from notification by default); otherwise it
 * carries the resolution out and records the outcome (not done needs a cause). The secretariat (and
 * admin) may record an agency's step on its behalf, which the event and the audit trail show.
 * Executives, banks and producers take no transition. (The server also checks that an agency acts
 * only on resolutions naming it, and the objection window.)
 */
export const RESOLUTION_AGENCY_ROLES = ['agency', 'secretariat', 'admin'] as const satisfies readonly Role[];
export const RESOLUTION_SECRETARIAT_ROLES = ['secretariat', 'admin'] as const satisfies readonly Role[];

export const resolutionMachine = defineMachine<ResolutionStatus, Role>({
  name: 'resolution',
  states: RESOLUTION_STATUSES,
  initial: 'open',
  terminal: ['done', 'not_done', 'cancelled'],
  transitions: [
    { from: ['open'], to: 'in_progress', roles: RESOLUTION_AGENCY_ROLES },
    { from: ['in_progress'], to: 'done', roles: RESOLUTION_AGENCY_ROLES },
    { from: ['in_progress'], to: 'not_done', roles: RESOLUTION_AGENCY_ROLES, requires: ['cause'] },
    { from: ['open'], to: 'objected', roles: RESOLUTION_AGENCY_ROLES, requires: ['note'] },
    { from: ['objected'], to: 'open', roles: RESOLUTION_SECRETARIAT_ROLES },
    { from: ['objected'], to: 'cancelled', roles: RESOLUTION_SECRETARIAT_ROLES },
  ],
});

// ── Loan applications (issue 11) ────────────────────────────────────────────
export const LOAN_APPLICATION_STATUSES = ['submitted', 'under_review', 'returned', 'approved', 'rejected', 'referred', 'withdrawn'] as const;
export type LoanApplicationStatus = (typeof LOAN_APPLICATION_STATUSES)[number];

/** The committee (کمیتهٔ تخصصی): the secretariat, or the agency that owns the application's program (the server checks which). */
export const LOAN_COMMITTEE_ROLES = ['secretariat', 'admin', 'agency'] as const satisfies readonly Role[];
/** The producer, or whoever filed the application on the producer's behalf. */
export const LOAN_APPLICANT_ROLES = ['producer', 'secretariat', 'admin', 'agency'] as const satisfies readonly Role[];

/**
 * Loan application (درخواست تسهیلات) before a referral: the producer applies, the provincial committee screens it
 * (returns it with what is missing, rejects it with a reason, or approves it), and an approved application becomes a
 * referral to a bank (`referred`, which only the referral's creation takes: it requires the `referralId`). The
 * producer may withdraw before a decision. Agencies act as the committee only for the programs they own, and the
 * applicant side only on applications they filed (the server checks both).
 */
export const loanApplicationMachine = defineMachine<LoanApplicationStatus, Role>({
  name: 'loan_application',
  states: LOAN_APPLICATION_STATUSES,
  initial: 'submitted',
  terminal: ['rejected', 'referred', 'withdrawn'],
  transitions: [
    { from: ['submitted'], to: 'under_review', roles: LOAN_COMMITTEE_ROLES },
    { from: ['under_review'], to: 'returned', roles: LOAN_COMMITTEE_ROLES, requires: ['note'] },
    { from: ['returned'], to: 'submitted', roles: LOAN_APPLICANT_ROLES },
    { from: ['under_review'], to: 'approved', roles: LOAN_COMMITTEE_ROLES },
    { from: ['under_review'], to: 'rejected', roles: LOAN_COMMITTEE_ROLES, requires: ['reason.code', 'reason.text'] },
    { from: ['approved'], to: 'referred', roles: ['secretariat', 'admin', 'agency'], requires: ['referralId'] },
    { from: ['submitted', 'under_review', 'returned'], to: 'withdrawn', roles: LOAN_APPLICANT_ROLES },
  ],
});

export const MACHINES = {
  demand: demandMachine,
  referral: referralMachine,
  resolution: resolutionMachine,
  loan_application: loanApplicationMachine,
} as const;

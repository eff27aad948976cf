import { describe, expect, it } from 'vitest';
import { STATUS_LABELS, statusLabel } from './labels.js';
import {
  DEMAND_STATUSES,
  LOAN_APPLICATION_STATUSES,
  demandMachine,
  MACHINES,
  REFERRAL_STATUSES,
  referralMachine,
  RESOLUTION_STATUSES,
  resolutionMachine,
  UNIT_STATUSES,
  VISIT_STATUSES,
} from './machines.js';
import { normalizePersian } from './text.js';
import { allowedTransitions, canTransition, findTransition, type Machine } from './state-machine.js';

/** Every allowed (from → to) pair of a machine, as 'from>to'. */
function edges<S extends string>(m: Machine<S>): string[] {
  return m.states.flatMap((from) => allowedTransitions(m, from).map((to) => `${from}>${to}`)).sort();
}

/** The machine starts where agreed and allows exactly the agreed moves (each state: where it may go), no more. */
function expectAgreedMoves<S extends string>(m: Machine<S>, initial: S, agreed: Partial<Record<S, S[]>>): void {
  expect(m.initial).toBe(initial);
  const pairs = Object.entries<S[] | undefined>(agreed).flatMap(([from, tos]) => (tos ?? []).map((to) => `${from}>${to}`));
  expect(edges(m)).toEqual(pairs.sort());
}

describe('demand machine', () => {
  it('has exactly its agreed transitions, no more', () => {
    expectAgreedMoves(demandMachine, 'registered', {
      registered: ['assigned'],
      assigned: ['in_progress', 'escalated', 'resolved', 'unresolvable'],
      in_progress: ['escalated', 'resolved', 'unresolvable'],
      escalated: ['in_progress', 'resolved', 'unresolvable'],
      resolved: ['in_progress'],
      unresolvable: ['in_progress'],
    });
  });
  it('cannot skip assignment or go back to registered', () => {
    for (const [from, to] of [
      ['registered', 'in_progress'],
      ['registered', 'resolved'],
      ['in_progress', 'assigned'],
      ['resolved', 'unresolvable'],
    ] as const) {
      expect(canTransition(demandMachine, from, to), `${from}>${to}`).toBe(false);
    }
  });
});

describe('referral machine', () => {
  it('has exactly its agreed transitions, no more', () => {
    expectAgreedMoves(referralMachine, 'referred', {
      referred: ['received', 'withdrawn'],
      received: ['under_review', 'rejected', 'withdrawn'],
      under_review: ['approved', 'rejected', 'withdrawn'],
      approved: ['paid'],
    });
  });
  it('a rejection requires its written reason and letter', () => {
    expect(findTransition(referralMachine, 'under_review', 'rejected')?.requires).toEqual([
      'reason.code',
      'reason.text',
      'reason.letterNo',
      'reason.letterDate',
    ]);
    expect(canTransition(referralMachine, 'referred', 'rejected')).toBe(false);
    expect(canTransition(referralMachine, 'approved', 'withdrawn')).toBe(false);
    expect(allowedTransitions(referralMachine, 'paid')).toEqual([]);
  });
});

describe('resolution machine', () => {
  it('has exactly its agreed transitions, no more', () => {
    expectAgreedMoves(resolutionMachine, 'open', {
      open: ['in_progress', 'objected'],
      in_progress: ['done', 'not_done'],
      objected: ['open', 'cancelled'],
    });
  });
  it('must pass through in_progress to be done or not done', () => {
    expect(canTransition(resolutionMachine, 'open', 'done')).toBe(false);
    expect(canTransition(resolutionMachine, 'open', 'not_done')).toBe(false);
    expect(findTransition(resolutionMachine, 'in_progress', 'not_done')?.requires).toEqual(['cause']);
  });
  it('lets the agency object and carry out, and only the secretariat answer an objection', () => {
    expect(allowedTransitions(resolutionMachine, 'open', 'agency')).toEqual(['in_progress', 'objected']);
    expect(findTransition(resolutionMachine, 'open', 'objected')?.requires).toEqual(['note']);
    expect(allowedTransitions(resolutionMachine, 'objected', 'agency')).toEqual([]);
    expect(allowedTransitions(resolutionMachine, 'objected', 'secretariat')).toEqual(['open', 'cancelled']);
    for (const role of ['executive', 'bank', 'producer', 'national'] as const) {
      for (const from of RESOLUTION_STATUSES) expect(allowedTransitions(resolutionMachine, from, role)).toEqual([]);
    }
  });
});

describe('status lists', () => {
  it('are the machines’ states, in order', () => {
    expect(demandMachine.states).toEqual(DEMAND_STATUSES);
    expect(referralMachine.states).toEqual(REFERRAL_STATUSES);
    expect(resolutionMachine.states).toEqual(RESOLUTION_STATUSES);
    expect(Object.keys(MACHINES)).toEqual(['demand', 'referral', 'resolution', 'loan_application']);
  });
  it('every terminal state is reachable', () => {
    for (const m of Object.values(MACHINES) as Machine<string>[]) {
      const seen = new Set<string>([m.initial]);
      const queue = [m.initial];
      for (let s = queue.shift(); s !== undefined; s = queue.shift()) {
        for (const t of allowedTransitions(m, s)) if (!seen.has(t)) {
          seen.add(t);
          queue.push(t);
        }
      }
      expect([...seen].sort(), m.name).toEqual([...m.states].sort());
    }
  });
});

describe('STATUS_LABELS', () => {
  it('labels every state of every kind, in both languages', () => {
    const expected = {
      demand: DEMAND_STATUSES,
      referral: REFERRAL_STATUSES,
      resolution: RESOLUTION_STATUSES,
      unit: UNIT_STATUSES,
      visit: VISIT_STATUSES,
      loan_application: LOAN_APPLICATION_STATUSES,
    };
    for (const [kind, states] of Object.entries(expected)) {
      const labels = STATUS_LABELS[kind as keyof typeof expected];
      expect(Object.keys(labels).sort(), kind).toEqual([...states].sort());
      for (const s of states) {
        expect(labels[s]?.fa, `${kind}.${s}`).toMatch(/[\u0600-\u06FF]/);
        expect(labels[s]?.en, `${kind}.${s}`).toMatch(/^[A-Z][A-Za-z -]+$/);
      }
    }
  });
  it('uses the glossary’s words', () => {
    expect(STATUS_LABELS.demand.assigned?.fa).toBe('ارجاع‌شده به دستگاه');
    expect(STATUS_LABELS.demand.escalated?.fa).toBe('ارجاع به کارگروه');
    expect(STATUS_LABELS.referral.received?.fa).toBe('وصول در بانک');
    expect(STATUS_LABELS.referral.withdrawn?.fa).toBe('انصراف');
    expect(STATUS_LABELS.resolution.open?.fa).toBe('ابلاغ‌شده');
    expect(STATUS_LABELS.resolution.not_done?.fa).toBe('اجرانشده');
    expect(STATUS_LABELS.unit.semi_active?.fa).toBe('نیمه‌فعال');
    expect(STATUS_LABELS.unit.idle?.fa).toBe('راکد');
    expect(STATUS_LABELS.visit.planned?.fa).toBe('برنامه‌ریزی‌شده');
  });
  it('statusLabel falls back to the code', () => {
    expect(statusLabel('referral', 'paid')).toBe('پرداخت‌شده');
    expect(statusLabel('referral', 'paid', 'en')).toBe('Paid');
    expect(statusLabel('visit', 'unknown')).toBe('unknown');
  });
  it('labels are stored normalised (no Arabic letters, ZWNJ only inside words)', () => {
    for (const byState of Object.values(STATUS_LABELS)) {
      for (const { fa } of Object.values(byState)) {
        expect(normalizePersian(fa)).toBe(fa);
      }
    }
  });
});

/** Who may move a demand where: the roles in the shared machine (the UI offers exactly these). */
import { describe, expect, it } from 'vitest';
import { demandMachine, DEMAND_STATUSES, OPEN_DEMAND_STATUSES } from '../../../shared/machines.js';
import { allowedTransitions, findTransition } from '../../../shared/state-machine.js';

describe('demand machine roles', () => {
  it('the secretariat assigns; the agency starts, resolves, finds unresolvable or escalates', () => {
    expect(allowedTransitions(demandMachine, 'registered', 'secretariat')).toEqual(['assigned']);
    expect(allowedTransitions(demandMachine, 'registered', 'agency')).toEqual([]);
    expect(allowedTransitions(demandMachine, 'assigned', 'agency')).toEqual(['in_progress', 'escalated', 'resolved', 'unresolvable']);
    expect(allowedTransitions(demandMachine, 'in_progress', 'agency')).toEqual(['escalated', 'resolved', 'unresolvable']);
  });
  it('an escalated demand is moved on by the secretariat only; reopening is the secretariat’s alone', () => {
    expect(allowedTransitions(demandMachine, 'escalated', 'agency')).toEqual([]);
    expect(allowedTransitions(demandMachine, 'escalated', 'secretariat')).toEqual(['in_progress', 'resolved', 'unresolvable']);
    for (const closed of ['resolved', 'unresolvable'] as const) {
      expect(allowedTransitions(demandMachine, closed, 'secretariat')).toEqual(['in_progress']);
      expect(allowedTransitions(demandMachine, closed, 'admin')).toEqual([]);
      expect(allowedTransitions(demandMachine, closed, 'agency')).toEqual([]);
    }
  });
  it('executives, producers, banks and the national HQ take no transition', () => {
    for (const role of ['executive', 'producer', 'bank', 'national'] as const) {
      for (const s of DEMAND_STATUSES) expect(allowedTransitions(demandMachine, s, role), `${role} from ${s}`).toEqual([]);
    }
  });
  it('unresolvable needs a reason and assignment an agency, whoever takes it', () => {
    for (const from of ['assigned', 'in_progress', 'escalated'] as const) {
      expect(findTransition(demandMachine, from, 'unresolvable', 'secretariat')?.requires).toEqual(['note']);
    }
    expect(findTransition(demandMachine, 'registered', 'assigned')?.requires).toEqual(['agencyId']);
    expect(OPEN_DEMAND_STATUSES).toEqual(DEMAND_STATUSES.filter((s) => !demandMachine.terminal.includes(s)));
  });
});

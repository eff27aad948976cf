import { describe, expect, it } from 'vitest';
import { allowedTransitions, canTransition, defineMachine, findTransition, type Machine } from './state-machine.js';

type Door = 'closed' | 'open' | 'locked' | 'broken';
type Who = 'guest' | 'owner';

const door = defineMachine<Door, Who>({
  name: 'door',
  states: ['closed', 'open', 'locked', 'broken'],
  initial: 'closed',
  terminal: ['broken'],
  transitions: [
    { from: ['closed'], to: 'open' },
    { from: ['open'], to: 'closed' },
    { from: ['closed'], to: 'locked', roles: ['owner'] },
    { from: ['locked'], to: 'closed', roles: ['owner'], requires: ['key'] },
    { from: ['closed', 'open', 'locked'], to: 'broken', roles: ['owner', 'guest'] },
  ],
});

describe('defineMachine', () => {
  it('returns the machine as given, frozen', () => {
    expect(door.name).toBe('door');
    expect(door.initial).toBe('closed');
    expect(door.transitions).toHaveLength(5);
    expect(Object.isFrozen(door)).toBe(true);
    expect(Object.isFrozen(door.transitions)).toBe(true);
    expect(Object.isFrozen(door.transitions[0])).toBe(true);
  });
  it('does not share arrays with its input', () => {
    const states: Door[] = ['closed', 'open'];
    const m = defineMachine<Door, Who>({ name: 'x', states, initial: 'closed', terminal: [], transitions: [] });
    states.push('broken');
    expect(m.states).toEqual(['closed', 'open']);
  });
  it('throws when a transition names an unknown state', () => {
    const bad = (m: Partial<Machine<string>>) => () =>
      defineMachine<string, string>({ name: 'bad', states: ['a', 'b'], initial: 'a', terminal: [], transitions: [], ...m });
    expect(bad({ transitions: [{ from: ['a'], to: 'c' }] })).toThrow(/target "c"/);
    expect(bad({ transitions: [{ from: ['a', 'z'], to: 'b' }] })).toThrow(/source "z"/);
    expect(bad({ initial: 'q' })).toThrow(/initial state "q"/);
    expect(bad({ terminal: ['x'] })).toThrow(/terminal state "x"/);
    expect(bad({ states: [] })).toThrow(/no states/);
    expect(bad({ states: ['a', 'b', 'a'] })).toThrow(/twice/);
    expect(bad({ transitions: [{ from: [], to: 'b' }] })).toThrow(/no source/);
    expect(bad({ transitions: [{ from: ['a', 'b'], to: 'b' }] })).toThrow(/to itself/);
    expect(bad({ transitions: [{ from: ['a'], to: 'b' }] })).not.toThrow();
  });
});

describe('allowedTransitions', () => {
  it('lists targets in table order, without duplicates', () => {
    expect(allowedTransitions(door, 'closed')).toEqual(['open', 'locked', 'broken']);
    expect(allowedTransitions(door, 'open')).toEqual(['closed', 'broken']);
    expect(allowedTransitions(door, 'broken')).toEqual([]);
  });
  it('filters by role where a transition lists roles', () => {
    expect(allowedTransitions(door, 'closed', 'guest')).toEqual(['open', 'broken']);
    expect(allowedTransitions(door, 'closed', 'owner')).toEqual(['open', 'locked', 'broken']);
    expect(allowedTransitions(door, 'locked', 'guest')).toEqual(['broken']);
  });
});

describe('canTransition and findTransition', () => {
  it('allows only listed moves', () => {
    expect(canTransition(door, 'closed', 'open')).toBe(true);
    expect(canTransition(door, 'open', 'locked')).toBe(false);
    expect(canTransition(door, 'broken', 'closed')).toBe(false);
    expect(canTransition(door, 'closed', 'closed')).toBe(false);
  });
  it('checks the role when one is given', () => {
    expect(canTransition(door, 'closed', 'locked', 'owner')).toBe(true);
    expect(canTransition(door, 'closed', 'locked', 'guest')).toBe(false);
    expect(canTransition(door, 'closed', 'open', 'guest')).toBe(true);
  });
  it('finds the transition with what it requires', () => {
    expect(findTransition(door, 'locked', 'closed')?.requires).toEqual(['key']);
    expect(findTransition(door, 'open', 'broken')?.roles).toEqual(['owner', 'guest']);
    expect(findTransition(door, 'open', 'locked')).toBeUndefined();
    expect(findTransition(door, 'locked', 'closed', 'guest')).toBeUndefined();
  });
});

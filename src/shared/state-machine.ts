/**
 * State machines as data: one transition table per record type, read by the
 * server (to guard a change), the UI (to offer only the actions allowed) and
 * the docs. A transition may name the roles allowed to take it and the
 * fields it requires (a rejection needs its written reason, …).
 */

export interface Transition<S extends string, R extends string = string> {
  from: readonly S[];
  to: S;
  /** Who may take it; absent means any role (rights are then checked elsewhere). */
  roles?: readonly R[];
  /** Fields the change must carry, e.g. 'reason.code'. */
  requires?: readonly string[];
}

export interface Machine<S extends string, R extends string = string> {
  name: string;
  states: readonly S[];
  initial: S;
  /** States where a record's life normally ends (some may still be reopened). */
  terminal: readonly S[];
  transitions: readonly Transition<S, R>[];
}

/** Checks a machine's table and returns it frozen; throws on an unknown or repeated state. */
export function defineMachine<S extends string, R extends string = string>(m: Machine<S, R>): Machine<S, R> {
  const states = new Set<string>(m.states);
  const fail = (why: string): never => {
    throw new Error(`Machine "${m.name}": ${why}`);
  };
  if (states.size === 0) fail('has no states');
  if (states.size !== m.states.length) fail('lists a state twice');
  const known = (s: string, where: string): void => {
    if (!states.has(s)) fail(`${where} "${s}" is not one of its states`);
  };
  known(m.initial, 'initial state');
  m.terminal.forEach((s) => known(s, 'terminal state'));
  m.transitions.forEach((t, i) => {
    if (t.from.length === 0) fail(`transition #${i} (→ ${t.to}) has no source state`);
    t.from.forEach((s) => known(s, `transition #${i} source`));
    known(t.to, `transition #${i} target`);
    if (t.from.includes(t.to)) fail(`transition #${i} goes from "${t.to}" to itself`);
  });
  return Object.freeze({
    ...m,
    states: Object.freeze([...m.states]),
    terminal: Object.freeze([...m.terminal]),
    transitions: Object.freeze(
      m.transitions.map((t) =>
        Object.freeze({
          ...t,
          from: Object.freeze([...t.from]),
          ...(t.roles ? { roles: Object.freeze([...t.roles]) } : {}),
          ...(t.requires ? { requires: Object.freeze([...t.requires]) } : {}),
        }),
      ),
    ),
  });
}

function permits<R extends string>(t: Transition<string, R>, role: R | undefined): boolean {
  return role === undefined || t.roles === undefined || t.roles.includes(role);
}

/**
 * The states reachable in one step from `from`, in table order. With a role,
 * transitions that list roles are kept only if they list it; without one,
 * roles are ignored (for diagrams and docs — the server always passes one).
 */
export function allowedTransitions<S extends string, R extends string>(m: Machine<S, R>, from: S, role?: R): S[] {
  const targets: S[] = [];
  for (const t of m.transitions) {
    if (t.from.includes(from) && permits(t, role) && !targets.includes(t.to)) targets.push(t.to);
  }
  return targets;
}

/** True when some transition leads from `from` to `to` and (given a role) allows that role. */
export function canTransition<S extends string, R extends string>(m: Machine<S, R>, from: S, to: S, role?: R): boolean {
  return findTransition(m, from, to, role) !== undefined;
}

/** The first transition from `from` to `to` (allowing `role`, when one is given). */
export function findTransition<S extends string, R extends string>(
  m: Machine<S, R>,
  from: S,
  to: S,
  role?: R,
): Transition<S, R> | undefined {
  return m.transitions.find((t) => t.to === to && t.from.includes(from) && permits(t, role));
}

/** What the step from `from` to `to` must carry (`'note'`, `'reason.code'`, …); the form asks for these, the server checks them. */
export function requiredFields<S extends string, R extends string>(m: Machine<S, R>, from: S, to: S, role?: R): readonly string[] {
  return findTransition(m, from, to, role)?.requires ?? [];
}

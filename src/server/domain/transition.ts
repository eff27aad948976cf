/**
 * The guard every state change goes through, for demands, referrals and resolutions alike: the machine's
 * table (src/shared/machines.ts) decides whether the caller's role may take the step, and what the step
 * must carry (`requires`). A forbidden change answers 409 `transition.forbidden` listing the moves that
 * are allowed from here; a missing field answers the module's own code, with the field named.
 */
import { allowedTransitions, canTransition, findTransition, type Machine } from '../../shared/state-machine.js';
import { AppError, type ErrorCode, type Lang } from '../../shared/errors.js';
import type { Role } from '../../shared/roles.js';

export function assertTransition<S extends string>(machine: Machine<S, string>, from: S, to: S, role: Role): void {
  if (canTransition(machine, from, to, role)) return;
  throw new AppError('transition.forbidden', {
    detail: {
      fa: `تغییر وضعیت از «${from}» به «${to}» مجاز نیست`,
      en: `Moving from "${from}" to "${to}" is not allowed`,
    },
    extra: { from, to, allowed: allowedTransitions(machine, from, role) },
  });
}

/** What a missing field answers: the module's error code and the message shown under the field. */
export interface Requirement {
  code: ErrorCode;
  message: { fa: string; en: string };
}

function valueAt(input: Record<string, unknown>, path: string): unknown {
  let v: unknown = input;
  for (const key of path.split('.')) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined;
  return v;
}

/**
 * Enforces the step's `requires` from the machine's table: each listed field this call can judge (one that
 * `requirements` describes) must be present in `input` (not undefined, null or empty). All the missing ones
 * are named, under the code of the first. A field whose check is richer than present-or-absent (a rejection's
 * written reason: its date, its letter) is left to the module, which names it in its own rule.
 */
export function assertRequired<S extends string>(
  machine: Machine<S, string>,
  from: S,
  to: S,
  role: Role,
  input: Record<string, unknown>,
  requirements: Record<string, Requirement>,
  lang: Lang = 'fa',
): void {
  const requires = findTransition(machine, from, to, role)?.requires ?? [];
  const missing = requires.filter((path) => requirements[path] && [undefined, null, ''].includes(valueAt(input, path) as never));
  if (!missing.length) return;
  throw new AppError(requirements[missing[0]!]!.code, {
    errors: missing.map((path) => ({ path, message: requirements[path]!.message[lang] })),
  });
}

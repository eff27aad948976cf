/**
 * The guard every state change goes through: the machine's table decides, for the caller's role.
 * A forbidden change answers 409 `transition.forbidden` listing the moves that are allowed from here.
 */
import { allowedTransitions, canTransition, type Machine } from '../../shared/state-machine.js';
import { AppError } from '../../shared/errors.js';
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

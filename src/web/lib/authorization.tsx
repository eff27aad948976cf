/**
 * Who may do what, asked of the shared permission matrix (src/shared/permissions.ts) that the server enforces.
 * The UI only avoids offering what would be refused; the server decides. After bulletproof-react's
 * `lib/authorization.tsx`: `useAuthorization()` for code, `<Authorization>` around what some roles may not see.
 */
import { createContext, useContext, type ReactNode } from 'react';
import { can, type Action } from '../../shared/permissions.js';
import { requiredScope, type Role } from '../../shared/roles.js';

export { can, type Action };

/**
 * The one agency, bank or unit a role's records are limited to (`'bankId'` for a bank officer …), or null for the
 * province-wide roles. A list scoped to one bank has no bank column; an agency refers on its own behalf.
 */
export function scopeOf(role: Role | null | undefined): ReturnType<typeof requiredScope> {
  return role ? requiredScope(role) : null;
}

/** Province-wide roles act on a record for whoever it belongs to: their steps are recorded as on behalf. */
export const actsOnBehalf = (role: Role | null | undefined): boolean => role != null && scopeOf(role) === null;

const RoleContext = createContext<Role | null>(null);

/** Set once by the signed-in frame with the user's role. */
export function AuthorizationProvider({ role, children }: { role: Role | null; children: ReactNode }) {
  return <RoleContext value={role}>{children}</RoleContext>;
}

export function useAuthorization() {
  const role = useContext(RoleContext);
  return { role, can: (action: Action) => can(role, action) };
}

type AuthorizationProps = { forbiddenFallback?: ReactNode; children: ReactNode } & (
  | { action: Action; policyCheck?: never }
  | { action?: never; policyCheck: boolean }
);

/** Shows `children` when the user may call `action` (or when `policyCheck` holds), `forbiddenFallback` otherwise. */
export function Authorization({ action, policyCheck, forbiddenFallback = null, children }: AuthorizationProps) {
  const { can: allowed } = useAuthorization();
  const permitted = action !== undefined ? allowed(action) : policyCheck;
  return <>{permitted ? children : forbiddenFallback}</>;
}

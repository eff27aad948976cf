import type { Role } from '../../../shared/roles.js';

/**
 * Who may open the admin screens. The server decides (access/permissions.ts); these only keep the UI
 * from offering what it would refuse. Kept as data so navigation and the route guards read the same lists.
 */
export const USER_ADMIN_ROLES: readonly Role[] = ['admin'];
export const TOKEN_ADMIN_ROLES: readonly Role[] = ['admin'];
export const AUDIT_READER_ROLES: readonly Role[] = ['admin', 'secretariat'];

export const canManageUsers = (role: Role): boolean => USER_ADMIN_ROLES.includes(role);
export const canManageTokens = (role: Role): boolean => TOKEN_ADMIN_ROLES.includes(role);
export const canReadAudit = (role: Role): boolean => AUDIT_READER_ROLES.includes(role);
/** The actor picker lists users, which only an admin may read. */
export const canListActors = (role: Role): boolean => USER_ADMIN_ROLES.includes(role);

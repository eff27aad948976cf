import { can, type Action } from '../../../shared/permissions.js';
import { ROLES, type Role } from '../../../shared/roles.js';

/**
 * Who may open the admin screens, asked of the shared permission matrix (the server enforces the same rules);
 * the UI only avoids offering what the server would refuse.
 */
const rolesThatCan = (action: Action): readonly Role[] => ROLES.filter((role) => can(role, action));

export const TOKEN_ADMIN_ROLES = rolesThatCan('GET /api/v1/tokens');
export const AUDIT_READER_ROLES = rolesThatCan('GET /api/v1/audit');

export const canManageTokens = (role: Role): boolean => can(role, 'GET /api/v1/tokens');
export const canReadAudit = (role: Role): boolean => can(role, 'GET /api/v1/audit');
/** The actor picker lists users, which only those who may read the users list see. */
export const canListActors = (role: Role): boolean => can(role, 'GET /api/v1/users');

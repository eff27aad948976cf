/** The admin screens' shapes, as types of the shared contracts (src/shared/contracts): nothing copied here. */
import type { z } from 'zod';
import type { auditEventSchema, exportAuditQuery, listAuditQuery } from '../../../../shared/contracts/audit.js';
import type { temporaryPasswordResponse } from '../../../../shared/contracts/auth.js';

export { AUDIT_ENTITY_TYPES, type AuditEntityType } from '../../../../shared/audit-entities.js';

/** `POST /api/v1/users/:id/password-reset` → shown once; the user must change it at the next sign-in. */
export type PasswordResetResponse = z.infer<typeof temporaryPasswordResponse>;
/** The audit list's and export's filters (`entityType`, `entityId`, `actorId`, `from`, `to`). */
export type AuditFilters = Omit<z.input<typeof listAuditQuery>, 'page' | 'pageSize'>;
export type AuditExportFormat = NonNullable<z.input<typeof exportAuditQuery>['format']>;
export type AuditEvent = z.infer<typeof auditEventSchema>;

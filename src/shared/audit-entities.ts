/**
 * What the trail records changes of (API.md "Audit", plus reference data, settings and producers' claims).
 * Apart from the zod contracts (contracts/audit.ts re-exports it) so the web's router can check the audit page's
 * address without loading zod.
 */
export const AUDIT_ENTITY_TYPES = ['unit', 'visit', 'demand', 'referral', 'session', 'agenda_item', 'resolution', 'user', 'token', 'quota', 'bank_report', 'reference', 'setting', 'unit_claim', 'loan_application'] as const;
export type AuditEntityType = (typeof AUDIT_ENTITY_TYPES)[number];

/**
 * The trails: tables that record what happened and are never rewritten. Each has a trigger that refuses UPDATE,
 * DELETE and TRUNCATE (drizzle/0002, 0004–0006, 0013, and the loan applications' migration). The rule: audit_events and every table named `*_events`
 * or `*_followups`. A test derives the list from the schema by that rule and tries all three on each, so a new
 * trail table without its trigger (or without its entry here) fails.
 */
export const TRAIL_TABLES = [
  'audit_events',
  'demand_events',
  'demand_followups',
  'loan_application_events',
  'referral_events',
  'referral_followups',
  'resolution_events',
  'resolution_followups',
] as const;

export function isTrailTableName(name: string): boolean {
  return name === 'audit_events' || name.endsWith('_events') || name.endsWith('_followups');
}

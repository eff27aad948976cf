/**
 * The kinds of bank facility a referral asks for. Apart from the zod contracts (contracts/referrals.ts re-exports
 * them) so the web's router can check a referral form's address without loading zod (issue 15, a lighter first load).
 */
export const FACILITY_TYPES = ['working_capital', 'fixed_capital', 'rehabilitation', 'other'] as const;
export type FacilityType = (typeof FACILITY_TYPES)[number];

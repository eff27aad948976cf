/**
 * The permission matrix, kept as data: every route under /api has exactly one rule.
 * `roles` says who may call the route at all; `scope` says, in words, which records the service
 * then lets each role touch (records outside it answer 404). A route without a rule is refused
 * (fail closed), and a test lists every registered route and fails when one is missing here.
 * The server enforces it (src/server/plugins/auth.ts); the web asks `can()` which actions to offer.
 */
import type { Role } from './roles.js';

export type Rule =
  | { access: 'public'; scope: string }
  | { access: 'authenticated'; scope: string }
  | { access: 'roles'; roles: readonly Role[]; scope: string }
  /** Not a person's route: for the operator's tools (a Prometheus scraper); no role reaches it through the app. */
  | { access: 'operator'; scope: string };

const STAFF = ['admin', 'secretariat', 'executive'] as const;
const EVERYONE = 'authenticated' as const;
/** Every role a person can hold (integration tokens are bank or agency, but they have no password, factor or session). */
const USERS = ['admin', 'secretariat', 'executive', 'agency', 'bank', 'producer', 'national'] as const;

export const PERMISSIONS = {
  // Operations, outside /api (the route checks who asks; the session/role check does not apply)
  'GET /metrics': { access: 'operator', scope: 'Prometheus text; from this machine (not through a proxy), or with Authorization: Bearer TASHIL_METRICS_TOKEN; else 404, or 401 when a token is configured' },
  // System and session
  'GET /api/v1/health': { access: 'public', scope: 'no data' },
  'GET /api/v1/health/live': { access: 'public', scope: 'no data: the process answers' },
  'GET /api/v1/health/ready': { access: 'public', scope: 'no data: 503 while draining, the database unreachable or a migration pending' },
  'GET /api/v1/meta': { access: 'public', scope: 'product name, version and demo accounts (only when demo mode is on)' },
  'GET /api/v1/openapi.json': { access: 'public', scope: 'the published contract' },
  'POST /api/v1/auth/login': { access: 'public', scope: 'rate-limited per account and per address' },
  'POST /api/v1/auth/logout': { access: EVERYONE, scope: 'own session' },
  'GET /api/v1/auth/me': { access: EVERYONE, scope: 'own account' },
  // Producers on their own (issue 11): public codes and registration keep the CSRF header rule
  'POST /api/v1/public/otp': { access: 'public', scope: 'sends a code to the mobile given; one a minute and five a day per mobile, thirty an hour per address; the same answer for known and unknown mobiles' },
  'POST /api/v1/public/registrations': { access: 'public', scope: 'a new producer account (no unit) and its pending claim, proven by a code sent to the mobile' },
  'GET /api/v1/public/unit-choices': { access: 'public', scope: 'reference lists only: provinces with counties, their counties and estates, sectors (for describing a new unit at registration)' },
  'POST /api/v1/auth/otp-login': { access: 'public', scope: "a producer's own account, proven by a code; throttled as the password login" },
  'GET /api/v1/unit-claims': { access: 'roles', roles: ['admin', 'secretariat', 'producer'], scope: "own province's claims (an administrator without a province: all); a producer only their own claims" },
  'POST /api/v1/unit-claims/:id/transitions': { access: 'roles', roles: ['admin', 'secretariat'], scope: "own province's claims (others 404); approval binds the producer to the unit" },
  'POST /api/v1/auth/password': { access: 'roles', roles: [...USERS], scope: 'own password (the current one proves it); ends the other sessions' },
  'POST /api/v1/auth/mfa/enroll': { access: 'roles', roles: [...USERS], scope: 'own account' },
  'POST /api/v1/auth/mfa/confirm': { access: 'roles', roles: [...USERS], scope: 'own account' },
  'DELETE /api/v1/auth/mfa': { access: 'roles', roles: [...USERS], scope: 'own account (a current or recovery code proves it)' },
  'GET /api/v1/auth/sessions': { access: 'roles', roles: [...USERS], scope: 'own sessions' },
  'DELETE /api/v1/auth/sessions/:id': { access: 'roles', roles: [...USERS], scope: "own sessions (another user's: 404)" },

  // Reference data: read by everyone logged in
  'GET /api/v1/provinces': { access: EVERYONE, scope: 'all provinces' },
  'GET /api/v1/counties': { access: EVERYONE, scope: "own province's (national: all, or ?provinceId)" },
  'GET /api/v1/estates': { access: EVERYONE, scope: "own province's (national: all, or ?provinceId)" },
  'GET /api/v1/sectors': { access: EVERYONE, scope: 'all' },
  'GET /api/v1/agencies': { access: EVERYONE, scope: 'all' },
  'GET /api/v1/banks': { access: EVERYONE, scope: 'all' },
  'GET /api/v1/programs': { access: EVERYONE, scope: 'all' },
  'GET /api/v1/obstacle-categories': { access: EVERYONE, scope: 'all' },
  'GET /api/v1/rejection-reasons': { access: EVERYONE, scope: 'all' },

  // Home counts
  'GET /api/v1/stats/home': { access: EVERYONE, scope: "counts within the caller's scope; users counted for admin and secretariat only" },
  'GET /api/v1/stats/banks': { access: 'roles', roles: [...STAFF, 'bank', 'agency'], scope: "own province; a bank sees its peers' figures (drill-down only into its own)" },
  'GET /api/v1/stats/agencies': { access: 'roles', roles: [...STAFF, 'agency'], scope: 'own province; an agency sees its own scorecard and the formula' },
  'GET /api/v1/stats/counties': { access: 'roles', roles: [...STAFF, 'bank', 'agency', 'national'], scope: "own province's counties (another province's never appear); the national role names a province; aggregates only" },
  'GET /api/v1/stats/overview': { access: 'roles', roles: [...STAFF], scope: 'own province' },
  'GET /api/v1/stats/trend': { access: 'roles', roles: [...STAFF], scope: 'own province' },
  'GET /api/v1/stats/provinces': { access: 'roles', roles: ['admin', 'national'], scope: 'all provinces, aggregates only' },
  'GET /api/v1/stats/drilldown': { access: 'roles', roles: [...STAFF, 'bank', 'agency'], scope: "own province; a bank only its own bank's referrals, an agency only its own records (403 otherwise)" },
  'GET /api/v1/stats/systemic-obstacles': { access: 'roles', roles: [...STAFF], scope: 'own province' },
  'GET /api/v1/stats/reported-figures': { access: 'roles', roles: [...STAFF], scope: 'own province' },
  'POST /api/v1/stats/reported-figures': { access: 'roles', roles: ['admin', 'secretariat'], scope: 'into own province' },
  'PUT /api/v1/stats/visit-target': { access: 'roles', roles: ['admin', 'secretariat'], scope: 'own province' },
  'GET /api/v1/stats/export': { access: 'roles', roles: [...STAFF, 'bank', 'agency', 'national'], scope: 'per table, as the table itself (banks, agencies, counties, provinces)' },
  'GET /api/v1/stats/banks/report': { access: 'roles', roles: [...STAFF, 'bank'], scope: 'own province' },

  // Units
  'GET /api/v1/units': { access: 'roles', roles: [...STAFF, 'agency', 'producer'], scope: "own province's units; a producer only their own unit" },
  'POST /api/v1/units': { access: 'roles', roles: ['admin', 'secretariat'], scope: 'into own province' },
  'GET /api/v1/units/:id': { access: 'roles', roles: [...STAFF, 'agency', 'producer'], scope: "own province's; a producer only their own unit (others 404)" },
  'PATCH /api/v1/units/:id': { access: 'roles', roles: ['admin', 'secretariat'], scope: "own province's units" },
  'GET /api/v1/units/:id/timeline': { access: 'roles', roles: [...STAFF, 'agency', 'producer'], scope: "as GET /units/:id; each module's entries scoped by the caller (an agency: its own demands and referrals)" },
  'POST /api/v1/units/import': { access: 'roles', roles: ['admin', 'secretariat'], scope: 'into own province; matched by national id within it' },
  'GET /api/v1/units/import/template': { access: 'roles', roles: ['admin', 'secretariat'], scope: "own province's counties and estates in the help sheet" },
  'GET /api/v1/units/export': { access: 'roles', roles: [...STAFF, 'agency'], scope: "own province's units, with the list's filters" },

  // Field visits (issue 4)
  'GET /api/v1/visits': { access: 'roles', roles: [...STAFF, 'agency', 'producer'], scope: "own province's visits; a producer only their own unit's; `include=field` adds each unit's contacts and its open demands within the caller's scope" },
  'GET /api/v1/visits/export': { access: 'roles', roles: [...STAFF, 'agency', 'producer'], scope: 'as the list: the same rows, filters and sort, as .xlsx or .csv (50,000 rows at most)' },
  'POST /api/v1/visits': { access: 'roles', roles: ['admin', 'secretariat'], scope: "a unit of own province (others 404); a `clientId` is the caller's own (another caller's is another record)" },
  'GET /api/v1/visits/:id': { access: 'roles', roles: [...STAFF, 'agency', 'producer'], scope: "own province's; a producer only their own unit's (others 404)" },
  'PATCH /api/v1/visits/:id': { access: 'roles', roles: ['admin', 'secretariat'], scope: "own province's visits" },
  // Field visits made offline (issue 12): photos and papers attached to a visit
  'POST /api/v1/visits/:id/attachments': { access: 'roles', roles: ['admin', 'secretariat'], scope: "own province's visits (others 404)" },
  'GET /api/v1/visits/:id/attachments/:attachmentId': { access: 'roles', roles: [...STAFF, 'agency', 'producer'], scope: "as the visit: own province's; a producer only their own unit's (others 404)" },

  // Producers' demands (issue 4): transitions are further limited by role in the demand machine (src/shared/machines.ts)
  'GET /api/v1/demands': { access: 'roles', roles: [...STAFF, 'agency', 'producer'], scope: "own province's; an agency only those assigned to it; a producer only their own unit's" },
  'GET /api/v1/demands/export': { access: 'roles', roles: [...STAFF, 'agency', 'producer'], scope: 'as the list (an agency its own, a producer their unit’s): the same rows, filters and sort, as .xlsx or .csv (50,000 rows at most)' },
  'POST /api/v1/demands': { access: 'roles', roles: ['admin', 'secretariat', 'producer'], scope: "a unit of own province; a producer only for their own unit (others 404)" },
  'GET /api/v1/demands/:id': { access: 'roles', roles: [...STAFF, 'agency', 'producer'], scope: 'as the list; others 404' },
  'PATCH /api/v1/demands/:id': { access: 'roles', roles: ['admin', 'secretariat'], scope: "own province's demands" },
  'POST /api/v1/demands/:id/transitions': { access: 'roles', roles: ['admin', 'secretariat', 'agency'], scope: 'as the list (an agency: its own demands, others 404); the machine decides which moves each role may make' },
  'POST /api/v1/demands/:id/followups': { access: 'roles', roles: ['admin', 'secretariat', 'agency', 'producer'], scope: 'as the list; others 404' },
  // The producer's voice (issue 11): documents on a demand, and the producer's rating once it is closed
  'POST /api/v1/demands/:id/attachments': { access: 'roles', roles: ['admin', 'secretariat', 'agency', 'producer'], scope: "as the list: the secretariat, the assigned agency, the unit's producer (others 404)" },
  'POST /api/v1/demands/:id/feedback': { access: 'roles', roles: ['producer'], scope: "the unit's producer, once, on a resolved or unresolvable demand (another unit's: 404)" },

  // Files (issue 11): any attachment, by its id, to whoever can see the record that holds it
  'GET /api/v1/files/:id': { access: EVERYONE, scope: "the attachment's record must be in the caller's scope, as that record's module decides (others 404)" },

  // Notifications (issue 4)
  'GET /api/v1/notifications': { access: EVERYONE, scope: "own: addressed to the user, or to their agency, bank, unit or role in their province" },
  'POST /api/v1/notifications/:id/read': { access: EVERYONE, scope: 'own notifications (others 404)' },
  'POST /api/v1/notifications/read-all': { access: EVERYONE, scope: 'own notifications' },

  // Working-group sessions and resolutions
  'GET /api/v1/sessions': { access: 'roles', roles: [...STAFF], scope: "own province's sessions" },
  'POST /api/v1/sessions': { access: 'roles', roles: ['admin', 'secretariat'], scope: 'into own province; numbered in its fiscal year' },
  'GET /api/v1/sessions/:id': { access: 'roles', roles: [...STAFF], scope: "own province's (others 404)" },
  'PATCH /api/v1/sessions/:id': { access: 'roles', roles: ['admin', 'secretariat'], scope: "own province's sessions (others 404)" },
  'POST /api/v1/sessions/:id/agenda': { access: 'roles', roles: ['admin', 'secretariat'], scope: "own province's session; the unit, demand or referral of own province" },
  'PATCH /api/v1/sessions/:id/agenda/:itemId': { access: 'roles', roles: ['admin', 'secretariat'], scope: "own province's session (others 404)" },
  'POST /api/v1/sessions/:id/agenda/:itemId/carry-over': { access: 'roles', roles: ['admin', 'secretariat'], scope: "own province's sessions (others 404)" },
  'GET /api/v1/sessions/:id/agenda-candidates': { access: 'roles', roles: ['admin', 'secretariat'], scope: "own province's escalated demands and overdue referrals" },
  'POST /api/v1/sessions/:id/resolutions': { access: 'roles', roles: ['admin', 'secretariat'], scope: "own province's session (others 404)" },
  'GET /api/v1/sessions/:id/minutes': { access: 'roles', roles: [...STAFF], scope: "own province's (others 404)" },
  'GET /api/v1/resolutions': { access: 'roles', roles: [...STAFF, 'agency'], scope: "own province's; an agency only resolutions naming it" },
  'GET /api/v1/resolutions/export': { access: 'roles', roles: [...STAFF, 'agency'], scope: 'as the list (an agency: those naming it): the same rows, filters and sort, as .xlsx or .csv (50,000 rows at most)' },
  'GET /api/v1/resolutions/implementation': { access: 'roles', roles: [...STAFF, 'agency'], scope: "own province's figure; an agency's list of agencies holds its own row only" },
  'GET /api/v1/resolutions/board': { access: 'roles', roles: [...STAFF, 'agency'], scope: "own province's; an agency only its own column" },
  'GET /api/v1/resolutions/:id': { access: 'roles', roles: [...STAFF, 'agency'], scope: 'as the list; others 404' },
  'POST /api/v1/resolutions/:id/transitions': { access: 'roles', roles: ['admin', 'secretariat', 'agency'], scope: 'as the list (an agency: resolutions naming it, others 404); the machine and the objection window decide' },
  'POST /api/v1/resolutions/:id/followups': { access: 'roles', roles: ['admin', 'secretariat', 'agency'], scope: 'as the list; others 404' },

  // Referrals to banks (issue 5): transitions are further limited by role in the referral machine (src/shared/machines.ts)
  'GET /api/v1/referrals': { access: 'roles', roles: [...STAFF, 'agency', 'bank', 'producer'], scope: "own province's; a bank only referrals to it; an agency only those it made; a producer only their own unit's" },
  'GET /api/v1/referrals/export': { access: 'roles', roles: [...STAFF, 'agency', 'bank', 'producer'], scope: 'as the list (a bank its own, an agency those it made, a producer their unit’s): the same rows, filters and sort, as .xlsx or .csv (50,000 rows at most)' },
  'POST /api/v1/referrals': { access: 'roles', roles: ['admin', 'secretariat', 'agency'], scope: 'a unit of own province; an agency refers on its own behalf only' },
  'GET /api/v1/referrals/summary': { access: 'roles', roles: [...STAFF, 'agency', 'bank', 'producer'], scope: 'as the list' },
  'POST /api/v1/referrals/import': { access: 'roles', roles: ['admin', 'secretariat', 'bank'], scope: "as the list: a bank's rows naming another bank's referral are errors (not found)" },
  'GET /api/v1/referrals/deadlines': { access: 'roles', roles: [...STAFF, 'agency', 'bank'], scope: 'own province (an administrator without one names it)' },
  'PUT /api/v1/referrals/deadlines': { access: 'roles', roles: ['admin', 'secretariat'], scope: 'own province (an administrator without one names it)' },
  'GET /api/v1/referrals/:id': { access: 'roles', roles: [...STAFF, 'agency', 'bank', 'producer'], scope: 'as the list; others 404' },
  'POST /api/v1/referrals/:id/transitions': { access: 'roles', roles: ['admin', 'secretariat', 'agency', 'bank'], scope: 'as the list (others 404); the machine decides: the bank its steps, the agency withdraws, the secretariat any on behalf' },
  'POST /api/v1/referrals/:id/followups': { access: 'roles', roles: ['admin', 'secretariat', 'agency', 'bank'], scope: 'as the list; others 404' },
  'POST /api/v1/referrals/:id/attachments': { access: 'roles', roles: ['admin', 'secretariat', 'bank'], scope: 'as the list; others 404' },
  'GET /api/v1/referrals/:id/attachments/:attachmentId': { access: 'roles', roles: [...STAFF, 'agency', 'bank', 'producer'], scope: 'as the referral; others 404' },
  // Loan applications (issue 11): transitions are further limited by role in the loan application machine (src/shared/machines.ts)
  'GET /api/v1/loan-applications': { access: 'roles', roles: [...STAFF, 'agency', 'producer'], scope: "own province's; an agency only those of the programs it owns or those it filed; a producer only their own unit's" },
  'POST /api/v1/loan-applications': { access: 'roles', roles: ['admin', 'secretariat', 'agency', 'producer'], scope: "a unit of own province; a producer only for their own unit, once their claim is approved (others 404)" },
  'GET /api/v1/loan-applications/export': { access: 'roles', roles: [...STAFF, 'agency', 'producer'], scope: 'as the list (an agency its programs’, a producer their unit’s): the same rows, filters and sort, as .xlsx or .csv (50,000 rows at most)' },
  'GET /api/v1/loan-applications/:id': { access: 'roles', roles: [...STAFF, 'agency', 'producer'], scope: 'as the list; others 404' },
  'PATCH /api/v1/loan-applications/:id': { access: 'roles', roles: ['admin', 'secretariat', 'agency', 'producer'], scope: 'as the list (others 404); only while returned for completion, by the applicant side' },
  'POST /api/v1/loan-applications/:id/transitions': { access: 'roles', roles: ['admin', 'secretariat', 'agency', 'producer'], scope: "as the list (others 404); the machine decides: the committee (secretariat, the program's agency) reviews, the applicant resubmits or withdraws" },
  'POST /api/v1/loan-applications/:id/attachments': { access: 'roles', roles: ['admin', 'secretariat', 'agency', 'producer'], scope: 'as the list; others 404' },
  'GET /api/v1/loan-applications/:id/attachments/:attachmentId': { access: 'roles', roles: [...STAFF, 'agency', 'producer'], scope: 'as the application; others 404' },
  'GET /api/v1/quotas': { access: 'roles', roles: [...STAFF, 'agency', 'bank', 'producer'], scope: "own province's; a bank only its own rows" },
  'POST /api/v1/quotas': { access: 'roles', roles: ['admin', 'secretariat'], scope: 'into own province' },
  'PATCH /api/v1/quotas/:id': { access: 'roles', roles: ['admin', 'secretariat'], scope: "own province's (others 404)" },
  'GET /api/v1/bank-reports': { access: 'roles', roles: [...STAFF, 'bank'], scope: "own province's; a bank only its own" },
  'POST /api/v1/bank-reports': { access: 'roles', roles: ['admin', 'secretariat', 'bank'], scope: 'into own province; a bank for itself only' },
  'PATCH /api/v1/bank-reports/:id': { access: 'roles', roles: ['admin', 'secretariat', 'bank'], scope: "own province's; a bank only its own (others 404)" },

  // Users and integration tokens
  'GET /api/v1/users': { access: 'roles', roles: ['admin'], scope: 'all users' },
  'POST /api/v1/users': { access: 'roles', roles: ['admin'], scope: 'any province' },
  'PATCH /api/v1/users/:id': { access: 'roles', roles: ['admin'], scope: 'any user' },
  'GET /api/v1/tokens': { access: 'roles', roles: ['admin'], scope: 'all tokens (never their secrets)' },
  'POST /api/v1/tokens': { access: 'roles', roles: ['admin'], scope: 'any bank or agency' },
  'DELETE /api/v1/tokens/:id': { access: 'roles', roles: ['admin'], scope: 'any token' },
  'POST /api/v1/users/:id/sessions/revoke': { access: 'roles', roles: ['admin'], scope: 'any user; audited' },
  'POST /api/v1/users/:id/password-reset': { access: 'roles', roles: ['admin'], scope: 'any user; audited; their sessions end' },
  'POST /api/v1/users/:id/mfa/reset': { access: 'roles', roles: ['admin'], scope: 'any user; audited; their sessions end' },
  'POST /api/v1/users/:id/unlock': { access: 'roles', roles: ['admin'], scope: "any user's failed-login counters; audited" },
  // SMS (issue 11)
  'GET /api/v1/sms/outbox': { access: 'roles', roles: ['admin'], scope: 'every message queued or sent; one-time codes readable only in demo mode' },

  // Audit
  'GET /api/v1/audit': { access: 'roles', roles: ['admin', 'secretariat'], scope: "admin: all; secretariat: own province's events" },
  'GET /api/v1/audit/export': { access: 'roles', roles: ['admin', 'secretariat'], scope: 'as the list' },
} as const satisfies Record<string, Rule>;

/** An action is a route of the API, as the matrix names it: `'POST /api/v1/referrals'`. */
export type Action = keyof typeof PERMISSIONS;

/** Whether a caller with this role (none: not logged in) may call the route at all; records are scoped further by the server. */
export function can(role: Role | null | undefined, action: Action): boolean {
  const rule: Rule = PERMISSIONS[action];
  switch (rule.access) {
    case 'public':
      return true;
    case 'authenticated':
      return role != null;
    case 'roles':
      return role != null && rule.roles.includes(role);
    case 'operator':
      return false;
  }
}

import type { Role } from '../../shared/roles.js';
import type { MessageKey } from '../lib/i18n.js';
import { AUDIT_READER_ROLES, TOKEN_ADMIN_ROLES } from '../features/admin/access.js';

export type AppPath = '/' | '/units' | '/users' | '/visits' | '/field' | '/demands' | '/inbox' | '/notifications' | '/sessions' | '/resolutions' | '/referrals' | '/bank' | '/monitor' | '/quotas' | '/bank-reports' | '/sms' | '/unit-claims' | '/loan-applications'
  | '/stats/overview' | '/stats/banks' | '/stats/agencies' | '/stats/systemic-obstacles' | '/stats/provinces' | '/stats/counties'
  | '/tokens' | '/audit';

export interface NavItem {
  to: AppPath;
  label: MessageKey;
  /** Roles that see the link and may open the page. */
  roles: readonly Role[];
}

// Only pages that exist are listed: a link appears here with its page.
export const NAV_ITEMS: readonly NavItem[] = [
  { to: '/', label: 'nav.home', roles: ['admin', 'secretariat', 'executive', 'agency', 'bank', 'producer', 'national'] },
  { to: '/units', label: 'nav.units', roles: ['admin', 'secretariat', 'executive', 'agency'] },
  { to: '/visits', label: 'nav.visits', roles: ['admin', 'secretariat', 'executive', 'agency'] },
  // the field team's own visits, on the device and offline (issue 12): those who record visits
  { to: '/field', label: 'nav.field', roles: ['admin', 'secretariat'] },
  { to: '/demands', label: 'nav.demands', roles: ['admin', 'secretariat', 'executive', 'agency', 'producer'] },
  { to: '/inbox', label: 'nav.inbox', roles: ['agency'] },
  { to: '/notifications', label: 'nav.notifications', roles: ['admin', 'secretariat', 'executive', 'agency', 'bank', 'producer', 'national'] },
  { to: '/sessions', label: 'nav.sessions', roles: ['admin', 'secretariat', 'executive'] },
  { to: '/resolutions', label: 'nav.resolutions', roles: ['admin', 'secretariat', 'executive', 'agency'] },
  // bank referrals, the bank portal, quotas and bank reports (issue 5)
  // loan applications before a referral (issue 11)
  { to: '/loan-applications', label: 'nav.loanApplications', roles: ['admin', 'secretariat', 'executive', 'agency', 'producer'] },
  { to: '/referrals', label: 'nav.referrals', roles: ['admin', 'secretariat', 'executive', 'agency', 'bank', 'producer'] },
  { to: '/bank', label: 'nav.bankInbox', roles: ['bank', 'secretariat', 'admin', 'executive'] },
  { to: '/monitor', label: 'nav.referralMonitor', roles: ['agency', 'secretariat', 'admin', 'executive'] },
  { to: '/quotas', label: 'nav.quotas', roles: ['admin', 'secretariat', 'executive', 'agency', 'bank'] },
  { to: '/bank-reports', label: 'nav.bankReports', roles: ['bank', 'secretariat', 'admin', 'executive'] },
  // statistics and evaluation (issue 7)
  { to: '/stats/overview', label: 'nav.stats.overview', roles: ['admin', 'secretariat', 'executive'] },
  { to: '/stats/banks', label: 'nav.stats.banks', roles: ['admin', 'secretariat', 'executive', 'bank', 'agency'] },
  { to: '/stats/counties', label: 'nav.stats.counties', roles: ['admin', 'secretariat', 'executive', 'bank', 'agency', 'national'] },
  { to: '/stats/agencies', label: 'nav.stats.agencies', roles: ['admin', 'secretariat', 'executive', 'agency'] },
  { to: '/stats/systemic-obstacles', label: 'nav.stats.systemic', roles: ['admin', 'secretariat', 'executive'] },
  { to: '/stats/provinces', label: 'nav.stats.provinces', roles: ['admin', 'national'] },
  { to: '/users', label: 'nav.users', roles: ['admin'] },
  { to: '/sms', label: 'nav.sms', roles: ['admin'] },
  // administration (issue 14)
  { to: '/tokens', label: 'nav.tokens', roles: TOKEN_ADMIN_ROLES },
  { to: '/audit', label: 'nav.audit', roles: AUDIT_READER_ROLES },
  { to: '/unit-claims', label: 'nav.unitClaims', roles: ['admin', 'secretariat'] },
  // a producer follows their own claims on the same page (issue 11)
  { to: '/unit-claims', label: 'nav.myClaims', roles: ['producer'] },
];

export function navItemsFor(role: Role): NavItem[] {
  return NAV_ITEMS.filter((item) => item.roles.includes(role));
}

export function canOpen(role: Role, path: AppPath): boolean {
  return NAV_ITEMS.some((item) => item.to === path && item.roles.includes(role));
}

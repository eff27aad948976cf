import type { Role } from '../../shared/roles.js';
import type { MessageKey } from '../lib/i18n.js';

export type AppPath = '/' | '/units' | '/users' | '/visits' | '/demands' | '/inbox' | '/notifications' | '/sessions' | '/resolutions';

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
  { to: '/demands', label: 'nav.demands', roles: ['admin', 'secretariat', 'executive', 'agency', 'producer'] },
  { to: '/inbox', label: 'nav.inbox', roles: ['agency'] },
  { to: '/notifications', label: 'nav.notifications', roles: ['admin', 'secretariat', 'executive', 'agency', 'bank', 'producer', 'national'] },
  { to: '/sessions', label: 'nav.sessions', roles: ['admin', 'secretariat', 'executive'] },
  { to: '/resolutions', label: 'nav.resolutions', roles: ['admin', 'secretariat', 'executive', 'agency'] },
  { to: '/users', label: 'nav.users', roles: ['admin'] },
];

export function navItemsFor(role: Role): NavItem[] {
  return NAV_ITEMS.filter((item) => item.roles.includes(role));
}

export function canOpen(role: Role, path: AppPath): boolean {
  return NAV_ITEMS.some((item) => item.to === path && item.roles.includes(role));
}

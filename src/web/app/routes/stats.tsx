/** Statistics and evaluation (issue 7): the filters (period, program, county) live in the address bar. */
import { createRoute, redirect, useNavigate, type AsyncRouteComponent } from '@tanstack/react-router';

import { validateStatsSearch, type StatsSearch } from '../../features/stats/components/stats-search.js';
import type { StatsViewer } from '../../features/stats/components/stats-format.js';
import type { Role } from '../../../shared/roles.js';
import { canOpen } from '../navigation.js';
import { appRoute, openable } from './root.js';
import { lazyPage, withPages } from '../lazy-page.js';

// Each statistics page is its own chunk; the charts library comes later still, with the first chart drawn (StatsChart).
const DashboardPage = lazyPage(() => import('../../features/stats/components/dashboard-page.js'), 'DashboardPage', ['stats']);
const BanksPage = lazyPage(() => import('../../features/stats/components/banks-page.js'), 'BanksPage', ['stats']);
const CountiesPage = lazyPage(() => import('../../features/stats/components/counties-page.js'), 'CountiesPage', ['stats']);
const AgenciesPage = lazyPage(() => import('../../features/stats/components/agencies-page.js'), 'AgenciesPage', ['stats']);
const SystemicPage = lazyPage(() => import('../../features/stats/components/systemic-page.js'), 'SystemicPage', ['stats']);
const ProvincesPage = lazyPage(() => import('../../features/stats/components/provinces-page.js'), 'ProvincesPage', ['stats']);

// ── Statistics and evaluation (issue 7): the filters (period, program, county) live in the address bar ──
function statsViewer(me: { role: Role; bankId: string | null; agencyId: string | null }): StatsViewer {
  return {
    role: me.role,
    bankId: me.bankId,
    agencyId: me.agencyId,
    canOpenUnits: canOpen(me.role, '/units'),
    canOpenDemands: canOpen(me.role, '/demands'),
    canOpenResolutions: canOpen(me.role, '/resolutions'),
    canOpenReferrals: canOpen(me.role, '/referrals'),
  };
}

export const statsIndexRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'stats',
  beforeLoad: ({ context }) => {
    const role = context.me.role;
    if (canOpen(role, '/stats/overview')) throw redirect({ to: '/stats/overview' });
    if (canOpen(role, '/stats/banks')) throw redirect({ to: '/stats/banks' });
    if (canOpen(role, '/stats/provinces')) throw redirect({ to: '/stats/provinces' });
    throw redirect({ to: '/' });
  },
});

type StatsPageProps = { search: StatsSearch; onSearchChange: (next: StatsSearch) => void; viewer: StatsViewer };

/** A statistics page for the caller: its filters in the address bar, open to those the navigation shows it to. */
function statsPageRoute<P extends 'stats/overview' | 'stats/banks' | 'stats/agencies' | 'stats/counties' | 'stats/systemic-obstacles'>(
  path: P,
  Page: AsyncRouteComponent<StatsPageProps>,
) {
  const route = createRoute({
    getParentRoute: () => appRoute,
    path,
    validateSearch: validateStatsSearch,
    beforeLoad: openable(`/${path}`),
    component: withPages(function StatsPageRoute() {
      // the path is generic here, which hides validateStatsSearch's result from TypeScript
      const search = route.useSearch() as StatsSearch;
      const navigate = useNavigate();
      const { me } = appRoute.useRouteContext();
      return <Page search={search} onSearchChange={(next) => void navigate({ to: `/${path}`, search: next, replace: true })} viewer={statsViewer(me)} />;
    }, Page),
  });
  return route;
}

export const statsOverviewRoute = statsPageRoute('stats/overview', DashboardPage);
export const statsBanksRoute = statsPageRoute('stats/banks', BanksPage);
export const statsAgenciesRoute = statsPageRoute('stats/agencies', AgenciesPage);
export const statsCountiesRoute = statsPageRoute('stats/counties', CountiesPage);
export const statsSystemicRoute = statsPageRoute('stats/systemic-obstacles', SystemicPage);

export const statsProvincesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'stats/provinces',
  validateSearch: validateStatsSearch,
  beforeLoad: openable('/stats/provinces'),
  component: withPages(function StatsProvincesRoute() {
    const search = statsProvincesRoute.useSearch();
    const navigate = statsProvincesRoute.useNavigate();
    return <ProvincesPage search={search} onSearchChange={(next) => void navigate({ search: next, replace: true })} />;
  }, ProvincesPage),
});

export const statsRoutes = [statsIndexRoute, statsOverviewRoute, statsBanksRoute, statsCountiesRoute, statsAgenciesRoute, statsSystemicRoute, statsProvincesRoute];


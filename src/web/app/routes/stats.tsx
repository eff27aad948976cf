/** Statistics and evaluation (issue 7): the filters (period, program, county) live in the address bar. */
import { createRoute, redirect } from '@tanstack/react-router';
import { validateStatsSearch } from '../../features/stats/components/stats-search.js';
import type { StatsViewer } from '../../features/stats/components/stats-format.js';
import type { Role } from '../../../shared/roles.js';
import { canOpen } from '../navigation.js';

import { appRoute } from './root.js';
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

export const statsOverviewRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'stats/overview',
  validateSearch: validateStatsSearch,
  beforeLoad: ({ context }) => {
    if (!canOpen(context.me.role, '/stats/overview')) throw redirect({ to: '/' });
  },
  component: withPages(function StatsOverviewRoute() {
    const search = statsOverviewRoute.useSearch();
    const navigate = statsOverviewRoute.useNavigate();
    const { me } = appRoute.useRouteContext();
    return <DashboardPage search={search} onSearchChange={(next) => void navigate({ search: next, replace: true })} viewer={statsViewer(me)} />;
  }, DashboardPage),
});

export const statsBanksRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'stats/banks',
  validateSearch: validateStatsSearch,
  beforeLoad: ({ context }) => {
    if (!canOpen(context.me.role, '/stats/banks')) throw redirect({ to: '/' });
  },
  component: withPages(function StatsBanksRoute() {
    const search = statsBanksRoute.useSearch();
    const navigate = statsBanksRoute.useNavigate();
    const { me } = appRoute.useRouteContext();
    return <BanksPage search={search} onSearchChange={(next) => void navigate({ search: next, replace: true })} viewer={statsViewer(me)} />;
  }, BanksPage),
});

export const statsAgenciesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'stats/agencies',
  validateSearch: validateStatsSearch,
  beforeLoad: ({ context }) => {
    if (!canOpen(context.me.role, '/stats/agencies')) throw redirect({ to: '/' });
  },
  component: withPages(function StatsAgenciesRoute() {
    const search = statsAgenciesRoute.useSearch();
    const navigate = statsAgenciesRoute.useNavigate();
    const { me } = appRoute.useRouteContext();
    return <AgenciesPage search={search} onSearchChange={(next) => void navigate({ search: next, replace: true })} viewer={statsViewer(me)} />;
  }, AgenciesPage),
});

export const statsCountiesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'stats/counties',
  validateSearch: validateStatsSearch,
  beforeLoad: ({ context }) => {
    if (!canOpen(context.me.role, '/stats/counties')) throw redirect({ to: '/' });
  },
  component: withPages(function StatsCountiesRoute() {
    const search = statsCountiesRoute.useSearch();
    const navigate = statsCountiesRoute.useNavigate();
    const { me } = appRoute.useRouteContext();
    return <CountiesPage search={search} onSearchChange={(next) => void navigate({ search: next, replace: true })} viewer={statsViewer(me)} />;
  }, CountiesPage),
});

export const statsSystemicRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'stats/systemic-obstacles',
  validateSearch: validateStatsSearch,
  beforeLoad: ({ context }) => {
    if (!canOpen(context.me.role, '/stats/systemic-obstacles')) throw redirect({ to: '/' });
  },
  component: withPages(function StatsSystemicRoute() {
    const search = statsSystemicRoute.useSearch();
    const navigate = statsSystemicRoute.useNavigate();
    const { me } = appRoute.useRouteContext();
    return <SystemicPage search={search} onSearchChange={(next) => void navigate({ search: next, replace: true })} viewer={statsViewer(me)} />;
  }, SystemicPage),
});

export const statsProvincesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'stats/provinces',
  validateSearch: validateStatsSearch,
  beforeLoad: ({ context }) => {
    if (!canOpen(context.me.role, '/stats/provinces')) throw redirect({ to: '/' });
  },
  component: withPages(function StatsProvincesRoute() {
    const search = statsProvincesRoute.useSearch();
    const navigate = statsProvincesRoute.useNavigate();
    return <ProvincesPage search={search} onSearchChange={(next) => void navigate({ search: next, replace: true })} />;
  }, ProvincesPage),
});

export const statsRoutes = [statsIndexRoute, statsOverviewRoute, statsBanksRoute, statsCountiesRoute, statsAgenciesRoute, statsSystemicRoute, statsProvincesRoute];


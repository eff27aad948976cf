/** Statistics and evaluation (issue 7): the filters (period, program, county) live in the address bar. */
import { createRoute, redirect } from '@tanstack/react-router';
import { AgenciesPageLazy, BanksPageLazy, CountiesPageLazy, DashboardPageLazy, ProvincesPageLazy, SystemicPageLazy } from '../../features/stats/components/stats-pages.js';
import { validateStatsSearch } from '../../features/stats/components/stats-search.js';
import type { StatsViewer } from '../../features/stats/components/stats-format.js';
import type { Role } from '../../../shared/roles.js';
import { canOpen } from '../navigation.js';

import { appRoute } from './root.js';

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
  component: function StatsOverviewRoute() {
    const search = statsOverviewRoute.useSearch();
    const navigate = statsOverviewRoute.useNavigate();
    const { me } = appRoute.useRouteContext();
    return <DashboardPageLazy search={search} onSearchChange={(next) => void navigate({ search: next, replace: true })} viewer={statsViewer(me)} />;
  },
});

export const statsBanksRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'stats/banks',
  validateSearch: validateStatsSearch,
  beforeLoad: ({ context }) => {
    if (!canOpen(context.me.role, '/stats/banks')) throw redirect({ to: '/' });
  },
  component: function StatsBanksRoute() {
    const search = statsBanksRoute.useSearch();
    const navigate = statsBanksRoute.useNavigate();
    const { me } = appRoute.useRouteContext();
    return <BanksPageLazy search={search} onSearchChange={(next) => void navigate({ search: next, replace: true })} viewer={statsViewer(me)} />;
  },
});

export const statsAgenciesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'stats/agencies',
  validateSearch: validateStatsSearch,
  beforeLoad: ({ context }) => {
    if (!canOpen(context.me.role, '/stats/agencies')) throw redirect({ to: '/' });
  },
  component: function StatsAgenciesRoute() {
    const search = statsAgenciesRoute.useSearch();
    const navigate = statsAgenciesRoute.useNavigate();
    const { me } = appRoute.useRouteContext();
    return <AgenciesPageLazy search={search} onSearchChange={(next) => void navigate({ search: next, replace: true })} viewer={statsViewer(me)} />;
  },
});

export const statsCountiesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'stats/counties',
  validateSearch: validateStatsSearch,
  beforeLoad: ({ context }) => {
    if (!canOpen(context.me.role, '/stats/counties')) throw redirect({ to: '/' });
  },
  component: function StatsCountiesRoute() {
    const search = statsCountiesRoute.useSearch();
    const navigate = statsCountiesRoute.useNavigate();
    const { me } = appRoute.useRouteContext();
    return <CountiesPageLazy search={search} onSearchChange={(next) => void navigate({ search: next, replace: true })} viewer={statsViewer(me)} />;
  },
});

export const statsSystemicRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'stats/systemic-obstacles',
  validateSearch: validateStatsSearch,
  beforeLoad: ({ context }) => {
    if (!canOpen(context.me.role, '/stats/systemic-obstacles')) throw redirect({ to: '/' });
  },
  component: function StatsSystemicRoute() {
    const search = statsSystemicRoute.useSearch();
    const navigate = statsSystemicRoute.useNavigate();
    const { me } = appRoute.useRouteContext();
    return <SystemicPageLazy search={search} onSearchChange={(next) => void navigate({ search: next, replace: true })} viewer={statsViewer(me)} />;
  },
});

export const statsProvincesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'stats/provinces',
  validateSearch: validateStatsSearch,
  beforeLoad: ({ context }) => {
    if (!canOpen(context.me.role, '/stats/provinces')) throw redirect({ to: '/' });
  },
  component: function StatsProvincesRoute() {
    const search = statsProvincesRoute.useSearch();
    const navigate = statsProvincesRoute.useNavigate();
    return <ProvincesPageLazy search={search} onSearchChange={(next) => void navigate({ search: next, replace: true })} />;
  },
});

export const statsRoutes = [statsIndexRoute, statsOverviewRoute, statsBanksRoute, statsCountiesRoute, statsAgenciesRoute, statsSystemicRoute, statsProvincesRoute];


/** Working-group sessions and resolutions (issue 6). */
import { createRoute, redirect } from '@tanstack/react-router';
import { canOpen } from '../navigation.js';
import { appRoute, fiscalYearParam, positiveInt } from './root.js';
import { lazyPage, withPages } from '../lazy-page.js';

const SessionsPage = lazyPage(() => import('../../features/sessions/components/sessions-page.js'), 'SessionsPage', ['sessions']);
const SessionPage = lazyPage(() => import('../../features/sessions/components/session-page.js'), 'SessionPage', ['sessions', 'units']);
const BoardPage = lazyPage(() => import('../../features/resolutions/components/board-page.js'), 'BoardPage', ['resolutions']);
const ResolutionPage = lazyPage(() => import('../../features/resolutions/components/resolution-page.js'), 'ResolutionPage', ['resolutions']);

export const sessionsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'sessions',
  validateSearch: (search: Record<string, unknown>): { year?: number; page?: number } => {
    const year = fiscalYearParam(search['year']);
    const page = positiveInt(search['page']);
    return { ...(year ? { year } : {}), ...(page && page > 1 ? { page } : {}) };
  },
  beforeLoad: ({ context }) => {
    if (!canOpen(context.me.role, '/sessions')) throw redirect({ to: '/' });
  },
  component: withPages(function SessionsRoute() {
    const search = sessionsRoute.useSearch();
    const navigate = sessionsRoute.useNavigate();
    const { me } = appRoute.useRouteContext();
    return (
      <SessionsPage
        role={me.role}
        search={{ year: search.year, page: search.page ?? 1 }}
        onSearchChange={(next) => void navigate({ search: { ...(next.year ? { year: next.year } : {}), ...(next.page > 1 ? { page: next.page } : {}) } })}
      />
    );
  }, SessionsPage),
});

export const sessionRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'sessions/$sessionId',
  beforeLoad: ({ context }) => {
    if (!canOpen(context.me.role, '/sessions')) throw redirect({ to: '/' });
  },
  component: withPages(function SessionRoute() {
    const { sessionId } = sessionRoute.useParams();
    const { me } = appRoute.useRouteContext();
    return <SessionPage id={sessionId} role={me.role} key={sessionId} />;
  }, SessionPage),
});

export const resolutionsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'resolutions',
  validateSearch: (search: Record<string, unknown>): { year?: number; closed?: boolean } => {
    const year = fiscalYearParam(search['year']);
    const closed = search['closed'] === true || search['closed'] === 'true';
    return { ...(year ? { year } : {}), ...(closed ? { closed } : {}) };
  },
  beforeLoad: ({ context }) => {
    if (!canOpen(context.me.role, '/resolutions')) throw redirect({ to: '/' });
  },
  component: withPages(function ResolutionsRoute() {
    const search = resolutionsRoute.useSearch();
    const navigate = resolutionsRoute.useNavigate();
    return <BoardPage search={search} onSearchChange={(next) => void navigate({ search: { ...(next.year ? { year: next.year } : {}), ...(next.closed ? { closed: true } : {}) } })} />;
  }, BoardPage),
});

export const resolutionRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'resolutions/$resolutionId',
  beforeLoad: ({ context }) => {
    if (!canOpen(context.me.role, '/resolutions')) throw redirect({ to: '/' });
  },
  component: withPages(function ResolutionRoute() {
    const { resolutionId } = resolutionRoute.useParams();
    const { me } = appRoute.useRouteContext();
    return <ResolutionPage id={resolutionId} role={me.role} key={resolutionId} />;
  }, ResolutionPage),
});

export const sessionsRoutes = [sessionsRoute, sessionRoute, resolutionsRoute, resolutionRoute];


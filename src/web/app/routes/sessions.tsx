/** Working-group sessions and resolutions (issue 6). */
import { createRoute } from '@tanstack/react-router';
import { appRoute, fiscalYearParam, openable, positiveInt, recordPage } from './root.js';
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
  beforeLoad: openable('/sessions'),
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
  beforeLoad: openable('/sessions'),
  component: recordPage(SessionPage, (): string => sessionRoute.useParams().sessionId),
});

export const resolutionsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'resolutions',
  validateSearch: (search: Record<string, unknown>): { year?: number; closed?: boolean } => {
    const year = fiscalYearParam(search['year']);
    const closed = search['closed'] === true || search['closed'] === 'true';
    return { ...(year ? { year } : {}), ...(closed ? { closed } : {}) };
  },
  beforeLoad: openable('/resolutions'),
  component: withPages(function ResolutionsRoute() {
    const search = resolutionsRoute.useSearch();
    const navigate = resolutionsRoute.useNavigate();
    return <BoardPage search={search} onSearchChange={(next) => void navigate({ search: { ...(next.year ? { year: next.year } : {}), ...(next.closed ? { closed: true } : {}) } })} />;
  }, BoardPage),
});

export const resolutionRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'resolutions/$resolutionId',
  beforeLoad: openable('/resolutions'),
  component: recordPage(ResolutionPage, (): string => resolutionRoute.useParams().resolutionId),
});

export const sessionsRoutes = [sessionsRoute, sessionRoute, resolutionsRoute, resolutionRoute];


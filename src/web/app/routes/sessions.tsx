/** Working-group sessions and resolutions (issue 6). */
import { openable } from './root.js';
import { listRoute, recordRoute } from './page-routes.js';
import { fiscalYearParam, flag, laterPage } from './search-params.js';
import { lazyPage } from '../lazy-page.js';

const SessionsPage = lazyPage(() => import('../../features/sessions/components/sessions-page.js'), 'SessionsPage', ['sessions']);
const SessionPage = lazyPage(() => import('../../features/sessions/components/session-page.js'), 'SessionPage', ['sessions', 'units']);
const BoardPage = lazyPage(() => import('../../features/resolutions/components/board-page.js'), 'BoardPage', ['resolutions']);
const ResolutionPage = lazyPage(() => import('../../features/resolutions/components/resolution-page.js'), 'ResolutionPage', ['resolutions']);

export const sessionsRoute = listRoute('sessions', SessionsPage, { defaults: { page: 1 }, params: { year: fiscalYearParam, page: laterPage } });

export const sessionRoute = recordRoute('sessions/$sessionId', openable('/sessions'), SessionPage);

export const resolutionsRoute = listRoute('resolutions', BoardPage, { defaults: {}, params: { year: fiscalYearParam, closed: flag } });

export const resolutionRoute = recordRoute('resolutions/$resolutionId', openable('/resolutions'), ResolutionPage);

export const sessionsRoutes = [sessionsRoute, sessionRoute, resolutionsRoute, resolutionRoute];


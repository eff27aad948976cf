/** Visits, demands, the agency inbox and notifications (issue 4). */
import { createRoute } from '@tanstack/react-router';
import { DEMAND_STATUSES, VISIT_STATUSES } from '../../../shared/machines.js';
import { scopeOf } from '../../lib/authorization.js';
import { allow, appRoute, openable } from './root.js';
import { listRoute, pagedRoute, recordRoute } from './page-routes.js';
import { flag, laterPage, oneOfParam, searchOf, text, uuid } from './search-params.js';
import { lazyPage, withPages } from '../lazy-page.js';

const VisitsPage = lazyPage(() => import('../../features/visits/components/visits-page.js'), 'VisitsPage', ['visits']);
const NewVisitPage = lazyPage(() => import('../../features/visits/components/new-visit-page.js'), 'NewVisitPage', ['visits', 'units']);
const VisitPage = lazyPage(() => import('../../features/visits/components/visit-page.js'), 'VisitPage', ['visits', 'demands', 'units']);
const DemandsPage = lazyPage(() => import('../../features/demands/components/demands-page.js'), 'DemandsPage', ['demands']);
const DemandPage = lazyPage(() => import('../../features/demands/components/demand-page.js'), 'DemandPage', ['demands', 'resolutions']);
const DemandForm = lazyPage(() => import('../../features/demands/components/demand-form.js'), 'DemandForm', ['demands', 'units']);
const AgencyInbox = lazyPage(() => import('../../features/demands/components/agency-inbox.js'), 'AgencyInbox', ['demands']);
const NotificationsPage = lazyPage(() => import('../../features/notifications/components/notifications-page.js'), 'NotificationsPage', ['notifications']);

export const visitsRoute = listRoute('visits', VisitsPage, {
  defaults: { status: '', q: '', page: 1 },
  params: { status: oneOfParam(VISIT_STATUSES), q: text, page: laterPage },
  replace: () => true,
});

export const newVisitRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'visits/new',
  validateSearch: searchOf({ unitId: uuid }),
  beforeLoad: allow('POST /api/v1/visits'),
  component: withPages(function NewVisitRoute() {
    const search = newVisitRoute.useSearch();
    const navigate = newVisitRoute.useNavigate();
    return (
      <NewVisitPage
        unitId={search.unitId}
        onSaved={(v) => void navigate({ to: '/visits/$visitId', params: { visitId: v.id } })}
        onCancel={() => void navigate({ to: '/visits' })}
      />
    );
  }, NewVisitPage),
});

export const visitRoute = recordRoute('visits/$visitId', allow('GET /api/v1/visits/:id'), VisitPage);

export const demandsRoute = listRoute('demands', DemandsPage, {
  defaults: { q: '', status: '', categoryCode: '', agencyId: '', countyId: '', overdue: false, page: 1 },
  params: { q: text, status: oneOfParam(DEMAND_STATUSES), categoryCode: text, agencyId: text, countyId: text, overdue: flag, page: laterPage },
  replace: (next) => next.page === 1,
});

export const newDemandRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'demands/new',
  validateSearch: searchOf({ unitId: uuid, visitId: uuid }),
  beforeLoad: allow('POST /api/v1/demands'),
  component: withPages(function NewDemandRoute() {
    const search = newDemandRoute.useSearch();
    const navigate = newDemandRoute.useNavigate();
    const { me } = appRoute.useRouteContext();
    const unitId = scopeOf(me.role) === 'unitId' ? (me.unitId ?? undefined) : search.unitId;
    return (
      <DemandForm
        role={me.role}
        unitId={unitId}
        visitId={search.visitId}
        onCreated={(id) => void navigate({ to: '/demands/$demandId', params: { demandId: id } })}
        onCancel={() => void (search.visitId ? navigate({ to: '/visits/$visitId', params: { visitId: search.visitId } }) : navigate({ to: '/demands' }))}
      />
    );
  }, DemandForm),
});

export const demandRoute = recordRoute('demands/$demandId', openable('/demands'), DemandPage);

export const inboxRoute = listRoute('inbox', AgencyInbox, { defaults: { page: 1, overdue: false }, params: { page: laterPage, overdue: flag } });

export const notificationsRoute = pagedRoute('notifications', NotificationsPage);

export const visitsAndDemandsRoutes = [visitsRoute, newVisitRoute, visitRoute, demandsRoute, newDemandRoute, demandRoute, inboxRoute, notificationsRoute];


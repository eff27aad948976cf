/** Visits, demands, the agency inbox and notifications (issue 4). */
import { createRoute } from '@tanstack/react-router';
import { DEMAND_STATUSES, VISIT_STATUSES, type DemandStatus, type VisitStatus } from '../../../shared/machines.js';
import { scopeOf } from '../../lib/authorization.js';
import { allow, appRoute, compact, oneOf, openable, pageSearch, positiveInt, recordPage, text, uuid } from './root.js';
import { lazyPage, withPages } from '../lazy-page.js';

const VisitsPage = lazyPage(() => import('../../features/visits/components/visits-page.js'), 'VisitsPage', ['visits']);
const NewVisitPage = lazyPage(() => import('../../features/visits/components/new-visit-page.js'), 'NewVisitPage', ['visits', 'units']);
const VisitPage = lazyPage(() => import('../../features/visits/components/visit-page.js'), 'VisitPage', ['visits', 'demands', 'units']);
const DemandsPage = lazyPage(() => import('../../features/demands/components/demands-page.js'), 'DemandsPage', ['demands']);
const DemandPage = lazyPage(() => import('../../features/demands/components/demand-page.js'), 'DemandPage', ['demands', 'resolutions']);
const DemandForm = lazyPage(() => import('../../features/demands/components/demand-form.js'), 'DemandForm', ['demands', 'units']);
const AgencyInbox = lazyPage(() => import('../../features/demands/components/agency-inbox.js'), 'AgencyInbox', ['demands']);
const NotificationsPage = lazyPage(() => import('../../features/notifications/components/notifications-page.js'), 'NotificationsPage', ['notifications']);

export const visitsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'visits',
  validateSearch: (search: Record<string, unknown>): { status?: VisitStatus; q?: string; page?: number } => {
    const status = oneOf(VISIT_STATUSES, search['status']);
    const q = text(search['q']);
    const page = positiveInt(search['page']);
    return { ...(status ? { status } : {}), ...(q ? { q } : {}), ...(page && page > 1 ? { page } : {}) };
  },
  beforeLoad: openable('/visits'),
  component: withPages(function VisitsRoute() {
    const search = visitsRoute.useSearch();
    const navigate = visitsRoute.useNavigate();
    const { me } = appRoute.useRouteContext();
    return (
      <VisitsPage
        role={me.role}
        search={{ status: search.status ?? '', q: search.q ?? '', page: search.page ?? 1 }}
        onSearchChange={(next) => void navigate({ search: compact(next), replace: true })}
      />
    );
  }, VisitsPage),
});

export const newVisitRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'visits/new',
  validateSearch: (search: Record<string, unknown>): { unitId?: string } => {
    const unitId = uuid(search['unitId']);
    return unitId ? { unitId } : {};
  },
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

export const visitRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'visits/$visitId',
  beforeLoad: allow('GET /api/v1/visits/:id'),
  component: recordPage(VisitPage, (): string => visitRoute.useParams().visitId),
});

export const demandsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'demands',
  validateSearch: (search: Record<string, unknown>): { q?: string; status?: DemandStatus; categoryCode?: string; agencyId?: string; countyId?: string; overdue?: boolean; page?: number } => {
    const status = oneOf(DEMAND_STATUSES, search['status']);
    const page = positiveInt(search['page']);
    const out: Record<string, unknown> = {};
    for (const key of ['q', 'categoryCode', 'agencyId', 'countyId'] as const) {
      const value = text(search[key]);
      if (value) out[key] = value;
    }
    if (status) out['status'] = status;
    if (search['overdue'] === true || search['overdue'] === 'true') out['overdue'] = true;
    if (page && page > 1) out['page'] = page;
    return out;
  },
  beforeLoad: openable('/demands'),
  component: withPages(function DemandsRoute() {
    const search = demandsRoute.useSearch();
    const navigate = demandsRoute.useNavigate();
    const { me } = appRoute.useRouteContext();
    return (
      <DemandsPage
        role={me.role}
        search={{
          q: search.q ?? '',
          status: search.status ?? '',
          categoryCode: search.categoryCode ?? '',
          agencyId: search.agencyId ?? '',
          countyId: search.countyId ?? '',
          overdue: search.overdue ?? false,
          page: search.page ?? 1,
        }}
        onSearchChange={(next) => void navigate({ search: compact(next), replace: next.page === 1 })}
      />
    );
  }, DemandsPage),
});

export const newDemandRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'demands/new',
  validateSearch: (search: Record<string, unknown>): { unitId?: string; visitId?: string } => {
    const unitId = uuid(search['unitId']);
    const visitId = uuid(search['visitId']);
    return { ...(unitId ? { unitId } : {}), ...(visitId ? { visitId } : {}) };
  },
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

export const demandRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'demands/$demandId',
  beforeLoad: openable('/demands'),
  component: recordPage(DemandPage, (): string => demandRoute.useParams().demandId),
});

export const inboxRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'inbox',
  validateSearch: (search: Record<string, unknown>): { page?: number; overdue?: boolean } => {
    const page = positiveInt(search['page']);
    return { ...(page && page > 1 ? { page } : {}), ...(search['overdue'] === true || search['overdue'] === 'true' ? { overdue: true } : {}) };
  },
  beforeLoad: openable('/inbox'),
  component: withPages(function InboxRoute() {
    const search = inboxRoute.useSearch();
    const navigate = inboxRoute.useNavigate();
    return (
      <AgencyInbox
        page={search.page ?? 1}
        overdueOnly={search.overdue ?? false}
        onChange={(next) => void navigate({ search: compact({ page: next.page, overdue: next.overdueOnly }) })}
      />
    );
  }, AgencyInbox),
});

export const notificationsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'notifications',
  validateSearch: pageSearch,
  component: withPages(function NotificationsRoute() {
    const search = notificationsRoute.useSearch();
    const navigate = notificationsRoute.useNavigate();
    return <NotificationsPage page={search.page ?? 1} onPageChange={(page) => void navigate({ search: page > 1 ? { page } : {} })} />;
  }, NotificationsPage),
});

export const visitsAndDemandsRoutes = [visitsRoute, newVisitRoute, visitRoute, demandsRoute, newDemandRoute, demandRoute, inboxRoute, notificationsRoute];


/** Units (issue 3) and users: lists, a unit's page, its forms and the import. */
import { createRoute } from '@tanstack/react-router';
import { useUnit } from '../../features/units/hooks/use-units.js';
import { PageHeader } from '../../components/page-header.js';
import { UNIT_STATUSES, type UnitStatus } from '../../../shared/machines.js';
import { QueryError } from '../../components/query-error.js';
import { useI18n } from '../../lib/i18n.js';
import { allow, appRoute, compact, oneOf, openable, pageSearch, positiveInt, recordPage } from './root.js';
import { lazyPage, withPages } from '../lazy-page.js';

const UnitsPage = lazyPage(() => import('../../features/units/components/units-page.js'), 'UnitsPage', ['units']);
const UnitForm = lazyPage(() => import('../../features/units/components/unit-form.js'), 'UnitForm', ['units']);
const UnitImportPage = lazyPage(() => import('../../features/units/components/unit-import-page.js'), 'UnitImportPage', ['units']);
const UnitPage = lazyPage(() => import('../../features/units/components/unit-page.js'), 'UnitPage', ['units']);
const UsersAdminPage = lazyPage(() => import('../../features/admin/components/users-admin-page.js'), 'UsersAdminPage', ['admin', 'units']);

export const unitsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'units',
  validateSearch: (search: Record<string, unknown>): { q?: string; countyId?: string; estateId?: string; sectorCode?: string; status?: UnitStatus; page?: number } => {
    const out: { q?: string; countyId?: string; estateId?: string; sectorCode?: string; status?: UnitStatus; page?: number } = {};
    for (const key of ['q', 'countyId', 'estateId', 'sectorCode'] as const) {
      const value = search[key];
      if (typeof value === 'string' && value.trim()) out[key] = value;
      else if (typeof value === 'number') out[key] = String(value);
    }
    const status = oneOf(UNIT_STATUSES, search['status']);
    if (status) out.status = status;
    const page = positiveInt(search['page']);
    if (page && page > 1) out.page = page;
    return out;
  },
  beforeLoad: openable('/units'),
  component: withPages(function UnitsRoute() {
    const search = unitsRoute.useSearch();
    const navigate = unitsRoute.useNavigate();
    const { me } = appRoute.useRouteContext();
    return (
      <UnitsPage
        role={me.role}
        search={{ q: search.q ?? '', countyId: search.countyId ?? '', estateId: search.estateId ?? '', sectorCode: search.sectorCode ?? '', status: search.status ?? '', page: search.page ?? 1 }}
        onSearchChange={(next) => void navigate({ search: compact(next), replace: next.page === 1 })}
      />
    );
  }, UnitsPage),
});

export const usersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'users',
  validateSearch: pageSearch,
  beforeLoad: openable('/users'),
  component: withPages(function UsersRoute() {
    const search = usersRoute.useSearch();
    const navigate = usersRoute.useNavigate();
    return (
      <UsersAdminPage
        page={search.page ?? 1}
        onPageChange={(page) => void navigate({ search: page > 1 ? { page } : {} })}
      />
    );
  }, UsersAdminPage),
});

// issue 3: a unit's page, its forms and the import
export const newUnitRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'units/new',
  beforeLoad: allow('POST /api/v1/units'),
  component: withPages(function NewUnitRoute() {
    const navigate = newUnitRoute.useNavigate();
    const { t } = useI18n();
    return (
      <>
        <PageHeader title={t('units.form.newTitle')} />
        <UnitForm onSaved={(u) => void navigate({ to: '/units/$unitId', params: { unitId: u.id } })} onCancel={() => void navigate({ to: '/units' })} />
      </>
    );
  }, UnitForm),
});

export const unitImportRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'units/import',
  beforeLoad: allow('POST /api/v1/units/import'),
  component: UnitImportPage,
});

export const unitRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'units/$unitId',
  beforeLoad: allow('GET /api/v1/units/:id'),
  component: recordPage(UnitPage, (): string => unitRoute.useParams().unitId),
});

export const editUnitRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'units/$unitId/edit',
  beforeLoad: allow('PATCH /api/v1/units/:id'),
  component: withPages(function EditUnitRoute() {
    const { unitId } = editUnitRoute.useParams();
    const navigate = editUnitRoute.useNavigate();
    const { t } = useI18n();
    const unit = useUnit(unitId);
    if (unit.isError) return <QueryError error={unit.error} onRetry={() => void unit.refetch()} />;
    if (!unit.data) return null;
    const back = () => void navigate({ to: '/units/$unitId', params: { unitId } });
    return (
      <>
        <PageHeader title={t('units.form.editTitle')} subtitle={unit.data.name} />
        <UnitForm unit={unit.data} onSaved={back} onCancel={back} key={unit.data.id} />
      </>
    );
  }, UnitForm),
});

export const unitsRoutes = [unitsRoute, usersRoute, newUnitRoute, unitImportRoute, unitRoute, editUnitRoute];


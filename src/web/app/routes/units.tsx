/** Units (issue 3) and users: lists, a unit's page, its forms and the import. */
import { useUnit } from '../../features/units/hooks/use-units.js';
import { PageHeader } from '../../components/page-header.js';
import { UNIT_STATUSES } from '../../../shared/machines.js';
import { QueryError } from '../../components/query-error.js';
import { useI18n } from '../../lib/i18n.js';
import { allow, openable } from './root.js';
import { appPage, listRoute, pagedRoute, recordRoute } from './page-routes.js';
import { laterPage, oneOfParam, text } from './search-params.js';
import { lazyPage, withPages } from '../lazy-page.js';

const UnitsPage = lazyPage(() => import('../../features/units/components/units-page.js'), 'UnitsPage', ['units']);
const UnitForm = lazyPage(() => import('../../features/units/components/unit-form.js'), 'UnitForm', ['units']);
const UnitImportPage = lazyPage(() => import('../../features/units/components/unit-import-page.js'), 'UnitImportPage', ['units']);
const UnitPage = lazyPage(() => import('../../features/units/components/unit-page.js'), 'UnitPage', ['units']);
const UsersAdminPage = lazyPage(() => import('../../features/admin/components/users-admin-page.js'), 'UsersAdminPage', ['admin', 'units']);

export const unitsRoute = listRoute('units', UnitsPage, {
  defaults: { q: '', countyId: '', estateId: '', sectorCode: '', status: '', page: 1 },
  params: { q: text, countyId: text, estateId: text, sectorCode: text, status: oneOfParam(UNIT_STATUSES), page: laterPage },
  replace: (next) => next.page === 1,
});

export const usersRoute = pagedRoute('users', UsersAdminPage, openable('/users'));

// issue 3: a unit's page, its forms and the import
export const newUnitRoute = appPage(
  'units/new',
  allow('POST /api/v1/units'),
  withPages(function NewUnitRoute() {
    const navigate = newUnitRoute.useNavigate();
    const { t } = useI18n();
    return (
      <>
        <PageHeader title={t('units.form.newTitle')} />
        <UnitForm onSaved={(u) => void navigate({ to: '/units/$unitId', params: { unitId: u.id } })} onCancel={() => void navigate({ to: '/units' })} />
      </>
    );
  }, UnitForm),
);

export const unitImportRoute = appPage('units/import', allow('POST /api/v1/units/import'), UnitImportPage);

export const unitRoute = recordRoute('units/$unitId', allow('GET /api/v1/units/:id'), UnitPage);

export const editUnitRoute = appPage(
  'units/$unitId/edit',
  allow('PATCH /api/v1/units/:id'),
  withPages(function EditUnitRoute() {
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
);

export const unitsRoutes = [unitsRoute, usersRoute, newUnitRoute, unitImportRoute, unitRoute, editUnitRoute];


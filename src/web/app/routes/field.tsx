/** «بازدیدهای من»: the field team's visits on the device, and recording one offline (issue 12). */
import { allow, appRoute } from './root.js';
import { appPage } from './page-routes.js';
import { lazyPage, withPages } from '../lazy-page.js';

const FieldPage = lazyPage(() => import('../../features/field/components/field-page.js'), 'FieldPage', ['field']);
const RecordVisitPage = lazyPage(() => import('../../features/field/components/record-visit-page.js'), 'RecordVisitPage', ['field', 'visits']);

export const fieldRoute = appPage(
  'field',
  allow('POST /api/v1/visits'),
  withPages(function FieldRoute() {
    const { me } = appRoute.useRouteContext();
    return <FieldPage userId={me.id} />;
  }, FieldPage),
);

export const recordVisitRoute = appPage(
  'field/visits/$visitId',
  allow('POST /api/v1/visits'),
  withPages(function RecordVisitRoute() {
    const { me } = appRoute.useRouteContext();
    const { visitId } = recordVisitRoute.useParams();
    const navigate = recordVisitRoute.useNavigate();
    return <RecordVisitPage key={visitId} userId={me.id} visitId={visitId} onQueued={() => void navigate({ to: '/field' })} />;
  }, RecordVisitPage),
);

export const fieldRoutes = [fieldRoute, recordVisitRoute] as const;

/** «بازدیدهای من»: the field team's visits on the device, and recording one offline (issue 12). */
import { createRoute } from '@tanstack/react-router';
import { allow, appRoute } from './root.js';
import { lazyPage, withPages } from '../lazy-page.js';

const FieldPage = lazyPage(() => import('../../features/field/components/field-page.js'), 'FieldPage', ['field']);
const RecordVisitPage = lazyPage(() => import('../../features/field/components/record-visit-page.js'), 'RecordVisitPage', ['field', 'visits']);

export const fieldRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'field',
  beforeLoad: allow('POST /api/v1/visits'),
  component: withPages(function FieldRoute() {
    const { me } = appRoute.useRouteContext();
    return <FieldPage userId={me.id} />;
  }, FieldPage),
});

export const recordVisitRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'field/visits/$visitId',
  beforeLoad: allow('POST /api/v1/visits'),
  component: withPages(function RecordVisitRoute() {
    const { me } = appRoute.useRouteContext();
    const { visitId } = recordVisitRoute.useParams();
    const navigate = recordVisitRoute.useNavigate();
    return <RecordVisitPage key={visitId} userId={me.id} visitId={visitId} onQueued={() => void navigate({ to: '/field' })} />;
  }, RecordVisitPage),
});

export const fieldRoutes = [fieldRoute, recordVisitRoute] as const;

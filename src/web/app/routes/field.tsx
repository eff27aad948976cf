/** «بازدیدهای من»: the field team's visits on the device, and recording one offline (issue 12). */
import { createRoute } from '@tanstack/react-router';
import { FieldPage } from '../../features/field/components/field-page.js';
import { RecordVisitPage } from '../../features/field/components/record-visit-page.js';
import { allow, appRoute } from './root.js';

export const fieldRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'field',
  beforeLoad: allow('POST /api/v1/visits'),
  component: function FieldRoute() {
    const { me } = appRoute.useRouteContext();
    return <FieldPage userId={me.id} />;
  },
});

export const recordVisitRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'field/visits/$visitId',
  beforeLoad: allow('POST /api/v1/visits'),
  component: function RecordVisitRoute() {
    const { me } = appRoute.useRouteContext();
    const { visitId } = recordVisitRoute.useParams();
    const navigate = recordVisitRoute.useNavigate();
    return <RecordVisitPage key={visitId} userId={me.id} visitId={visitId} onQueued={() => void navigate({ to: '/field' })} />;
  },
});

export const fieldRoutes = [fieldRoute, recordVisitRoute] as const;

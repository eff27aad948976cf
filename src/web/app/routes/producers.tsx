/** The producers' pages (issue 11): registration (public), the secretariat's claims review and a producer's own claims. */
import { createRoute, redirect, useRouter, type AnyRoute } from '@tanstack/react-router';
import type { Role } from '../../../shared/roles.js';
import { can } from '../../../shared/permissions.js';
import { meQueryOptions } from '../../features/auth/hooks/use-session.js';
import { scopeOf, useAuthorization } from '../../lib/authorization.js';
import { lazyPage, withPages } from '../lazy-page.js';

const ClaimsPage = lazyPage(() => import('../../features/producers/components/claims-page.js'), 'ClaimsPage', ['producers']);
const MyClaimsPage = lazyPage(() => import('../../features/producers/components/my-claims-page.js'), 'MyClaimsPage', ['producers']);
const RegisterPage = lazyPage(() => import('../../features/auth/components/register-page.js'), 'RegisterPage', ['auth', 'producers']);

/** Pages outside the session: registration. */
export function producersPublicRoutes<P extends AnyRoute>(root: P) {
  const registerRoute = createRoute({
    getParentRoute: () => root,
    path: 'register',
    beforeLoad: async ({ context }) => {
      const me = await (context as { queryClient: { ensureQueryData: (o: typeof meQueryOptions) => Promise<unknown> } }).queryClient.ensureQueryData(meQueryOptions);
      if (me) throw redirect({ href: '/' });
    },
    component: withPages(function RegisterRoute() {
      const router = useRouter();
      return <RegisterPage onDone={() => void router.history.push('/')} />;
    }, RegisterPage),
  });
  return [registerRoute] as const;
}

/** The secretariat's review of every claim; a producer's own claims and their decisions. */
function UnitClaimsRoute() {
  const { role } = useAuthorization();
  return scopeOf(role) === 'unitId' ? <MyClaimsPage /> : <ClaimsPage />;
}

/** Pages inside the session: the claims review (a producer's own claims). */
export function producersAppRoutes<P extends AnyRoute>(app: P) {
  const claimsRoute = createRoute({
    getParentRoute: () => app,
    path: 'unit-claims',
    beforeLoad: ({ context }) => {
      const role = (context as { me?: { role: Role } }).me?.role;
      if (!can(role, 'GET /api/v1/unit-claims')) throw redirect({ href: '/' });
    },
    component: withPages(UnitClaimsRoute, ClaimsPage, MyClaimsPage),
  });
  return [claimsRoute] as const;
}

/** The producers' pages (issue 11): registration (public) and the secretariat's claims review. */
import { createRoute, redirect, useRouter, type AnyRoute } from '@tanstack/react-router';
import type { Role } from '../../../shared/roles.js';
import { can } from '../../../shared/permissions.js';
import { meQueryOptions } from '../../features/auth/hooks/use-session.js';
import { lazyPage, withPages } from '../lazy-page.js';

const ClaimsPage = lazyPage(() => import('../../features/producers/components/claims-page.js'), 'ClaimsPage', ['producers']);
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

/** Pages inside the session: the claims review. */
export function producersAppRoutes<P extends AnyRoute>(app: P) {
  const claimsRoute = createRoute({
    getParentRoute: () => app,
    path: 'unit-claims',
    beforeLoad: ({ context }) => {
      const role = (context as { me?: { role: Role } }).me?.role;
      if (!can(role, 'GET /api/v1/unit-claims')) throw redirect({ href: '/' });
    },
    component: ClaimsPage,
  });
  return [claimsRoute] as const;
}

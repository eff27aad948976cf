/**
 * The account pages' routes (issue 14), under the signed-in layout route that app/router.tsx passes in.
 * Every signed-in user may open them; app/router.tsx sends a user who must change their password or enrol
 * in the second factor here first (accountRedirect).
 */
import { useQueryClient } from '@tanstack/react-query';
import { createRoute } from '@tanstack/react-router';
import type { AppLayoutRoute } from './root.js';
import { requiredAccountStep } from '../../features/account/account-gate.js';
import { lazyPage, withPages } from '../lazy-page.js';

const AccountPage = lazyPage(() => import('../../features/account/components/account-page.js'), 'AccountPage', ['account']);
const MfaPage = lazyPage(() => import('../../features/account/components/mfa-page.js'), 'MfaPage', ['account']);
const PasswordPage = lazyPage(() => import('../../features/account/components/password-page.js'), 'PasswordPage', ['account']);

export function createAccountRoutes(appRoute: AppLayoutRoute) {
  const accountRoute = createRoute({
    getParentRoute: () => appRoute,
    path: 'account',
    component: withPages(function AccountRoute() {
      const { me } = accountRoute.useRouteContext();
      const navigate = accountRoute.useNavigate();
      const queryClient = useQueryClient();
      return (
        <AccountPage
          me={me}
          onCurrentSessionEnded={() => {
            // the same as signing out: nothing of this user may stay cached
            queryClient.clear();
            void navigate({ to: '/login', search: {} });
          }}
        />
      );
    }, AccountPage),
  });

  const mfaRoute = createRoute({
    getParentRoute: () => appRoute,
    path: 'account/mfa',
    component: withPages(function MfaRoute() {
      const { me } = mfaRoute.useRouteContext();
      const navigate = mfaRoute.useNavigate();
      // where to go once enrolled: on to the next required step, or back to the account
      return <MfaPage me={me} onDone={() => void navigate({ to: requiredAccountStep(me) ? '/' : '/account' })} />;
    }, MfaPage),
  });

  const passwordRoute = createRoute({
    getParentRoute: () => appRoute,
    path: 'account/password',
    component: withPages(function PasswordRoute() {
      const { me } = passwordRoute.useRouteContext();
      const navigate = passwordRoute.useNavigate();
      return <PasswordPage me={me} onDone={() => { if (requiredAccountStep(me)) void navigate({ to: '/' }); }} />;
    }, PasswordPage),
  });

  return [accountRoute, mfaRoute, passwordRoute] as const;
}

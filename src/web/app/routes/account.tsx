/**
 * The account pages' routes (issue 14), under the signed-in layout route that app/router.tsx passes in.
 * Every signed-in user may open them; app/router.tsx sends a user who must change their password or enrol
 * in the second factor here first (accountRedirect).
 */
import { useQueryClient } from '@tanstack/react-query';
import { createRoute } from '@tanstack/react-router';
import type { AppLayoutRoute } from './root.js';
import { requiredAccountStep } from '../../features/account/account-gate.js';
import { AccountPage } from '../../features/account/components/account-page.js';
import { MfaPage } from '../../features/account/components/mfa-page.js';
import { PasswordPage } from '../../features/account/components/password-page.js';

export function createAccountRoutes(appRoute: AppLayoutRoute) {
  const accountRoute = createRoute({
    getParentRoute: () => appRoute,
    path: 'account',
    component: function AccountRoute() {
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
    },
  });

  const mfaRoute = createRoute({
    getParentRoute: () => appRoute,
    path: 'account/mfa',
    component: function MfaRoute() {
      const { me } = mfaRoute.useRouteContext();
      const navigate = mfaRoute.useNavigate();
      // where to go once enrolled: on to the next required step, or back to the account
      return <MfaPage me={me} onDone={() => void navigate({ to: requiredAccountStep(me) ? '/' : '/account' })} />;
    },
  });

  const passwordRoute = createRoute({
    getParentRoute: () => appRoute,
    path: 'account/password',
    component: function PasswordRoute() {
      const { me } = passwordRoute.useRouteContext();
      const navigate = passwordRoute.useNavigate();
      return <PasswordPage me={me} onDone={() => { if (requiredAccountStep(me)) void navigate({ to: '/' }); }} />;
    },
  });

  return [accountRoute, mfaRoute, passwordRoute] as const;
}

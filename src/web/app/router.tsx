/** The route tree: each feature's routes (app/routes/<feature>.tsx) under the signed-in frame. */
import type { QueryClient } from '@tanstack/react-query';
import { createRouter } from '@tanstack/react-router';
import { PagePending, appRoute, homeRoute, loginRoute, rootRoute } from './routes/root.js';
import { unitsRoutes } from './routes/units.js';
import { visitsAndDemandsRoutes } from './routes/visits-demands.js';
import { fieldRoutes } from './routes/field.js';
import { sessionsRoutes } from './routes/sessions.js';
import { referralsRoutes } from './routes/referrals.js';
import { statsRoutes } from './routes/stats.js';
import { smsRoutes } from './routes/sms.js';
import { createAdminRoutes } from './routes/admin.js';
import { createAccountRoutes } from './routes/account.js';
import { producersAppRoutes, producersPublicRoutes } from './routes/producers.js';
import { loanApplicationsRoutes } from './routes/loan-applications.js';

export type { RouterContext } from './routes/root.js';

const routeTree = rootRoute.addChildren([loginRoute, ...producersPublicRoutes(rootRoute), appRoute.addChildren([homeRoute, ...unitsRoutes, ...visitsAndDemandsRoutes, ...fieldRoutes, ...sessionsRoutes, ...referralsRoutes, ...statsRoutes, ...smsRoutes, ...createAdminRoutes(appRoute), ...createAccountRoutes(appRoute), ...producersAppRoutes(appRoute), ...loanApplicationsRoutes])]);

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    defaultPreload: 'intent',
    // pages arrive as chunks (app/lazy-page.ts): a slow one shows a skeleton rather than nothing
    defaultPendingComponent: PagePending,
    scrollRestoration: true,
  });
}

export type AppRouter = ReturnType<typeof createAppRouter>;

declare module '@tanstack/react-router' {
  interface Register {
    router: AppRouter;
  }
}

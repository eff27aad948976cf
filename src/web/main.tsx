import '@mantine/core/styles.css';
import 'vazirmatn/Vazirmatn-Variable-font-face.css';
import './styles/global.css';

import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { registerSW } from 'virtual:pwa-register';
import { createRoot } from 'react-dom/client';
import { AppProviders, createQueryClient } from './app/providers.js';
import { createAppRouter } from './app/router.js';
import { meQueryKey, meQueryOptions } from './features/auth/hooks/use-session.js';
import { requiredAccountStep } from './features/account/account-gate.js';
import { setAccountStepHandler, setUnauthorizedHandler } from './lib/api.js';
import { applyLanguageToDocument, getLanguage } from './lib/i18n.js';

applyLanguageToDocument(getLanguage());

const queryClient = createQueryClient();
const router = createAppRouter(queryClient);

// The page being opened starts fetching its chunks now, beside the signed-in frame (boot.ts) and the session check,
// rather than once the router has checked the session and drawn the frame (issue 15, LCP of the dashboard).
for (const route of router.getMatchedRoutes(window.location.pathname)[0]) void router.loadRouteChunk(route)?.catch(() => undefined);

// A session that ends (expired, revoked, user disabled) sends the user to the
// login page, and back to where they were after signing in again.
setUnauthorizedHandler(() => {
  queryClient.setQueryData(meQueryKey, null);
  const { pathname, href } = router.state.location;
  if (pathname !== '/login') void router.navigate({ to: '/login', search: { redirect: href } });
});

// The server says a temporary password or a second factor comes first: with a fresh `me` the router's
// guard sends the user to that page.
// (Only when `me` agrees, so a server and a stale page cannot bounce each other.)
let checkingAccountStep = false;
setAccountStepHandler(() => {
  if (checkingAccountStep) return;
  checkingAccountStep = true;
  void queryClient
    .fetchQuery({ ...meQueryOptions, staleTime: 0 })
    .then((me) => (me && requiredAccountStep(me) ? router.invalidate() : undefined))
    .finally(() => {
      checkingAccountStep = false;
    });
});

// The service worker keeps the app shell on the device, so the app opens offline (vite.config.ts, "installable app").
// Service workers need a secure context: https, or localhost. Registered a few seconds after the first page is drawn,
// when the browser is idle: caching the whole shell then does not compete with that page's chunks and data (issue 15).
if ('serviceWorker' in navigator) {
  const unsubscribe = router.subscribe('onRendered', () => {
    unsubscribe();
    window.setTimeout(() => window.requestIdleCallback(() => void registerSW({ immediate: true }), { timeout: 5_000 }), 3_000);
  });
}

const container = document.getElementById('root');
if (!container) throw new Error('#root is missing from index.html');

createRoot(container).render(
  <StrictMode>
    <AppProviders queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProviders>
  </StrictMode>,
);

/** The SMS outbox (issue 11): administrators; in demo mode one-time codes are read here. */
import { createRoute } from '@tanstack/react-router';
import { appRoute, openable, pageSearch } from './root.js';
import { lazyPage, withPages } from '../lazy-page.js';

const SmsOutboxPage = lazyPage(() => import('../../features/sms/components/sms-outbox-page.js'), 'SmsOutboxPage', ['sms']);

export const smsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'sms',
  validateSearch: pageSearch,
  beforeLoad: openable('/sms'),
  component: withPages(function SmsRoute() {
    const search = smsRoute.useSearch();
    const navigate = smsRoute.useNavigate();
    return <SmsOutboxPage page={search.page ?? 1} onPageChange={(page) => void navigate({ search: page > 1 ? { page } : {} })} />;
  }, SmsOutboxPage),
});

export const smsRoutes = [smsRoute];

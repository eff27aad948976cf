/** The SMS outbox (issue 11): administrators; in demo mode one-time codes are read here. */
import { createRoute, redirect } from '@tanstack/react-router';
import { canOpen } from '../navigation.js';
import { appRoute, positiveInt } from './root.js';
import { lazyPage, withPages } from '../lazy-page.js';

const SmsOutboxPage = lazyPage(() => import('../../features/sms/components/sms-outbox-page.js'), 'SmsOutboxPage', ['sms']);

export const smsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'sms',
  validateSearch: (search: Record<string, unknown>): { page?: number } => {
    const page = positiveInt(search['page']);
    return page && page > 1 ? { page } : {};
  },
  beforeLoad: ({ context }) => {
    if (!canOpen(context.me.role, '/sms')) throw redirect({ to: '/' });
  },
  component: withPages(function SmsRoute() {
    const search = smsRoute.useSearch();
    const navigate = smsRoute.useNavigate();
    return <SmsOutboxPage page={search.page ?? 1} onPageChange={(page) => void navigate({ search: page > 1 ? { page } : {} })} />;
  }, SmsOutboxPage),
});

export const smsRoutes = [smsRoute];

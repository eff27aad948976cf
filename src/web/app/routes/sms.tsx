/** The SMS outbox (issue 11): administrators; in demo mode one-time codes are read here. */
import { openable } from './root.js';
import { pagedRoute } from './page-routes.js';
import { lazyPage } from '../lazy-page.js';

const SmsOutboxPage = lazyPage(() => import('../../features/sms/components/sms-outbox-page.js'), 'SmsOutboxPage', ['sms']);

export const smsRoute = pagedRoute('sms', SmsOutboxPage, openable('/sms'));

export const smsRoutes = [smsRoute];

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParams } from '../../../shared/contracts/common.js';
import { listNotificationsQuery, notificationList, notificationSchema, readAllResult, unreadCount } from '../../../shared/contracts/notifications.js';
import { contextOf } from '../../plugins/auth.js';
import { countUnreadNotifications, listNotifications, markAllNotificationsRead, markNotificationRead } from './notifications.service.js';

export async function notificationsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['notifications'];
  r.get('/notifications', { schema: { tags, querystring: listNotificationsQuery, response: { 200: notificationList } } }, async (req) =>
    listNotifications(contextOf(app, req), req.query),
  );
  r.get('/notifications/unread-count', { schema: { tags, response: { 200: unreadCount } } }, async (req) => countUnreadNotifications(contextOf(app, req)));
  r.post('/notifications/:id/read', { schema: { tags, params: idParams, response: { 200: notificationSchema } } }, async (req) =>
    markNotificationRead(contextOf(app, req), req.params.id),
  );
  r.post('/notifications/read-all', { schema: { tags, response: { 200: readAllResult } } }, async (req) =>
    markAllNotificationsRead(contextOf(app, req)),
  );
}

/** In-app notifications: reminders and events addressed to a user, an agency, a unit or a role. */
import { z } from 'zod';
import { isoInstant, pageQuery } from './common.js';

export const notificationSchema = z.object({
  id: z.string(),
  kind: z.string().describe('e.g. demand.due_soon, demand.overdue, demand.assigned'),
  title: z.string(),
  body: z.string(),
  refType: z.string().nullable(),
  refId: z.string().nullable(),
  createdAt: isoInstant,
  readAt: isoInstant.nullable().describe('when the caller read it (each reader on their own); null while unread'),
});
export type Notification = z.infer<typeof notificationSchema>;

export const listNotificationsQuery = z.strictObject({
  ...pageQuery,
  unread: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});

export const notificationList = z.object({
  items: z.array(notificationSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** Unread notifications in all (not only this page). */
  unread: z.number().int(),
});

/** `GET /notifications/unread-count`: the caller's unread notifications (the header's badge). */
export const unreadCount = z.object({ count: z.number().int() });
export type UnreadCount = z.infer<typeof unreadCount>;

/** `POST /notifications/read-all`: how many were marked read by the caller just now. */
export const readAllResult = z.object({ updated: z.number().int() });
export type ReadAllResult = z.infer<typeof readAllResult>;

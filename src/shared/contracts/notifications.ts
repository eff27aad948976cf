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
  readAt: isoInstant.nullable(),
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

import type { Notification, ReadAllResult, UnreadCount } from '../../../../shared/contracts/notifications.js';
import { api, type Page } from '../../../lib/api.js';

export type { Notification };
export type NotificationPage = Page<Notification> & { unread: number };

export function fetchNotifications(params: { page: number; pageSize: number; unread?: boolean }, signal?: AbortSignal): Promise<NotificationPage> {
  return api.get<NotificationPage>('/notifications', { query: { ...params }, ...(signal ? { signal } : {}) });
}

export function markRead(id: string): Promise<Notification> {
  return api.post<Notification>(`/notifications/${id}/read`);
}

export function markAllRead(): Promise<ReadAllResult> {
  return api.post<ReadAllResult>('/notifications/read-all');
}

export function fetchUnreadCount(signal?: AbortSignal): Promise<UnreadCount> {
  return api.get<UnreadCount>('/notifications/unread-count', signal ? { signal } : {});
}

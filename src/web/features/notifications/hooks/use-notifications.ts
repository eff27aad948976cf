import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { fetchNotifications, fetchUnreadCount, markAllRead, markRead } from '../api/notifications-api.js';

export function useNotifications(params: { page: number; pageSize: number; unread?: boolean }) {
  return useQuery({
    queryKey: ['notifications', params],
    queryFn: ({ signal }) => fetchNotifications(params, signal),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
}

export function useMarkRead() {
  const client = useQueryClient();
  return useMutation({ mutationFn: (id: string) => markRead(id), onSuccess: () => void client.invalidateQueries({ queryKey: ['notifications'] }) });
}

export function useMarkAllRead() {
  const client = useQueryClient();
  return useMutation({ mutationFn: () => markAllRead(), onSuccess: () => void client.invalidateQueries({ queryKey: ['notifications'] }) });
}

/** How often the header's unread count asks again while the tab is visible (a hidden tab does not poll). */
export const UNREAD_POLL_MS = 30_000;

/**
 * The caller's unread count, live by polling: every 30 s while the page is visible and again when the window
 * regains focus. One indexed count a poll; marking read (here or on the list) refreshes it at once, since its key
 * sits under ['notifications'].
 */
export function useUnreadCount() {
  return useQuery({
    queryKey: ['notifications', 'unread-count'],
    queryFn: ({ signal }) => fetchUnreadCount(signal),
    refetchInterval: UNREAD_POLL_MS,
    refetchOnWindowFocus: 'always',
    staleTime: 10_000,
  });
}

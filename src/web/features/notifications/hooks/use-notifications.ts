import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { fetchNotifications, markAllRead, markRead } from '../api/notifications-api.js';

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

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { fetchOutbox, type OutboxParams } from '../api/sms-api.js';

/** The outbox, refreshed every few seconds: in demo mode a newcomer waits here for their code. */
export function useSmsOutbox(params: OutboxParams) {
  return useQuery({
    queryKey: ['sms-outbox', params],
    queryFn: ({ signal }) => fetchOutbox(params, signal),
    placeholderData: keepPreviousData,
    refetchInterval: 5_000,
  });
}

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  addResolutionFollowup,
  fetchBoard,
  fetchImplementation,
  fetchResolution,
  transitionResolution,
  type ResolutionDetail,
  type TransitionBody,
} from '../api/resolutions-api.js';

export function useResolution(id: string) {
  return useQuery({ queryKey: ['resolutions', 'one', id], queryFn: ({ signal }) => fetchResolution(id, signal) });
}

export function useBoard(fiscalYear: number | undefined, includeClosed: boolean) {
  return useQuery({ queryKey: ['resolutions', 'board', fiscalYear ?? null, includeClosed], queryFn: ({ signal }) => fetchBoard(fiscalYear, includeClosed, signal), placeholderData: keepPreviousData });
}

export function useImplementation(fiscalYear: number | undefined) {
  return useQuery({ queryKey: ['resolutions', 'implementation', fiscalYear ?? null], queryFn: ({ signal }) => fetchImplementation(fiscalYear, signal), placeholderData: keepPreviousData });
}

/** After a change, the record on screen is the server's answer; the board, lists and sessions refetch. */
function useSettle() {
  const client = useQueryClient();
  return (d: ResolutionDetail) => {
    client.setQueryData(['resolutions', 'one', d.id], d);
    void client.invalidateQueries({ queryKey: ['resolutions', 'list'] });
    void client.invalidateQueries({ queryKey: ['resolutions', 'board'] });
    void client.invalidateQueries({ queryKey: ['resolutions', 'implementation'] });
    void client.invalidateQueries({ queryKey: ['sessions'] });
  };
}

export function useTransitionResolution(id: string) {
  const settle = useSettle();
  return useMutation({ mutationFn: (body: TransitionBody) => transitionResolution(id, body), onSuccess: settle });
}

export function useAddResolutionFollowup(id: string) {
  const settle = useSettle();
  return useMutation({ mutationFn: (note: string) => addResolutionFollowup(id, note), onSuccess: settle });
}

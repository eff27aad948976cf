import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useRecordChange, useRecordQuery, type Settle } from '../../../lib/list-queries.js';
import {
  addResolutionFollowup,
  fetchBoard,
  fetchImplementation,
  fetchResolution,
  transitionResolution,
  type ResolutionDetail,
  type TransitionBody,
} from '../api/resolutions-api.js';

export const useResolution = (id: string) => useRecordQuery('resolutions', id, fetchResolution);

export function useBoard(fiscalYear: number | undefined, includeClosed: boolean) {
  return useQuery({ queryKey: ['resolutions', 'board', fiscalYear ?? null, includeClosed], queryFn: ({ signal }) => fetchBoard(fiscalYear, includeClosed, signal), placeholderData: keepPreviousData });
}

export function useImplementation(fiscalYear: number | undefined) {
  return useQuery({ queryKey: ['resolutions', 'implementation', fiscalYear ?? null], queryFn: ({ signal }) => fetchImplementation(fiscalYear, signal), placeholderData: keepPreviousData });
}

/** After a change, the record on screen is the server's answer; the board, lists and sessions refetch. */
const settle: Settle<ResolutionDetail> = {
  store: (d) => ['resolutions', 'one', d.id],
  invalidate: () => [['resolutions', 'list'], ['resolutions', 'board'], ['resolutions', 'implementation'], ['sessions']],
};

export const useTransitionResolution = (id: string) => useRecordChange((body: TransitionBody) => transitionResolution(id, body), settle);
export const useAddResolutionFollowup = (id: string) => useRecordChange((note: string) => addResolutionFollowup(id, note), settle);

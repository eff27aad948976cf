import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useListQuery, useRecordChange, useRecordQuery, type Settle } from '../../../lib/list-queries.js';
import {
  addFollowup,
  createDemand,
  rateDemand,
  uploadDemandAttachment,
  fetchDemand,
  fetchDemands,
  transitionDemand,
  type DemandDetail,
  type DemandListParams,
  type FeedbackBody,
  type TransitionBody,
} from '../api/demands-api.js';

export const useDemands = (params: DemandListParams) => useListQuery('demands', params, fetchDemands);
export const useDemand = (id: string) => useRecordQuery('demands', id, fetchDemand);

/** After a change, the record on screen is the server's answer; lists and visits refetch. */
const settle: Settle<DemandDetail> = {
  store: (d) => ['demands', 'one', d.id],
  // a change's answer does not say which moves are allowed next: only the GET does
  invalidate: (d) => [['demands', 'one', d.id], ['demands', 'list'], ['visits'], ['notifications']],
};

export const useCreateDemand = () => useRecordChange(createDemand, settle);
export const useTransitionDemand = (id: string) => useRecordChange((body: TransitionBody) => transitionDemand(id, body), settle);
export const useAddFollowup = (id: string) => useRecordChange((note: string) => addFollowup(id, note), settle);
export const useRateDemand = (id: string) => useRecordChange((body: FeedbackBody) => rateDemand(id, body), settle);

/** Uploads one file to a demand; the demand is read again so its list of attachments shows it. */
export function useUploadDemandAttachment() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ demandId, file }: { demandId: string; file: File }) => uploadDemandAttachment(demandId, file),
    onSuccess: (_a, { demandId }) => void client.invalidateQueries({ queryKey: ['demands', 'one', demandId] }),
  });
}

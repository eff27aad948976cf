import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  addFollowup,
  createDemand,
  rateDemand,
  uploadDemandAttachment,
  fetchDemand,
  fetchDemands,
  transitionDemand,
  type CreateDemandBody,
  type DemandDetail,
  type DemandListParams,
  type FeedbackBody,
  type TransitionBody,
} from '../api/demands-api.js';

export function useDemands(params: DemandListParams) {
  return useQuery({
    queryKey: ['demands', 'list', params],
    queryFn: ({ signal }) => fetchDemands(params, signal),
    placeholderData: keepPreviousData,
  });
}

export function useDemand(id: string) {
  return useQuery({ queryKey: ['demands', 'one', id], queryFn: ({ signal }) => fetchDemand(id, signal) });
}

/** After a change, the record on screen is the server's answer; lists and visits refetch. */
function useSettle() {
  const client = useQueryClient();
  return (d: DemandDetail) => {
    client.setQueryData(['demands', 'one', d.id], d);
    // a change's answer does not say which moves are allowed next: only the GET does
    void client.invalidateQueries({ queryKey: ['demands', 'one', d.id] });
    void client.invalidateQueries({ queryKey: ['demands', 'list'] });
    void client.invalidateQueries({ queryKey: ['visits'] });
    void client.invalidateQueries({ queryKey: ['notifications'] });
  };
}

export function useCreateDemand() {
  const settle = useSettle();
  return useMutation({ mutationFn: (body: CreateDemandBody) => createDemand(body), onSuccess: settle });
}

export function useTransitionDemand(id: string) {
  const settle = useSettle();
  return useMutation({ mutationFn: (body: TransitionBody) => transitionDemand(id, body), onSuccess: settle });
}

export function useAddFollowup(id: string) {
  const settle = useSettle();
  return useMutation({ mutationFn: (note: string) => addFollowup(id, note), onSuccess: settle });
}

export function useRateDemand(id: string) {
  const settle = useSettle();
  return useMutation({ mutationFn: (body: FeedbackBody) => rateDemand(id, body), onSuccess: settle });
}

/** Uploads one file to a demand; the demand is read again so its list of attachments shows it. */
export function useUploadDemandAttachment() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ demandId, file }: { demandId: string; file: File }) => uploadDemandAttachment(demandId, file),
    onSuccess: (_a, { demandId }) => void client.invalidateQueries({ queryKey: ['demands', 'one', demandId] }),
  });
}

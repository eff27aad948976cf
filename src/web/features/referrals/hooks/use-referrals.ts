import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  addReferralFollowup,
  createQuota,
  createReferral,
  fetchQuotas,
  fetchReferral,
  fetchReferralDeadlines,
  fetchReferrals,
  fetchSummary,
  putReferralDeadlines,
  transitionReferral,
  updateQuota,
  uploadAttachment,
  type CreateQuotaBody,
  type CreateReferralBody,
  type QuotaListParams,
  type ReferralListParams,
  type TransitionBody,
} from '../api/referrals-api.js';

export function useReferrals(params: ReferralListParams) {
  return useQuery({ queryKey: ['referrals', 'list', params], queryFn: ({ signal }) => fetchReferrals(params, signal), placeholderData: keepPreviousData });
}

export function useReferral(id: string) {
  return useQuery({ queryKey: ['referrals', 'one', id], queryFn: ({ signal }) => fetchReferral(id, signal) });
}

export function useReferralSummary(params: { agencyId?: string | undefined; bankId?: string | undefined; programCode?: string | undefined }) {
  return useQuery({ queryKey: ['referrals', 'summary', params], queryFn: ({ signal }) => fetchSummary(params, signal), placeholderData: keepPreviousData });
}

/** After a change the referral, the lists and the summaries are read again from the server. */
function useSettle() {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: ['referrals'] });
    void client.invalidateQueries({ queryKey: ['quotas'] });
    void client.invalidateQueries({ queryKey: ['notifications'] });
  };
}

export function useCreateReferral() {
  const settle = useSettle();
  return useMutation({ mutationFn: (body: CreateReferralBody) => createReferral(body), onSuccess: settle });
}

export function useTransitionReferral(id: string) {
  const settle = useSettle();
  return useMutation({ mutationFn: (body: TransitionBody) => transitionReferral(id, body), onSuccess: settle });
}

export function useReferralFollowup(id: string) {
  const settle = useSettle();
  return useMutation({ mutationFn: (note: string) => addReferralFollowup(id, note), onSuccess: settle });
}

export function useUploadAttachment(id: string) {
  const settle = useSettle();
  return useMutation({ mutationFn: (file: File) => uploadAttachment(id, file), onSuccess: settle });
}

export function useQuotas(params: QuotaListParams) {
  return useQuery({ queryKey: ['quotas', params], queryFn: () => fetchQuotas(params), placeholderData: keepPreviousData });
}

export function useCreateQuota() {
  const client = useQueryClient();
  return useMutation({ mutationFn: (body: CreateQuotaBody) => createQuota(body), onSuccess: () => void client.invalidateQueries({ queryKey: ['quotas'] }) });
}

export function useUpdateQuota() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; version: number; amount?: string; note?: string }) => updateQuota(id, body),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['quotas'] }),
  });
}

export function useReferralDeadlines() {
  return useQuery({ queryKey: ['referrals', 'deadlines'], queryFn: ({ signal }) => fetchReferralDeadlines(signal) });
}

/** Changing the deadlines moves every open referral's clock: the lists and counts are read again. */
export function useSetReferralDeadlines() {
  const settle = useSettle();
  return useMutation({ mutationFn: putReferralDeadlines, onSuccess: settle });
}


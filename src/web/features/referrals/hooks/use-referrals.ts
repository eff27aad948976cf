import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useListQuery, useRecordChange, useRecordQuery, type Settle } from '../../../lib/list-queries.js';
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
  type QuotaListParams,
  type ReferralListParams,
  type TransitionBody,
} from '../api/referrals-api.js';

export const useReferrals = (params: ReferralListParams) => useListQuery('referrals', params, fetchReferrals);
export const useReferral = (id: string) => useRecordQuery('referrals', id, fetchReferral);

export function useReferralSummary(params: { agencyId?: string | undefined; bankId?: string | undefined; programCode?: string | undefined }) {
  return useQuery({ queryKey: ['referrals', 'summary', params], queryFn: ({ signal }) => fetchSummary(params, signal), placeholderData: keepPreviousData });
}

/** After a change the referral, the lists and the summaries are read again from the server. */
const settle: Settle<unknown> = { invalidate: () => [['referrals'], ['quotas'], ['notifications']] };

export const useCreateReferral = () => useRecordChange(createReferral, settle);
export const useTransitionReferral = (id: string) => useRecordChange((body: TransitionBody) => transitionReferral(id, body), settle);
export const useReferralFollowup = (id: string) => useRecordChange((note: string) => addReferralFollowup(id, note), settle);
export const useUploadAttachment = (id: string) => useRecordChange((file: File) => uploadAttachment(id, file), settle);

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
  return useRecordChange(putReferralDeadlines, settle);
}


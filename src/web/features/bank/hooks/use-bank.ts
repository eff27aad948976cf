import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  createBankReport,
  fetchBankReports,
  fetchInboxSummary,
  fetchStage,
  updateBankReport,
  type BankReportParams,
  type CreateBankReportBody,
  type ReferralStatus,
} from '../api/bank-api.js';

export function useInboxSummary(bankId: string | undefined) {
  return useQuery({ queryKey: ['referrals', 'summary', { bankId }], queryFn: () => fetchInboxSummary(bankId) });
}

export function useStage(status: ReferralStatus, bankId: string | undefined, page: number, overdue: boolean) {
  return useQuery({ queryKey: ['referrals', 'list', { inbox: true, status, bankId, page, overdue }], queryFn: () => fetchStage(status, bankId, page, overdue), placeholderData: keepPreviousData });
}

export function useBankReports(params: BankReportParams) {
  return useQuery({ queryKey: ['bank-reports', params], queryFn: () => fetchBankReports(params), placeholderData: keepPreviousData });
}

export function useCreateBankReport() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateBankReportBody) => createBankReport(body),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['bank-reports'] });
      void client.invalidateQueries({ queryKey: ['quotas'] });
    },
  });
}

export function useUpdateBankReport() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; version: number; directCount?: number; directAmount?: string; note?: string }) => updateBankReport(id, body),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['bank-reports'] });
      void client.invalidateQueries({ queryKey: ['quotas'] });
    },
  });
}

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  createLoanApplication,
  fetchLoanApplication,
  fetchLoanApplications,
  patchLoanApplication,
  transitionLoanApplication,
  uploadLoanDocument,
  type CreateLoanBody,
  type LoanListParams,
  type LoanTransitionBody,
  type PatchLoanBody,
} from '../api/loan-applications-api.js';

export function useLoanApplications(params: LoanListParams) {
  return useQuery({ queryKey: ['loan-applications', 'list', params], queryFn: ({ signal }) => fetchLoanApplications(params, signal), placeholderData: keepPreviousData });
}

export function useLoanApplication(id: string) {
  return useQuery({ queryKey: ['loan-applications', 'one', id], queryFn: ({ signal }) => fetchLoanApplication(id, signal) });
}

/** After a change the application, the lists and the notifications are read again from the server. */
function useSettle() {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: ['loan-applications'] });
    void client.invalidateQueries({ queryKey: ['notifications'] });
  };
}

export function useCreateLoanApplication() {
  const settle = useSettle();
  return useMutation({ mutationFn: (body: CreateLoanBody) => createLoanApplication(body), onSuccess: settle });
}

export function usePatchLoanApplication(id: string) {
  const settle = useSettle();
  return useMutation({ mutationFn: (body: PatchLoanBody) => patchLoanApplication(id, body), onSuccess: settle });
}

export function useTransitionLoanApplication(id: string) {
  const settle = useSettle();
  return useMutation({ mutationFn: (body: LoanTransitionBody) => transitionLoanApplication(id, body), onSuccess: settle });
}

export function useUploadLoanDocument(id: string) {
  const settle = useSettle();
  return useMutation({ mutationFn: (file: File) => uploadLoanDocument(id, file), onSuccess: settle });
}

/** Uploads for a just-created application (its id is known only after the create). */
export function useUploadLoanDocuments() {
  const settle = useSettle();
  return useMutation({
    mutationFn: async ({ id, files }: { id: string; files: File[] }) => {
      for (const f of files) await uploadLoanDocument(id, f);
    },
    onSuccess: settle,
  });
}

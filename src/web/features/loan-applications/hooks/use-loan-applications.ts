import { useListQuery, useRecordChange, useRecordQuery, type Settle } from '../../../lib/list-queries.js';
import {
  createLoanApplication,
  fetchLoanApplication,
  fetchLoanApplications,
  patchLoanApplication,
  transitionLoanApplication,
  uploadLoanDocument,
  type LoanListParams,
  type LoanTransitionBody,
  type PatchLoanBody,
} from '../api/loan-applications-api.js';

export const useLoanApplications = (params: LoanListParams) => useListQuery('loan-applications', params, fetchLoanApplications);
export const useLoanApplication = (id: string) => useRecordQuery('loan-applications', id, fetchLoanApplication);

/** After a change the application, the lists and the notifications are read again from the server. */
const settle: Settle<unknown> = { invalidate: () => [['loan-applications'], ['notifications']] };

export const useCreateLoanApplication = () => useRecordChange(createLoanApplication, settle);
export const usePatchLoanApplication = (id: string) => useRecordChange((body: PatchLoanBody) => patchLoanApplication(id, body), settle);
export const useTransitionLoanApplication = (id: string) => useRecordChange((body: LoanTransitionBody) => transitionLoanApplication(id, body), settle);
export const useUploadLoanDocument = (id: string) => useRecordChange((file: File) => uploadLoanDocument(id, file), settle);

/** Uploads for a just-created application (its id is known only after the create). */
export function useUploadLoanDocuments() {
  return useRecordChange(async ({ id, files }: { id: string; files: File[] }) => {
    for (const f of files) await uploadLoanDocument(id, f);
  }, settle);
}

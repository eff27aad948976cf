import type { z } from 'zod';
import type {
  createLoanApplicationBody,
  LoanApplication,
  LoanApplicationDetail,
  LoanAttachment,
  patchLoanApplicationBody,
  transitionLoanApplicationBody,
} from '../../../../shared/contracts/loan-applications.js';
import { API_BASE, api } from '../../../lib/api.js';
import { fetchPage, fetchRecord } from '../../../lib/list-queries.js';

export type { LoanApplication, LoanApplicationDetail, LoanAttachment };

export interface LoanListParams {
  page: number;
  pageSize: number;
  status?: string | undefined;
  programCode?: string | undefined;
  unitId?: string | undefined;
  sort?: string | undefined;
}

export const fetchLoanApplications = (params: LoanListParams, signal?: AbortSignal) => fetchPage<LoanApplication, LoanListParams>('/loan-applications', params, signal);
export const fetchLoanApplication = (id: string, signal?: AbortSignal) => fetchRecord<LoanApplicationDetail>('/loan-applications', id, signal);

export type CreateLoanBody = z.input<typeof createLoanApplicationBody>;
export const createLoanApplication = (body: CreateLoanBody) => api.post<LoanApplicationDetail>('/loan-applications', body);
export type PatchLoanBody = z.input<typeof patchLoanApplicationBody>;
export const patchLoanApplication = (id: string, body: PatchLoanBody) => api.patch<LoanApplicationDetail>(`/loan-applications/${id}`, body);
export type LoanTransitionBody = z.input<typeof transitionLoanApplicationBody>;
export const transitionLoanApplication = (id: string, body: LoanTransitionBody) => api.post<LoanApplication>(`/loan-applications/${id}/transitions`, body);
export const uploadLoanDocument = (id: string, file: File) => api.upload<LoanAttachment>(`/loan-applications/${id}/attachments`, file);
export const loanAttachmentUrl = (id: string, attachmentId: string) => `${API_BASE}/loan-applications/${id}/attachments/${attachmentId}`;

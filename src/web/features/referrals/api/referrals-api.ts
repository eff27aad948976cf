import type { z } from 'zod';
import type {
  createQuotaBody,
  createReferralBody,
  FacilityType,
  patchQuotaBody,
  Quota,
  Referral,
  ReferralDetail,
  ReferralDeadlinesView,
  referralAttachmentSchema,
  referralDeadlinesBody,
  ReferralImportReport,
  referralSummarySchema,
  transitionReferralBody,
} from '../../../../shared/contracts/referrals.js';
import type { ReferralStatus } from '../../../../shared/machines.js';
import { API_BASE, api, isApiError, type Page } from '../../../lib/api.js';
import { fetchPage, fetchRecord } from '../../../lib/list-queries.js';

export type { FacilityType, Quota, Referral, ReferralDetail, ReferralImportReport, ReferralStatus };

export interface ReferralListParams {
  page: number;
  pageSize: number;
  q?: string | undefined;
  status?: string | undefined;
  bankId?: string | undefined;
  agencyId?: string | undefined;
  programCode?: string | undefined;
  unitId?: string | undefined;
  overdue?: boolean | undefined;
  sort?: string | undefined;
}

export const fetchReferrals = (params: ReferralListParams, signal?: AbortSignal) => fetchPage<Referral, ReferralListParams>('/referrals', params, signal);
export const fetchReferral = (id: string, signal?: AbortSignal) => fetchRecord<ReferralDetail>('/referrals', id, signal);

export type ReferralSummary = z.infer<typeof referralSummarySchema>;
export type SummaryGroup = ReferralSummary['groups'][number];

export function fetchSummary(params: { agencyId?: string | undefined; bankId?: string | undefined; programCode?: string | undefined }, signal?: AbortSignal) {
  return api.get<ReferralSummary>('/referrals/summary', { query: { ...params }, ...(signal ? { signal } : {}) });
}

export type CreateReferralBody = z.input<typeof createReferralBody>;

export const createReferral = (body: CreateReferralBody) => api.post<Referral>('/referrals', body);

export type TransitionBody = z.input<typeof transitionReferralBody>;

export const transitionReferral = (id: string, body: TransitionBody) => api.post<Referral>(`/referrals/${id}/transitions`, body);
export const addReferralFollowup = (id: string, note: string) => api.post<unknown>(`/referrals/${id}/followups`, { note });

export const attachmentUrl = (referralId: string, attachmentId: string) => `${API_BASE}/referrals/${referralId}/attachments/${attachmentId}`;

export type Attachment = z.infer<typeof referralAttachmentSchema>;

export const uploadAttachment = (referralId: string, file: File) =>
  api.upload<Attachment>(`/referrals/${referralId}/attachments`, file, { query: { kind: 'rejection_letter' } });

/** A status sheet's report: accepted (200) or refused row by row (422, the same report with the refusal's title). */
export type SheetResponse = { ok: true; report: ReferralImportReport } | { ok: false; report: ReferralImportReport & { title: string } };

export async function uploadStatusSheet(file: File, dryRun: boolean): Promise<SheetResponse> {
  try {
    return { ok: true, report: await api.upload<ReferralImportReport>('/referrals/import', file, { query: { dryRun: dryRun || undefined } }) };
  } catch (error) {
    if (isApiError(error) && error.status === 422 && error.code === 'import.invalid_rows') {
      return { ok: false, report: error.problem as unknown as ReferralImportReport & { title: string } };
    }
    throw error;
  }
}

// ── Quotas ──
export interface QuotaListParams {
  fiscalYear?: number | undefined;
  programCode?: string | undefined;
  bankId?: string | undefined;
  pageSize?: number;
}
export const fetchQuotas = (params: QuotaListParams) => api.get<Page<Quota>>('/quotas', { query: { pageSize: 500, ...params } });
export type CreateQuotaBody = z.input<typeof createQuotaBody>;
export const createQuota = (body: CreateQuotaBody) => api.post<Quota>('/quotas', body);
export const updateQuota = (id: string, body: z.input<typeof patchQuotaBody>) => api.patch<Quota>(`/quotas/${id}`, body);

// The province's referral deadlines (a setting; GET for every referral role, PUT for the secretariat)
export const fetchReferralDeadlines = (signal?: AbortSignal) => api.get<ReferralDeadlinesView>('/referrals/deadlines', signal ? { signal } : {});
export const putReferralDeadlines = (body: z.input<typeof referralDeadlinesBody>) => api.put<ReferralDeadlinesView>('/referrals/deadlines', body);


import type {
  FacilityType,
  Quota,
  Referral,
  ReferralDetail,
  ReferralDeadlinesView,
  ReferralImportReport,
} from '../../../../shared/contracts/referrals.js';
import type { ReferralStatus } from '../../../../shared/machines.js';
import { API_BASE, ApiError, api, type Page, type ProblemDetails } from '../../../lib/api.js';
import { getLanguage, translate } from '../../../lib/i18n.js';

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

export function fetchReferrals(params: ReferralListParams, signal?: AbortSignal): Promise<Page<Referral>> {
  return api.get<Page<Referral>>('/referrals', { query: { ...params }, ...(signal ? { signal } : {}) });
}

export function fetchReferral(id: string, signal?: AbortSignal): Promise<ReferralDetail> {
  return api.get<ReferralDetail>(`/referrals/${id}`, signal ? { signal } : {});
}

export interface SummaryGroup {
  bankId: string;
  bankName: string;
  agencyId: string;
  agencyName: string;
  status: ReferralStatus;
  count: number;
  overdue: number;
  requestedAmount: string;
  approvedAmount: string;
  paidAmount: string;
  followedUp: number;
  age: { d0to7: number; d8to30: number; d31to90: number; d91plus: number };
}

export interface ReferralSummary {
  today: string;
  receiptDeadlineDays: number;
  decisionDeadlineDays: number;
  groups: SummaryGroup[];
}

export function fetchSummary(params: { agencyId?: string | undefined; bankId?: string | undefined; programCode?: string | undefined }, signal?: AbortSignal) {
  return api.get<ReferralSummary>('/referrals/summary', { query: { ...params }, ...(signal ? { signal } : {}) });
}

export interface CreateReferralBody {
  unitId: string;
  agencyId?: string;
  bankId: string;
  branchName?: string;
  programCode: string;
  facilityType: FacilityType;
  requestedAmount: string;
  referralDate: string;
  letterNo?: string;
}

export const createReferral = (body: CreateReferralBody) => api.post<Referral>('/referrals', body);

export interface TransitionBody {
  to: ReferralStatus;
  version: number;
  note?: string;
  approvedAmount?: string;
  paidAmount?: string;
  paidDate?: string;
  reason?: { code?: string; text?: string; letterNo?: string; letterDate?: string };
}

export const transitionReferral = (id: string, body: TransitionBody) => api.post<Referral>(`/referrals/${id}/transitions`, body);
export const addReferralFollowup = (id: string, note: string) => api.post<unknown>(`/referrals/${id}/followups`, { note });

export const attachmentUrl = (referralId: string, attachmentId: string) => `${API_BASE}/referrals/${referralId}/attachments/${attachmentId}`;

async function problemOf(response: Response): Promise<ApiError> {
  let body: Partial<ProblemDetails> & Record<string, unknown> = {};
  try {
    body = (await response.json()) as typeof body;
  } catch {
    // not JSON
  }
  return new ApiError({
    type: body.type ?? 'about:blank',
    title: body.title ?? translate(getLanguage(), 'error.unexpected', { status: response.status }),
    status: response.status,
    code: body.code ?? `http.${response.status}`,
    ...(body.detail ? { detail: body.detail } : {}),
    ...(body.errors ? { errors: body.errors } : {}),
  });
}

/** A multipart POST with the session cookie and the CSRF header, as the API client sends JSON. */
async function postFile(path: string, file: File): Promise<Response> {
  const form = new FormData();
  form.append('file', file, file.name);
  try {
    return await fetch(`${API_BASE}${path}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'X-Requested-With': 'tashil', 'Accept-Language': getLanguage(), Accept: 'application/json, application/problem+json' },
      body: form,
    });
  } catch {
    throw new ApiError({ type: 'about:blank', title: translate(getLanguage(), 'error.network'), status: 0, code: 'network.unreachable' });
  }
}

export interface Attachment {
  id: string;
  fileName: string;
  mime: string;
  size: number;
}

export async function uploadAttachment(referralId: string, file: File): Promise<Attachment> {
  const res = await postFile(`/referrals/${referralId}/attachments?kind=rejection_letter`, file);
  if (!res.ok) throw await problemOf(res);
  return (await res.json()) as Attachment;
}

/** A status sheet's report: accepted (200) or refused row by row (422, the same report with the refusal's title). */
export type SheetResponse = { ok: true; report: ReferralImportReport } | { ok: false; report: ReferralImportReport & { title: string } };

export async function uploadStatusSheet(file: File, dryRun: boolean): Promise<SheetResponse> {
  const res = await postFile(`/referrals/import${dryRun ? '?dryRun=true' : ''}`, file);
  if (res.ok) return { ok: true, report: (await res.json()) as ReferralImportReport };
  if (res.status === 422) {
    const body = (await res.clone().json().catch(() => ({}))) as Record<string, unknown>;
    if (body['code'] === 'import.invalid_rows') return { ok: false, report: body as unknown as ReferralImportReport & { title: string } };
  }
  throw await problemOf(res);
}

// ── Quotas ──
export interface QuotaListParams {
  fiscalYear?: number | undefined;
  programCode?: string | undefined;
  bankId?: string | undefined;
  pageSize?: number;
}
export const fetchQuotas = (params: QuotaListParams) => api.get<Page<Quota>>('/quotas', { query: { pageSize: 500, ...params } });
export interface CreateQuotaBody {
  fiscalYear: number;
  programCode: string;
  bankId?: string | null;
  agencyId?: string | null;
  amount: string;
  note?: string;
}
export const createQuota = (body: CreateQuotaBody) => api.post<Quota>('/quotas', body);
export const updateQuota = (id: string, body: { version: number; amount?: string; note?: string }) => api.patch<Quota>(`/quotas/${id}`, body);

// The province's referral deadlines (a setting; GET for every referral role, PUT for the secretariat)
export const fetchReferralDeadlines = (signal?: AbortSignal) => api.get<ReferralDeadlinesView>('/referrals/deadlines', signal ? { signal } : {});
export const putReferralDeadlines = (body: { receiptDays: number; decisionDays: number }) => api.put<ReferralDeadlinesView>('/referrals/deadlines', body);


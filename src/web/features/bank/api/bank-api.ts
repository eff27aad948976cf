import type { BankReport, Referral } from '../../../../shared/contracts/referrals.js';
import type { ReferralStatus } from '../../../../shared/machines.js';
import { api, type Page } from '../../../lib/api.js';

export type { BankReport, Referral, ReferralStatus };

export interface InboxGroup {
  bankId: string;
  status: ReferralStatus;
  count: number;
  overdue: number;
  requestedAmount: string;
  age: { d0to7: number; d8to30: number; d31to90: number; d91plus: number };
}

export interface InboxSummary {
  today: string;
  receiptDeadlineDays: number;
  decisionDeadlineDays: number;
  groups: InboxGroup[];
}

export const fetchInboxSummary = (bankId: string | undefined) => api.get<InboxSummary>('/referrals/summary', { query: { bankId } });

/** The oldest first: what has waited longest is at the top of the inbox. */
export const fetchStage = (status: ReferralStatus, bankId: string | undefined, page: number, overdue: boolean) =>
  api.get<Page<Referral>>('/referrals', { query: { status, bankId, page, pageSize: 25, sort: 'referralDate', overdue: overdue || undefined } });

export interface BankReportParams {
  fiscalYear?: number | undefined;
  bankId?: string | undefined;
}
export const fetchBankReports = (params: BankReportParams) => api.get<Page<BankReport>>('/bank-reports', { query: { pageSize: 500, ...params } });

export interface CreateBankReportBody {
  bankId?: string;
  fiscalYear: number;
  month: number;
  programCode: string;
  directCount: number;
  directAmount: string;
  note?: string;
}
export const createBankReport = (body: CreateBankReportBody) => api.post<BankReport>('/bank-reports', body);
export const updateBankReport = (id: string, body: { version: number; directCount?: number; directAmount?: string; note?: string }) => api.patch<BankReport>(`/bank-reports/${id}`, body);

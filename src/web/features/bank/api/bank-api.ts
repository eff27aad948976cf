import type { z } from 'zod';
import type { BankReport, createBankReportBody, patchBankReportBody, Referral, referralSummarySchema } from '../../../../shared/contracts/referrals.js';
import type { ReferralStatus } from '../../../../shared/machines.js';
import { api, type Page } from '../../../lib/api.js';

export type { BankReport, Referral, ReferralStatus };

/** The referrals summary as the bank's inbox reads it. */
export type InboxSummary = z.infer<typeof referralSummarySchema>;
export type InboxGroup = InboxSummary['groups'][number];

export const fetchInboxSummary = (bankId: string | undefined) => api.get<InboxSummary>('/referrals/summary', { query: { bankId } });

/** The oldest first: what has waited longest is at the top of the inbox. */
export const fetchStage = (status: ReferralStatus, bankId: string | undefined, page: number, overdue: boolean) =>
  api.get<Page<Referral>>('/referrals', { query: { status, bankId, page, pageSize: 25, sort: 'referralDate', overdue: overdue || undefined } });

export interface BankReportParams {
  fiscalYear?: number | undefined;
  bankId?: string | undefined;
}
export const fetchBankReports = (params: BankReportParams) => api.get<Page<BankReport>>('/bank-reports', { query: { pageSize: 500, ...params } });

export type CreateBankReportBody = z.input<typeof createBankReportBody>;
export const createBankReport = (body: CreateBankReportBody) => api.post<BankReport>('/bank-reports', body);
export const updateBankReport = (id: string, body: z.input<typeof patchBankReportBody>) => api.patch<BankReport>(`/bank-reports/${id}`, body);

import type { SmsMessage, SmsStatus } from '../../../../shared/contracts/sms.js';
import { api, type Page } from '../../../lib/api.js';

export type { SmsMessage, SmsStatus };

export interface OutboxParams {
  page: number;
  pageSize: number;
  mobile?: string;
  status?: SmsStatus;
}

export function fetchOutbox(params: OutboxParams, signal?: AbortSignal): Promise<Page<SmsMessage>> {
  return api.get<Page<SmsMessage>>('/sms/outbox', { query: { ...params }, ...(signal ? { signal } : {}) });
}

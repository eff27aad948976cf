import { api } from '../../../lib/api.js';
import type { AuthSessionList, ChangePasswordBody, MfaCodeBody, MfaConfirmResponse, MfaEnrollResponse } from './contracts.js';

export type { AuthSession } from './contracts.js';

export const enrollMfa = () => api.post<MfaEnrollResponse>('/auth/mfa/enroll');
export const confirmMfa = (body: MfaCodeBody) => api.post<MfaConfirmResponse>('/auth/mfa/confirm', body);
export const disableMfa = (body: MfaCodeBody) => api.delete<void>('/auth/mfa', { body });
export const changePassword = (body: ChangePasswordBody) => api.post<void>('/auth/password', body);
export const fetchMySessions = (signal?: AbortSignal) => api.get<AuthSessionList>('/auth/sessions', signal ? { signal } : {});
export const endMySession = (id: string) => api.delete<void>(`/auth/sessions/${encodeURIComponent(id)}`);

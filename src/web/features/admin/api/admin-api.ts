import type { z } from 'zod';
import type { createTokenBody, createUserBody, patchUserBody, tokenSchema, User } from '../../../../shared/contracts/users.js';
import type { referenceItem } from '../../../../shared/contracts/reference.js';
import type { Role } from '../../../../shared/roles.js';
import { API_BASE, api, type Page, type QueryValue } from '../../../lib/api.js';
import type { AuditEvent, AuditExportFormat, AuditFilters, PasswordResetResponse } from './contracts.js';

export type { User };
export type CreateUserInput = z.input<typeof createUserBody>;
export type PatchUserInput = z.input<typeof patchUserBody>;
export type Token = z.infer<typeof tokenSchema>;
export type CreateTokenInput = z.input<typeof createTokenBody>;
/** The create answer: the record plus its secret, which the server never shows again. */
export type CreatedToken = Token & { token: string };
export type ReferenceItem = z.infer<typeof referenceItem>;

const withSignal = (signal?: AbortSignal) => (signal ? { signal } : {});

// ── Users ──
export interface UserListParams {
  page: number;
  pageSize: number;
  q?: string | undefined;
  role?: Role | undefined;
}

export const fetchUsers = (p: UserListParams, signal?: AbortSignal) =>
  api.get<Page<User>>('/users', { query: { page: p.page, pageSize: p.pageSize, q: p.q, role: p.role }, ...withSignal(signal) });
export const createUser = (input: CreateUserInput) => api.post<User>('/users', input);
export const patchUser = (id: string, input: PatchUserInput) => api.patch<User>(`/users/${encodeURIComponent(id)}`, input);
export const resetPassword = (id: string) => api.post<PasswordResetResponse>(`/users/${encodeURIComponent(id)}/password-reset`);
export const resetMfa = (id: string) => api.post<void>(`/users/${encodeURIComponent(id)}/mfa/reset`);
export const revokeUserSessions = (id: string) => api.post<void>(`/users/${encodeURIComponent(id)}/sessions/revoke`);
export const unlockUser = (id: string) => api.post<void>(`/users/${encodeURIComponent(id)}/unlock`);

// ── Integration tokens ──
export const fetchTokens = (signal?: AbortSignal) => api.get<Page<Token>>('/tokens', withSignal(signal));
export const createToken = (input: CreateTokenInput) => api.post<CreatedToken>('/tokens', input);
export const revokeToken = (id: string) => api.delete<void>(`/tokens/${encodeURIComponent(id)}`);

// ── Provinces for the scope picker (agencies and banks come from lib/reference) ──
export const fetchProvinces = (signal?: AbortSignal) => api.get<{ items: ReferenceItem[] }>('/provinces', withSignal(signal));

// ── Audit ──
function auditQuery(f: AuditFilters): Record<string, QueryValue> {
  return { entityType: f.entityType, entityId: f.entityId, actorId: f.actorId, from: f.from, to: f.to };
}

export const fetchAudit = (f: AuditFilters & { page: number; pageSize: number }, signal?: AbortSignal) =>
  api.get<Page<AuditEvent>>('/audit', { query: { ...auditQuery(f), page: f.page, pageSize: f.pageSize }, ...withSignal(signal) });

/** A download link (the browser sends the session cookie; a GET needs no CSRF header). */
export function auditExportUrl(f: AuditFilters, format: AuditExportFormat): string {
  const params = new URLSearchParams({ format });
  for (const [name, value] of Object.entries(auditQuery(f))) if (value !== undefined && value !== null && value !== '') params.set(name, String(value));
  return `${API_BASE}/audit/export?${params.toString()}`;
}

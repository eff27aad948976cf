import type { z } from 'zod';
import type { listOf, problemSchema } from '../../shared/contracts/common.js';
import { getLanguage, translate } from './i18n.js';

/** The API's list envelope (`?page=&pageSize=`): `listOf` in the shared contracts. */
export type Page<T> = Omit<z.infer<ReturnType<typeof listOf<z.ZodUnknown>>>, 'items'> & { items: T[] };

/** RFC 9457 problem details as the Tashil server sends them (`problemSchema`). */
export type ProblemDetails = z.infer<typeof problemSchema>;
export type FieldError = NonNullable<ProblemDetails['errors']>[number];

/**
 * A failed API call. `title` (and `detail`) come from the server in the
 * user's language, so forms show them as they are; `fieldErrors` carry the
 * validation messages by field path.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string | undefined;
  readonly fieldErrors: readonly FieldError[];
  /** The problem as it came, with any extension members (an import's row report, a 409's current record). */
  readonly problem: ProblemDetails;

  constructor(problem: ProblemDetails) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.code = problem.code;
    this.title = problem.title;
    this.detail = problem.detail;
    this.fieldErrors = problem.errors ?? [];
    this.problem = problem;
  }

  /** The message for one field (`path` as the server names it, e.g. `nationalId`). */
  fieldError(path: string): string | undefined {
    return this.fieldErrors.find((error) => error.path === path)?.message;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

export const API_BASE = '/api/v1';

/** Paths whose 401 means "wrong password" or "not logged in yet", not "session expired". */
const SESSION_PATHS = new Set(['/auth/login', '/auth/me']);

let unauthorizedHandler: (() => void) | null = null;

/** The app registers what a 401 on an ordinary call does (go to the login page). */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  unauthorizedHandler = handler;
}

/** 403s that mean "finish this first": a temporary password to change, a second factor to enrol (issue 14). */
const ACCOUNT_STEP_CODES = new Set(['auth.password_change_required', 'auth.mfa_enrolment_required']);
let accountStepHandler: (() => void) | null = null;

/** The app registers what such a 403 does (reload who the user is, so the router sends them to that page). */
export function setAccountStepHandler(handler: (() => void) | null): void {
  accountStepHandler = handler;
}

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  query?: Record<string, QueryValue>;
  body?: unknown;
  signal?: AbortSignal;
  /** Extra request headers (an `Idempotency-Key`, for one). */
  headers?: Record<string, string>;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

function buildUrl(path: string, query: Record<string, QueryValue> | undefined): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.set(name, String(value));
  }
  const search = params.toString();
  return `${API_BASE}${path}${search ? `?${search}` : ''}`;
}

function isProblem(value: unknown): value is Partial<ProblemDetails> & { title: string; status: number } {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record['title'] === 'string' && typeof record['status'] === 'number';
}

/** The error for a failed answer: the server's problem when the body is one, a generic one otherwise. */
export function problemError(status: number, body: unknown): ApiError {
  if (isProblem(body)) {
    return new ApiError({
      ...body,
      type: body.type ?? 'about:blank',
      status: body.status,
      code: typeof body.code === 'string' ? body.code : `http.${status}`,
    });
  }
  return new ApiError({
    type: 'about:blank',
    title: translate(getLanguage(), 'error.unexpected', { status }),
    status,
    code: `http.${status}`,
  });
}

function networkError(): ApiError {
  return new ApiError({ type: 'about:blank', title: translate(getLanguage(), 'error.network'), status: 0, code: 'network.unreachable' });
}

async function toApiError(response: Response): Promise<ApiError> {
  const contentType = response.headers.get('content-type') ?? '';
  let body: unknown = null;
  if (contentType.includes('json')) {
    try {
      body = await response.json();
    } catch {
      // Not JSON after all: the generic error.
    }
  }
  return problemError(response.status, body);
}

function headersFor(method: Method, accept = 'application/json, application/problem+json'): Record<string, string> {
  const headers: Record<string, string> = { Accept: accept, 'Accept-Language': getLanguage() };
  // A plain HTML form cannot set this header: it is the server's CSRF check.
  if (method !== 'GET') headers['X-Requested-With'] = 'tashil';
  return headers;
}

async function request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  const headers = { ...(options.headers ?? {}), ...headersFor(method) };
  const hasBody = options.body !== undefined;
  if (hasBody) headers['Content-Type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: hasBody ? JSON.stringify(options.body) : null,
      signal: options.signal ?? null,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw networkError();
  }

  if (!response.ok) {
    const error = await toApiError(response);
    if (error.status === 401 && !SESSION_PATHS.has(path)) unauthorizedHandler?.();
    if (error.status === 403 && ACCOUNT_STEP_CODES.has(error.code)) accountStepHandler?.();
    throw error;
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** How far an upload got: the file's share sent and, for answers streamed as progress lines, the server's work. */
export interface UploadProgress {
  /** the upload's share sent, 0..1 */
  upload: number;
  /** what the server is doing once the file is there, and how far it got */
  phase?: 'read' | 'validate' | 'compare' | 'write' | 'done';
  done?: number;
  total?: number;
}

export interface UploadOptions {
  query?: Record<string, QueryValue>;
  /** Extra request headers (an `Idempotency-Key`, for one). */
  headers?: Record<string, string>;
  /** Given: the upload's progress is reported and the server is asked to stream its own (application/x-ndjson). */
  onProgress?: (progress: UploadProgress) => void;
}

type ProgressLine = { type?: string; phase?: UploadProgress['phase']; done?: number; total?: number; status?: number; body?: unknown };

/** The last complete progress line in `text` after `from`, and where the next read starts. */
function lastProgress(text: string, from: number): { line: ProgressLine | null; next: number } {
  const end = text.lastIndexOf('\n');
  if (end <= from) return { line: null, next: from };
  const lines = text.slice(from, end).split('\n').filter(Boolean).reverse();
  for (const raw of lines) {
    try {
      const line = JSON.parse(raw) as ProgressLine;
      if (line.type === 'progress') return { line, next: end + 1 };
    } catch {
      // a partial line: the next event completes it
    }
  }
  return { line: null, next: end + 1 };
}

/** The status and body of a finished upload; a streamed answer carries them in its last line. */
function uploadAnswer(xhr: XMLHttpRequest): { status: number; body: unknown } {
  const streamed = (xhr.getResponseHeader('content-type') ?? '').includes('ndjson');
  try {
    if (!streamed) return { status: xhr.status, body: JSON.parse(xhr.responseText) as unknown };
    const lines = xhr.responseText.trim().split('\n');
    const last = JSON.parse(lines[lines.length - 1] ?? '{}') as ProgressLine;
    if (last.type === 'result' && last.status !== undefined) return { status: last.status, body: last.body ?? {} };
    return { status: xhr.status === 200 ? 0 : xhr.status, body: null };
  } catch {
    return { status: xhr.status, body: null };
  }
}

/**
 * A multipart POST of one file (field `file`), with the session cookie, the CSRF header and the language as
 * every call sends them. XMLHttpRequest, not fetch: its upload events give the upload's progress. Resolves with
 * the body of a 2xx answer; rejects with ApiError otherwise (the refusal's whole problem in `error.problem`).
 */
function upload<T>(path: string, file: File, options: UploadOptions = {}): Promise<T> {
  const { onProgress } = options;
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', buildUrl(path, options.query));
    const accept = onProgress ? 'application/x-ndjson, application/json, application/problem+json' : undefined;
    for (const [name, value] of Object.entries({ ...(options.headers ?? {}), ...headersFor('POST', accept) })) xhr.setRequestHeader(name, value);
    let uploaded = 0;
    let seen = 0;
    if (onProgress) {
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable) onProgress({ upload: (uploaded = e.loaded / e.total) });
      };
      xhr.upload.onload = () => onProgress({ upload: (uploaded = 1) });
      xhr.onprogress = () => {
        const { line, next } = lastProgress(xhr.responseText, seen);
        seen = next;
        if (line) {
          onProgress({
            upload: uploaded,
            ...(line.phase ? { phase: line.phase } : {}),
            ...(line.done !== undefined ? { done: line.done } : {}),
            ...(line.total !== undefined ? { total: line.total } : {}),
          });
        }
      };
    }
    xhr.onerror = () => reject(networkError());
    xhr.onload = () => {
      const { status, body } = uploadAnswer(xhr);
      if (status >= 200 && status < 300) return resolve(body as T);
      const error = problemError(status || xhr.status, body);
      if (error.status === 401) unauthorizedHandler?.();
      reject(error);
    };
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

export const api = {
  get: <T>(path: string, options?: Omit<RequestOptions, 'body'>) => request<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'body'>) =>
    request<T>('POST', path, { ...options, body }),
  patch: <T>(path: string, body: unknown, options?: Omit<RequestOptions, 'body'>) =>
    request<T>('PATCH', path, { ...options, body }),
  put: <T>(path: string, body: unknown, options?: Omit<RequestOptions, 'body'>) =>
    request<T>('PUT', path, { ...options, body }),
  /** A body is rare on DELETE, but some carry a confirmation (`DELETE /auth/mfa` `{ code }`). */
  delete: <T>(path: string, options?: RequestOptions) => request<T>('DELETE', path, options),
  upload,
};

/** A path under the API with its query, for links the browser opens or downloads itself (same origin, the cookie goes). */
export function apiUrl(path: string, query?: Record<string, QueryValue>): string {
  return buildUrl(path, query);
}

import { getLanguage, translate } from './i18n.js';

/** The API's list envelope (`?page=&pageSize=`). */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface FieldError {
  path: string;
  message: string;
}

/** RFC 9457 problem details as the Tashil server sends them. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code: string;
  errors?: FieldError[];
}

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

  constructor(problem: ProblemDetails) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.code = problem.code;
    this.title = problem.title;
    this.detail = problem.detail;
    this.fieldErrors = problem.errors ?? [];
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

function isProblem(value: unknown): value is ProblemDetails {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record['title'] === 'string' && typeof record['status'] === 'number';
}

async function toApiError(response: Response): Promise<ApiError> {
  const contentType = response.headers.get('content-type') ?? '';
  if (contentType.includes('json')) {
    try {
      const body: unknown = await response.json();
      if (isProblem(body)) {
        return new ApiError({
          ...body,
          type: body.type ?? 'about:blank',
          code: typeof body.code === 'string' ? body.code : `http.${response.status}`,
        });
      }
    } catch {
      // Not JSON after all: fall through to the generic error.
    }
  }
  return new ApiError({
    type: 'about:blank',
    title: translate(getLanguage(), 'error.unexpected', { status: response.status }),
    status: response.status,
    code: `http.${response.status}`,
  });
}

async function request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    'Accept-Language': getLanguage(),
  };
  // A plain HTML form cannot set this header: it is the server's CSRF check.
  if (method !== 'GET') headers['X-Requested-With'] = 'tashil';
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
    throw new ApiError({
      type: 'about:blank',
      title: translate(getLanguage(), 'error.network'),
      status: 0,
      code: 'network.unreachable',
    });
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
};

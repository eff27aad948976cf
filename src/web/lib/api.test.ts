import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, ApiError, isApiError, setUnauthorizedHandler } from './api.js';

function answer(status: number, body: unknown, type = 'application/problem+json') {
  return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers: { 'content-type': type } });
}

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (isApiError(error)) return error;
    throw error;
  }
  throw new Error('the call did not fail');
}

describe('the API client', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    setUnauthorizedHandler(null);
  });

  it('sends the language, the session cookie and, on a change, the CSRF header', async () => {
    const fetchMock = vi.fn(async () => answer(200, { ok: true }, 'application/json'));
    vi.stubGlobal('fetch', fetchMock);
    await api.post('/units', { name: 'x' }, { query: { dryRun: true, empty: '' } });
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/v1/units?dryRun=true');
    expect(init.credentials).toBe('same-origin');
    expect(init.headers).toMatchObject({ 'X-Requested-With': 'tashil', 'Accept-Language': 'fa', 'Content-Type': 'application/json' });
  });

  it("turns a problem+json answer into an ApiError with the server's code, title and field messages", async () => {
    const problem = { type: 'about:blank', title: 'اطلاعات نامعتبر است', status: 422, code: 'validation.failed', errors: [{ path: 'nationalId', message: 'شناسهٔ ملی نادرست است' }] };
    vi.stubGlobal('fetch', vi.fn(async () => answer(422, problem)));
    const error = await failure(api.post('/units', {}));
    expect(error.status).toBe(422);
    expect(error.code).toBe('validation.failed');
    expect(error.title).toBe('اطلاعات نامعتبر است');
    expect(error.fieldError('nationalId')).toBe('شناسهٔ ملی نادرست است');
    expect(error.fieldError('name')).toBeUndefined();
  });

  it('names an answer that is not a problem by its status, in the user\'s language', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => answer(502, '<html>bad gateway</html>', 'text/html')));
    const error = await failure(api.get('/units'));
    expect(error.code).toBe('http.502');
    expect(error.status).toBe(502);
    expect(error.title).toMatch(/۵۰۲|502/);
  });

  it('reports an unreachable server as network.unreachable', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => { throw new TypeError('Failed to fetch'); }));
    const error = await failure(api.get('/units'));
    expect(error.code).toBe('network.unreachable');
    expect(error.status).toBe(0);
  });

  it('sends an expired session to the login page, but not a wrong password', async () => {
    const onUnauthorized = vi.fn();
    setUnauthorizedHandler(onUnauthorized);
    const expired = { type: 'about:blank', title: 'نشست پایان یافته', status: 401, code: 'auth.required' };
    vi.stubGlobal('fetch', vi.fn(async () => answer(401, expired)));
    await failure(api.get('/units'));
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    await failure(api.post('/auth/login', { username: 'a', password: 'b' }));
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });
});

import type { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createQueryClient } from '../providers.js';
import { statsBanksRoute, statsOverviewRoute } from './stats.js';
import { bankStatsQuery, overviewQuery, prefetchStatsPage, toFilters, trendQuery } from '../../features/stats/api/stats-queries.js';

const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });

describe("a statistics page's first figures", () => {
  afterEach(() => vi.unstubAllGlobals());

  it('are asked for on the filters of the address bar, under the keys the page then reads', async () => {
    const fetchMock = vi.fn(async (url: string) => json({ url }));
    vi.stubGlobal('fetch', fetchMock);
    const client = createQueryClient();
    const search = { period: '1405-Q2', countyId: 'c1' };
    prefetchStatsPage(client, 'overview', search, 'fa');
    await vi.waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(5));
    const paths = fetchMock.mock.calls.map(([url]) => String(url).split('?')[0]).sort();
    expect(paths).toEqual(['/api/v1/stats/banks', '/api/v1/stats/overview', '/api/v1/stats/trend', '/api/v1/stats/trend', '/api/v1/stats/trend']);
    for (const [url] of fetchMock.mock.calls) expect(String(url)).toContain('period=1405-Q2');
    const f = toFilters(search);
    await vi.waitFor(() => expect(client.getQueryData(overviewQuery(f, 'fa').queryKey)).toBeDefined());
    expect(client.getQueryData(bankStatsQuery(f, 'fa').queryKey)).toBeDefined();
    expect(client.getQueryData(trendQuery(f, 'demandsResolved').queryKey)).toBeDefined();
    // figures still fresh (the app's 30 s) are not asked for again
    prefetchStatsPage(client, 'overview', search, 'fa');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fetchMock).toHaveBeenCalledTimes(5);
  });

  it("are started by the page's route", async () => {
    const fetchMock = vi.fn(async (url: string) => json({ url }));
    vi.stubGlobal('fetch', fetchMock);
    const client = createQueryClient();
    const load = (route: typeof statsOverviewRoute | typeof statsBanksRoute) =>
      (route.options.loader as unknown as (args: { context: { queryClient: QueryClient }; deps: object }) => void)({ context: { queryClient: client }, deps: {} });
    load(statsBanksRoute);
    await vi.waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1));
    expect(String(fetchMock.mock.calls[0]![0])).toMatch(/^\/api\/v1\/stats\/banks/);
    load(statsOverviewRoute);
    await vi.waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(5));
  });
});

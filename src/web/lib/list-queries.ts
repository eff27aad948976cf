/**
 * The list/record/change pattern every feature's api and hooks follow: a page of a list (`GET /demands?…`), one
 * record (`GET /demands/:id`), and changes whose answers settle the cached queries. Keys: `[kind, 'list', params]`
 * and `[kind, 'one', id]`, so `[kind]` reaches them all.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { api, type Page, type QueryValue } from './api.js';

/** A list's filters and paging, sent as the query string. */
type ListParams<P> = { [K in keyof P]: QueryValue };

/** `GET <path>?…`: one page of a list, filtered as `params` say. */
export function fetchPage<T, P extends ListParams<P>>(path: string, params: P, signal?: AbortSignal): Promise<Page<T>> {
  return api.get<Page<T>>(path, { query: { ...params }, ...(signal ? { signal } : {}) });
}

/** `GET <path>/<id>`: one record. */
export function fetchRecord<T>(path: string, id: string, signal?: AbortSignal): Promise<T> {
  return api.get<T>(`${path}/${id}`, signal ? { signal } : {});
}

/** A page of a list; the page on screen stays while the next one loads. */
export function useListQuery<T, P>(kind: string, params: P, fetchList: (params: P, signal: AbortSignal) => Promise<Page<T>>) {
  return useQuery({ queryKey: [kind, 'list', params], queryFn: ({ signal }) => fetchList(params, signal), placeholderData: keepPreviousData });
}

/** One record. */
export function useRecordQuery<T>(kind: string, id: string, fetchOne: (id: string, signal: AbortSignal) => Promise<T>) {
  return useQuery({ queryKey: [kind, 'one', id], queryFn: ({ signal }) => fetchOne(id, signal) });
}

/** What a successful change settles: the answer stored as the record under `store`'s key, then the queries `invalidate` names read again. */
export interface Settle<R> {
  store?: (answer: R) => QueryKey;
  invalidate: (answer: R) => QueryKey[];
}

/** A change to records; once it succeeds, `settle` says what the cache keeps and what it reads again (not awaited). */
export function useRecordChange<V, R>(mutationFn: (variables: V) => Promise<R>, settle: Settle<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: (answer: R) => {
      const key = settle.store?.(answer);
      if (key) client.setQueryData(key, answer);
      for (const queryKey of settle.invalidate(answer)) void client.invalidateQueries({ queryKey });
    },
  });
}

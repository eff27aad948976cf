/**
 * The field screens read the device's store through TanStack Query, like any other data: a change to the store
 * (here, in the sync, or in another tab) invalidates the `field` queries. These queries run with no network at all
 * (`networkMode: 'always'`): they never leave the device.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useSyncExternalStore } from 'react';
import { fetchFieldReference, fetchMyPlannedVisits } from '../api/field-api.js';
import { fieldDb, getKit, getMeta, listDrafts, listKits, listOutbox, notifyFieldChange, onFieldChange, recordKey, saveDownload } from '../store/field-db.js';
import { discardEntry, resolvePlanned, resolveUnit, retryEntry } from '../sync/outbox.js';
import { syncNow } from '../sync/sync-agent.js';
import { newId } from '../lib/ids.js';
import type { FieldKitRecord } from '../types.js';

const onDevice = { networkMode: 'always', staleTime: Infinity, retry: false } as const;

export const fieldKeys = {
  all: ['field'] as const,
  kits: (userId: string) => ['field', userId, 'kits'] as const,
  kit: (userId: string, visitId: string) => ['field', userId, 'kit', visitId] as const,
  meta: (userId: string) => ['field', userId, 'meta'] as const,
  drafts: (userId: string) => ['field', userId, 'drafts'] as const,
  outbox: (userId: string) => ['field', userId, 'outbox'] as const,
};

/** Re-reads the store whenever it changes; mounted once by the field pages. */
export function useFieldChanges(): void {
  const client = useQueryClient();
  useEffect(() => onFieldChange(() => void client.invalidateQueries({ queryKey: fieldKeys.all })), [client]);
}

export function useKits(userId: string) {
  return useQuery({ queryKey: fieldKeys.kits(userId), queryFn: async () => listKits(await fieldDb(), userId), ...onDevice });
}

export function useKit(userId: string, visitId: string) {
  return useQuery({ queryKey: fieldKeys.kit(userId, visitId), queryFn: async () => (await getKit(await fieldDb(), userId, visitId)) ?? null, ...onDevice });
}

export function useFieldMeta(userId: string) {
  return useQuery({ queryKey: fieldKeys.meta(userId), queryFn: async () => (await getMeta(await fieldDb(), userId)) ?? null, ...onDevice });
}

export function useDrafts(userId: string) {
  return useQuery({ queryKey: fieldKeys.drafts(userId), queryFn: async () => listDrafts(await fieldDb(), userId), ...onDevice });
}

export function useOutbox(userId: string) {
  return useQuery({ queryKey: fieldKeys.outbox(userId), queryFn: async () => listOutbox(await fieldDb(), userId), ...onDevice });
}

/** Downloads the caller's planned visits with their field kits and the forms' lists, replacing the last download. */
export function useDownload(userId: string) {
  return useMutation({
    networkMode: 'always',
    mutationFn: async () => {
      const [page, reference] = await Promise.all([fetchMyPlannedVisits(), fetchFieldReference()]);
      const at = new Date().toISOString();
      const kits: FieldKitRecord[] = page.items.flatMap(({ field, ...visit }) => (field ? [{ key: recordKey(userId, visit.id), userId, visitId: visit.id, visit, field, downloadedAt: at }] : []));
      await saveDownload(await fieldDb(), userId, kits, { key: `${userId}/download`, userId, downloadedAt: at, reference });
      notifyFieldChange();
      return kits.length;
    },
  });
}

/** The button: send what waits now, whatever the backoff says. */
export function useSyncNow(userId: string) {
  return useMutation({ networkMode: 'always', mutationFn: () => syncNow(userId, true) });
}

export function useOutboxActions(userId: string) {
  const act = (fn: () => Promise<void>) => async () => {
    await fn();
    notifyFieldChange();
    if (navigator.onLine) void syncNow(userId, true).catch(() => undefined);
  };
  return {
    separate: (id: string) => act(async () => resolvePlanned(await fieldDb(), id, 'separate', newId))(),
    discard: (id: string) => act(async () => discardEntry(await fieldDb(), id))(),
    applyMine: (id: string) => act(async () => resolveUnit(await fieldDb(), id, 'mine'))(),
    keepTheirs: (id: string) => act(async () => resolveUnit(await fieldDb(), id, 'theirs'))(),
    retry: (id: string) => act(async () => retryEntry(await fieldDb(), id))(),
  };
}

function subscribeOnline(callback: () => void): () => void {
  window.addEventListener('online', callback);
  window.addEventListener('offline', callback);
  return () => {
    window.removeEventListener('online', callback);
    window.removeEventListener('offline', callback);
  };
}

/** Whether the browser believes it has a network (a hint: a call can still fail). */
export function useOnline(): boolean {
  return useSyncExternalStore(subscribeOnline, () => navigator.onLine, () => true);
}

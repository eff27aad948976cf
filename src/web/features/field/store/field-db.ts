/**
 * The field screens' own store on the device (IndexedDB through `idb`): downloaded visits, drafts, photos and the
 * outbox. Nothing here is cached by the service worker; the app reads and writes it directly, so it works with no
 * network at all. Records carry the user's id: two people sharing a phone do not see each other's field work.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { FieldDraft, FieldKitRecord, FieldMeta, FieldPhoto, OutboxEntry } from '../types.js';

export interface FieldSchema extends DBSchema {
  kits: { key: string; value: FieldKitRecord; indexes: { byUser: string } };
  meta: { key: string; value: FieldMeta };
  drafts: { key: string; value: FieldDraft; indexes: { byUser: string } };
  photos: { key: string; value: FieldPhoto; indexes: { byOwner: string } };
  outbox: { key: string; value: OutboxEntry; indexes: { byUser: string } };
}

export type FieldDb = IDBPDatabase<FieldSchema>;

export const FIELD_DB_NAME = 'tashil-field';

export function openFieldDb(name: string = FIELD_DB_NAME): Promise<FieldDb> {
  return openDB<FieldSchema>(name, 1, {
    upgrade(db) {
      db.createObjectStore('kits', { keyPath: 'key' }).createIndex('byUser', 'userId');
      db.createObjectStore('meta', { keyPath: 'key' });
      db.createObjectStore('drafts', { keyPath: 'key' }).createIndex('byUser', 'userId');
      db.createObjectStore('photos', { keyPath: 'id' }).createIndex('byOwner', 'ownerKey');
      db.createObjectStore('outbox', { keyPath: 'id' }).createIndex('byUser', 'userId');
    },
  });
}

let shared: Promise<FieldDb> | null = null;

/** The app's one connection. */
export function fieldDb(): Promise<FieldDb> {
  shared ??= openFieldDb();
  return shared;
}

export const recordKey = (userId: string, visitId: string) => `${userId}/${visitId}`;

// ── Change notices: the screens re-read the store when it changes (here or in another tab) ──
type Listener = () => void;
const listeners = new Set<Listener>();
const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel('tashil-field');
channel?.addEventListener('message', () => listeners.forEach((l) => l()));

export function onFieldChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function notifyFieldChange(): void {
  listeners.forEach((l) => l());
  channel?.postMessage('changed');
}

// ── Downloaded visits ──
export async function saveDownload(db: FieldDb, userId: string, kits: FieldKitRecord[], meta: FieldMeta): Promise<void> {
  const tx = db.transaction(['kits', 'meta'], 'readwrite');
  const kitStore = tx.objectStore('kits');
  // the new download replaces the old one: a visit no longer planned for this user leaves the list
  for (const key of await kitStore.index('byUser').getAllKeys(userId)) await kitStore.delete(key);
  for (const kit of kits) await kitStore.put(kit);
  await tx.objectStore('meta').put(meta);
  await tx.done;
}

export async function listKits(db: FieldDb, userId: string): Promise<FieldKitRecord[]> {
  const kits = await db.getAllFromIndex('kits', 'byUser', userId);
  return kits.sort((a, b) => (a.visit.visitDate < b.visit.visitDate ? -1 : a.visit.visitDate > b.visit.visitDate ? 1 : a.visitId < b.visitId ? -1 : 1));
}

export function getKit(db: FieldDb, userId: string, visitId: string): Promise<FieldKitRecord | undefined> {
  return db.get('kits', recordKey(userId, visitId));
}

export function getMeta(db: FieldDb, userId: string): Promise<FieldMeta | undefined> {
  return db.get('meta', `${userId}/download`);
}

// ── Drafts and their photos ──
export function getDraft(db: FieldDb, userId: string, visitId: string): Promise<FieldDraft | undefined> {
  return db.get('drafts', recordKey(userId, visitId));
}

export function listDrafts(db: FieldDb, userId: string): Promise<FieldDraft[]> {
  return db.getAllFromIndex('drafts', 'byUser', userId);
}

export async function saveDraft(db: FieldDb, draft: FieldDraft): Promise<void> {
  await db.put('drafts', draft);
}

export async function addPhoto(db: FieldDb, photo: FieldPhoto, draft: FieldDraft): Promise<FieldDraft> {
  const tx = db.transaction(['photos', 'drafts'], 'readwrite');
  await tx.objectStore('photos').put(photo);
  const next = { ...draft, photoIds: [...draft.photoIds, photo.id] };
  await tx.objectStore('drafts').put(next);
  await tx.done;
  return next;
}

export async function removePhoto(db: FieldDb, photoId: string, draft: FieldDraft): Promise<FieldDraft> {
  const tx = db.transaction(['photos', 'drafts'], 'readwrite');
  await tx.objectStore('photos').delete(photoId);
  const next = { ...draft, photoIds: draft.photoIds.filter((id) => id !== photoId) };
  await tx.objectStore('drafts').put(next);
  await tx.done;
  return next;
}

export async function getPhotos(db: FieldDb, ids: string[]): Promise<FieldPhoto[]> {
  const found = await Promise.all(ids.map((id) => db.get('photos', id)));
  return found.filter((p): p is FieldPhoto => p !== undefined);
}

export async function discardDraft(db: FieldDb, draft: FieldDraft): Promise<void> {
  const tx = db.transaction(['photos', 'drafts'], 'readwrite');
  for (const id of draft.photoIds) await tx.objectStore('photos').delete(id);
  await tx.objectStore('drafts').delete(draft.key);
  await tx.done;
}

// ── Outbox ──
export async function listOutbox(db: FieldDb, userId: string): Promise<OutboxEntry[]> {
  const entries = await db.getAllFromIndex('outbox', 'byUser', userId);
  return entries.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1));
}

export function getEntry(db: FieldDb, id: string): Promise<OutboxEntry | undefined> {
  return db.get('outbox', id);
}

export async function putEntry(db: FieldDb, entry: OutboxEntry): Promise<void> {
  await db.put('outbox', entry);
}

/** Removes an entry and its photos (a sent one after a while, or one the user chose to drop). */
export async function deleteEntry(db: FieldDb, entry: OutboxEntry): Promise<void> {
  const tx = db.transaction(['photos', 'outbox'], 'readwrite');
  for (const p of entry.photos) await tx.objectStore('photos').delete(p.photoId);
  await tx.objectStore('outbox').delete(entry.id);
  await tx.done;
}

/**
 * The outbox: records made on the device wait here until the server has them. Each entry carries everything it
 * will send, with keys made once (store/record.ts): the visit's `clientId` and an `Idempotency-Key` for the visit
 * and for each photo. A send cut off half-way is simply sent again with the same keys, and the server answers with
 * what it already holds — each visit, demand and photo exists once.
 *
 * Order inside an entry: the visit (with its demands, one transaction on the server), then each photo onto the
 * visit's id, then the correction to the unit's register (a PATCH naming the version downloaded). A 409 is never
 * settled here: the entry shows the conflict and waits for the person's choice (resolvePlanned / resolveUnit).
 */
import { isApiError } from '../../../lib/api.js';
import { deleteEntry, getEntry, listOutbox, putEntry, type FieldDb } from '../store/field-db.js';
import type { CreateVisitBody, EntryStatus, FieldDraft, FieldKitRecord, OutboxEntry, OutboxUnitPart, SyncProblem, UnitChanges } from '../types.js';
import { entryOf } from './record.js';

/** How the outbox reaches the server; the app's is sync/transport.ts, tests give their own. */
export interface FieldTransport {
  createVisit(body: CreateVisitBody, idempotencyKey: string): Promise<{ id: string }>;
  uploadPhoto(visitId: string, photo: { bytes: ArrayBuffer; type: string; fileName: string }, idempotencyKey: string): Promise<{ id: string }>;
  updateUnit(unitId: string, body: UnitChanges & { version: number }): Promise<{ version: number }>;
}

export interface SyncOptions {
  now?: () => Date;
  /** true: the person pressed the button — retry now, whatever the backoff says */
  force?: boolean;
  newKey: () => string;
}

export interface SyncReport {
  sent: number;
  pending: number;
  failed: number;
  conflicts: number;
  offline: boolean;
  /** entries tried (or forgotten) in this run: nothing to tell the screens when 0 */
  touched: number;
}

/** Sent entries stay on the device this long, to show what went out (and their photos, to look at). */
export const KEEP_SENT_MS = 7 * 24 * 60 * 60 * 1000;
const BACKOFF_BASE_MS = 5_000;
const BACKOFF_MAX_MS = 5 * 60_000;

/** Moves a finished draft into the outbox, with its photos, in one IndexedDB transaction. */
export async function enqueueDraft(db: FieldDb, draft: FieldDraft, kit: FieldKitRecord, opts: { now?: Date; newKey: () => string }): Promise<OutboxEntry> {
  const tx = db.transaction(['drafts', 'photos', 'outbox'], 'readwrite');
  const photos = tx.objectStore('photos');
  const kept: { id: string; fileName: string }[] = [];
  for (const id of draft.photoIds) {
    const photo = await photos.get(id);
    if (!photo) continue;
    await photos.put({ ...photo, ownerKey: draft.clientId });
    kept.push({ id, fileName: photo.fileName });
  }
  const entry = entryOf(draft, kit, kept, opts.now ?? new Date(), opts.newKey);
  await tx.objectStore('outbox').put(entry);
  await tx.objectStore('drafts').delete(draft.key);
  await tx.done;
  return entry;
}

type Outcome = { kind: 'offline'; problem: SyncProblem } | { kind: 'retry'; problem: SyncProblem } | { kind: 'conflict'; problem: SyncProblem; current: unknown } | { kind: 'stop'; problem: SyncProblem };

function problemOf(error: unknown, at: Date, retryable: boolean): SyncProblem {
  if (isApiError(error)) {
    return { code: error.code, status: error.status, title: error.status === 0 ? '' : error.title, fieldErrors: [...error.fieldErrors], at: at.toISOString(), retryable };
  }
  return { code: 'client.error', status: 0, title: error instanceof Error ? error.message : String(error), fieldErrors: [], at: at.toISOString(), retryable };
}

/** What a failed call means for the entry: wait for the network, try again later, ask the person, or stop. */
function classify(error: unknown, at: Date): Outcome {
  if (!isApiError(error)) {
    // fetch's own failure (no network) arrives as a TypeError or an abort
    const offline = error instanceof TypeError || (error instanceof DOMException && error.name === 'AbortError');
    return offline ? { kind: 'offline', problem: problemOf(error, at, true) } : { kind: 'retry', problem: problemOf(error, at, true) };
  }
  if (error.status === 0) return { kind: 'offline', problem: problemOf(error, at, true) };
  if (error.code === 'visit.not_planned' || error.code === 'record.stale') {
    return { kind: 'conflict', problem: problemOf(error, at, false), current: (error.problem as { current?: unknown }).current ?? null };
  }
  // a session to renew, the same key still running, a busy or failing server: the same request may pass later
  if (error.status === 401 || error.status === 408 || error.status === 429 || error.status >= 500 || error.code === 'idempotency.in_progress') {
    return { kind: 'retry', problem: problemOf(error, at, true) };
  }
  return { kind: 'stop', problem: problemOf(error, at, false) };
}

function statusOf(entry: OutboxEntry): EntryStatus {
  const parts = [entry.visit.state, ...entry.photos.map((p) => p.state), ...(entry.unit && entry.unit.state !== 'dropped' ? [entry.unit.state] : [])];
  if (parts.includes('conflict')) return 'conflict';
  if (parts.every((s) => s === 'sent')) return 'sent';
  if (parts.includes('failed')) return 'failed';
  return 'waiting';
}

function sameValues(changes: UnitChanges, current: Record<string, unknown>): boolean {
  return Object.entries(changes).every(([k, v]) => (current[k] ?? null) === (v ?? null));
}

/** Tries one entry as far as it goes; saves its progress after every step, so a cut-off send resumes there. */
async function sendEntry(db: FieldDb, start: OutboxEntry, transport: FieldTransport, now: () => Date): Promise<{ entry: OutboxEntry; offline: boolean }> {
  let entry: OutboxEntry = { ...start, status: 'sending', attempts: start.attempts + 1 };
  await putEntry(db, entry);
  const save = async (next: OutboxEntry) => {
    entry = next;
    await putEntry(db, entry);
  };
  const fail = async (outcome: Outcome, part: 'visit' | 'photo' | 'unit', index = 0) => {
    const state = outcome.kind === 'conflict' ? 'conflict' : outcome.kind === 'stop' ? 'failed' : 'waiting';
    const next: OutboxEntry = { ...entry, lastError: outcome.problem };
    if (part === 'visit') next.visit = { ...entry.visit, state };
    if (part === 'photo') next.photos = entry.photos.map((p, i) => (i === index ? { ...p, state } : p));
    if (part === 'unit' && entry.unit) {
      next.unit = { ...entry.unit, state, current: outcome.kind === 'conflict' ? unitNow(outcome.current) : entry.unit.current };
    }
    if (outcome.kind === 'conflict') {
      next.conflict = part === 'visit' ? { kind: 'planned', current: plannedNow(outcome.current) } : { kind: 'unit' };
    }
    const retryIn = Math.min(BACKOFF_BASE_MS * 2 ** Math.max(0, next.attempts - 1), BACKOFF_MAX_MS);
    next.nextAttemptAt = outcome.kind === 'retry' ? new Date(now().getTime() + retryIn).toISOString() : null;
    next.status = outcome.kind === 'retry' || outcome.kind === 'offline' ? (outcome.kind === 'retry' ? 'failed' : 'waiting') : statusOf(next);
    await save(next);
    return { entry, offline: outcome.kind === 'offline' };
  };

  // 1. the visit and its demands
  if (entry.visit.state !== 'sent') {
    try {
      const created = await transport.createVisit(entry.visit.body, entry.visit.idempotencyKey);
      await save({ ...entry, visit: { ...entry.visit, state: 'sent', serverId: created.id }, conflict: entry.conflict?.kind === 'planned' ? null : entry.conflict });
    } catch (error) {
      return fail(classify(error, now()), 'visit');
    }
  }
  const visitId = entry.visit.serverId!;

  // 2. the photos, one by one
  for (let i = 0; i < entry.photos.length; i++) {
    const part = entry.photos[i]!;
    if (part.state === 'sent') continue;
    const photo = await db.get('photos', part.photoId);
    if (!photo) {
      // a photo gone from the device cannot be sent; the rest of the record still goes
      await save({ ...entry, photos: entry.photos.map((p, j) => (j === i ? { ...p, state: 'failed' } : p)), lastError: problemOf(new Error('photo.missing'), now(), false) });
      continue;
    }
    try {
      const attached = await transport.uploadPhoto(visitId, { bytes: photo.bytes, type: photo.type, fileName: part.fileName }, part.idempotencyKey);
      await save({ ...entry, photos: entry.photos.map((p, j) => (j === i ? { ...p, state: 'sent', attachmentId: attached.id } : p)) });
    } catch (error) {
      return fail(classify(error, now()), 'photo', i);
    }
  }

  // 3. the correction to the unit's register
  const unit = entry.unit;
  if (unit && (unit.state === 'waiting' || unit.state === 'failed')) {
    try {
      await transport.updateUnit(unit.unitId, { ...unit.changes, version: unit.baseVersion });
      await save({ ...entry, unit: { ...unit, state: 'sent', current: null }, conflict: null });
    } catch (error) {
      const outcome = classify(error, now());
      // our own change, sent before but its answer lost: the server already holds exactly it
      if (outcome.kind === 'conflict' && outcome.current && sameValues(unit.changes, outcome.current as Record<string, unknown>)) {
        await save({ ...entry, unit: { ...unit, state: 'sent', current: null }, conflict: null });
      } else {
        return fail(outcome, 'unit');
      }
    }
  }

  const status = statusOf(entry);
  await save({ ...entry, status, ...(status === 'sent' ? { sentAt: now().toISOString(), lastError: null, nextAttemptAt: null } : {}) });
  return { entry, offline: false };
}

function unitNow(current: unknown): OutboxUnitPart['current'] {
  if (!current || typeof current !== 'object') return null;
  const c = current as Record<string, unknown>;
  return {
    version: Number(c['version']),
    ...(typeof c['updatedAt'] === 'string' ? { updatedAt: c['updatedAt'] } : {}),
    phone: (c['phone'] as string | null) ?? null,
    managerName: (c['managerName'] as string | null) ?? null,
    address: (c['address'] as string | null) ?? null,
    employees: Number(c['employees']),
    capacityUtilization: Number(c['capacityUtilization']),
  };
}

function plannedNow(current: unknown): { status: string; visitDate: string; version: number } | null {
  if (!current || typeof current !== 'object') return null;
  const c = current as Record<string, unknown>;
  return { status: String(c['status']), visitDate: String(c['visitDate']), version: Number(c['version']) };
}

/** Is this entry due for a try now? Conflicts and refusals wait for the person; backoff waits unless forced. */
function isDue(entry: OutboxEntry, now: Date, force: boolean): boolean {
  if (entry.status === 'sent' || entry.status === 'conflict') return false;
  if (entry.status === 'failed' && entry.lastError && !entry.lastError.retryable && !force) return false;
  if (!force && entry.nextAttemptAt && entry.nextAttemptAt > now.toISOString()) return false;
  return true;
}

let running: Promise<SyncReport> | null = null;

/**
 * Sends what is due, oldest first; stops at the first sign of no network. One run at a time in this page (and,
 * where the browser has Web Locks, across the app's tabs): a second call waits for the run in progress.
 */
export function syncOutbox(db: FieldDb, userId: string, transport: FieldTransport, opts: SyncOptions): Promise<SyncReport> {
  if (running) return running;
  const run = async (): Promise<SyncReport> => {
    const now = opts.now ?? (() => new Date());
    let offline = false;
    let touched = 0;
    for (const entry of await listOutbox(db, userId)) {
      if (entry.status === 'sent') {
        if (entry.sentAt && now().getTime() - Date.parse(entry.sentAt) > KEEP_SENT_MS) {
          await deleteEntry(db, entry);
          touched++;
        }
        continue;
      }
      if (offline || !isDue(entry, now(), opts.force === true)) continue;
      touched++;
      const result = await sendEntry(db, entry, transport, now);
      offline = result.offline;
    }
    return { ...summarize(await listOutbox(db, userId), offline), touched };
  };
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  running = (locks ? locks.request('tashil-field-sync', run) : run()).finally(() => {
    running = null;
  });
  return running;
}

export function summarize(entries: OutboxEntry[], offline = false): SyncReport {
  const count = (s: EntryStatus) => entries.filter((e) => e.status === s).length;
  return { sent: count('sent'), pending: count('waiting') + count('sending'), failed: count('failed'), conflicts: count('conflict'), offline, touched: 0 };
}

async function update(db: FieldDb, id: string, change: (e: OutboxEntry) => OutboxEntry): Promise<OutboxEntry> {
  const entry = await getEntry(db, id);
  if (!entry) throw new Error(`no outbox entry ${id}`);
  const next = change(entry);
  await putEntry(db, next);
  return next;
}

/**
 * The planned visit was recorded or cancelled meanwhile. `separate`: send this record as a visit of its own (a new
 * body, so a new Idempotency-Key; the same clientId, since nothing was written); `discard`: drop the record.
 */
export async function resolvePlanned(db: FieldDb, id: string, choice: 'separate' | 'discard', newKey: () => string): Promise<void> {
  if (choice === 'discard') {
    const entry = await getEntry(db, id);
    if (entry) await deleteEntry(db, entry);
    return;
  }
  await update(db, id, (e) => {
    const { plannedVisitId: _planned, ...body } = e.visit.body;
    const next: OutboxEntry = { ...e, visit: { ...e.visit, body, idempotencyKey: newKey(), state: 'waiting' }, conflict: null, lastError: null, nextAttemptAt: null };
    return { ...next, status: statusOf(next) };
  });
}

/**
 * The unit changed on the server since it was downloaded. `mine`: apply this correction over the current version
 * (the person saw both); `theirs`: keep the server's register and drop the correction.
 */
export async function resolveUnit(db: FieldDb, id: string, choice: 'mine' | 'theirs'): Promise<void> {
  await update(db, id, (e) => {
    if (!e.unit) return e;
    const unit = choice === 'mine' && e.unit.current ? { ...e.unit, baseVersion: e.unit.current.version, state: 'waiting' as const } : { ...e.unit, state: 'dropped' as const };
    const next: OutboxEntry = { ...e, unit, conflict: null, lastError: null, nextAttemptAt: null };
    return { ...next, status: statusOf(next) };
  });
}

/** A refused entry the person wants tried again as it is (after signing in again, say). */
export async function retryEntry(db: FieldDb, id: string): Promise<void> {
  await update(db, id, (e) => {
    const reset = <T extends { state: string }>(p: T): T => (p.state === 'failed' ? { ...p, state: 'waiting' } : p);
    const next: OutboxEntry = { ...e, visit: reset(e.visit), photos: e.photos.map(reset), unit: e.unit ? reset(e.unit) : null, lastError: null, nextAttemptAt: null };
    return { ...next, status: statusOf(next) };
  });
}

export async function discardEntry(db: FieldDb, id: string): Promise<void> {
  const entry = await getEntry(db, id);
  if (entry) await deleteEntry(db, entry);
}

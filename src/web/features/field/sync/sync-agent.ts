/**
 * When the outbox is tried: as soon as the network comes back (the `online` event), every half minute while the app
 * is open, when the app comes to the foreground, right after a record is queued, and on the person's button.
 */
import { fieldDb, notifyFieldChange } from '../store/field-db.js';
import { newId } from '../lib/ids.js';
import { syncOutbox, type SyncReport } from './outbox.js';
import { httpTransport } from './transport.js';

export const SYNC_INTERVAL_MS = 30_000;

export async function syncNow(userId: string, force = false): Promise<SyncReport> {
  const db = await fieldDb();
  let report: SyncReport | null = null;
  try {
    report = await syncOutbox(db, userId, httpTransport, { force, newKey: newId });
    return report;
  } finally {
    // an error half-way may still have changed entries: tell the screens unless the run certainly touched nothing
    if (!report || report.touched > 0) notifyFieldChange();
  }
}

/** Starts the background tries for this user; returns the function that stops them. */
export function startFieldSync(userId: string): () => void {
  const run = () => {
    if (typeof navigator !== 'undefined' && navigator.onLine === false) return;
    void syncNow(userId).catch(() => undefined);
  };
  const onVisible = () => {
    if (document.visibilityState === 'visible') run();
  };
  window.addEventListener('online', run);
  document.addEventListener('visibilitychange', onVisible);
  const timer = window.setInterval(run, SYNC_INTERVAL_MS);
  run();
  return () => {
    window.removeEventListener('online', run);
    document.removeEventListener('visibilitychange', onVisible);
    window.clearInterval(timer);
  };
}

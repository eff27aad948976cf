/**
 * The visit being recorded, saved to the device as it is typed: every change is written a quarter of a second after
 * the last keystroke, at once when the page is hidden or left, so closing the app (or the battery dying) loses at most
 * that quarter second. The draft's clientId is made when it starts and never changes.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { todayInTehran } from '../../../lib/dates.js';
import { newId } from '../lib/ids.js';
import { fieldDb, getDraft, notifyFieldChange, recordKey, saveDraft } from '../store/field-db.js';
import type { FieldDraft, FieldKitRecord } from '../types.js';

const SAVE_DELAY_MS = 250;

export function newDraft(userId: string, kit: FieldKitRecord, now: Date = new Date()): FieldDraft {
  const at = now.toISOString();
  return {
    key: recordKey(userId, kit.visitId),
    userId,
    visitId: kit.visitId,
    unitId: kit.visit.unitId,
    clientId: newId(),
    visitDate: todayInTehran(now),
    findings: '',
    employees: '',
    capacityUtilization: '',
    location: null,
    photoIds: [],
    demands: [],
    unitUpdate: {
      enabled: false,
      phone: kit.field.unit.phone ?? '',
      managerName: kit.field.unit.managerName ?? '',
      address: kit.field.unit.address ?? '',
      observedFigures: false,
    },
    startedAt: at,
    updatedAt: at,
  };
}

export interface DraftEditor {
  draft: FieldDraft | null;
  update: (change: (d: FieldDraft) => FieldDraft) => void;
  /** writes now; resolves once the draft is on the device */
  flush: () => Promise<void>;
  savedAt: string | null;
}

export function useDraftEditor(userId: string, kit: FieldKitRecord | null | undefined): DraftEditor {
  const [draft, setDraft] = useState<FieldDraft | null>(null);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const latest = useRef<FieldDraft | null>(null);
  const dirty = useRef(false);
  const timer = useRef<number | null>(null);
  const visitId = kit?.visitId;

  const write = useCallback(async () => {
    if (timer.current !== null) {
      window.clearTimeout(timer.current);
      timer.current = null;
    }
    const d = latest.current;
    if (!d || !dirty.current) return;
    dirty.current = false;
    await saveDraft(await fieldDb(), d);
    setSavedAt(d.updatedAt);
    notifyFieldChange();
  }, []);

  // open the draft of this visit, or start one (saved at once, so its clientId is fixed from the start)
  useEffect(() => {
    if (!kit) return;
    let live = true;
    void (async () => {
      const db = await fieldDb();
      const found = await getDraft(db, userId, kit.visitId);
      const d = found ?? newDraft(userId, kit);
      if (!found) await saveDraft(db, d);
      if (!live) return;
      latest.current = d;
      setDraft(d);
      setSavedAt(d.updatedAt);
    })();
    return () => {
      live = false;
    };
    // the kit object changes on every re-read of the store; the visit it names does not
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [userId, visitId, kit === null || kit === undefined]);

  useEffect(() => {
    const onHide = () => void write();
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') void write();
    };
    window.addEventListener('pagehide', onHide);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('pagehide', onHide);
      document.removeEventListener('visibilitychange', onVisibility);
      void write();
    };
  }, [write]);

  const update = useCallback(
    (change: (d: FieldDraft) => FieldDraft) => {
      const current = latest.current;
      if (!current) return;
      const next = { ...change(current), updatedAt: new Date().toISOString() };
      latest.current = next;
      dirty.current = true;
      setDraft(next);
      if (timer.current !== null) window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => void write(), SAVE_DELAY_MS);
    },
    [write],
  );

  return { draft, update, flush: write, savedAt };
}

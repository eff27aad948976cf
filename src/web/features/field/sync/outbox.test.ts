/**
 * The outbox on a device (fake-indexeddb standing in for the browser's IndexedDB) against a fake server that keeps
 * the real one's promises: a repeated Idempotency-Key replays, a repeated clientId answers the first visit, a stale
 * version is a 409 with the current record. What the person would notice: each visit, demand and photo arrives
 * once, however the sync is cut; conflicts wait for them; reasons are kept.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../../lib/api.js';
import { newId } from '../lib/ids.js';
import { getEntry, listOutbox, openFieldDb, saveDraft, type FieldDb } from '../store/field-db.js';
import type { CreateVisitBody, FieldDraft, FieldKitRecord, UnitChanges } from '../types.js';
import { enqueueDraft, resolvePlanned, resolveUnit, retryEntry, syncOutbox, type FieldTransport } from './outbox.js';
import { checkDraft, parseCount, unitChangesOf, visitBody } from './record.js';

const USER = 'user-1';

function kit(over: Partial<FieldKitRecord['field']['unit']> = {}): FieldKitRecord {
  return {
    key: `${USER}/visit-1`,
    userId: USER,
    visitId: 'visit-1',
    downloadedAt: '2026-11-29T05:00:00.000Z',
    visit: {
      id: 'visit-1',
      version: 1,
      createdAt: '2026-11-20T05:00:00.000Z',
      updatedAt: '2026-11-20T05:00:00.000Z',
      provinceId: 'qom',
      unitId: 'unit-1',
      unitName: 'شرکت صنایع غذایی کوثر قم',
      countyId: 'qom',
      countyName: 'قم',
      estateName: null,
      visitDate: '2026-12-01',
      team: 'تیم پایش',
      memberIds: [USER],
      members: [],
      findings: null,
      employees: null,
      capacityUtilization: null,
      status: 'planned',
      demandCount: 0,
      clientId: null,
      location: null,
    },
    field: {
      unit: { id: 'unit-1', version: 3, name: 'شرکت صنایع غذایی کوثر قم', nationalId: '10861000010', address: 'شکوهیه، خیابان ۲', phone: '02532001122', managerName: 'مدیر', employees: 85, capacityUtilization: 72, status: 'active', lat: null, lng: null, ...over },
      lastVisit: null,
      openDemands: [],
    },
  };
}

function draft(over: Partial<FieldDraft> = {}): FieldDraft {
  return {
    key: `${USER}/visit-1`,
    userId: USER,
    visitId: 'visit-1',
    unitId: 'unit-1',
    clientId: newId(),
    visitDate: '2026-11-29',
    findings: 'افت فشار برق در خط دوم',
    employees: '۸۴',
    capacityUtilization: '61',
    location: { lat: 34.64, lng: 50.87, accuracyM: 12.34, at: '2026-11-29T06:00:00.000Z' },
    photoIds: [],
    demands: [
      { key: 'd1', title: 'افزایش قدرت انشعاب', description: '', categoryCode: 'power', agencyId: 'power', dueDate: '2026-12-29' },
      { key: 'd2', title: 'بخشودگی جرائم بیمه', description: 'شرح', categoryCode: 'social-security', agencyId: 'sso', dueDate: '2026-12-29' },
    ],
    unitUpdate: { enabled: false, phone: '02532001122', managerName: 'مدیر', address: 'شکوهیه، خیابان ۲', observedFigures: false },
    startedAt: '2026-11-29T06:00:00.000Z',
    updatedAt: '2026-11-29T06:00:00.000Z',
    ...over,
  };
}

const offline = () => new ApiError({ type: 'about:blank', title: 'ارتباط با سرور برقرار نشد', status: 0, code: 'network.unreachable' });
const problem = (status: number, code: string, title: string, extra: Record<string, unknown> = {}) => new ApiError({ type: 'about:blank', title, status, code, ...extra });

/** A server that keeps the real one's promises, and a switch to fail the next calls in chosen ways. */
class FakeServer implements FieldTransport {
  visits = new Map<string, { id: string; body: CreateVisitBody }>();
  attachments: { visitId: string; bytes: number[] }[] = [];
  keys = new Map<string, unknown>();
  unit = { version: 3, phone: '02532001122', managerName: 'مدیر', address: 'شکوهیه، خیابان ۲', employees: 85, capacityUtilization: 72 };
  calls: { kind: string; key?: string; body?: unknown }[] = [];
  /** the next calls of a kind fail like this; `after`: the server acts, then the answer is lost */
  failNext: { kind: 'visit' | 'photo' | 'unit'; error: () => ApiError; after?: boolean }[] = [];

  private failure(kind: 'visit' | 'photo' | 'unit'): { error: ApiError; after: boolean } | null {
    const i = this.failNext.findIndex((f) => f.kind === kind);
    if (i < 0) return null;
    const [f] = this.failNext.splice(i, 1);
    return { error: f!.error(), after: f!.after === true };
  }

  async createVisit(body: CreateVisitBody, key: string) {
    this.calls.push({ kind: 'visit', key, body });
    const f = this.failure('visit');
    if (f && !f.after) throw f.error;
    const replay = this.keys.get(key) as { id: string } | undefined;
    const answer = replay ?? this.visits.get(body.clientId!) ?? { id: `server-${this.visits.size + 1}`, body };
    if (!this.visits.has(body.clientId!)) this.visits.set(body.clientId!, answer as { id: string; body: CreateVisitBody });
    this.keys.set(key, answer);
    if (f) throw f.error;
    return { id: answer.id };
  }

  async uploadPhoto(visitId: string, photo: { bytes: ArrayBuffer }, key: string) {
    this.calls.push({ kind: 'photo', key });
    const f = this.failure('photo');
    if (f && !f.after) throw f.error;
    let answer = this.keys.get(key) as { id: string } | undefined;
    if (!answer) {
      this.attachments.push({ visitId, bytes: [...new Uint8Array(photo.bytes)] });
      answer = { id: `attachment-${this.attachments.length}` };
      this.keys.set(key, answer);
    }
    if (f) throw f.error;
    return answer;
  }

  async updateUnit(_unitId: string, body: UnitChanges & { version: number }) {
    this.calls.push({ kind: 'unit', body });
    const f = this.failure('unit');
    if (f && !f.after) throw f.error;
    if (body.version !== this.unit.version) throw problem(409, 'record.stale', 'این رکورد در این فاصله تغییر کرده است', { current: { ...this.unit } });
    const { version: _v, ...changes } = body;
    this.unit = { ...this.unit, ...changes, version: this.unit.version + 1 } as typeof this.unit;
    if (f) throw f.error;
    return { version: this.unit.version };
  }

  count(kind: string) {
    return this.calls.filter((c) => c.kind === kind).length;
  }
}

describe('the field outbox', () => {
  let db: FieldDb;
  let server: FakeServer;
  let clock: Date;
  const now = () => clock;
  const sync = (force = false) => syncOutbox(db, USER, server, { now, force, newKey: newId });

  beforeEach(async () => {
    db = await openFieldDb(`field-test-${newId()}`);
    server = new FakeServer();
    clock = new Date('2026-11-29T08:00:00.000Z');
  });
  afterEach(() => db.close());

  async function queue(d: FieldDraft = draft(), k: FieldKitRecord = kit(), photos = 0) {
    for (let i = 0; i < photos; i++) {
      const id = `photo-${d.clientId}-${i}`;
      await db.put('photos', { id, userId: USER, ownerKey: d.key, fileName: `IMG_${i}.jpg`, type: 'image/jpeg', bytes: new Uint8Array([0xff, 0xd8, 0xff, i]).buffer, width: 1600, height: 1200, takenAt: clock.toISOString() });
      d = { ...d, photoIds: [...d.photoIds, id] };
    }
    await saveDraft(db, d);
    return enqueueDraft(db, d, k, { now: clock, newKey: newId });
  }

  it('turns a draft into one outbox entry with its keys made once, its photos carried over, the draft gone', async () => {
    const d = draft();
    const entry = await queue(d, kit(), 2);
    expect(entry).toMatchObject({ id: d.clientId, status: 'waiting', label: { demandCount: 2, photoCount: 2 } });
    expect(entry.visit.body).toMatchObject({ clientId: d.clientId, plannedVisitId: 'visit-1', unitId: 'unit-1', status: 'done', employees: 84, capacityUtilization: 61, team: 'تیم پایش', location: { lat: 34.64, lng: 50.87, accuracyM: 12.3 } });
    // an empty description takes the title (the demand contract requires one)
    expect(entry.visit.body.demands?.[0]).toMatchObject({ title: 'افزایش قدرت انشعاب', description: 'افزایش قدرت انشعاب', agencyId: 'power', dueDate: '2026-12-29' });
    const keys = [entry.visit.idempotencyKey, ...entry.photos.map((p) => p.idempotencyKey)];
    expect(new Set(keys).size).toBe(3);
    expect(await db.get('drafts', d.key)).toBeUndefined();
    expect((await db.getAllFromIndex('photos', 'byOwner', d.clientId)).length).toBe(2);
    expect(entry.unit).toBeNull();
  });

  it('sends the visit with its demands, then each photo onto the visit, and marks the entry sent', async () => {
    const entry = await queue(draft(), kit(), 2);
    const report = await sync();
    expect(report).toMatchObject({ sent: 1, pending: 0, failed: 0, conflicts: 0 });
    expect(server.visits.size).toBe(1);
    expect(server.attachments.map((a) => a.visitId)).toEqual(['server-1', 'server-1']);
    const sent = (await getEntry(db, entry.id))!;
    expect(sent).toMatchObject({ status: 'sent', visit: { state: 'sent', serverId: 'server-1' }, sentAt: clock.toISOString() });
    expect(sent.photos.every((p) => p.state === 'sent' && p.attachmentId)).toBe(true);
    // nothing is sent twice by a later run
    await sync(true);
    expect(server.count('visit')).toBe(1);
    expect(server.count('photo')).toBe(2);
  });

  it('resumes a sync cut off half-way with the same keys: one visit, one photo each', async () => {
    const entry = await queue(draft(), kit(), 2);
    // the visit goes, the first photo's answer is lost on the way back, then the network is gone
    server.failNext.push({ kind: 'photo', error: offline, after: true });
    const first = await sync();
    expect(first.offline).toBe(true);
    let now1 = (await getEntry(db, entry.id))!;
    expect(now1).toMatchObject({ status: 'waiting', visit: { state: 'sent' } });
    expect(now1.photos.map((p) => p.state)).toEqual(['waiting', 'waiting']);
    expect(now1.lastError).toMatchObject({ code: 'network.unreachable', retryable: true });
    await sync();
    now1 = (await getEntry(db, entry.id))!;
    expect(now1.status).toBe('sent');
    expect(server.count('visit')).toBe(1);
    expect(server.attachments).toHaveLength(2);
    // the first photo was tried twice, with the key it was given in the outbox
    const photoKeys = server.calls.filter((c) => c.kind === 'photo').map((c) => c.key);
    expect(photoKeys).toEqual([entry.photos[0]!.idempotencyKey, entry.photos[0]!.idempotencyKey, entry.photos[1]!.idempotencyKey]);
  });

  it('sends a visit whose answer was lost again with the same key and clientId: the server holds one', async () => {
    const entry = await queue();
    server.failNext.push({ kind: 'visit', error: offline, after: true });
    await sync();
    expect(server.visits.size).toBe(1);
    expect((await getEntry(db, entry.id))!.visit.state).toBe('waiting');
    await sync();
    expect(server.visits.size).toBe(1);
    expect(server.calls.filter((c) => c.kind === 'visit').map((c) => [c.key, (c.body as CreateVisitBody).clientId])).toEqual([
      [entry.visit.idempotencyKey, entry.id],
      [entry.visit.idempotencyKey, entry.id],
    ]);
    expect((await getEntry(db, entry.id))!.status).toBe('sent');
  });

  it('waits before trying a busy server again, unless the person presses the button; the reason is kept', async () => {
    const entry = await queue();
    server.failNext.push({ kind: 'visit', error: () => problem(503, 'server.error', 'خطای داخلی سامانه') });
    await sync();
    const failed = (await getEntry(db, entry.id))!;
    expect(failed).toMatchObject({ status: 'failed', attempts: 1, lastError: { status: 503, title: 'خطای داخلی سامانه', retryable: true } });
    expect(failed.nextAttemptAt! > clock.toISOString()).toBe(true);
    await sync();
    expect(server.count('visit')).toBe(1);
    clock = new Date(clock.getTime() + 60_000);
    await sync();
    expect(server.count('visit')).toBe(2);
    expect((await getEntry(db, entry.id))!.status).toBe('sent');
    expect(server.calls.filter((c) => c.kind === 'visit').every((c) => c.key === entry.visit.idempotencyKey)).toBe(true);
  });

  it('stops at the first sign of no network: later entries are not tried', async () => {
    await queue(draft({ key: `${USER}/a` }));
    await queue(draft({ key: `${USER}/b` }));
    server.failNext.push({ kind: 'visit', error: offline });
    const report = await sync();
    expect(report).toMatchObject({ offline: true, pending: 2 });
    expect(server.count('visit')).toBe(1);
  });

  it('shows a planned visit recorded meanwhile as a conflict and waits; "separate" sends it as its own visit', async () => {
    const entry = await queue(draft(), kit(), 1);
    server.failNext.push({ kind: 'visit', error: () => problem(409, 'visit.not_planned', 'این بازدید دیگر در برنامه نیست', { current: { id: 'visit-1', status: 'done', visitDate: '2026-11-28', version: 2 } }) });
    const report = await sync();
    expect(report.conflicts).toBe(1);
    const conflicted = (await getEntry(db, entry.id))!;
    expect(conflicted).toMatchObject({ status: 'conflict', conflict: { kind: 'planned', current: { status: 'done', visitDate: '2026-11-28' } }, visit: { state: 'conflict' } });
    // the sync never settles it by itself
    await sync(true);
    expect(server.count('visit')).toBe(1);
    await resolvePlanned(db, entry.id, 'separate', newId);
    const resolved = (await getEntry(db, entry.id))!;
    expect(resolved.visit.body.plannedVisitId).toBeUndefined();
    expect(resolved.visit.body.clientId).toBe(entry.id);
    expect(resolved.visit.idempotencyKey).not.toBe(entry.visit.idempotencyKey);
    expect(resolved.status).toBe('waiting');
    await sync();
    expect((await getEntry(db, entry.id))!.status).toBe('sent');
    expect(server.visits.size).toBe(1);
    expect(server.attachments).toHaveLength(1);
  });

  it('never overwrites a unit changed on the server: the conflict shows both, and the person chooses', async () => {
    const d = draft({ unitUpdate: { enabled: true, phone: '02532009999', managerName: 'مدیر', address: 'شکوهیه، خیابان ۲', observedFigures: true } });
    const entry = await queue(d);
    expect(entry.unit).toMatchObject({ baseVersion: 3, changes: { phone: '02532009999', employees: 84, capacityUtilization: 61 }, before: { phone: '02532001122', employees: 85, capacityUtilization: 72 } });
    // someone at the desk changed the unit after the download
    server.unit = { ...server.unit, version: 4, phone: '02532005555' };
    await sync();
    const conflicted = (await getEntry(db, entry.id))!;
    expect(conflicted).toMatchObject({ status: 'conflict', conflict: { kind: 'unit' }, visit: { state: 'sent' }, unit: { state: 'conflict', current: { version: 4, phone: '02532005555' } } });
    expect(server.unit.phone).toBe('02532005555');
    await sync(true);
    expect(server.count('unit')).toBe(1);
    await resolveUnit(db, entry.id, 'mine');
    await sync();
    expect((await getEntry(db, entry.id))!.status).toBe('sent');
    expect(server.unit).toMatchObject({ version: 5, phone: '02532009999', employees: 84 });
  });

  it('keeps the server’s register when the person says so, and the record is still sent', async () => {
    const entry = await queue(draft({ unitUpdate: { enabled: true, phone: '02532009999', managerName: 'مدیر', address: 'شکوهیه، خیابان ۲', observedFigures: false } }));
    server.unit = { ...server.unit, version: 4 };
    await sync();
    await resolveUnit(db, entry.id, 'theirs');
    const kept = (await getEntry(db, entry.id))!;
    expect(kept).toMatchObject({ status: 'sent', unit: { state: 'dropped' } });
    expect(server.unit.phone).toBe('02532001122');
  });

  it('takes a 409 that shows exactly its own change as sent (the first answer was lost)', async () => {
    const entry = await queue(draft({ unitUpdate: { enabled: true, phone: '02532009999', managerName: 'مدیر', address: 'شکوهیه، خیابان ۲', observedFigures: false } }));
    server.failNext.push({ kind: 'unit', error: offline, after: true });
    await sync();
    expect(server.unit).toMatchObject({ version: 4, phone: '02532009999' });
    await sync();
    expect((await getEntry(db, entry.id))!).toMatchObject({ status: 'sent', unit: { state: 'sent' } });
  });

  it('holds a refused record with the server’s reason until the person acts', async () => {
    const entry = await queue();
    server.failNext.push({ kind: 'visit', error: () => problem(422, 'validation.failed', 'اطلاعات ارسالی معتبر نیست', { errors: [{ path: 'demands.1.categoryCode', message: 'دستهٔ مانع ناشناخته است' }] }) });
    await sync();
    const refused = (await getEntry(db, entry.id))!;
    expect(refused).toMatchObject({ status: 'failed', lastError: { retryable: false, fieldErrors: [{ path: 'demands.1.categoryCode', message: 'دستهٔ مانع ناشناخته است' }] } });
    clock = new Date(clock.getTime() + 3_600_000);
    await sync();
    expect(server.count('visit')).toBe(1);
    await retryEntry(db, entry.id);
    await sync();
    expect((await getEntry(db, entry.id))!.status).toBe('sent');
    expect(server.calls.filter((c) => c.kind === 'visit').every((c) => c.key === entry.visit.idempotencyKey)).toBe(true);
  });

  it('keeps each user’s outbox apart, and forgets sent records after a week', async () => {
    await queue();
    await queue(draft({ userId: 'someone-else', key: 'someone-else/visit-1' }));
    await sync();
    expect(server.visits.size).toBe(1);
    expect((await listOutbox(db, USER)).map((e) => e.status)).toEqual(['sent']);
    clock = new Date(clock.getTime() + 8 * 24 * 3_600_000);
    await sync();
    expect(await listOutbox(db, USER)).toEqual([]);
    expect(await listOutbox(db, 'someone-else')).toHaveLength(1);
  });
});

describe('a draft checked on the device', () => {
  it('reads counts typed with Persian digits and names what is missing', () => {
    expect(parseCount('۸۴')).toBe(84);
    expect(parseCount(' 1,200 ')).toBe(1200);
    expect(parseCount('')).toBeNull();
    expect(parseCount('هشتاد')).toBeNaN();
    const d = draft({ capacityUtilization: '۱۲۰', employees: 'x', demands: [{ key: 'a', title: ' ', description: '', categoryCode: '', agencyId: '', dueDate: null }] });
    expect(checkDraft(d).map((p) => `${p.field}:${p.problem}`)).toEqual(['employees:number', 'capacityUtilization:percent', 'demands.0.title:required', 'demands.0.categoryCode:required', 'demands.0.dueDate:required']);
    expect(checkDraft(draft())).toEqual([]);
    expect(visitBody(draft({ findings: '  ', location: null }), kit())).toMatchObject({ findings: null, location: null });
    // corrections are compared as the server stores them: Persian digits, stray spaces and Arabic letters are no change
    const same = draft({ unitUpdate: { enabled: true, phone: '۰۲۵-۳۲۰۰۱۱۲۲', managerName: ' مدير ', address: 'شکوهیه، خیابان ۲', observedFigures: false } });
    expect(unitChangesOf(same, kit())).toBeNull();
    const moved = draft({ unitUpdate: { enabled: true, phone: '۰۲۵۳۲۰۰۹۹۹۹', managerName: 'مدیر', address: 'شکوهیه، خیابان ۳', observedFigures: false } });
    expect(unitChangesOf(moved, kit())).toEqual({ changes: { phone: '02532009999', address: 'شکوهیه، خیابان ۳' }, before: { phone: '02532001122', address: 'شکوهیه، خیابان ۲' } });
  });
});

/**
 * Field visits made offline (issue 12): a record made on a phone carries a device-made `clientId`, its position and
 * the demands heard, and arrives whenever the network allows — maybe twice, maybe twice at once. Exactly one visit,
 * its demands with it or nothing at all, and its photos once each.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { describeOnEngines, type Client } from '../../test/harness.js';
import { tehranDate } from '../../../shared/jalali.js';
import { users } from '../../db/schema.js';
import { hashPassword } from '../auth/passwords.js';
import { DEMO_PASSWORD } from '../../seed/demo-accounts.js';
import { makeCast, type Cast } from '../demands/demands.fixtures.js';

/** A small real JPEG header and some bytes: the server sniffs the first three. */
function jpeg(size = 2048): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]), randomBytes(size), Buffer.from([0xff, 0xd9])]);
}

async function multipart(filename: string, data: Buffer) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(data)]), filename);
  const req = new Request('http://localhost/', { method: 'POST', body: form });
  return { payload: Buffer.from(await req.arrayBuffer()), contentType: req.headers.get('content-type')! };
}

async function upload(c: Client, url: string, filename: string, data: Buffer, headers: Record<string, string> = {}) {
  const { payload, contentType } = await multipart(filename, data);
  return c.request('POST', url, payload, { 'content-type': contentType, ...headers });
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describeOnEngines('visits made offline', (t) => {
  let c: Cast;
  let tehran: Client;
  beforeAll(async () => {
    c = await makeCast(t);
    await t.database.db
      .insert(users)
      .values({ username: 'secretariat.tehran', fullName: 'دبیرخانهٔ تهران', role: 'secretariat', provinceId: 'tehran', passwordHash: await hashPassword(DEMO_PASSWORD) })
      .onConflictDoNothing();
    tehran = await t.as('secretariat.tehran');
  });
  const today = () => tehranDate(t.clock.now);

  const demand = (title: string, over: Record<string, unknown> = {}) => ({ categoryCode: 'power', title, description: `${title} — شنیده در بازدید`, agencyId: 'power', dueDate: '2026-12-20', ...over });

  function fieldRecord(over: Record<string, unknown> = {}) {
    return {
      clientId: randomUUID(),
      unitId: c.unitId,
      visitDate: today(),
      team: 'تیم پایش شهرک شکوهیه',
      findings: 'خط تولید دوم به دلیل افت ولتاژ متوقف است',
      employees: 84,
      capacityUtilization: 61,
      status: 'done',
      location: { lat: 34.6401, lng: 50.8764, accuracyM: 12.5 },
      ...over,
    };
  }

  async function countRows(table: 'visits' | 'demands', where = 'true', params: unknown[] = []): Promise<number> {
    const [row] = await t.database.query<{ n: number }>(`select count(*)::int as n from ${table} where ${where}`, params);
    return row!.n;
  }

  it('answers a repeated clientId with the first visit (200) and writes nothing', async () => {
    const body = fieldRecord({ demands: [demand('افزایش قدرت انشعاب برق')] });
    const demandsBefore = await countRows('demands');
    const first = await c.secretariat.post('/api/v1/visits', body);
    expect(first.statusCode).toBe(201);
    const v = first.json();
    expect(v).toMatchObject({ clientId: body.clientId, status: 'done', location: { lat: 34.6401, lng: 50.8764, accuracyM: 12.5 }, demandCount: 1, attachments: [] });
    const again = await c.secretariat.post('/api/v1/visits', body);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ id: v.id, version: v.version, demandCount: 1 });
    // even with other fields (a device that edited after the first send): the first record stands
    const edited = await c.secretariat.post('/api/v1/visits', { ...body, findings: 'ویرایش‌شده' });
    expect(edited.statusCode).toBe(200);
    expect(edited.json().findings).toBe(v.findings);
    expect(await countRows('visits', 'client_id = $1', [body.clientId])).toBe(1);
    expect(await countRows('demands')).toBe(demandsBefore + 1);
    const audit = (await c.secretariat.get(`/api/v1/audit?entityType=visit&entityId=${v.id}`)).json();
    expect(audit.items.filter((e: { action: string }) => e.action === 'visit.create')).toHaveLength(1);
  });

  it('writes one visit when the same record arrives twice at once', async () => {
    const body = fieldRecord({ demands: [demand('کاهش فشار برق'), demand('قطعی برق در ساعات اوج', { categoryCode: 'power' })] });
    const demandsBefore = await countRows('demands');
    const answers = await Promise.all([c.secretariat.post('/api/v1/visits', body), c.secretariat.post('/api/v1/visits', body)]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 201]);
    expect(answers[0]!.json().id).toBe(answers[1]!.json().id);
    expect(await countRows('visits', 'client_id = $1', [body.clientId])).toBe(1);
    expect(await countRows('demands')).toBe(demandsBefore + 2);
  });

  it('keeps clientIds per caller: another user sending the same id makes their own record', async () => {
    const body = fieldRecord();
    const mine = await c.secretariat.post('/api/v1/visits', body);
    const theirs = await c.admin.post('/api/v1/visits', body);
    expect(mine.statusCode).toBe(201);
    expect(theirs.statusCode).toBe(201);
    expect(theirs.json().id).not.toBe(mine.json().id);
  });

  it('creates the demands with their visit in one transaction: one invalid demand and nothing is written', async () => {
    const visitsBefore = await countRows('visits');
    const demandsBefore = await countRows('demands');
    // an unknown category on the second item: 422 naming it, no visit, no demand
    const badCategory = fieldRecord({ demands: [demand('درخواست انشعاب'), demand('مورد دوم', { categoryCode: 'no-such-category' })] });
    const res = await c.secretariat.post('/api/v1/visits', badCategory);
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([{ path: 'demands.1.categoryCode', message: 'دستهٔ مانع ناشناخته است' }]);
    // a schema error (an empty title) names the item too
    const emptyTitle = await c.secretariat.post('/api/v1/visits', fieldRecord({ demands: [demand('مورد اول'), demand(' ')] }));
    expect(emptyTitle.statusCode).toBe(422);
    expect(emptyTitle.json().errors).toContainEqual({ path: 'demands.1.title', message: 'عنوان الزامی است' });
    const badAgency = await c.secretariat.post('/api/v1/visits', fieldRecord({ demands: [demand('مورد اول', { agencyId: 'nowhere' })] }));
    expect(badAgency.json().errors).toEqual([{ path: 'demands.0.agencyId', message: 'دستگاه اجرایی ناشناخته است' }]);
    expect(await countRows('visits')).toBe(visitsBefore);
    expect(await countRows('demands')).toBe(demandsBefore);
    // the clientId of a refused record is still free: the corrected record is accepted
    const fixed = await c.secretariat.post('/api/v1/visits', { ...badCategory, demands: [demand('درخواست انشعاب'), demand('مورد دوم', { categoryCode: 'gas', agencyId: 'gas' })] });
    expect(fixed.statusCode).toBe(201);
    expect(fixed.json().demands.map((d: { title: string; status: string; agencyId: string }) => [d.title, d.status, d.agencyId])).toEqual([
      ['درخواست انشعاب', 'assigned', 'power'],
      ['مورد دوم', 'assigned', 'gas'],
    ]);
    const listed = (await c.secretariat.get(`/api/v1/demands?visitId=${fixed.json().id}`)).json();
    expect(listed.total).toBe(2);
    expect(listed.items.every((d: { unitId: string; code: string }) => d.unitId === c.unitId && /^D-\d{4}-\d{6}$/.test(d.code))).toBe(true);
  });

  it('rolls back the visit and its first demands when a later demand fails in the database', async () => {
    // a trigger that refuses one title stands for any failure half-way through the transaction
    await t.database.query(`create or replace function test_refuse_demand() returns trigger language plpgsql as $$
      begin if new.title = 'مطالبهٔ ردشدنی' then raise exception 'refused for the test'; end if; return new; end $$`);
    await t.database.query('create trigger test_refuse_demand before insert on demands for each row execute function test_refuse_demand()');
    try {
      const visitsBefore = await countRows('visits');
      const demandsBefore = await countRows('demands');
      const body = fieldRecord({ demands: [demand('مطالبهٔ نخست'), demand('مطالبهٔ ردشدنی')] });
      const res = await c.secretariat.post('/api/v1/visits', body);
      expect(res.statusCode).toBe(500);
      expect(await countRows('visits')).toBe(visitsBefore);
      expect(await countRows('demands')).toBe(demandsBefore);
      expect(await countRows('visits', 'client_id = $1', [body.clientId])).toBe(0);
    } finally {
      await t.database.query('drop trigger if exists test_refuse_demand on demands');
      await t.database.query('drop function if exists test_refuse_demand()');
    }
  });

  it('checks the position: latitude, longitude and accuracy in range', async () => {
    const far = await c.secretariat.post('/api/v1/visits', fieldRecord({ location: { lat: 91, lng: 50, accuracyM: 5 } }));
    expect(far.statusCode).toBe(422);
    expect(far.json().errors[0].path).toBe('location.lat');
    const negative = await c.secretariat.post('/api/v1/visits', fieldRecord({ location: { lat: 34, lng: 181, accuracyM: -1 } }));
    expect(negative.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['location.accuracyM', 'location.lng']);
    const none = await c.secretariat.post('/api/v1/visits', fieldRecord({ location: null }));
    expect(none.statusCode).toBe(201);
    expect(none.json().location).toBeNull();
  });

  it('turns a planned visit into the record made in the field, once; a visit no longer planned is a conflict', async () => {
    const planned = (await c.secretariat.post('/api/v1/visits', { unitId: c.unitId, visitDate: '2026-12-05', team: 'تیم ۲', status: 'planned', memberIds: [] })).json();
    const body = fieldRecord({ plannedVisitId: planned.id, demands: [demand('نصب ترانس اختصاصی')] });
    const [a, b] = await Promise.all([c.secretariat.post('/api/v1/visits', body), c.secretariat.post('/api/v1/visits', body)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 201]);
    const recorded = a.json();
    expect(recorded).toMatchObject({ id: planned.id, status: 'done', visitDate: today(), clientId: body.clientId, version: 2, demandCount: 1 });
    expect(await countRows('visits', 'id = $1 or client_id = $2', [planned.id, body.clientId])).toBe(1);
    const other = await c.secretariat.post('/api/v1/visits', fieldRecord({ plannedVisitId: planned.id }));
    expect(other.statusCode).toBe(409);
    expect(other.json()).toMatchObject({ code: 'visit.not_planned', current: { id: planned.id, status: 'done' } });
    const wrongUnit = (await c.secretariat.post('/api/v1/visits', { unitId: c.otherUnitId, visitDate: '2026-12-06', team: 'تیم ۳', status: 'planned' })).json();
    expect((await c.secretariat.post('/api/v1/visits', fieldRecord({ plannedVisitId: wrongUnit.id }))).statusCode).toBe(409);
    expect((await tehran.post('/api/v1/visits', fieldRecord({ plannedVisitId: wrongUnit.id }))).statusCode).toBe(404);
  });

  it("lists what a team member takes into the field: the unit's contacts, the last findings and its open demands", async () => {
    const me = (await c.secretariat.get('/api/v1/auth/me')).json();
    const planned = (await c.secretariat.post('/api/v1/visits', { unitId: c.unitId, visitDate: '2026-12-10', team: 'تیم میدانی', status: 'planned', memberIds: [me.id] })).json();
    const res = await c.secretariat.get('/api/v1/visits?memberId=me&status=planned&include=field&sort=visitDate&pageSize=500');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { id: string; status: string; memberIds: string[]; field: { unit: Record<string, unknown>; lastVisit: { findings: string } | null; openDemands: { status: string }[] } }[];
    expect(items.length).toBeGreaterThan(1);
    expect(items.every((v) => v.status === 'planned' && v.memberIds.includes(me.id))).toBe(true);
    const mine = items.find((v) => v.id === planned.id)!;
    expect(mine.field.unit).toMatchObject({ id: c.unitId, name: 'شرکت صنایع غذایی کوثر قم', version: expect.any(Number) });
    expect(mine.field.unit.address).toEqual(expect.any(String));
    expect(mine.field.unit.phone).toEqual(expect.any(String));
    expect(mine.field.unit.managerName).toEqual(expect.any(String));
    expect(mine.field.lastVisit?.findings).toEqual(expect.any(String));
    expect(mine.field.openDemands.length).toBeGreaterThan(0);
    expect(mine.field.openDemands.every((d) => !['resolved', 'unresolvable'].includes(d.status))).toBe(true);
    // without include the list is as it was; another user's visits are not "mine"
    expect((await c.secretariat.get('/api/v1/visits?memberId=me&status=planned')).json().items[0].field).toBeUndefined();
    expect((await c.agency.get('/api/v1/visits?memberId=me&status=planned')).json().total).toBe(0);
    expect((await c.admin.get(`/api/v1/visits?memberId=${me.id}&status=planned&pageSize=500`)).json().items.some((v: { id: string }) => v.id === planned.id)).toBe(true);
    expect((await c.secretariat.get('/api/v1/visits?memberId=someone')).statusCode).toBe(422);
    // an agency sees only its own demands among the open ones
    const agencyView = (await c.agency.get(`/api/v1/visits?unitId=${c.unitId}&status=planned&include=field&pageSize=500`)).json().items as typeof items;
    const agencyKit = agencyView.find((v) => v.id === planned.id)!;
    expect(agencyKit.field.openDemands.length).toBeLessThanOrEqual(mine.field.openDemands.length);
  });

  it('attaches photos once: sniffed, size-limited, idempotent by key and by content, downloaded with the same bytes', async () => {
    const v = (await c.secretariat.post('/api/v1/visits', fieldRecord())).json();
    const photo = jpeg(40_000);
    const key = { 'idempotency-key': `photo-${randomUUID()}` };
    const first = await upload(c.secretariat, `/api/v1/visits/${v.id}/attachments`, 'IMG_0001.jpg', photo, key);
    expect(first.statusCode).toBe(201);
    const a = first.json();
    expect(a).toMatchObject({ visitId: v.id, fileName: 'IMG_0001.jpg', mime: 'image/jpeg', size: photo.length, sha256: sha256(photo) });
    // the retried upload (answer lost): the same key replays the first answer
    const retried = await upload(c.secretariat, `/api/v1/visits/${v.id}/attachments`, 'IMG_0001.jpg', photo, key);
    expect(retried.statusCode).toBe(201);
    expect(retried.headers['idempotent-replayed']).toBe('true');
    expect(retried.json().id).toBe(a.id);
    // a retry after the key is forgotten: the same bytes on the same visit are the same attachment
    const later = await upload(c.secretariat, `/api/v1/visits/${v.id}/attachments`, 'IMG_0001.jpg', photo);
    expect(later.statusCode).toBe(200);
    expect(later.json().id).toBe(a.id);
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(500)]);
    expect((await upload(c.secretariat, `/api/v1/visits/${v.id}/attachments`, 'نقشه.png', png)).statusCode).toBe(201);
    const detail = (await c.secretariat.get(`/api/v1/visits/${v.id}`)).json();
    // (the test clock stands still, so both carry the same instant: compare without order)
    expect(detail.attachments.map((x: { fileName: string }) => x.fileName).sort()).toEqual(['IMG_0001.jpg', 'نقشه.png'].sort());
    const down = await c.secretariat.get(`/api/v1/visits/${v.id}/attachments/${a.id}`);
    expect(down.statusCode).toBe(200);
    expect(down.headers['content-type']).toBe('image/jpeg');
    expect(sha256(down.rawPayload)).toBe(sha256(photo));
    // limits: type by content, size, a missing file
    const gif = await upload(c.secretariat, `/api/v1/visits/${v.id}/attachments`, 'photo.jpg', Buffer.from('GIF89a........'));
    expect(gif.statusCode).toBe(415);
    expect(gif.json().code).toBe('attachment.unsupported_type');
    const big = await upload(c.secretariat, `/api/v1/visits/${v.id}/attachments`, 'big.jpg', jpeg(5 * 1024 * 1024));
    expect(big.statusCode).toBe(413);
    expect(big.json().code).toBe('attachment.too_large');
    const none = await c.secretariat.request('POST', `/api/v1/visits/${v.id}/attachments`, {});
    expect(none.statusCode).toBe(422);
    expect(none.json().code).toBe('attachment.file_missing');
    expect((await c.secretariat.get(`/api/v1/visits/${v.id}`)).json().attachments).toHaveLength(2);
  });

  it('keeps attachments in the visit’s scope: another province 404, a bank 403, the unit’s producer reads its own', async () => {
    const v = (await c.secretariat.post('/api/v1/visits', fieldRecord())).json();
    const a = (await upload(c.secretariat, `/api/v1/visits/${v.id}/attachments`, 'IMG.jpg', jpeg())).json();
    const url = `/api/v1/visits/${v.id}/attachments/${a.id}`;
    expect((await tehran.get(url)).statusCode).toBe(404);
    expect((await tehran.get(`/api/v1/visits/${v.id}`)).statusCode).toBe(404);
    expect((await upload(tehran, `/api/v1/visits/${v.id}/attachments`, 'x.jpg', jpeg())).statusCode).toBe(404);
    expect((await c.bank.get(url)).statusCode).toBe(403);
    expect((await upload(c.bank, `/api/v1/visits/${v.id}/attachments`, 'x.jpg', jpeg())).statusCode).toBe(403);
    for (const reader of [c.executive, c.agency, c.producer]) {
      expect((await reader.get(url)).statusCode).toBe(200);
      expect((await upload(reader, `/api/v1/visits/${v.id}/attachments`, 'x.jpg', jpeg())).statusCode).toBe(403);
    }
    expect((await c.otherProducer.get(url)).statusCode).toBe(404);
    // an attachment id under another visit is not found
    const w = (await c.secretariat.post('/api/v1/visits', fieldRecord())).json();
    expect((await c.secretariat.get(`/api/v1/visits/${w.id}/attachments/${a.id}`)).statusCode).toBe(404);
    // another province's secretariat cannot record into a Qom unit either
    expect((await tehran.post('/api/v1/visits', fieldRecord())).statusCode).toBe(404);
    expect((await c.bank.post('/api/v1/visits', fieldRecord())).statusCode).toBe(403);
  });
});

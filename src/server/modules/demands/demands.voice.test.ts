/**
 * The producer's voice on demands (issue 11): documents and photos on a demand, the generic download of any
 * attachment in its record's scope, the producer's rating once a demand is closed and the agency scorecard's
 * satisfaction, the producer told of every change by SMS, and a producer reading their own claims.
 */
import { beforeAll, expect, it } from 'vitest';
import { describeOnEngines, uploadFile, type Client } from '../../test/harness.js';
import { users } from '../../db/schema.js';
import { hashPassword } from '../auth/passwords.js';
import { DEMO_PASSWORD } from '../../seed/demo-accounts.js';
import { demoPhoto, makePdf } from '../../seed/demo-files.js';
import { tehranDate } from '../../../shared/jalali.js';
import { deliverPending } from '../notifications/notifications.job.js';
import { smsNotificationChannel } from '../sms/sms.channel.js';
import { recordAttachment, storeBlob } from '../files/files.service.js';
import { systemActor } from '../../context.js';
import { makeCast, type Cast } from './demands.fixtures.js';

const LRI = '\u2066';
const PDI = '\u2069';

describeOnEngines('demands: the producer’s voice', (t) => {
  let c: Cast;
  let tehran: Client;
  let tehranProducer: Client;
  let producerMobile: string;
  const png = demoPhoto(3, 40, 30);
  const pdf = makePdf('Invoice', ['Demand documents']);

  beforeAll(async () => {
    c = await makeCast(t);
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    // another province: its secretariat and a producer of one of its units (no unit there: the scope is what matters)
    await t.database.db.insert(users).values([
      { username: 'voice.secretariat.tehran', fullName: 'دبیرخانهٔ تهران', role: 'secretariat', provinceId: 'tehran', passwordHash },
      { username: 'voice.producer.tehran', fullName: 'تولیدکنندهٔ تهران', role: 'producer', provinceId: 'tehran', unitId: c.unitId, passwordHash },
    ]);
    tehran = await t.as('voice.secretariat.tehran');
    tehranProducer = await t.as('voice.producer.tehran');
    producerMobile = (await t.database.query<{ mobile: string }>(`select mobile from users where username = 'producer.demo'`))[0]!.mobile;
  });

  async function newDemand(over: Record<string, unknown> = {}, as: Client = c.secretariat) {
    const res = await as.post('/api/v1/demands', {
      unitId: c.unitId,
      categoryCode: 'power',
      title: 'افت ولتاژ برق خط تولید',
      description: 'قطعی‌های مکرر برق در ساعات اوج مصرف',
      agencyId: c.agencyId,
      ...over,
    });
    if (res.statusCode !== 201) throw new Error(`create demand: ${res.statusCode} ${res.body}`);
    return res.json() as { id: string; code: string; version: number; status: string };
  }
  const move = async (as: Client, d: { id: string; version: number }, to: string, extra: Record<string, unknown> = {}) => {
    const res = await as.post(`/api/v1/demands/${d.id}/transitions`, { to, version: d.version, ...extra });
    if (res.statusCode !== 200) throw new Error(`→ ${to}: ${res.statusCode} ${res.body}`);
    return res.json() as { id: string; code: string; version: number; status: string };
  };
  const resolved = async () => {
    const d = await newDemand();
    return move(c.agency, d, 'resolved', { note: 'انشعاب تازه نصب شد.' });
  };

  it('takes documents and photos from the producer, the secretariat and the assigned agency; refuses the wrong type or size; others 404', async () => {
    const d = await newDemand({ agencyId: undefined }, c.producer);
    const url = `/api/v1/demands/${d.id}/attachments`;
    const photo = await uploadFile(c.producer, url, 'عکس تابلو برق.PNG', png);
    expect(photo.statusCode, photo.body).toBe(201);
    expect(photo.json()).toMatchObject({ kind: 'photo', mime: 'image/png', fileName: 'عکس تابلو برق.png', size: png.length, uploadedByLabel: 'producer.demo' });
    expect(photo.json().url).toBe(`/api/v1/files/${photo.json().id}`);
    // a PDF named as an image is what its bytes say
    const doc = await uploadFile(c.producer, url, 'نامه.jpg', pdf);
    expect(doc.json()).toMatchObject({ kind: 'document', mime: 'application/pdf', fileName: 'نامه.pdf' });

    const fake = await uploadFile(c.producer, url, 'x.pdf', Buffer.from('<html><script>alert(1)</script></html>'));
    expect(fake.statusCode).toBe(415);
    expect(fake.json()).toMatchObject({ code: 'attachment.unsupported_type', title: 'نوع فایل پذیرفته نیست؛ فقط PDF، PNG یا JPEG' });
    const big = await uploadFile(c.producer, url, 'big.pdf', Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(5 * 1024 * 1024 + 10)]));
    expect(big.statusCode).toBe(413);
    expect(big.json().code).toBe('attachment.too_large');
    const none = await c.producer.post(url, {});
    expect(none.statusCode).toBe(422);
    expect(none.json().code).toBe('attachment.file_missing');

    // not yet assigned: the agency does not see it; another unit's producer and another province never do
    for (const who of [c.agency, c.otherAgency, c.otherProducer, tehran, tehranProducer]) expect((await uploadFile(who, url, 'x.png', png)).statusCode).toBe(404);
    for (const who of [c.executive, c.bank, c.national]) expect((await uploadFile(who, url, 'x.png', png)).statusCode).toBe(403);
    const assigned = await move(c.secretariat, d, 'assigned', { agencyId: c.agencyId });
    expect((await uploadFile(c.agency, url, 'پاسخ دستگاه.pdf', pdf)).statusCode).toBe(201);
    expect((await uploadFile(c.secretariat, url, 'صورتجلسه.pdf', pdf)).statusCode).toBe(201);
    expect((await uploadFile(c.otherAgency, url, 'x.png', png)).statusCode).toBe(404);

    const detail = (await c.producer.get(`/api/v1/demands/${assigned.id}`)).json();
    // (oldest first; these four share the test's frozen clock)
    expect(detail.attachments.map((a: { fileName: string }) => a.fileName).sort()).toEqual(['پاسخ دستگاه.pdf', 'صورتجلسه.pdf', 'عکس تابلو برق.png', 'نامه.pdf'].sort());
    const audit = (await c.secretariat.get(`/api/v1/audit?entityType=demand&entityId=${d.id}`)).json().items.map((e: { action: string }) => e.action);
    expect(audit.filter((a: string) => a === 'demand.attachment')).toHaveLength(4);
  });

  it('GET /files/:id streams a demand’s file to whoever sees the demand, with its type and Persian name; others 404, anonymous 401', async () => {
    const d = await newDemand();
    const up = (await uploadFile(c.producer, `/api/v1/demands/${d.id}/attachments`, 'برگ تشخیص (مالیات).pdf', pdf)).json();
    for (const who of [c.producer, c.agency, c.secretariat, c.executive, c.admin]) {
      const res = await who.get(up.url);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-length']).toBe(String(pdf.length));
      expect(Buffer.compare(res.rawPayload, pdf)).toBe(0);
      expect(res.headers['cache-control']).toMatch(/^private/);
      expect(res.headers['content-disposition']).toBe(`attachment; filename="file.pdf"; filename*=UTF-8''${encodeURIComponent('برگ تشخیص').replace(/%20/g, '%20')}%20%28${encodeURIComponent('مالیات')}%29.pdf`);
    }
    // a photo opens in place; a second look with the ETag costs nothing
    const photo = (await uploadFile(c.producer, `/api/v1/demands/${d.id}/attachments`, 'عکس.png', png)).json();
    const first = await c.producer.get(photo.url);
    expect(first.headers['content-type']).toBe('image/png');
    expect(first.headers['content-disposition']).toMatch(/^inline; /);
    const again = await c.producer.get(photo.url, { 'if-none-match': String(first.headers.etag) });
    expect(again.statusCode).toBe(304);
    expect(again.rawPayload.length).toBe(0);

    for (const who of [c.otherAgency, c.otherProducer, tehran, tehranProducer, c.bank, c.national]) {
      const res = await who.get(up.url);
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('record.not_found');
    }
    expect((await t.anonymous.get(up.url)).statusCode).toBe(401);
    expect((await c.producer.get('/api/v1/files/6f1c1d2e-0000-4000-8000-0000000000ee')).statusCode).toBe(404);
    expect((await c.producer.get('/api/v1/files/not-an-id')).statusCode).toBe(422);
  });

  it('GET /files/:id serves a referral’s letter in the referral’s scope, and nothing of an owner type no module registered', async () => {
    const ref = await c.agency.post('/api/v1/referrals', {
      unitId: c.unitId, agencyId: c.agencyId, bankId: 'sanat-madan', programCode: 'rounaq', facilityType: 'working_capital', requestedAmount: '5000000000', referralDate: tehranDate(t.clock.now),
    });
    expect(ref.statusCode, ref.body).toBe(201);
    const letter = await uploadFile(c.bank, `/api/v1/referrals/${ref.json().id}/attachments`, 'نامهٔ رد.pdf', pdf);
    expect(letter.statusCode, letter.body).toBe(201);
    const url = letter.json().url as string;
    expect(url).toBe(`/api/v1/files/${letter.json().id}`);
    for (const who of [c.bank, c.agency, c.producer, c.secretariat]) expect((await who.get(url)).statusCode).toBe(200);
    await c.admin.post('/api/v1/users', { username: 'voice.bank.melli', fullName: 'بانک ملی', role: 'bank', bankId: 'melli', password: 'a-long-password' });
    const otherBank = await t.as('voice.bank.melli', 'a-long-password');
    for (const who of [otherBank, c.otherAgency, c.otherProducer, tehran]) expect((await who.get(url)).statusCode).toBe(404);

    // an attachment whose owner type no module registered is never served, not even to the administrator
    const blob = await storeBlob(t.database.db, pdf, t.clock.now);
    const ctx = { db: t.database.db, actor: systemActor('qom'), now: () => t.clock.now };
    const stray = await recordAttachment(t.database.db, ctx, { ownerType: 'unheard_of', ownerId: c.unitId, provinceId: 'qom', kind: 'other', fileName: 'x.pdf', contentType: 'application/pdf', ...blob });
    expect((await c.admin.get(`/api/v1/files/${stray.id}`)).statusCode).toBe(404);
  });

  it('lets only the unit’s producer rate a closed demand, once, 1–5 with a comment; shows it on the demand', async () => {
    const open = await newDemand();
    const early = await c.producer.post(`/api/v1/demands/${open.id}/feedback`, { score: 4 });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'demand.feedback_not_closed', title: 'امتیاز فقط برای مطالبهٔ رفع‌شده یا غیرقابل رفع ثبت می‌شود' });

    const d = await move(c.agency, open, 'resolved', { note: 'انشعاب تازه نصب شد.' });
    for (const who of [c.secretariat, c.agency, c.executive, c.admin, c.bank]) expect((await who.post(`/api/v1/demands/${d.id}/feedback`, { score: 4 })).statusCode).toBe(403);
    for (const who of [c.otherProducer, tehranProducer]) expect((await who.post(`/api/v1/demands/${d.id}/feedback`, { score: 4 })).statusCode).toBe(404);
    for (const score of [0, 6, 3.5, '4', null]) {
      const bad = await c.producer.post(`/api/v1/demands/${d.id}/feedback`, { score });
      expect(bad.statusCode, String(score)).toBe(422);
      expect(bad.json().errors).toEqual([{ path: 'score', message: 'امتیاز باید عددی درست از ۱ تا ۵ باشد' }]);
    }
    const english = await c.producer.post(`/api/v1/demands/${d.id}/feedback`, { score: 9 }, { 'accept-language': 'en' });
    expect(english.json().errors).toEqual([{ path: 'score', message: 'The score must be a whole number from 1 to 5' }]);
    expect((await c.producer.post(`/api/v1/demands/${d.id}/feedback`, { score: 4, extra: true })).statusCode).toBe(422);

    const ok = await c.producer.post(`/api/v1/demands/${d.id}/feedback`, { score: 4, comment: '  پاسخ سريع بود ولي اطلاع‌رساني ضعيف  ' });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().feedback).toMatchObject({ score: 4, comment: 'پاسخ سریع بود ولی اطلاع‌رسانی ضعیف', authorName: 'مدیرعامل واحد نمونه', createdAt: t.clock.now.toISOString() });
    const twice = await c.producer.post(`/api/v1/demands/${d.id}/feedback`, { score: 5 });
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ code: 'demand.feedback_exists', title: 'امتیاز این مطالبه پیش‌تر ثبت شده است؛ هر مطالبه یک بار امتیاز می‌گیرد' });

    for (const who of [c.secretariat, c.agency, c.executive]) expect((await who.get(`/api/v1/demands/${d.id}`)).json().feedback).toMatchObject({ score: 4 });
    const audit = (await c.secretariat.get(`/api/v1/audit?entityType=demand&entityId=${d.id}`)).json().items;
    expect(audit[0]).toMatchObject({ action: 'demand.feedback', actorLabel: 'producer.demo' });
    const agencyNotes = (await c.agency.get('/api/v1/notifications?pageSize=500')).json().items;
    expect(agencyNotes).toContainEqual(expect.objectContaining({ kind: 'demand.feedback', refId: d.id }));

    // an unresolvable demand may be rated too; two tries at once give one rating
    const lost = await move(c.agency, await newDemand(), 'unresolvable', { note: 'ظرفیت شبکه در این منطقه تکمیل است.' });
    const both = await Promise.all([1, 2].map((score) => c.producer.post(`/api/v1/demands/${lost.id}/feedback`, { score })));
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const [{ n }] = (await t.database.query<{ n: number }>('select count(*)::int as n from demand_feedback where demand_id = $1', [lost.id])) as [{ n: number }];
    expect(n).toBe(1);
  });

  it('counts ratings on the agency scorecard: count and mean in the period and the agency’s scope, null mean without any', async () => {
    const today = tehranDate(t.clock.now);
    // today's demands: the demo's ratings are all on older ones, so the day starts from nothing
    const q = `/api/v1/stats/agencies?from=${today}&to=${today}`;
    const smtRow = async (as: Client = c.secretariat) => (await as.get(q)).json().items.find((i: { agencyId: string }) => i.agencyId === c.agencyId);
    const before = (await smtRow()).satisfaction as { count: number; mean: number | null };
    const a = await resolved();
    const b = await resolved();
    const rate = (d: { id: string }, score: number) => c.producer.post(`/api/v1/demands/${d.id}/feedback`, { score });
    expect((await rate(a, 4)).statusCode).toBe(201);
    expect((await smtRow()).satisfaction).toEqual({ count: before.count + 1, mean: expect.any(Number) });
    expect((await rate(b, 5)).statusCode).toBe(201);
    const after = (await smtRow()).satisfaction;
    expect(after.count).toBe(before.count + 2);
    const sumBefore = (before.mean ?? 0) * before.count;
    expect(after.mean).toBeCloseTo((sumBefore + 9) / after.count, 2);

    // the same figure as SQL counts it for every agency, and the drill-down lists the rated demands behind it
    const all = (await c.secretariat.get(q)).json().items as { agencyId: string; demandsAssigned: number; satisfaction: { count: number; mean: number | null } }[];
    const sql = await t.database.query<{ agency_id: string; n: number; total: number }>(
      `select d.agency_id, count(*)::int as n, sum(f.score)::int as total from demands d join demand_feedback f on f.demand_id = d.id
        where d.province_id = 'qom' and (d.created_at at time zone 'Asia/Tehran')::date = $1 and d.agency_id is not null group by d.agency_id`,
      [today],
    );
    for (const row of all) {
      const s = sql.find((x) => x.agency_id === row.agencyId);
      expect(row.satisfaction, row.agencyId).toEqual(s ? { count: s.n, mean: Math.round((100 * s.total) / s.n) / 100 } : { count: 0, mean: null });
    }
    expect(all.some((r) => r.satisfaction.count === 0 && r.satisfaction.mean === null)).toBe(true);
    const drill = (await c.secretariat.get(`/api/v1/stats/drilldown?source=demands&metric=rated&agencyId=${c.agencyId}&from=${today}&to=${today}`)).json();
    expect(drill.total).toBe(after.count);
    expect(drill.items.map((i: { id: string }) => i.id)).toEqual(expect.arrayContaining([a.id, b.id]));

    // the agency sees its own row with it; a county with none of these units shows nothing rated
    expect((await smtRow(c.agency)).satisfaction).toEqual(after);
    const county = (await c.secretariat.get(`/api/v1/units/${c.unitId}`)).json().countyId as string;
    const elsewhere = county === 'kahak' ? 'jafarabad' : 'kahak';
    const other = (await c.secretariat.get(`${q}&countyId=${elsewhere}`)).json().items.find((i: { agencyId: string }) => i.agencyId === c.agencyId);
    expect(other?.satisfaction ?? { count: 0, mean: null }).toEqual({ count: 0, mean: null });
    // over the fiscal year the demo's ratings count too
    const year = (await c.secretariat.get('/api/v1/stats/agencies')).json().items as { satisfaction: { count: number } }[];
    expect(year.reduce((s, r) => s + r.satisfaction.count, 0)).toBeGreaterThan(20);
  });

  it('tells the producer by SMS when their demand is answered, escalated, given a new deadline, resolved or found unresolvable — once each', async () => {
    const channel = smsNotificationChannel();
    const deliver = () => deliverPending({ db: t.database.db, now: () => t.clock.now, channel, sources: [] });
    const textsOf = async (id: string) =>
      (await t.database.query<{ text: string; mobile: string }>(`select text, mobile from sms_messages where ref_type = 'demand' and ref_id = $1 order by text`, [id])).map((r) => {
        expect(r.mobile).toBe(producerMobile);
        return r.text;
      });
    let d = await newDemand();
    const tagged = `${LRI}${d.code}${PDI}`;
    await deliver();
    expect(await textsOf(d.id)).toEqual([]); // registering it is the producer's own news

    expect((await c.agency.post(`/api/v1/demands/${d.id}/followups`, { note: 'کارشناس برای بازدید اعزام شد.' })).statusCode).toBe(201);
    await deliver();
    expect(await textsOf(d.id)).toEqual([`پاسخ تازه به مطالبهٔ ${tagged}\nسازمان صنعت، معدن و تجارت استان: کارشناس برای بازدید اعزام شد.\nسامانه تسهیل`]);

    d = await move(c.agency, d, 'escalated', { note: 'نیاز به تصمیم کارگروه' });
    await deliver();
    expect(await textsOf(d.id)).toContain(`مطالبهٔ ${tagged} شما برای طرح در کارگروه استان ارجاع شد\nافت ولتاژ برق خط تولید\nدستگاه: سازمان صنعت، معدن و تجارت استان\nسامانه تسهیل`);

    const patched = await c.secretariat.patch(`/api/v1/demands/${d.id}`, { version: d.version, dueDate: '2027-01-20' });
    expect(patched.statusCode).toBe(200);
    d = patched.json();
    await deliver();
    expect((await textsOf(d.id)).some((x) => x.startsWith(`مهلت مطالبهٔ ${tagged} تغییر کرد\nافت ولتاژ برق خط تولید\nمهلت تازه: ۱۴۰۵/۱۰/۳۰`))).toBe(true);
    // the same date again is no news
    d = (await c.secretariat.patch(`/api/v1/demands/${d.id}`, { version: d.version, dueDate: '2027-01-20' })).json();

    d = await move(c.secretariat, d, 'in_progress');
    d = await move(c.secretariat, d, 'resolved', { note: 'کارگروه انشعاب اضطراری را تصویب کرد.' });
    await deliver();
    await deliver();
    const texts = await textsOf(d.id);
    expect(texts).toContain(`مطالبهٔ ${tagged} شما رفع‌شده اعلام شد\nافت ولتاژ برق خط تولید\nکارگروه انشعاب اضطراری را تصویب کرد.\nلطفاً در سامانه به رسیدگی آن امتیاز دهید.\nسامانه تسهیل`);
    expect(texts).toHaveLength(4);

    const lost = await move(c.agency, await newDemand(), 'unresolvable', { note: 'ظرفیت شبکه تکمیل است.' });
    await deliver();
    expect(await textsOf(lost.id)).toEqual([`مطالبهٔ ${LRI}${lost.code}${PDI} شما غیرقابل رفع اعلام شد\nافت ولتاژ برق خط تولید\nظرفیت شبکه تکمیل است.\nسامانه تسهیل`]);

    // the producer's notifications hold the same news
    const notes = (await c.producer.get('/api/v1/notifications?pageSize=500')).json().items.filter((n: { refId: string }) => n.refId === d.id).map((n: { kind: string }) => n.kind);
    expect(notes.sort()).toEqual(['demand.due_changed', 'demand.escalated', 'demand.followup', 'demand.resolved']);
  });

  it('shows a producer their own claims only', async () => {
    const own = await c.producer.get('/api/v1/unit-claims');
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ items: [], total: 0 }); // the demo producer was bound by the administrator
    const all = (await c.secretariat.get('/api/v1/unit-claims?pageSize=100')).json().items as { id: string; userMobile: string; status: string }[];
    expect(new Set(all.map((x) => x.status))).toEqual(new Set(['pending', 'approved', 'rejected']));
    // a demo claimant signs in by code and sees just their own
    const rejected = all.find((x) => x.status === 'rejected')!;
    const claimant = await t.database.query<{ username: string }>(`select username from users where mobile = $1`, [rejected.userMobile]);
    await t.database.query(`update users set password_hash = $1 where username = $2`, [await hashPassword(DEMO_PASSWORD), claimant[0]!.username]);
    const mine = (await (await t.as(claimant[0]!.username)).get('/api/v1/unit-claims')).json();
    expect(mine.items.map((x: { id: string }) => x.id)).toEqual([rejected.id]);
    expect(mine.items[0].note).toBeTruthy();
    expect((await c.producer.get('/api/v1/unit-claims?status=pending')).json().total).toBe(0);
  });
});

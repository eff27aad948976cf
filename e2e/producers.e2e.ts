/**
 * Producers on their own (issue 11): a newcomer registers with a new mobile (the code is read from the SMS outbox,
 * which shows codes in demo mode), claims a demo unit, sees nothing of it until the secretariat approves the claim
 * on the claims page, and then sees their unit.
 */
import assert from 'node:assert/strict';
import { apiGet, approveClaim, loginAs, nationalCode, registerProducer, type Journey } from './harness.js';

interface UnitItem {
  id: string;
  name: string;
  nationalId: string;
}

const journey: Journey = async ({ newPage, screenshot, log }) => {
  const mobile = `0939${String(Date.now()).slice(-7)}`;

  // the administrator's page reads the outbox; the secretariat's approves
  const admin = await newPage();
  await loginAs(admin, 'admin');
  const units = await apiGet<{ items: UnitItem[] }>(admin, '/units?pageSize=5&sort=name');
  const unit = units.items[2]!;
  log(`claiming ${unit.name} (${unit.nationalId}) with ${mobile}`);

  const page = await newPage();
  await registerProducer(page, { mobile, fullName: 'مهدی رستگار', nationalCode: nationalCode('004812345'), unitNationalId: unit.nationalId }, async () => {
    const outbox = await apiGet<{ items: { text: string }[] }>(admin, `/sms/outbox?mobile=${mobile}&kind=otp.register`);
    const code = /(\d{6})/.exec(outbox.items[0]?.text ?? '')?.[1];
    assert.ok(code, 'the code is in the SMS outbox');
    return code;
  });
  await screenshot(page, 'registered');

  // before approval: nothing of the unit
  const before = await apiGet<{ total: number }>(page, '/units');
  assert.equal(before.total, 0, 'no unit before approval');

  const secretariat = await newPage();
  await loginAs(secretariat, 'secretariat');
  await approveClaim(secretariat, mobile, () => screenshot(secretariat, 'claims'));

  // the producer now sees their unit
  const after = await apiGet<{ items: UnitItem[] }>(page, '/units');
  assert.deepEqual(after.items.map((u) => u.id), [unit.id]);
  await page.goto(`/units/${unit.id}`);
  await page.getByText(unit.name).first().waitFor({ timeout: 15_000 });
  await screenshot(page, 'unit');
  const sms = await apiGet<{ items: { kind: string }[] }>(admin, `/sms/outbox?mobile=${mobile}`);
  assert.ok(sms.items.some((m) => m.kind === 'unit_claim.approved'), 'the approval went out by SMS');
};

export default journey;

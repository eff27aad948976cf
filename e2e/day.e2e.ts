/**
 * Every role's day (issue 15), as each demo account lives it:
 *
 * - each role signs in and its home shows its own work: the figures on the page are those `GET /home` gives that
 *   person (sections and their totals, the bank's approval rate, the executive's pace, the national table);
 * - a producer's pages ask only for what a producer may read (no 403 in the console, /referrals/deadlines above all);
 * - the one date input refuses an impossible Jalali date (1405/13/40) and a Gregorian one (2026-12-20), in Persian,
 *   and the form says why it waits — nothing is sent;
 * - the unread count in the header falls for the officer who reads a notification and not for a colleague of the
 *   same agency;
 * - axe-core finds no serious or critical violation on the main pages (home, demands, a demand, referrals, a referral,
 *   resolutions, sessions, the statistics overview, banks, units, and the date input's calendar), in Persian, at
 *   1440 px and at 390 px.
 */
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page, Response } from 'playwright-core';
import { apiGet, apiSend, loginAs, parseLocalizedInteger, type Journey } from './harness.js';

const WIDE = { width: 1440, height: 900 };
const NARROW = { width: 390, height: 844 };

/** A figure as the fa UI prints it (۶۶٫۸٪, ۱۲٬۵۰۰) as a number. */
function parseFigure(text: string): number {
  const ascii = text
    .replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/٫/g, '.')
    .replace(/[^\d.-]/g, '');
  return Number.parseFloat(ascii);
}

/** A section of the home page carries the total the API gave, and shows it in Persian digits. */
async function assertSection(page: Page, testId: string, total: number, shown: number): Promise<void> {
  const section = page.getByTestId(testId);
  await section.waitFor();
  assert.equal(await section.getAttribute('data-total'), String(total), `${testId}: the total the API gives`);
  const badge = (await page.getByTestId(`${testId}-count`).textContent()) ?? '';
  assert.doesNotMatch(badge, /[0-9]/, `${testId}: Persian digits`);
  assert.equal(parseLocalizedInteger(badge), total, `${testId}: the count on the page`);
  if (total > 0) assert.equal(await section.locator('li').count(), shown, `${testId}: the items the API lists`);
}

/** axe-core on what the page shows now; fails on any serious or critical violation, naming each node. */
async function assertAccessible(page: Page, where: string, log: (m: string) => void): Promise<void> {
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const lesser = result.violations.filter((v) => !bad.includes(v)).map((v) => `${v.id} (${v.impact})`);
  log(`axe ${where}: ${result.passes.length} rules pass, ${bad.length} serious or critical${lesser.length ? `; lesser: ${lesser.join(', ')}` : ''}`);
  assert.deepEqual(
    bad.map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')} ${n.html.slice(0, 140)} ${(n.failureSummary ?? '').split('\n').slice(1, 2).join('')}`).join(' | ')}`),
    [],
    `${where}: serious or critical accessibility violations`,
  );
}

/** Waits until the page has drawn its data (no skeletons, no request in flight). */
async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.locator('.mantine-Skeleton-root').first().waitFor({ state: 'detached', timeout: 15_000 }).catch(() => undefined);
  await page.waitForTimeout(300);
}

interface Section<T = unknown> {
  total: number;
  items: T[];
}

type Home =
  | { role: 'agency'; demandsOverdue: Section; demandsDueSoon: Section; resolutionsOverdue: Section; resolutionsDueSoon: Section; referralsOverdue: Section; notifications: Section }
  | { role: 'bank'; toReceive: Section; toDecide: Section; own: { approvalRate: number | null; decided: number }; province: { approvalRate: number | null } }
  | { role: 'secretariat'; unassignedDemands: Section; escalatedDemands: Section; claimsWaiting: Section; referralsOverdue: Section; nextSession: { number: number; agenda: unknown[] } | null }
  | { role: 'producer'; units: { id: string; name: string }[]; openDemands: Section; referrals: Section }
  | { role: 'executive'; pace: { absorbedRate: number | null }; implementation: { rate: number | null; due: number }; slowestBanks: unknown[]; slowestAgencies: unknown[]; nextSession: { agenda: unknown[] } | null }
  | { role: 'national'; provinces: { provinceId: string; units: number; referred: number }[] };

/** What each role's home must show of its own work, checked against the API as that person sees it. */
async function checkHome(page: Page, home: Home): Promise<string> {
  switch (home.role) {
    case 'agency':
      await page.getByTestId('home-agency').waitFor();
      await assertSection(page, 'home-demands-overdue', home.demandsOverdue.total, home.demandsOverdue.items.length);
      await assertSection(page, 'home-demands-due-soon', home.demandsDueSoon.total, home.demandsDueSoon.items.length);
      await assertSection(page, 'home-resolutions-overdue', home.resolutionsOverdue.total, home.resolutionsOverdue.items.length);
      await assertSection(page, 'home-referrals-overdue', home.referralsOverdue.total, home.referralsOverdue.items.length);
      assert.ok(home.demandsOverdue.total + home.referralsOverdue.total > 0, 'the demo agency has late work to show');
      return `${home.demandsOverdue.total} demands and ${home.referralsOverdue.total} referrals overdue`;
    case 'bank': {
      await page.getByTestId('home-bank').waitFor();
      await assertSection(page, 'home-to-receive', home.toReceive.total, home.toReceive.items.length);
      await assertSection(page, 'home-to-decide', home.toDecide.total, home.toDecide.items.length);
      const own = parseFigure((await page.getByTestId('home-bank-own').getByTestId('approval-rate').textContent()) ?? '');
      assert.ok(Math.abs(own - (home.own.approvalRate ?? 0) * 100) < 0.06, `the bank's own approval rate (${own} vs ${home.own.approvalRate})`);
      const province = parseFigure((await page.getByTestId('home-bank-province').getByTestId('approval-rate').textContent()) ?? '');
      assert.ok(Math.abs(province - (home.province.approvalRate ?? 0) * 100) < 0.06, "the province's approval rate beside it");
      return `${home.toReceive.total} to receive, ${home.toDecide.total} to decide, approval ${own}% against ${province}%`;
    }
    case 'secretariat':
      await page.getByTestId('home-secretariat').waitFor();
      await assertSection(page, 'home-unassigned', home.unassignedDemands.total, home.unassignedDemands.items.length);
      await assertSection(page, 'home-escalated', home.escalatedDemands.total, home.escalatedDemands.items.length);
      await assertSection(page, 'home-claims', home.claimsWaiting.total, home.claimsWaiting.items.length);
      await assertSection(page, 'home-referrals-overdue', home.referralsOverdue.total, home.referralsOverdue.items.length);
      if (home.nextSession) assert.equal(await page.getByTestId('home-agenda-item').count(), home.nextSession.agenda.length, 'the next session’s agenda');
      return `${home.unassignedDemands.total} unassigned, ${home.escalatedDemands.total} escalated, ${home.claimsWaiting.total} claims`;
    case 'producer':
      await page.getByTestId('home-producer').waitFor();
      assert.equal(await page.getByTestId('home-unit').count(), home.units.length, 'their units');
      assert.ok(home.units.length > 0, 'the demo producer has a unit');
      assert.equal(await page.getByTestId('open-unit').count(), home.units.length, 'a link to each of their units');
      await assertSection(page, 'home-open-demands', home.openDemands.total, home.openDemands.items.length);
      await assertSection(page, 'home-referrals', home.referrals.total, home.referrals.items.length);
      return `${home.units.length} unit, ${home.openDemands.total} open demands, ${home.referrals.total} referrals`;
    case 'executive': {
      await page.getByTestId('home-executive').waitFor();
      const pace = parseFigure((await page.getByTestId('home-pace-rate').textContent()) ?? '');
      assert.ok(Math.abs(pace - (home.pace.absorbedRate ?? 0) * 100) < 0.06, `the pace against quota (${pace} vs ${home.pace.absorbedRate})`);
      const impl = parseFigure((await page.getByTestId('home-implementation-rate').textContent()) ?? '');
      assert.ok(Math.abs(impl - (home.implementation.rate ?? 0) * 100) < 0.06, 'the implementation rate');
      assert.equal(await page.getByTestId('home-slow-bank').count(), home.slowestBanks.length, 'the slowest banks');
      assert.equal(await page.getByTestId('home-slow-agency').count(), home.slowestAgencies.length, 'the slowest agencies');
      if (home.nextSession) assert.equal(await page.getByTestId('home-agenda-item').count(), home.nextSession.agenda.length, 'the next session’s agenda');
      return `pace ${pace}%, implementation ${impl}%`;
    }
    case 'national': {
      await page.getByTestId('home-national').waitFor();
      const shown = home.provinces.filter((p) => p.units > 0 || p.referred > 0);
      assert.ok(shown.length >= 5, 'the demo provinces compared, not a single row');
      assert.equal(await page.getByTestId('home-provinces').locator('tbody tr').count(), shown.length, 'a row per province with data');
      for (const p of shown) {
        const cells = page.getByTestId('home-provinces').locator(`tr[data-province="${p.provinceId}"] td`);
        assert.equal(parseLocalizedInteger((await cells.nth(1).textContent()) ?? ''), p.units, `${p.provinceId}: units`);
        assert.equal(parseLocalizedInteger((await cells.nth(2).textContent()) ?? ''), p.referred, `${p.provinceId}: referred`);
      }
      return `${shown.length} provinces compared`;
    }
  }
}

const ROLES = ['secretariat', 'agency.smt', 'bank.sanat-madan', 'executive', 'national', 'producer.demo'] as const;

/** Six roles, three people at once and a dozen pages checked by axe-core: longer than the runner's usual three minutes. */
export const timeoutMs = 420_000;

const journey: Journey = async ({ newPage, screenshot, log: say }) => {
  const started = Date.now();
  const log = (m: string) => say(`[${((Date.now() - started) / 1000).toFixed(1)} s] ${m}`);
  // ── 1. each role's home is its own work ─────────────────────────────────────────────────────────────────────────
  for (const username of ROLES) {
    const page = await newPage({ viewport: WIDE });
    const refused: string[] = [];
    page.on('response', (r: Response) => {
      if (r.status() === 403 && r.url().includes('/api/')) refused.push(`${r.request().method()} ${new URL(r.url()).pathname}`);
    });
    await loginAs(page, username);
    const home = await apiGet<Home>(page, '/home');
    const said = await checkHome(page, home);
    log(`${username} (${home.role}) home: ${said}`);
    await settled(page);
    await assertAccessible(page, `${username} home`, log);
    if (username === 'producer.demo' || username === 'agency.smt') {
      // only what the role may read: a producer's referrals page does not ask for the banks' deadlines
      await page.goto('/referrals');
      await page.getByRole('heading', { level: 1 }).waitFor();
      await settled(page);
      await assertAccessible(page, `${username} referrals`, log);
    }
    assert.deepEqual(refused, [], `${username}: no call the role may not make`);
    await screenshot(page, `home-${home.role}`);
  }

  // ── 2. the one date input refuses what is not a real Jalali date, before anything is sent ──────────────────────
  {
    const page = await newPage({ viewport: WIDE });
    await loginAs(page, 'secretariat');
    const posted: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/v1/demands') posted.push(r.url());
    });
    await page.goto('/demands/new');
    await page.getByTestId('demand-unit').click();
    await page.getByRole('option').first().click();
    await page.getByTestId('demand-category').click();
    await page.getByRole('option').first().click();
    await page.getByTestId('demand-title').fill('آزمون تاریخ مهلت');
    await page.getByTestId('demand-description').fill('مهلتی که در تقویم نیست نباید پذیرفته شود.');
    const due = page.getByTestId('demand-due');
    const submit = page.getByTestId('demand-submit');
    const hint = page.getByTestId('form-hint');

    await due.fill('1405/13/40');
    await due.blur();
    await page.getByText('چنین روزی در تقویم شمسی نیست').waitFor();
    assert.equal(await due.getAttribute('data-problem'), 'impossible');
    assert.equal(await due.getAttribute('aria-invalid'), 'true', 'the field is marked invalid for a screen reader');
    assert.ok(await submit.isDisabled(), 'the form cannot be sent with an impossible date');
    assert.match((await hint.textContent()) ?? '', /مهلت/, 'the form says which field holds what is not right');
    await screenshot(page, 'date-impossible');

    await due.fill('2026-12-20');
    await due.blur();
    await page.getByText('این تاریخ میلادی است؛ تاریخ را شمسی بنویسید').waitFor();
    assert.equal(await due.getAttribute('data-problem'), 'gregorian');
    assert.ok(await submit.isDisabled(), 'nor with a Gregorian date');
    await assertAccessible(page, 'demand form with a refused date', log);

    // the calendar beside it is reachable and named, and a real date clears the refusal
    await page.getByTestId('demand-due-calendar').click();
    await page.getByTestId('jalali-calendar').waitFor();
    await assertAccessible(page, 'the date input’s calendar', log);
    await screenshot(page, 'date-calendar');
    await page.keyboard.press('Escape');
    await due.fill('۱۴۰۵/۱۰/۱۵');
    await due.blur();
    await page.waitForFunction(() => !document.querySelector('[data-testid="demand-due"]')?.getAttribute('data-problem'));
    assert.ok(await submit.isEnabled(), 'a real date lets the form go');
    assert.equal(await hint.count(), 0, 'nothing left to say');
    assert.deepEqual(posted, [], 'nothing was sent while the date was refused');
    log('the date input refused 1405/13/40 and 2026-12-20 in Persian; nothing was sent');
  }

  // ── 3. the unread count is each person's own ───────────────────────────────────────────────────────────────────
  {
    const admin = await newPage({ viewport: WIDE });
    await loginAs(admin, 'admin');
    const colleague = `agency.smt.day${Date.now() % 1_000_000}`;
    const password = 'a long enough password for the day';
    await apiSend(admin, 'POST', '/users', { username: colleague, fullName: 'مهسا کریمی (صمت)', role: 'agency', agencyId: 'smt', provinceId: 'qom', password });
    // something new for the agency: the secretariat refers a demand to it
    const secretariat = await newPage({ viewport: WIDE });
    await loginAs(secretariat, 'secretariat');
    const units = await apiGet<{ items: { id: string }[] }>(secretariat, '/units?pageSize=1');
    await apiSend(secretariat, 'POST', '/demands', { unitId: units.items[0]!.id, categoryCode: 'tax', title: 'مطالبهٔ تازه برای شمارش خوانده‌نشده‌ها', description: 'برای آزمودن شمار اعلان‌های خوانده‌نشده.', agencyId: 'smt' });

    const first = await newPage({ viewport: WIDE });
    await loginAs(first, 'agency.smt');
    const second = await newPage({ viewport: WIDE });
    await loginAs(second, colleague, password);
    const countOf = async (page: Page) => Number(await page.getByTestId('unread-count').getAttribute('data-count'));
    const waitCount = (page: Page, n: number) => page.waitForFunction((want) => document.querySelector('[data-testid="unread-count"]')?.getAttribute('data-count') === String(want), n, { timeout: 15_000 });
    const before = (await apiGet<{ count: number }>(first, '/notifications/unread-count')).count;
    const colleagueBefore = (await apiGet<{ count: number }>(second, '/notifications/unread-count')).count;
    assert.ok(before > 0 && colleagueBefore > 0, 'both officers have the new notification unread');
    await waitCount(first, before);
    await waitCount(second, colleagueBefore);
    assert.match((await first.getByTestId('header-notifications').getAttribute('aria-label')) ?? '', /[۰-۹]/, 'the bell says the count in Persian');

    await first.getByTestId('header-notifications').click();
    await first.waitForURL((u) => u.pathname === '/notifications');
    const unreadItem = first.locator('[data-testid="notification"][data-unread="true"]').first();
    await unreadItem.getByRole('button', { name: 'خواندم' }).click();
    await waitCount(first, before - 1);
    assert.equal((await apiGet<{ count: number }>(first, '/notifications/unread-count')).count, before - 1, 'the reader’s count fell by one');
    await screenshot(first, 'unread-after-reading');

    await second.reload();
    await waitCount(second, colleagueBefore);
    assert.equal(await countOf(second), colleagueBefore, 'the colleague of the same agency still has it unread');
    assert.equal((await apiGet<{ count: number }>(second, '/notifications/unread-count')).count, colleagueBefore);
    log(`unread: ${before} → ${before - 1} for agency.smt; ${colleagueBefore} unchanged for ${colleague}`);
  }

  // ── 4. the main pages, checked by axe-core (and by eye at 390 px) ──────────────────────────────────────────────
  {
    const page = await newPage({ viewport: WIDE });
    await loginAs(page, 'secretariat');
    const demand = (await apiGet<{ items: { id: string }[] }>(page, '/demands?pageSize=1&status=in_progress')).items[0]!;
    const referral = (await apiGet<{ items: { id: string }[] }>(page, '/referrals?pageSize=1&status=rejected')).items[0]!;
    const pages: [string, string][] = [
      ['home', '/'],
      ['demands', '/demands'],
      ['a demand', `/demands/${demand.id}`],
      ['referrals', '/referrals'],
      ['a referral', `/referrals/${referral.id}`],
      ['resolutions', '/resolutions'],
      ['sessions', '/sessions'],
      ['statistics overview', '/stats/overview'],
      ['banks', '/stats/banks'],
      ['units', '/units'],
    ];
    for (const [name, url] of pages) {
      await page.goto(url);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await settled(page);
      await assertAccessible(page, name, log);
      if (name === 'a referral') {
        // who took each step, by name
        const events = (await apiGet<{ events: { actorName: string; actorLabel: string }[] }>(page, url)).events;
        const history = (await page.getByTestId('history').textContent()) ?? '';
        for (const e of events) assert.ok(history.includes(e.actorName), `the history names ${e.actorName}`);
        assert.ok(events.every((e) => !history.includes(`${e.actorLabel} (`)), 'no username stands for a person in the history');
        await screenshot(page, 'referral-history');
      }
    }
    // the same pages on a phone: the menu folds away, nothing reads worse
    await page.setViewportSize(NARROW);
    for (const [name, url] of pages.filter(([n]) => ['home', 'a demand', 'referrals', 'resolutions'].includes(n))) {
      await page.goto(url);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await settled(page);
      await assertAccessible(page, `${name} at 390 px`, log);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 1, `${name} at 390 px: no sideways scrolling of the page (${overflow}px)`);
      await screenshot(page, `390-${name.replace(/\s+/g, '-')}`);
    }
  }

  // ── 5. an agency's resolutions page leads with its own figures ─────────────────────────────────────────────────
  {
    const page = await newPage({ viewport: WIDE });
    await loginAs(page, 'agency.smt');
    const impl = await apiGet<{ overall: { rateOfAll: { numerator: number; denominator: number } }; agencies: { agencyId: string; rateOfAll: { numerator: number; denominator: number }; overdue: number }[] }>(page, '/resolutions/implementation');
    const own = impl.agencies.find((a) => a.agencyId === 'smt');
    assert.ok(own, 'the agency has its row');
    assert.equal(impl.agencies.length, 1, 'an agency sees its own row only');
    await page.goto('/resolutions');
    await page.getByTestId('rate-all').waitFor();
    await settled(page);
    const cardHint = (await page.getByTestId('rate-all').textContent()) ?? '';
    assert.ok(cardHint.includes(`از ${persianDigits(own.rateOfAll.denominator)} مصوبه`), `the card counts the agency's ${own.rateOfAll.denominator} resolutions, not the province's ${impl.overall.rateOfAll.denominator} (${cardHint})`);
    assert.equal(parseLocalizedInteger((await page.getByTestId('overdue-count-value').textContent()) ?? ''), own.overdue, "the agency's overdue resolutions");
    await screenshot(page, 'agency-resolutions');
    log(`agency resolutions: own ${own.rateOfAll.numerator}/${own.rateOfAll.denominator} (province ${impl.overall.rateOfAll.numerator}/${impl.overall.rateOfAll.denominator})`);
  }
};

function persianDigits(n: number): string {
  return String(n).replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);
}

export default journey;

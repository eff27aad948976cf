/**
 * The foundation journey: the demo secretariat signs in, reads the Persian,
 * right-to-left home page whose count of demands waiting for an agency matches
 * the API, switches to English and back.
 */
import assert from 'node:assert/strict';
import { apiGet, htmlAttributes, loginAs, parseLocalizedInteger, persianNumber, type Journey } from './harness.js';

const journey: Journey = async ({ newPage, screenshot, log }) => {
  const page = await newPage();

  await page.goto('/');
  await page.waitForURL((url) => url.pathname === '/login');
  assert.deepEqual(await htmlAttributes(page), { dir: 'rtl', lang: 'fa' });
  await page.getByTestId('demo-accounts').waitFor();
  await screenshot(page, 'login-fa');

  // Filling the form from the demo list is what a visitor does first.
  await page.locator('[data-username="secretariat"]').click();
  assert.equal(await page.getByRole('textbox', { name: 'نام کاربری' }).inputValue(), 'secretariat');

  await loginAs(page, 'secretariat');
  assert.deepEqual(await htmlAttributes(page), { dir: 'rtl', lang: 'fa' });
  await page.getByRole('heading', { level: 1, name: 'پیشخوان' }).waitFor();
  await page.getByTestId('current-role').filter({ hasText: 'دبیرخانه' }).waitFor();

  // The card shows what the API says waits for this user, in Persian digits.
  const units = await apiGet<{ total: number }>(page, '/demands?status=registered&pageSize=1');
  const card = page.getByTestId('home-unassigned-count');
  await card.waitFor();
  const cardText = (await card.textContent()) ?? '';
  assert.equal(cardText, persianNumber(units.total), `unassigned demands card shows «${cardText}», API total is ${units.total}`);
  assert.equal(parseLocalizedInteger(cardText), units.total);
  assert.doesNotMatch(cardText, /[0-9]/, 'the fa card must not use Latin digits');
  log(`unassigned demands card: ${cardText} = ${units.total}`);

  // Today's date in the header: Jalali, Persian digits.
  const today = (await page.getByTestId('today').textContent()) ?? '';
  assert.match(today, /[۰-۹]{4}$/, `header date «${today}» should end in a Persian-digit year`);
  await page.getByTestId('home-next-session').waitFor();
  await screenshot(page, 'home-fa');

  await page.getByTestId('language-switch').getByText('English').click();
  await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
  assert.deepEqual(await htmlAttributes(page), { dir: 'ltr', lang: 'en' });
  assert.equal(await card.textContent(), units.total.toLocaleString('en-US'));
  await screenshot(page, 'home-en');

  // The choice survives a reload.
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();

  await page.getByTestId('language-switch').getByText('فارسی').click();
  await page.getByRole('heading', { level: 1, name: 'پیشخوان' }).waitFor();
  assert.deepEqual(await htmlAttributes(page), { dir: 'rtl', lang: 'fa' });

  // The unit list the navigation offers to the secretariat.
  await page.getByTestId('nav-units').click();
  await page.getByRole('heading', { level: 1, name: 'واحدهای صنعتی' }).waitFor();
  await page.locator('[data-testid="units-table"][aria-busy="false"] tbody tr').first().waitFor();
  assert.equal(await page.getByTestId('nav-users').count(), 0, 'the secretariat has no user administration');
  await screenshot(page, 'units-fa');
};

export default journey;

// The Compare area end to end (issue 12): reach it from the main screen with the keyboard, run HTTP vs messaging,
// take email down and watch one side fail while the other buffers, refuse a bad number, visit every view, and
// come back to the playground as it was. Waits on the app's clock and frames, never on wall time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openWatched, SUBPATH, ARTIFACTS, withServerAndBrowser, untilClock, untilFrames } from './harness.mjs';

const env = withServerAndBrowser();

const clockMs = async (page) => Number(await page.getAttribute('[data-testid=clock]', 'data-ms'));
/** A counter row's two cells as numbers (NaN for "—"). */
const cells = async (page, row) =>
  (await page.locator(`[data-testid=cmp-row-${row}] td`).allTextContents()).map((t) => Number(t.replace(/,/g, '')));

test('compare HTTP and messaging, take email down, visit every view and come back', async () => {
  const { page, consoleErrors, foreignRequests } = await openWatched(env.context, env.server.origin, `${SUBPATH}?lang=en`);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.locator('[data-testid=topology]').waitFor({ timeout: 30_000 });
  await page.click('[data-testid=play]'); // pause the playground
  const playgroundMs = await clockMs(page);

  // Keyboard: focus the area switch and press Enter.
  await page.focus('[data-testid=area-compare]');
  await page.keyboard.press('Enter');
  await page.locator('[data-testid=compare]').waitFor();
  assert.equal(await page.getAttribute('[data-testid=cmp-view-http]', 'aria-pressed'), 'true');
  assert.equal(await clockMs(page), 0, 'the contrast starts at 0 s');
  assert.equal(await page.locator('[data-testid=partition-lane]').count(), 0, 'the playground is put away');

  // Play at 10× until 20 s of virtual time.
  await page.selectOption('[data-testid=speed]', '6');
  await page.click('[data-testid=play]');
  await untilClock(page, 20_000, 60_000);
  const [httpReq, msgReq] = await cells(page, 'requests');
  assert.ok(httpReq >= 400 && msgReq === httpReq, `same requests on both sides: ${httpReq} / ${msgReq}`);

  // Email down for 60 s: HTTP calls to email time out, messaging answers and the records wait in the topic.
  await page.click('[data-testid=cmp-act-email_down]');
  const at = await clockMs(page);
  await untilClock(page, at + 15_000, 60_000);
  const lag = await untilFrames(page, async () => (await cells(page, 'email_lag'))[1], (v) => v > 100);
  assert.ok(lag > 100, `email lag grows while email is down: ${lag}`);
  const [httpFailed, msgFailed] = await untilFrames(page, () => cells(page, 'failed'), ([h]) => h > 0);
  assert.ok(httpFailed > 0, 'HTTP requests time out');
  assert.equal(msgFailed, 0, 'no messaging request fails');
  await page.click('[data-testid=play]'); // pause
  await page.screenshot({ path: join(ARTIFACTS, 'compare-http.png') });

  // A bad number is refused under its field and changes nothing.
  const before = await cells(page, 'requests');
  await page.fill('#cmp-rate_per_s', 'many');
  await page.press('#cmp-rate_per_s', 'Enter');
  const error = await untilFrames(page, () => page.textContent('[data-testid=cmp-rate_per_s-error]'), (t) => t !== '');
  assert.match(error, /^rate_per_s: must be a whole number from 0 to 2000/);
  assert.deepEqual(await cells(page, 'requests'), before);

  // Every other view renders with its own rows; the step button drives it.
  for (const [view, row] of [['polling', 'empty'], ['pool', 'refused'], ['system', 'pushed']]) {
    await page.click(`[data-testid=cmp-view-${view}]`);
    await page.locator(`[data-testid=cmp-row-${row}]`).waitFor();
    await page.click('[data-testid=step]');
    assert.equal(await clockMs(page), 100, `${view}: one step of 100 ms from 0 s`);
  }

  // Back to the playground: its picture and its clock as they were.
  await page.click('[data-testid=area-playground]');
  await page.locator('[data-testid=partition-lane]').first().waitFor();
  assert.equal(await clockMs(page), playgroundMs);
  assert.deepEqual(consoleErrors, []);
  assert.deepEqual(foreignRequests, []);
});

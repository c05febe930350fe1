// Lessons over the Compare views (issue 12): a flow step opens by URL on the Compare area with its view and setup
// at the step's moment, beside the step panel; the rows show the numbers the lessons test proved, and the check
// is answered as any other. Waits on the app's state, never on wall time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openWatched, SUBPATH, withServerAndBrowser } from './harness.mjs';

const env = withServerAndBrowser();

const stepPanel = (lesson, step) => `[data-testid=step-panel][data-lesson="${lesson}"][data-step="${step}"]`;
const clockMs = async (page) => Number(await page.getAttribute('[data-testid=clock]', 'data-ms'));
/** A counter row's two cells as numbers (NaN for "—"). */
const cells = async (page, row) =>
  (await page.locator(`[data-testid=cmp-row-${row}] td`).allTextContents()).map((t) => Number(t.replace(/,/g, '')));

test('lesson 10 opens HTTP vs messaging at the step moment, shows the proved numbers and takes the answer', async () => {
  const { page, consoleErrors, foreignRequests } = await openWatched(env.context, env.server.origin, `${SUBPATH}?lang=en`);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.locator('[data-testid=topology]').waitFor({ timeout: 30_000 });
  await page.click('[data-testid=play]'); // pause: the step stays at its moment
  await page.evaluate(() => { window.location.hash = '#lesson=10&step=2'; });
  await page.locator(stepPanel(10, 2)).waitFor({ timeout: 30_000 });
  await page.locator('[data-testid=compare]').waitFor({ timeout: 10_000 });
  assert.equal(await page.getAttribute('[data-testid=cmp-view-http]', 'aria-pressed'), 'true', 'the HTTP vs messaging view');
  assert.equal(await clockMs(page), 30_000, 'at the step moment: 21 s after step 1 ended at 9 s');
  // lessons/10-http-vs-messaging.json step 2's facts: 380 HTTP timeouts, no messaging failure, email lag 401.
  assert.deepEqual(await cells(page, 'failed'), [380, 0]);
  const [, lag] = await cells(page, 'email_lag');
  assert.equal(lag, 401);
  assert.ok(await page.isDisabled('[data-testid=cmp-act-email_down]'), 'the step used the view\'s email-down action');
  assert.match(await page.getAttribute('[data-testid=cmp-act-email_down]', 'class'), /active/, 'email is down now');

  await page.locator('[data-testid=lesson-check] [data-testid=choice] button').nth(0).click();
  await page.locator('[data-testid=verdict]').waitFor({ timeout: 10_000 });
  assert.match(await page.getAttribute('[data-testid=verdict]', 'class'), /right/);

  await page.click('[data-testid=lesson-next]');
  await page.locator(stepPanel(10, 3)).waitFor({ timeout: 10_000 });
  assert.equal(await clockMs(page), 60_000);
  assert.deepEqual(await cells(page, 'failed'), [600, 0], 'failed HTTP requests stay failed');
  assert.equal((await cells(page, 'email_lag'))[1], 1, 'the email lag drained');

  // Reset step rebuilds the same moment; closing leaves the Compare area for the playground switch to use.
  await page.click('[data-testid=lesson-reset]');
  assert.equal(await clockMs(page), 60_000);
  assert.deepEqual(consoleErrors, []);
  assert.deepEqual(foreignRequests, []);
});

// Lessons (issue 11): a lesson step opens by URL in Korean, the learner steps through it, does the "try it",
// answers the check, and finds the progress again after a reload; a Korean step is kept as a screenshot per theme.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openWatched, SUBPATH, ARTIFACTS, withServerAndBrowser } from './harness.mjs';

const env = withServerAndBrowser();

const HANGUL = /[\uac00-\ud7a3]/;
const stepPanel = (lesson, step) => `[data-testid=step-panel][data-lesson="${lesson}"][data-step="${step}"]`;

/** Picks choice `index` of the open step's check and waits for the verdict. */
async function answer(page, index) {
  await page.locator('[data-testid=lesson-check] [data-testid=choice] button').nth(index).click();
  await page.locator('[data-testid=verdict]').waitFor({ timeout: 10_000 });
  return page.getAttribute('[data-testid=verdict]', 'class');
}

test('lesson 3 in Korean by URL: step through, try it, answer, and the progress survives a reload', async () => {
  const { page, consoleErrors } = await openWatched(env.context, env.server.origin, `${SUBPATH}?lang=ko#lesson=3&step=1`);
  await page.locator(stepPanel(3, 1)).waitFor({ timeout: 30_000 });
  await page.waitForFunction(() => document.documentElement.lang === 'ko', null, { timeout: 10_000 });
  assert.match(await page.innerText('[data-testid=step-title]'), HANGUL, 'the step title is Korean');
  assert.match(await page.innerText('[data-testid=step-text]'), HANGUL, 'the step text is Korean');
  assert.match(await page.innerText('[data-testid=lesson-next]'), HANGUL, 'the buttons are Korean');
  // The step points at the shared group: something on the page carries the highlight mark.
  assert.ok((await page.locator('[data-lesson-hl]').count()) > 0, 'the step highlights what it talks about');

  // Steps 1-3: the right answers are the lesson file's (1, 1, 0); a wrong pick first shows why it is wrong.
  assert.match(await answer(page, 0), /wrong/);
  assert.equal(await page.locator('[data-testid=explain]').count(), await page.locator('[data-testid=lesson-check] [data-testid=choice]').count(),
    'every choice is explained once answered');
  assert.match(await answer(page, 1), /right/);
  await page.click('[data-testid=lesson-next]');
  await page.locator(stepPanel(3, 2)).waitFor({ timeout: 10_000 });
  assert.match(page.url(), /#lesson=3&step=2$/, 'Next moves the URL');
  // Step 2 points only at the picture: the side panel folds, so step panel and picture share the width.
  await page.waitForFunction(() => document.querySelector('.workspace')?.classList.contains('side-closed'), null, { timeout: 10_000 });
  const viewport = page.viewportSize();
  assert.equal(viewport.width, 1280);
  const picture = await page.evaluate(() => document.querySelector('[data-testid=topology]').getBoundingClientRect().width);
  assert.ok(picture >= viewport.width / 2, `the picture is ${picture} px wide of ${viewport.width}`);
  console.log(`# lesson step at 1280x900: the picture is ${Math.round(picture)} px wide`);
  await page.screenshot({ path: join(ARTIFACTS, 'lesson-step-wide-picture.png') });
  assert.match(await answer(page, 1), /right/);
  await page.click('[data-testid=lesson-next]');
  await page.locator(stepPanel(3, 3)).waitFor({ timeout: 10_000 });
  assert.match(await answer(page, 0), /right/);
  await page.click('[data-testid=lesson-next]');
  await page.locator(stepPanel(3, 4)).waitFor({ timeout: 10_000 });

  // Step 4's "try it": add an instance to crm-sync from its group card, as a learner does.
  assert.equal(await page.getAttribute('[data-testid=try-it]', 'data-done'), 'false');
  // The step points at the picture only, so the side panel is folded: the learner reopens it.
  assert.equal(await page.getAttribute('[data-testid=side-toggle]', 'aria-expanded'), 'false');
  await page.click('[data-testid=side-toggle]');
  await page.click('[data-testid=tab-groups]');
  await page.fill('#add-instance-crm-sync-listener', 'CrmSyncListener');
  await page.fill('#add-instance-crm-sync-threads', '1');
  const before = await page.locator('[data-testid=instance-row][data-instance^="crm-sync-"]').count();
  await page.click('[data-testid=add-instance-crm-sync]');
  try {
    // The new instance runs, then the step notices the learner's command.
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid=instance-row][data-instance^="crm-sync-"]').length > n,
      before, { timeout: 30_000 });
    await page.waitForFunction(() => document.querySelector('[data-testid=try-it]')?.dataset.done === 'true', null, { timeout: 30_000 });
  } catch (e) {
    const seen = await page.evaluate(() => ({
      hash: location.hash,
      tryIt: document.querySelector('[data-testid=try-it]')?.outerHTML,
      rows: [...document.querySelectorAll('[data-testid=instance-row]')].map((r) => r.dataset.instance),
      alerts: [...document.querySelectorAll('[role=alert]')].map((a) => a.textContent),
      step: document.querySelector('[data-testid=step-panel]')?.dataset.step,
    }));
    await page.screenshot({ path: join(ARTIFACTS, 'lesson-try-it-timeout.png') });
    throw new Error(`try-it not done: ${JSON.stringify(seen)} (${e.message})`);
  }
  assert.match(await answer(page, 0), /right/);

  for (const theme of ['light', 'dark']) {
    if ((await page.getAttribute('.app', 'data-theme')) !== theme) await page.click('.theme-toggle');
    await page.screenshot({ path: join(ARTIFACTS, `lesson-ko-${theme}.png`) });
  }

  // Reload: the answer and the steps seen are kept (localStorage), and the list shows the lesson complete.
  await page.reload({ waitUntil: 'load' });
  await page.locator(stepPanel(3, 4)).waitFor({ timeout: 30_000 });
  assert.match(await page.getAttribute('[data-testid=verdict]', 'class'), /right/, 'the answer is remembered');
  // The step opens again with the side panel folded; the learner opens it for the list.
  await page.click('[data-testid=side-toggle][aria-expanded=false]');
  await page.click('[data-testid=tab-learn]');
  const item = page.locator('[data-testid=lesson-item][data-lesson=one-group-two-listeners]');
  await item.waitFor({ timeout: 10_000 });
  assert.match(await item.getAttribute('class'), /current|complete/);
  assert.match(await item.innerText(), /4\D+4/, 'all 4 steps seen ("4 of 4", "4단계 중 4단계")');
  assert.deepEqual(consoleErrors, []);
});

test('a link to a lesson that does not exist explains itself and shows the list', async () => {
  const { page, consoleErrors } = await openWatched(env.context, env.server.origin, `${SUBPATH}?lang=en#lesson=99`);
  await page.locator('[data-testid=lesson-problem]').waitFor({ timeout: 30_000 });
  assert.match(await page.innerText('[data-testid=lesson-problem]'), /99/);
  assert.ok((await page.locator('[data-testid=lesson-item]').count()) >= 9, 'the list of lessons is shown');
  assert.deepEqual(consoleErrors, []);
});

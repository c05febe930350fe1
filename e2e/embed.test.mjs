// dist/ must work unchanged from a subpath and inside an iframe, talk to nobody else, and log no errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openWatched, SUBPATH, ARTIFACTS, withServerAndBrowser } from './harness.mjs';

const env = withServerAndBrowser();

test('the app renders inside an iframe on a docs page, from a subpath', async () => {
  const { page, consoleErrors, foreignRequests } = await openWatched(env.context, env.server.origin, '/docs/');
  const frame = page.frameLocator('#kplay');
  await frame.locator('.app-header').waitFor({ timeout: 30_000 });
  assert.match(await frame.locator('.app-title').innerText(), /kplay/);
  await page.screenshot({ path: join(ARTIFACTS, 'embed.png') });
  assert.deepEqual(consoleErrors, [], 'no console errors');
  assert.deepEqual(foreignRequests, [], 'no request leaves the local server');
});

test('the app renders standalone from the subpath', async () => {
  const { page, consoleErrors, foreignRequests } = await openWatched(env.context, env.server.origin, SUBPATH);
  await page.locator('.app-header').waitFor({ timeout: 30_000 });
  assert.deepEqual(consoleErrors, []);
  assert.deepEqual(foreignRequests, []);
});

test('a path outside the subpath is not served, so relative URLs are what makes the app load', async () => {
  const res = await fetch(env.server.origin + '/index.html');
  assert.equal(res.status, 404);
});

// Embed mode (`?embed=1`, issues 13 and 18). The docs-like example page (www/embed-example.html, copied into
// dist/) holds two embeds with different options; both render, each applies its own options, neither touches
// localStorage, and "open in kplay" leads to the full app with the embed's scenario.
test('the embed example page: two embeds, each with its options, sharing nothing', async () => {
  const { page, consoleErrors, foreignRequests } = await openWatched(env.context, env.server.origin, `${SUBPATH}embed-example.html`);
  const picture = page.frameLocator('#kplay-picture');
  const lesson = page.frameLocator('#kplay-lesson');
  await picture.locator('.app.embed [data-testid=topology]').waitFor({ timeout: 30_000 });
  await lesson.locator('.app.embed [data-testid=topology]').waitFor({ timeout: 30_000 });

  // Embed 1: dark, no controls, paused at 0 s, no header, legend or charts, and a way to the full app.
  assert.equal(await picture.locator('.app').getAttribute('data-theme'), 'dark');
  assert.equal(await picture.locator('[data-testid=play]').count(), 0, 'controls=0');
  assert.equal(await picture.locator('.app-header').count(), 0, 'no header in an embed');
  assert.equal(await picture.locator('[data-testid=charts-fold]').count(), 0, 'no charts in an embed');
  assert.equal(await picture.locator('[data-testid=clock-embed]').getAttribute('data-ms'), '0', 'autoplay=0');
  const open = picture.locator('[data-testid=open-full]');
  assert.equal(await open.getAttribute('target'), '_blank');

  // Embed 2: Korean, lesson 3 step 1, 2×, the groups tab next to the picture, playing.
  assert.equal(await lesson.locator('.app').getAttribute('data-lang'), 'ko');
  assert.equal(await lesson.locator('[data-testid=speed]').inputValue(), '4');
  await lesson.locator('[data-testid=step-panel]').waitFor({ timeout: 30_000 });
  assert.ok((await lesson.locator('[data-testid=group-card]').count()) >= 1, 'the groups tab shows');
  await page.waitForFunction(
    () => Number(document.querySelector('#kplay-lesson').contentDocument.querySelector('[data-testid=clock-embed]')?.dataset.ms) > 0,
    null,
    { timeout: 30_000 },
  );
  assert.equal(await picture.locator('[data-testid=clock-embed]').getAttribute('data-ms'), '0', 'the other embed stays paused');

  // Nothing stored: embeds share no keys (the frames are same-origin, so they would see each other's).
  const keys = await page.evaluate(() => Object.keys(localStorage));
  assert.deepEqual(keys.filter((k) => k.startsWith('kplay')), []);
  await page.screenshot({ path: join(ARTIFACTS, 'embed-example.png'), fullPage: true });

  // "Open in kplay": the full app (no embed query) with the embed's scenario in the link.
  const [full] = await Promise.all([page.context().waitForEvent('page'), open.click()]);
  await full.locator('.app-header').waitFor({ timeout: 30_000 });
  const url = new URL(full.url());
  assert.equal(url.pathname, SUBPATH);
  assert.equal(url.search, '', 'the full app, not an embed');
  assert.match(url.hash, /^#s=[A-Za-z0-9_-]+$/);
  assert.ok((await full.locator('[data-testid=partition-lane]').count()) > 0, 'the scenario opens');
  await full.close();
  assert.deepEqual(consoleErrors, [], 'no console errors');
  assert.deepEqual(foreignRequests, [], 'no request leaves the local server');
});

test('bad embed options fall back to the defaults and the embed still renders', async () => {
  const { page, consoleErrors } = await openWatched(
    env.context,
    env.server.origin,
    `${SUBPATH}?embed=1&theme=pink&speed=7&tab=nope&lesson=0&controls&autoplay=0`,
  );
  await page.locator('.app.embed [data-testid=topology]').waitFor({ timeout: 30_000 });
  assert.equal(await page.locator('[data-testid=speed]').inputValue(), '3', 'the default 1×');
  assert.equal(await page.locator('[data-testid=step-panel]').count(), 0, 'no lesson');
  assert.deepEqual(consoleErrors, []);
});

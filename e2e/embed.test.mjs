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

// Issue 18 (bounded memory): with Kafka's default retention.ms (7 days) a fast producer makes the engine keep every
// record, 32 bytes each. A valid link at the rate cap played at 50× must not grow the tab to wasm32's 4 GiB end: past
// `sim::MAX_RETAINED_RECORDS` (4,000,000) the engine deletes the oldest records, as DeleteRecords would, and says so
// once (`memory_limit`), while the clock runs on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openWatched, SUBPATH, untilClock, withServerAndBrowser } from './harness.mjs';

const env = withServerAndBrowser();

const scenario = {
  version: 1,
  seed: 1,
  topics: [{ name: 't', partitions: 4 }],
  producers: [{ id: 'p', topic: 't', rate_per_s: 100000 }],
};
const SAID = 'the most kplay keeps in memory';

test('a link at 100,000 records/s at 50x keeps at most 4 M records: the oldest go, it is said once, the tab stays small', async () => {
  // The loader hands the wasm exports over when the app starts; keep its linear memory (its export name may have
  // been shortened by tools/short-imports.mjs, so take the value that is a WebAssembly.Memory).
  await env.context.addInitScript(() => {
    addEventListener('TrunkApplicationStarted', (e) => {
      const exports = e.detail?.wasm ?? {};
      window.__kplayMemory = Object.values(exports).find((v) => v instanceof WebAssembly.Memory) ?? null;
    });
  });
  const link = `${SUBPATH}#s=${Buffer.from(JSON.stringify(scenario)).toString('base64url')}`;
  const { page, consoleErrors } = await openWatched(env.context, env.server.origin, link);
  await page.locator('[data-testid=topology]').waitFor({ timeout: 30_000 });
  await page.selectOption('[data-testid=speed]', '9');
  // 4 M records at 100,000 a second: past the cap at 40 s of virtual time.
  await page.waitForFunction((said) => document.querySelector('[data-testid=warnings]')?.textContent.includes(said), SAID, {
    timeout: 120_000,
  });
  // 300 s: 30 M records produced, 960 MB of records without the guard.
  await untilClock(page, 300_000, 240_000);
  const text = await page.locator('[data-testid=warnings]').innerText();
  assert.equal(text.split(SAID).length - 1, 1, `said once: ${text}`);
  const bytes = await page.evaluate(() => window.__kplayMemory?.buffer.byteLength ?? null);
  assert.ok(bytes !== null, 'the wasm memory was found');
  assert.ok(bytes < 512 * 1024 * 1024, `wasm memory ${(bytes / 2 ** 20).toFixed(0)} MiB`);
  assert.deepEqual(consoleErrors, []);
});

// The playground end to end: build a topology through the UI, run it, read the groups table like a Kafka user,
// crash an instance, and keep light/dark screenshots.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openWatched, SUBPATH, ARTIFACTS, withServerAndBrowser, nextFrame, untilFrames, untilClock } from './harness.mjs';

const env = withServerAndBrowser();

const virtualMs = async (page) => Number(await page.getAttribute('[data-testid=clock]', 'data-ms'));

/** Plays at `speedIndex` until `done()` holds or `limitMs` of virtual time passed, then pauses. Between checks
 * it waits for the world to move on (the clock's virtual time), not for wall time. */
async function playUntil(page, done, limitMs, speedIndex = '6') {
  await page.selectOption('[data-testid=speed]', speedIndex);
  const start = await virtualMs(page);
  await page.click('[data-testid=play]');
  try {
    for (;;) {
      if (await done()) return true;
      const now = await virtualMs(page);
      if (now - start > limitMs) return false;
      await untilClock(page, now + 1);
    }
  } finally {
    await page.click('[data-testid=play]');
    assert.match(await page.getAttribute('[data-testid=play]', 'aria-label'), /^Play/);
  }
}

test('build a topic, a keyed producer and a group through the UI, then watch and crash', async () => {
  const { page, consoleErrors, foreignRequests } = await openWatched(env.context, env.server.origin, `${SUBPATH}#preset=empty`);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.locator('[data-testid=topology]').waitFor({ timeout: 30_000 });
  assert.equal(await page.locator('[data-testid=partition-lane]').count(), 0, 'the empty preset has no topic');
  await page.click('[data-testid=play]'); // pause: build first, then run

  await page.click('[data-testid=tab-build]');
  await page.fill('#topic-name', 'orders');
  await page.fill('#topic-partitions', '3');
  await page.click('[data-testid=add-topic]');
  assert.equal(await page.locator('[data-testid=partition-lane]').count(), 3);

  await page.fill('#producer-id', 'shop');
  await page.fill('#producer-rate', '5');
  await page.selectOption('[data-testid=producer-keys-kind]', 'cycle');
  await page.fill('#producer-keys', 'alice, bob, carol, dave, erin');
  await page.click('[data-testid=add-producer]');
  assert.equal(await page.locator('[data-testid=producer]').count(), 1);

  await page.fill('#group-id', 'billing');
  await page.fill('#group-topics', 'orders');
  await page.selectOption('#group-reset', '0'); // earliest
  // New groups default to Spring's container (AckMode.BATCH); this one runs the plain Kafka client with
  // auto-commit every 5 s, so a crash makes the group process records again.
  assert.equal(await page.inputValue('[data-testid=group-commit]'), '0', 'Spring AckMode.BATCH by default');
  await page.selectOption('[data-testid=group-commit]', '7');
  await page.fill('#group-instances', '2');
  await page.fill('#group-threads', '2');
  await page.click('[data-testid=add-group]');
  assert.equal(await page.locator('[data-testid=thread]').count(), 4, '2 instances × 2 threads');

  // 5 s of virtual time with the step button (100 ms each), then on until the group is Stable.
  for (let i = 0; i < 50; i++) await page.click('[data-testid=step]');
  assert.ok((await virtualMs(page)) >= 5000);
  await page.click('[data-testid=tab-groups]');
  const card = page.locator('[data-testid=group-card][data-group=billing]');
  const stable = await playUntil(page, async () => (await card.getAttribute('data-state')) === 'Stable', 30_000, '3');
  assert.ok(stable, 'the group becomes Stable');

  // The describe table lists what the Kafka tool lists: the 3 owned partitions, and no row for the idle thread
  // (ConsumerGroupCommand.collectGroupsOffsets skips members without partitions; `--members` shows them).
  const table = page.locator('[data-testid=describe][data-group=billing]');
  const owned = table.locator('tbody tr[data-topic=orders]');
  assert.equal(await owned.count(), 3);
  for (let i = 0; i < 3; i++) assert.notEqual(await owned.nth(i).locator('[data-col=consumer]').innerText(), '-');
  assert.equal(await table.locator('tbody tr').count(), 3, 'no row for the idle thread');
  assert.equal(await page.locator('[data-testid=thread].idle').count(), 1, 'the picture shows one idle thread');

  // Lag = LOG-END-OFFSET − CURRENT-OFFSET, and LOG-END-OFFSET is the partition's log end in the picture. The
  // world is paused, but the table reads the panel's snapshot (refreshed twice a second): wait for it to settle.
  const ends = async () => {
    const out = [];
    for (let p = 0; p < 3; p++) {
      const row = table.locator(`tbody tr[data-topic=orders][data-partition="${p}"]`);
      const lane = page.locator(`[data-testid=partition-lane][data-topic=orders][data-partition="${p}"]`);
      out.push([Number(await row.locator('[data-col=log-end]').innerText()), Number(await lane.getAttribute('data-log-end'))]);
    }
    return out;
  };
  await untilFrames(page, ends, (e) => e.every(([a, b]) => a === b));
  for (let p = 0; p < 3; p++) {
    const row = table.locator(`tbody tr[data-topic=orders][data-partition="${p}"]`);
    const end = Number(await row.locator('[data-col=log-end]').innerText());
    const current = await row.locator('[data-col=current]').innerText();
    const lag = await row.locator('[data-col=lag]').innerText();
    const lane = page.locator(`[data-testid=partition-lane][data-topic=orders][data-partition="${p}"]`);
    assert.equal(Number(await lane.getAttribute('data-log-end')), end, `partition ${p} log end matches`);
    if (current !== '-') assert.equal(Number(lag), end - Number(current), `partition ${p} lag`);
  }

  // Inspect a partition: log-start / log-end shown.
  await page.click('[data-testid=partition-lane][data-partition="0"] .lane-label');
  assert.equal(await page.locator('[data-testid=log-start]').innerText(), '0');

  // Crash billing-1 while it holds processed-but-uncommitted records (auto-commit runs every 5 s): those are what
  // the group processes again. `data-processed` (one past the last processed offset) above CURRENT-OFFSET means exactly that.
  await page.click('[data-testid=tab-groups]');
  const uncommitted = async () => {
    for (const row of await table.locator('tbody tr[data-topic=orders]').all()) {
      const owner = await row.locator('[data-col=consumer]').innerText();
      const current = Number(await row.locator('[data-col=current]').innerText().then((t) => (t === '-' ? '0' : t)));
      const processed = Number((await row.getAttribute('data-processed')) ?? '0');
      if (owner.startsWith('billing-1-') && processed > current) return true;
    }
    return false;
  };
  for (let i = 0; i < 100 && !(await uncommitted()); i++) await page.click('[data-testid=step]');
  assert.ok(await uncommitted(), 'billing-1 has processed records not committed yet');
  const generation = Number(await card.getAttribute('data-generation'));
  await page.click('[data-testid=crash-billing-1]');
  assert.equal(await page.getAttribute('[data-testid=instance-title][data-instance=billing-1]', 'data-status'), 'crashed');
  const recovered = await playUntil(
    page,
    async () =>
      Number(await card.getAttribute('data-generation')) > generation &&
      Number(await card.getAttribute('data-duplicates')) > 0 &&
      (await card.getAttribute('data-state')) === 'Stable',
    120_000,
  );
  if (!recovered) await page.screenshot({ path: join(ARTIFACTS, 'playground-crash-failed.png') });
  const facts = `generation ${await card.getAttribute('data-generation')} (was ${generation}), duplicates ${await card.getAttribute('data-duplicates')}, state ${await card.getAttribute('data-state')}, t ${await virtualMs(page)}`;
  assert.ok(recovered, `a new generation forms and uncommitted records are reprocessed: ${facts}`);
  assert.equal(await page.locator('[data-testid=thread].down').count(), 2, 'billing-1 threads stay down');
  assert.equal(await page.locator('[data-testid=thread].idle').count(), 0, 'billing-2 has 2 threads for 3 partitions');

  // The crash and the rebalance it caused are marked under the charts' time axis.
  assert.ok((await page.locator('polygon.mark-fault').count()) >= 1, 'the crash is marked on the charts');
  assert.ok((await page.locator('polygon.mark-rebalance').count()) >= 1, 'the rebalance is marked on the charts');

  await page.click('[data-testid=tab-events]');
  // The event log opens on the story of the run: the crash is there however many records were processed.
  assert.match(await page.locator('.event-list').innerText(), /crash/);
  await page.selectOption('#event-filter', 'processed');
  const shown = await page.locator('.event-list li').count();
  assert.ok(shown > 0, 'processed events are listed');
  assert.equal(await page.locator('.event-list li.ev-processed').count(), shown, 'the filter shows only processed events');
  await page.click('[data-testid=tab-groups]');

  // Screenshots: light and dark, after some animation (a second of virtual time).
  const app = page.locator('.app');
  await page.click('[data-testid=play]');
  await untilClock(page, (await virtualMs(page)) + 1000);
  if ((await app.getAttribute('data-theme')) !== 'light') await page.click('.theme-toggle');
  await page.screenshot({ path: join(ARTIFACTS, 'playground-light.png') });
  await page.click('.theme-toggle');
  assert.equal(await app.getAttribute('data-theme'), 'dark');
  await page.screenshot({ path: join(ARTIFACTS, 'playground-dark.png') });

  assert.deepEqual(consoleErrors, [], 'no console errors');
  assert.deepEqual(foreignRequests, [], 'no request leaves the local server');
});

test('a bad share link lists its problems and keeps the default scenario', async () => {
  const { page, consoleErrors } = await openWatched(env.context, env.server.origin, `${SUBPATH}#s=e30`);
  await page.locator('[data-testid=warnings]').waitFor({ timeout: 30_000 });
  assert.match(await page.locator('[data-testid=warnings]').innerText(), /Could not load the linked scenario/);
  assert.equal(await page.locator('[data-testid=partition-lane]').count(), 3, 'the default scenario is shown');
  assert.deepEqual(consoleErrors, []);
});

test('a preset or share link pasted into the open tab loads it (the hash listener of the running app)', async () => {
  const { page, consoleErrors } = await openWatched(env.context, env.server.origin, SUBPATH);
  await page.locator('[data-testid=topology]').waitFor({ timeout: 30_000 });
  assert.equal(await page.locator('[data-testid=partition-lane]').count(), 3, 'the default scenario');
  await page.evaluate(() => { location.hash = '#preset=empty'; });
  await untilFrames(page, () => page.locator('[data-testid=partition-lane]').count(), (n) => n === 0);
  assert.equal(await page.locator('[data-testid=partition-lane]').count(), 0, 'the empty preset has no topic');
  // A share link of one topic with 5 partitions and nothing else.
  const scenario = { version: 1, seed: 1, topics: [{ name: 'pasted', partitions: 5 }] };
  const link = Buffer.from(JSON.stringify(scenario)).toString('base64url');
  await page.evaluate((l) => { location.hash = `#s=${l}`; }, link);
  await untilFrames(page, () => page.locator('[data-testid=partition-lane]').count(), (n) => n === 5);
  assert.equal(await page.locator('[data-testid=partition-lane]').count(), 5, 'the linked scenario');
  assert.deepEqual(consoleErrors, []);
});

test('keyboard: space pauses, → steps 100 ms, +/− change speed, ? opens help and Escape closes it', async () => {
  const { page, consoleErrors } = await openWatched(env.context, env.server.origin, SUBPATH);
  await page.locator('[data-testid=topology]').waitFor({ timeout: 30_000 });
  await page.locator('body').click({ position: { x: 5, y: 400 } });
  await page.keyboard.press(' ');
  assert.match(await page.getAttribute('[data-testid=play]', 'aria-label'), /^Play/, 'space paused');
  const t0 = await virtualMs(page);
  await page.keyboard.press('ArrowRight');
  assert.equal(await virtualMs(page), t0 + 100);
  await page.keyboard.press('+');
  assert.equal(await page.locator('[data-testid=speed]').inputValue(), '4', '1× → 2×');
  await page.keyboard.press('-');
  await page.keyboard.press('-');
  assert.equal(await page.locator('[data-testid=speed]').inputValue(), '2', '→ 0.5×');
  await page.keyboard.press('?');
  await page.locator('[data-testid=help-dialog]').waitFor();
  assert.match(await page.locator('[data-testid=help-dialog]').innerText(), /Space/);
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('[data-testid=help-dialog]').count(), 0);
  assert.deepEqual(consoleErrors, []);
});

test('at 768 px wide nothing overflows the page sideways', async () => {
  const { page, consoleErrors } = await openWatched(env.context, env.server.origin, SUBPATH);
  await page.setViewportSize({ width: 768, height: 1000 });
  await page.locator('[data-testid=topology]').waitFor({ timeout: 30_000 });
  // Settled: a second of virtual time has run (so the panels' slow tick has drawn them too), then one more frame.
  await untilClock(page, 1000);
  await nextFrame(page);
  const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: innerWidth }));
  assert.ok(scroll <= width, `page scrollWidth ${scroll} <= ${width}`);
  await page.screenshot({ path: join(ARTIFACTS, 'playground-768.png'), fullPage: true });
  assert.deepEqual(consoleErrors, []);
});

test('two listener classes in one group: the warning appears above the picture with what each missed', async () => {
  const { page, consoleErrors } = await openWatched(env.context, env.server.origin, SUBPATH);
  await page.locator('[data-testid=topology]').waitFor({ timeout: 30_000 });
  await page.click('[data-testid=tab-groups]');
  await page.fill('#add-instance-billing-listener', 'AuditListener');
  await page.fill('#add-instance-billing-threads', '1');
  await page.click('[data-testid=add-instance-billing]');
  const warning = page.locator('[data-testid=warning-mixed]');
  await warning.waitFor({ timeout: 10_000 });
  assert.match(await warning.innerText(), /AuditListener/);
  assert.match(await warning.innerText(), /OrderListener/);
  await page.selectOption('[data-testid=speed]', '6');
  await page.waitForFunction(
    () => /never saw [1-9]/.test(document.querySelector('[data-testid=warning-mixed]')?.textContent ?? ''),
    null,
    { timeout: 20_000 },
  );
  assert.deepEqual(consoleErrors, []);
});

test('busy bench preset: records fly over the picture, and a record cell under them still opens its lifecycle', async () => {
  const { page, consoleErrors } = await openWatched(env.context, env.server.origin, `${SUBPATH}?preset=bench`);
  await page.locator('[data-testid=topology]').waitFor({ timeout: 30_000 });
  // Records in flight move in their own overlay, not inside the topology SVG.
  await page.waitForFunction(() => document.querySelectorAll('svg.flights circle.flight').length > 0, null, {
    timeout: 10_000,
  });
  assert.equal(await page.locator('[data-testid=topology] circle.flight').count(), 0);
  // 64 partitions: a heatmap of 64 named cells; pointing at one shows its lane under the grid.
  assert.equal(await page.locator('[data-testid=heat-cell]').count(), 64);
  assert.match(await page.locator('[data-testid=heat-cell]').first().getAttribute('aria-label'), /^Partition 0: /);
  await page.hover('[data-testid=heat-cell][data-partition="0"]');
  await page.click('[data-testid=play]'); // pause so the cell stays put
  // Busy lanes draw the snapshot of the 2 Hz slow tick, which may land once more after the pause. A step is a
  // command, and commands take a slow tick at once: once the clock shows the step, the lane shows that world.
  await nextFrame(page);
  const paused = await virtualMs(page);
  await page.click('[data-testid=step]');
  await untilClock(page, paused + 100);
  const cell = page.locator('[data-testid=heat-detail] [data-testid=partition-lane][data-partition="0"] [data-testid=record-cell]').last();
  const offset = await cell.locator('text').textContent();
  await cell.click(); // fails if the flight overlay intercepts the pointer
  const lifecycle = page.locator('[data-testid=lifecycle]');
  await lifecycle.waitFor({ timeout: 5_000 });
  assert.match(await lifecycle.innerText(), new RegExp(`Record events-0 @ offset \\d*${offset.replace('…', '')}`));
  assert.match(await lifecycle.innerText(), /produced by/);
  // Where the record is now, per group, from the engine: one row for each of the three groups.
  const now = page.locator('[data-testid=record-now] tbody tr');
  assert.equal(await now.count(), 3);
  assert.match(await now.first().innerText(), /^audit\s+(waiting|fetched by|processed|committed)/);
  assert.deepEqual(consoleErrors, []);
});

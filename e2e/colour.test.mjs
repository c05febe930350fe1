// Colour and hierarchy: the group state badge in the picture agrees with the side panel's card through a
// rebalance and shares its colours; keys past the 12th are patterned. Driven by steps, waiting on state.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openWatched, SUBPATH, withServerAndBrowser, untilFrames } from './harness.mjs';

const env = withServerAndBrowser();
const STATES = ['Empty', 'PreparingRebalance', 'CompletingRebalance', 'Stable', 'Dead'];
const REBALANCING = ['PreparingRebalance', 'CompletingRebalance'];

/** Reads `read` frame by frame until it gives a value `ok` accepts (the side panel redraws at its own slower tick). */
const settle = untilFrames;

test('the group head shows the state as a badge, in step with the side panel through the first rebalance', async () => {
  const { page, consoleErrors } = await openWatched(env.context, env.server.origin, `${SUBPATH}#preset=default`);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.locator('[data-testid=topology]').waitFor({ timeout: 30_000 });
  await page.click('[data-testid=play]'); // pause, then drive by steps
  assert.match(await page.getAttribute('[data-testid=play]', 'aria-label'), /^Play/);
  await page.click('[data-testid=tab-groups]');
  const card = page.locator('[data-testid=group-card][data-group=billing]');
  const head = page.locator('[data-testid=group-head][data-group=billing] [data-testid=group-head-state]');
  const panelBadge = card.locator('[data-testid=group-state]');
  const seen = new Set();
  for (let step = 0; step < 80 && !(seen.has('Stable') && [...seen].some((s) => REBALANCING.includes(s))); step++) {
    // Read both after the pause: the panel may lag the picture by one of its ticks, never disagree once settled.
    const [inPicture, inPanel] = await settle(
      page,
      async () => [await head.getAttribute('data-state'), await card.getAttribute('data-state')],
      ([a, b]) => a === b,
    );
    assert.equal(inPicture, inPanel, `picture and panel agree at step ${step}`);
    assert.ok(STATES.includes(inPicture), `a Kafka group state: ${inPicture}`);
    assert.match(await head.getAttribute('class'), new RegExp(`\\bst-${inPicture}\\b`), 'the badge carries the state class');
    assert.equal(await head.locator('text').textContent(), inPicture, 'the badge names the state');
    assert.match(await panelBadge.getAttribute('class'), new RegExp(`\\bst-${inPicture}\\b`), 'the panel badge too');
    if (REBALANCING.includes(inPicture) && !seen.has(inPicture)) {
      // The rebalance badge is filled in the warning colour in both places, and pulses.
      const colours = await page.evaluate(() => {
        const rect = document.querySelector('[data-testid=group-head-state] rect');
        const badge = document.querySelector('[data-testid=group-card] [data-testid=group-state]');
        const warning = getComputedStyle(document.querySelector('.app')).getPropertyValue('--warning').trim();
        const probe = document.createElement('span');
        probe.style.color = warning;
        document.body.append(probe);
        const rgb = getComputedStyle(probe).color;
        probe.remove();
        return {
          rect: getComputedStyle(rect).fill,
          badge: getComputedStyle(badge).backgroundColor,
          warning: rgb,
          pulse: getComputedStyle(rect.parentElement).animationName,
        };
      });
      assert.equal(colours.rect, colours.warning, 'picture badge in the warning colour');
      assert.equal(colours.badge, colours.warning, 'panel badge in the same colour');
      assert.equal(colours.pulse, 'pulse', 'it pulses while the group rebalances');
      await page.emulateMedia({ reducedMotion: 'reduce' });
      const still = await page.evaluate(
        () => getComputedStyle(document.querySelector('[data-testid=group-head-state]')).animationName,
      );
      assert.equal(still, 'none', 'no pulse under prefers-reduced-motion');
      await page.emulateMedia({ reducedMotion: 'no-preference' });
    }
    seen.add(inPicture);
    await page.click('[data-testid=step]');
  }
  assert.ok([...seen].some((s) => REBALANCING.includes(s)), `a rebalance was shown: ${[...seen]}`);
  assert.ok(seen.has('Stable'), `then Stable: ${[...seen]}`);
  assert.deepEqual(consoleErrors, []);
});

test('keys: 12 colours, then the same colours hatched, then dotted', async () => {
  const { page, consoleErrors } = await openWatched(env.context, env.server.origin, `${SUBPATH}?preset=bench`);
  await page.locator('[data-testid=topology]').waitFor({ timeout: 30_000 });
  await page.click('[data-testid=play]');
  // The bench preset cycles 32 keys: some cells are past the 12th key (hatched) and past the 24th (dotted). Its 64
  // partitions are a heatmap, so each partition's records show in the detailed lane of the cell pointed at.
  const classes = [];
  const fills = {};
  for (let p = 0; p < 64 && !(fills.hatched && fills.dotted); p++) {
    await page.hover(`[data-testid=heat-cell][data-partition="${p}"]`);
    await page.locator(`[data-testid=heat-detail][data-partition="${p}"]`).waitFor();
    const got = await page.evaluate(() =>
      [...document.querySelectorAll('[data-testid=record-cell] rect')].map((r) => [r.getAttribute('class'), getComputedStyle(r).fill]),
    );
    for (const [c, fill] of got) {
      classes.push(c);
      if (!fills.hatched && /\bkh\b/.test(c)) fills.hatched = fill;
      if (!fills.dotted && /\bkd\b/.test(c)) fills.dotted = fill;
    }
  }
  for (const c of classes) assert.match(c, /^(k([0-9]|1[01])( kh| kd)?|knull)$/, `a key class: ${c}`);
  assert.match(fills.hatched, /url\("?#kh\d+"?\)/, 'hatched keys use the pattern of their colour');
  assert.match(fills.dotted, /url\("?#kd\d+"?\)/, 'dotted keys too');
  assert.equal(await page.locator('pattern#kh0').count(), 1, 'the patterns are defined once');
  assert.deepEqual(consoleErrors, []);
});

// Picture first (issue 17, item 1): the topology fills its column and scales to fit, the charts fold into a strip
// under it, the side panel collapses, no label is cut, and the records in flight stay aligned with the picture.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openWatched, SUBPATH, ARTIFACTS, withServerAndBrowser } from './harness.mjs';

const env = withServerAndBrowser();

/** Share of the viewport covered by the topology SVG's box (what the picture may use: it scales to fit it). */
const pictureShare = (page) =>
  page.evaluate(() => {
    const r = document.querySelector('[data-testid=topology]').getBoundingClientRect();
    const w = Math.min(r.right, innerWidth) - Math.max(r.left, 0);
    const h = Math.min(r.bottom, innerHeight) - Math.max(r.top, 0);
    return (Math.max(w, 0) * Math.max(h, 0)) / (innerWidth * innerHeight);
  });

/** Texts drawn outside the picture's viewBox (cut) and HTML labels wider than their box. */
const overflows = (page) =>
  page.evaluate(() => {
    const bad = [];
    const svg = document.querySelector('[data-testid=topology]');
    const vb = svg.viewBox.baseVal;
    for (const t of svg.querySelectorAll('text')) {
      const b = t.getBBox();
      if (b.width === 0) continue;
      if (b.x < -0.5 || b.x + b.width > vb.width + 0.5 || b.y < -0.5 || b.y + b.height > vb.height + 0.5) {
        bad.push(`svg text "${t.textContent}" at ${b.x.toFixed(0)}+${b.width.toFixed(0)} of ${vb.width}`);
      }
    }
    for (const el of document.querySelectorAll('.stage-tools button, .tab, summary, .controls button, .app-header *')) {
      if (el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1) bad.push(`${el.className || el.tagName} "${el.textContent}"`);
    }
    return bad;
  });

const SIZES = [
  { width: 1440, height: 900 },
  { width: 1920, height: 1080 },
];

for (const size of SIZES) {
  for (const theme of ['light', 'dark']) {
    test(`${size.width}×${size.height} ${theme}: the picture gets the screen, no label is cut`, async () => {
      const { page, consoleErrors } = await openWatched(env.context, env.server.origin, SUBPATH);
      await page.setViewportSize(size);
      await page.locator('[data-testid=topology]').waitFor({ timeout: 30_000 });
      if (theme === 'dark') await page.click('.theme-toggle');
      assert.equal(await page.getAttribute('.app', 'data-theme'), theme);
      // Let the default world run a little, so threads own partitions and records fly.
      await page.waitForFunction(() => document.querySelectorAll('svg.flights circle.flight').length > 0, null, {
        timeout: 10_000,
      });
      await page.click('[data-testid=play]');

      // The flights overlay covers exactly the picture (same box, same viewBox), so records stay on their lanes.
      const boxes = await page.evaluate(() =>
        ['[data-testid=topology]', 'svg.flights'].map((s) => {
          const r = document.querySelector(s).getBoundingClientRect();
          return [r.x, r.y, r.width, r.height, document.querySelector(s).getAttribute('viewBox')];
        }),
      );
      assert.deepEqual(boxes[1], boxes[0], 'the flights overlay shares the picture box and viewBox');

      // Charts start folded on viewports under 1200 px tall, so the picture gets the screen beside the open panel.
      assert.equal(await page.evaluate(() => document.querySelector('[data-testid=charts-fold]').open), false);
      const folded = await pictureShare(page);
      assert.deepEqual(await overflows(page), []);
      await page.screenshot({ path: join(ARTIFACTS, `layout-${size.width}-${theme}.png`) });
      assert.ok(folded >= 0.55, `picture covers ${(folded * 100).toFixed(1)} % beside the open panel (charts folded)`);

      // Opening the charts takes room from the picture; folding them gives it back.
      await page.click('[data-testid=charts-fold] > summary');
      const open = await pictureShare(page);
      assert.ok(open < folded, `the charts take room (${folded} → ${open})`);
      assert.deepEqual(await overflows(page), []);
      await page.screenshot({ path: join(ARTIFACTS, `layout-${size.width}-${theme}-charts.png`) });
      await page.click('[data-testid=charts-fold] > summary');
      assert.ok(Math.abs((await pictureShare(page)) - folded) < 0.005, 'folding the charts gives the room back');
      await page.click('[data-testid=side-toggle]');
      assert.equal(await page.locator('aside.side').isVisible(), false);
      assert.equal(await page.getAttribute('[data-testid=side-toggle]', 'aria-expanded'), 'false');
      const wide = await pictureShare(page);
      console.log(`${size.width}×${size.height} ${theme}: picture ${(folded * 100).toFixed(1)} % (panel open, charts folded: `
        + `the default), ${(open * 100).toFixed(1)} % (charts open), ${(wide * 100).toFixed(1)} % (panel hidden)`);
      assert.ok(wide > folded, `hiding the panel gives the picture more room (${folded} → ${wide})`);
      assert.ok(wide >= 0.55, `picture covers ${(wide * 100).toFixed(1)} % of the viewport with the panel hidden and charts folded`);
      assert.deepEqual(await overflows(page), []);
      await page.screenshot({ path: join(ARTIFACTS, `layout-${size.width}-${theme}-wide.png`) });

      // Zoom: in enlarges the picture (scroll to pan), fit brings it back; both SVGs move together.
      const fitW = await page.evaluate(() => document.querySelector('[data-testid=topology]').getBoundingClientRect().width);
      await page.click('[data-testid=zoom-in]');
      const zoomed = await page.evaluate(() =>
        ['[data-testid=topology]', 'svg.flights'].map((s) => document.querySelector(s).getBoundingClientRect().width),
      );
      assert.ok(Math.abs(zoomed[0] - fitW * 1.25) < 2, `zoom in: ${fitW} → ${zoomed[0]}`);
      assert.equal(zoomed[1], zoomed[0]);
      await page.click('[data-testid=zoom-fit]');
      const back = await page.evaluate(() => document.querySelector('[data-testid=topology]').getBoundingClientRect().width);
      assert.ok(Math.abs(back - fitW) < 1, 'fit restores the picture box');
      await page.click('[data-testid=side-toggle]');
      assert.equal(await page.locator('aside.side').isVisible(), true);
      assert.deepEqual(consoleErrors, []);
    });
  }
}

// A big topic is a heatmap with the detailed lane on hover; dragging the background pans the picture, while cells
// and lanes stay clickable.
test('bench preset at 1920×1080: a 64-partition heatmap, its lane on hover, drag to pan', async () => {
  const { page, consoleErrors } = await openWatched(env.context, env.server.origin, `${SUBPATH}?preset=bench`);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.locator('[data-testid=heatmap]').waitFor({ timeout: 30_000 });
  assert.equal(await page.locator('[data-testid=heat-cell]').count(), 64);
  assert.equal(await page.locator('[data-testid=topology] [data-testid=partition-lane]').count(), 0, 'no 64 lanes');
  await page.click('[data-testid=play]');
  await page.hover('[data-testid=heat-cell][data-partition="37"]');
  await page.locator('[data-testid=heat-detail][data-partition="37"] [data-testid=partition-lane]').waitFor();
  // Keyboard: the focused cell's arrow keys move between cells (not the simulation's step).
  const clock = await page.getAttribute('[data-testid=clock]', 'data-ms');
  await page.focus('[data-testid=heat-cell][data-partition="37"]');
  await page.keyboard.press('ArrowRight');
  await page.locator('[data-testid=heat-detail][data-partition="38"]').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('data-partition')), '38');
  assert.equal(await page.getAttribute('[data-testid=clock]', 'data-ms'), clock, 'the arrow did not step the world');
  assert.deepEqual(await overflows(page), []);
  await page.screenshot({ path: join(ARTIFACTS, 'heatmap-1920.png') });

  // Drag to pan: zoomed in, the box scrolls; pressing on the background drags it.
  await page.click('[data-testid=zoom-in]');
  await page.click('[data-testid=zoom-in]');
  const at = await page.evaluate(() => {
    const box = document.querySelector('.stage-scroll');
    box.scrollLeft = 200;
    box.scrollTop = 150;
    const r = box.getBoundingClientRect();
    for (let y = r.bottom - 30; y > r.top + 30; y -= 17) {
      for (let x = r.right - 40; x > r.left + 40; x -= 23) {
        const el = document.elementFromPoint(x, y);
        if (box.contains(el) && !el.closest('.lane, .thread, .heat-grid, [role=button], [tabindex], button')) {
          return { x, y, left: box.scrollLeft, top: box.scrollTop };
        }
      }
    }
    return null;
  });
  assert.ok(at, 'a background point in the picture');
  assert.ok(at.left >= 60 && at.top >= 40, `the zoomed picture scrolls (${at.left}, ${at.top})`);
  assert.equal(await page.evaluate(({ x, y }) => getComputedStyle(document.elementFromPoint(x, y)).cursor, at), 'grab');
  await page.mouse.move(at.x, at.y);
  await page.mouse.down();
  await page.mouse.move(at.x - 90, at.y - 60, { steps: 4 });
  assert.equal(await page.evaluate(() => document.querySelector('.stage-scroll').hasAttribute('data-drag')), true);
  await page.mouse.move(at.x + 60, at.y + 40, { steps: 4 });
  await page.mouse.up();
  const scrolled = await page.evaluate(() => {
    const b = document.querySelector('.stage-scroll');
    return [b.scrollLeft, b.scrollTop, b.hasAttribute('data-drag'), String(getSelection())];
  });
  assert.deepEqual(scrolled, [at.left - 60, at.top - 40, false, ''], 'dragged 60 px right and 40 px down: the view followed');
  // A cell is still a click target: it selects its partition.
  await page.click('[data-testid=heat-cell][data-partition="2"]', { force: true });
  await page.locator('[data-testid=heat-cell][data-partition="2"].selected').waitFor();
  assert.deepEqual(consoleErrors, []);
});

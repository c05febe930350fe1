// Accessibility, measured (issue 18 item 5): axe-core on the main screen (each side-panel tab, a rebalance with a
// slow and a stopped instance, a record inspected), a lesson step, every Compare view, the main screen in Korean,
// the bench preset's heatmap and the app embedded in a docs page, each in the light and the dark theme: zero
// serious or critical violations. Every visible control is reached by Tab and shows a focus ring; the topology's
// text alternative (its name, and each thread naming the partitions it owns) says exactly what the Groups tab's
// `--describe` tables say. Prints one line per screen, violated rules (and elements) by impact: the figures
// docs/reliability.md records (A11Y_VERBOSE=1 adds each rule's first elements).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openWatched, SUBPATH, ROOT, withServerAndBrowser, untilClock } from './harness.mjs';

const env = withServerAndBrowser();

const AXE = readFile(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
const IMPACTS = ['critical', 'serious', 'moderate', 'minor'];

/** Loads axe into `target` once (see [`axe`] for why through the driver). */
async function inject(target) {
  const source = await AXE;
  if (!(await target.evaluate(() => Boolean(window.axe)))) await target.evaluate(source);
}

/**
 * Runs axe in `target` (a page or a frame) and returns its violations. axe's source goes in through the driver
 * (evaluate), not a <script> tag: the page's Content-Security-Policy refuses inline scripts, and the harness fails
 * a test on any violation of it. axe's default rules: WCAG 2.x A and AA, and its best practices.
 */
async function axe(target) {
  await inject(target);
  return target.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      count: v.nodes.length,
      targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
    }));
  });
}

/**
 * Prints the screen's one-line summary and adds its serious or critical violations, one line per rule, to
 * `problems`; each test asserts its list empty once every screen was measured, so a failure shows them all.
 */
function report(problems, screen, violations) {
  const by = (impact) => violations.filter((v) => v.impact === impact);
  const counts = IMPACTS.map((i) => `${i} ${by(i).length} (${by(i).reduce((n, v) => n + v.count, 0)} nodes)`);
  const rules = violations.map((v) => `${v.id}/${v.impact}`).join(' ');
  console.log(`# a11y ${screen}: ${counts.join(', ')}${rules ? ` · rules: ${rules}` : ''}`);
  if (process.env.A11Y_VERBOSE) for (const v of violations) console.log(`#   ${v.id}: ${v.help}: ${v.targets.join(' | ')}`);
  for (const v of violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')) {
    problems.push(`${screen}: ${v.impact} ${v.id}: ${v.help} (${v.count}×, e.g. ${v.targets.join(' | ')})`);
  }
}

/** Sets the app's theme through its own toggle (the header button) and waits for it. */
async function theme(target, want) {
  if ((await target.getAttribute('.app', 'data-theme')) !== want) await target.click('.theme-toggle');
  await target.waitForSelector(`.app[data-theme=${want}]`);
}

/** Runs axe on `target` in both themes, reporting each as `name (theme)` into `problems`. */
async function bothThemes(problems, target, name) {
  for (const t of ['light', 'dark']) {
    await theme(target, t);
    report(problems, `${name} (${t})`, await axe(target));
  }
}

const NONE = 'no serious or critical accessibility violation';

const pause = async (page) => {
  if ((await page.getAttribute('[data-testid=play]', 'aria-pressed')) === 'true') await page.click('[data-testid=play]');
};

test('axe: the main screen, a lesson step and every Compare view have no serious or critical violation', async () => {
  const { page, consoleErrors, foreignRequests } = await openWatched(env.context, env.server.origin, `${SUBPATH}?lang=en`);
  await page.locator('[data-testid=topology]').waitFor({ timeout: 30_000 });
  // The default scenario after a few seconds of running: groups formed, records in the lanes. Paused, so the
  // page holds still while axe reads it.
  await untilClock(page, 8_000, 60_000);
  await pause(page);
  const problems = [];
  await bothThemes(problems, page, 'main screen');
  // Each tab of the side panel: the forms (Build), the record pages (Inspect), the log, the scenario's JSON.
  const tabs = await page.locator('.side [role=tab]').evaluateAll((ts) => ts.map((t) => t.dataset.testid));
  for (const tab of tabs) {
    await page.click(`[data-testid=${tab}]`);
    await page.waitForSelector(`[data-testid=${tab}][aria-selected=true]`);
    await bothThemes(problems, page, `main screen, ${tab}`);
  }
  // States that bring their own colours: a slow instance, a stopped one (its group rebalances: the warning
  // badge), and a partition opened in the Inspect tab (its lane and a record row selected).
  await page.click('[data-testid=tab-groups]');
  await page.locator('[data-testid^=slow-]:enabled').first().click();
  await page.locator('[data-testid^=stop-]:enabled').last().click();
  await page.click('[data-testid=step]');
  await page.waitForSelector('[data-testid=group-state].st-PreparingRebalance, [data-testid=group-state].st-CompletingRebalance');
  await bothThemes(problems, page, 'main screen, slow + stopped instance, rebalancing');
  await page.locator('[data-testid=partition-lane] .lane-label').first().click();
  await page.click('[data-testid=tab-inspect]');
  await page.locator('.side button.link').first().click();
  await bothThemes(problems, page, 'main screen, a partition and a record inspected');

  // A lesson step: the first lesson of the list, opened as a learner does.
  await page.click('[data-testid=tab-learn]');
  await page.locator('[data-testid=lesson-item] a').first().click();
  await page.locator('[data-testid=step-panel]').waitFor({ timeout: 10_000 });
  await page.locator('[data-testid=step-title]').waitFor();
  await pause(page);
  await bothThemes(problems, page, 'lesson step');

  // The Compare area: each of its views.
  await page.click('[data-testid=area-compare]');
  await page.locator('[data-testid=compare]').waitFor();
  const views = await page.locator('[data-testid^=cmp-view-]').evaluateAll((bs) => bs.map((b) => b.dataset.testid));
  assert.ok(views.length >= 2, `the Compare area has its views: ${views}`);
  for (const view of views) {
    await page.click(`[data-testid=${view}]`);
    await page.waitForSelector(`[data-testid=${view}][aria-pressed=true]`);
    await page.click('[data-testid=step]');
    await bothThemes(problems, page, `compare ${view.slice('cmp-view-'.length)}`);
  }
  assert.deepEqual(problems, [], NONE);
  assert.deepEqual(consoleErrors, []);
  assert.deepEqual(foreignRequests, []);
});

test('axe: the main screen in Korean has no serious or critical violation', async () => {
  const { page, consoleErrors, foreignRequests } = await openWatched(env.context, env.server.origin, `${SUBPATH}?lang=ko`);
  await page.locator('[data-testid=topology]').waitFor({ timeout: 30_000 });
  await page.waitForFunction(() => document.documentElement.lang === 'ko', null, { timeout: 10_000 });
  await untilClock(page, 8_000, 60_000);
  await pause(page);
  const problems = [];
  for (const tab of ['tab-groups', 'tab-build']) {
    await page.click(`[data-testid=${tab}]`);
    await bothThemes(problems, page, `main screen in Korean, ${tab}`);
  }
  assert.deepEqual(problems, [], NONE);
  assert.deepEqual(consoleErrors, []);
  assert.deepEqual(foreignRequests, []);
});

test('axe: the bench preset (64 partitions drawn as a heatmap) has no serious or critical violation', async () => {
  const { page, consoleErrors, foreignRequests } = await openWatched(env.context, env.server.origin, `${SUBPATH}?lang=en&preset=bench`);
  await page.locator('[data-testid=heat-cell]').first().waitFor({ timeout: 30_000 });
  await untilClock(page, 3_000, 60_000);
  await pause(page);
  const problems = [];
  await bothThemes(problems, page, 'bench preset, heatmap');
  assert.deepEqual(problems, [], NONE);
  assert.deepEqual(consoleErrors, []);
  assert.deepEqual(foreignRequests, []);
});

test('axe: the app embedded in a docs page from a subpath has no serious or critical violation', async () => {
  const { page, consoleErrors, foreignRequests } = await openWatched(env.context, env.server.origin, '/docs/');
  await page.frameLocator('#kplay').locator('[data-testid=topology]').waitFor({ timeout: 30_000 });
  const app = page.frames().find((f) => f.url().endsWith(SUBPATH));
  assert.ok(app, 'the iframe shows the app');
  await app.waitForFunction(() => Number(document.querySelector('[data-testid=clock]')?.dataset.ms) >= 3_000, null, {
    timeout: 60_000,
    polling: 'raf',
  });
  await pause(app);
  const problems = [];
  await bothThemes(problems, app, 'embedded');
  assert.deepEqual(problems, [], NONE);
  assert.deepEqual(consoleErrors, []);
  assert.deepEqual(foreignRequests, []);
});

test('axe: embed mode (issue 13), alone in both themes and as the two embeds of the example page', async () => {
  const problems = [];
  for (const [t, extra] of [['light', ''], ['dark', '&tab=groups']]) {
    const { page, consoleErrors, foreignRequests } = await openWatched(
      env.context,
      env.server.origin,
      `${SUBPATH}?embed=1&lang=en&theme=${t}${extra}`,
    );
    await page.locator('.app.embed [data-testid=topology]').waitFor({ timeout: 30_000 });
    await untilClock(page, 3_000, 60_000);
    await pause(page);
    report(problems, `embed (${t}${extra})`, await axe(page));
    assert.deepEqual(consoleErrors, []);
    assert.deepEqual(foreignRequests, []);
  }
  const { page, consoleErrors } = await openWatched(env.context, env.server.origin, `${SUBPATH}embed-example.html`);
  for (const id of ['kplay-picture', 'kplay-lesson']) {
    await page.frameLocator(`#${id}`).locator('.app.embed [data-testid=topology]').waitFor({ timeout: 30_000 });
  }
  await page.frameLocator('#kplay-lesson').locator('[data-testid=step-panel]').waitFor({ timeout: 30_000 });
  for (const frame of page.frames().filter((f) => f.url().includes('embed=1'))) {
    report(problems, `embed example ${frame.url().split('?')[1]}`, await axe(frame));
  }
  assert.deepEqual(problems, [], NONE);
  assert.deepEqual(consoleErrors, []);
});

/**
 * The visible controls Tab should reach: every enabled native control (a `tabindex="-1"` on one hides it from the
 * keyboard, which this test is there to catch), and other elements made focusable (`tabindex` ≥ 0: the picture's
 * lanes, the describe table's scroll box). Cells of a roving group (the heatmap's, `tabindex="-1"` but one, moved
 * by the arrow keys) are not Tab stops.
 */
const NATIVE = 'button, input, select, textarea, a[href], summary';
const CONTROLS = `${NATIVE}, [tabindex]`;

test('keyboard: Tab reaches every visible control of the main screen, each with a visible focus ring', async () => {
  const { page, consoleErrors } = await openWatched(env.context, env.server.origin, `${SUBPATH}?lang=en`);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.locator('[data-testid=topology]').waitFor({ timeout: 30_000 });
  await untilClock(page, 3_000, 60_000);
  await pause(page);
  for (const t of ['light', 'dark']) {
    await theme(page, t);
    const total = await page.evaluate(([sel, native]) => {
      const visible = (el) => {
        if (el.disabled || el.closest('[inert], [aria-hidden=true]')) return false;
        // Inside a closed <details> only its own <summary> shows.
        const fold = el.closest('details:not([open])');
        if (fold && !(el.tagName === 'SUMMARY' && el.parentElement === fold)) return false;
        const s = getComputedStyle(el);
        return el.getClientRects().length > 0 && s.visibility !== 'hidden' && s.display !== 'none';
      };
      window.__controls = [...document.querySelectorAll(sel)].filter((el) => (el.matches(native) || el.tabIndex >= 0) && visible(el));
      window.__reached = new Set();
      window.__unringed = [];
      document.activeElement?.blur();
      return window.__controls.length;
    }, [CONTROLS, NATIVE]);
    assert.ok(total >= 10, `the main screen has its controls (${total})`);
    // Twice round, so wrapping from the last control back to the address bar does not end the walk early.
    for (let i = 0; i < total * 2 + 10; i++) {
      await page.keyboard.press('Tab');
      await page.evaluate(() => {
        const el = document.activeElement;
        if (!el || el === document.body || window.__reached.has(el)) return;
        window.__reached.add(el);
        const s = getComputedStyle(el);
        const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
        if (!ring) window.__unringed.push(el.outerHTML.slice(0, 120));
      });
    }
    const { missed, unringed } = await page.evaluate(() => ({
      missed: window.__controls.filter((el) => el.isConnected && !window.__reached.has(el)).map((el) => el.outerHTML.slice(0, 120)),
      unringed: window.__unringed,
    }));
    console.log(`# a11y keyboard (${t}): ${total} visible controls, ${missed.length} not reached by Tab, ${unringed.length} without a focus ring`);
    assert.deepEqual(missed, [], `${t}: every visible control is reached by Tab`);
    assert.deepEqual(unringed, [], `${t}: every focused control shows a focus ring (outline or box-shadow)`);
  }
  // Usable, not only reachable: Enter on a partition lane's label (an SVG element with role=button) selects it.
  const lane = page.locator('[data-testid=partition-lane]').first();
  await lane.locator('.lane-label').focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid=partition-lane]')?.classList.contains('selected'));
  assert.deepEqual(consoleErrors, []);
});

test('the topology has a text alternative: its name, threads naming what they own, and the Groups tables', async () => {
  const { page, consoleErrors } = await openWatched(env.context, env.server.origin, `${SUBPATH}?lang=en`);
  await page.locator('[data-testid=topology]').waitFor({ timeout: 30_000 });
  await untilClock(page, 8_000, 60_000);
  await pause(page);
  await inject(page); // for axe.commons: each accessible name as a screen reader computes it
  const picture = await page.evaluate(() => {
    const svg = document.querySelector('[data-testid=topology]');
    window.axe.setup(document);
    const name = (el) => window.axe.commons.text.accessibleText(el);
    const out = {
      role: svg.getAttribute('role'),
      name: name(svg),
      // Each thread's accessible name: "billing-1 thread 0: orders-0, orders-1" (or why it owns nothing).
      threads: [...svg.querySelectorAll('[data-testid=thread]')].map((t) => ({ client: `${t.dataset.instance}-${t.dataset.thread}`, name: name(t) })),
    };
    window.axe.teardown();
    return out;
  });
  assert.equal(picture.role, 'group', 'a group, not an image: its lanes are buttons a keyboard reaches');
  assert.match(picture.name, /Topology/);
  assert.match(picture.name, /Groups tab/, 'the name points to the table of who owns what');
  assert.ok(picture.threads.length > 0);
  // What the picture says each thread owns, as "client-id topic-partition" pairs.
  const said = picture.threads
    .flatMap((t) => (t.name.split(': ')[1] ?? '').split(', ').filter((tp) => /^\S+-\d+$/.test(tp)).map((tp) => `${t.client} ${tp}`))
    .sort();
  // The Groups tab's `--describe` tables: per (topic, partition), the owner's CLIENT-ID (instance-thread), '-' if none.
  await page.click('[data-testid=tab-groups]');
  await page.locator('[data-testid=describe]').first().waitFor();
  const table = (
    await page.locator('[data-testid=describe] tbody tr').evaluateAll((trs) =>
      trs.map((tr) => [tr.lastElementChild.textContent, `${tr.dataset.topic}-${tr.dataset.partition}`].join(' ')),
    )
  )
    .filter((row) => !row.startsWith('- '))
    .sort();
  assert.ok(table.length > 0, 'the groups own partitions after 8 s');
  assert.deepEqual(said, table, 'the threads of the picture name exactly the owners the Groups table lists');
  assert.deepEqual(consoleErrors, []);
});

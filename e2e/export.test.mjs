// Issue 13, items 4 and 5: the session survives a reload (autosave), damaged saved data opens the default with a
// notice, reset asks before discarding a live action, and the Scenario tab's exports download the trace, the
// --describe text and a chart (SVG and PNG).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { inflateSync } from 'node:zlib';
import { openWatched, SUBPATH, withServerAndBrowser, untilClock, untilFrames } from './harness.mjs';

const env = withServerAndBrowser();
const KEY = 'kplay.autosave.v1';

/** The full app in a page that keeps its autosave (the harness turns it off for other tests); `fresh` starts it
 * with no saved session, removed before the app runs (an earlier test's session would otherwise come back, and a
 * removal from the running page can be overwritten by its next save). */
async function openSaving(fresh = false) {
  const page = await env.context.newPage();
  await page.addInitScript(() => {
    window.__kplayAutosave = true;
  });
  if (fresh) await page.addInitScript((k) => localStorage.removeItem(k), KEY);
  const errors = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(env.server.origin + SUBPATH, { waitUntil: 'load' });
  await page.locator('.app-header').waitFor({ timeout: 30_000 });
  return { page, errors };
}

/** A PNG file's size (IHDR) and its top-left pixel as [r, g, b, a]: the first pixel of the first row is stored
 * as is whatever the row's filter (each filter predicts it from zeros), so it needs no unfiltering. Checks the
 * signature and that the image is 8-bit RGBA, as a canvas writes it. */
function pngFacts(bytes) {
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'the PNG signature');
  assert.equal(bytes.toString('latin1', 12, 16), 'IHDR');
  const [width, height] = [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
  assert.deepEqual([bytes[24], bytes[25]], [8, 6], '8-bit RGBA');
  const idat = [];
  for (let at = 8; at < bytes.length; ) {
    const len = bytes.readUInt32BE(at);
    if (bytes.toString('latin1', at + 4, at + 8) === 'IDAT') idat.push(bytes.subarray(at + 8, at + 8 + len));
    at += 12 + len;
  }
  const rows = inflateSync(Buffer.concat(idat));
  return { width, height, topLeft: [...rows.subarray(1, 5)] };
}

/** The app's `--surface` colour as [r, g, b, 255], resolved by the browser. */
const surface = (page) =>
  page.evaluate(() => {
    const probe = document.createElement('i');
    probe.style.color = getComputedStyle(document.querySelector('.app')).getPropertyValue('--surface');
    document.body.append(probe);
    const rgb = getComputedStyle(probe).color.match(/\d+/g).map(Number);
    probe.remove();
    return [...rgb.slice(0, 3), 255];
  });

const saved = (page) => page.evaluate((k) => JSON.parse(localStorage.getItem(k) ?? 'null'), KEY);

test('autosave: the scenario and moment come back after a reload; damaged data opens the default with a notice', async () => {
  const { page, errors } = await openSaving();
  await page.evaluate((k) => localStorage.removeItem(k), KEY);
  await page.click('[data-testid=tab-scenario]');
  await page.click('.scenario button:text-is("bench")');
  await untilClock(page, 3_000);
  // Saved when the scenario changed and then every 2 s while running.
  await page.waitForFunction((k) => (JSON.parse(localStorage.getItem(k) ?? 'null')?.t_ms ?? 0) >= 2_000, KEY, { timeout: 30_000 });
  const before = await saved(page);
  assert.equal(before.version, 1);
  assert.equal(before.scenario.topics[0].partitions, 64);

  await page.reload({ waitUntil: 'load' });
  await page.locator('[data-testid=notice]').waitFor({ timeout: 30_000 });
  assert.match(await page.locator('[data-testid=notice]').innerText(), /Last session restored/);
  await untilClock(page, before.t_ms);
  await page.click('[data-testid=tab-scenario]');
  assert.match(await page.locator('[data-testid=scenario-json]').inputValue(), /"partitions": 64/);

  // The damaged text is written before the app starts (an init script of the reloaded page), so no save of the
  // running page can land between writing it and the reload.
  await page.addInitScript((k) => localStorage.setItem(k, '{"version":1,"t_ms":5,"scenario":{"topics":[{"name":"t","partitions":0}]}}'), KEY);
  await page.reload({ waitUntil: 'load' });
  await page.locator('[data-testid=notice]').waitFor({ timeout: 30_000 });
  assert.match(await page.locator('[data-testid=notice]').innerText(), /could not be used/);
  assert.equal(await page.locator('[data-testid=partition-lane]').count(), 3, 'the default scenario');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a link opened over a saved session does not replace it until the learner acts', async () => {
  const { page, errors } = await openSaving();
  await page.evaluate((k) => localStorage.removeItem(k), KEY);
  await page.click('[data-testid=tab-scenario]');
  await page.click('.scenario button:text-is("bench")');
  const partitions = () => page.evaluate((k) => JSON.parse(localStorage.getItem(k) ?? 'null')?.scenario?.topics?.map((t) => t.partitions), KEY);
  await page.waitForFunction((k) => JSON.parse(localStorage.getItem(k) ?? 'null')?.scenario?.topics?.[0]?.partitions === 64, KEY, { timeout: 30_000 });
  const kept = async (why) => {
    // Longer than a save interval (2 s) of the running clock: at 1x frames never run the clock ahead of real
    // time, so 2.5 virtual seconds are at least 2.5 real ones.
    const now = await page.evaluate(() => Number(document.querySelector('[data-testid=clock]')?.dataset.ms));
    await untilClock(page, now + 2_500);
    assert.deepEqual(await partitions(), [64], why);
  };
  const link = Buffer.from(JSON.stringify({ version: 1, seed: 1, topics: [{ name: 'pasted', partitions: 5 }] })).toString('base64url');
  const lanes = async (n) => assert.equal(await untilFrames(page, () => page.locator("[data-testid=partition-lane]").count(), (c) => c === n), n);
  // Links pasted into the open tab (hashchange), then opened by a page load; #s=e30 is a broken one (the
  // default opens with the link's problems).
  await page.evaluate((l) => { location.hash = `#s=${l}`; }, link);
  await lanes(5);
  await kept('a link pasted into the tab');
  await page.evaluate(() => { location.hash = '#s=e30'; });
  await page.locator('[data-testid=warnings]').waitFor({ timeout: 30_000 });
  await kept('a broken link pasted into the tab');
  await page.reload({ waitUntil: 'load' });
  await page.locator('[data-testid=warnings]').waitFor({ timeout: 30_000 });
  await kept('a broken link opened');
  await page.evaluate((l) => { location.hash = `#s=${l}`; }, link);
  await page.reload({ waitUntil: 'load' });
  await lanes(5);
  await kept('a link opened');
  // The learner acts on the link's world: now it is their session.
  await page.click('[data-testid=reset]');
  await page.waitForFunction((k) => JSON.parse(localStorage.getItem(k) ?? 'null')?.scenario?.topics?.[0]?.partitions === 5, KEY, { timeout: 30_000 });
  assert.deepEqual(errors, []);
  await page.close();
});

test('reset asks before discarding a live action; the exports download the trace, --describe and a chart', async () => {
  const { page, errors } = await openSaving(true);
  await untilClock(page, 3_000);
  await page.click('[data-testid=tab-groups]');
  await page.click('[data-testid=crash-billing-1]');
  await page.click('[data-testid=play]');
  const ms = () => page.locator('[data-testid=clock]').getAttribute('data-ms').then(Number);
  const at = await ms();
  await page.click('[data-testid=reset]');
  assert.match(await page.locator('[data-testid=reset]').innerText(), /Discard your actions\?/);
  assert.equal(await ms(), at, 'the first click only asks');
  await page.click('[data-testid=reset]');
  assert.equal(await ms(), 0, 'the second click resets');
  assert.match(await page.locator('[data-testid=reset]').innerText(), /Reset/);

  await page.click('[data-testid=play]');
  // Past the first rebalance and commit, so --describe has rows (a group without any prints none, as in Kafka).
  await untilClock(page, 10_000);
  await page.click('[data-testid=tab-scenario]');
  const download = async (label) => {
    const [d] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid=export] button:text-is("${label}")`)]);
    const bytes = await readFile(await d.path());
    return { name: d.suggestedFilename(), bytes, text: bytes.toString('utf8') };
  };
  const trace = await download('Trace (.jsonl)');
  assert.equal(trace.name, 'kplay-trace.jsonl');
  const lines = trace.text.trimEnd().split('\n').map((l) => JSON.parse(l));
  assert.ok(lines.length > 10 && lines.length <= 300, `${lines.length} lines`);
  assert.ok(lines.every((e) => Number.isInteger(e.t_ms) && typeof e.kind === 'string'));
  const describe = await download('--describe (.txt)');
  assert.equal(describe.name, 'kplay-describe.txt');
  assert.match(describe.text, /^\nGROUP {11}TOPIC {11}PARTITION  CURRENT-OFFSET  LOG-END-OFFSET  LAG {13}CONSUMER-ID/);
  const chart = await download('Lag per group (.svg)');
  assert.equal(chart.name, 'kplay-lag-group.svg');
  assert.match(chart.text, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 -14 360 134"/);
  assert.match(
    chart.text,
    /<\/style><rect class="bg" y="-14" width="360" height="134"\/><text class="tick" x="2" y="-3">Lag per group<\/text>/,
    'a background under everything, then the title, in the file',
  );
  assert.match(chart.text, /svg\{--g0:[^;]+;/, 'the theme colour inlined');
  // The PNG: the same chart drawn at twice the SVG's size, over the theme's background (no transparent pixel
  // where nothing is drawn), in the light theme and then the dark one.
  const [, , , svgWidth, svgHeight] = chart.text.match(/viewBox="(\S+) (\S+) (\S+) (\S+)"/).map(Number);
  for (const theme of ['light', 'dark']) {
    if ((await page.getAttribute('.app', 'data-theme')) !== theme) await page.click('.theme-toggle');
    await page.waitForSelector(`.app[data-theme=${theme}]`);
    const png = await download('Lag per group (.png)');
    assert.equal(png.name, 'kplay-lag-group.png');
    const facts = pngFacts(png.bytes);
    assert.deepEqual([facts.width, facts.height], [2 * svgWidth, 2 * svgHeight], 'twice the SVG size');
    assert.deepEqual(facts.topLeft, await surface(page), `the ${theme} theme's background`);
    // The chart fills the whole canvas: an image drawn smaller would leave transparent pixels at the far corners.
    const corners = await page.evaluate(async (data) => {
      const image = await createImageBitmap(new Blob([new Uint8Array(data)], { type: 'image/png' }));
      const context = new OffscreenCanvas(image.width, image.height).getContext('2d');
      context.drawImage(image, 0, 0);
      const alpha = (x, y) => context.getImageData(x, y, 1, 1).data[3];
      return [alpha(image.width - 1, 0), alpha(0, image.height - 1), alpha(image.width - 1, image.height - 1)];
    }, [...png.bytes]);
    assert.deepEqual(corners, [255, 255, 255], 'opaque up to the far corners');
  }
  assert.equal(await page.locator('[data-testid=notice]').count(), 0, 'no refusal notice');
  // A browser that refuses to decode the image: no file, the notice says so, nothing breaks.
  await page.evaluate(() => {
    HTMLImageElement.prototype.decode = () => Promise.reject(new DOMException('refused', 'EncodingError'));
  });
  await page.click('[data-testid=export] button:text-is("Throughput (.png)")');
  await page.locator('[data-testid=notice]').waitFor({ timeout: 30_000 });
  assert.match(await page.locator('[data-testid=notice]').innerText(), /refused to make the file/);
  await download('Lag per group (.svg)');
  await page.locator('[data-testid=notice]').waitFor({ state: 'detached', timeout: 30_000 });
  assert.deepEqual(errors, []);
  await page.close();
});

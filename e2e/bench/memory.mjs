// Memory bench (not a test, issue 18 item 3): runs the `bench` preset (64 partitions, 3 groups, 24 threads,
// 2,000 records/s) at 50× in headless Chromium and samples memory at the start (once the groups are Stable), then
// every minute, for `--minutes N` (default 60): the JS heap (CDP Runtime.getHeapUsage, before and after a forced
// garbage collection), the wasm linear memory (the instance's exported WebAssembly.Memory), DOM nodes (elements in
// the document, and CDP Memory.getDOMCounters: nodes still held, attached or not, and event listeners) and the
// virtual time the app's clock shows.
// Run: cargo xtask bench memory [--minutes N]   (or: cargo xtask build && node e2e/bench/memory.mjs --minutes 2)
// Environment: DIST=/path/to/dist (serve another build, e.g. a copy kept while dist/ is rebuilt), PRESET=default,
// SPEED=9 (index into the speed list: 9 is 50×), VIEWPORT=1920x1080.
// Output: one JSON line per sample on stdout, then a summary (start, 10 min, last, max of each measure; growth
// from 10 min to the end). Everything also goes to e2e/artifacts/memory-<UTC date and time>.json (git-ignored).
import { loadavg } from 'node:os';
import { resolve, join } from 'node:path';
import { mkdir, writeFile } from 'node:fs/promises';
import { serveDist, launchBrowser, SUBPATH, ARTIFACTS } from '../harness.mjs';
import { untilGroupsStable } from './trace.mjs';

const args = process.argv.slice(2);
const at = args.indexOf('--minutes');
const MINUTES = at >= 0 ? Number(args[at + 1]) : 60;
if (!(MINUTES > 0)) {
  console.error(`--minutes: ${JSON.stringify(args[at + 1])} is not a positive number`);
  process.exit(2);
}
const SPEED = process.env.SPEED ?? '9';
const PRESET = process.env.PRESET ?? 'bench';
const MB = 1024 * 1024;

const server = await serveDist(process.env.DIST ? resolve(process.env.DIST) : undefined);
const context = await launchBrowser();
const started = new Date();
const samples = [];
const errors = [];
let crashed = null;
try {
  const page = await context.newPage();
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('crash', () => (crashed = 'the page crashed (renderer gone; out of memory?)'));
  // The loader announces the started app with its wasm exports; keep the instance's memory (its export name may
  // have been shortened by tools/short-imports.mjs, so look for the value that is a WebAssembly.Memory).
  await page.addInitScript(() => {
    addEventListener('TrunkApplicationStarted', (e) => {
      const exports = e.detail?.wasm ?? {};
      window.__kplayMemory = Object.values(exports).find((v) => v instanceof WebAssembly.Memory) ?? null;
    });
  });
  const [width, height] = (process.env.VIEWPORT ?? '1920x1080').split('x').map(Number);
  await page.setViewportSize({ width, height });
  await page.goto(`${server.origin}${SUBPATH}?preset=${PRESET}`, { waitUntil: 'load' });
  await page.locator('[data-testid=topology]').waitFor({ timeout: 60_000 });
  await page.selectOption('[data-testid=speed]', SPEED);
  const speedLabel = await page.locator('[data-testid=speed] option:checked').textContent();
  // The app plays on load; if a later change makes it start paused, press play.
  if (/^Play/.test((await page.getAttribute('[data-testid=play]', 'aria-label')) ?? '')) {
    await page.click('[data-testid=play]');
  }
  await untilGroupsStable(page, 120_000, 'raf');
  const cdp = await context.newCDPSession(page);
  const t0 = Date.now();
  const sample = async () => {
    const before = await cdp.send('Runtime.getHeapUsage');
    await cdp.send('HeapProfiler.collectGarbage');
    const after = await cdp.send('Runtime.getHeapUsage');
    const dom = await cdp.send('Memory.getDOMCounters');
    const inPage = await page.evaluate(() => ({
      wasmBytes: window.__kplayMemory?.buffer.byteLength ?? null,
      elements: document.getElementsByTagName('*').length,
      virtualMs: Number(document.querySelector('[data-testid=clock]')?.dataset.ms),
    }));
    const s = {
      minute: Math.round((Date.now() - t0) / 600) / 100,
      jsHeapUsed: before.usedSize,
      jsHeapUsedAfterGc: after.usedSize,
      jsHeapTotal: after.totalSize,
      wasmBytes: inPage.wasmBytes,
      domElements: inPage.elements,
      domNodesHeld: dom.nodes,
      listeners: dom.jsEventListeners,
      virtualMs: inPage.virtualMs,
      load1: Math.round(loadavg()[0] * 100) / 100,
    };
    samples.push(s);
    console.log(JSON.stringify(s));
  };
  await sample();
  for (let minute = 1; minute <= MINUTES && !crashed; minute++) {
    const wait = t0 + minute * 60_000 - Date.now();
    if (wait > 0) await new Promise((ok) => setTimeout(ok, wait));
    if (crashed) break;
    try {
      await sample();
    } catch (e) {
      crashed ??= `sampling failed at minute ${minute}: ${e.message.split('\n')[0]}`;
    }
  }
  const summary = summarize(samples, { speedLabel, preset: PRESET, viewport: `${width}x${height}` });
  if (crashed) summary.stopped = crashed;
  if (errors.length) summary.consoleErrors = errors.slice(0, 20);
  // An app that died (e.g. `RuntimeError: unreachable` when the wasm cannot grow past 4 GiB) keeps its page: its
  // clock just stops. Say from which sample on it stood still.
  const still = samples.findIndex((x, i) => i > 0 && samples.slice(i).every((y) => y.virtualMs === samples[i - 1].virtualMs));
  if (still > 0) summary.clockStoodStillFromMinute = samples[still - 1].minute;
  printSummary(summary);
  await mkdir(ARTIFACTS, { recursive: true });
  const stamp = started.toISOString().slice(0, 16).replace(':', '');
  const file = join(ARTIFACTS, `memory-${stamp}.json`);
  await writeFile(file, JSON.stringify({ summary, samples }, null, 1) + '\n');
  console.log(`written ${file}`);
  if (crashed || errors.length || summary.clockStoodStillFromMinute !== undefined) process.exitCode = 1;
} finally {
  await context.close();
  await server.close();
}

/** Start, 10 min (or the last sample before it), last, max of each measure, and the growth from 10 min to the end. */
function summarize(list, about) {
  const first = list[0];
  const last = list[list.length - 1];
  const ten = [...list].reverse().find((s) => s.minute <= 10.05) ?? first;
  const keys = ['jsHeapUsed', 'jsHeapUsedAfterGc', 'wasmBytes', 'domElements', 'domNodesHeld', 'listeners'];
  const pick = (s) => (s ? Object.fromEntries(keys.concat('minute', 'virtualMs').map((k) => [k, s[k]])) : null);
  return {
    ...about,
    startedUtc: started.toISOString(),
    minutesRun: last?.minute ?? 0,
    samples: list.length,
    start: pick(first),
    at10: pick(ten),
    end: pick(last),
    max: Object.fromEntries(keys.map((k) => [k, Math.max(...list.map((s) => s[k] ?? 0))])),
    growth10ToEnd: Object.fromEntries(keys.map((k) => [k, (last?.[k] ?? 0) - (ten?.[k] ?? 0)])),
    virtualHoursReached: Math.round(((last?.virtualMs ?? 0) / 3_600_000) * 100) / 100,
  };
}

function printSummary(s) {
  const mb = (b) => (b == null ? '-' : `${(b / MB).toFixed(1)} MiB`);
  const row = (name, get) =>
    `${name.padEnd(22)} start ${get(s.start)}  10 min ${get(s.at10)}  end (${s.end?.minute} min) ${get(s.end)}  max ${get(s.max)}  growth 10→end ${get(s.growth10ToEnd)}`;
  console.log(`summary: preset ${s.preset} at ${s.speedLabel}, ${s.viewport}, ${s.minutesRun} min, ${s.samples} samples`);
  console.log(row('JS heap used', (x) => mb(x?.jsHeapUsed)));
  console.log(row('JS heap used after GC', (x) => mb(x?.jsHeapUsedAfterGc)));
  console.log(row('wasm memory', (x) => mb(x?.wasmBytes)));
  console.log(row('DOM elements', (x) => String(x?.domElements)));
  console.log(row('DOM nodes held', (x) => String(x?.domNodesHeld)));
  console.log(row('event listeners', (x) => String(x?.listeners)));
  console.log(`virtual time reached ${s.virtualHoursReached} h (${s.end?.virtualMs} ms)`);
  if (s.stopped) console.log(`stopped early: ${s.stopped}`);
  if (s.clockStoodStillFromMinute !== undefined) console.log(`the clock stood still from minute ${s.clockStoodStillFromMinute}`);
  if (s.consoleErrors) console.log('console errors:', s.consoleErrors);
}

// Frame-time bench (not a test): loads `?preset=bench` (64 partitions, 3 groups, 24 threads, 2,000 records/s) at 1×,
// records requestAnimationFrame timestamps in the page for 10 s, and prints p50/p95/max frame time and the DOM size.
// Run: trunk build --release --offline && node e2e/bench/frame_time.mjs   (PRESET=default, TAB=build, SECONDS=5 vary it)
import { serveDist, launchBrowser, SUBPATH } from '../harness.mjs';

const SECONDS = Number(process.env.SECONDS ?? 10);
const server = await serveDist();
const context = await launchBrowser();
try {
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${server.origin}${SUBPATH}?preset=${process.env.PRESET ?? 'bench'}`, { waitUntil: 'load' });
  await page.locator('[data-testid=topology]').waitFor({ timeout: 30_000 });
  if (process.env.TAB) await page.click(`[data-testid=tab-${process.env.TAB}]`);
  await page.waitForTimeout(2000); // let the groups join and the first rebalance settle
  const result = await page.evaluate(async (seconds) => {
    const stamps = [];
    await new Promise((done) => {
      const end = performance.now() + seconds * 1000;
      const tick = (t) => {
        stamps.push(t);
        if (t < end) requestAnimationFrame(tick);
        else done();
      };
      requestAnimationFrame(tick);
    });
    const gaps = stamps.slice(1).map((t, i) => t - stamps[i]).sort((a, b) => a - b);
    const q = (p) => gaps[Math.min(gaps.length - 1, Math.floor(p * gaps.length))];
    return {
      frames: gaps.length,
      p50: q(0.5),
      p95: q(0.95),
      max: gaps[gaps.length - 1],
      domNodes: document.getElementsByTagName('*').length,
      virtualMs: Number(document.querySelector('[data-testid=clock]')?.getAttribute('data-ms')),
    };
  }, SECONDS);
  const f = (x) => x.toFixed(1);
  console.log(`frames ${result.frames} in ${SECONDS} s`);
  console.log(`frame time p50 ${f(result.p50)} ms  p95 ${f(result.p95)} ms  max ${f(result.max)} ms  (goal p95 <= 16.7 ms)`);
  console.log(`DOM elements ${result.domNodes}; virtual time reached ${result.virtualMs} ms`);
  if (errors.length) console.log('console errors:', errors);
} finally {
  await context.close();
  await server.close();
}

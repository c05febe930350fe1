// Lesson-open bench (not a test; issue 11 budget: opening a lesson step ≤ 100 ms): in a loaded playground, sets
// `#lesson=N&step=K` for every step of every lesson and measures, in the page, the wall time from the hash change
// until the step panel shows that step and one more frame has been painted (fetching the lesson file the first
// time, building the step's world — replaying earlier steps when the step continues them — and the first frame).
// Run: trunk build --release --offline && node e2e/bench/lesson_open.mjs
// Environment: DIST=/path/to/dist (serve another build), ROUNDS=2 (times each step is opened).
// Output (one fact per line):
//   lesson <n> step <k>: first <ms> ms, again <ms> ms
//   steps <n>; open time p50 <ms> ms, p95 <ms> ms, max <ms> ms (goal max <= 100 ms); first opens max <ms> ms
//   load average <1 min> <5 min> <15 min>
import { loadavg } from 'node:os';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { serveDist, launchBrowser, SUBPATH, ROOT } from '../harness.mjs';

const ROUNDS = Number(process.env.ROUNDS ?? 2);
const index = JSON.parse(await readFile(join(ROOT, 'lessons', 'index.json'), 'utf8'));
const server = await serveDist(process.env.DIST ? resolve(process.env.DIST) : undefined);
const context = await launchBrowser();
try {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${server.origin}${SUBPATH}`, { waitUntil: 'load' });
  await page.locator('[data-testid=topology]').waitFor({ timeout: 30_000 });
  const all = [];
  const first = [];
  for (const [i, lesson] of index.lessons.entries()) {
    for (let step = 1; step <= lesson.steps; step += 1) {
      const times = [];
      for (let round = 0; round < ROUNDS; round += 1) {
        // Leave the step first, so each round really opens it.
        await page.evaluate(() => { location.hash = ''; });
        await page.waitForFunction(() => !document.querySelector('[data-testid=step-panel]'), null, { timeout: 10_000 }).catch(() => {});
        const ms = await page.evaluate(async ([n, k]) => {
          const start = performance.now();
          location.hash = `lesson=${n}&step=${k}`;
          await new Promise((done) => {
            const look = () => {
              const panel = document.querySelector(`[data-testid=step-panel][data-lesson="${n}"][data-step="${k}"]`);
              if (panel) requestAnimationFrame(() => done());
              else requestAnimationFrame(look);
            };
            look();
          });
          return performance.now() - start;
        }, [i + 1, step]);
        times.push(ms);
      }
      console.log(`lesson ${i + 1} step ${step}: first ${times[0].toFixed(1)} ms, again ${times.slice(1).map((t) => t.toFixed(1)).join(', ')} ms`);
      first.push(times[0]);
      all.push(...times);
    }
  }
  all.sort((a, b) => a - b);
  const q = (p) => all[Math.min(all.length - 1, Math.floor(p * all.length))];
  console.log(`steps ${first.length}; open time p50 ${q(0.5).toFixed(1)} ms, p95 ${q(0.95).toFixed(1)} ms, max ${all[all.length - 1].toFixed(1)} ms (goal max <= 100 ms); first opens max ${Math.max(...first).toFixed(1)} ms`);
  console.log(`load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  if (errors.length) console.log(`page errors: ${errors.join(' | ')}`);
} finally {
  await context.close();
  await server.close();
}

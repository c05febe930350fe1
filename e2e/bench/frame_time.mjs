// Frame-time bench (not a test): loads `?preset=bench` (64 partitions, 3 groups, 24 threads, 2,000 records/s) at 1×,
// records requestAnimationFrame timestamps in the page for 10 s, and prints the frame-time distribution and the
// DOM size. Run: trunk build --release --offline && node e2e/bench/frame_time.mjs
// Environment: PRESET=default (another preset), TAB=build (open that side tab first), SECONDS=5 (window length),
// DIST=/path/to/dist (serve another build, for A/B runs under the same load), TRACE=1 (also split the main
// thread's time by phase), VIEWPORT=1280x900 (window size; 1920x1080 unless set: the issue-17 budget's size, where
// the bench topic's 64 partitions are drawn as a heatmap).
// Output (one fact per line, stable for scripts):
//   frames <n> in <s> s at <width>×<height>
//   frame time p50 <ms> ms  p90 <ms> ms  p95 <ms> ms  p99 <ms> ms  max <ms> ms  (goal p95 <= 16.7 ms)
//   frames over 16.7 ms: <n> (<%>), over 33.4 ms: <n> (<%>)
//   DOM elements <n>; heatmap cells <n>; virtual time reached <ms> ms
//   load average <1 min> <5 min> <15 min> (this machine, at the end of the window)
//   [TRACE=1] main thread ms over <s> s: script <ms>, style <ms>, layout <ms>, paint <ms>, ... (wall time)
//   [TRACE=1] CPU ms over <s> s: main <ms>, raster <ms>, ...; main-thread CPU per frame <ms> ms
//             (thread CPU time, which waiting for a core does not inflate: the number to compare across loads)
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { serveDist, launchBrowser, SUBPATH } from '../harness.mjs';
import { mainThreadPhases, openBenchPage, sampleFrames, startTrace, untilGroupsStable } from './trace.mjs';

const SECONDS = Number(process.env.SECONDS ?? 10);
const server = await serveDist(process.env.DIST ? resolve(process.env.DIST) : undefined);
const context = await launchBrowser();
try {
  const { page, errors, width, height } = await openBenchPage(
    context,
    `${server.origin}${SUBPATH}?preset=${process.env.PRESET ?? 'bench'}`,
  );
  if (process.env.TAB) await page.click(`[data-testid=tab-${process.env.TAB}]`);
  // Let the groups join and the first rebalance settle: every group head in the picture says Stable.
  await untilGroupsStable(page, 60_000, 'raf');
  // TRACE=1: also record a DevTools timeline over the same window and sum the renderer main thread's time by phase.
  const trace = process.env.TRACE ? await startTrace(context, page) : null;
  const result = await sampleFrames(page, SECONDS);
  const phases = trace ? await mainThreadPhases(trace.cdp, trace.events) : null;
  const f = (x) => x.toFixed(1);
  console.log(`frames ${result.frames} in ${SECONDS} s at ${width}×${height}`);
  const pct = (n) => `${n} (${((100 * n) / result.frames).toFixed(1)} %)`;
  console.log(
    `frame time p50 ${f(result.p50)} ms  p90 ${f(result.p90)} ms  p95 ${f(result.p95)} ms  p99 ${f(result.p99)} ms  ` +
      `max ${f(result.max)} ms  (goal p95 <= 16.7 ms)`,
  );
  console.log(`frames over 16.7 ms: ${pct(result.over1)}, over 33.4 ms: ${pct(result.over2)}`);
  console.log(`DOM elements ${result.domNodes}; heatmap cells ${result.heatCells}; virtual time reached ${result.virtualMs} ms`);
  console.log(`load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  if (phases) {
    console.log(`main thread ms over ${SECONDS} s: ${phases.phases}`);
    const perFrame = (phases.mainCpu / Math.max(1, result.frames)).toFixed(1);
    console.log(`CPU ms over ${SECONDS} s: ${phases.cpu}; main-thread CPU per frame ${perFrame} ms`);
  }
  if (errors.length) console.log('console errors:', errors);
} finally {
  await context.close();
  await server.close();
}

// Picture-cost scaling bench (not a test; issue 18 item 3): does the cost of a frame grow no faster than what is
// drawn? Opens share links of scenarios that grow along one axis at a time, up to the scenario caps, lets each
// settle (every group Stable), records a DevTools timeline over a window and prints, per size, the DOM elements
// drawn and the renderer main thread's CPU per frame, then the worst growth ratio between neighbouring sizes:
// (CPU per frame ratio) / (elements ratio). At most 1 means the picture's cost grows at most linearly with it.
// Run: cargo run -q -p xtask -- build && node e2e/bench/scaling.mjs
// Environment: SECONDS=5 (window per size), AXIS=partitions|instances (one axis only), DIST=/path/to/dist,
// VIEWPORT=1920x1080.
// Output (one fact per line):
//   <axis> <size>: elements <n>, svg <n>, frames <n>, main CPU/frame <ms> ms, script/style/layout/paint <ms>/… ms, virtual <ms> ms
//   <axis>: worst growth <ratio> between <a> and <b> (CPU ratio <x> for elements ratio <y>)
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { serveDist, launchBrowser, SUBPATH } from '../harness.mjs';
import { mainThreadPhases, sampleFrames, startTrace, untilGroupsStable } from './trace.mjs';

const SECONDS = Number(process.env.SECONDS ?? 5);
const [width, height] = (process.env.VIEWPORT ?? '1920x1080').split('x').map(Number);
const keys = Array.from({ length: 32 }, (_, i) => `k${i}`);

/** The `bench` preset's shape with `partitions` partitions (1,024 per topic at most) and `instances` instances. */
function scenario({ partitions, instances }) {
  const topics = [];
  for (let left = partitions, i = 0; left > 0; left -= 1024, i += 1) {
    topics.push({ name: i === 0 ? 'events' : `events${i + 1}`, partitions: Math.min(1024, left) });
  }
  const names = topics.map((t) => t.name);
  // 2,000 records/s in all, whatever the topic count.
  const producers = names.map((topic, i) => ({
    id: `p${i + 1}`,
    topic,
    rate_per_s: Math.floor(2000 / names.length),
    keys: { kind: 'cycle', values: keys },
  }));
  const groups = ['audit', 'billing', 'search'].map((id, g) => ({
    id,
    topics: names,
    auto_offset_reset: 'earliest',
    instances: Array.from({ length: Math.floor(instances / 3) + (g < instances % 3 ? 1 : 0) }, (_, i) => ({
      id: `${id}-${i + 1}`,
      listener: 'EventListener',
      threads: 4,
    })),
  }));
  return { version: 1, seed: 1, topics, producers, groups };
}

const b64url = (text) => Buffer.from(text).toString('base64').replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');

const axes = {
  partitions: [64, 128, 256, 512, 1024, 2048].map((p) => ({ size: p, partitions: p, instances: 6 })),
  instances: [6, 12, 24, 48, 96].map((n) => ({ size: n, partitions: 64, instances: n })),
};

const server = await serveDist(process.env.DIST ? resolve(process.env.DIST) : undefined);
const context = await launchBrowser();
try {
  for (const [axis, sizes] of Object.entries(axes)) {
    if (process.env.AXIS && process.env.AXIS !== axis) continue;
    const rows = [];
    for (const s of sizes) {
      rows.push({ size: s.size, ...(await measure(scenario(s))) });
      const r = rows[rows.length - 1];
      console.log(
        `${axis} ${s.size}: elements ${r.elements}, svg ${r.svg}, frames ${r.frames}, main CPU/frame ${r.cpuPerFrame.toFixed(2)} ms, ` +
          `${r.phases}, virtual ${r.virtualMs} ms${r.errors.length ? `, errors: ${r.errors.join(' | ')}` : ''}`,
      );
    }
    let worst = null;
    for (let i = 1; i < rows.length; i += 1) {
      const [a, b] = [rows[i - 1], rows[i]];
      const cpu = b.cpuPerFrame / a.cpuPerFrame;
      const drawn = b.elements / a.elements;
      const growth = cpu / drawn;
      if (!worst || growth > worst.growth) worst = { growth, a: a.size, b: b.size, cpu, drawn };
    }
    if (worst) {
      console.log(
        `${axis}: worst growth ${worst.growth.toFixed(2)} between ${worst.a} and ${worst.b} ` +
          `(CPU ratio ${worst.cpu.toFixed(2)} for elements ratio ${worst.drawn.toFixed(2)})`,
      );
    }
  }
  console.log(`load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
} finally {
  await context.close();
  await server.close();
}

/** Opens the scenario's share link in a fresh page, waits for every group to be Stable, records one window. */
async function measure(scn) {
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  try {
    await page.setViewportSize({ width, height });
    await page.goto(`${server.origin}${SUBPATH}#s=${b64url(JSON.stringify(scn))}`, { waitUntil: 'load' });
    await page.locator('[data-testid=topology]').waitFor({ timeout: 60_000 });
    await untilGroupsStable(page, 180_000, 500);
    const { cdp, events } = await startTrace(context, page);
    const r = await sampleFrames(page, SECONDS);
    const phases = await mainThreadPhases(cdp, events);
    return { frames: r.frames, elements: r.domNodes, svg: r.svgNodes, virtualMs: r.virtualMs, cpuPerFrame: phases.mainCpu / Math.max(1, r.frames), phases: phases.phases, errors };
  } finally {
    await page.close();
  }
}

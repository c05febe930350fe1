// Start-up bench (not a test; DESIGN.md §5: first render <= 1 s from localhost): time from navigation to the first
// rendered picture, served gzip -9 compressed like static hosting, with a cold cache, under three network profiles
// and, optionally, a slowed-down CPU. After `cargo xtask build --packed` it compares the packed build (wasm
// LZMA-packed, unpacked in the page) with the same build before packing (`target/dist-unpacked`, which that build
// keeps): whether the smaller download pays for the unpacking (docs/benchmarks/web.md, "Packed wasm").
// Run: cargo xtask build [--packed] && node e2e/bench/startup.mjs
// Environment: RUNS=5 (page loads per build and profile), CPU=1 (Chromium's CPU slow-down factor; 4 ≈ a
// mid-range phone), DIST=dist, UNPACKED=target/dist-unpacked (compared only when DIST holds a packed wasm).
// Output (one fact per line):
//   <build> <profile>: first picture p50 <ms> ms, min <ms>, max <ms> (<n> loads)
//   unlzma in Node: <ms> ms for <bytes> B -> <bytes> B (packed builds)
//   load average <1 min> <5 min> <15 min>
import { loadavg } from 'node:os';
import { readFile, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { serveDist, launchBrowser, SUBPATH, ROOT } from '../harness.mjs';
import { unlzma } from '../../tools/unlzma.mjs';

const RUNS = Number(process.env.RUNS ?? 5);
const CPU = Number(process.env.CPU ?? 1);
const DIST = resolve(process.env.DIST ?? join(ROOT, 'dist'));
const packedName = (await readdir(DIST)).find((f) => f.endsWith('.lzma'));
const VARIANTS = packedName
  ? [['packed', DIST], ['unpacked', resolve(process.env.UNPACKED ?? join(ROOT, 'target', 'dist-unpacked'))]]
  : [['shipped', DIST]];
// Throughput in bytes per second, latency in ms (Chromium's emulation adds it to each request).
const PROFILES = [
  ['no throttling', null],
  ['20 Mbit/s, 40 ms', { latency: 40, downloadThroughput: 20e6 / 8, uploadThroughput: 5e6 / 8 }],
  ['4 Mbit/s, 100 ms', { latency: 100, downloadThroughput: 4e6 / 8, uploadThroughput: 1e6 / 8 }],
];

async function firstPicture(context, origin, network) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (network) await cdp.send('Network.emulateNetworkConditions', { offline: false, ...network });
  if (CPU > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${origin}${SUBPATH}`, { waitUntil: 'commit' });
  // performance.now() counts from the navigation's start.
  const handle = await page.waitForFunction(
    () => document.querySelector('[data-testid=topology]') && performance.now(),
    null,
    { polling: 'raf', timeout: 60_000 },
  );
  const ms = await handle.jsonValue();
  await page.close();
  if (errors.length) throw new Error(`page errors: ${errors.join(' | ')}`);
  return ms;
}

const context = await launchBrowser();
try {
  for (const [variant, dist] of VARIANTS) {
    const server = await serveDist(dist, { gzip: true });
    try {
      await firstPicture(context, server.origin, null); // warm the browser process, not the cache
      for (const [profile, network] of PROFILES) {
        const times = [];
        for (let i = 0; i < RUNS; i += 1) times.push(await firstPicture(context, server.origin, network));
        times.sort((a, b) => a - b);
        const p50 = times[Math.floor(times.length / 2)];
        console.log(
          `${variant} ${profile}${CPU > 1 ? `, CPU ${CPU}x slower` : ''}: first picture p50 ${p50.toFixed(0)} ms, ` +
            `min ${times[0].toFixed(0)}, max ${times[times.length - 1].toFixed(0)} (${times.length} loads)`,
        );
      }
    } finally {
      await server.close();
    }
  }
} finally {
  await context.close();
}

if (packedName) {
  const packed = new Uint8Array(await readFile(join(DIST, packedName)));
  unlzma(packed); // warm
  const start = performance.now();
  const out = unlzma(packed);
  console.log(`unlzma in Node: ${(performance.now() - start).toFixed(1)} ms for ${packed.length} B -> ${out.length} B`);
}
console.log(`load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);

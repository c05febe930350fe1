// Helpers shared by the browser benches (frame_time.mjs, scaling.mjs, compare_frames.mjs, memory.mjs): opening the
// page, the DevTools timeline split by phase, requestAnimationFrame sampling and waiting for Stable groups.

/**
 * Stops tracing and splits the renderer main thread's busy time by phase: each trace slice's own time (minus its
 * children) goes to the phase of its nearest named ancestor (script, style, layout, paint), the rest to "other".
 */
export async function mainThreadPhases(cdp, events) {
  const done = new Promise((ok) => cdp.once('Tracing.tracingComplete', ok));
  await cdp.send('Tracing.end');
  await done;
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const phase = {
    FunctionCall: 'script', FireAnimationFrame: 'script', EvaluateScript: 'script', TimerFire: 'script',
    'v8.callFunction': 'script', UpdateLayoutTree: 'style', Layout: 'layout', PrePaint: 'paint', Paint: 'paint',
    Layerize: 'paint', UpdateLayer: 'paint', Commit: 'paint', HitTest: 'hit-test', ParseHTML: 'other',
  };
  const slices = events
    .filter((e) => e.ph === 'X' && e.pid === main?.pid && e.tid === main?.tid && e.dur)
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const sum = {};
  const stack = [];
  const credit = (s) => {
    const self = s.dur - s.children;
    sum[s.phase] = (sum[s.phase] ?? 0) + self / 1000;
  };
  for (const e of slices) {
    while (stack.length && stack[stack.length - 1].end <= e.ts) credit(stack.pop());
    const parent = stack[stack.length - 1];
    if (parent) parent.children += e.dur;
    stack.push({ end: e.ts + e.dur, dur: e.dur, children: 0, phase: phase[e.name] ?? parent?.phase ?? 'other' });
  }
  while (stack.length) credit(stack.pop());
  const phases = Object.entries(sum).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ');
  // CPU time (not wall time) of the renderer's threads: on a shared machine wall time includes waiting for a
  // core, CPU time does not. Top-level slices only, so nested ones are not counted twice.
  const names = new Map(events.filter((e) => e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, e.args.name]));
  const cpu = {};
  const ends = new Map();
  for (const e of events.filter((x) => x.ph === 'X' && x.tdur !== undefined).sort((a, b) => a.ts - b.ts)) {
    const thread = `${e.pid}:${e.tid}`;
    if ((ends.get(thread) ?? 0) > e.ts) continue;
    ends.set(thread, e.ts + e.dur);
    const name = thread === `${main?.pid}:${main?.tid}` ? 'main' : names.get(thread) === 'VizCompositorThread' ? 'viz' : names.get(thread)?.startsWith('ThreadPool') ? 'raster' : names.get(thread) === 'Compositor' ? 'compositor' : null;
    if (name) cpu[name] = (cpu[name] ?? 0) + e.tdur / 1000;
  }
  return { phases, mainCpu: cpu.main ?? 0, cpu: Object.entries(cpu).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ') };
}

/** Starts a DevTools timeline on `page`; pass the result to `mainThreadPhases` when the window ends. */
export async function startTrace(context, page) {
  const cdp = await context.newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', (d) => events.push(...d.value));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,v8.execute', transferMode: 'ReportEvents' });
  return { cdp, events };
}

/**
 * Records requestAnimationFrame timestamps in the page for `seconds` and returns the frame-gap distribution
 * (ms), the frames over one and two 60 Hz frames, the DOM size and the app's virtual clock at the end.
 */
export function sampleFrames(page, seconds) {
  return page.evaluate(async (seconds) => {
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
      p90: q(0.9),
      p95: q(0.95),
      p99: q(0.99),
      max: gaps[gaps.length - 1],
      // A frame at 60 Hz is 16.7 ms; timestamps jitter by a few µs, hence the 0.5 ms slack.
      over1: gaps.filter((g) => g > 17.2).length,
      over2: gaps.filter((g) => g > 33.9).length,
      domNodes: document.getElementsByTagName('*').length,
      heatCells: document.querySelectorAll('[data-testid=heat-cell]').length,
      svgNodes: document.querySelectorAll('svg *').length,
      virtualMs: Number(document.querySelector('[data-testid=clock]')?.getAttribute('data-ms')),
    };
  }, seconds);
}

/** Waits until every group head in the picture says Stable (the groups joined and the first rebalance settled). */
export function untilGroupsStable(page, timeout, polling = 'raf') {
  return page.waitForFunction(
    () => {
      const heads = [...document.querySelectorAll('[data-testid=group-head-state]')];
      return heads.length > 0 && heads.every((h) => h.dataset.state === 'Stable');
    },
    null,
    { timeout, polling },
  );
}

/**
 * Opens `url` in a new page of `context` at the `VIEWPORT` size (1920×1080 unless set), collecting console errors
 * and page errors, and waits for the picture. Returns the page, the errors so far (the array keeps filling) and
 * the size.
 */
export async function openBenchPage(context, url) {
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  const [width, height] = (process.env.VIEWPORT ?? '1920x1080').split('x').map(Number);
  await page.setViewportSize({ width, height });
  await page.goto(url, { waitUntil: 'load' });
  await page.locator('[data-testid=topology]').waitFor({ timeout: 30_000 });
  return { page, errors, width, height };
}

// Shared end-to-end plumbing: a tiny static server that hosts dist/ under a subpath next to a docs-like page
// embedding it in an iframe, and a headless Debian Chromium driven by playwright-core.
import { createServer } from 'node:http';
import { readFile, stat, mkdtemp, mkdir } from 'node:fs/promises';
import { before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { join, extname, normalize, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

export const ROOT = resolve(new URL('..', import.meta.url).pathname);
export const DIST = join(ROOT, 'dist');
export const SUBPATH = '/docs/kplay/';
export const ARTIFACTS = join(ROOT, 'e2e', 'artifacts');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
};

const DOCS_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Docs: consumer groups</title></head>
<body>
  <h1>Consumer groups</h1>
  <p>Try it below: the playground is embedded from a subpath.</p>
  <iframe id="kplay" title="kplay playground" src="${SUBPATH}" width="1200" height="800"></iframe>
</body></html>`;

/**
 * Starts the static server (of `dist`, default the project's dist/) on a free loopback port; resolves to
 * { origin, close }. With `gzip`, bodies go out gzip -9 compressed to clients that accept it, as static hosting
 * does (the start-up bench; the tests do not need it).
 */
export async function serveDist(dist = DIST, { gzip = false } = {}) {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://localhost');
    if (url.pathname === '/favicon.ico') {
      // The docs host's own icon, which browsers ask for on their own; not part of the app.
      res.writeHead(204);
      return res.end();
    }
    if (url.pathname === '/docs/' || url.pathname === '/docs/index.html') {
      res.writeHead(200, { 'content-type': TYPES['.html'] });
      return res.end(DOCS_PAGE);
    }
    if (!url.pathname.startsWith(SUBPATH)) {
      res.writeHead(404);
      return res.end('not found');
    }
    let rel = decodeURIComponent(url.pathname.slice(SUBPATH.length)) || 'index.html';
    const file = normalize(join(dist, rel));
    if (!file.startsWith(dist)) {
      res.writeHead(403);
      return res.end();
    }
    try {
      const info = await stat(file);
      const path = info.isDirectory() ? join(file, 'index.html') : file;
      const body = await readFile(path);
      const headers = { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' };
      if (gzip && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
        headers['content-encoding'] = 'gzip';
        res.writeHead(200, headers);
        return res.end(gzipSync(body, { level: 9 }));
      }
      res.writeHead(200, headers);
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise((ok) => server.close(ok)) };
}

/** Launches Debian's Chromium headless, with the flags this closed network needs. */
export async function launchBrowser() {
  const userDataDir = await mkdtemp(join(tmpdir(), 'kplay-e2e-'));
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Opens `path` and records console errors, page errors and every request's origin, across all frames.
 * Returns { page, consoleErrors, foreignRequests }.
 */
export async function openWatched(context, origin, path) {
  const page = await context.newPage();
  const consoleErrors = [];
  const foreignRequests = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => consoleErrors.push(String(err)));
  context.on('response', (res) => {
    if (res.status() >= 400) consoleErrors.push(`HTTP ${res.status()} for ${res.url()}`);
  });
  context.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) foreignRequests.push(url);
  });
  await page.goto(origin + path, { waitUntil: 'load' });
  return { page, consoleErrors, foreignRequests };
}

/**
 * Makes `context` report every Content-Security-Policy violation, in any page or frame, into `violations`: the
 * `securitypolicyviolation` event each document fires (collected by an init script, which runs in every frame
 * before the page's own scripts) and Chromium's console lines about the policy.
 */
async function watchCsp(context, violations) {
  await context.exposeBinding('__kplayCspViolation', (_source, text) => violations.push(text));
  await context.addInitScript(() => {
    document.addEventListener(
      'securitypolicyviolation',
      (e) => window.__kplayCspViolation(`${e.effectiveDirective} refused ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`),
      true,
    );
  });
  context.on('console', (msg) => {
    if (msg.text().includes('Content Security Policy')) violations.push(`console: ${msg.text()}`);
  });
}

/**
 * The full app keeps its session in localStorage (`kplay.autosave.v1`) and restores it when opened without a link
 * (issue 13). Every page of a test file shares one context, so a page still running from an earlier test would
 * hand its session to the next page that opens the app; pages therefore write no autosave unless a test opts in
 * with `window.__kplayAutosave = true` (an init script of its page, see e2e/export.test.mjs).
 */
async function quietAutosave(context) {
  await context.addInitScript(() => {
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key, value) {
      if (key === 'kplay.autosave.v1' && !window.__kplayAutosave) return;
      return setItem.call(this, key, value);
    };
  });
}

/**
 * Takes (and clears) the Content-Security-Policy violations seen so far, for a test that provokes some on purpose;
 * reports arrive asynchronously, so it first waits (up to 10 s) until `ready` accepts them. Every other test fails
 * on any violation (see `withServerAndBrowser`).
 */
export async function takeCspViolations(env, ready = () => true) {
  for (let waited = 0; waited < 10_000 && !ready(env.cspViolations); waited += 50) {
    await new Promise((ok) => setTimeout(ok, 50));
  }
  return env.cspViolations.splice(0);
}

/**
 * Registers node:test hooks that start the static server and the browser once per test file and stop them after,
 * and fail any test during which a page broke the Content-Security-Policy (issue 18).
 * Returns an object whose `server` and `context` are set once `before` has run.
 */
export function withServerAndBrowser() {
  const env = { server: undefined, context: undefined, cspViolations: [] };
  before(async () => {
    env.server = await serveDist();
    env.context = await launchBrowser();
    await watchCsp(env.context, env.cspViolations);
    await quietAutosave(env.context);
    await mkdir(ARTIFACTS, { recursive: true });
  });
  afterEach(() => {
    assert.deepEqual(env.cspViolations.splice(0), [], 'no Content-Security-Policy violation');
  });
  after(async () => {
    await env.context?.close();
    await env.server?.close();
    assert.deepEqual(env.cspViolations, [], 'no Content-Security-Policy violation after the last test');
  });
  return env;
}

// Waiting on the app's state, never on wall time (issue 17: the suite stays deterministic on a loaded machine).

/** Resolves once the page has drawn its next animation frame (the app's own loop moved on). */
export const nextFrame = (page) => page.evaluate(() => new Promise((done) => requestAnimationFrame(() => done())));

/** Reads `read` (async) frame by frame until `ok` accepts its value or `frames` frames were drawn; returns the last value. */
export async function untilFrames(page, read, ok, frames = 300) {
  let v = await read();
  for (let i = 0; i < frames && !ok(v); i++) {
    await nextFrame(page);
    v = await read();
  }
  return v;
}

/** Waits until the app's clock (`data-ms`, virtual time) shows at least `ms`; checked every animation frame. */
export const untilClock = (page, ms, timeout = 30_000) =>
  page.waitForFunction((t) => Number(document.querySelector('[data-testid=clock]')?.dataset.ms) >= t, ms, {
    timeout,
    polling: 'raf',
  });

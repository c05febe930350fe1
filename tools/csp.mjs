// Puts dist/ under a strict Content-Security-Policy (issue 18; docs/reliability.md): moves the module script Trunk
// writes inline into dist/index.html (it imports the JS glue and starts the wasm) into a content-hashed file next to
// the glue, so the page has no inline script at all, and writes the policy into the page as a
// `<meta http-equiv="Content-Security-Policy">` (static hosting sends no headers). Run by `cargo xtask build` /
// `dist` after tools/minify-glue.mjs, on a fresh `trunk build --release`. `trunk serve` (development) is left
// alone: its live-reload script is inline, so the policy is for the release build only.
import { readFile, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { minify } from 'terser';

/**
 * The policy. `'wasm-unsafe-eval'` lets the page compile its WebAssembly, and nothing else: no `eval`, no inline
 * script or style (the app sets its one run-time style value, the picture's zoom, through the CSSOM). `connect-src`
 * covers the wasm, the catalogues (i18n/*.txt) and the lesson files (lessons/*.json), all fetched relatively.
 * `img-src blob:`: a chart's PNG export loads the chart's SVG from an object URL the app made, to draw it onto a
 * canvas (the SVG is an image document: no script runs in it).
 * `frame-ancestors` is not here: browsers ignore it in a `<meta>`, and the app is meant to be embedded anyway.
 */
const POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' blob:",
  "connect-src 'self'",
  "base-uri 'self'",
  "form-action 'none'",
  "object-src 'none'",
].join('; ');

const sri = (text) => `sha384-${createHash('sha384').update(text).digest('base64')}`;
// Script tags without a `src` attribute: inline code.
const INLINE_SCRIPT = /<script\b(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/gi;

const dist = process.argv[2] ?? 'dist';
const indexPath = join(dist, 'index.html');
let index = await readFile(indexPath, 'utf8');
const inline = [...index.matchAll(INLINE_SCRIPT)];
if (inline.length !== 1 || !/\btype=["']?module\b/.test(inline[0][0])) {
  throw new Error(
    `${indexPath}: expected exactly one inline module script (Trunk's loader), found ${inline.length} inline scripts; ` +
      'run on a fresh `trunk build --release`',
  );
}
const [tag, code] = inline[0];
// The loader imports the glue as `{base}name.js`: the loader file goes next to the glue, under the same base.
const imported = code.match(/\bfrom\s*["']([^"']*\/)?[^"'/]+\.js["']/);
if (!imported) throw new Error(`${indexPath}: the inline module imports no .js file:\n${code}`);
const base = imported[1] ?? './';
const out = await minify(code, { module: true, compress: true, mangle: true });
if (!out.code) throw new Error('terser produced nothing for the loader');
const name = `loader-${createHash('sha256').update(out.code).digest('hex').slice(0, 16)}.js`;
await writeFile(join(dist, name), out.code);
index = index.replace(tag, `<script type=module src="${base}${name}" integrity="${sri(out.code)}" crossorigin></script>`);

// The policy governs what comes after it: it goes straight after the charset, before any link or script.
const charset = index.match(/<meta charset=["']?utf-8["']?\s*\/?>/i);
if (!charset) throw new Error(`${indexPath}: no <meta charset=utf-8> to put the policy after`);
if (/http-equiv=["']?content-security-policy/i.test(index)) throw new Error(`${indexPath} already has a policy`);
const at = charset.index + charset[0].length;
index = `${index.slice(0, at)}<meta http-equiv=Content-Security-Policy content="${POLICY}">${index.slice(at)}`;
await writeFile(indexPath, index);
console.log(`${indexPath}: Content-Security-Policy set, loader moved to ${name}`);

// Second half of packing the release wasm (the first, xtask/src/pack.rs, wrote dist/X_bg.lzma beside X_bg.wasm):
// checks that tools/unlzma.mjs unpacks the file to exactly the wasm, points Trunk's inline loader and the wasm's
// preload link at the packed file, and removes the unpacked wasm from dist/. Run by `cargo xtask build --packed`
// after tools/minify-glue.mjs and before tools/csp.mjs, which moves the loader (decoder included) into a file.
//
// Why not let the server compress: static hosting applies gzip at best, and LZMA packs the wasm about a fifth
// smaller. The price is unpacking in JavaScript before compiling (~60 ms here) and the loss of streaming
// compilation, which is why the shipped build does not pack (docs/benchmarks/web.md, "Packed wasm").
import { readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { unlzma } from './unlzma.mjs';

const dist = process.argv[2] ?? 'dist';
const wasmNames = (await readdir(dist)).filter((f) => f.endsWith('_bg.wasm'));
if (wasmNames.length !== 1) throw new Error(`${dist}: expected one *_bg.wasm, found ${wasmNames.length}`);
const wasmName = wasmNames[0];
const packedName = wasmName.replace(/\.wasm$/, '.lzma');
const wasm = await readFile(join(dist, wasmName));
const packed = await readFile(join(dist, packedName));

// The page must get back the very bytes the build produced: decode with the decoder the page will run.
const unpacked = unlzma(new Uint8Array(packed));
if (!wasm.equals(unpacked)) throw new Error(`${packedName} does not unpack to ${wasmName}: the decoder or encoder is wrong`);
const integrity = `sha384-${createHash('sha384').update(packed).digest('base64')}`;

const indexPath = join(dist, 'index.html');
let index = await readFile(indexPath, 'utf8');
const escaped = wasmName.replace(/[.]/g, '\\.');

// Trunk's preload link for the wasm becomes one for the packed file: the same request the loader makes (same
// integrity, CORS mode), so the browser downloads it once and in parallel with the JS glue.
const preload = new RegExp(`<link\\b[^>]*\\bhref=["']?([^"'\\s>]*)${escaped}["']?[^>]*>`, 'i');
const link = index.match(preload);
if (!link) throw new Error(`${indexPath}: no preload link for ${wasmName}`);
const base = link[1];
index = index.replace(
  link[0],
  `<link rel=preload as=fetch crossorigin href="${base}${packedName}" integrity="${integrity}">`,
);

// The loader passes a URL to the glue's init; it now passes the unpacked bytes. A failure (network, integrity,
// damage) is written into the page: an empty page would say nothing.
const url = new RegExp(`module_or_path\\s*:\\s*(["'])([^"']*)${escaped}\\1`);
const loader = index.match(url);
if (!loader) throw new Error(`${indexPath}: the loader does not pass ${wasmName} to init`);
index = index.replace(loader[0], `module_or_path:await unpackWasm("${loader[2]}${packedName}","${integrity}")`);
const decoder = (await readFile(new URL('./unlzma.mjs', import.meta.url), 'utf8')).replace(/^export /m, '');
const unpackWasm = `
async function unpackWasm(url, integrity) {
  try {
    const response = await fetch(url, { integrity });
    if (!response.ok) throw Error(url + ': HTTP ' + response.status);
    return unlzma(new Uint8Array(await response.arrayBuffer()));
  } catch (e) {
    document.body.append('kplay could not start: ' + e.message);
    throw e;
  }
}
${decoder}`;
const close = index.indexOf('</script>', loader.index);
index = index.slice(0, close) + unpackWasm + index.slice(close);

await writeFile(indexPath, index);
await rm(join(dist, wasmName));
console.log(`${packedName}: unpacks to ${wasmName} (${wasm.length} B); loader and preload link point at it`);

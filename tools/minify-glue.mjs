// Minifies the JS glue wasm-bindgen writes into dist/ (Trunk's own JS minifier cannot parse it) and updates its
// sub-resource integrity hash in dist/index.html, so the page still loads it. Run by `cargo xtask build` / `dist`
// after `trunk build --release`; the JS glue counts in the bundle budget.
import { readFile, writeFile, readdir } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { minify } from 'terser';

const dist = process.argv[2] ?? 'dist';
const indexPath = join(dist, 'index.html');
let index = await readFile(indexPath, 'utf8');
for (const name of (await readdir(dist)).filter((f) => f.endsWith('.js'))) {
  const path = join(dist, name);
  const source = await readFile(path, 'utf8');
  const out = await minify(source, { module: true, compress: true, mangle: true });
  if (!out.code) throw new Error(`terser produced nothing for ${name}`);
  const sri = (text) => `sha384-${createHash('sha384').update(text).digest('base64')}`;
  const before = sri(source);
  if (!index.includes(before)) throw new Error(`${indexPath} has no integrity ${before} for ${name}`);
  index = index.replace(before, sri(out.code));
  await writeFile(path, out.code);
  console.log(`${name}: ${source.length} -> ${out.code.length} B`);
}
await writeFile(indexPath, index);

// Minifies the JS glue wasm-bindgen writes into dist/ (Trunk's own JS minifier cannot parse it) and updates its
// sub-resource integrity hash in dist/index.html, so the page still loads it. Run by `cargo xtask build` / `dist`
// after `trunk build --release`; the JS glue counts in the bundle budget. First it shortens the names the wasm
// imports the glue's functions by, in both files (tools/short-imports.mjs), and updates the wasm's hash too.
import { readFile, writeFile, readdir } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { minify } from 'terser';
import { renameImports, renameInGlue } from './short-imports.mjs';

const dist = process.argv[2] ?? 'dist';
const indexPath = join(dist, 'index.html');
let index = await readFile(indexPath, 'utf8');
const sri = (text) => `sha384-${createHash('sha384').update(text).digest('base64')}`;
const updateIntegrity = (file, before, after) => {
  if (!index.includes(sri(before))) throw new Error(`${indexPath} has no integrity ${sri(before)} for ${file}`);
  index = index.replace(sri(before), sri(after));
};
for (const name of (await readdir(dist)).filter((f) => f.endsWith('.js'))) {
  const path = join(dist, name);
  let source = await readFile(path, 'utf8');
  const original = source;
  const wasmName = name.replace(/\.js$/, '_bg.wasm');
  const wasmPath = join(dist, wasmName);
  const wasm = await readFile(wasmPath).catch(() => null);
  if (wasm) {
    const modules = new Set(WebAssembly.Module.imports(new WebAssembly.Module(wasm)).map((i) => i.module));
    const glue = [...modules].filter((m) => m.endsWith('_bg.js'));
    if (glue.length !== 1) throw new Error(`${wasmName}: expected one glue import module, found ${[...modules]}`);
    const renamed = renameImports(wasm, glue[0], 'w');
    // The rewritten module must still compile, import exactly the renamed functions from 'w' and export the
    // renamed glue entry points.
    const compiled = new WebAssembly.Module(renamed.wasm);
    const after = WebAssembly.Module.imports(compiled);
    const names = new Set(after.filter((i) => i.module === 'w').map((i) => i.name));
    const expected = [...renamed.renames.values()];
    const exported = new Set(WebAssembly.Module.exports(compiled).map((e) => e.name));
    if (
      after.some((i) => glue.includes(i.module)) ||
      names.size !== expected.length ||
      !expected.every((n) => names.has(n)) ||
      ![...renamed.exports.values()].every((n) => exported.has(n))
    ) {
      throw new Error(`${wasmName}: the renamed module does not import and export exactly the renamed names`);
    }
    source = renameInGlue(source, glue[0], 'w', renamed.renames, renamed.exports);
    await writeFile(wasmPath, renamed.wasm);
    updateIntegrity(wasmName, wasm, renamed.wasm);
    console.log(`${wasmName}: ${renamed.renames.size} imports, ${renamed.exports.size} exports renamed, ${wasm.length} -> ${renamed.wasm.length} B`);
  }
  const out = await minify(source, { module: true, compress: true, mangle: true });
  if (!out.code) throw new Error(`terser produced nothing for ${name}`);
  updateIntegrity(name, original, out.code);
  await writeFile(path, out.code);
  console.log(`${name}: ${source.length} -> ${out.code.length} B`);
}
await writeFile(indexPath, index);

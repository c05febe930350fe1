// Tests of tools/short-imports.mjs: `node --test tools/`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renameImports, renameInGlue, shortName } from './short-imports.mjs';

const bytes = (s) => [...new TextEncoder().encode(s)];
const name = (s) => [bytes(s).length, ...bytes(s)];
const section = (id, body) => [id, body.length, ...body];

// A module importing two functions from the glue and a memory from "env", exporting `run` (calls both imports)
// under a glue-only name and `keep` under a name that must stay.
const GLUE = './app_bg.js';
const ADD = '__wbg_add_0123456789abcdef';
const TWICE = '__wbg_twice_fedcba9876543210';
const RUN = 'wasm_bindgen__convert__closures_____invoke__h0011223344556677';
function module() {
  const type = section(1, [1, 0x60, 1, 0x7f, 1, 0x7f]); // (i32) -> i32
  const imports = section(2, [
    3,
    ...name(GLUE), ...name(ADD), 0, 0,
    ...name('env'), ...name('memory'), 2, 1, 1, 2, // memory min 1 max 2
    ...name(GLUE), ...name(TWICE), 0, 0,
  ]);
  const funcs = section(3, [1, 0]);
  const exports = section(7, [2, ...name(RUN), 0, 2, ...name('keep'), 0, 2]);
  // run(x) = twice(add(x))
  const body = [0, 0x20, 0, 0x10, 0, 0x10, 1, 0x0b];
  const code = section(10, [1, body.length, ...body]);
  const features = section(0, [...name('target_features'), 1, 0x2b, ...name('sign-ext')]);
  const other = section(0, [...name('other'), 7]);
  return Uint8Array.from([
    0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, ...type, ...imports, ...funcs, ...exports, ...code, ...features, ...other,
  ]);
}

test('short names are distinct letters-only keys', () => {
  const names = Array.from({ length: 3000 }, (_, i) => shortName(i));
  assert.equal(new Set(names).size, names.length);
  assert.deepEqual(names.slice(0, 3), ['a', 'b', 'c']);
  assert.equal(shortName(52), 'aa');
  assert.ok(names.every((n) => /^[a-zA-Z]+$/.test(n)));
});

test('the renamed module links to the renamed imports and still computes the same', async () => {
  const { wasm, renames, exports } = renameImports(module(), GLUE, 'w');
  assert.deepEqual([...renames], [[ADD, 'a'], [TWICE, 'b']]);
  assert.deepEqual([...exports], [[RUN, 'a']]);
  const compiled = new WebAssembly.Module(wasm);
  assert.deepEqual(
    WebAssembly.Module.imports(compiled).map((i) => `${i.module}.${i.name}`),
    ['w.a', 'env.memory', 'w.b'],
  );
  assert.deepEqual(WebAssembly.Module.exports(compiled).map((e) => e.name), ['a', 'keep']);
  assert.equal(WebAssembly.Module.customSections(compiled, 'target_features').length, 0);
  assert.equal(WebAssembly.Module.customSections(compiled, 'other').length, 1);
  assert.equal(WebAssembly.Module.customSections(new WebAssembly.Module(module()), 'target_features').length, 1);
  const memory = new WebAssembly.Memory({ initial: 1, maximum: 2 });
  const instance = await WebAssembly.instantiate(compiled, {
    w: { a: (x) => x + 1, b: (x) => x * 2 },
    env: { memory },
  });
  assert.equal(instance.exports.a(5), 12);
  assert.equal(instance.exports.keep(5), 12);
});

test('the glue gets the same names, and a glue that does not name an import is refused', () => {
  const { renames, exports } = renameImports(module(), GLUE, 'w');
  const glue = `const i={__proto__:null,${ADD}:function(x){return x+1},${TWICE}:function(x){return x*2}};` +
    `return{"${GLUE}":i};wasm.${RUN}(1);wasm.${RUN}_not(2);`;
  assert.equal(
    renameInGlue(glue, GLUE, 'w', renames, exports),
    'const i={__proto__:null,a:function(x){return x+1},b:function(x){return x*2}};' +
      `return{"w":i};wasm.a(1);wasm.${RUN}_not(2);`,
  );
  const missing = glue.replace(`${TWICE}:`, 'other:');
  assert.throws(() => renameInGlue(missing, GLUE, 'w', renames, exports), /does not name/);
  assert.throws(() => renameInGlue(glue.replace(GLUE, './b.js'), GLUE, 'w', renames, exports), /once/);
});

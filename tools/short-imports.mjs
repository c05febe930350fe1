// Shortens the names the wasm and its JS glue call each other by (bundle budget). wasm-bindgen names every import
// like `__wbg_addEventListener_847fd86b8c33ec43` and its module `./kplay-web_bg.js`: some 4.5 KB of names, each
// twice (wasm import section and JS glue), and their 16 hex digits do not compress (~4.8 KB gzip in all). This
// renames each import to a short name (`a`, `b`, …, `aa`, …) in both files and the module to `w`, and likewise the
// exports only the glue calls (`__wbindgen_malloc`, closure invokers). Nothing else in the wasm changes; the glue's
// import object simply gets the new keys. Used by tools/minify-glue.mjs before terser runs.

const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** The `i`-th short name: a…Z, then aa…ZZ and so on (letters only, so always a plain JS property key). */
export function shortName(i) {
  let name = '';
  let n = i;
  do {
    name = LETTERS[n % LETTERS.length] + name;
    n = Math.floor(n / LETTERS.length) - 1;
  } while (n >= 0);
  return name;
}

function readLeb(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const b = bytes[at++];
    if (b === undefined) throw new Error('wasm: LEB128 number runs past the end');
    value += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if (b < 0x80) return [value, at];
  }
}

function writeLeb(value) {
  const out = [];
  let n = value;
  do {
    let b = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) b |= 0x80;
    out.push(b);
  } while (n > 0);
  return out;
}

/** Skips one import description (function, table, memory, global or tag), returning where the next import starts. */
function skipImportDesc(bytes, at) {
  const kind = bytes[at++];
  const leb = () => {
    [, at] = readLeb(bytes, at);
  };
  const limits = () => {
    const flags = bytes[at++];
    leb();
    if (flags & 1) leb();
  };
  switch (kind) {
    case 0: // function: type index
      leb();
      break;
    case 1: // table: reference type, limits
      at += 1;
      limits();
      break;
    case 2: // memory: limits
      limits();
      break;
    case 3: // global: value type, mutability
      at += 2;
      break;
    case 4: // tag: attribute, type index
      at += 1;
      leb();
      break;
    default:
      throw new Error(`wasm: unknown import kind ${kind}`);
  }
  return at;
}

const utf8 = new TextEncoder();
const text = new TextDecoder('utf-8', { fatal: true });

/** Rebuilds `wasm` with section `at..end` (id `id`) replaced by `body`. */
function replaceSection(wasm, at, end, id, body) {
  const section = Uint8Array.from([id, ...writeLeb(body.length), ...body]);
  const out = new Uint8Array(at + section.length + (wasm.length - end));
  out.set(wasm.subarray(0, at), 0);
  out.set(section, at);
  out.set(wasm.subarray(end), at + section.length);
  return out;
}

function readName(bytes, at) {
  const [len, s] = readLeb(bytes, at);
  return [text.decode(bytes.subarray(s, s + len)), s + len];
}

function pushName(body, name) {
  const b = utf8.encode(name);
  body.push(...writeLeb(b.length), ...b);
}

/** Wasm-bindgen's own exports, which only its glue calls: `__wbindgen_malloc`, closure invokers and the like. */
export const GLUE_EXPORT = /^(__wbindgen_|__externref_|wasm_bindgen__)/;

/**
 * Renames the imports of `wasm` (a Uint8Array) coming from `module` to short names from module `newModule`, and
 * the exports matching `exportPattern` to short names (the glue calls those; `memory` and the rest keep theirs).
 * Also drops the `target_features` custom section. Returns the new wasm bytes and the renames made (old name →
 * new) for imports and exports.
 */
export function renameImports(wasm, module, newModule, exportPattern = GLUE_EXPORT) {
  if (wasm[0] !== 0 || wasm[1] !== 0x61 || wasm[2] !== 0x73 || wasm[3] !== 0x6d) throw new Error('not a wasm module');
  const renames = new Map();
  const exports = new Map();
  let out = wasm;
  let at = 8;
  while (at < out.length) {
    const id = out[at];
    const [size, start] = readLeb(out, at + 1);
    const end = start + size;
    if (id === 0 && readName(out, start)[0] === 'target_features') {
      // Only toolchains read it; browsers ignore custom sections.
      out = Uint8Array.from([...out.subarray(0, at), ...out.subarray(end)]);
      continue;
    }
    if (id !== 2 && id !== 7) {
      at = end;
      continue;
    }
    let [count, p] = readLeb(out, start);
    const body = [...writeLeb(count)];
    while (count-- > 0) {
      if (id === 2) {
        let mod, field;
        [mod, p] = readName(out, p);
        [field, p] = readName(out, p);
        const descEnd = skipImportDesc(out, p);
        if (mod === module) {
          if (!renames.has(field)) renames.set(field, shortName(renames.size));
          mod = newModule;
          field = renames.get(field);
        }
        pushName(body, mod);
        pushName(body, field);
        body.push(...out.subarray(p, descEnd));
        p = descEnd;
      } else {
        let name;
        [name, p] = readName(out, p);
        if (exportPattern.test(name)) {
          exports.set(name, shortName(exports.size));
          name = exports.get(name);
        }
        pushName(body, name);
        const kindAt = p;
        [, p] = readLeb(out, p + 1);
        body.push(...out.subarray(kindAt, p));
      }
    }
    if (p !== end) throw new Error(`wasm: section ${id} has bytes after its last entry`);
    out = replaceSection(out, at, end, id, body);
    const [newSize, newStart] = readLeb(out, at + 1);
    at = newStart + newSize;
  }
  return { wasm: out, renames, exports };
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Applies the renames to the glue's source. Every renamed import must occur as a whole identifier and the quoted
 * module name exactly once, else it throws (a newer wasm-bindgen writing its glue differently must not pass
 * silently); exports are renamed wherever the glue names them.
 */
export function renameInGlue(source, module, newModule, renames, exports = new Map()) {
  let out = source;
  const quoted = new RegExp(`(["'])${escape(module)}\\1`, 'g');
  const found = out.match(quoted)?.length ?? 0;
  if (found !== 1) throw new Error(`glue: expected the import module "${module}" once, found it ${found} times`);
  out = out.replace(quoted, JSON.stringify(newModule));
  const word = (name) => new RegExp(`(?<![\\w$])${escape(name)}(?![\\w$])`, 'g');
  for (const [from, to] of renames) {
    if (!word(from).test(out)) throw new Error(`glue: the wasm imports ${from}, which the glue does not name`);
    out = out.replace(word(from), to);
  }
  for (const [from, to] of exports) out = out.replace(word(from), to);
  return out;
}

// Tests of tools/unlzma.mjs: `node --test tools/`. The fixtures were packed by liblzma (xz's encoder) through
// tools/fixtures/make_lzma.py, over every (lc, lp, pb) corner it accepts; sums.json holds what they unpack to.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { unlzma } from './unlzma.mjs';

const dir = new URL('./fixtures/', import.meta.url);
const sums = JSON.parse(readFileSync(new URL('sums.json', dir), 'utf8'));
const fixtures = readdirSync(dir).filter((f) => f.endsWith('.lzma')).sort();
const read = (name) => new Uint8Array(readFileSync(new URL(name, dir)));
const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

test('every fixture unpacks to the bytes liblzma packed', () => {
  assert.ok(fixtures.length >= 30, `only ${fixtures.length} fixtures`);
  for (const name of fixtures) {
    const want = sums[name.replace(/-\d+\.lzma$/, '')];
    const got = unlzma(read(name));
    assert.equal(got.length, want.length, name);
    assert.equal(sha256(got), want.sha256, name);
  }
});

test('the settings in the properties byte are the ones used', () => {
  // text-302 was packed with lc 3, lp 0, pb 2: read as lc 0, lp 4, pb 4 it must not give the same bytes.
  const packed = read('text-302.lzma');
  packed[0] = 0 + 4 * 9 + 4 * 45;
  assert.throws(() => {
    const out = unlzma(packed);
    if (sha256(out) === sums.text.sha256) return;
    throw Error('damaged');
  });
});

// Damage of every kind throws an Error naming it, and never reads past the input or runs without end.
const damaged = (mutate) => {
  const packed = read('mixed-300.lzma');
  return mutate(packed) ?? packed;
};

test('a truncated file is refused', () => {
  for (const keep of [0, 5, 17, 40, 1000, 3000]) {
    const packed = damaged((p) => p.slice(0, keep));
    assert.throws(() => unlzma(packed), /the packed wasm is damaged: (shorter than its header|it ends early)/, `${keep}`);
  }
});

test('a bad header is refused with the reason', () => {
  assert.throws(() => unlzma(damaged((p) => void (p[0] = 225))), /properties byte 225 is over 224/);
  assert.throws(() => unlzma(damaged((p) => void p.fill(0xff, 5, 13))), /unpacked size unknown/);
  assert.throws(() => unlzma(damaged((p) => void (p[13] = 1))), /range coder starts with a non-zero byte/);
});

test('flipped bits are refused or give other bytes, never a hang or a read outside the input', () => {
  const original = read('mixed-300.lzma');
  let refused = 0;
  for (let i = 0; i < 400; i++) {
    const packed = original.slice();
    const at = 14 + ((i * 7919) % (packed.length - 14));
    packed[at] ^= 1 << i % 8;
    try {
      const out = unlzma(packed);
      assert.equal(out.length, sums.mixed.length);
    } catch (e) {
      assert.match(e.message, /^the packed wasm is damaged: /);
      refused++;
    }
  }
  assert.ok(refused > 0, 'no flipped bit was noticed');
});

test('a size that claims more than the stream holds is refused', () => {
  const packed = read('text-300.lzma');
  packed[5] = 0xff;
  packed[6] = 0xff;
  packed[7] = 0x0f;
  assert.throws(() => unlzma(packed), /the packed wasm is damaged/);
});

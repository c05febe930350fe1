// Unpacks the app's wasm in a build that ships it LZMA-compressed (`cargo xtask build --packed`, docs/benchmarks/
// web.md "Packed wasm"): LZMA packs the wasm about a fifth smaller than gzip -9, the compression static hosting
// applies.
// tools/pack-wasm.mjs inlines this function into the page's loader; `node --test tools/` tests it.
//
// Input: the `.lzma` layout: a properties byte (lc, lp, pb), the dictionary size (u32, little-endian), the unpacked
// size (u64, little-endian; the build always writes it, so the "unknown size, end marker" form is refused), then
// the range-coded stream. The whole output is one buffer, so it is the dictionary too: a match may reach back to
// the first byte, and a distance beyond what was written is damage, not a larger window.
//
// Damaged input throws an Error saying what is wrong; it never reads outside the input or loops without end.

/** Returns the bytes packed in `src` (a Uint8Array in the `.lzma` layout). */
export function unlzma(src) {
  const fail = (why) => {
    throw Error(`the packed wasm is damaged: ${why}`);
  };
  if (src.length < 18) fail('shorter than its header');
  const props = src[0];
  if (props > 224) fail(`properties byte ${props} is over 224`);
  const lc = props % 9;
  const lp = ((props / 9) | 0) % 5;
  const pb = (props / 45) | 0;
  if (src[12] | src[11] | src[10] | src[9]) fail('unpacked size unknown or over 4 GiB');
  const size = (src[5] | (src[6] << 8) | (src[7] << 16) | (src[8] << 24)) >>> 0;
  const out = new Uint8Array(size);

  // Range decoder. `range` and `code` stay below 2^32 as plain numbers: `* 256` instead of `<< 8` keeps them
  // unsigned.
  let at = 13;
  if (src[at++] !== 0) fail('range coder starts with a non-zero byte');
  let range = 0xffffffff;
  let code = 0;
  for (let i = 0; i < 4; i++) code = code * 256 + src[at++];
  if (code >= range) fail('range coder starts out of range');
  const normalize = () => {
    if (range < 0x1000000) {
      range *= 256;
      code = code * 256 + (src[at++] | 0);
    }
  };
  // One adaptive bit: the probability of a 0 in 11 bits, moved 1/32 of the way towards what was seen.
  const bit = (probs, i) => {
    const p = probs[i];
    const bound = (range >>> 11) * p;
    let b = 0;
    if (code < bound) {
      range = bound;
      probs[i] = p + ((2048 - p) >> 5);
    } else {
      range -= bound;
      code -= bound;
      probs[i] = p - (p >> 5);
      b = 1;
    }
    normalize();
    return b;
  };
  const tree = (probs, base, bits) => {
    let m = 1;
    for (let i = 0; i < bits; i++) m = (m << 1) | bit(probs, base + m);
    return m - (1 << bits);
  };
  const reverseTree = (probs, base, bits) => {
    let m = 1;
    let symbol = 0;
    for (let i = 0; i < bits; i++) {
      const b = bit(probs, base + m);
      m = (m << 1) | b;
      symbol |= b << i;
    }
    return symbol;
  };
  const direct = (bits) => {
    let r = 0;
    for (let i = 0; i < bits; i++) {
      range = range >>> 1;
      let b = 0;
      if (code >= range) {
        code -= range;
        b = 1;
      }
      r = r * 2 + b;
      normalize();
    }
    return r;
  };
  const probs = (n) => new Uint16Array(n).fill(1024);

  const isMatch = probs(192);
  const isRep = probs(12);
  const isRepG0 = probs(12);
  const isRepG1 = probs(12);
  const isRepG2 = probs(12);
  const isRep0Long = probs(192);
  const slots = probs(256);
  const special = probs(115);
  const align = probs(16);
  const literals = probs(0x300 << (lc + lp));
  // Lengths: choice, choice 2, then 16 low trees of 8, 16 middle trees of 8, one high tree of 256.
  const matchLen = probs(514);
  const repLen = probs(514);
  const length = (coder, posState) =>
    !bit(coder, 0)
      ? tree(coder, 2 + posState * 8, 3)
      : !bit(coder, 1)
        ? 8 + tree(coder, 130 + posState * 8, 3)
        : 16 + tree(coder, 258, 8);

  const pbMask = (1 << pb) - 1;
  const lpMask = (1 << lp) - 1;
  let state = 0;
  let rep0 = 0;
  let rep1 = 0;
  let rep2 = 0;
  let rep3 = 0;
  let pos = 0;
  while (pos < size) {
    if (at > src.length) fail('it ends early');
    const posState = pos & pbMask;
    if (!bit(isMatch, (state << 4) + posState)) {
      const previous = pos ? out[pos - 1] : 0;
      const base = 0x300 * (((pos & lpMask) << lc) + (previous >> (8 - lc)));
      let symbol = 1;
      if (state >= 7) {
        // After a match the literal is coded against the byte the last distance points at.
        let matchByte = out[pos - rep0 - 1];
        while (symbol < 0x100) {
          const matchBit = (matchByte >> 7) & 1;
          matchByte <<= 1;
          const b = bit(literals, base + ((1 + matchBit) << 8) + symbol);
          symbol = (symbol << 1) | b;
          if (b !== matchBit) break;
        }
      }
      while (symbol < 0x100) symbol = (symbol << 1) | bit(literals, base + symbol);
      out[pos++] = symbol & 0xff;
      state = state < 4 ? 0 : state < 10 ? state - 3 : state - 6;
      continue;
    }
    let len;
    if (bit(isRep, state)) {
      if (!pos) fail('a repeated match before any byte');
      if (!bit(isRepG0, state)) {
        if (!bit(isRep0Long, (state << 4) + posState)) {
          state = state < 7 ? 9 : 11;
          out[pos] = out[pos - rep0 - 1];
          pos++;
          continue;
        }
      } else {
        let distance;
        if (!bit(isRepG1, state)) {
          distance = rep1;
        } else {
          if (!bit(isRepG2, state)) {
            distance = rep2;
          } else {
            distance = rep3;
            rep3 = rep2;
          }
          rep2 = rep1;
        }
        rep1 = rep0;
        rep0 = distance;
      }
      len = length(repLen, posState);
      state = state < 7 ? 8 : 11;
    } else {
      rep3 = rep2;
      rep2 = rep1;
      rep1 = rep0;
      len = length(matchLen, posState);
      state = state < 7 ? 7 : 10;
      const slot = tree(slots, (len < 3 ? len : 3) << 6, 6);
      if (slot < 4) {
        rep0 = slot;
      } else {
        const bits = (slot >> 1) - 1;
        rep0 = (2 | (slot & 1)) * 2 ** bits;
        rep0 +=
          slot < 14
            ? reverseTree(special, rep0 - slot, bits)
            : direct(bits - 4) * 16 + reverseTree(align, 0, 4);
      }
      if (rep0 === 0xffffffff) fail('an end marker before the end');
    }
    if (rep0 >= pos) fail(`a match ${rep0 + 1} bytes back at byte ${pos}`);
    len += 2;
    if (len > size - pos) fail('a match past the end');
    for (; len; len--, pos++) out[pos] = out[pos - rep0 - 1];
  }
  if (at > src.length) fail('it ends early');
  return out;
}

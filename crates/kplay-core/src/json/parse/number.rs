//! Numbers, read as serde_json reads them: whole numbers as `u64`/`i64`, the rest as `f64` scaled by its table
//! powers of ten (not always the nearest `f64`, as serde_json without `float_roundtrip`).

use super::{overflows, Error, Parser, EOF_VALUE, NUMBER, RANGE};
use crate::json::N;

impl Parser<'_> {
    /// A number after its sign.
    pub(super) fn integer(&mut self, positive: bool) -> Result<N, Error> {
        let sig = match self.next() {
            None => return Err(self.error(EOF_VALUE)),
            Some(b'0') => {
                if self.peek_or_null().is_ascii_digit() {
                    return Err(self.peek_error(NUMBER));
                }
                0
            }
            Some(c @ b'1'..=b'9') => {
                let mut sig = u64::from(c - b'0');
                while let c @ b'0'..=b'9' = self.peek_or_null() {
                    let d = u64::from(c - b'0');
                    if overflows(sig, d, u64::MAX) {
                        return self.long_integer(positive, sig).map(N::Float);
                    }
                    self.i += 1;
                    sig = sig * 10 + d;
                }
                sig
            }
            Some(_) => return Err(self.error(NUMBER)),
        };
        Ok(match self.peek_or_null() {
            b'.' => N::Float(self.decimal(positive, sig, 0)?),
            b'e' | b'E' => N::Float(self.exponent(positive, sig, 0)?),
            _ if positive => N::Pos(sig),
            _ => {
                let neg = (sig as i64).wrapping_neg();
                // `-0` and below `i64::MIN` are floats, as serde_json reads them.
                if neg >= 0 {
                    N::Float(-(sig as f64))
                } else {
                    N::Neg(neg)
                }
            }
        })
    }

    /// More digits than `u64` holds: they only scale it.
    fn long_integer(&mut self, positive: bool, sig: u64) -> Result<f64, Error> {
        let mut exp = 0;
        loop {
            match self.peek_or_null() {
                b'0'..=b'9' => {
                    self.i += 1;
                    exp += 1;
                }
                b'.' => return self.decimal(positive, sig, exp),
                b'e' | b'E' => return self.exponent(positive, sig, exp),
                _ => return self.scaled(positive, sig, exp),
            }
        }
    }

    /// At the `.`.
    fn decimal(&mut self, positive: bool, mut sig: u64, exp_before: i32) -> Result<f64, Error> {
        self.i += 1;
        let mut exp_after = 0;
        let mut overflowed = false;
        while let c @ b'0'..=b'9' = self.peek_or_null() {
            let d = u64::from(c - b'0');
            self.i += 1;
            if overflowed || overflows(sig, d, u64::MAX) {
                // serde_json drops the digits `u64` cannot hold.
                overflowed = true;
                continue;
            }
            sig = sig * 10 + d;
            exp_after -= 1;
        }
        if exp_after == 0 && !overflowed {
            return Err(self.peek_error(if self.peek().is_some() {
                NUMBER
            } else {
                EOF_VALUE
            }));
        }
        let exp = exp_before + exp_after;
        match self.peek_or_null() {
            b'e' | b'E' => self.exponent(positive, sig, exp),
            _ => self.scaled(positive, sig, exp),
        }
    }

    /// At the `e`.
    fn exponent(&mut self, positive: bool, sig: u64, start: i32) -> Result<f64, Error> {
        self.i += 1;
        let positive_exp = match self.peek_or_null() {
            b'+' => {
                self.i += 1;
                true
            }
            b'-' => {
                self.i += 1;
                false
            }
            _ => true,
        };
        let mut exp: i32 = match self.next() {
            None => return Err(self.error(EOF_VALUE)),
            Some(c @ b'0'..=b'9') => i32::from(c - b'0'),
            Some(_) => return Err(self.error(NUMBER)),
        };
        while let c @ b'0'..=b'9' = self.peek_or_null() {
            self.i += 1;
            let d = i32::from(c - b'0');
            if overflows(exp as u64, d as u64, i32::MAX as u64) {
                if sig != 0 && positive_exp {
                    return Err(self.error(RANGE));
                }
                while self.peek_or_null().is_ascii_digit() {
                    self.i += 1;
                }
                return Ok(if positive { 0.0 } else { -0.0 });
            }
            exp = exp * 10 + d;
        }
        let exp = if positive_exp {
            start.saturating_add(exp)
        } else {
            start.saturating_sub(exp)
        };
        self.scaled(positive, sig, exp)
    }

    /// `sig × 10^exp`, computed as serde_json computes it.
    fn scaled(&self, positive: bool, sig: u64, mut exp: i32) -> Result<f64, Error> {
        let mut f = sig as f64;
        loop {
            match (exp.unsigned_abs() <= 308).then(|| pow10(exp.unsigned_abs())) {
                Some(pow) => {
                    if exp >= 0 {
                        f *= pow;
                        if f.is_infinite() {
                            return Err(self.error(RANGE));
                        }
                    } else {
                        f /= pow;
                    }
                    break;
                }
                None => {
                    if f == 0.0 {
                        break;
                    }
                    if exp >= 0 {
                        return Err(self.error(RANGE));
                    }
                    f /= 1e308;
                    exp += 308;
                }
            }
        }
        Ok(if positive { f } else { -f })
    }
}

/// `10^k` rounded to the nearest `f64` (ties to even) for `k` in `0..=308`: the top 53 bits of `5^k` (a big
/// whole number) rounded, times `2^k`. The same values as the literals `1e0` to `1e308`, which serde_json keeps
/// in a 2.5 KB table (`tests` compares them all); computed here, the wasm holds no table.
fn pow10(k: u32) -> f64 {
    // 5^308 < 2^716.
    let mut limbs = [0u32; 23];
    limbs[0] = 1;
    for _ in 0..k {
        let mut carry = 0u64;
        for l in limbs.iter_mut() {
            let x = u64::from(*l) * 5 + carry;
            *l = x as u32;
            carry = x >> 32;
        }
    }
    let bit = |i: usize| (limbs[i / 32] >> (i % 32)) & 1 == 1;
    let len = (0..limbs.len() * 32)
        .rev()
        .find(|&i| bit(i))
        .map_or(0, |i| i + 1);
    let shift = len.saturating_sub(53);
    let mut m: u64 = 0;
    for i in (shift..len).rev() {
        m = (m << 1) | u64::from(bit(i));
    }
    // Round half to even on the bits below the 53 kept.
    if shift > 0 && bit(shift - 1) && (m & 1 == 1 || (0..shift - 1).any(bit)) {
        m += 1;
    }
    // `m ≤ 2^53` converts exactly; `2^e` for `e` from 0 to 1023 is exact too.
    let e = (shift as u64) + u64::from(k);
    m as f64 * f64::from_bits((e + 1023) << 52)
}

#[cfg(test)]
mod tests {
    /// Every power equals its literal in serde_json's table.
    #[test]
    fn powers_of_ten_are_the_literals() {
        for (k, want) in crate::json::pow10::POW10.iter().enumerate() {
            assert_eq!(super::pow10(k as u32).to_bits(), want.to_bits(), "1e{k}");
        }
    }
}

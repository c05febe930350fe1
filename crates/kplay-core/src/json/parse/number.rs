//! Numbers, read as serde_json reads them: whole numbers as `u64`/`i64`, the rest as `f64` scaled by its table
//! of powers of ten (not always the nearest `f64`, as serde_json without `float_roundtrip`).

use super::{overflows, Error, Parser, EOF_VALUE, NUMBER, RANGE};
use crate::json::pow10::POW10;
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
            match POW10.get(exp.unsigned_abs() as usize) {
                Some(&pow) => {
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

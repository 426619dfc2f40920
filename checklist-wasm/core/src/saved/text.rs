//! The compact form's two kinds of token, written and read: a whole number (`123,`) and a
//! string with its length in bytes in front (`5:hello`). Everything else (booleans, counts,
//! dates, floats, options) is built from them by the layouts (`workspace`, and the
//! definition's in `definition_compact`).
//! The text stays valid UTF-8, so it is stored as a string wherever a string goes
//! (IndexedDB, `localStorage`, a call between the page's modules), and it is written without
//! `core::fmt`. The reader trusts nothing: every length is checked against what is left,
//! every slice against character boundaries, and it fails instead of panicking.

/// Why a compact text could not be read; the page needs no more detail, since its own saves
/// only fail to read when damaged, and anything else goes to the checked import.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Damaged;

/// Builds a compact text token by token.
pub struct Writer {
    text: String,
}

impl Writer {
    /// Starts a text with `magic` (which tells the format and its version).
    pub fn new(magic: &str) -> Writer {
        Writer {
            text: magic.to_owned(),
        }
    }

    /// Writes a whole number.
    #[inline(never)]
    pub fn uint(&mut self, mut n: u64) {
        // Digits backwards into a buffer, then in order: no `core::fmt` in the bundle.
        let mut digits = [0u8; 20];
        let mut at = digits.len();
        loop {
            at -= 1;
            digits[at] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        for &digit in &digits[at..] {
            self.text.push(char::from(digit));
        }
    }

    /// Writes a count or small number, ended by `,`.
    #[inline(never)]
    pub fn number(&mut self, n: u64) {
        self.uint(n);
        self.text.push(',');
    }

    /// Writes a length (or other `usize`), ended by `,`.
    pub fn count(&mut self, n: usize) {
        self.number(n as u64);
    }

    /// Writes `true` as 1 and `false` as 0.
    pub fn flag(&mut self, on: bool) {
        self.number(u64::from(on));
    }

    /// Writes a string: its length in bytes, `:`, then the string as it is.
    #[inline(never)]
    pub fn str(&mut self, s: &str) {
        self.uint(s.len() as u64);
        self.text.push(':');
        self.text.push_str(s);
    }

    /// Writes a float exactly: one with a few decimal places (`1`, `0.8`, `99.95`) as the
    /// number of places and its digits (short, and it compresses), any other as its bits.
    pub fn float(&mut self, x: f64) {
        let mut scale = 1.0;
        for places in 0..BITS {
            let rounded = (x * scale).round();
            // Integers below 2^53 and the powers of ten up to 10^15 are exact floats, so the
            // reader's one division gives these bits again (-0 is written as its bits).
            let digits = rounded as i64;
            if rounded.abs() < 9_007_199_254_740_992.0
                && (digits as f64 / scale).to_bits() == x.to_bits()
            {
                self.number(places);
                return self.number(((digits << 1) ^ (digits >> 63)) as u64);
            }
            scale *= 10.0;
        }
        self.number(BITS);
        self.number(x.to_bits());
    }

    /// Returns the text written.
    pub fn finish(self) -> String {
        self.text
    }
}

/// The count of decimal places that means a float is written as its bits.
const BITS: u64 = 16;

/// Reads a compact text token by token. A read that fails marks the reader failed and
/// returns an empty value (0, `""`, a count of 0), so every later read is cheap and nothing
/// is allocated for it; [`Reader::end`] tells whether all of it was read. Readers never
/// return early, which keeps the code that drops half-read values out of the bundle.
pub struct Reader<'a> {
    text: &'a str,
    at: usize,
    failed: bool,
}

impl<'a> Reader<'a> {
    /// Starts reading `text` after `magic`; a text without it reads as failed.
    pub fn new(text: &'a str, magic: &str) -> Reader<'a> {
        let failed = !text.starts_with(magic);
        Reader {
            text,
            at: if failed { text.len() } else { magic.len() },
            failed,
        }
    }

    /// Returns how many bytes are left to read.
    fn left(&self) -> usize {
        self.text.len() - self.at
    }

    /// Marks the text as damaged and returns `value`.
    pub fn fail<T>(&mut self, value: T) -> T {
        self.failed = true;
        self.at = self.text.len();
        value
    }

    /// Reads the digits of a whole number up to and including `end`.
    #[inline(never)]
    fn digits(&mut self, end: u8) -> u64 {
        let bytes = self.text.as_bytes();
        let mut n: u64 = 0;
        let start = self.at;
        while let Some(&byte) = bytes.get(self.at) {
            self.at += 1;
            if byte == end && self.at - 1 > start {
                return n;
            }
            let digit = byte.wrapping_sub(b'0');
            match n
                .checked_mul(10)
                .and_then(|n| n.checked_add(u64::from(digit)))
            {
                Some(next) if digit < 10 => n = next,
                _ => return self.fail(0),
            }
        }
        self.fail(0)
    }

    /// Reads a whole number written by [`Writer::number`].
    pub fn number(&mut self) -> u64 {
        self.digits(b',')
    }

    /// Reads a number no larger than `max`.
    #[inline(never)]
    pub fn small(&mut self, max: u64) -> u64 {
        let n = self.number();
        if n > max {
            return self.fail(0);
        }
        n
    }

    /// Reads a count of items no larger than `max`; each item takes at least one byte, so a
    /// count larger than what is left is refused before anything is allocated for it.
    #[inline(never)]
    pub fn count(&mut self, max: usize) -> usize {
        let n = self.small(max as u64) as usize;
        if n > self.left() {
            return self.fail(0);
        }
        n
    }

    /// Reads a flag written by [`Writer::flag`].
    pub fn flag(&mut self) -> bool {
        self.small(1) == 1
    }

    /// Reads a string written by [`Writer::str`].
    #[inline(never)]
    pub fn string(&mut self) -> String {
        let length = usize::try_from(self.digits(b':')).unwrap_or(usize::MAX);
        let end = self.at.saturating_add(length);
        match self.text.get(self.at..end) {
            Some(s) if !self.failed => {
                self.at = end;
                s.to_owned()
            }
            _ => self.fail(String::new()),
        }
    }

    /// Reads a float written by [`Writer::float`]; only finite numbers, as JSON has.
    pub fn float(&mut self) -> f64 {
        let places = self.small(BITS);
        let n = self.number();
        let x = if places == BITS {
            f64::from_bits(n)
        } else {
            let mut scale = 1.0;
            for _ in 0..places {
                scale *= 10.0;
            }
            (((n >> 1) as i64) ^ -((n & 1) as i64)) as f64 / scale
        };
        if x.is_finite() {
            x
        } else {
            self.fail(0.0)
        }
    }

    /// Succeeds when everything was read and nothing failed: trailing bytes mean the text is
    /// damaged too.
    pub fn end(self) -> Result<(), Damaged> {
        if self.failed || self.left() > 0 {
            Err(Damaged)
        } else {
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn float_round_trip(x: f64, written: &str) {
        let mut w = Writer::new("");
        w.float(x);
        let text = w.finish();
        assert_eq!(text, written, "{x:e}");
        let mut r = Reader::new(&text, "");
        assert_eq!(r.float().to_bits(), x.to_bits(), "{x:e}");
        assert_eq!(r.end(), Ok(()));
    }

    #[test]
    fn floats_are_written_short_when_they_have_few_decimals_and_always_read_back_exactly() {
        float_round_trip(1.0, "0,2,");
        float_round_trip(0.0, "0,0,");
        float_round_trip(0.8, "1,16,");
        float_round_trip(99.95, "2,19990,");
        float_round_trip(-2.5, "1,49,");
        float_round_trip(4.0, "0,8,");
        float_round_trip(-0.0, &format!("16,{},", (-0.0f64).to_bits()));
        for x in [
            0.1 + 0.2,
            1e300,
            5e-324,
            f64::MAX,
            -f64::MIN_POSITIVE,
            1.0 / 3.0,
        ] {
            float_round_trip(x, &format!("16,{},", x.to_bits()));
        }
    }

    #[test]
    fn floats_that_are_not_finite_or_not_written_so_are_refused() {
        for text in [
            format!("16,{},", f64::INFINITY.to_bits()),
            format!("16,{},", f64::NAN.to_bits()),
            "17,1,".to_owned(),
            "1,".to_owned(),
        ] {
            let mut r = Reader::new(&text, "");
            r.float();
            assert_eq!(r.end(), Err(Damaged), "{text}");
        }
    }
}

//! Decimal text to the nearest `f64`, correctly rounded, for the JSON reader and the number
//! fields of the browser page, and an `f64` back to the shortest text that reads as it.
//! std's parser carries a 10 KB table of powers of five, which is an eighth of the browser
//! bundle's budget; this one takes the exact fast path for the short numbers people type and
//! otherwise corrects a close guess by comparing big integers (the classic "bigcomp"
//! refinement), so every input still gets the same `f64` as std. std's `Display` for `f64`
//! (Grisu with a Dragon fallback) costs about 3 KB gzip of the bundle; [`format`] writes the
//! same text from the exact decimal expansion and this module's own parser.
//! Which texts count as numbers is decided by the callers; this only reads digits.

use std::cmp::Ordering;

/// Significant digits kept; exact halfway points between doubles have at most 767.
const MAX_DIGITS: usize = 800;

/// Powers of ten that `f64` holds exactly.
const EXACT_POWERS_OF_TEN: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// Parses `[+-]digits[.digits][(e|E)[+-]digits]` (".5" and "5." too) into the nearest `f64`.
/// Returns `None` for anything else and for numbers too large for `f64`.
pub fn parse(text: &str) -> Option<f64> {
    let bytes = text.as_bytes();
    let (negative, mut pos) = match bytes.first() {
        Some(b'-') => (true, 1),
        Some(b'+') => (false, 1),
        _ => (false, 0),
    };
    // The significant digits (no leading zeros), and the power of ten of the last one.
    let (mut significant, mut exponent) = (Vec::new(), 0i64);
    let (mut digits, mut after_point) = (0, false);
    while let Some(&byte) = bytes.get(pos) {
        match byte {
            b'0'..=b'9' => {
                digits += 1;
                if !significant.is_empty() || byte > b'0' {
                    significant.push(byte - b'0');
                }
                exponent -= i64::from(after_point);
            }
            b'.' if !after_point => after_point = true,
            _ => break,
        }
        pos += 1;
    }
    if digits == 0 {
        return None;
    }
    if let Some(b'e' | b'E') = bytes.get(pos) {
        pos += 1;
        let sign = match bytes.get(pos) {
            Some(b'-') => -1,
            Some(b'+') => 1,
            _ => 0,
        };
        pos += usize::from(sign != 0);
        let start = pos;
        let mut written = 0i64;
        while let Some(digit @ b'0'..=b'9') = bytes.get(pos) {
            written = (written * 10 + i64::from(digit - b'0')).min(1_000_000);
            pos += 1;
        }
        if pos == start {
            return None;
        }
        exponent += if sign < 0 { -written } else { written };
    }
    if pos != bytes.len() {
        return None;
    }
    // Beyond 800 digits only an exact tie can depend on the rest, and `truncated` settles it.
    let truncated =
        significant.len() > MAX_DIGITS && significant[MAX_DIGITS..].iter().any(|d| *d > 0);
    if significant.len() > MAX_DIGITS {
        exponent += (significant.len() - MAX_DIGITS) as i64;
        significant.truncate(MAX_DIGITS);
    }
    while significant.last() == Some(&0) {
        significant.pop();
        exponent += 1;
    }
    let magnitude = nearest(&significant, exponent, truncated)?;
    Some(if negative { -magnitude } else { magnitude })
}

/// Writes `value` exactly as std's `Display` does (`format!("{value}")`): the shortest digits
/// that read back as the same `f64` (the nearer candidate when two of that length do, the
/// upper one on a tie), without an exponent; "NaN", "inf" and "-0" as std writes them.
pub fn format(value: f64) -> String {
    if value.is_nan() {
        return "NaN".to_owned();
    }
    let mut out = String::from(if value.is_sign_negative() { "-" } else { "" });
    let value = value.abs();
    if value.is_infinite() {
        out.push_str("inf");
        return out;
    }
    if value == 0.0 {
        out.push('0');
        return out;
    }
    // value = 0.digits × 10^point
    let (digits, point) = shortest(value);
    let text = |digits: &[u8]| {
        digits
            .iter()
            .map(|d| char::from(b'0' + d))
            .collect::<String>()
    };
    let len = digits.len() as i64;
    if point <= 0 {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', point.unsigned_abs() as usize));
        out.push_str(&text(&digits));
    } else if point >= len {
        out.push_str(&text(&digits));
        out.extend(std::iter::repeat_n('0', (point - len) as usize));
    } else {
        out.push_str(&text(&digits[..point as usize]));
        out.push('.');
        out.push_str(&text(&digits[point as usize..]));
    }
    out
}

/// The shortest significant digits (no leading or trailing zeros) of a finite, positive
/// `value` that read back as it, with the decimal point's place: `value ≈ 0.digits × 10^point`.
fn shortest(value: f64) -> (Vec<u8>, i64) {
    // The exact expansion: m × 2^e is m × 5^-e × 10^e when e < 0.
    let (m, e) = decompose(value);
    let mut big = Big::from(m);
    let mut exponent = 0;
    if e >= 0 {
        big.shl(e as u32);
    } else {
        big.mul_pow5(e.unsigned_abs() as u32);
        exponent = e;
    }
    let exact = big.into_digits();
    let point = exact.len() as i64 + exponent;
    let reads_back = |digits: &[u8], point: i64| {
        nearest(digits, point - digits.len() as i64, false) == Some(value)
    };
    for length in 1..exact.len() {
        let mut down = exact[..length].to_vec();
        // Rounding up carries through trailing nines; all nines become 1 at the next place.
        let mut up = down.clone();
        let mut up_point = point;
        while up.last() == Some(&9) {
            up.pop();
        }
        match up.last_mut() {
            Some(last) => *last += 1,
            None => {
                up.push(1);
                up_point += 1;
            }
        }
        while down.last() == Some(&0) {
            down.pop();
        }
        let (down_ok, up_ok) = (reads_back(&down, point), reads_back(&up, up_point));
        if up_ok && (!down_ok || exact[length] >= 5) {
            return (up, up_point);
        }
        if down_ok {
            return (down, point);
        }
    }
    let mut digits = exact;
    while digits.last() == Some(&0) {
        digits.pop();
    }
    (digits, point)
}

/// The `f64` nearest to `digits × 10^exponent` (a bit more when `truncated`), if finite.
fn nearest(digits: &[u8], exponent: i64, truncated: bool) -> Option<f64> {
    let magnitude = digits.len() as i64 + exponent;
    if digits.is_empty() || magnitude < -330 {
        return Some(0.0);
    }
    if magnitude > 310 {
        return None;
    }
    // The first 19 digits fit in a u64.
    let leading = digits.len().min(19);
    let mantissa = digits[..leading]
        .iter()
        .fold(0u64, |n, d| n * 10 + u64::from(*d));
    if leading == digits.len() && !truncated && mantissa < 1 << 53 && exponent.abs() <= 22 {
        // Both factors are exact, so one rounding gives the nearest value.
        let power = EXACT_POWERS_OF_TEN[exponent.unsigned_abs() as usize];
        let value = mantissa as f64;
        return Some(if exponent < 0 {
            value / power
        } else {
            value * power
        });
    }
    // A guess within a few units in the last place, then exact corrections.
    let exponent_of_leading = exponent + (digits.len() - leading) as i64;
    let half = exponent_of_leading / 2;
    let mut guess =
        mantissa as f64 * 10f64.powi(half as i32) * 10f64.powi((exponent_of_leading - half) as i32);
    if guess.is_infinite() {
        // The guess may overshoot near the top; the corrections below decide.
        guess = f64::MAX;
    }
    for _ in 0..64 {
        if !guess.is_finite() {
            return None;
        }
        let (m, e) = decompose(guess);
        let above = compare(digits, exponent, truncated, 2 * m + 1, e - 1);
        if above == Ordering::Greater || (above == Ordering::Equal && m % 2 == 1) {
            guess = f64::from_bits(guess.to_bits() + 1);
            continue;
        }
        if m == 0 {
            return Some(guess);
        }
        let below = if m == 1 << 52 && e > -1074 {
            compare(digits, exponent, truncated, 4 * m - 1, e - 2)
        } else {
            compare(digits, exponent, truncated, 2 * m - 1, e - 1)
        };
        if below == Ordering::Less || (below == Ordering::Equal && m % 2 == 1) {
            guess = f64::from_bits(guess.to_bits() - 1);
            continue;
        }
        return Some(guess);
    }
    Some(guess)
}

/// Splits a finite, non-negative `f64` into `m × 2^e` with an integer `m`.
fn decompose(value: f64) -> (u64, i64) {
    let bits = value.to_bits();
    let fraction = bits & ((1 << 52) - 1);
    match (bits >> 52) as i64 {
        0 => (fraction, -1074),
        biased => (fraction | 1 << 52, biased - 1075),
    }
}

/// Compares `digits × 10^exponent` (a bit more when `truncated`) with `m × 2^e`, exactly.
fn compare(digits: &[u8], exponent: i64, truncated: bool, m: u64, e: i64) -> Ordering {
    let mut left = Big::from_digits(digits);
    let mut right = Big::from(m);
    // mantissa × 5^exponent × 2^exponent against m × 2^e, with every power made non-negative.
    if exponent >= 0 {
        left.mul_pow5(exponent as u32);
    } else {
        right.mul_pow5(exponent.unsigned_abs() as u32);
    }
    let twos = exponent - e;
    if twos >= 0 {
        left.shl(twos as u32);
    } else {
        right.shl(twos.unsigned_abs() as u32);
    }
    match left.cmp(&right) {
        Ordering::Equal if truncated => Ordering::Greater,
        order => order,
    }
}

/// A non-negative big integer in base 2^32, least significant limb first, without zero limbs
/// at the top.
#[derive(PartialEq, Eq)]
struct Big(Vec<u32>);

impl Big {
    fn from(value: u64) -> Big {
        let mut big = Big(vec![value as u32, (value >> 32) as u32]);
        big.trim();
        big
    }

    fn from_digits(digits: &[u8]) -> Big {
        let mut big = Big(Vec::new());
        for chunk in digits.chunks(9) {
            big.mul_small(10u32.pow(chunk.len() as u32));
            let mut carry = chunk.iter().fold(0u32, |n, d| n * 10 + u32::from(*d));
            for limb in &mut big.0 {
                let (sum, overflow) = limb.overflowing_add(carry);
                *limb = sum;
                carry = u32::from(overflow);
            }
            if carry > 0 {
                big.0.push(carry);
            }
        }
        big
    }

    /// Divides by `divisor`, returning the remainder.
    fn div_small(&mut self, divisor: u32) -> u32 {
        let mut remainder = 0u64;
        for limb in self.0.iter_mut().rev() {
            let current = (remainder << 32) | u64::from(*limb);
            *limb = (current / u64::from(divisor)) as u32;
            remainder = current % u64::from(divisor);
        }
        self.trim();
        remainder as u32
    }

    /// The decimal digits, most significant first (none for zero).
    fn into_digits(mut self) -> Vec<u8> {
        let mut digits = Vec::new();
        while !self.0.is_empty() {
            let mut chunk = self.div_small(1_000_000_000);
            // Nine digits per chunk, least significant first; the top chunk's leading zeros go.
            for _ in 0..9 {
                digits.push((chunk % 10) as u8);
                chunk /= 10;
                if self.0.is_empty() && chunk == 0 {
                    break;
                }
            }
        }
        digits.reverse();
        digits
    }

    fn trim(&mut self) {
        while self.0.last() == Some(&0) {
            self.0.pop();
        }
    }

    fn mul_small(&mut self, factor: u32) {
        let mut carry = 0u64;
        for limb in &mut self.0 {
            let product = u64::from(*limb) * u64::from(factor) + carry;
            *limb = product as u32;
            carry = product >> 32;
        }
        if carry > 0 {
            self.0.push(carry as u32);
        }
    }

    fn mul_pow5(&mut self, mut power: u32) {
        // 5^13 is the largest power of five that fits in a limb.
        while power > 0 {
            let step = power.min(13);
            self.mul_small(5u32.pow(step));
            power -= step;
        }
    }

    fn shl(&mut self, bits: u32) {
        let (limbs, bits) = ((bits / 32) as usize, bits % 32);
        if bits > 0 {
            let mut carry = 0;
            for limb in &mut self.0 {
                let shifted = (*limb << bits) | carry;
                carry = *limb >> (32 - bits);
                *limb = shifted;
            }
            if carry > 0 {
                self.0.push(carry);
            }
        }
        if limbs > 0 && !self.0.is_empty() {
            let mut shifted = vec![0; limbs];
            shifted.extend_from_slice(&self.0);
            self.0 = shifted;
        }
    }
}

impl PartialOrd for Big {
    fn partial_cmp(&self, other: &Big) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Big {
    fn cmp(&self, other: &Big) -> Ordering {
        self.0
            .len()
            .cmp(&other.0.len())
            .then_with(|| self.0.iter().rev().cmp(other.0.iter().rev()))
    }
}

#[cfg(test)]
mod tests {
    use super::{format, parse};

    #[track_caller]
    fn formats_as_std(value: f64) {
        assert_eq!(
            format(value),
            std::format!("{value}"),
            "bits {:#x}",
            value.to_bits()
        );
    }

    #[test]
    fn format_agrees_with_std_on_hard_cases() {
        for value in [
            0.0,
            -0.0,
            1.0,
            -1.0,
            99.95,
            0.1,
            0.1 + 0.2,
            1e22,
            1e23,
            1e21,
            1e-7,
            123456789.0,
            9007199254740993.0,
            f64::MAX,
            f64::MIN_POSITIVE,
            5e-324,
            2.0f64.powi(-1022) * 1.5,
            2.0f64.powi(60),
            2.0f64.powi(-60),
            0.3,
            2.5,
            72.5,
            33.333333333333336,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::from_bits(1e23f64.to_bits() - 1),
            999.9999999999999,
        ] {
            formats_as_std(value);
        }
        // Every power of two, whose lower rounding gap is half the upper one.
        for exponent in -1074..=1023 {
            formats_as_std(2.0f64.powi(exponent));
        }
    }

    #[test]
    fn format_agrees_with_std_on_short_decimals() {
        for n in 0..20_000u32 {
            for scale in [1.0, 10.0, 100.0, 1000.0] {
                formats_as_std(f64::from(n) / scale);
                formats_as_std(f64::from(n) * 0.1);
            }
        }
    }

    #[track_caller]
    fn same_as_std(text: &str) {
        let ours = parse(text);
        let std = text.parse::<f64>().ok().filter(|n| n.is_finite());
        assert_eq!(ours.map(f64::to_bits), std.map(f64::to_bits), "{text}");
    }

    #[test]
    fn agrees_with_std_on_hard_cases() {
        for text in [
            "0",
            "-0",
            "1",
            "99.95",
            "0.1",
            "0.30000000000000004",
            "123456789012345678901234567890",
            "1e22",
            "1e23",
            "9007199254740993",
            "9007199254740992.5",
            "2.2250738585072014e-308",
            "2.2250738585072011e-308",
            "4.9e-324",
            "2.4703282292062327e-324",
            "2.4703282292062328e-324",
            "1e-400",
            "1.7976931348623157e308",
            "1.7976931348623158e308",
            "1e309",
            "0.000001",
            "5e-1",
            ".5",
            "5.",
            "+3",
            "1.00000000000000011102230246251565404236316680908203125",
            "1.00000000000000011102230246251565404236316680908203124",
            "8.98846567431158e307",
            "123.456e-2",
        ] {
            same_as_std(text);
        }
    }

    #[test]
    fn refuses_what_is_not_a_number() {
        for text in [
            "", "-", ".", "e5", "1e", "1e+", "1.2.3", "1,5", "inf", "NaN", " 1", "1 ",
        ] {
            assert_eq!(parse(text), None, "{text}");
        }
    }

    proptest::proptest! {
        #[test]
        fn every_printed_double_reads_back(bits in proptest::prelude::any::<u64>()) {
            let value = f64::from_bits(bits);
            if value.is_finite() {
                same_as_std(&value.to_string());
                same_as_std(&format!("{value:e}"));
            }
        }

        #[test]
        fn every_double_formats_as_std(bits in proptest::prelude::any::<u64>()) {
            formats_as_std(f64::from_bits(bits));
        }

        #[test]
        fn long_decimals_agree_with_std(digits in "[0-9]{1,30}", point in 0usize..30, exponent in -340i32..320) {
            let point = point.min(digits.len());
            same_as_std(&format!("{}.{}e{exponent}", &digits[..point], &digits[point..]));
        }
    }
}

//! What a buyer types into a number field, read as a number: the forms people write
//! (`99.95`, `99,95`, `99.95 %`, a leading sign) are accepted, anything else gets a reason
//! in plain words. It owns only reading the text and checking the question's range; the
//! digits themselves are converted by `decimal`, and the binding turns the error into a
//! translated message.

use std::fmt;

/// Why a typed number was not accepted.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum NumberError {
    /// Nothing but spaces was typed.
    Empty,
    /// The text is not a plain decimal number (letters, two separators, thousands
    /// separators, an exponent, trailing text).
    NotANumber,
    /// The number is outside the question's range.
    OutOfRange {
        /// The smallest accepted value.
        min: f64,
        /// The largest accepted value.
        max: f64,
    },
}

impl fmt::Display for NumberError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NumberError::Empty => f.write_str("no number was entered"),
            NumberError::NotANumber => f.write_str("this is not a number"),
            NumberError::OutOfRange { min, max } => {
                write!(f, "the number must be between {min} and {max}")
            }
        }
    }
}

impl std::error::Error for NumberError {}

/// Reads a typed number and checks it lies in `min..=max`.
///
/// Accepts surrounding spaces, one leading `+`, `-` or `−`, digits with at most one decimal
/// separator (`.` or `,`, so both English and German forms work), and a trailing `%` with
/// or without a space before it. A single separator is always the decimal mark: thousands
/// separators are refused rather than guessed, because `1,000` means one in German.
pub fn parse_number(text: &str, min: f64, max: f64) -> Result<f64, NumberError> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(NumberError::Empty);
    }
    let body = trimmed.strip_suffix('%').map_or(trimmed, str::trim_end);
    let (negative, digits) = if let Some(rest) = body.strip_prefix('-') {
        (true, rest)
    } else if let Some(rest) = body.strip_prefix('\u{2212}') {
        (true, rest)
    } else {
        (false, body.strip_prefix('+').unwrap_or(body))
    };
    let mut separators = 0;
    let mut has_digit = false;
    for byte in digits.bytes() {
        match byte {
            b'0'..=b'9' => has_digit = true,
            b'.' | b',' => separators += 1,
            _ => return Err(NumberError::NotANumber),
        }
    }
    if !has_digit || separators > 1 {
        return Err(NumberError::NotANumber);
    }
    // Plain digits only fail to convert when they are too large for any range.
    let out_of_range = NumberError::OutOfRange { min, max };
    let magnitude = crate::decimal::parse(&digits.replace(',', ".")).ok_or(out_of_range)?;
    // Adding zero turns "-0" into 0, so it is shown and stored as plain 0.
    let value = if negative { -magnitude } else { magnitude } + 0.0;
    if !(min..=max).contains(&value) {
        return Err(out_of_range);
    }
    Ok(value)
}

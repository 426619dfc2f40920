//! Calendar dates as the checklist stores them: the day a piece of evidence is valid until,
//! written `YYYY-MM-DD` (ISO 8601). It owns only reading, checking and comparing such dates;
//! today's date is never looked up here but passed in by the caller (the browser binding
//! reads its clock), so scoring stays pure and tests pick any day.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A valid day of the Gregorian calendar between the years 1 and 9999.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    // Field order makes the derived ordering chronological.
    year: u16,
    month: u8,
    day: u8,
}

/// Why a text or a year, month and day are not a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateError {
    /// The text is not shaped `YYYY-MM-DD`.
    NotIsoFormat,
    /// The shape is right, but no such day exists (e.g. `2025-02-30`).
    NoSuchDay,
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateError::NotIsoFormat => f.write_str("expected a date written as YYYY-MM-DD"),
            DateError::NoSuchDay => f.write_str("this day does not exist in the calendar"),
        }
    }
}

impl std::error::Error for DateError {}

impl Date {
    /// Builds a date from its parts, refusing days that do not exist.
    pub fn new(year: u16, month: u8, day: u8) -> Result<Date, DateError> {
        if !(1..=9999).contains(&year) || !(1..=12).contains(&month) {
            return Err(DateError::NoSuchDay);
        }
        if day == 0 || day > days_in_month(year, month) {
            return Err(DateError::NoSuchDay);
        }
        Ok(Date { year, month, day })
    }

    /// Reads exactly `YYYY-MM-DD`, as `<input type="date">` and the export write it.
    pub fn parse(text: &str) -> Result<Date, DateError> {
        let bytes = text.as_bytes();
        let shaped = bytes.len() == 10
            && bytes[4] == b'-'
            && bytes[7] == b'-'
            && bytes
                .iter()
                .enumerate()
                .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
        if !shaped {
            return Err(DateError::NotIsoFormat);
        }
        let number = |range: std::ops::Range<usize>| {
            bytes[range]
                .iter()
                .fold(0u16, |n, b| n * 10 + u16::from(b - b'0'))
        };
        // Month and day have two digits, so they fit a u8.
        Date::new(number(0..4), number(5..7) as u8, number(8..10) as u8)
    }

    /// Returns the year.
    pub fn year(self) -> u16 {
        self.year
    }

    /// Returns the month, 1-12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// Returns the day of the month, 1-31.
    pub fn day(self) -> u8 {
        self.day
    }
}

/// Returns how many days a month has, counting leap years.
fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl std::str::FromStr for Date {
    type Err = DateError;

    fn from_str(text: &str) -> Result<Date, DateError> {
        Date::parse(text)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        let text = String::deserialize(deserializer)?;
        Date::parse(&text).map_err(serde::de::Error::custom)
    }
}

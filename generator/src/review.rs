//! Review dates: the day a page's content was last checked (`reviewed = 2026-11-15` in its
//! front matter). This module owns the calendar date type, reading it from front matter,
//! writing it in a reader's language, and deciding which pages are stale. It never reads the
//! system clock: whoever asks "is this stale?" passes today's date in, so builds do not depend
//! on the day they run and tests can pick their own today.

use std::fmt;

use crate::content::Page;
use crate::diagnostics::Problem;

/// The front matter key that holds a page's review date.
pub const REVIEWED_KEY: &str = "reviewed";

/// A calendar day of the proleptic Gregorian calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    /// The year, e.g. 2026.
    pub year: i32,
    /// The month, 1 to 12.
    pub month: u8,
    /// The day of the month, 1 to 31.
    pub day: u8,
}

impl Date {
    /// Builds a date when the day exists in the calendar.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        (1..=12).contains(&month).then_some(())?;
        (day >= 1 && day <= days_in_month(year, month)).then_some(Date { year, month, day })
    }

    /// Parses a date written `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Option<Date> {
        let mut parts = text.split('-');
        let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some()
            || year.len() != 4
            || month.len() != 2
            || day.len() != 2
            || !text
                .bytes()
                .all(|byte| byte.is_ascii_digit() || byte == b'-')
        {
            return None;
        }
        Date::new(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)
    }

    /// Returns the date of a count of days since 1970-01-01 (negative before it).
    pub fn from_days(days: i64) -> Date {
        // Howard Hinnant's civil_from_days, exact for every day of the Gregorian calendar.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let day_of_era = z.rem_euclid(146_097);
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let shifted_month = (5 * day_of_year + 2) / 153;
        let day = (day_of_year - (153 * shifted_month + 2) / 5 + 1) as u8;
        let month = if shifted_month < 10 {
            shifted_month + 3
        } else {
            shifted_month - 9
        } as u8;
        let year = (year_of_era + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// Returns the count of days since 1970-01-01 (negative before it).
    pub fn days(self) -> i64 {
        let year = i64::from(self.year) - i64::from(self.month <= 2);
        let era = year.div_euclid(400);
        let year_of_era = year.rem_euclid(400);
        let month = i64::from(self.month);
        let day_of_year = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5
            + i64::from(self.day)
            - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }

    /// Writes the date with a language's pattern (`{day}. {month} {year}`) and month names.
    pub fn format(self, pattern: &str, month_names: &[String; 12]) -> String {
        pattern
            .replace("{day}", &self.day.to_string())
            .replace("{month}", &month_names[usize::from(self.month) - 1])
            .replace("{year}", &self.year.to_string())
    }
}

impl fmt::Display for Date {
    /// Writes the date as `YYYY-MM-DD`, the form of `<time datetime>` and the sitemap.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        _ => 31,
    }
}

/// Reads the `reviewed` value of front matter: a bare TOML date such as `2026-11-15`.
/// The error says how to write it.
pub fn from_front_matter(value: &toml::Value) -> Result<Date, String> {
    const HOW: &str = "write the day the page was last reviewed as `reviewed = 2026-11-15` (a date without quotes)";
    match value {
        toml::Value::Datetime(datetime) => match (datetime.date, datetime.time) {
            (Some(date), None) => {
                Date::new(i32::from(date.year), date.month, date.day).ok_or_else(|| {
                    format!("`reviewed = {datetime}` is not a day of the calendar: {HOW}")
                })
            }
            _ => Err(format!("`reviewed = {datetime}` has a time of day: {HOW}")),
        },
        toml::Value::String(text) if Date::parse(text).is_some() => Err(format!(
            "`reviewed = \"{text}\"` is text, not a date: remove the quotes"
        )),
        other => Err(format!("`reviewed = {other}` is not a date: {HOW}")),
    }
}

/// Reports every page not reviewed within `max_age_days` of `today`, and every page without
/// a review date, as problems at its `reviewed` line (or line 1).
pub fn stale_pages(pages: &[Page], today: Date, max_age_days: u32) -> Vec<Problem> {
    pages
        .iter()
        // A fallback page shows its original, which is listed itself.
        .filter(|page| !page.is_fallback())
        .filter_map(|page| match page.reviewed {
            None => Some(Problem::new(
                &page.source_path,
                1,
                format!("never reviewed: after checking the page, add `{REVIEWED_KEY} = {today}` to its front matter"),
            )),
            Some(reviewed) => {
                let age = today.days() - reviewed.days();
                (age > i64::from(max_age_days)).then(|| {
                    Problem::new(
                        &page.source_path,
                        page.reviewed_line,
                        format!("last reviewed {reviewed}, {age} days ago (more than {max_age_days}): check the page and update `{REVIEWED_KEY}`"),
                    )
                })
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check_parse(text: &str, expected: Option<(i32, u8, u8)>) {
        let parsed = Date::parse(text).map(|date| (date.year, date.month, date.day));
        assert_eq!(parsed, expected, "{text}");
    }

    #[test]
    fn dates_parse_only_when_the_day_exists() {
        check_parse("2026-11-15", Some((2026, 11, 15)));
        check_parse("2024-02-29", Some((2024, 2, 29)));
        check_parse("2000-02-29", Some((2000, 2, 29)));
        check_parse("1900-02-29", None);
        check_parse("2026-02-29", None);
        check_parse("2026-04-31", None);
        check_parse("2026-13-01", None);
        check_parse("2026-00-10", None);
        check_parse("2026-1-15", None);
        check_parse("26-11-15", None);
        check_parse("2026-11-15-1", None);
        check_parse("+026-11-15", None);
        check_parse("15.11.2026", None);
    }

    #[test]
    fn day_counts_round_trip_across_centuries() {
        assert_eq!(Date::new(1970, 1, 1).unwrap().days(), 0);
        assert_eq!(Date::new(2026, 11, 15).unwrap().days(), 20_772); // `date -ud 2026-11-15 +%s` / 86400
        for days in (-800_000..800_000).step_by(997) {
            let date = Date::from_days(days);
            assert_eq!(date.days(), days, "{date}");
            if (1000..=9999).contains(&date.year) {
                assert_eq!(Date::parse(&date.to_string()), Some(date));
            }
        }
    }

    #[test]
    fn dates_are_written_in_the_readers_language() {
        let months = |names: &str| -> [String; 12] {
            let names: Vec<String> = names.split(' ').map(String::from).collect();
            names.try_into().unwrap()
        };
        let date = Date::new(2026, 11, 5).unwrap();
        let english = months(
            "January February March April May June July August September October November December",
        );
        let german = months(
            "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
        );
        assert_eq!(
            date.format("{day} {month} {year}", &english),
            "5 November 2026"
        );
        assert_eq!(
            date.format("{day}. {month} {year}", &german),
            "5. November 2026"
        );
        assert_eq!(date.to_string(), "2026-11-05");
    }

    #[test]
    fn front_matter_dates_must_be_bare_calendar_days() {
        let value =
            |source: &str| toml::from_str::<toml::Table>(source).unwrap()["reviewed"].clone();
        assert_eq!(
            from_front_matter(&value("reviewed = 2026-11-15")),
            Ok(Date::new(2026, 11, 15).unwrap())
        );
        for (source, message) in [
            (
                "reviewed = \"2026-11-15\"",
                "`reviewed = \"2026-11-15\"` is text, not a date: remove the quotes",
            ),
            (
                "reviewed = 2026-11-15T10:00:00",
                "`reviewed = 2026-11-15T10:00:00` has a time of day",
            ),
            (
                "reviewed = \"15.11.2026\"",
                "`reviewed = \"15.11.2026\"` is not a date",
            ),
            ("reviewed = 2026", "`reviewed = 2026` is not a date"),
        ] {
            let error = from_front_matter(&value(source)).unwrap_err();
            assert!(error.starts_with(message), "{source}: {error}");
        }
    }
}

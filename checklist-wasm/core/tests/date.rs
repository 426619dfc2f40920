//! Table tests of evidence dates: the `YYYY-MM-DD` texts accepted and refused, and their order.

use checklist_core::{Date, DateError};

#[track_caller]
fn check(text: &str, expected: Result<(u16, u8, u8), DateError>) {
    let got = Date::parse(text).map(|d| (d.year(), d.month(), d.day()));
    assert_eq!(got, expected, "Date::parse({text:?})");
    if let Ok(date) = Date::parse(text) {
        assert_eq!(date.to_string(), text, "a date writes back as it was read");
    }
}

#[test]
fn iso_dates_are_read_and_written_back() {
    check("2026-11-30", Ok((2026, 11, 30)));
    check("2028-02-29", Ok((2028, 2, 29)));
    check("2000-02-29", Ok((2000, 2, 29)));
    check("0001-01-01", Ok((1, 1, 1)));
    check("9999-12-31", Ok((9999, 12, 31)));
    check("2026-04-30", Ok((2026, 4, 30)));
}

#[test]
fn texts_that_are_not_a_day_are_refused() {
    use DateError::{NoSuchDay, NotIsoFormat};
    check("", Err(NotIsoFormat));
    check("2026-1-30", Err(NotIsoFormat));
    check("30.11.2026", Err(NotIsoFormat));
    check("2026/11/30", Err(NotIsoFormat));
    check(" 2026-11-30", Err(NotIsoFormat));
    check("2026-11-30T00:00", Err(NotIsoFormat));
    check("+202-11-30", Err(NotIsoFormat));
    check("2026-11-3x", Err(NotIsoFormat));
    check("２０２６-11-30", Err(NotIsoFormat));
    check("0000-01-01", Err(NoSuchDay));
    check("2026-00-10", Err(NoSuchDay));
    check("2026-13-01", Err(NoSuchDay));
    check("2026-11-00", Err(NoSuchDay));
    check("2026-11-31", Err(NoSuchDay));
    check("2026-02-29", Err(NoSuchDay));
    check("1900-02-29", Err(NoSuchDay));
    check("2026-01-32", Err(NoSuchDay));
}

#[test]
fn dates_order_by_day() {
    let day = |text: &str| Date::parse(text).expect("date");
    assert!(day("2026-12-31") < day("2027-01-01"));
    assert!(day("2026-01-31") < day("2026-02-01"));
    assert!(day("2026-02-01") < day("2026-02-02"));
    assert_eq!(Date::new(2026, 2, 1), Ok(day("2026-02-01")));
    assert_eq!(Date::new(2026, 2, 30), Err(DateError::NoSuchDay));
    assert_eq!(
        DateError::NotIsoFormat.to_string(),
        "expected a date written as YYYY-MM-DD"
    );
}

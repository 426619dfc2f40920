//! Table tests of reading typed numbers: the forms buyers write, and the reasons a text is
//! refused.

use checklist_core::answers::{parse_number, NumberError};

/// Reads `text` for a question whose range is 0-100 and compares the outcome.
#[track_caller]
fn check(text: &str, expected: Result<f64, NumberError>) {
    let got = parse_number(text, 0.0, 100.0);
    assert_eq!(got, expected, "parse_number({text:?}, 0, 100)");
    if let Ok(value) = got {
        // Equal as f64 but not -0: a stored "-0" would read back as a strange answer.
        assert!(
            value.is_sign_positive() || value < 0.0,
            "{text:?} gave {value}"
        );
    }
}

#[track_caller]
fn check_range(text: &str, min: f64, max: f64, expected: Result<f64, NumberError>) {
    assert_eq!(
        parse_number(text, min, max),
        expected,
        "parse_number({text:?}, {min}, {max})"
    );
}

const NAN: Result<f64, NumberError> = Err(NumberError::NotANumber);
const OUT: Result<f64, NumberError> = Err(NumberError::OutOfRange {
    min: 0.0,
    max: 100.0,
});

#[test]
fn common_forms_of_a_number_are_accepted() {
    check("99.95", Ok(99.95));
    check("99,95", Ok(99.95));
    check("99.95 %", Ok(99.95));
    check("99,95%", Ok(99.95));
    check("99,95\u{a0}%", Ok(99.95));
    check("  48 ", Ok(48.0));
    check("\t48\n", Ok(48.0));
    check("48.", Ok(48.0));
    check(".5", Ok(0.5));
    check(",5", Ok(0.5));
    check("+7", Ok(7.0));
    check("0", Ok(0.0));
    check("-0", Ok(0.0));
    check("100", Ok(100.0));
    check("007", Ok(7.0));
    check("99.99999999999999999999", Ok(100.0));
}

#[test]
fn invalid_numbers_say_what_is_wrong() {
    check("", Err(NumberError::Empty));
    check("   ", Err(NumberError::Empty));
    check("abc", NAN);
    check("%", NAN);
    check(".", NAN);
    check("-", NAN);
    check("+-1", NAN);
    check("--1", NAN);
    check("1.000,5", NAN);
    check("1,000.5", NAN);
    check("1.2.3", NAN);
    check("1 000", NAN);
    check("1'000", NAN);
    check("99.95 % x", NAN);
    check("99.95x", NAN);
    check("99.95%%", NAN);
    check("% 99", NAN);
    check("1e2", NAN);
    check("inf", NAN);
    check("NaN", NAN);
    check("0x10", NAN);
    check("١٢", NAN);
    check("100.01", OUT);
    check("-1", OUT);
    check("\u{2212}1", OUT);
    check(&"9".repeat(400), OUT);
}

#[test]
fn a_sign_works_where_the_range_allows_it() {
    check_range("-5", -10.0, 10.0, Ok(-5.0));
    check_range("\u{2212}5,5", -10.0, 10.0, Ok(-5.5));
    check_range("+5", -10.0, 10.0, Ok(5.0));
    check_range("720", 0.0, 720.0, Ok(720.0));
    check_range(
        "721",
        0.0,
        720.0,
        Err(NumberError::OutOfRange {
            min: 0.0,
            max: 720.0,
        }),
    );
}

#[test]
fn number_errors_read_as_plain_words() {
    assert_eq!(NumberError::Empty.to_string(), "no number was entered");
    assert_eq!(NumberError::NotANumber.to_string(), "this is not a number");
    assert_eq!(
        NumberError::OutOfRange {
            min: 90.0,
            max: 100.0
        }
        .to_string(),
        "the number must be between 90 and 100"
    );
}

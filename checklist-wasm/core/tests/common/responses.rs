//! Shared response fixtures: a day from its text and a response by "Acme Cloud GmbH".

use checklist_core::response::{EvidenceDetails, Response, Statement};
use checklist_core::Date;

use super::{fixture, value};

/// Parses a `yyyy-mm-dd` day.
pub fn day(text: &str) -> Date {
    Date::parse(text).expect("a day")
}

/// A response to the fixture by "Acme Cloud GmbH" with three statements.
pub fn acme() -> Response {
    let def = fixture();
    let mut response = Response::new(&def, "de", day("2026-11-30"));
    response.company = "Acme Cloud GmbH".to_owned();
    response.contact = "Jana Roth, security@acme.example".to_owned();
    let mut soc = Statement::new(value("yes"));
    soc.comment = "Bericht „SOC 2 Typ II“ – 2026 <b>=1+1</b>".to_owned();
    soc.evidence = EvidenceDetails {
        document: "SOC 2 Type II".to_owned(),
        link: "https://trust.acme.example/soc2".to_owned(),
        period: "2025-10-01 – 2026-09-30".to_owned(),
        certificate: String::new(),
        expires: Some(day("2027-09-30")),
    };
    response.answers.insert("q.yn".to_owned(), soc);
    response
        .answers
        .insert("q.choice".to_owned(), Statement::new(value("meh")));
    response
        .answers
        .insert("q.up".to_owned(), Statement::new(value("#99.95")));
    response
}

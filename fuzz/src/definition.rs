//! The checklist definition source (`content/checklist.toml`, read by `parse_definition`):
//! every problem names a line of the file; every source it accepts, the browser reads back
//! exactly from the JSON the generator writes (the bug where `max = inf` passed `check` but
//! broke the page) and from the compact form the page loads, the same as from the JSON, and
//! scores without a number outside its range.

use checklist_core::answers::{Answer, AnswerValue, Vendor};
use checklist_core::definition::{QuestionKind, Verbal};
use checklist_core::{parse_definition, score_vendor, Definition};

/// A vendor that answers every question: yes, the first option, every option, the maximum.
fn answering_everything(def: &Definition) -> Vendor {
    let mut vendor = Vendor::new("v1", "Vendor");
    for question in &def.questions {
        let value = match &question.kind {
            QuestionKind::YesNo => AnswerValue::Verbal(Verbal::Yes),
            QuestionKind::Choice { options } => {
                options.first().map_or(AnswerValue::Unanswered, |o| {
                    AnswerValue::Choice(o.id.clone())
                })
            }
            QuestionKind::Multi { options, .. } => {
                AnswerValue::Choices(options.iter().map(|o| o.id.clone()).collect())
            }
            QuestionKind::Number { max, .. } => AnswerValue::Number(*max),
        };
        vendor
            .answers
            .insert(question.id.clone(), Answer::new(value));
    }
    vendor
}

/// Checks one input; panics when a property fails. Returns whether the parser accepted it.
pub fn check(data: &[u8]) -> bool {
    let Ok(source) = std::str::from_utf8(data) else {
        return false;
    };
    let def = match parse_definition(source) {
        Ok(def) => def,
        Err(errors) => {
            assert!(!errors.is_empty(), "refused without a reason");
            for error in errors {
                assert!(
                    error.line <= crate::line_count(source),
                    "line {} is past the end: {error}",
                    error.line
                );
                assert!(!error.message.is_empty());
            }
            return false;
        }
    };
    let json = def.to_json();
    serde_json::from_str::<serde_json::Value>(&json)
        .unwrap_or_else(|err| panic!("the definition's JSON is not JSON ({err}): {json}"));
    let read = Definition::from_json(&json)
        .unwrap_or_else(|err| panic!("the browser cannot read an accepted definition: {err}"));
    // Source lines are not in the JSON, so compare what is.
    assert_eq!(
        read.to_json(),
        json,
        "the definition changed on its way to the browser"
    );
    let urls = vec![("q".to_owned(), "/en/a/#b".to_owned())];
    let (compact, compact_urls) = Definition::from_compact(&def.to_compact(&urls))
        .unwrap_or_else(|_| panic!("the page cannot read an accepted definition's compact form"));
    assert_eq!(
        compact, read,
        "the compact form reads otherwise than the JSON"
    );
    assert_eq!(compact_urls, urls);
    for vendor in [Vendor::new("v0", "Empty"), answering_everything(&def)] {
        let score = score_vendor(&def, &vendor);
        let totals =
            std::iter::once(&score.overall).chain(score.sections.iter().map(|s| &s.totals));
        for t in totals {
            assert!((0.0..=100.0).contains(&t.score), "score {}", t.score);
            assert!(
                (0.0..=1.0).contains(&t.completeness),
                "completeness {}",
                t.completeness
            );
            assert!(
                (0.0..=1.0).contains(&t.confidence),
                "confidence {}",
                t.confidence
            );
            assert!(t.points.is_finite() && t.max_points.is_finite());
        }
    }
    true
}

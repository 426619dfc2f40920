//! The vendor's draft in response mode: restoring it against the checklist, building its
//! statements from the vendor's edits within the limits, keeping answers to own questions the
//! form no longer shows, and merging the drafts of two tabs.

mod common;

use checklist_core::exchange::MAX_NOTE_CHARS;
use checklist_core::response::{
    self, import_response, write_response, Response, Statement, UnmappedReason,
};
use common::responses::{acme, day};
use common::{fixture, value};

#[test]
fn a_draft_restores_with_what_still_fits_the_checklist() {
    let def = fixture();
    let mut draft = acme();
    draft.company = String::new();
    draft.checklist = "fixture@0.9".to_owned();
    draft
        .answers
        .insert("q.gone".to_owned(), Statement::new(value("yes")));
    draft
        .answers
        .insert("q.any".to_owned(), Statement::new(value("[o9]")));
    let restored = response::restore_draft(&def, &write_response(&draft)).expect("restores");
    assert_eq!(restored.checklist, "fixture@1");
    assert_eq!(restored.company, "", "a draft may have no company yet");
    let kept: Vec<&String> = restored.answers.keys().collect();
    assert_eq!(kept, ["q.choice", "q.up", "q.yn"]);
    assert!(response::restore_draft(&def, "{").is_err());
}

/// Applies `edits` to an empty draft of the fixture.
#[track_caller]
fn drafted(edits: &[(&str, response::DraftEdit)]) -> Response {
    let def = fixture();
    let mut draft = Response::new(&def, "en", day("2026-11-30"));
    for (question, edit) in edits {
        draft.edit(&def, question, edit.clone());
    }
    draft
}

#[test]
fn the_vendors_edits_build_the_statements_within_the_limits() {
    use response::DraftEdit::*;
    let draft = drafted(&[
        ("", Company("Acme".to_owned())),
        (
            "q.any",
            Toggle {
                option: "o2".to_owned(),
                on: true,
            },
        ),
        (
            "q.any",
            Toggle {
                option: "o1".to_owned(),
                on: true,
            },
        ),
        (
            "q.sum",
            Toggle {
                option: "a".to_owned(),
                on: true,
            },
        ),
        (
            "q.sum",
            Toggle {
                option: "a".to_owned(),
                on: false,
            },
        ),
        ("q.yn", Value(Some(value("partial")))),
        ("q.yn", Comment("x".repeat(MAX_NOTE_CHARS + 5))),
        ("q.up", Evidence("link", "https://example.com".to_owned())),
        ("q.up", Evidence("link", String::new())),
        ("q.hours", Expires(Some(day("2027-01-01")))),
        ("q.nowhere", Value(Some(value("yes")))),
    ]);
    assert_eq!(draft.company, "Acme");
    let kept: Vec<&String> = draft.answers.keys().collect();
    // Ticked in another order, stored in definition order; emptied statements are dropped.
    assert_eq!(kept, ["q.any", "q.hours", "q.yn"]);
    assert_eq!(draft.answers.get("q.any").unwrap().value, value("[o1,o2]"));
    assert_eq!(
        draft.answers.get("q.yn").unwrap().comment.chars().count(),
        MAX_NOTE_CHARS
    );
    assert_eq!(draft.answered(), 2, "an expiry alone is no answer");
    let import = import_response(&fixture(), &write_response(&draft)).expect("imports");
    assert_eq!(import.response, draft);
}

#[test]
fn a_draft_answer_to_an_own_question_the_form_no_longer_shows_was_dropped_on_reload() {
    let def = fixture();
    let mut draft = acme();
    let mut own = Statement::new(value("yes"));
    own.comment = "Only the questionnaire file asked this.".to_owned();
    draft.answers.insert("own.q9".to_owned(), own.clone());
    let mut changed = Statement::new(value("[o9]"));
    changed.comment = "Written before the question changed.".to_owned();
    draft.answers.insert("q.any".to_owned(), changed);
    draft
        .answers
        .insert("q.gone".to_owned(), Statement::new(value("yes")));
    let restored = response::restore_draft(&def, &write_response(&draft)).expect("restores");
    // The own question's statement stays for when the questionnaire shows it again.
    assert_eq!(restored.answers.get("own.q9"), Some(&own));
    // A value that no longer fits is cleared, the comment stays.
    let any = restored.answers.get("q.any").expect("the comment stays");
    assert_eq!(any.value, value("unanswered"));
    assert_eq!(any.comment, "Written before the question changed.");
    assert_eq!(
        restored.answers.get("q.gone"),
        None,
        "a guide question gone is dropped"
    );
    assert_eq!(
        restored.answered_shown(&def),
        3,
        "only the questions shown count"
    );
    let again = response::restore_draft(&def, &write_response(&restored)).expect("restores");
    assert_eq!(again, restored, "restoring twice changes nothing");
}

#[test]
fn a_response_answering_an_own_question_the_buyer_changed_since_was_refused_as_damaged() {
    let guide = fixture();
    let mut tuning = common::tuning_with_each_change();
    // The vendor answered own.q1 when it was a yes/no question; the buyer made it a choice.
    let mut response = acme();
    response
        .answers
        .insert("own.q1".to_owned(), Statement::new(value("yes")));
    let def = tuning.clone().with_own_questions(guide.clone());
    let import = import_response(&def, &write_response(&response)).expect("imports");
    assert!(import.mapping.same_version);
    assert!(matches!(
        &import.mapping.unmapped[..],
        [u] if u.question == "own.q1" && matches!(u.reason, UnmappedReason::DoesNotFit(_))
    ));
    assert_eq!(import.mapping.mapped.len(), 3);
    // A guide question's misfit in the same version still means a damaged file.
    tuning.questions.clear();
    response
        .answers
        .insert("q.yn".to_owned(), Statement::new(value("o1")));
    assert!(import_response(&guide, &write_response(&response)).is_err());
}

#[test]
fn two_tabs_of_response_mode_erased_each_others_answers_when_both_saved() {
    use response::merge_drafts;
    let base = acme();
    // This tab changes q.yn's comment and the contact; the other answers own.q2 and removes
    // q.up, and changes the company.
    let mut mine = base.clone();
    mine.answers.get_mut("q.yn").unwrap().comment = "Mine.".to_owned();
    mine.contact = "Mine".to_owned();
    let mut theirs = base.clone();
    theirs
        .answers
        .insert("own.q2".to_owned(), Statement::new(value("yes")));
    theirs.answers.remove("q.up");
    theirs.company = "Theirs GmbH".to_owned();
    theirs.answers.get_mut("q.yn").unwrap().comment = "Theirs.".to_owned();
    mine.answers.remove("q.choice");
    let merged = merge_drafts(Some(&base), mine.clone(), theirs.clone());
    assert_eq!(
        merged.answers.get("q.yn").unwrap().comment,
        "Mine.",
        "both changed: mine wins"
    );
    assert_eq!(merged.answers.get("own.q2"), theirs.answers.get("own.q2"));
    assert_eq!(merged.answers.get("q.up"), None, "their removal holds");
    assert_eq!(merged.answers.get("q.choice"), None, "my removal holds");
    assert_eq!(
        (merged.company.as_str(), merged.contact.as_str()),
        ("Theirs GmbH", "Mine")
    );
    // Without a base (this tab started before any draft), both sides' statements are kept.
    let mut fresh = Response::new(&fixture(), "en", day("2026-11-30"));
    fresh
        .answers
        .insert("q.hours".to_owned(), Statement::new(value("#4")));
    let merged = merge_drafts(None, fresh, theirs.clone());
    let ids: Vec<&String> = merged.answers.keys().collect();
    assert_eq!(ids, ["own.q2", "q.choice", "q.hours", "q.yn"]);
    assert_eq!(merged.company, "Theirs GmbH");
    assert_eq!(merge_drafts(Some(&base), base.clone(), base.clone()), base);
}

//! The buyer's tuning and contract conditions in exports and share links: they round-trip
//! exactly, older files still open, answers to items that are off are kept, and untrusted
//! tunings and conditions are refused with a clear message.

mod common;

use checklist_core::answers::{ContractCondition, Workspace};
use checklist_core::exchange::{check_workspace, export_json, import_json};
use checklist_core::saved::{self, SavedError};
use checklist_core::share;
use checklist_core::tuning::Tuning;
use checklist_core::{AnswerValue, Date};
use common::{fixture, tuning_with_each_change, vendor};

/// The shared tuning with one of each change, and two vendors with answers to an own question
/// and to an item that is off, and contract conditions.
fn tuned_workspace() -> Workspace {
    let tuning = tuning_with_each_change();
    let mut a = vendor("q.yn=yes q.hours=#100 own.q1=ja");
    a.conditions.insert(
        "q.hours".into(),
        ContractCondition {
            text: "=Breach notice within 24 hours".into(),
            due: Some(Date::new(2027, 3, 31).expect("day")),
        },
    );
    let mut b = vendor("q.yn=partial");
    b.id = "v2".into();
    b.name = "Other".into();
    b.conditions.insert(
        "own.q1".into(),
        ContractCondition {
            text: "Test the plan before go-live".into(),
            due: None,
        },
    );
    Workspace {
        vendors: vec![a, b],
        tuning,
    }
}

#[test]
fn tuning_and_conditions_round_trip_through_files_and_share_links() {
    let def = fixture();
    let workspace = tuned_workspace();
    let json = export_json(&def, &workspace);
    assert!(json.contains("\"version\": 2"), "{json}");
    let report = import_json(&def, &json).expect("imports");
    assert_eq!(report.workspace, workspace);
    assert!(report.orphaned_answers.is_empty());
    // The answer to the item that is off is kept, so switching it on again loses nothing.
    assert_eq!(
        report.workspace.vendors[0]
            .answers
            .get("q.hours")
            .map(|a| &a.value),
        Some(&AnswerValue::Number(100.0))
    );
    let link = share::encode(&def, &workspace).expect("short enough");
    assert_eq!(
        share::decode(&def, &link).expect("decodes").workspace,
        workspace
    );
    // Exporting again is byte-identical.
    assert_eq!(export_json(&def, &report.workspace), json);
}

#[test]
fn an_untuned_export_stays_version_1_and_version_1_files_still_open() {
    let def = fixture();
    let mut workspace = tuned_workspace();
    workspace.tuning = Tuning::default();
    for v in &mut workspace.vendors {
        v.conditions = Default::default();
        v.answers.remove("own.q1");
    }
    let json = export_json(&def, &workspace);
    assert!(json.contains("\"version\": 1,"), "{json}");
    assert_eq!(import_json(&def, &json).expect("v1").workspace, workspace);
}

#[track_caller]
fn refused(edit: impl FnOnce(String) -> String, expected: &str) {
    let def = fixture();
    let json = edit(export_json(&def, &tuned_workspace()));
    let err = import_json(&def, &json).expect_err("refused");
    assert_eq!(err.to_string(), expected);
}

#[test]
fn bad_tunings_and_conditions_in_files_say_what_is_wrong() {
    refused(
        |j| j.replace("\"q.hours\": \"off\"", "\"q.hours\": \"heavy\""),
        "the file is not a readable checklist export (`tuning.weights.q.hours`: `heavy` is not a weight; use `off`, `minor`, `standard` or `critical`); choose a file exported from this page",
    );
    refused(
        |j| j.replace("\"credit\": 0.75", "\"credit\": -1"),
        "the tuning of the checklist: own question `own.q1`: option `ja`: the credit must be between 0 and 1",
    );
    refused(
        |j| j.replace("\"section\": \"own.s1\"", "\"section\": \"own.s9\""),
        "the tuning of the checklist: own question `own.q1`: the section `own.s9` does not exist",
    );
    refused(
        |j| j.replace("\"option\": \"ja\"", "\"option\": \"vielleicht\""),
        "vendor `Vendor`, question `own.q1`: option `vielleicht` does not exist; use one of `ja`, `nein`",
    );
    refused(
        |j| j.replace("Test the plan before go-live", &"x".repeat(1001)),
        "vendor `Other`, question `own.q1`: the contract condition must have 1 to 1000 characters",
    );
    refused(
        |j| j.replace("2027-03-31", "2027-02-30"),
        "the file is not a readable checklist export (`vendors[0].conditions.q.hours.due`: this day does not exist in the calendar); choose a file exported from this page",
    );
}

#[test]
fn conditions_and_answers_to_own_questions_that_are_gone_are_reported() {
    let def = fixture();
    // The own question was removed in another tab before this file was made.
    let mut workspace = tuned_workspace();
    workspace.tuning.questions.clear();
    let report = import_json(&def, &export_json(&def, &workspace)).expect("imports");
    let gone: Vec<(&str, &str)> = report
        .orphaned_answers
        .iter()
        .map(|o| (o.vendor.as_str(), o.question.as_str()))
        .collect();
    assert_eq!(gone, [("Vendor", "own.q1"), ("Other", "own.q1")]);
    // The must-have mark on it is dropped with it.
    assert!(!report.workspace.tuning.must_haves.contains("own.q1"));
}

#[test]
fn the_respond_link_carries_own_questions_and_never_weights_marks_or_credits() {
    let def = fixture();
    let tuning = tuned_workspace().tuning;
    let link = share::encode_questions(&tuning)
        .expect("fits a link")
        .expect("own questions");
    let carried = share::decode_questions(&def, &format!("#{}{link}", share::QUESTIONS_KEY))
        .expect("decodes");
    assert_eq!(carried, tuning.vendor_part());
    assert!(carried.weights.is_empty() && carried.must_haves.is_empty());
    assert!(carried.questions[0].options.iter().all(|o| o.credit == 0.0));
    // A link crafted to carry weights and marks shows the vendor only the questions.
    let crafted = share::encode_questions(&Tuning {
        questions: tuning.questions.clone(),
        sections: tuning.sections.clone(),
        ..Tuning::default()
    });
    assert_eq!(
        share::decode_questions(&def, &crafted.expect("fits").expect("link")).expect("decodes"),
        carried
    );
    // No own questions, no fragment; a damaged one is refused.
    assert_eq!(share::encode_questions(&Tuning::default()), Ok(None));
    assert!(share::decode_questions(&def, "v1.AAAA").is_err());
    assert!(share::decode_questions(&def, "x").is_err());
}

/// `Origin::validate` once knew only the guide's questions, so a vendor's statement on one of
/// the buyer's own questions vanished when the workspace was saved and opened again.
#[test]
fn statements_on_own_questions_survive_saving_and_opening_again() {
    use checklist_core::response::{self, Response, Statement};
    let def = fixture();
    let mut workspace = tuned_workspace();
    let asked = workspace.tuning.with_own_questions(def.clone());
    let mut answered = Response::new(&asked, "en", Date::new(2026, 11, 30).expect("day"));
    answered.company = "Acme".into();
    answered.answers.insert(
        "own.q1".into(),
        Statement::new(AnswerValue::Choice("ja".into())),
    );
    let text = response::write_response(&answered);
    let import = response::import_response(&asked, &text).expect("imports");
    let vendor = response::to_vendor(&asked, &import, "v9".into(), "Acme", answered.created);
    workspace.vendors.push(vendor);
    let again = import_json(&def, &export_json(&def, &workspace)).expect("opens");
    let origin = again.workspace.vendors[2]
        .response
        .as_ref()
        .expect("origin");
    assert!(
        origin.statements.contains_key("own.q1"),
        "{:?}",
        origin.statements
    );
}

#[test]
fn the_workspace_bundle_reads_its_own_compact_saves_as_the_checked_import_does() {
    let def = fixture();
    let tuned = tuned_workspace();
    let mut untuned = tuned.clone();
    untuned.tuning = Tuning::default();
    for v in &mut untuned.vendors {
        v.conditions = Default::default();
        v.answers.remove("own.q1");
    }
    for workspace in [tuned, untuned, Workspace::default()] {
        let json = export_json(&def, &workspace);
        let checked = import_json(&def, &json).expect("imports").workspace;
        let compact = saved::write(&def, &workspace);
        assert_eq!(saved::read_own(&def, &compact).expect("reads"), checked);
        assert_eq!(checked, workspace);
    }
}

#[test]
fn a_save_made_with_another_version_of_the_checklist_is_left_to_the_checked_import() {
    let def = fixture();
    let json = export_json(&def, &tuned_workspace());
    let reference = def.reference();
    let older = json.replace(&reference, &format!("{}@0.0.1", def.meta.id));
    assert_ne!(older, json, "the export names the checklist's reference");
    let compact = saved::write_as(&format!("{}@0.0.1", def.meta.id), &tuned_workspace());
    assert_eq!(
        saved::read_own(&def, &compact),
        Err(SavedError::OtherChecklist(format!("{}@0.0.1", def.meta.id)))
    );
    assert_eq!(
        import_json(&def, &older).expect("imports").workspace,
        tuned_workspace()
    );
    let (found, read) = saved::read_any(&compact).expect("reads as any save");
    assert_eq!(
        check_workspace(&def, found, read)
            .expect("passes the checks")
            .workspace,
        tuned_workspace()
    );
    // JSON is never read as the page's own save, and anything import_json refuses stays refused.
    for bad in [
        "",
        "{}",
        "[1]",
        &json.replace("\"vendors\"", "\"vendorz\""),
        &json,
    ] {
        assert!(saved::read_own(&def, bad).is_err(), "{bad}");
    }
    for bad in ["", "{}", "[1]", &json.replace("\"vendors\"", "\"vendorz\"")] {
        assert!(import_json(&def, bad).is_err());
    }
}

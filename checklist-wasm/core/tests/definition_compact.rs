//! The compact form of the definition that a checklist page loads (`Definition::to_compact`)
//! against its reference, the JSON form tools read: both read back to the same definition,
//! with the page language's guide links; damaged files are refused without a panic.

mod common;

use checklist_core::saved::Damaged;
use checklist_core::Definition;
use common::{fixture, real_checklist};

fn urls() -> Vec<(String, String)> {
    vec![
        (
            "cert.scope".to_owned(),
            "/de/zertifikate/#umfang".to_owned(),
        ),
        (
            "ai.disclosure".to_owned(),
            "/de/ki-funktionen/#offenlegung-„x“".to_owned(),
        ),
    ]
}

/// Checks that `def` reads back from its compact form exactly as from its JSON (source lines
/// are in neither), with the guide links.
#[track_caller]
fn same_as_json(def: &Definition) {
    let compact = def.to_compact(&urls());
    let (read, links) = Definition::from_compact(&compact).expect("the compact form reads");
    let reference = Definition::from_json(&def.to_json()).expect("the JSON reads");
    assert_eq!(read, reference);
    assert_eq!(links, urls());
    assert_eq!(
        read.to_compact(&links),
        compact,
        "written again, the same bytes"
    );
}

#[test]
fn the_real_checklist_and_the_fixture_read_back_as_from_their_json() {
    same_as_json(&real_checklist());
    same_as_json(&fixture());
}

#[test]
fn a_damaged_definition_is_refused_without_a_panic() {
    let compact = fixture().to_compact(&urls());
    for (at, _) in compact.char_indices() {
        assert_eq!(
            Definition::from_compact(&compact[..at]).map(|_| ()),
            Err(Damaged),
            "cut at {at}"
        );
    }
    assert!(Definition::from_compact(&format!("{compact}1,")).is_err());
    assert!(Definition::from_compact("ccd1;2:id1:19999999999,").is_err());
    assert!(Definition::from_compact(&fixture().to_json()).is_err());
}

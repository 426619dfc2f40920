//! The real `content/checklist.toml` must always parse and validate cleanly.

use checklist_core::parse_definition;

#[test]
fn real_checklist_parses_without_errors() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../content/checklist.toml");
    let source = std::fs::read_to_string(path).expect("content/checklist.toml is readable");
    let def = match parse_definition(&source) {
        Ok(def) => def,
        Err(errors) => {
            let all: Vec<String> = errors
                .iter()
                .map(|e| format!("line {}: {e}", e.line))
                .collect();
            panic!("content/checklist.toml has errors:\n{}", all.join("\n"));
        }
    };
    assert_eq!(def.sections.len(), 14);
    assert!(
        (55..=65).contains(&def.questions.len()),
        "{} questions",
        def.questions.len()
    );
    let json = def.to_json();
    let back = checklist_core::Definition::from_json(&json).expect("definition json reads back");
    // Lines are not serialised, so compare everything else.
    assert_eq!(back.to_json(), json);
}

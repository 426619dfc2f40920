//! The compact saved form of the workspace (`checklist_core::saved`): the page reads it from
//! IndexedDB and `localStorage`, where anything may have been left. Properties: reading never
//! panics; what reads writes again no longer than the input (so nothing read is larger than
//! what was stored) and reads back the same; a save that names this checklist reads as its
//! own; and what the import's checks accept goes through the JSON export, the reference
//! format, unchanged. The page's other compact inputs (the definition, the UI strings) read
//! any input without a panic, and a definition that reads writes back the same.

use checklist_core::exchange::{check_workspace, export_json, import_json};
use checklist_core::saved;

/// Checks one input; panics when a property fails. Returns whether the parser accepted it.
pub fn check(data: &[u8]) -> bool {
    let def = crate::real_checklist();
    let Ok(text) = std::str::from_utf8(data) else {
        return false;
    };
    if let Ok((definition, urls)) = checklist_core::Definition::from_compact(text) {
        let again = definition.to_compact(&urls);
        assert_eq!(
            checklist_core::Definition::from_compact(&again),
            Ok((definition, urls)),
            "a definition reads otherwise written again"
        );
    }
    let _ = checklist_core::present::Strings::from_compact(text);
    let own = saved::read_own(def, text);
    let Ok((reference, workspace)) = saved::read_any(text) else {
        assert!(own.is_err(), "read as its own, but not as any save");
        return false;
    };
    let again = saved::write_as(&reference, &workspace);
    assert!(again.len() <= text.len(), "a save grew when read");
    assert_eq!(
        saved::read_any(&again),
        Ok((reference.clone(), workspace.clone())),
        "written again, it reads otherwise"
    );
    if reference == def.reference() {
        assert_eq!(
            own.as_ref(),
            Ok(&workspace),
            "this checklist's save is not its own"
        );
    }
    if let Ok(report) = check_workspace(def, reference, workspace) {
        let json = export_json(def, &report.workspace);
        let imported = import_json(def, &json).expect("a checked save exports and imports");
        assert_eq!(
            imported.workspace, report.workspace,
            "the reference reads it otherwise"
        );
    }
    true
}

//! The model's tests: vendor management, names, imports and removal, one test per bug.

use super::*;

pub(super) fn definition() -> Definition {
    let source = include_str!("../../../content/checklist.toml");
    checklist_core::parse_definition(source).expect("the real checklist parses")
}

pub(super) fn model_with(names: &[&str]) -> (Definition, Model) {
    let def = definition();
    let mut model = Model::new(Workspace::default());
    for name in names {
        model.update(&def, Msg::AddVendor((*name).to_owned()));
    }
    (def, model)
}

/// The workspace's vendor names, in order.
fn vendor_names(model: &Model) -> Vec<&str> {
    model
        .workspace
        .vendors
        .iter()
        .map(|v| v.name.as_str())
        .collect()
}

#[test]
fn vendor_1_is_never_made_up_a_blank_name_adds_nothing() {
    let (def, mut model) = model_with(&["Acme"]);
    assert_eq!(model.name_problem("  ", None), Some(NameRefusal::Blank));
    assert_eq!(
        model.update(&def, Msg::AddVendor("  ".into())),
        Change::None
    );
    assert_eq!(model.workspace.vendors.len(), 1);
    assert!(Model::new(Workspace::default())
        .workspace
        .vendors
        .is_empty());
}

#[test]
fn duplicate_vendor_names_are_refused_and_said_so() {
    let (def, mut model) = model_with(&["Acme", "Beta"]);
    assert_eq!(model.name_problem(" acme ", None), Some(NameRefusal::Taken));
    assert_eq!(
        model.update(&def, Msg::AddVendor("ACME".into())),
        Change::None
    );
    assert_eq!(model.workspace.vendors.len(), 2);
    // Renaming Beta to Acme is refused; renaming Acme to "acme" (itself) is allowed.
    assert_eq!(
        model.name_problem("Acme", Some("v2")),
        Some(NameRefusal::Taken)
    );
    assert_eq!(
        model.update(&def, Msg::RenameVendor("Acme".into())),
        Change::None
    );
    assert_eq!(model.name_problem("acme", Some("v1")), None);
}

#[test]
fn an_unsubmitted_vendor_rename_is_lost_when_the_buyer_switches_vendor() {
    let (def, mut model) = model_with(&["Acme", "Beta"]);
    // Beta (v2) is selected; a rename is typed but not confirmed.
    assert_eq!(
        model.update(&def, Msg::DraftName("Beta Voice".into())),
        Change::None
    );
    assert_eq!(
        model.update(&def, Msg::SelectVendor("v1".into())),
        Change::Vendors
    );
    // The draft is not applied, and it is kept for Beta only.
    assert_eq!(model.workspace.vendors[1].name, "Beta");
    assert_eq!(model.name_draft("v2"), Some("Beta Voice"));
    assert_eq!(model.name_draft("v1"), None);
    model.update(&def, Msg::SelectVendor("v2".into()));
    // Typing the name back as it was is no draft; confirming a rename ends the draft.
    model.update(&def, Msg::DraftName("Beta".into()));
    assert_eq!(model.name_draft("v2"), None);
    model.update(&def, Msg::DraftName("Beta Voi".into()));
    assert_eq!(
        model.update(&def, Msg::RenameVendor("Beta Voice".into())),
        Change::Vendors
    );
    assert_eq!(model.name_draft("v2"), None);
    assert_eq!(model.workspace.vendors[1].name, "Beta Voice");
    // A removed vendor's draft goes with it.
    model.update(&def, Msg::DraftName("Gone".into()));
    model.update(&def, Msg::AskRemove);
    model.update(&def, Msg::ConfirmRemove);
    assert_eq!(model.name_draft("v2"), None);
}

#[test]
fn import_at_the_50_vendor_cap_names_what_was_imported_and_what_was_not() {
    let names: Vec<String> = (1..=49).map(|i| format!("Vendor {i}")).collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let (def, mut model) = model_with(&refs);
    let incoming = Workspace {
        vendors: vec![
            Vendor::new("v1", "New A"),
            Vendor::new("v2", "New B"),
            Vendor::new("v3", "New C"),
        ],
        ..Default::default()
    };
    model.update(&def, Msg::OfferImport(incoming));
    model.update(&def, Msg::AcceptImport { merge: true });
    assert_eq!(model.workspace.vendors.len(), MAX_VENDORS);
    let outcome = model.last_import.clone().expect("an outcome");
    assert_eq!(outcome.imported, ["New A"]);
    assert_eq!(outcome.dropped, ["New B", "New C"]);
}

#[test]
fn duplicate_vendor_names_from_a_merged_file_are_numbered_and_said_so() {
    let (def, mut model) = model_with(&["Acme", "Acme (2)"]);
    let incoming = Workspace {
        vendors: vec![Vendor::new("v1", "acme"), Vendor::new("v2", "Beta")],
        ..Default::default()
    };
    model.update(&def, Msg::OfferImport(incoming));
    model.update(&def, Msg::AcceptImport { merge: true });
    let names = vendor_names(&model);
    assert_eq!(names, ["Acme", "Acme (2)", "acme (3)", "Beta"]);
    let outcome = model.last_import.clone().expect("an outcome");
    assert_eq!(
        outcome.renamed,
        [("acme".to_owned(), "acme (3)".to_owned())]
    );
}

#[test]
fn a_file_with_0_vendors_is_never_offered_and_replaces_nothing() {
    let (def, mut model) = model_with(&["Acme"]);
    assert_eq!(
        model.update(&def, Msg::OfferImport(Workspace::default())),
        Change::None
    );
    assert!(model.offered.is_none());
    // Even if an empty workspace reached the prompt, accepting it keeps the vendors.
    model.offered = Some(Workspace::default());
    model.update(&def, Msg::AcceptImport { merge: false });
    assert_eq!(model.workspace.vendors.len(), 1);
}

#[test]
fn removal_waits_for_confirmation_and_selects_the_neighbour() {
    let (def, mut model) = model_with(&["A", "B", "C"]);
    model.update(&def, Msg::SelectVendor("v2".into()));
    model.update(&def, Msg::AskRemove);
    assert_eq!(model.workspace.vendors.len(), 3);
    model.update(&def, Msg::CancelRemove);
    assert!(!model.confirming_removal);
    model.update(&def, Msg::AskRemove);
    model.update(&def, Msg::ConfirmRemove);
    let names = vendor_names(&model);
    assert_eq!(names, ["A", "C"]);
    assert_eq!(model.selected.as_deref(), Some("v3"));
}

#[test]
fn only_soft_rules_can_be_switched_off() {
    let (def, mut model) = model_with(&["A"]);
    let off = |rule: &str| Msg::SetRuleEnabled {
        rule: rule.into(),
        enabled: false,
    };
    assert_eq!(model.update(&def, off("ko.dpa")), Change::None);
    assert_eq!(model.update(&def, off("ko.uptime")), Change::Answers);
    assert!(model
        .vendor()
        .unwrap()
        .disabled_soft_rules
        .contains("ko.uptime"));
}

#[test]
fn merging_renumbers_taken_ids_and_replacing_discards_the_old_vendors() {
    let (def, mut model) = model_with(&["A"]);
    let incoming = Workspace {
        vendors: vec![Vendor::new("v1", "B")],
        ..Default::default()
    };
    model.update(&def, Msg::OfferImport(incoming.clone()));
    model.update(&def, Msg::AcceptImport { merge: true });
    let ids: Vec<_> = model
        .workspace
        .vendors
        .iter()
        .map(|v| (v.id.as_str(), v.name.as_str()))
        .collect();
    assert_eq!(ids, [("v1", "A"), ("v2", "B")]);
    assert!(model
        .last_import
        .as_ref()
        .is_some_and(|o| o.renamed.is_empty()));
    assert_eq!(model.selected.as_deref(), Some("v2"));
    model.update(&def, Msg::OfferImport(incoming.clone()));
    model.update(&def, Msg::AcceptImport { merge: false });
    assert_eq!(model.workspace, incoming);
}

//! The state of the checklist page and the messages that change it. It owns the buyer's
//! workspace, which vendor is being edited and what the page is waiting for (a removal to be
//! confirmed, an import to be accepted). It is plain Rust without web types, so every state
//! change is tested natively; rendering is left to `view`, storage to `store`. This file owns
//! the messages, vendor management and imports; how an edit changes one answer is in
//! `model/answers.rs`.

use checklist_core::answers::{AnswerValue, Vendor, Workspace};
use checklist_core::definition::Definition;
use checklist_core::exchange::{MAX_NAME_CHARS, MAX_VENDORS};
pub use checklist_core::present::vendors::NameRefusal;
use checklist_core::Date;

mod answers;

/// A change the buyer asked for.
#[derive(Clone, Debug, PartialEq)]
pub enum Msg {
    /// Sets (or, with `None`, clears) the value of a question of the selected vendor.
    SetValue {
        /// The question's id.
        question: String,
        /// The new value; `None` clears it.
        value: Option<AnswerValue>,
    },
    /// Ticks or unticks one option of a multi-choice question of the selected vendor.
    ToggleOption {
        /// The question's id.
        question: String,
        /// The option's id.
        option: String,
        /// Whether the option is now ticked.
        on: bool,
    },
    /// Replaces the note of a question of the selected vendor.
    SetNote {
        /// The question's id.
        question: String,
        /// The whole new note.
        note: String,
    },
    /// Sets the evidence level of a question of the selected vendor.
    SetEvidence {
        /// The question's id.
        question: String,
        /// The evidence level's id; `None` clears it.
        level: Option<String>,
    },
    /// Edits one answer of any vendor, named by id (the grid edits every vendor's cells).
    Edit {
        /// The vendor's id.
        vendor: String,
        /// The question's id.
        question: String,
        /// What changes.
        edit: Edit,
    },
    /// Switches the vendor being edited.
    SelectVendor(String),
    /// Adds a vendor and selects it; a blank, taken or excess name adds nothing (see
    /// `Model::name_problem`, which the handler asks first to say why).
    AddVendor(String),
    /// Renames the selected vendor.
    RenameVendor(String),
    /// Keeps what the buyer typed into the selected vendor's rename field without renaming
    /// it yet, so switching vendor loses nothing (see [`Model::name_draft`]).
    DraftName(String),
    /// Asks to remove the selected vendor; nothing is removed until it is confirmed.
    AskRemove,
    /// Removes the selected vendor after the buyer confirmed.
    ConfirmRemove,
    /// Keeps the selected vendor.
    CancelRemove,
    /// Switches a soft rule on or off for the selected vendor.
    SetRuleEnabled {
        /// The rule's id.
        rule: String,
        /// Whether the rule counts for the vendor.
        enabled: bool,
    },
    /// Offers an imported workspace to the buyer, who replaces or merges it.
    OfferImport(Workspace),
    /// Replaces everything with the offered workspace.
    AcceptImport {
        /// Merge into the current workspace instead of replacing it.
        merge: bool,
    },
    /// Drops the offered workspace.
    DismissImport,
    /// Accepts a responding vendor's statement on a question, or (`accept: false`) puts it
    /// back as the buyer's answer (see `checklist_core::response::set_review`).
    Review {
        /// The vendor's id.
        vendor: String,
        /// The question id.
        question: String,
        /// Accept the statement (`true`), or put it back as the buyer's answer.
        accept: bool,
    },
}

/// One change to an answer: its value, an option, its note, evidence or evidence date.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Sets (or, with `None`, clears) the value.
    Value(Option<AnswerValue>),
    /// Ticks or unticks one option of a multi-choice question.
    Toggle {
        /// The option's id.
        option: String,
        /// Whether the option is now ticked.
        on: bool,
    },
    /// Replaces the note.
    Note(String),
    /// Sets the evidence level.
    Evidence(Option<String>),
    /// Sets (or clears) the last day the evidence is valid.
    ValidUntil(Option<Date>),
}

/// Which parts of the page a message made stale.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    /// Nothing changed.
    None,
    /// Only a note or evidence changed: save, and refresh the scores.
    Answers,
    /// Vendors were added, removed, renamed or replaced: render everything again.
    Vendors,
    /// Only what the page is waiting for changed (confirmation or import prompt).
    Prompt,
}

/// The page state.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Model {
    /// The buyer's vendors and answers.
    pub workspace: Workspace,
    /// Id of the vendor being edited.
    pub selected: Option<String>,
    /// The buyer asked to remove the selected vendor and has not decided yet.
    pub confirming_removal: bool,
    /// A workspace from a file or share link that waits for Replace / Merge / Dismiss.
    pub offered: Option<Workspace>,
    /// What the last accepted import took in and left out.
    pub last_import: Option<ImportOutcome>,
    /// Names typed into a vendor's rename field and not yet confirmed: (vendor id, text).
    /// A draft is never applied on its own (a half-typed name is not a decision); it stays
    /// in the field when the buyer comes back to that vendor, until Rename confirms it.
    name_drafts: Vec<(String, String)>,
}

/// The names of the vendors an accepted import took in, and of those it left out because
/// the page was full.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImportOutcome {
    /// Names of the vendors imported.
    pub imported: Vec<String>,
    /// Names of the vendors left out at the vendor cap.
    pub dropped: Vec<String>,
    /// Vendors renamed on the way in because their name was taken: (old, new).
    pub renamed: Vec<(String, String)>,
}

impl Model {
    /// Builds the state for a workspace, selecting its first vendor.
    pub fn new(workspace: Workspace) -> Model {
        let selected = workspace.vendors.first().map(|v| v.id.clone());
        Model {
            workspace,
            selected,
            ..Model::default()
        }
    }

    /// Tells why `name` cannot be added (`renaming` is `None`) or given to the vendor with
    /// id `renaming`, or `None` when it can.
    pub fn name_problem(&self, name: &str, renaming: Option<&str>) -> Option<NameRefusal> {
        let Some(name) = clean_name(name) else {
            return Some(NameRefusal::Blank);
        };
        let key = name.to_lowercase();
        let taken = self
            .workspace
            .vendors
            .iter()
            .any(|v| Some(v.id.as_str()) != renaming && v.name.trim().to_lowercase() == key);
        if taken {
            Some(NameRefusal::Taken)
        } else if renaming.is_none() && self.workspace.vendors.len() >= MAX_VENDORS {
            Some(NameRefusal::Full)
        } else {
            None
        }
    }

    /// Returns the unconfirmed name typed for a vendor, if it differs from the vendor's name.
    pub fn name_draft(&self, vendor: &str) -> Option<&str> {
        self.name_drafts
            .iter()
            .find(|(id, _)| id == vendor)
            .map(|(_, text)| text.as_str())
    }

    /// Returns the vendor being edited.
    pub fn vendor(&self) -> Option<&Vendor> {
        self.selected
            .as_deref()
            .and_then(|id| self.workspace.vendor(id))
    }

    fn vendor_mut(&mut self) -> Option<&mut Vendor> {
        let id = self.selected.clone()?;
        self.workspace.vendor_mut(&id)
    }

    /// Applies a message and tells which parts of the page must be rendered again.
    pub fn update(&mut self, def: &Definition, msg: Msg) -> Change {
        match msg {
            Msg::SetValue { question, value } => {
                self.edit_selected(def, question, Edit::Value(value))
            }
            Msg::ToggleOption {
                question,
                option,
                on,
            } => self.edit_selected(def, question, Edit::Toggle { option, on }),
            Msg::SetNote { question, note } => self.edit_selected(def, question, Edit::Note(note)),
            Msg::SetEvidence { question, level } => {
                self.edit_selected(def, question, Edit::Evidence(level))
            }
            Msg::Edit {
                vendor,
                question,
                edit,
            } => self.apply_edit(def, &vendor, &question, edit),
            Msg::SelectVendor(id) => {
                if self.workspace.vendor(&id).is_none()
                    || self.selected.as_deref() == Some(id.as_str())
                {
                    return Change::None;
                }
                self.selected = Some(id);
                self.confirming_removal = false;
                Change::Vendors
            }
            Msg::AddVendor(name) => {
                if self.name_problem(&name, None).is_some() {
                    return Change::None;
                }
                let Some(name) = clean_name(&name) else {
                    return Change::None;
                };
                let id = self.workspace.next_vendor_id();
                self.workspace.vendors.push(Vendor::new(id.clone(), name));
                self.selected = Some(id);
                self.confirming_removal = false;
                Change::Vendors
            }
            Msg::RenameVendor(name)
                if self.name_problem(&name, self.selected.as_deref()).is_some() =>
            {
                Change::None
            }
            Msg::RenameVendor(name) => {
                let selected = self.selected.clone();
                self.name_drafts
                    .retain(|(id, _)| Some(id) != selected.as_ref());
                match (clean_name(&name), self.vendor_mut()) {
                    (Some(name), Some(vendor)) if vendor.name != name => {
                        vendor.name = name;
                        Change::Vendors
                    }
                    _ => Change::None,
                }
            }
            Msg::DraftName(text) => {
                let Some(vendor) = self.vendor() else {
                    return Change::None;
                };
                let id = vendor.id.clone();
                let same = text == vendor.name;
                self.name_drafts.retain(|(v, _)| *v != id);
                if !same {
                    self.name_drafts.push((id, text));
                }
                Change::None
            }
            Msg::AskRemove if self.vendor().is_some() => {
                self.confirming_removal = true;
                Change::Prompt
            }
            Msg::AskRemove => Change::None,
            Msg::CancelRemove => {
                self.confirming_removal = false;
                Change::Prompt
            }
            Msg::ConfirmRemove => {
                self.confirming_removal = false;
                let Some(id) = self.selected.take() else {
                    return Change::Prompt;
                };
                let index = self
                    .workspace
                    .vendors
                    .iter()
                    .position(|v| v.id == id)
                    .unwrap_or(0);
                self.workspace.vendors.retain(|v| v.id != id);
                self.name_drafts.retain(|(v, _)| *v != id);
                // Select the neighbour, so the buyer stays where they were in the list.
                let next = index.min(self.workspace.vendors.len().saturating_sub(1));
                self.selected = self.workspace.vendors.get(next).map(|v| v.id.clone());
                Change::Vendors
            }
            Msg::SetRuleEnabled { rule, enabled } => {
                let soft = def
                    .rule(&rule)
                    .is_some_and(|r| r.kind == checklist_core::definition::RuleKind::Soft);
                let Some(vendor) = self.vendor_mut().filter(|_| soft) else {
                    return Change::None;
                };
                let changed = if enabled {
                    vendor.disabled_soft_rules.remove(&rule)
                } else {
                    vendor.disabled_soft_rules.insert(rule)
                };
                if changed {
                    Change::Answers
                } else {
                    Change::None
                }
            }
            // A file with nothing to import is never offered.
            Msg::OfferImport(workspace) if workspace.vendors.is_empty() => Change::None,
            Msg::OfferImport(workspace) => {
                self.offered = Some(workspace);
                Change::Prompt
            }
            Msg::AcceptImport { merge } => {
                let Some(incoming) = self.offered.take() else {
                    return Change::Prompt;
                };
                if incoming.vendors.is_empty() {
                    // A file with nothing to import imports nothing, whatever was chosen.
                    self.last_import = Some(ImportOutcome::default());
                    return Change::Prompt;
                }
                if merge {
                    self.last_import = Some(self.merge(incoming));
                } else {
                    let mut incoming = incoming;
                    let dropped = incoming
                        .vendors
                        .split_off(incoming.vendors.len().min(MAX_VENDORS))
                        .into_iter()
                        .map(|v| v.name)
                        .collect();
                    self.last_import = Some(ImportOutcome {
                        imported: incoming.vendors.iter().map(|v| v.name.clone()).collect(),
                        dropped,
                        renamed: Vec::new(),
                    });
                    self.workspace = incoming;
                    self.selected = self.workspace.vendors.first().map(|v| v.id.clone());
                    // The ids now name other vendors: a draft would land on the wrong one.
                    self.name_drafts.clear();
                }
                self.confirming_removal = false;
                Change::Vendors
            }
            Msg::Review {
                vendor,
                question,
                accept,
            } => {
                let changed = self.workspace.vendor_mut(&vendor).is_some_and(|v| {
                    checklist_core::response::set_review(def, v, &question, accept)
                });
                if changed {
                    Change::Answers
                } else {
                    Change::None
                }
            }
            Msg::DismissImport => {
                self.offered = None;
                Change::Prompt
            }
        }
    }

    /// Adds the vendors of another workspace, renumbering ids that are taken; the first
    /// added vendor becomes the selected one. Vendors past the cap are left out and named.
    fn merge(&mut self, incoming: Workspace) -> ImportOutcome {
        let mut first = None;
        let mut outcome = ImportOutcome::default();
        for mut vendor in incoming.vendors {
            if self.workspace.vendors.len() >= MAX_VENDORS {
                outcome.dropped.push(vendor.name);
                continue;
            }
            if self.name_problem(&vendor.name, None) == Some(NameRefusal::Taken) {
                // Two vendors with one name cannot be told apart: number the newcomer.
                let base = vendor.name.clone();
                let free = (2..)
                    .map(|n| format!("{base} ({n})"))
                    .find(|name| self.name_problem(name, None) != Some(NameRefusal::Taken));
                vendor.name = free.unwrap_or(base.clone());
                outcome.renamed.push((base, vendor.name.clone()));
            }
            outcome.imported.push(vendor.name.clone());
            if self.workspace.vendor(&vendor.id).is_some() {
                vendor.id = self.workspace.next_vendor_id();
            }
            first.get_or_insert_with(|| vendor.id.clone());
            self.workspace.vendors.push(vendor);
        }
        if let Some(first) = first {
            self.selected = Some(first);
        }
        outcome
    }
}

/// Trims a vendor name and cuts it to the longest name an import accepts; `None` if blank.
pub fn clean_name(name: &str) -> Option<String> {
    let name = name.trim();
    (!name.is_empty()).then(|| name.chars().take(MAX_NAME_CHARS).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn definition() -> Definition {
        let source = include_str!("../../content/checklist.toml");
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
        let names: Vec<_> = model
            .workspace
            .vendors
            .iter()
            .map(|v| v.name.as_str())
            .collect();
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
        let names: Vec<_> = model
            .workspace
            .vendors
            .iter()
            .map(|v| v.name.as_str())
            .collect();
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
}

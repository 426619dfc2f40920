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
        let key = fold_case(&name);
        let taken = self
            .workspace
            .vendors
            .iter()
            .any(|v| Some(v.id.as_str()) != renaming && fold_case(v.name.trim()) == key);
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

/// Folds a vendor name's case, so names that differ only in case count as the same. The
/// bundle asks the browser (`String.prototype.toLowerCase`): Rust's Unicode case tables
/// would cost it 3 KB gzip. Both apply Unicode's default lowercase mapping, final sigma
/// included, so native tests check the same rule.
fn fold_case(name: &str) -> String {
    #[cfg(target_arch = "wasm32")]
    return js_sys::JsString::from(name).to_lower_case().into();
    #[cfg(not(target_arch = "wasm32"))]
    return name.to_lowercase();
}

#[cfg(test)]
mod tests;

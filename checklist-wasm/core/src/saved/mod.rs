//! The compact form in which the page saves the buyer's workspace (IndexedDB, the journal in
//! `localStorage`) and hands it between its two modules. It carries everything the JSON export
//! carries (vendors, answers, notes, evidence, the response each vendor came from and the
//! buyer's review of it, contract conditions, the tuning with the buyer's own questions), in a
//! fixed order of fields without names, tied to the exact checklist (`id@version`) it was
//! written against. Its reader is small and checks nothing against the checklist, so the
//! first load of the page carries neither the JSON reader nor the JSON writer.
//!
//! Anything [`read_own`] refuses goes to the import with every check (`exchange`) on the
//! on-demand path: a save of another version of the checklist ([`read_any`] reads its
//! fields, [`crate::exchange::check_document`] then checks them), a JSON save of an earlier
//! version of the page, or damaged data, which the page keeps as a backup. Export files,
//! share links and the questionnaire stay JSON. The tokens are `text`'s, the layout
//! `workspace`'s.

use crate::answers::Workspace;
use crate::definition::Definition;

pub(crate) mod text;
mod workspace;

pub use text::Damaged;
pub use workspace::MAGIC;

/// Why saved text was not read as this checklist's own save.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SavedError {
    /// Not the compact form (JSON of an earlier version of the page, or anything else).
    NotCompact,
    /// The compact form, but damaged: cut off, or with a value that cannot be.
    Damaged,
    /// A save of another checklist or another version of it (`id@version` as found).
    OtherChecklist(String),
}

/// Writes the workspace, saved against `def`, in the compact form.
pub fn write(def: &Definition, workspace: &Workspace) -> String {
    write_as(&def.reference(), workspace)
}

/// Writes the workspace in the compact form as saved against the checklist `reference`
/// (`id@version`): [`read_any`] the other way round.
pub fn write_as(reference: &str, workspace: &Workspace) -> String {
    workspace::write(reference, workspace)
}

/// Tells whether a text is in the compact form (of any version of the checklist).
pub fn is_compact(text: &str) -> bool {
    text.starts_with(MAGIC)
}

/// Reads a workspace that this page saved against `def` (its saved work, another tab's
/// save, what the on-demand module hands back). It checks the form, never the answers
/// against the checklist: the page checked them before it wrote them.
pub fn read_own(def: &Definition, text: &str) -> Result<Workspace, SavedError> {
    let (reference, workspace) = read_any(text)?;
    if reference != def.reference() {
        return Err(SavedError::OtherChecklist(reference));
    }
    Ok(workspace)
}

/// Reads a workspace in the compact form saved against any checklist, and the checklist it
/// names (`id@version`); nothing is checked against a checklist. For the on-demand module,
/// which checks what it reads like an import.
pub fn read_any(text: &str) -> Result<(String, Workspace), SavedError> {
    if !is_compact(text) {
        return Err(SavedError::NotCompact);
    }
    workspace::read(text).map_err(|Damaged| SavedError::Damaged)
}

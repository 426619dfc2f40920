//! The contract-condition panel's on-demand part: for the vendor being edited, a condition
//! and a due date for each answer that falls short. The panel's frame (title, hint, the
//! button that opens it) and recording a changed condition stay in the workspace module
//! (`crate::conditions`). Which answers fall short is `checklist_core::present::conditions`'s.

use checklist_core::answers::Workspace;
use checklist_core::present::Id;

use super::Page;
use crate::dom::{append, by, clear, el, text_el};

/// Fills the panel's body for the first (only) vendor of `workspace`, scored with its tuning.
pub(super) fn render(page: &Page, workspace: &Workspace) {
    let body = by(Id::ConditionsBody);
    clear(&body);
    let Some(vendor) = workspace.vendors.first() else {
        return;
    };
    let tuned = page.tuned(workspace);
    let present = page.present_for(&tuned);
    let score = match crate::today() {
        Some(today) => checklist_core::score_vendor_at(&tuned, vendor, today),
        None => checklist_core::score_vendor(&tuned, vendor),
    };
    let s = &page.strings;
    let rows = present.condition_rows(vendor, &score);
    if rows.is_empty() {
        append(&body, &[&text_el("p", &[], s.get("conditions_none"))]);
    }
    for row in &rows {
        let q = &row.question;
        let text_id = format!("cl-ct-{q}");
        let due_id = format!("cl-cd-{q}");
        let line = el("p", &[("class", "cl-condition")]);
        let label = s.fill(
            "condition_text",
            &[("question", &row.text), ("answer", &row.answer)],
        );
        append(
            &line,
            &[
                &text_el("label", &[("for", &text_id)], &label),
                &el(
                    "input",
                    &[
                        ("type", "text"),
                        ("id", &text_id),
                        ("data-role", "condition"),
                        ("data-q", q),
                        ("maxlength", "1000"),
                        ("value", &row.condition),
                    ],
                ),
                &text_el("label", &[("for", &due_id)], s.get("condition_due")),
                &el(
                    "input",
                    &[
                        ("type", "date"),
                        ("id", &due_id),
                        ("data-role", "condition"),
                        ("data-q", q),
                        ("value", &row.due),
                    ],
                ),
            ],
        );
        append(&body, &[&line]);
    }
}

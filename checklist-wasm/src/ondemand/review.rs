//! The review of a responding vendor's answer, the on-demand part: fills the grid detail
//! panel's review block with the vendor's statement (answer, evidence, comment, as the vendor
//! wrote them) and the buyer's answer side by side, how far the buyer reviewed it, and the
//! buttons to accept the statement or put it back. Which cell is focused, the buttons'
//! effects and when the block is filled stay in the workspace module (`crate::grid::review`);
//! review states and texts are the core's (`response`, `present::responses`).

use checklist_core::answers::Workspace;
use checklist_core::present::Id;

use super::Page;
use crate::dom::{append, by, clear, el, text_el};

/// Fills the review block for `question` of the first (only) vendor of `workspace`, read
/// with its tuning; leaves it empty when the vendor did not respond to the question.
pub(super) fn render(page: &Page, workspace: &Workspace, question: &str) {
    let block = by(Id::Review);
    clear(&block);
    let tuned = page.tuned(workspace);
    let (Some(vendor), Some(q)) = (workspace.vendors.first(), tuned.question(question)) else {
        return;
    };
    let Some(origin) = &vendor.response else {
        return;
    };
    let Some(statement) = origin.statements.get(&q.id) else {
        return;
    };
    let s = &page.strings;
    let p = page.present_for(&tuned);
    let answer = vendor.answers.get(&q.id);
    let level = answer
        .and_then(|x| x.evidence.as_deref())
        .and_then(|id| tuned.evidence_level(id))
        .map_or("", |level| level.label.text(&page.lang));
    let yours_value = answer.map_or_else(
        || s.get("unanswered").to_owned(),
        |x| p.value_text(q, &x.value),
    );
    let table = el("table", &[("class", "cl-review-table")]);
    let head = el("tr", &[]);
    append(
        &head,
        &[
            &el("td", &[]),
            &text_el("th", &[("scope", "col")], s.get("review_vendor")),
            &text_el("th", &[("scope", "col")], s.get("review_yours")),
        ],
    );
    append(&table, &[&head]);
    for (label, theirs, yours) in [
        (
            "review_answer",
            p.value_text(q, &statement.value),
            yours_value,
        ),
        (
            "review_evidence",
            p.evidence_text(statement),
            level.to_owned(),
        ),
        (
            "review_comment",
            statement.comment.clone(),
            answer.map_or_else(String::new, |x| x.note.clone()),
        ),
    ] {
        let row = el("tr", &[]);
        append(
            &row,
            &[
                &text_el("th", &[("scope", "row")], s.get(label)),
                &text_el("td", &[], &theirs),
                &text_el("td", &[], &yours),
            ],
        );
        append(&table, &[&row]);
    }
    let review = origin.review(&tuned, vendor, &q.id);
    let actions = el("p", &[("class", "cl-actions")]);
    for (id, key) in [
        (Id::ReviewAccept, "review_accept"),
        (Id::ReviewRestore, "review_restore"),
    ] {
        append(
            &actions,
            &[&text_el(
                "button",
                &[
                    ("type", "button"),
                    ("id", id.as_str()),
                    ("class", "cl-button"),
                ],
                s.get(key),
            )],
        );
    }
    append(
        &block,
        &[
            &text_el("h3", &[], s.get("review_title")),
            &table,
            &text_el(
                "p",
                &[
                    ("id", Id::ReviewState.as_str()),
                    ("class", "cl-review-state"),
                ],
                p.review_text(review),
            ),
            &actions,
            &text_el("p", &[("class", "cl-hint")], s.get("review_override_hint")),
            &text_el("p", &[("class", "cl-hint")], &p.origin_text(origin)),
        ],
    );
}

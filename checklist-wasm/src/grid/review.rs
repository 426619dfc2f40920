//! The review of a responding vendor's answer in the detail panel: the vendor's statement
//! (answer, evidence, comment, as the vendor wrote them) and the buyer's answer side by side,
//! how far the buyer reviewed it, and the buttons to accept the statement or put it back.
//! The buyer overrides by editing the answer in the grid and the evidence level and note
//! here; scoring uses the buyer's answer. Review states and texts are the core's
//! (`response`, `present::responses`).

use checklist_core::present::Id;

use super::Mode;
use crate::dom::{append, clear, el, find, text_el};
use crate::model::Msg;
use crate::App;

/// Returns the focused cell's vendor index and question index, in the grid only.
fn focused(a: &App) -> Option<(usize, usize)> {
    let (qi, col) = a.grid.detail?;
    (a.grid.mode == Mode::Grid).then_some(())?;
    Some((col.checked_sub(1)?, qi))
}

/// Fills the review block of the focused cell, or leaves it empty when the vendor did not
/// respond to the question.
pub(super) fn render_review(a: &App) {
    let Some(block) = find(Id::Review.as_str()) else {
        return;
    };
    clear(&block);
    let Some((k, qi)) = focused(a) else {
        return;
    };
    let cx = a.cx();
    let s = cx.s;
    let p = a.present();
    let q = &cx.def.questions[qi];
    let vendor = &cx.model.workspace.vendors[k];
    let Some(origin) = &vendor.response else {
        return;
    };
    let Some(statement) = origin.statements.get(&q.id) else {
        return;
    };
    let answer = vendor.answers.get(&q.id);
    let level = answer
        .and_then(|x| x.evidence.as_deref())
        .and_then(|id| cx.def.evidence_level(id))
        .map_or("", |level| level.label.text(cx.lang));
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
    let review = origin.review(cx.def, vendor, &q.id);
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

/// Accepts the focused cell's statement, or puts it back as the buyer's answer.
pub fn review(a: &mut App, accept: bool) {
    let Some((k, qi)) = focused(a) else {
        return;
    };
    let vendor = a.model.workspace.vendors[k].id.clone();
    let question = a.def.questions[qi].id.clone();
    a.grid.touched = Some(vendor.clone());
    a.grid.edited = Some(question.clone());
    a.dispatch(Msg::Review {
        vendor,
        question,
        accept,
    });
    render_review(a);
    if let Some(state) = find(Id::ReviewState.as_str()) {
        crate::dom::set_attr(&state, "tabindex", "-1");
        crate::dom::focus(&state);
    }
}

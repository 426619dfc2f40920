//! The detail panel of the grid's focused cell: the question, the vendor, the answer, the
//! help text, what to ask the vendor for, and the evidence fields (level, valid-until date,
//! note) built by `questions.rs`. It is rendered again only when focus moves to another
//! cell; an edit updates just the answer line and the expiry flag. Which cell has focus is
//! the parent module's; the texts are the presenter's and the definition's.

use checklist_core::grid::{CellState, Row};

use checklist_core::present::Id;

use super::{answer_text, Mode};
use crate::dom::{append, by_id, clear, el, find, text_el};
use crate::App;

/// Renders the detail panel of the focused cell.
pub(super) fn render_detail(a: &mut App) {
    let panel = by_id("cl-detail");
    let target = match a.grid.rows.get(a.grid.focus.row) {
        Some(Row::Question(qi)) if a.grid.mode == Mode::Grid => {
            Some((*qi, a.grid.focus.cell(a.model.workspace.vendors.len() + 1)))
        }
        _ => None,
    };
    if a.grid.detail == target && target.is_some() {
        return;
    }
    a.grid.detail = target;
    clear(&panel);
    let cx = a.cx();
    let s = cx.s;
    append(
        &panel,
        &[&text_el(
            "h2",
            &[("id", "cl-detail-title")],
            s.get("detail_title"),
        )],
    );
    let Some((qi, col)) = target else {
        append(
            &panel,
            &[&text_el(
                "p",
                &[("class", "cl-hint")],
                s.get("detail_empty"),
            )],
        );
        return;
    };
    let q = &cx.def.questions[qi];
    append(
        &panel,
        &[&text_el(
            "p",
            &[("class", "cl-detail-question")],
            q.text.text(cx.lang),
        )],
    );
    let vendor = col
        .checked_sub(1)
        .and_then(|k| cx.model.workspace.vendors.get(k));
    if let Some(vendor) = vendor {
        append(
            &panel,
            &[
                &text_el(
                    "p",
                    &[],
                    &s.fill("detail_vendor", &[("name", &vendor.name)]),
                ),
                &el("p", &[("id", "cl-d-answer")]),
            ],
        );
    }
    if let Some(help) = &q.help {
        append(
            &panel,
            &[&text_el("p", &[("class", "cl-help")], help.text(cx.lang))],
        );
    }
    let ask = el("div", &[("class", "cl-ask")]);
    append(&ask, &[&text_el("p", &[], s.get("ask_for"))]);
    if q.ask_for.is_empty() {
        append(&ask, &[&text_el("p", &[], s.get("ask_for_missing"))]);
    } else {
        let list = el("ul", &[]);
        for item in &q.ask_for {
            append(&list, &[&text_el("li", &[], item.text(cx.lang))]);
        }
        append(&ask, &[&list]);
    }
    append(&panel, &[&ask]);
    if let Some(vendor) = vendor {
        let answer = vendor.answers.get(&q.id);
        let panel_id = |name: &str| format!("cl-d-{name}");
        let fields = crate::questions::evidence_fields(&cx, q, answer, &panel_id, Some(&vendor.id));
        for field in fields {
            append(&panel, &[&field]);
        }
        let review = el(
            "section",
            &[("id", Id::Review.as_str()), ("class", "cl-review")],
        );
        append(&panel, &[&review]);
    }
    update_detail(a);
}

/// Updates the parts of the detail panel an edit can change: the answer and the expiry flag.
pub(super) fn update_detail(a: &mut App) {
    let Some((qi, col)) = a.grid.detail else {
        return;
    };
    let Some(k) = col.checked_sub(1) else {
        return;
    };
    let cx = a.cx();
    let q = &cx.def.questions[qi];
    let answer = cx.model.workspace.vendors[k].answers.get(&q.id);
    let text = match answer {
        Some(x) if a.grid.states[k][qi] != CellState::Unanswered => answer_text(&cx, q, x),
        _ => cx.s.get("unanswered").to_owned(),
    };
    if let Some(line) = find("cl-d-answer") {
        line.set_text_content(Some(&cx.s.fill("detail_answer", &[("answer", &text)])));
    }
    crate::questions::show_expiry(&cx, "cl-d-exp", answer, a.grid.expired[k][qi]);
    super::review::render_review(a);
}

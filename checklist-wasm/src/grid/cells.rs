//! What the grid's cells and vendor headers say: a question row's mark (critical or
//! must-have), each cell's answer in words with its state ("fails", "evidence expired",
//! not applicable), and each vendor's header with the verdict badge and score. The states
//! are computed by the parent module with `checklist_core::grid`; this module writes them
//! into the elements it is given.

use checklist_core::answers::{Answer, AnswerValue};
use checklist_core::definition::{format_number, Question, QuestionKind, WeightClass};
use checklist_core::grid::CellState;
use checklist_core::present::format::verdict_key;
use checklist_core::scoring::VendorScore;
use web_sys::Element;

use super::GridState;
use crate::dom::{append, append_text, by_id, clear, set_attr, text_el};
use crate::view::{present, Ctx};

/// Returns the mark a question row carries: critical, must-have, or none.
pub(super) fn question_mark<'a>(cx: &'a Ctx, q: &Question) -> Option<&'a str> {
    if cx.def.is_must_have(&q.id) {
        Some(cx.s.get("must_have"))
    } else if cx.def.effective_weight(q) == WeightClass::Critical {
        Some(cx.s.get("critical"))
    } else {
        None
    }
}

/// Returns the text of a vendor's header: verdict and score.
pub(super) fn header_text(cx: &Ctx, score: &VendorScore) -> String {
    format!(
        "{}\u{1f}{}\u{1f}{}",
        score.verdict.id(),
        cx.s.get(verdict_key(score.verdict)),
        present(cx).percent(score.overall.score)
    )
}

/// Shows a vendor's header: the verdict as a badge with its word, then the score.
pub(super) fn show_header(state: &GridState, k: usize) {
    let Some(text) = state.headers.get(k) else {
        return;
    };
    let mut parts = text.split('\u{1f}');
    let (id, verdict, score) = (
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
    );
    let holder = by_id(&format!("cl-ghs-{k}"));
    clear(&holder);
    append(
        &holder,
        &[&text_el(
            "span",
            &[
                ("class", &format!("cl-badge cl-verdict-{id}")),
                ("data-verdict", id),
            ],
            verdict,
        )],
    );
    append_text(&holder, &format!(" {score}"));
}

/// Fills a cell with a vendor's answer and its state in words.
pub(super) fn fill_cell(cx: &Ctx, cell: &Element, state: &GridState, qi: usize, k: usize) {
    clear(cell);
    let q = &cx.def.questions[qi];
    let vendor = &cx.model.workspace.vendors[k];
    let cell_state = state.states[k][qi];
    let answer = vendor.answers.get(&q.id);
    let class = match cell_state {
        CellState::NotApplicable => "na",
        CellState::Unanswered => "open",
        CellState::Passes => "pass",
        CellState::Fails => "fail",
    };
    set_attr(cell, "class", &format!("cl-cell cl-cell-{class}"));
    set_attr(cell, "data-state", class);
    let label = match (cell_state, answer) {
        (CellState::NotApplicable, _) => cx.s.get("cell_not_applicable").to_owned(),
        (_, Some(a)) if a.is_known() || cell_state != CellState::Unanswered => {
            answer_text(cx, q, a)
        }
        _ => cx.s.get("unanswered").to_owned(),
    };
    append(cell, &[&text_el("span", &[], &label)]);
    if cell_state == CellState::Fails {
        append(
            cell,
            &[&text_el(
                "span",
                &[("class", "cl-cell-flag")],
                cx.s.get("cell_fails"),
            )],
        );
    }
    if state.expired[k][qi] {
        append(
            cell,
            &[&text_el(
                "span",
                &[("class", "cl-cell-flag")],
                cx.s.get("cell_expired"),
            )],
        );
    }
}

/// Returns an answer in words: the option's label, or the number with its unit.
pub(super) fn answer_text(cx: &Ctx, q: &Question, answer: &Answer) -> String {
    match (&answer.value, &q.kind) {
        (AnswerValue::Number(n), QuestionKind::Number { unit, .. }) => {
            format!(
                "{} {}",
                format_number(*n, cx.s.decimal_mark()),
                unit.text(cx.lang)
            )
        }
        (value, _) => cx
            .def
            .answer_label(q, value, cx.lang, cx.s.decimal_mark())
            .unwrap_or_else(|| cx.s.get("unanswered").to_owned()),
    }
}

//! Keyboard, pointer and in-cell editing of the grid, after the ARIA grid pattern: focus
//! follows the arrow keys (the decisions are `checklist_core::grid::step`'s), Enter, Space or
//! F2 opens an editor in the focused cell, Enter closes it, Escape puts the old answer back,
//! and focus returns to the cell. Rendering the grid and the detail panel is the parent
//! module's; this one only reacts to the buyer.

use checklist_core::answers::AnswerValue;
use checklist_core::definition::{format_number, Question, QuestionKind, Verbal};
use checklist_core::grid::{self as core_grid, Move, Position, Row};
use checklist_core::NumberError;
use web_sys::{Element, KeyboardEvent};

use super::{apply, dom_active, fill_cell, focus_id, keep_tab_stop, render_detail, Editing};
use crate::dom::{append, by_id, clear, el, find, focus, set_attr, set_value, text_el};
use crate::view::Ctx;
use crate::App;

/// Tells whether an element id belongs to the grid's cells or section toggles.
fn grid_position(a: &App, id: &str) -> Option<Position> {
    let (row, col) = if let Some(s) = id.strip_prefix("cl-gs-") {
        let s: usize = s.parse().ok()?;
        (
            a.grid.rows.iter().position(|r| *r == Row::Section(s))?,
            a.grid.focus.col,
        )
    } else {
        let (q, col) = id.strip_prefix("cl-gc-")?.split_once('-')?;
        let q: usize = q.parse().ok()?;
        (
            a.grid.rows.iter().position(|r| *r == Row::Question(q))?,
            col.parse().ok()?,
        )
    };
    Some(Position { row, col })
}

/// Follows focus inside the grid: the focused cell becomes the tab stop, its vendor the
/// selected one, and the detail panel shows it. Focus leaving an edited cell ends editing.
pub fn focus_in(a: &mut App, target: &Element) {
    if let Some(editing) = a.grid.editing.clone() {
        let cell = find(&format!(
            "cl-gc-{}-{}",
            editing.question,
            editing.vendor + 1
        ));
        if !cell.is_some_and(|c| c.contains(Some(target))) {
            close_editor(a, false);
        }
    }
    let Some(pos) = grid_position(a, &target.id()) else {
        return;
    };
    a.grid.focus = pos;
    keep_tab_stop(a);
    if let (Some(Row::Question(_)), Some(k)) = (a.grid.rows.get(pos.row), pos.col.checked_sub(1)) {
        let id = a.model.workspace.vendors[k].id.clone();
        if a.model.selected.as_deref() != Some(id.as_str()) {
            a.model.selected = Some(id);
            a.show_selected();
        }
    }
    render_detail(a);
}

/// Handles a key in the grid: navigation, starting and ending an edit; tells whether the
/// key was the grid's (pressed inside it).
pub fn keydown(a: &mut App, event: &KeyboardEvent, target: &Element) -> bool {
    let Some(cell) = target.closest("#cl-grid td, #cl-grid th").ok().flatten() else {
        return false;
    };
    let key = event.key();
    if a.grid.editing.is_some() && cell != *target {
        match key.as_str() {
            "Escape" => {
                event.prevent_default();
                close_editor(a, true);
            }
            "Enter" => {
                event.prevent_default();
                close_editor(a, false);
            }
            _ => {}
        }
        return true;
    }
    if let Some(step) = Move::from_key(&key, event.ctrl_key()) {
        event.prevent_default();
        let columns = a.model.workspace.vendors.len() + 1;
        let widths: Vec<usize> = a
            .grid
            .rows
            .iter()
            .map(|r| {
                if matches!(r, Row::Section(_)) {
                    1
                } else {
                    columns
                }
            })
            .collect();
        let next = core_grid::step(a.grid.focus, step, &widths);
        a.grid.focus = next;
        if let Some(id) = focus_id(a, next) {
            let cell = by_id(&id);
            focus(&cell);
            focus_in(a, &cell);
        }
        return true;
    }
    let edits = matches!(key.as_str(), "Enter" | " " | "F2");
    if edits && target.tag_name() == "TD" {
        event.prevent_default();
        start_editor(a, target);
    }
    true
}

/// Handles a click in the grid: a section toggle collapses or expands its section, a click
/// on a vendor's cell starts editing it.
pub fn click(a: &mut App, target: &Element) -> bool {
    if let Some(button) = target.closest(".cl-grid-toggle").ok().flatten() {
        if let Some(s) = button
            .id()
            .strip_prefix("cl-gs-")
            .and_then(|s| s.parse::<usize>().ok())
        {
            a.grid.collapsed[s] = !a.grid.collapsed[s];
            apply(a);
        }
        return true;
    }
    let Some(cell) = target.closest("#cl-grid td").ok().flatten() else {
        return false;
    };
    if cell == *target || target.tag_name() == "SPAN" {
        let editing_here = a
            .grid
            .editing
            .as_ref()
            .is_some_and(|e| cell.id() == format!("cl-gc-{}-{}", e.question, e.vendor + 1));
        if !editing_here {
            start_editor(a, &cell);
        }
    }
    true
}

/// Replaces a cell's text with an editor for its answer and focuses it.
fn start_editor(a: &mut App, cell: &Element) {
    let Some((qi, col)) = cell
        .id()
        .strip_prefix("cl-gc-")
        .and_then(|rest| rest.split_once('-'))
        .and_then(|(q, c)| Some((q.parse::<usize>().ok()?, c.parse::<usize>().ok()?)))
    else {
        return;
    };
    let Some(k) = col.checked_sub(1) else {
        return;
    };
    if a.grid.editing.is_some() {
        close_editor(a, false);
    }
    let cx = a.cx();
    let q = &cx.def.questions[qi];
    let vendor = &cx.model.workspace.vendors[k];
    let answer = vendor.answers.get(&q.id);
    let before = answer.map(|x| x.value.clone());
    let label = cx.s.fill(
        "answer_for",
        &[("question", q.text.text(cx.lang)), ("vendor", &vendor.name)],
    );
    clear(cell);
    let first = match &q.kind {
        QuestionKind::Number { unit, min, max, .. } => {
            let input = el(
                "input",
                &[
                    ("type", "text"),
                    ("inputmode", "decimal"),
                    ("autocomplete", "off"),
                    ("class", "cl-cell-input"),
                    ("data-role", "number"),
                    ("data-q", &q.id),
                    ("data-v", &vendor.id),
                    ("data-error", "cl-g-error"),
                    ("aria-label", &label),
                    ("aria-describedby", "cl-g-range cl-g-error"),
                ],
            );
            if let Some(AnswerValue::Number(n)) = &before {
                set_value(&input, &format_number(*n, cx.s.decimal_mark()));
            }
            let range = cx.s.fill(
                "number_range",
                &[
                    ("min", &format_number(*min, cx.s.decimal_mark())),
                    ("max", &format_number(*max, cx.s.decimal_mark())),
                    ("unit", unit.text(cx.lang)),
                ],
            );
            append(
                cell,
                &[
                    &input,
                    &text_el(
                        "span",
                        &[("id", "cl-g-range"), ("class", "cl-hint")],
                        &range,
                    ),
                    &el("span", &[("id", "cl-g-error"), ("class", "cl-error-text")]),
                ],
            );
            input
        }
        QuestionKind::Multi { .. } => {
            let group = el(
                "div",
                &[
                    ("role", "group"),
                    ("aria-label", &label),
                    ("class", "cl-options"),
                ],
            );
            crate::questions::append_options(
                &cx,
                &group,
                q,
                answer.map(|x| &x.value),
                Some(&vendor.id),
            );
            append(cell, &[&group]);
            group
                .query_selector("input")
                .ok()
                .flatten()
                .unwrap_or(group)
        }
        _ => {
            let select = el(
                "select",
                &[
                    ("class", "cl-cell-input"),
                    ("data-role", "value"),
                    ("data-q", &q.id),
                    ("data-v", &vendor.id),
                    ("aria-label", &label),
                ],
            );
            let current = match &before {
                Some(AnswerValue::Verbal(v)) => format!("v:{}", v.id()),
                Some(AnswerValue::Choice(id)) => format!("o:{id}"),
                _ => String::new(),
            };
            let mut options: Vec<(String, String)> =
                vec![(String::new(), cx.s.get("unanswered").to_owned())];
            let verbal = |v: Verbal| {
                (
                    format!("v:{}", v.id()),
                    cx.def.answer_set.get(v).label.text(cx.lang).to_owned(),
                )
            };
            match &q.kind {
                QuestionKind::Choice { options: list } => {
                    options.extend(
                        list.iter()
                            .map(|o| (format!("o:{}", o.id), o.label.text(cx.lang).to_owned())),
                    );
                }
                _ => options.extend([Verbal::Yes, Verbal::Partial, Verbal::No].map(verbal)),
            }
            options.push(verbal(Verbal::Unknown));
            for (value, text) in options {
                let option = text_el("option", &[("value", &value)], &text);
                if value == current {
                    set_attr(&option, "selected", "");
                }
                append(&select, &[&option]);
            }
            append(cell, &[&select]);
            select
        }
    };
    a.grid.editing = Some(Editing {
        question: qi,
        vendor: k,
        before,
    });
    set_attr(cell, "aria-describedby", "cl-grid-hint");
    focus(&first);
}

/// Ends editing: shows the cell's answer again (after putting the old value back, for
/// Escape) and returns focus to the cell.
fn close_editor(a: &mut App, revert: bool) {
    let Some(editing) = a.grid.editing.take() else {
        return;
    };
    let cell = by_id(&format!(
        "cl-gc-{}-{}",
        editing.question,
        editing.vendor + 1
    ));
    let had_focus = dom_active().is_some_and(|e| cell.contains(Some(&e)));
    if revert {
        let vendor = a.model.workspace.vendors[editing.vendor].id.clone();
        let question = a.def.questions[editing.question].id.clone();
        a.grid.touched = Some(vendor.clone());
        a.dispatch(crate::model::Msg::Edit {
            vendor,
            question,
            edit: crate::model::Edit::Value(editing.before),
        });
    }
    fill_cell(&a.cx(), &cell, &a.grid, editing.question, editing.vendor);
    if had_focus || revert {
        focus(&cell);
    }
}

/// Explains why a typed number was refused, or `None` when it was accepted or left empty.
pub fn number_message(cx: &Ctx, q: &Question, text: &str, error: NumberError) -> Option<String> {
    let QuestionKind::Number { unit, .. } = &q.kind else {
        return None;
    };
    match error {
        NumberError::Empty => None,
        NumberError::NotANumber => Some(cx.s.fill("number_not_a_number", &[("text", text.trim())])),
        NumberError::OutOfRange { min, max } => Some(cx.s.fill(
            "number_out_of_range",
            &[
                ("min", &format_number(min, cx.s.decimal_mark())),
                ("max", &format_number(max, cx.s.decimal_mark())),
                ("unit", unit.text(cx.lang)),
            ],
        )),
    }
}

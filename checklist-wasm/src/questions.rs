//! Renders the question cards: the questions of the vendor being edited, one fieldset each,
//! with its answer, evidence level and note inputs filled in, and hides the questions that
//! do not apply. It is the one-vendor-at-a-time view; the grid lives in `grid.rs`, results
//! and everything else in `view.rs`. User text is set as text, never parsed as HTML.

use checklist_core::answers::{AnswerValue, Vendor};
use checklist_core::definition::{
    format_number, Question, QuestionKind, RuleKind, Verbal, WeightClass,
};
use checklist_core::scoring::{Applicability, VendorScore};
use web_sys::Element;

use crate::dom::{append, append_text, by_id, clear, el, find, set_attr, set_hidden, text_el};
use crate::view::Ctx;

/// Renders the questions for the vendor being edited, with its answers filled in.
pub fn render_questions(cx: &Ctx) {
    let container = by_id("cl-questions");
    clear(&container);
    let Some(vendor) = cx.model.vendor() else {
        return;
    };
    let heading = text_el(
        "h2",
        &[
            ("id", "cl-questions-title"),
            ("class", "cl-visually-hidden"),
        ],
        &cx.s.fill("questions_for", &[("name", &vendor.name)]),
    );
    append(&container, &[&heading]);
    for sec in &cx.def.sections {
        let title_id = format!("cl-sh-{}", sec.id);
        let block = el(
            "section",
            &[
                ("class", "cl-section"),
                ("id", &format!("cl-section-{}", sec.id)),
                ("aria-labelledby", &title_id),
            ],
        );
        append(
            &block,
            &[&text_el(
                "h2",
                &[("id", &title_id)],
                sec.title.text(cx.lang),
            )],
        );
        for question in cx.def.questions_in(&sec.id) {
            append(&block, &[&question_fieldset(cx, question, vendor)]);
        }
        append(&container, &[&block]);
    }
}

/// Builds the fieldset of one question.
fn question_fieldset(cx: &Ctx, q: &Question, vendor: &Vendor) -> Element {
    let s = cx.s;
    let answer = vendor.answers.get(&q.id);
    let value = answer.map(|a| &a.value);
    let fieldset = el(
        "fieldset",
        &[
            ("class", "cl-question"),
            ("id", &format!("cl-q-{}", q.id)),
            ("data-q", &q.id),
        ],
    );
    let legend = text_el("legend", &[], q.text.text(cx.lang));
    append(&fieldset, &[&legend]);

    let meta = el("p", &[("class", "cl-meta")]);
    let weight = cx.def.effective_weight(q);
    append_text(&meta, &crate::view::present(cx).weight_text(q));
    if weight == WeightClass::Critical {
        append_text(&meta, " · ");
        append(
            &meta,
            &[&text_el("span", &[("class", "cl-mark")], s.get("critical"))],
        );
    }
    let soft = cx
        .def
        .rules
        .iter()
        .any(|r| r.kind == RuleKind::Soft && r.conditions.iter().any(|c| c.question == q.id));
    if cx.def.is_must_have(&q.id) || soft {
        append_text(&meta, " · ");
        let mark = if soft && !cx.def.is_must_have(&q.id) {
            "should_have"
        } else {
            "must_have"
        };
        append(
            &meta,
            &[&text_el("span", &[("class", "cl-mark")], s.get(mark))],
        );
    }
    if let Some((_, href)) = cx.guide.iter().find(|(id, _)| id == &q.id) {
        append_text(&meta, " · ");
        append(
            &meta,
            &[&text_el(
                "a",
                &[("href", href)],
                s.get("explained_in_guide"),
            )],
        );
    }
    append(&fieldset, &[&meta]);

    let mut described = Vec::new();
    if let Some(help) = &q.help {
        let id = format!("cl-help-{}", q.id);
        append(
            &fieldset,
            &[&text_el(
                "p",
                &[("class", "cl-help"), ("id", &id)],
                help.text(cx.lang),
            )],
        );
        described.push(id);
    }
    if !q.ask_for.is_empty() {
        let ask = el("div", &[("class", "cl-ask")]);
        let list = el("ul", &[]);
        for item in &q.ask_for {
            append(&list, &[&text_el("li", &[], item.text(cx.lang))]);
        }
        append(&ask, &[&text_el("p", &[], s.get("ask_for")), &list]);
        append(&fieldset, &[&ask]);
    }
    if !described.is_empty() {
        set_attr(&fieldset, "aria-describedby", &described.join(" "));
    }

    let name = format!("cl-a-{}", q.id);
    let verbal_label = |v: Verbal| cx.def.answer_set.get(v).label.text(cx.lang);
    let options = el("div", &[("class", "cl-options")]);
    match &q.kind {
        QuestionKind::YesNo => {
            for v in [Verbal::Yes, Verbal::Partial, Verbal::No, Verbal::Unknown] {
                let checked = value == Some(&AnswerValue::Verbal(v));
                append(
                    &options,
                    &[&choice_input(
                        "radio",
                        &name,
                        &format!("v:{}", v.id()),
                        verbal_label(v),
                        checked,
                        &q.id,
                        "value",
                    )],
                );
            }
        }
        QuestionKind::Choice { options: list } => {
            for o in list {
                let checked = matches!(value, Some(AnswerValue::Choice(id)) if id == &o.id);
                append(
                    &options,
                    &[&choice_input(
                        "radio",
                        &name,
                        &format!("o:{}", o.id),
                        o.label.text(cx.lang),
                        checked,
                        &q.id,
                        "value",
                    )],
                );
            }
            let unknown = value == Some(&AnswerValue::Verbal(Verbal::Unknown));
            append(
                &options,
                &[&choice_input(
                    "radio",
                    &name,
                    "v:unknown",
                    verbal_label(Verbal::Unknown),
                    unknown,
                    &q.id,
                    "value",
                )],
            );
        }
        QuestionKind::Multi { options: list, .. } => {
            for o in list {
                let checked =
                    matches!(value, Some(AnswerValue::Choices(ids)) if ids.contains(&o.id));
                append(
                    &options,
                    &[&choice_input(
                        "checkbox",
                        &name,
                        &o.id,
                        o.label.text(cx.lang),
                        checked,
                        &q.id,
                        "option",
                    )],
                );
            }
            let none = matches!(value, Some(AnswerValue::Choices(ids)) if ids.is_empty());
            append(
                &options,
                &[&choice_input(
                    "checkbox",
                    &name,
                    "",
                    s.get("none_apply"),
                    none,
                    &q.id,
                    "none",
                )],
            );
        }
        QuestionKind::Number { unit, min, max, .. } => {
            let id = format!("cl-num-{}", q.id);
            let hint_id = format!("{id}-range");
            let unit = unit.text(cx.lang);
            let field = el("p", &[("class", "cl-field")]);
            let label = text_el(
                "label",
                &[("for", &id)],
                &s.fill("value_in", &[("unit", unit)]),
            );
            let input = el(
                "input",
                &[
                    ("type", "text"),
                    ("inputmode", "decimal"),
                    ("id", &id),
                    ("data-q", &q.id),
                    ("data-role", "number"),
                    ("aria-describedby", &hint_id),
                    ("autocomplete", "off"),
                ],
            );
            if let Some(AnswerValue::Number(n)) = value {
                crate::dom::set_value(&input, &format_number(*n, cx.lang));
            }
            let range = s.fill(
                "number_range",
                &[
                    ("min", &format_number(*min, cx.lang)),
                    ("max", &format_number(*max, cx.lang)),
                    ("unit", unit),
                ],
            );
            let hint = text_el("span", &[("id", &hint_id), ("class", "cl-hint")], &range);
            append(&field, &[&label, &input, &hint]);
            append(&options, &[&field]);
        }
    }
    append(&fieldset, &[&options]);

    let evidence_id = format!("cl-ev-{}", q.id);
    let evidence_field = el("p", &[("class", "cl-field cl-field-inline")]);
    let select = el(
        "select",
        &[
            ("id", &evidence_id),
            ("data-q", &q.id),
            ("data-role", "evidence"),
        ],
    );
    let current = answer.and_then(|a| a.evidence.as_deref());
    for level in &cx.def.evidence_levels {
        let option = text_el("option", &[("value", &level.id)], level.label.text(cx.lang));
        // No evidence recorded shows as the level worth nothing, which scores the same.
        let selected = current.map_or(level.factor == 0.0, |c| c == level.id);
        if selected {
            set_attr(&option, "selected", "");
        }
        append(&select, &[&option]);
    }
    append(
        &evidence_field,
        &[
            &text_el("label", &[("for", &evidence_id)], s.get("evidence")),
            &select,
        ],
    );

    let note_id = format!("cl-note-{}", q.id);
    let note_field = el("p", &[("class", "cl-field")]);
    let note = el(
        "textarea",
        &[
            ("id", &note_id),
            ("rows", "2"),
            ("data-q", &q.id),
            ("data-role", "note"),
            ("maxlength", "10000"),
        ],
    );
    crate::dom::set_value(&note, answer.map_or("", |a| a.note.as_str()));
    append(
        &note_field,
        &[
            &text_el("label", &[("for", &note_id)], s.get("note")),
            &note,
        ],
    );
    append(&fieldset, &[&evidence_field, &note_field]);
    fieldset
}

/// Builds one radio button or checkbox wrapped in its label.
fn choice_input(
    kind: &str,
    name: &str,
    value: &str,
    label: &str,
    checked: bool,
    question: &str,
    role: &str,
) -> Element {
    let wrapper = el("label", &[("class", "cl-option")]);
    let input = el(
        "input",
        &[
            ("type", kind),
            ("name", name),
            ("value", value),
            ("data-q", question),
            ("data-role", role),
        ],
    );
    if checked {
        set_attr(&input, "checked", "");
    }
    append(&wrapper, &[&input]);
    append(&wrapper, &[&text_el("span", &[], label)]);
    wrapper
}

/// Hides the questions that do not apply to the selected vendor's answers.
pub fn render_visibility(score: &VendorScore) {
    for q in &score.questions {
        if let Some(fieldset) = find(&format!("cl-q-{}", q.question)) {
            set_hidden(&fieldset, q.applicability != Applicability::Applicable);
        }
    }
}

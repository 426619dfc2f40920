//! Renders the question cards: the questions of the vendor being edited, one fieldset each,
//! with its answer, evidence level, evidence date and note inputs filled in. It is the
//! one-vendor-at-a-time view; the grid lives in `grid.rs` (which also decides which cards
//! show, and reuses the answer options and evidence fields built here), results and
//! everything else in `view.rs`. User text is set as text, never parsed as HTML.

use checklist_core::answers::{Answer, AnswerValue, Vendor};
use checklist_core::definition::{
    format_number, Question, QuestionKind, RuleKind, Verbal, WeightClass,
};
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
    if let Some(kind) = cx.def.rule_mark(&q.id) {
        append_text(&meta, " · ");
        let mark = if kind == RuleKind::Soft {
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

    let options = el("div", &[("class", "cl-options")]);
    if let QuestionKind::Number { .. } = &q.kind {
        append(&options, &[&number_field(cx, q, value)]);
    } else {
        append_options(cx, &options, q, value, None);
    }
    append(&fieldset, &[&options]);

    let card_id = |name: &str| format!("cl-{name}-{}", q.id);
    for field in evidence_fields(cx, q, answer, &card_id, None) {
        append(&fieldset, &[&field]);
    }
    fieldset
}

/// Builds one radio button or checkbox wrapped in its label, for a named vendor (the grid's
/// editors) or the selected one (`None`, the cards).
#[allow(clippy::too_many_arguments)]
fn choice_input_for(
    kind: &str,
    name: &str,
    value: &str,
    label: &str,
    checked: bool,
    question: &str,
    role: &str,
    vendor: Option<&str>,
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
    if let Some(vendor) = vendor {
        set_attr(&input, "data-v", vendor);
    }
    append(&wrapper, &[&input]);
    append(&wrapper, &[&text_el("span", &[], label)]);
    wrapper
}

/// Appends the answer options of a choice, yes/no or multi-choice question: radio buttons,
/// or checkboxes with "none of these", checked as `value` says.
pub fn append_options(
    cx: &Ctx,
    options: &Element,
    q: &Question,
    value: Option<&AnswerValue>,
    vendor: Option<&str>,
) {
    let name = match vendor {
        Some(v) => format!("cl-a-{}-{v}", q.id),
        None => format!("cl-a-{}", q.id),
    };
    let verbal_label = |v: Verbal| cx.def.answer_set.get(v).label.text(cx.lang);
    let input = |kind: &str, value: &str, label: &str, checked: bool, role: &str| {
        choice_input_for(kind, &name, value, label, checked, &q.id, role, vendor)
    };
    let mut items = Vec::new();
    match &q.kind {
        QuestionKind::YesNo => {
            for &v in Verbal::ALL {
                let checked = value == Some(&AnswerValue::Verbal(v));
                items.push(input(
                    "radio",
                    &format!("v:{}", v.id()),
                    verbal_label(v),
                    checked,
                    "value",
                ));
            }
        }
        QuestionKind::Choice { options: list } => {
            for o in list {
                let checked = matches!(value, Some(AnswerValue::Choice(id)) if id == &o.id);
                items.push(input(
                    "radio",
                    &format!("o:{}", o.id),
                    o.label.text(cx.lang),
                    checked,
                    "value",
                ));
            }
            let unknown = value == Some(&AnswerValue::Verbal(Verbal::Unknown));
            items.push(input(
                "radio",
                "v:unknown",
                verbal_label(Verbal::Unknown),
                unknown,
                "value",
            ));
        }
        QuestionKind::Multi { options: list, .. } => {
            for o in list {
                let checked =
                    matches!(value, Some(AnswerValue::Choices(ids)) if ids.contains(&o.id));
                items.push(input(
                    "checkbox",
                    &o.id,
                    o.label.text(cx.lang),
                    checked,
                    "option",
                ));
            }
            let none = matches!(value, Some(AnswerValue::Choices(ids)) if ids.is_empty());
            items.push(input("checkbox", "", cx.s.get("none_apply"), none, "none"));
        }
        QuestionKind::Number { .. } => {}
    }
    for item in &items {
        append(options, &[item]);
    }
}

/// Builds the number field of a card, with its range and a message for what was refused.
pub(crate) fn number_field(cx: &Ctx, q: &Question, value: Option<&AnswerValue>) -> Element {
    let QuestionKind::Number { unit, min, max, .. } = &q.kind else {
        return el("p", &[]);
    };
    let s = cx.s;
    let id = format!("cl-num-{}", q.id);
    let hint_id = format!("{id}-range");
    let error_id = format!("{id}-error");
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
            ("data-error", &error_id),
            ("aria-describedby", &hint_id),
            ("autocomplete", "off"),
        ],
    );
    if let Some(AnswerValue::Number(n)) = value {
        crate::dom::set_value(&input, &format_number(*n, cx.s.decimal_mark()));
    }
    let range = s.fill(
        "number_range",
        &[
            ("min", &format_number(*min, cx.s.decimal_mark())),
            ("max", &format_number(*max, cx.s.decimal_mark())),
            ("unit", unit),
        ],
    );
    // The range and the message for a refused entry describe the field together.
    let hint = el("span", &[("id", &hint_id)]);
    append(
        &hint,
        &[
            &text_el("span", &[("class", "cl-hint")], &range),
            &el("span", &[("id", &error_id), ("class", "cl-error-text")]),
        ],
    );
    append(&field, &[&label, &input, &hint]);
    field
}

/// Builds the evidence level, "valid until" date, expiry flag and note fields of an answer;
/// `id` names each field (`ev`, `until`, `exp`, `note`), `vendor` is set for the grid's panel.
pub fn evidence_fields(
    cx: &Ctx,
    q: &Question,
    answer: Option<&Answer>,
    id: &dyn Fn(&str) -> String,
    vendor: Option<&str>,
) -> Vec<Element> {
    let s = cx.s;
    let data = |element: &Element, role: &str| {
        set_attr(element, "data-q", &q.id);
        set_attr(element, "data-role", role);
        if let Some(vendor) = vendor {
            set_attr(element, "data-v", vendor);
        }
    };
    let evidence_id = id("ev");
    let evidence_field = el("p", &[("class", "cl-field cl-field-inline")]);
    let select = el("select", &[("id", &evidence_id)]);
    data(&select, "evidence");
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

    let until_id = id("until");
    let hint_id = format!("{until_id}-hint");
    let until_field = el("p", &[("class", "cl-field cl-field-inline")]);
    let until = el(
        "input",
        &[
            ("type", "date"),
            ("id", &until_id),
            ("aria-describedby", &hint_id),
        ],
    );
    data(&until, "valid_until");
    if let Some(day) = answer.and_then(|a| a.valid_until) {
        crate::dom::set_value(&until, &day.to_string());
    }
    append(
        &until_field,
        &[
            &text_el("label", &[("for", &until_id)], s.get("valid_until")),
            &until,
            &text_el(
                "span",
                &[("id", &hint_id), ("class", "cl-hint")],
                s.get("valid_until_hint"),
            ),
        ],
    );
    let expired = el("p", &[("id", &id("exp")), ("class", "cl-expired")]);
    set_hidden(&expired, true);

    let note_id = id("note");
    let note_field = el("p", &[("class", "cl-field")]);
    let note = el(
        "textarea",
        &[("id", &note_id), ("rows", "2"), ("maxlength", "10000")],
    );
    data(&note, "note");
    crate::dom::set_value(&note, answer.map_or("", |a| a.note.as_str()));
    append(
        &note_field,
        &[
            &text_el("label", &[("for", &note_id)], s.get("note")),
            &note,
        ],
    );
    vec![evidence_field, until_field, expired, note_field]
}

/// Shows or hides the expiry flag of an answer's evidence, with the day it expired.
pub fn show_expiry(cx: &Ctx, flag_id: &str, answer: Option<&Answer>, expired: bool) {
    let Some(flag) = find(flag_id) else {
        return;
    };
    let day = answer.and_then(|a| a.valid_until).filter(|_| expired);
    let text = day.map_or(String::new(), |d| {
        cx.s.fill("evidence_expired", &[("date", &cx.s.date(d))])
    });
    if flag.text_content().unwrap_or_default() != text {
        flag.set_text_content(Some(&text));
        set_hidden(&flag, text.is_empty());
    }
}

/// Shows a card's expiry flag for the selected vendor.
pub fn render_expiry(cx: &Ctx, q: &Question, expired: bool) {
    let answer = cx.model.vendor().and_then(|v| v.answers.get(&q.id));
    show_expiry(cx, &format!("cl-exp-{}", q.id), answer, expired);
}

//! The tuning panel in the page: applies `checklist_core::present::tuning`'s view model to
//! the DOM (summary, what differs, a weight choice, reset and must-have mark per question, the
//! "add your own question" form) and turns its events into tuning changes. Which controls a
//! question gets, how the form is read and what a change does are the presenter's; turning the
//! guide's definition and the tuning into the scored definition is `Tuning::apply`'s.

use checklist_core::definition::Text;
use checklist_core::present::tuning::{self, OwnForm};
use checklist_core::present::Id;
use checklist_core::sorted::SortedMap;
use checklist_core::tuning::TunedWeight;
use web_sys::{Element, Event};

use crate::dom::{
    append, append_text, by, by_id, clear, el, find, focus, is_checked, set_attr, set_hidden,
    set_value, text_el, value_of,
};
use crate::model::Change;
use crate::strings::Strings;
use crate::App;

/// Builds the tuning panel; `render` fills it.
pub fn panel(s: &Strings) -> Element {
    let panel = el(
        "section",
        &[
            ("id", Id::Tune.as_str()),
            ("class", "cl-panel cl-tune"),
            ("aria-labelledby", "cl-tune-title"),
        ],
    );
    let details = el("details", &[("class", "cl-tune-details")]);
    append(
        &details,
        &[
            &text_el("summary", &[], s.get("tune_questions")),
            &el("div", &[("id", Id::TuneRows.as_str())]),
        ],
    );
    let form = el(
        "form",
        &[("id", Id::OwnForm.as_str()), ("class", "cl-own-form")],
    );
    let fieldset = el("fieldset", &[]);
    append(&fieldset, &[&text_el("legend", &[], s.get("own_title"))]);
    let field = |id: Id, key: &str, control: &Element| {
        let p = el("p", &[("class", "cl-field")]);
        set_attr(control, "id", id.as_str());
        append(
            &p,
            &[
                &text_el("label", &[("for", id.as_str())], s.get(key)),
                control,
            ],
        );
        append(&fieldset, &[&p]);
    };
    field(
        Id::OwnText,
        "own_text",
        &el("textarea", &[("rows", "2"), ("maxlength", "500")]),
    );
    field(Id::OwnSection, "own_section", &el("select", &[]));
    field(
        Id::OwnNewSection,
        "own_new_section_title",
        &el("input", &[("type", "text"), ("maxlength", "200")]),
    );
    field(
        Id::OwnOptions,
        "own_options",
        &el(
            "textarea",
            &[
                ("rows", "3"),
                ("aria-describedby", Id::OwnOptionsHint.as_str()),
            ],
        ),
    );
    append(
        &fieldset,
        &[&text_el(
            "p",
            &[("id", Id::OwnOptionsHint.as_str()), ("class", "cl-hint")],
            s.get("own_options_hint"),
        )],
    );
    field(Id::OwnWeight, "own_weight", &el("select", &[]));
    append(
        &fieldset,
        &[&text_el(
            "button",
            &[("type", "submit"), ("class", "cl-button")],
            s.get("own_add"),
        )],
    );
    append(&form, &[&fieldset]);
    append(
        &panel,
        &[
            &text_el("h2", &[("id", "cl-tune-title")], s.get("tune_title")),
            &text_el("p", &[("class", "cl-hint")], s.get("tune_hint")),
            &el(
                "p",
                &[
                    ("id", Id::TuneSummary.as_str()),
                    ("class", "cl-tune-summary"),
                    ("tabindex", "-1"),
                ],
            ),
            &el("ul", &[("id", Id::TuneDifferences.as_str())]),
            &details,
            &form,
        ],
    );
    panel
}

/// Builds the hard rule text a must-have mark adds, in the page's language (the on-demand
/// module applies the tuning with it too).
pub(crate) fn must_have_reason(lang: &str, s: &Strings) -> Text {
    let mut map = SortedMap::new();
    map.insert(lang.to_owned(), s.get("must_have_reason").to_owned());
    Text(map)
}

/// Makes the scored definition follow the workspace's tuning; tells whether it changed.
pub(crate) fn retune(a: &mut App) -> bool {
    if a.model.workspace.tuning == a.applied {
        return false;
    }
    a.applied = a.model.workspace.tuning.clone();
    a.def = a
        .applied
        .apply(a.guide(), &must_have_reason(&a.lang, &a.strings));
    a.grid.collapsed.resize(a.def.sections.len(), false);
    true
}

/// Fills the panel from the presenter's view model.
pub(crate) fn render(a: &App) {
    let cx = a.cx();
    let view = a.present().tuning(&a.base, &a.applied);
    by(Id::TuneSummary).set_text_content(Some(&view.summary));
    let list = by(Id::TuneDifferences);
    clear(&list);
    for line in &view.differences {
        append(&list, &[&text_el("li", &[], line)]);
    }
    set_hidden(&list, view.differences.is_empty());
    let rows = by(Id::TuneRows);
    clear(&rows);
    for row in &view.rows {
        if let Some(title) = &row.section {
            append(&rows, &[&text_el("h3", &[], title)]);
        }
        let q = &row.question;
        let text_id = format!("cl-tq-{q}");
        let hint_id = format!("cl-td-{q}");
        let line = el(
            "div",
            &[
                ("class", "cl-tune-row"),
                ("role", "group"),
                ("aria-labelledby", &text_id),
            ],
        );
        let select = el(
            "select",
            &[
                ("id", &format!("cl-tw-{q}")),
                ("data-role", "tune-weight"),
                ("data-item", &row.item),
                (
                    "aria-label",
                    &cx.s.fill("tune_weight_of", &[("question", &row.text)]),
                ),
                ("aria-describedby", &hint_id),
            ],
        );
        for (id, label, chosen) in &row.weights {
            let option = text_el("option", &[("value", id)], label);
            if *chosen {
                set_attr(&option, "selected", "");
            }
            append(&select, &[&option]);
        }
        append(
            &line,
            &[
                &text_el("p", &[("id", &text_id), ("class", "cl-tune-q")], &row.text),
                &select,
                &text_el(
                    "span",
                    &[("id", &hint_id), ("class", "cl-hint")],
                    &row.default,
                ),
            ],
        );
        let button = |role: &str, key: &str| {
            text_el(
                "button",
                &[
                    ("type", "button"),
                    ("class", "cl-button cl-button-small"),
                    ("data-role", role),
                    ("data-item", &row.item),
                    ("aria-describedby", &text_id),
                ],
                cx.s.get(key),
            )
        };
        if row.reset {
            append(&line, &[&button("tune-reset", "tune_reset")]);
        }
        let must_id = format!("cl-tm-{q}");
        let must = el(
            "input",
            &[
                ("type", "checkbox"),
                ("id", &must_id),
                ("data-role", "tune-must"),
                ("data-q", q),
                ("aria-describedby", &text_id),
            ],
        );
        if row.must_have != Some(false) {
            set_attr(&must, "checked", "");
        }
        if row.must_have.is_none() {
            set_attr(&must, "disabled", "");
        }
        let key = if row.must_have.is_none() {
            "tune_must_have_guide"
        } else {
            "tune_must_have"
        };
        let mark = el("span", &[("class", "cl-option-line")]);
        append(
            &mark,
            &[
                &must,
                &text_el("label", &[("for", &must_id)], cx.s.get(key)),
            ],
        );
        append(&line, &[&mark]);
        if row.own {
            append(&line, &[&button("own-remove", "tune_remove")]);
        }
        append(&rows, &[&line]);
    }
    // The form's choices follow the sections and weight names; typed text stays.
    let sections = by(Id::OwnSection);
    let chosen = value_of(&sections);
    clear(&sections);
    for (id, title) in &view.sections {
        append(&sections, &[&text_el("option", &[("value", id)], title)]);
    }
    append(
        &sections,
        &[&text_el(
            "option",
            &[("value", "")],
            cx.s.get("own_new_section"),
        )],
    );
    if !chosen.is_empty() || view.sections.is_empty() {
        set_value(&sections, &chosen);
    }
    let weights = by(Id::OwnWeight);
    if weights.child_element_count() == 0 {
        for class in ["minor", "standard", "critical"] {
            let option = el("option", &[("value", class)]);
            if let Some(TunedWeight::Class(c)) = TunedWeight::from_id(class) {
                append_text(&option, a.base.weights.get(c).label.text(&a.lang));
            }
            append(&weights, &[&option]);
        }
        set_value(&weights, "standard");
    }
}

/// Handles the panel's events; `false` when the event is not the panel's.
pub(crate) fn handle(
    app: &std::cell::RefCell<App>,
    kind: &str,
    target: &Element,
    event: &Event,
) -> bool {
    let role = target.get_attribute("data-role").unwrap_or_default();
    let item = target.get_attribute("data-item").unwrap_or_default();
    let id = target.id();
    let ours = matches!(
        (kind, role.as_str()),
        ("change", "tune-weight" | "tune-must") | ("click", "tune-reset" | "own-remove")
    ) || (kind == "submit" && id == Id::OwnForm.as_str());
    if !ours {
        return false;
    }
    let mut a = app.borrow_mut();
    let mut tuning = a.model.workspace.tuning.clone();
    // The control to focus after the panel is rendered again.
    let mut refocus = id.clone();
    match (kind, role.as_str()) {
        ("change", "tune-weight") => match TunedWeight::from_id(&value_of(target)) {
            Some(weight) => tuning::set_weight(&a.base, &mut tuning, &item, weight),
            None => return true,
        },
        ("click", "tune-reset") => {
            let default = a
                .base
                .group(&item)
                .map(|g| g.weight)
                .or_else(|| a.base.question(&item).map(|q| q.weight));
            if let Some(class) = default {
                tuning::set_weight(&a.base, &mut tuning, &item, TunedWeight::Class(class));
            }
            // The reset button goes away; the weight choice of its question keeps focus.
            let question = target
                .parent_element()
                .and_then(|row| row.query_selector("select").ok().flatten())
                .map(|select| select.id());
            refocus = question.unwrap_or_default();
        }
        ("change", "tune-must") => {
            let question = target.get_attribute("data-q").unwrap_or_default();
            tuning::set_must_have(&a.base, &mut tuning, &question, is_checked(target));
        }
        ("click", "own-remove") => {
            tuning::remove_own_question(&mut tuning, &item);
            refocus = Id::OwnText.as_str().to_owned();
        }
        ("submit", _) if id == Id::OwnForm.as_str() => {
            event.prevent_default();
            let form = OwnForm {
                text: value_of(&by(Id::OwnText)),
                section: value_of(&by(Id::OwnSection)),
                new_section: value_of(&by(Id::OwnNewSection)),
                options: value_of(&by(Id::OwnOptions)),
                weight: value_of(&by(Id::OwnWeight)),
            };
            match tuning::add_own_question(&a.base, &tuning, &a.lang, &form) {
                Ok(added) => tuning = added,
                Err(key) => {
                    let text = a.strings.get(key).to_owned();
                    a.message(&text, true);
                    focus(&by(Id::OwnText));
                    return true;
                }
            }
            for field in [Id::OwnText, Id::OwnNewSection, Id::OwnOptions] {
                set_value(&by(field), "");
            }
            refocus = Id::Message.as_str().to_owned();
        }
        _ => return true,
    }
    if tuning == a.model.workspace.tuning {
        return true;
    }
    a.model.workspace.tuning = tuning;
    a.refresh(Change::Vendors);
    let summary = if kind == "submit" {
        a.strings.get("own_added").to_owned()
    } else {
        by(Id::TuneSummary).text_content().unwrap_or_default()
    };
    a.message(&summary, false);
    if let Some(element) = find(&refocus) {
        focus(&element);
    } else {
        focus(&by_id(Id::TuneSummary.as_str()));
    }
    true
}

//! The tuning panel's on-demand part: the summary and what differs from the guide, the weight
//! choice, reset and must-have mark per question, the "add your own question" form, and the
//! changes its controls ask for. The panel's frame (title, hint, the button that opens it) and
//! applying a tuning to the scored checklist stay in the workspace module (`crate::tune`),
//! which sends the tuning here and takes back the changed one. Which controls a question gets,
//! how the form is read and what a change does are `checklist_core::present::tuning`'s.

use checklist_core::answers::Workspace;
use checklist_core::present::tuning::{self, OwnForm};
use checklist_core::present::Id;
use checklist_core::tuning::{TunedWeight, Tuning};
use web_sys::{Element, Event};

use super::Page;
use crate::dom::{
    append, append_text, by, clear, el, is_checked, set_attr, set_hidden, set_value, text_el,
    value_of,
};
use wasm_bindgen::JsCast;

/// Fills the summary and the list of differences; with `open`, also the questions' controls
/// and the own-question form (built once, so typed text stays).
pub(super) fn render(page: &Page, workspace: &Workspace, open: bool) {
    let tuned = page.tuned(workspace);
    let view = page
        .present_for(&tuned)
        .tuning(&page.def, &workspace.tuning);
    by(Id::TuneSummary).set_text_content(Some(&view.summary));
    let list = by(Id::TuneDifferences);
    clear(&list);
    for line in &view.differences {
        append(&list, &[&text_el("li", &[], line)]);
    }
    set_hidden(&list, view.differences.is_empty());
    if !open {
        return;
    }
    let body = by(Id::TuneBody);
    if body.child_element_count() == 0 {
        build_body(page, &body);
    }
    let s = &page.strings;
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
                    &s.fill("tune_weight_of", &[("question", &row.text)]),
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
                s.get(key),
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
            &[&must, &text_el("label", &[("for", &must_id)], s.get(key))],
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
            s.get("own_new_section"),
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
                append_text(&option, page.def.weights.get(c).label.text(&page.lang));
            }
            append(&weights, &[&option]);
        }
        set_value(&weights, "standard");
    }
}

/// Builds the questions' list (in a disclosure) and the own-question form into `body`.
fn build_body(page: &Page, body: &Element) {
    let s = &page.strings;
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
    append(body, &[&details, &form]);
}

/// Works out the tuning a panel event asks for. Returns the changed tuning as export JSON
/// (empty when nothing changes), the message to show, `alert` when it is a refusal, and the
/// id of the control to focus once the panel is rendered again.
pub(super) fn change(page: &Page, workspace: &Workspace, event: &Event) -> Vec<String> {
    let unchanged = |message: String, alert: &str, refocus: &str| {
        vec![String::new(), message, alert.to_owned(), refocus.to_owned()]
    };
    let Some(target) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
        return unchanged(String::new(), "", "");
    };
    let base = &page.def;
    let kind = event.type_();
    let role = target.get_attribute("data-role").unwrap_or_default();
    let item = target.get_attribute("data-item").unwrap_or_default();
    let id = target.id();
    let mut tuning: Tuning = workspace.tuning.clone();
    // The control to focus after the panel is rendered again.
    let mut refocus = id.clone();
    let mut message = None;
    match (kind.as_str(), role.as_str()) {
        ("change", "tune-weight") => match TunedWeight::from_id(&value_of(&target)) {
            Some(weight) => tuning::set_weight(base, &mut tuning, &item, weight),
            None => return unchanged(String::new(), "", ""),
        },
        ("click", "tune-reset") => {
            let default = base
                .group(&item)
                .map(|g| g.weight)
                .or_else(|| base.question(&item).map(|q| q.weight));
            if let Some(class) = default {
                tuning::set_weight(base, &mut tuning, &item, TunedWeight::Class(class));
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
            tuning::set_must_have(base, &mut tuning, &question, is_checked(&target));
        }
        ("click", "own-remove") => {
            tuning::remove_own_question(&mut tuning, &item);
            refocus = Id::OwnText.as_str().to_owned();
        }
        ("submit", _) if id == Id::OwnForm.as_str() => {
            let form = OwnForm {
                text: value_of(&by(Id::OwnText)),
                section: value_of(&by(Id::OwnSection)),
                new_section: value_of(&by(Id::OwnNewSection)),
                options: value_of(&by(Id::OwnOptions)),
                weight: value_of(&by(Id::OwnWeight)),
            };
            match tuning::add_own_question(base, &tuning, &page.lang, &form, random_nonce()) {
                Ok(added) => tuning = added,
                Err(key) => {
                    let text = page.strings.get(key).to_owned();
                    return unchanged(text, "alert", Id::OwnText.as_str());
                }
            }
            for field in [Id::OwnText, Id::OwnNewSection, Id::OwnOptions] {
                set_value(&by(field), "");
            }
            message = Some(page.strings.get("own_added").to_owned());
            refocus = Id::Message.as_str().to_owned();
        }
        _ => return unchanged(String::new(), "", ""),
    }
    if tuning == workspace.tuning {
        return unchanged(String::new(), "", "");
    }
    let changed = Workspace {
        tuning,
        ..Default::default()
    };
    vec![
        checklist_core::saved::write(base, &changed),
        message.unwrap_or_default(),
        String::new(),
        refocus,
    ]
}

/// A random number for the ids of a new own question and section (`tuning::add_own_question`
/// says why they are random): two draws of `Math.random`, which needs no crate feature. The
/// ids need to differ, not to be secret.
fn random_nonce() -> u64 {
    let draw = || (js_sys::Math::random() * 4_294_967_296.0) as u64;
    (draw() << 32) | draw()
}

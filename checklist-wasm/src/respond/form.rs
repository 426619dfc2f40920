//! The response form's elements: the company and contact fields, each question with its
//! help, what the buyer will ask for, the answer, the evidence details and the comment,
//! filled from the vendor's draft, and the download. It only builds elements;
//! `respond.rs` owns the state and turns the form's events into `DraftEdit`s.

use checklist_core::definition::{Question, QuestionKind};
use checklist_core::present::Id;
use web_sys::Element;

use super::{questionnaire, Respond, EVIDENCE_FIELDS};
use crate::dom::{append, el, set_hidden, text_el};
use crate::view::Ctx;

/// Builds a labelled text field for `role`, filled with `value`.
fn text_field(id: &str, label: &str, role: &str, question: &str, value: &str) -> Element {
    let field = el("p", &[("class", "cl-field")]);
    let input = el(
        "input",
        &[
            ("type", "text"),
            ("id", id),
            ("data-role", role),
            ("data-q", question),
            ("autocomplete", "off"),
        ],
    );
    crate::dom::set_value(&input, value);
    append(&field, &[&text_el("label", &[("for", id)], label), &input]);
    field
}

/// Builds the whole form: company and contact, every question, and the download.
pub(super) fn render(app: &Respond) -> Element {
    let s = &app.strings;
    let form = el(
        "div",
        &[("id", Id::App.as_str()), ("class", "cl-app cl-respond")],
    );
    let message = el(
        "p",
        &[
            ("id", Id::Message.as_str()),
            ("class", Id::Message.as_str()),
            ("role", "status"),
            ("tabindex", "-1"),
        ],
    );
    set_hidden(&message, true);
    let intro = el(
        "section",
        &[("class", "cl-panel"), ("aria-labelledby", "cl-r-title")],
    );
    append(
        &intro,
        &[
            &text_el("h2", &[("id", "cl-r-title")], s.get("respond_title")),
            &text_el("p", &[], s.get("respond_intro")),
            &questionnaire::field(s),
            &text_field(
                Id::RespondCompany.as_str(),
                s.get("respond_company"),
                "r:company",
                "",
                &app.response.company,
            ),
            &text_field(
                Id::RespondContact.as_str(),
                s.get("respond_contact"),
                "r:contact",
                "",
                &app.response.contact,
            ),
            &el(
                "p",
                &[
                    ("id", Id::RespondProgress.as_str()),
                    ("class", "cl-hint"),
                    ("role", "status"),
                ],
            ),
        ],
    );
    let questions = el("div", &[("id", Id::RespondQuestions.as_str())]);
    fill_questions(app, &questions);
    append(&form, &[&message, &intro, &questions]);
    let send = el(
        "section",
        &[("class", "cl-panel"), ("aria-labelledby", "cl-r-send")],
    );
    append(
        &send,
        &[
            &text_el("h2", &[("id", "cl-r-send")], s.get("respond_send_title")),
            &text_el("p", &[("class", "cl-hint")], s.get("respond_digest_note")),
            &text_el(
                "button",
                &[
                    ("type", "button"),
                    ("id", Id::RespondExport.as_str()),
                    ("class", "cl-button"),
                ],
                s.get("respond_export"),
            ),
        ],
    );
    append(&form, &[&send]);
    form
}

/// Fills `container` with every section of the checklist and its questions.
pub(super) fn fill_questions(app: &Respond, container: &Element) {
    let cx = app.cx();
    for section in &app.def.sections {
        let title_id = format!("cl-sh-{}", section.id);
        let block = el(
            "section",
            &[("class", "cl-section"), ("aria-labelledby", &title_id)],
        );
        append(
            &block,
            &[&text_el(
                "h2",
                &[("id", &title_id)],
                section.title.text(&app.lang),
            )],
        );
        for q in app.def.questions_in(&section.id) {
            append(&block, &[&question(app, &cx, q)]);
        }
        append(container, &[&block]);
    }
}

/// Builds one question: text, help, what the buyer will ask for, the answer, the evidence
/// details and the comment, filled from the draft.
fn question(app: &Respond, cx: &Ctx, q: &Question) -> Element {
    let s = &app.strings;
    let statement = app.response.answers.get(&q.id);
    let fieldset = el(
        "fieldset",
        &[("class", "cl-question"), ("id", &format!("cl-q-{}", q.id))],
    );
    append(
        &fieldset,
        &[&text_el("legend", &[], q.text.text(&app.lang))],
    );
    if let Some(help) = &q.help {
        append(
            &fieldset,
            &[&text_el("p", &[("class", "cl-help")], help.text(&app.lang))],
        );
    }
    if !q.ask_for.is_empty() {
        let ask = el("div", &[("class", "cl-ask")]);
        let list = el("ul", &[]);
        for item in &q.ask_for {
            append(&list, &[&text_el("li", &[], item.text(&app.lang))]);
        }
        append(&ask, &[&text_el("p", &[], s.get("respond_ask_for")), &list]);
        append(&fieldset, &[&ask]);
    }
    let options = el("div", &[("class", "cl-options")]);
    let value = statement.map(|st| &st.value);
    if let QuestionKind::Number { .. } = &q.kind {
        append(&options, &[&crate::questions::number_field(cx, q, value)]);
    } else {
        crate::questions::append_options(cx, &options, q, value, None);
    }
    append(&fieldset, &[&options]);
    let evidence = el("div", &[("class", "cl-r-evidence")]);
    let details = statement.map(|st| &st.evidence);
    for (field, label) in EVIDENCE_FIELDS {
        let text = details.map_or("", |e| match field {
            "document" => &e.document,
            "link" => &e.link,
            "period" => &e.period,
            _ => &e.certificate,
        });
        let id = format!("cl-r-{field}-{}", q.id);
        append(
            &evidence,
            &[&text_field(
                &id,
                s.get(label),
                &format!("r:{field}"),
                &q.id,
                text,
            )],
        );
    }
    let expires_id = format!("cl-r-expires-{}", q.id);
    let expires = el("p", &[("class", "cl-field cl-field-inline")]);
    let date = el(
        "input",
        &[
            ("type", "date"),
            ("id", &expires_id),
            ("data-role", "r:expires"),
            ("data-q", &q.id),
        ],
    );
    if let Some(day) = details.and_then(|e| e.expires) {
        crate::dom::set_value(&date, &day.to_string());
    }
    append(
        &expires,
        &[
            &text_el("label", &[("for", &expires_id)], s.get("valid_until")),
            &date,
        ],
    );
    let comment_id = format!("cl-r-comment-{}", q.id);
    let comment = el("p", &[("class", "cl-field")]);
    let area = el(
        "textarea",
        &[
            ("id", &comment_id),
            ("rows", "2"),
            ("maxlength", "10000"),
            ("data-role", "r:comment"),
            ("data-q", &q.id),
        ],
    );
    crate::dom::set_value(&area, statement.map_or("", |st| st.comment.as_str()));
    append(
        &comment,
        &[
            &text_el("label", &[("for", &comment_id)], s.get("respond_comment")),
            &area,
        ],
    );
    append(&evidence, &[&expires, &comment]);
    append(&fieldset, &[&evidence]);
    fieldset
}

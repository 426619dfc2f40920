//! The buyer's side of vendor responses: the link for vendors that opens response mode.

use checklist_core::present::Id;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;

use crate::dom::{by, el, focus, set_hidden, set_value, text_el, window};

/// Builds the link for vendors: its button and its field.
pub(crate) fn tools(s: &crate::strings::Strings) -> Vec<web_sys::Element> {
    let create = el("p", &[("class", "cl-actions")]);
    crate::dom::append(
        &create,
        &[&text_el(
            "button",
            &[
                ("type", "button"),
                ("id", Id::RespondCreate.as_str()),
                ("class", "cl-button"),
            ],
            s.get("respond_link_create"),
        )],
    );
    let field = el(
        "p",
        &[("class", "cl-field"), ("id", Id::RespondField.as_str())],
    );
    set_hidden(&field, true);
    crate::dom::append(
        &field,
        &[
            &text_el(
                "label",
                &[("for", Id::RespondUrl.as_str())],
                s.get("respond_link"),
            ),
            &el(
                "input",
                &[
                    ("type", "text"),
                    ("id", Id::RespondUrl.as_str()),
                    ("readonly", ""),
                    ("aria-describedby", Id::RespondHint.as_str()),
                ],
            ),
            &text_el(
                "span",
                &[("id", Id::RespondHint.as_str()), ("class", "cl-hint")],
                s.get("respond_link_hint"),
            ),
        ],
    );
    vec![create, field]
}

/// Shows the link for vendors, selected for copying. It is this page with `?respond` and
/// nothing of the buyer's: no answers, weights, rules or notes. A fragment (`#…`) is where
/// the buyer's own questions would travel, never sent to a server.
pub(crate) fn show_link() {
    let location = window().location();
    let url = format!(
        "{}{}?respond",
        location.origin().unwrap_or_default(),
        location.pathname().unwrap_or_default()
    );
    let input = by(Id::RespondUrl);
    set_value(&input, &url);
    set_hidden(&by(Id::RespondField), false);
    focus(&input);
    if let Some(input) = input.dyn_ref::<HtmlInputElement>() {
        input.select();
    }
}

//! Small, fallible DOM access: creating elements with attributes and text, finding them by
//! id, and reading form controls. Every look-up returns `Result<_, JsValue>` so callers use
//! `?`; user text only ever reaches the page as text nodes or control values, never as HTML.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element};

const SVG_NS: &str = "http://www.w3.org/2000/svg";

/// Returns the page's document.
pub fn document() -> Result<Document, JsValue> {
    web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| JsValue::from_str("checklist: no document"))
}

/// Creates an element with attributes.
pub fn el(tag: &str, attrs: &[(&str, &str)]) -> Result<Element, JsValue> {
    let element = document()?.create_element(tag)?;
    set_attrs(&element, attrs)?;
    Ok(element)
}

/// Creates an element with attributes and text content.
pub fn text_el(tag: &str, attrs: &[(&str, &str)], text: &str) -> Result<Element, JsValue> {
    let element = el(tag, attrs)?;
    element.set_text_content(Some(text));
    Ok(element)
}

/// Creates an SVG element with attributes.
pub fn svg_el(tag: &str, attrs: &[(&str, &str)]) -> Result<Element, JsValue> {
    let element = document()?.create_element_ns(Some(SVG_NS), tag)?;
    set_attrs(&element, attrs)?;
    Ok(element)
}

/// Sets several attributes.
pub fn set_attrs(element: &Element, attrs: &[(&str, &str)]) -> Result<(), JsValue> {
    attrs
        .iter()
        .try_for_each(|(name, value)| element.set_attribute(name, value))
}

/// Appends children in order.
pub fn append(parent: &Element, children: &[&Element]) -> Result<(), JsValue> {
    children
        .iter()
        .try_for_each(|child| parent.append_child(child).map(drop))
}

/// Appends a text node.
pub fn append_text(parent: &Element, text: &str) -> Result<(), JsValue> {
    parent.append_with_str_1(text)
}

/// Removes all children.
pub fn clear(element: &Element) {
    element.set_text_content(None);
}

/// Finds an element by id.
pub fn by_id(id: &str) -> Result<Element, JsValue> {
    document()?
        .get_element_by_id(id)
        .ok_or_else(|| JsValue::from_str(&format!("checklist: element `#{id}` is missing")))
}

/// Shows or hides an element with the `hidden` attribute.
pub fn set_hidden(element: &Element, hidden: bool) -> Result<(), JsValue> {
    if hidden {
        element.set_attribute("hidden", "")
    } else {
        element.remove_attribute("hidden")
    }
}

/// Moves keyboard focus to an element (which must be focusable or have `tabindex`).
pub fn focus(element: &Element) -> Result<(), JsValue> {
    element
        .dyn_ref::<web_sys::HtmlElement>()
        .map_or(Ok(()), |e| e.focus())
}

/// Reads the value of an input, textarea or select.
pub fn value_of(element: &Element) -> String {
    if let Some(input) = element.dyn_ref::<web_sys::HtmlInputElement>() {
        input.value()
    } else if let Some(area) = element.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        area.value()
    } else if let Some(select) = element.dyn_ref::<web_sys::HtmlSelectElement>() {
        select.value()
    } else {
        String::new()
    }
}

/// Sets the value of an input, textarea or select.
pub fn set_value(element: &Element, value: &str) {
    if let Some(input) = element.dyn_ref::<web_sys::HtmlInputElement>() {
        input.set_value(value);
    } else if let Some(area) = element.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        area.set_value(value);
    } else if let Some(select) = element.dyn_ref::<web_sys::HtmlSelectElement>() {
        select.set_value(value);
    }
}

/// Tells whether a checkbox or radio button is checked.
pub fn is_checked(element: &Element) -> bool {
    element
        .dyn_ref::<web_sys::HtmlInputElement>()
        .is_some_and(|i| i.checked())
}

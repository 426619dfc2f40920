//! Small DOM access: creating elements with attributes and text, finding them by id, and
//! reading form controls. Building elements cannot fail for the fixed tag and attribute
//! names the view uses, so these helpers return plain values and the view needs no error
//! paths; a container that is missing is a bug in the skeleton, and `by_id` throws a
//! JavaScript error that names it. User text only ever reaches the page as text nodes or
//! control values, never as HTML.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue, UnwrapThrowExt};
use web_sys::{Document, Element, Window};

#[cfg(feature = "ondemand")]
const SVG_NS: &str = "http://www.w3.org/2000/svg";

/// Returns the page's window.
pub fn window() -> Window {
    web_sys::window().expect_throw("checklist: no window")
}

/// Returns the page's document.
pub fn document() -> Document {
    window().document().expect_throw("checklist: no document")
}

/// Creates an element with attributes.
pub fn el(tag: &str, attrs: &[(&str, &str)]) -> Element {
    let element = document()
        .create_element(tag)
        .expect_throw("checklist: bad tag");
    set_attrs(&element, attrs);
    element
}

/// Creates an element with attributes and text content.
pub fn text_el(tag: &str, attrs: &[(&str, &str)], text: &str) -> Element {
    let element = el(tag, attrs);
    element.set_text_content(Some(text));
    element
}

/// Creates an SVG element with attributes.
#[cfg(feature = "ondemand")]
pub fn svg_el(tag: &str, attrs: &[(&str, &str)]) -> Element {
    let element = document()
        .create_element_ns(Some(SVG_NS), tag)
        .expect_throw("checklist: bad tag");
    set_attrs(&element, attrs);
    element
}

/// Sets one attribute.
pub fn set_attr(element: &Element, name: &str, value: &str) {
    // Only fails for invalid attribute names, and the view's names are fixed.
    let _ = element.set_attribute(name, value);
}

/// Sets several attributes.
pub fn set_attrs(element: &Element, attrs: &[(&str, &str)]) {
    for (name, value) in attrs {
        set_attr(element, name, value);
    }
}

/// Appends children in order.
pub fn append(parent: &Element, children: &[&Element]) {
    for child in children {
        // Only fails for impossible trees (an element into itself), which the view never builds.
        let _ = parent.append_child(child);
    }
}

/// Appends a text node.
pub fn append_text(parent: &Element, text: &str) {
    let _ = parent.append_with_str_1(text);
}

/// Removes all children.
pub fn clear(element: &Element) {
    element.set_text_content(None);
}

/// Finds an element by id, if the page has it.
pub fn find(id: &str) -> Option<Element> {
    document().get_element_by_id(id)
}

/// Finds an element the app itself created; throws a JavaScript error naming it if missing.
pub fn by_id(id: &str) -> Element {
    find(id).unwrap_or_else(|| {
        wasm_bindgen::throw_str(&format!("checklist: element `#{id}` is missing"))
    })
}

/// Finds one of the app's own elements by its id; throws a JavaScript error if missing.
pub fn by(id: checklist_core::present::Id) -> Element {
    by_id(id.as_str())
}

/// Shows or hides an element with the `hidden` attribute.
pub fn set_hidden(element: &Element, hidden: bool) {
    let _ = element.toggle_attribute_with_force("hidden", hidden);
}

/// Moves keyboard focus to an element (which must be focusable or have `tabindex`).
pub fn focus(element: &Element) {
    if let Some(element) = element.dyn_ref::<web_sys::HtmlElement>() {
        let _ = element.focus();
    }
}

/// Calls `handler` on every `kind` event at `target`, for as long as the page lives. Every
/// listener of the binding has this one closure type, so they share one piece of glue.
pub fn listen(
    target: &web_sys::EventTarget,
    kind: &str,
    handler: impl FnMut(web_sys::Event) + 'static,
) {
    let handler = Closure::<dyn FnMut(web_sys::Event)>::new(handler);
    let _ = target.add_event_listener_with_callback(kind, handler.as_ref().unchecked_ref());
    handler.forget();
}

/// Reads a property of an object (e.g. a control's `value` or `checked`); `undefined` when
/// it has none. Reading properties by name keeps one import for all kinds of controls (the
/// bundle has a size budget, and each typed web-sys getter costs its own glue).
pub fn prop(object: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(object, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

/// Sets a property of an element (e.g. a control's `value` or `checked`).
pub fn set_prop(element: &Element, name: &str, value: &JsValue) {
    let _ = js_sys::Reflect::set(element, &JsValue::from_str(name), value);
}

/// Calls a two-argument method of an element by name; an error when it has no such method
/// or the method throws.
pub fn call2(
    element: &Element,
    method: &str,
    a: &JsValue,
    b: &JsValue,
) -> Result<JsValue, JsValue> {
    let function: js_sys::Function = prop(element, method).dyn_into()?;
    function.call2(element, a, b)
}

/// Reads the value of an input, textarea or select (empty for other elements).
pub fn value_of(element: &Element) -> String {
    prop(element, "value").as_string().unwrap_or_default()
}

/// Sets the value of an input, textarea or select.
pub fn set_value(element: &Element, value: &str) {
    set_prop(element, "value", &JsValue::from_str(value));
}

/// Tells whether a checkbox or radio button is checked.
pub fn is_checked(element: &Element) -> bool {
    prop(element, "checked").as_bool() == Some(true)
}

/// Checks or unchecks a checkbox or radio button.
pub fn set_checked(element: &Element, checked: bool) {
    set_prop(element, "checked", &JsValue::from_bool(checked));
}

/// Runs `f` right after the next frame is painted (a timeout queued from an animation frame),
/// so work that can wait does not delay what a change shows.
pub fn after_paint(f: impl FnOnce() + 'static) {
    let task = Closure::once_into_js(f);
    let after_frame = Closure::once_into_js(move || {
        let _ =
            window().set_timeout_with_callback_and_timeout_and_arguments_0(task.unchecked_ref(), 0);
    });
    let _ = window().request_animation_frame(after_frame.unchecked_ref());
}

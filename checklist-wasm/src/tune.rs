//! The tuning panel's frame in the page (built by `panel_frame`, which the condition panel's
//! frame shares), and the buyer's tuning applied to the scored checklist. The frame is a title,
//! a hint, the summary (the guide's recommendation, or how the checklist was tuned and what
//! differs) and a button that opens the controls; the summary of a tuned checklist, the
//! controls (weights, resets, must-have marks, the own-question form) and what their events
//! change are the on-demand module's (`ondemand/tuning.rs`, loaded through `lazy`), so a buyer
//! who never tunes never loads them. Scoring with the tuning stays here: turning the guide's
//! definition and the tuning into the scored definition is `Tuning::apply`'s.

use std::cell::RefCell;

use checklist_core::definition::Text;
use checklist_core::present::Id;
use checklist_core::sorted::SortedMap;
use web_sys::{Element, Event};

use crate::dom::{append, by, el, find, focus, set_hidden, text_el};
use crate::model::Change;
use crate::strings::Strings;
use crate::App;

/// Builds the tuning panel's frame; `render` fills it.
pub fn panel(s: &Strings) -> Element {
    let summary = el(
        "p",
        &[
            ("id", Id::TuneSummary.as_str()),
            ("class", "cl-tune-summary"),
            ("tabindex", "-1"),
        ],
    );
    let differences = el("ul", &[("id", Id::TuneDifferences.as_str())]);
    panel_frame(
        [Id::Tune, Id::TuneOpen, Id::TuneBody],
        ["cl-panel cl-tune", "cl-tune-title"],
        [s.get("tune_title"), s.get("tune_hint"), s.get("tune_open")],
        &[&summary, &differences],
    )
}

/// Builds the frame of a panel whose controls the on-demand module loads (tuning,
/// conditions): a section labelled by its `h2` title, a hint, the panel's own `middle`
/// elements, a paragraph with the button that opens the controls, and the empty body they
/// go into. `ids` are the section's, the button's and the body's; `[class, title_id]` the
/// section's class and the title's id; `texts` the title, hint and button label.
pub(crate) fn panel_frame(
    [id, open_id, body_id]: [Id; 3],
    [class, title_id]: [&str; 2],
    [title, hint, open_label]: [&str; 3],
    middle: &[&Element],
) -> Element {
    let panel = el(
        "section",
        &[
            ("id", id.as_str()),
            ("class", class),
            ("aria-labelledby", title_id),
        ],
    );
    let open = el("p", &[("class", "cl-actions")]);
    append(
        &open,
        &[&text_el(
            "button",
            &[
                ("type", "button"),
                ("id", open_id.as_str()),
                ("class", "cl-button"),
            ],
            open_label,
        )],
    );
    append(
        &panel,
        &[
            &text_el("h2", &[("id", title_id)], title),
            &text_el("p", &[("class", "cl-hint")], hint),
        ],
    );
    append(&panel, middle);
    append(&panel, &[&open, &el("div", &[("id", body_id.as_str())])]);
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

/// Fills the panel: the guide's recommendation as it is, or, for a tuned checklist or an
/// opened panel, what the on-demand module shows.
pub(crate) fn render(a: &mut App) {
    let open = a.on_demand.tune_open;
    if a.applied.is_empty() && !open {
        // Nothing to load: the checklist follows the guide.
        by(Id::TuneSummary).set_text_content(Some(a.strings.get("tune_untuned")));
        return set_hidden(&by(Id::TuneDifferences), true);
    }
    set_hidden(&by(Id::TuneOpen), open);
    let tuning = a.export_with(Vec::new());
    crate::lazy::run(a, move |_, module| module.tune_render(&tuning, open));
}

/// Opens the panel's controls and moves focus to the first of them once they are there.
pub(crate) fn open(a: &mut App) {
    a.on_demand.tune_open = true;
    render(a);
    crate::lazy::run(a, |_, _| {
        if let Ok(Some(first)) = by(Id::TuneBody).query_selector("summary") {
            focus(&first);
        }
    });
}

/// Hands an event in the panel's controls to the on-demand module, and applies the tuning
/// it asks for; `false` when the event is not the panel's.
pub(crate) fn handle(app: &RefCell<App>, kind: &str, target: &Element, event: &Event) -> bool {
    let inside = find(Id::TuneBody.as_str()).is_some_and(|body| body.contains(Some(target)));
    if !inside || !matches!(kind, "change" | "click" | "submit") {
        return false;
    }
    if kind == "submit" {
        // The own-question form only groups its fields; nothing is ever sent.
        event.prevent_default();
    }
    let mut a = app.borrow_mut();
    let tuning = a.export_with(Vec::new());
    let event = event.clone();
    crate::lazy::run(&mut a, move |a, module| {
        let answer = module.tune_event(&tuning, &event);
        let [changed, message, alert, refocus] = answer.as_slice() else {
            return;
        };
        let Some(changed) = a.read_export(changed) else {
            // Nothing changes; a refusal says why.
            if !message.is_empty() {
                a.message(message, alert == "alert");
                find(refocus).iter().for_each(focus);
            }
            return;
        };
        a.model.workspace.tuning = changed.tuning;
        a.refresh(Change::Vendors);
        let summary = match message.as_str() {
            "" => by(Id::TuneSummary).text_content().unwrap_or_default(),
            text => text.to_owned(),
        };
        a.message(&summary, false);
        focus(&find(refocus).unwrap_or_else(|| by(Id::TuneSummary)));
    });
    true
}

//! The review of a responding vendor's answer in the detail panel: when the focused cell's
//! vendor responded to its question, the on-demand module (`ondemand::review`) fills the
//! review block (the vendor's statement and the buyer's answer side by side, how far the
//! buyer reviewed it, the buttons to accept the statement or put it back); this file decides
//! when, and applies the buttons. The buyer overrides by editing the answer in the grid and
//! the evidence level and note in the panel; scoring uses the buyer's answer. Review states
//! and texts are the core's (`response`, `present::responses`).

use checklist_core::present::Id;

use super::Mode;
use crate::dom::{clear, find};
use crate::model::Msg;
use crate::App;

/// Returns the focused cell's vendor index and question index, in the grid only.
fn focused(a: &App) -> Option<(usize, usize)> {
    let (qi, col) = a.grid.detail?;
    (a.grid.mode == Mode::Grid).then_some(())?;
    Some((col.checked_sub(1)?, qi))
}

/// Fills the review block of the focused cell, or leaves it empty when the vendor did not
/// respond to the question. The block is built by the on-demand module (`ondemand::review`),
/// which the import of a response loaded; after a reload it loads on the first focus of a
/// responded cell, and the block is filled when it is there, unless focus moved on meanwhile.
pub(super) fn render_review(a: &mut App) {
    let Some(block) = find(Id::Review.as_str()) else {
        return;
    };
    clear(&block);
    let Some((k, qi)) = focused(a) else {
        return;
    };
    let vendor = &a.model.workspace.vendors[k];
    let question = a.def.questions[qi].id.clone();
    let responded = vendor
        .response
        .as_ref()
        .is_some_and(|origin| origin.statements.contains_key(&question));
    if !responded {
        return;
    }
    let id = vendor.id.clone();
    let workspace = a.export_with(vec![vendor.clone()]);
    crate::lazy::run(a, move |a, module| {
        let still = focused(a).is_some_and(|(k, qi)| {
            a.model.workspace.vendors[k].id == id && a.def.questions[qi].id == question
        });
        if still {
            module.review_render(&workspace, &question);
        }
    });
}

/// Accepts the focused cell's statement, or puts it back as the buyer's answer.
pub fn review(a: &mut App, accept: bool) {
    let Some((k, qi)) = focused(a) else {
        return;
    };
    let vendor = a.model.workspace.vendors[k].id.clone();
    let question = a.def.questions[qi].id.clone();
    a.grid.touched = Some(vendor.clone());
    a.grid.edited = Some(question.clone());
    a.dispatch(Msg::Review {
        vendor,
        question,
        accept,
    });
    render_review(a);
    if let Some(state) = find(Id::ReviewState.as_str()) {
        crate::dom::set_attr(&state, "tabindex", "-1");
        crate::dom::focus(&state);
    }
}

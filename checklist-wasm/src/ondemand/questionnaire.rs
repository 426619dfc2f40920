//! The buyer's side of the questionnaire file (`checklist_core::questionnaire`), for vendors
//! who prefer a file to the link: the "Download questionnaire file" button beside the link
//! for vendors, and the download itself. The file carries what the link carries (the
//! checklist version and the buyer's own questions) and nothing else; the workspace module
//! sends the workspace when the button is pressed (`crate::responses`), so the file always
//! has the tuning as it is then. The vendor's side (opening the file) is `crate::respond`'s.

use checklist_core::answers::Workspace;
use checklist_core::present::Id;
use checklist_core::questionnaire;

use super::Page;
use crate::dom::{find, text_el, window};

/// Puts the download button after the link for vendors, once.
pub(super) fn offer(page: &Page) {
    if find(Id::QuestionnaireDownload.as_str()).is_some() {
        return;
    }
    let line = crate::dom::el("p", &[("class", "cl-actions")]);
    crate::dom::append(
        &line,
        &[&text_el(
            "button",
            &[
                ("type", "button"),
                ("id", Id::QuestionnaireDownload.as_str()),
                ("class", "cl-button"),
            ],
            page.strings.get("questionnaire_download"),
        )],
    );
    if let Some(field) = find(Id::RespondField.as_str()) {
        let _ = field.after_with_node_1(&line);
    }
}

/// Downloads the questionnaire file for the workspace's tuning, named after the checklist
/// and today's date in the page's language, and returns the sentence that says what it holds
/// and where the vendor opens it.
pub(super) fn download(page: &Page, workspace: &Workspace) -> String {
    let Some(today) = crate::today() else {
        return String::new();
    };
    let name = page.present().questionnaire_file_name(today);
    crate::transfer::download(
        &questionnaire::write(&page.def, &workspace.tuning),
        &name,
        "application/json",
    );
    let location = window().location();
    let link = format!(
        "{}{}?respond",
        location.origin().unwrap_or_default(),
        location.pathname().unwrap_or_default()
    );
    page.strings.fill(
        "questionnaire_downloaded",
        &[("file", &name), ("link", &link)],
    )
}

//! The buyer's side of the questionnaire file (`checklist_core::questionnaire`), for vendors
//! who prefer a file to the link: the "Download questionnaire file" button beside the link
//! for vendors, and the download itself. The file carries what the link carries (the
//! checklist version and the buyer's own questions) and nothing else; the workspace module
//! sends the workspace when the button is pressed (`crate::responses`), so the file always
//! has the tuning as it is then. Own questions too long for a link the vendors' page opens
//! (`share::encode_questions` decides) leave the link plain, and its hint tells the buyer to
//! send the file with it. The vendor's side (opening the file) is `crate::respond`'s.

use checklist_core::answers::Workspace;
use checklist_core::present::Id;
use checklist_core::questionnaire;
use checklist_core::share::{self, ShareError};
use checklist_core::tuning::Tuning;

use super::Page;
use crate::dom::{by, find, text_el, window};

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

/// Returns the fragment of the vendors' link with the buyer's own questions (`#questions=…`),
/// or nothing when there are none, or when they are too long for a link the vendors' page
/// opens: then the hint under the link says so and to send the questionnaire file with the
/// plain link. Otherwise the hint is the usual one.
pub(super) fn link_fragment(page: &Page, tuning: &Tuning) -> String {
    let (fragment, hint) = match share::encode_questions(tuning) {
        Ok(questions) => (
            questions
                .map(|questions| format!("#{}{questions}", share::QUESTIONS_KEY))
                .unwrap_or_default(),
            page.strings.get("respond_link_hint").to_owned(),
        ),
        Err(error) => {
            let length = match error {
                ShareError::TooLong(length) => length,
                _ => 0,
            };
            let hint = page.strings.fill(
                "respond_link_too_long",
                &[
                    ("length", &length.to_string()),
                    ("max", &share::MAX_LINK_CHARS.to_string()),
                ],
            );
            (String::new(), hint)
        }
    };
    by(Id::RespondHint).set_text_content(Some(&hint));
    fragment
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

//! The storage panel of the checklist: the one place that tells the buyer about saving
//! trouble (a failed save, storage that is off, a backup of unreadable data) and offers the
//! backup's Restore, Download and Delete buttons. What state saving is in is the parent
//! module's (`saving`); this module shows it and reacts to the panel's buttons. The buttons'
//! work (reading, writing and deleting the backup) is the on-demand module's
//! (`ondemand::backup`), so the first load carries only the panel and what takes the outcome.

// The panel shares the parent's imports and its saving state (`Notice`, `Saver`).
use super::*;

/// Builds the storage panel (hidden until it has something to say).
pub fn panel(s: &Strings) -> Element {
    let panel = el(
        "div",
        &[("id", "cl-storage"), ("class", "cl-message cl-error")],
    );
    let text = el("p", &[("id", "cl-storage-text"), ("role", "alert")]);
    // `hidden` goes on a wrapper: `.cl-actions` sets `display`, which would override it.
    let actions = el("div", &[("id", "cl-storage-actions")]);
    let buttons = el("p", &[("class", "cl-actions")]);
    let button = |id, key| {
        text_el(
            "button",
            &[("type", "button"), ("id", id), ("class", "cl-button")],
            s.get(key),
        )
    };
    dom::append(&actions, &[&buttons]);
    dom::append(
        &buttons,
        &[
            &button("cl-backup-restore", "storage_restore"),
            &button("cl-backup-download", "storage_download"),
            &button("cl-backup-delete", "storage_delete"),
        ],
    );
    dom::append(&panel, &[&text, &actions]);
    set_hidden(&panel, true);
    panel
}

/// Handles a click on the panel's buttons (`events` hands over the clicks it does not handle
/// itself): the on-demand module does the backup action with a store it opens itself and
/// calls back with what it found (see [`took`]). Until the module is loaded nothing changes;
/// a failed load says so and offers "Try again" (`lazy`), and the backup stays as it is.
pub(crate) fn click(a: &mut App, id: &str) {
    let action = match id {
        "cl-backup-restore" => BackupAction::Restore,
        "cl-backup-download" => BackupAction::Download,
        "cl-backup-delete" => BackupAction::Delete,
        _ => return,
    };
    let me = a.saver.me.clone();
    crate::lazy::run(a, move |_, module| {
        let done = idb::callback(move |outcome| {
            if let (Some(app), Some(text)) = (me.upgrade(), outcome.as_string()) {
                took(&mut app.borrow_mut(), &text);
            }
        });
        module.backup(action as u8, &done)
    });
}

/// Takes what the on-demand module found when it did a backup action: the backup is gone
/// (deleted, here or by another tab), so the panel stops offering it; or its vendors, which
/// are added to the workspace unless they do not fit, and the backup is deleted in the same
/// write that saves them; or why it cannot be restored, and it is kept.
fn took(a: &mut App, text: &str) {
    match BackupOutcome::read(text) {
        Some(BackupOutcome::Gone) => {
            a.saver.has_backup = false;
            a.saver.notice = Notice::Deleted;
            show(a);
        }
        Some(BackupOutcome::Read {
            too_many,
            workspace,
        }) => {
            let Some(workspace) = a.read_export(workspace) else {
                return;
            };
            // Checked here, not in the module: the workspace may have grown meanwhile.
            if a.model.workspace.vendors.len() + workspace.vendors.len() > MAX_VENDORS {
                set_text(too_many);
            } else {
                a.saver.drop_backup = true;
                a.saver.notice = Notice::Restored;
                a.dispatch(Msg::OfferImport(workspace));
                a.dispatch(Msg::AcceptImport { merge: true });
                show(a);
            }
        }
        Some(BackupOutcome::Refused(why)) => set_text(why),
        None => return,
    }
    focus(&by_id("cl-storage-text"));
}

/// Sets the panel's text and shows it.
pub(super) fn set_text(text: &str) {
    by_id("cl-storage-text").set_text_content(Some(text));
    set_hidden(&by_id("cl-storage"), text.is_empty());
}

/// Brings the panel in line with the saving state.
pub(super) fn show(a: &App) {
    let s = &a.strings;
    let key = match a.saver.notice {
        Notice::Failed => "storage_failed",
        Notice::Unavailable => "storage_unavailable",
        Notice::Unreadable => "storage_unreadable",
        Notice::NotBackedUp => "storage_not_backed_up",
        Notice::Restored if !a.saver.has_backup => "storage_restored",
        Notice::Deleted => "storage_deleted",
        _ if a.saver.has_backup => "storage_backup_kept",
        _ => "",
    };
    set_text(if key.is_empty() { "" } else { s.get(key) });
    set_hidden(&by_id("cl-storage-actions"), !a.saver.has_backup);
    let error = matches!(
        a.saver.notice,
        Notice::Failed | Notice::Unavailable | Notice::NotBackedUp
    );
    set_attr(
        &by_id("cl-storage"),
        "class",
        if error {
            "cl-message cl-error"
        } else {
            "cl-message"
        },
    );
    if a.saver.store.is_none() {
        mark(a, "off");
    }
}

/// Tells tests whether a save is pending (`saving`), done (`saved`), failed or off, and
/// which revision this tab has.
pub(super) fn mark(a: &App, state: &str) {
    let state = if a.saver.store.is_none() {
        "off"
    } else {
        state
    };
    if let Some(root) = find("checklist-app") {
        set_attr(&root, "data-save", state);
        set_attr(&root, "data-revision", &a.saver.synced.revision.to_string());
    }
}

//! The storage panel of the checklist: the one place that tells the buyer about saving
//! trouble (a failed save, storage that is off, a backup of unreadable data) and offers the
//! backup's Restore, Download and Delete buttons. What state saving is in is the parent
//! module's (`saving`); this module shows it and reacts to the panel's buttons.

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

/// Handles the panel's buttons.
pub(super) fn click(app: &Rc<RefCell<App>>, id: &str) {
    let a = app.borrow();
    let Some(store) = a.saver.store.clone() else {
        return;
    };
    drop(a);
    let me = Rc::downgrade(app);
    match id {
        "cl-backup-restore" | "cl-backup-download" => {
            let restore = id == "cl-backup-restore";
            store.read(
                Key::Backup,
                Box::new(move |backup| {
                    let (Some(app), Ok(Some(backup))) = (me.upgrade(), backup) else {
                        return;
                    };
                    if restore {
                        restore_backup(&app, &backup.text);
                    } else {
                        download_backup(&app, backup.text);
                    }
                }),
            );
        }
        "cl-backup-delete" => store.update(
            Key::Backup,
            vec![(Key::Backup, None)],
            Box::new(|_| Vec::new()),
            Box::new(move |result| {
                let Some(app) = me.upgrade() else { return };
                let mut a = app.borrow_mut();
                if result.is_ok() {
                    a.saver.has_backup = false;
                    a.saver.notice = Notice::Deleted;
                    show(&a);
                    focus(&by_id("cl-storage-text"));
                }
            }),
        ),
        _ => {}
    }
}

/// Adds the backup's vendors to the workspace, deleting the backup in the same write; a
/// backup that cannot be read or does not fit is kept, and the page says why. The backup is
/// read with every check of an import by the on-demand module (`ondemand::upgrade`).
pub(super) fn restore_backup(app: &Rc<RefCell<App>>, text: &str) {
    let text = text.to_owned();
    crate::lazy::run(&mut app.borrow_mut(), move |a, module| {
        let read = module.upgrade(&text);
        match a.read_export(&read[0]) {
            Some(workspace) => take_backup(a, workspace),
            None => {
                set_text(&read[1]);
                focus(&by_id("cl-storage-text"))
            }
        }
    });
}

/// Adds the read backup's vendors to the workspace, unless they do not fit.
fn take_backup(a: &mut App, workspace: Workspace) {
    let total = a.model.workspace.vendors.len() + workspace.vendors.len();
    if total > MAX_VENDORS {
        let text = a
            .strings
            .fill("too_many_vendors", &[("max", &MAX_VENDORS.to_string())]);
        set_text(&text);
        return focus(&by_id("cl-storage-text"));
    }
    a.saver.drop_backup = true;
    a.saver.notice = Notice::Restored;
    a.dispatch(Msg::OfferImport(workspace));
    a.dispatch(Msg::AcceptImport { merge: true });
    show(a);
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

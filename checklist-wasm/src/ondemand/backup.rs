//! The storage panel's backup actions, done by the on-demand module so the first load carries
//! none of them: restoring, downloading and deleting the backup of saved data that could not
//! be read (`store::Key::Backup`). The module opens the store itself (`idb`, its own
//! connection to the page's database) and tells the page what it found through the callback
//! the page gave it, as a `store::BackupOutcome`; the page then changes its workspace and its
//! panel (`saving::panel`), so the workspace module stays the one place that changes and saves
//! the buyer's work. When to show the panel, and what it says, is the page's.

use std::cell::RefCell;

use checklist_core::exchange::MAX_VENDORS;
use checklist_core::saved;
use wasm_bindgen::JsValue;

use crate::idb::{self, IdbStore};
use crate::store::{BackupAction, BackupOutcome, Key, Store, StoreError};

use super::{read_saved, with_page, Page};

/// Work waiting for the store; it is given `None` when the store cannot be opened.
type Waiting = Vec<Box<dyn FnOnce(Option<&IdbStore>)>>;

/// The module's connection to the page's database.
enum Connection {
    /// Not opened yet, or opening failed.
    Closed,
    /// Being opened; the work runs once it is, in the order it was asked for.
    Opening(Waiting),
    /// Open: one connection for all of the page's backup actions.
    Open(IdbStore),
}

thread_local! {
    /// The store, once opened.
    static STORE: RefCell<Connection> = const { RefCell::new(Connection::Closed) };
}

/// Does `action` with the backup and calls `done` with the outcome's text for the page:
/// nothing for a download (the file is offered here). When the store cannot be opened, read
/// or written, the backup stays as it is, and the page is told so in plain words.
pub(super) fn run(action: BackupAction, done: js_sys::Function) {
    with_store(move |store| {
        let Some(store) = store else {
            return unreachable_store(&done);
        };
        match action {
            BackupAction::Delete => store.update(
                Key::Backup,
                vec![(Key::Backup, None)],
                Box::new(|_| Vec::new()),
                Box::new(move |result| match result {
                    Ok(_) => answer(&done, &BackupOutcome::Gone),
                    Err(_) => unreachable_store(&done),
                }),
            ),
            BackupAction::Restore | BackupAction::Download => store.read(
                Key::Backup,
                Box::new(move |found| match found {
                    Ok(None) => answer(&done, &BackupOutcome::Gone),
                    Ok(Some(backup)) if action == BackupAction::Download => {
                        crate::transfer::download(
                            &super::backup_file(backup.text),
                            "vendor-checklist-backup.json",
                            "application/json",
                        );
                    }
                    Ok(Some(backup)) => with_page(|page| restore(page, &backup.text, &done)),
                    Err(_) => unreachable_store(&done),
                }),
            ),
        }
    });
}

/// Tells the page that the browser's storage could not be opened, read or written, so the
/// backup is unchanged: the panel keeps offering it, and says why nothing happened. It
/// answers from a task of its own, as the store's callbacks do: a store that cannot be opened
/// fails at once, while the page may still be holding its app in the click that asked.
fn unreachable_store(done: &js_sys::Function) {
    let done = done.clone();
    idb::later(move || {
        with_page(|page| {
            answer(
                &done,
                &BackupOutcome::Refused(page.strings.get("storage_backup_unreachable")),
            )
        })
    });
}

/// Reads the backup with every check of an import and tells the page its workspace, or why
/// it cannot be restored.
fn restore(page: &Page, text: &str, done: &js_sys::Function) {
    match read_saved(&page.def, text) {
        Ok(report) => {
            let too_many = page
                .strings
                .fill("too_many_vendors", &[("max", &MAX_VENDORS.to_string())]);
            let workspace = saved::write(&page.def, &report.workspace);
            answer(
                done,
                &BackupOutcome::Read {
                    too_many: &too_many,
                    workspace: &workspace,
                },
            )
        }
        Err(error) => answer(
            done,
            &BackupOutcome::Refused(&page.present().import_error(&error)),
        ),
    }
}

/// Runs `f` with the store, opening it first if need be, so actions asked for in a row (as
/// after "Try again") run in that order; where the store cannot be opened, `f` gets `None`
/// (and the next action tries to open it again).
fn with_store(f: impl FnOnce(Option<&IdbStore>) + 'static) {
    let open = STORE.with(|store| match &*store.borrow() {
        Connection::Open(store) => Some(store.clone()),
        _ => None,
    });
    if let Some(store) = open {
        return f(Some(&store));
    }
    let first = STORE.with(|store| {
        let mut store = store.borrow_mut();
        if let Connection::Opening(waiting) = &mut *store {
            waiting.push(Box::new(f));
            return false;
        }
        *store = Connection::Opening(vec![Box::new(f)]);
        true
    });
    // Outside the borrow: a store that cannot be opened answers at once.
    if first {
        idb::open(opened);
    }
}

/// Keeps the opened store (or forgets the failed attempt) and runs the work that waited,
/// with the store or, where it could not be opened, without.
fn opened(result: Result<IdbStore, StoreError>) {
    let store = result.ok();
    let next = store.clone().map_or(Connection::Closed, Connection::Open);
    let before = STORE.with(|kept| std::mem::replace(&mut *kept.borrow_mut(), next));
    if let Connection::Opening(waiting) = before {
        for f in waiting {
            f(store.as_ref());
        }
    }
}

/// Calls the page back with an outcome.
fn answer(done: &js_sys::Function, outcome: &BackupOutcome) {
    let _ = done.call1(&JsValue::NULL, &JsValue::from_str(&outcome.write()));
}

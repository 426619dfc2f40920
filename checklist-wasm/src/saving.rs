//! Keeps the page's work saved in the browser: opens the store (IndexedDB, see `idb`) and
//! moves data of earlier versions out of `localStorage`, saves after each change with one
//! write in flight at a time, follows other tabs' saves over a `BroadcastChannel` and takes
//! them in without losing this tab's edits or its selected vendor and focus, and shows the
//! storage panel: a failed save, storage that is off, and a backup of unreadable data with
//! buttons to restore, download or delete it (done by the on-demand module, see `panel`).
//! Every decision (what to write, how to merge) is `store`'s and `merge`'s; this file only
//! runs them against the browser and the DOM. The
//! root element's `data-save` and `data-revision` tell tests (and nothing else) whether a save
//! is pending and which save this tab has.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use checklist_core::answers::Workspace;
use checklist_core::exchange::MAX_VENDORS;
use checklist_core::saved;
use wasm_bindgen::JsCast;
use web_sys::{BroadcastChannel, Element};

use crate::dom::{self, by_id, el, find, focus, set_attr, set_hidden, text_el};
use crate::idb::{self, IdbStore};
use crate::merge::{merge, Merged};
use crate::model::{Change, Msg};
use crate::store::{
    self, BackupAction, BackupOutcome, Key, Legacy, Saved, Store, StoreError, Synced,
};
use crate::strings::Strings;
use crate::App;

mod panel;

pub(crate) use panel::click;
pub use panel::panel;
use panel::{mark, show};

/// Name of the channel tabs announce their saves on.
const CHANNEL: &str = "cc-vendor-checklist";

/// What the store held when the page opened.
pub struct Opened {
    /// The store, or `None` when the browser allows none.
    pub store: Option<IdbStore>,
    /// The saved workspace record, if any (from `localStorage` when there is no store).
    pub record: Option<Saved>,
    /// A backup of unreadable data exists.
    pub has_backup: bool,
    /// Work a tab left before its save was committed (see [`store::recover`]).
    pub journal: Option<String>,
    /// The record was read by the on-demand module (JSON of an earlier version of the page,
    /// or a save of another version of the checklist): it is written again in this page's
    /// form at once, so the next visit reads it without the module.
    pub rewrite: bool,
}

/// What the storage panel says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Notice {
    /// Nothing, unless a backup exists.
    None,
    /// The last save failed; the last saved state is kept.
    Failed,
    /// The browser allows no storage.
    Unavailable,
    /// Saved data could not be read and was moved to the backup just now.
    Unreadable,
    /// Saved data could not be read and could not be backed up, so saving is paused.
    NotBackedUp,
    /// The backup was restored.
    Restored,
    /// The backup was deleted.
    Deleted,
}

/// The saving state of the page.
pub struct Saver {
    store: Option<Rc<IdbStore>>,
    /// What this tab last loaded or wrote.
    synced: Synced,
    /// A write is in flight.
    writing: bool,
    /// A save waits for the frame to be painted (see [`save_soon`]).
    scheduled: bool,
    /// A change arrived while a write was in flight or saving was paused.
    dirty: bool,
    /// Unreadable data waits to be backed up; nothing may overwrite it until then.
    paused: bool,
    /// The next write also deletes the backup (it was restored into the workspace).
    drop_backup: bool,
    /// The record is written again even if the work did not change (see [`Opened::rewrite`]).
    rewrite: bool,
    has_backup: bool,
    /// The newest revision another tab announced.
    heard: u64,
    /// A journal in `localStorage` waits to be removed once the work is committed.
    journal_pending: bool,
    /// The plan of the write in flight and the work it saves.
    in_flight: Rc<RefCell<Option<(store::SavePlan, Workspace)>>>,
    notice: Notice,
    channel: Option<BroadcastChannel>,
    /// The app, for callbacks that arrive later.
    me: Weak<RefCell<App>>,
}

impl Saver {
    /// Builds the saving state for an opened store whose record was read into `base`, and
    /// returns the work to show: a tab's journal, if one is left, else `base`.
    pub fn new(
        opened: &mut Opened,
        def: &checklist_core::definition::Definition,
        base: Workspace,
        unreadable: bool,
    ) -> (Saver, Workspace) {
        let store = opened.store.take().map(Rc::new);
        let journal = opened
            .journal
            .as_deref()
            .map(|text| saved::read_own(def, text));
        let journal_pending = journal.is_some();
        let shown = match journal {
            Some(Ok(workspace)) => workspace,
            _ => base.clone(),
        };
        let saver = Saver {
            journal_pending,
            notice: if store.is_none() {
                Notice::Unavailable
            } else {
                Notice::None
            },
            store,
            synced: Synced {
                revision: opened.record.as_ref().map_or(0, |r| r.revision),
                base,
            },
            writing: false,
            scheduled: false,
            dirty: false,
            paused: unreadable,
            drop_backup: false,
            rewrite: opened.rewrite,
            has_backup: opened.has_backup,
            heard: 0,
            in_flight: Rc::default(),
            channel: BroadcastChannel::new(CHANNEL).ok(),
            me: Weak::new(),
        };
        (saver, shown)
    }
}

/// Opens the store, moves `localStorage` data of earlier versions into it (removing the old
/// copy only once the new one is committed), and reports what it holds.
pub fn open(done: impl FnOnce(Opened) + 'static) {
    let local = web_sys::window().and_then(|w| w.local_storage().ok().flatten());
    let get = |key| local.as_ref().and_then(|s| s.get_item(key).ok().flatten());
    let legacy = Legacy {
        workspace: get(store::LEGACY_KEY),
        backup: get(store::LEGACY_BACKUP_KEY),
    };
    let journal = get(store::JOURNAL_KEY);
    idb::open(move |opened| {
        let Ok(idb) = opened else {
            // No storage: show what an earlier version saved, and save nothing.
            let record = legacy.workspace.map(|text| Saved { revision: 0, text });
            return done(Opened {
                store: None,
                record,
                has_backup: false,
                journal: None,
                rewrite: false,
            });
        };
        let found = Rc::new(RefCell::new(None));
        let seen = Rc::clone(&found);
        let moved = legacy.clone();
        let db = idb.clone();
        db.update(
            Key::Workspace,
            Vec::new(),
            Box::new(move |record| {
                let writes = store::migrate(record.as_ref(), &moved);
                *seen.borrow_mut() = writes
                    .iter()
                    .find(|(key, _)| *key == Key::Workspace)
                    .map_or(record, |(_, saved)| saved.clone());
                writes
            }),
            Box::new(move |result| {
                let mut record = found.borrow_mut().take();
                let migrated = legacy.workspace.is_some() || legacy.backup.is_some();
                match result {
                    Ok(()) if migrated && record.is_some() => {
                        if let Some(local) = &local {
                            let _ = local.remove_item(store::LEGACY_KEY);
                            let _ = local.remove_item(store::LEGACY_BACKUP_KEY);
                        }
                    }
                    Ok(()) => {}
                    // The move failed: keep using (and keeping) the old copy.
                    Err(_) => record = legacy.workspace.map(|text| Saved { revision: 0, text }),
                }
                let reader = idb.clone();
                reader.read(
                    Key::Backup,
                    Box::new(move |backup| {
                        let journal = journal.and_then(|j| store::recover(record.as_ref(), &j));
                        done(Opened {
                            store: Some(idb),
                            record,
                            has_backup: matches!(backup, Ok(Some(_))),
                            journal,
                            rewrite: false,
                        })
                    }),
                );
            }),
        );
    });
}

/// Starts saving for the mounted app: listens to other tabs, and backs up
/// `unreadable` data before anything may overwrite it.
pub fn start(app: &Rc<RefCell<App>>, unreadable: Option<Saved>) {
    let mut a = app.borrow_mut();
    a.saver.me = Rc::downgrade(app);
    if let Some(channel) = &a.saver.channel {
        let me = Rc::downgrade(app);
        // The channel lives as long as the page.
        dom::listen(channel, "message", move |event| {
            if let (Some(app), Some(revision)) = (me.upgrade(), dom::prop(&event, "data").as_f64())
            {
                hear(&app, revision as u64);
            }
        });
    }
    let me = Rc::downgrade(app);
    dom::listen(&dom::window(), "pagehide", move |_| {
        if let Some(app) = me.upgrade() {
            flush(&mut app.borrow_mut());
        }
    });
    show(&a);
    let Some(unreadable) = unreadable else {
        return mark(&a, "saved");
    };
    let Some(store) = a.saver.store.clone() else {
        return;
    };
    mark(&a, "saving");
    let me = Rc::downgrade(app);
    store.update(
        Key::Workspace,
        store::back_up(unreadable),
        Box::new(|_| Vec::new()),
        Box::new(move |result| {
            let Some(app) = me.upgrade() else { return };
            let mut a = app.borrow_mut();
            if result.is_ok() {
                a.saver.paused = false;
                a.saver.has_backup = true;
                a.saver.notice = Notice::Unreadable;
                show(&a);
                save(&mut a);
            } else {
                a.saver.notice = Notice::NotBackedUp;
                show(&a);
                mark(&a, "failed");
            }
        }),
    );
}

/// Saves the workspace right after the next frame is painted, so the frame that shows a
/// change does not wait for writing it and the store, and several changes within one
/// frame cost one write. The page says "saving" at once; a tab closed before the write keeps
/// the change in the journal (`flush`, on `pagehide`).
pub fn save_soon(a: &mut App) {
    if a.saver.store.is_none() || a.saver.paused || a.saver.writing {
        // Nothing is written now: `save` only notes the change for later.
        return save(a);
    }
    if a.saver.scheduled {
        return;
    }
    a.saver.scheduled = true;
    mark(a, "saving");
    let me = a.saver.me.clone();
    dom::after_paint(move || {
        if let Some(app) = me.upgrade() {
            let mut a = app.borrow_mut();
            a.saver.scheduled = false;
            save(&mut a);
        }
    });
}

/// Saves the workspace if it changed since this tab last loaded or wrote it; while a write
/// is in flight, the change is saved when it ends.
pub fn save(a: &mut App) {
    let Some(store) = a.saver.store.clone() else {
        return;
    };
    if a.saver.writing || a.saver.paused {
        a.saver.dirty = true;
        return;
    }
    a.saver.dirty = false;
    if a.model.workspace == a.saver.synced.base && !a.saver.drop_backup && !a.saver.rewrite {
        return mark(a, "saved");
    }
    a.saver.writing = true;
    mark(a, "saving");
    let mine = a.model.workspace.clone();
    let drop_backup = a.saver.drop_backup;
    let provisional = store::plan_save(&a.base, &a.saver.synced, &mine, None, drop_backup);
    let now = provisional.writes.clone();
    let planned = Rc::new(RefCell::new(Some((provisional, mine))));
    a.saver.in_flight = Rc::clone(&planned);
    let slot = Rc::clone(&planned);
    let me = a.saver.me.clone();
    let after = a.saver.me.clone();
    store.update(
        Key::Workspace,
        now,
        Box::new(move |found| {
            // Another tab saved since: merge, and write the merge over the provisional write.
            let Some(app) = me.upgrade() else {
                return Vec::new();
            };
            let Ok(a) = app.try_borrow() else {
                return Vec::new();
            };
            let mut slot = slot.borrow_mut();
            if store::is_current(&a.saver.synced, found.as_ref()) {
                return Vec::new();
            }
            let Some((_, mine)) = slot.take() else {
                return Vec::new();
            };
            let plan = store::plan_save(&a.base, &a.saver.synced, &mine, found, drop_backup);
            let writes = plan.writes.clone();
            *slot = Some((plan, mine));
            writes
        }),
        Box::new(move |result| {
            if let Some(app) = after.upgrade() {
                saved(&app, result, planned.borrow_mut().take());
            }
        }),
    );
}

/// Keeps work that is not committed yet when the page is left: IndexedDB drops a write
/// still running then, so it goes into the journal in `localStorage` (synchronous), which
/// the next page to open takes in (see [`store::recover`]).
fn flush(a: &mut App) {
    if a.saver.store.is_none() || (!a.saver.writing && a.model.workspace == a.saver.synced.base) {
        return;
    }
    let text = store::journal(
        a.saver.synced.revision,
        &saved::write(&a.base, &a.model.workspace),
    );
    let local = web_sys::window().and_then(|w| w.local_storage().ok().flatten());
    if let Some(local) = local {
        a.saver.journal_pending |= local.set_item(store::JOURNAL_KEY, &text).is_ok();
    }
}

/// Removes the journal once everything in it is committed.
fn settle_journal(a: &mut App) {
    if !a.saver.journal_pending || a.model.workspace != a.saver.synced.base {
        return;
    }
    if let Some(local) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = local.remove_item(store::JOURNAL_KEY);
    }
    a.saver.journal_pending = false;
}

/// Takes the outcome of a write: moves to the written state and takes in what a merge
/// brought from other tabs, or says the save failed.
fn saved(
    app: &Rc<RefCell<App>>,
    result: Result<(), StoreError>,
    planned: Option<(store::SavePlan, Workspace)>,
) {
    let merging =
        matches!((&result, &planned), (Ok(()), Some((plan, mine))) if plan.synced.base != *mine);
    let focused = merging.then(Focused::leave);
    let mut a = app.borrow_mut();
    a.saver.writing = false;
    match (result, planned) {
        (Ok(()), Some((plan, mine))) => {
            if plan.writes.contains(&(Key::Backup, None)) {
                a.saver.drop_backup = false;
                a.saver.has_backup = false;
            }
            if matches!(a.saver.notice, Notice::Failed) {
                a.saver.notice = Notice::None;
            }
            a.saver.rewrite = false;
            let revision = plan.synced.revision;
            let merged = plan.synced.base != mine;
            a.saver.synced = plan.synced;
            if let Some(channel) = &a.saver.channel {
                let _ = channel.post_message(&(revision as f64).into());
            }
            if merged {
                // Another tab saved meanwhile: rebase what changed here since onto the merge.
                let mut mine = mine;
                let mut now = a.model.workspace.clone();
                rename(&mut mine, &plan.renamed);
                rename(&mut now, &plan.renamed);
                let theirs = a.saver.synced.base.clone();
                let mut rebased = merge(&mine, &now, &theirs);
                rebased.renamed = plan.renamed;
                take_in(&mut a, rebased);
            }
            if let Some(focused) = focused {
                focused.restore();
            }
            settle_journal(&mut a);
            show(&a);
        }
        // Nothing was written (the app was busy); try again below.
        (Ok(()), None) => a.saver.dirty = true,
        (Err(_), _) => {
            a.saver.notice = Notice::Failed;
            show(&a);
            mark(&a, "failed");
            if !a.saver.dirty {
                return;
            }
        }
    }
    if a.saver.heard > a.saver.synced.revision {
        drop(a);
        return fetch(app);
    }
    save(&mut a);
}

/// Gives vendors their new ids from a merge.
fn rename(workspace: &mut Workspace, renamed: &[(String, String)]) {
    for (old, new) in renamed {
        if let Some(vendor) = workspace.vendor_mut(old) {
            vendor.id = new.clone();
        }
    }
}

/// Notes another tab's save, and takes it in unless a write of this tab will.
fn hear(app: &Rc<RefCell<App>>, revision: u64) {
    let mut a = app.borrow_mut();
    a.saver.heard = a.saver.heard.max(revision);
    if a.saver.writing || revision <= a.saver.synced.revision {
        return;
    }
    drop(a);
    fetch(app)
}

/// Reads the saved workspace and merges another tab's newer save into this tab's work.
fn fetch(app: &Rc<RefCell<App>>) {
    let Some(store) = app.borrow().saver.store.clone() else {
        return;
    };
    let me = Rc::downgrade(app);
    store.read(
        Key::Workspace,
        Box::new(move |result| {
            let (Some(app), Ok(Some(found))) = (me.upgrade(), result) else {
                return;
            };
            let newer = {
                let a = app.borrow();
                // A write in flight merges it itself.
                !a.saver.writing && found.revision > a.saver.synced.revision
            };
            if !newer {
                return;
            }
            let focused = Focused::leave();
            {
                let mut a = app.borrow_mut();
                let mine = a.model.workspace.clone();
                let a = &mut *a;
                if let Some(merged) = store::absorb(&a.base, &mut a.saver.synced, &mine, &found) {
                    take_in(a, merged);
                }
                focused.restore();
            }
            // Restoring focus fired events while the app was held; they wait for this.
            crate::events::drain(&app);
        }),
    );
}

/// Shows a merged workspace, keeping the selected vendor; saves it if it holds edits the
/// store lacks. Callers keep focus with [`Focused`].
fn take_in(a: &mut App, merged: Merged) {
    if merged.workspace == a.model.workspace {
        return save(a);
    }
    let selected = a.model.selected.clone().map(|id| {
        merged
            .renamed
            .iter()
            .find(|(old, _)| *old == id)
            .map_or(id, |(_, new)| new.clone())
    });
    a.model.workspace = merged.workspace;
    a.model.selected = selected
        .filter(|id| a.model.workspace.vendor(id).is_some())
        .or_else(|| a.model.workspace.vendors.first().map(|v| v.id.clone()));
    a.model.confirming_removal &= a.model.vendor().is_some();
    a.refresh(Change::Vendors);
}

/// The focused control and its caret, to put back after a re-render.
struct Focused {
    id: String,
    caret: Option<(u32, u32)>,
}

impl Focused {
    /// Remembers the focused control, then takes focus away from it. Re-rendering removes it,
    /// and the browser would then fire its pending `change` event while the app is borrowed;
    /// blurring first fires it now, when the app is free to handle it.
    fn leave() -> Focused {
        let focused = Focused::remember();
        if let Some(element) = dom::document()
            .active_element()
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            element.blur().ok();
        }
        focused
    }

    fn remember() -> Focused {
        let active = dom::document().active_element();
        let id = active.as_ref().map(Element::id).unwrap_or_default();
        // Only text fields have a caret; elsewhere the properties are null or missing.
        let caret = active.and_then(|e| {
            let at = |name| dom::prop(&e, name).as_f64().map(|at| at as u32);
            Some((at("selectionStart")?, at("selectionEnd")?))
        });
        Focused { id, caret }
    }

    fn restore(self) {
        let Some(element) = find(&self.id).filter(|_| !self.id.is_empty()) else {
            return;
        };
        focus(&element);
        let Some((start, end)) = self.caret else {
            return;
        };
        let _ = dom::call2(&element, "setSelectionRange", &start.into(), &end.into());
    }
}

//! Where the buyer's work is kept between visits, and the pure rules for keeping it safe. It
//! owns the asynchronous [`Store`] trait (a few records read and written in one transaction,
//! implemented over IndexedDB by `idb`), the record format (the core's compact form of the
//! workspace, `checklist_core::saved`, with a revision number), and every decision about saving: moving old `localStorage` data over,
//! keeping unreadable data as a backup before anything overwrites it, and merging another
//! tab's newer save into this tab's work instead of overwriting it (the merge itself is
//! `merge`'s). The decisions take and return plain values, so they are tested natively with
//! an in-memory store; the saved form belongs to `checklist_core::saved`, and the DOM
//! and the browser's storage to `saving` and `idb`.

use checklist_core::answers::Workspace;
use checklist_core::definition::Definition;
use checklist_core::saved::{self, SavedError};

use crate::merge::{merge, Merged};

mod backup;
pub use backup::{BackupAction, BackupOutcome};

/// The `localStorage` key earlier versions saved the workspace under.
pub const LEGACY_KEY: &str = "cc-vendor-checklist/v1";
/// The `localStorage` key earlier versions moved unreadable data to.
pub const LEGACY_BACKUP_KEY: &str = "cc-vendor-checklist/v1/unreadable-backup";

/// The `localStorage` key of the journal: work not yet committed when a tab was left.
pub const JOURNAL_KEY: &str = "cc-vendor-checklist/unsaved";

/// The `localStorage` key of the view the buyer chose (`grid` or `cards`): a preference of
/// this browser, not part of the work, so it is neither exported nor merged between tabs.
pub const VIEW_KEY: &str = "cc-vendor-checklist/view";

/// A record of the store.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    /// The saved workspace.
    Workspace,
    /// Saved data that could not be read, kept until the buyer restores or deletes it.
    Backup,
    /// A vendor's response being written in response mode; never read or written by the
    /// buyer's workspace, so the two never mix.
    ResponseDraft,
    /// The questionnaire file a vendor opened in response mode (the buyer's own questions),
    /// kept so the questions are there again on the next visit; like the draft, never read
    /// or written by the buyer's workspace.
    Questionnaire,
}

impl Key {
    /// Returns the record's key in the database.
    pub fn name(self) -> &'static str {
        match self {
            Key::Workspace => "workspace",
            Key::Backup => "unreadable-backup",
            Key::ResponseDraft => "vendor-response-draft",
            Key::Questionnaire => "vendor-questionnaire",
        }
    }
}

/// A saved record: the workspace in the compact form (`checklist_core::saved`; JSON from
/// earlier versions of the page until it is saved again) and the revision that wrote it
/// (each save adds one).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Saved {
    /// Counts the saves of every tab, so a tab sees when another saved after it loaded.
    pub revision: u64,
    /// The workspace in the compact form (or, in a backup, whatever could not be read).
    pub text: String,
}

/// The store could not read or write (full, disabled or failed); the page says so in plain
/// words, which need no more detail.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StoreError;

/// A write of one transaction: a record to put, or `None` to delete it.
pub type Write = (Key, Option<Saved>);
/// Called once with the outcome of an operation.
pub type Done<T> = Box<dyn FnOnce(Result<T, StoreError>)>;
/// Decides a transaction's writes from the record it read.
pub type Decide = Box<dyn FnOnce(Option<Saved>) -> Vec<Write>>;

/// An asynchronous record store, such as IndexedDB; outcomes come back through callbacks,
/// which a browser store calls from a later task, never from inside the call that started
/// the operation (callers may hold the app meanwhile).
pub trait Store {
    /// Reads the record under `key`.
    fn read(&self, key: Key, done: Done<Option<Saved>>);
    /// In one transaction: reads the record under `key`, makes the writes `now` at once (so
    /// they are on their way even if the page closes before the read returns), then lets
    /// `decide` choose further writes from the record read (before `now`) and commits them.
    /// All writes happen or none, and no other write comes between.
    fn update(&self, key: Key, now: Vec<Write>, decide: Decide, done: Done<()>);
}

/// What earlier versions left in `localStorage`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Legacy {
    /// The saved workspace.
    pub workspace: Option<String>,
    /// Unreadable data kept by the earlier version.
    pub backup: Option<String>,
}

/// Decides the writes that move legacy data into an empty store; an existing record wins.
pub fn migrate(found: Option<&Saved>, legacy: &Legacy) -> Vec<Write> {
    if found.is_some() {
        return Vec::new();
    }
    let keep = |key, text: &Option<String>, revision| {
        text.clone()
            .map(|text| (key, Some(Saved { revision, text })))
    };
    [
        keep(Key::Workspace, &legacy.workspace, 1),
        keep(Key::Backup, &legacy.backup, 0),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// Writes the journal of a tab being left: the revision its work is based on, and the work.
/// IndexedDB drops a transaction that is still running when the page goes, and only a
/// synchronous store is sure to keep the last edit.
pub fn journal(revision: u64, text: &str) -> String {
    format!("{revision}\n{text}")
}

/// Reads a journal left by a tab: the work to show instead of `record`, unless the record
/// already holds it. A journal wins over a record written after its base: that is most often
/// the tab's own write that was still running; another tab's save in the same milliseconds
/// would lose the fields both changed.
pub fn recover(record: Option<&Saved>, journal: &str) -> Option<String> {
    let (base, text) = journal.split_once('\n')?;
    base.parse::<u64>().ok()?;
    (record.map(|r| r.text.as_str()) != Some(text)).then(|| text.to_owned())
}

/// What was found in the store when the page opened.
#[derive(Debug)]
pub enum Restored {
    /// Nothing was saved yet.
    Empty,
    /// Saved work.
    Loaded(Workspace),
    /// Saved data this page does not read itself (see [`restore`]); unless the on-demand
    /// module reads it, it must be backed up before anything is saved.
    Unreadable(SavedError),
}

/// Reads a saved record written against `def` (`saved::read_own`). A record this refuses
/// (saved with another version of the checklist, JSON of an earlier version of the page, or
/// damaged) is read again with every check of an import by the on-demand module before the
/// page starts (`ondemand::upgrade`), and is unreadable only if that fails too.
pub fn restore(def: &Definition, record: Option<&Saved>) -> Restored {
    match record.map(|r| saved::read_own(def, &r.text)) {
        None => Restored::Empty,
        Some(Ok(workspace)) => Restored::Loaded(workspace),
        Some(Err(error)) => Restored::Unreadable(error),
    }
}

/// Decides the writes that keep an unreadable record as the backup.
pub fn back_up(unreadable: Saved) -> Vec<Write> {
    vec![(Key::Backup, Some(unreadable))]
}

/// What this tab last loaded or wrote: the revision, and the base of its next merge.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Synced {
    /// Revision of the record this tab last read or wrote.
    pub revision: u64,
    /// The workspace of that record.
    pub base: Workspace,
}

/// What a save writes, and what this tab knows once it is committed.
#[derive(Debug)]
pub struct SavePlan {
    /// The transaction's writes.
    pub writes: Vec<Write>,
    /// The saved state after the commit.
    pub synced: Synced,
    /// Vendors of this tab that got new ids in a merge with another tab's save.
    pub renamed: Vec<(String, String)>,
}

/// Decides a save of `mine`, given the record found inside the write transaction: when
/// another tab saved since `synced`, its work is merged in instead of overwritten, and data
/// that cannot be read is moved to the backup first. Without a record found, it plans as
/// if the record were the one this tab knows (the provisional write made before the read).
/// `drop_backup` deletes the backup in the same transaction (after it was restored into
/// `mine`).
pub fn plan_save(
    def: &Definition,
    synced: &Synced,
    mine: &Workspace,
    found: Option<Saved>,
    drop_backup: bool,
) -> SavePlan {
    let revision = found.as_ref().map_or(synced.revision, |f| f.revision);
    let mut writes = Vec::new();
    let mut merged = Merged {
        workspace: mine.clone(),
        renamed: Vec::new(),
    };
    if let Some(found) = found.filter(|f| f.revision != synced.revision) {
        // Another tab of this page wrote it against the same checklist; a tab of another
        // version of the page (open since before the guide changed the checklist) wrote
        // something this tab does not merge, and it is kept as the backup instead.
        match saved::read_own(def, &found.text) {
            Ok(theirs) => merged = merge(&synced.base, mine, &theirs),
            Err(_) => writes.extend(back_up(found)),
        }
    }
    if drop_backup {
        writes.push((Key::Backup, None));
    }
    let saved = Saved {
        revision: revision + 1,
        text: saved::write(def, &merged.workspace),
    };
    writes.push((Key::Workspace, Some(saved)));
    SavePlan {
        writes,
        synced: Synced {
            revision: revision + 1,
            base: merged.workspace,
        },
        renamed: merged.renamed,
    }
}

/// Tells whether `found` is the record this tab last loaded or wrote, so a save can go
/// ahead without merging.
pub fn is_current(synced: &Synced, found: Option<&Saved>) -> bool {
    found.map_or(0, |f| f.revision) == synced.revision
}

/// Takes another tab's newer save: returns this tab's work merged with it and moves
/// `synced` to it, or `None` when it is not newer or cannot be read (the next save then
/// deals with it).
pub fn absorb(
    def: &Definition,
    synced: &mut Synced,
    mine: &Workspace,
    found: &Saved,
) -> Option<Merged> {
    if found.revision <= synced.revision {
        return None;
    }
    let theirs = saved::read_own(def, &found.text).ok()?;
    let merged = merge(&synced.base, mine, &theirs);
    *synced = Synced {
        revision: found.revision,
        base: theirs,
    };
    Some(merged)
}

#[cfg(test)]
mod tests {
    use super::*;
    use checklist_core::answers::{Answer, AnswerValue, Vendor};
    use checklist_core::definition::Verbal;
    use std::cell::{Cell, RefCell};
    use std::collections::BTreeMap;
    use std::rc::Rc;

    /// A store in memory that answers at once, and can be told to refuse writes.
    #[derive(Default)]
    struct MemoryStore {
        records: RefCell<BTreeMap<&'static str, Saved>>,
        full: Cell<bool>,
    }

    impl Store for MemoryStore {
        fn read(&self, key: Key, done: Done<Option<Saved>>) {
            done(Ok(self.records.borrow().get(key.name()).cloned()))
        }

        fn update(&self, key: Key, now: Vec<Write>, decide: Decide, done: Done<()>) {
            let mut writes = now;
            writes.extend(decide(self.records.borrow().get(key.name()).cloned()));
            if self.full.get() {
                return done(Err(StoreError));
            }
            let mut records = self.records.borrow_mut();
            for (key, value) in writes {
                match value {
                    Some(value) => records.insert(key.name(), value),
                    None => records.remove(key.name()),
                };
            }
            done(Ok(()))
        }
    }

    impl MemoryStore {
        fn get(&self, key: Key) -> Option<Saved> {
            self.records.borrow().get(key.name()).cloned()
        }
    }

    fn definition() -> Rc<Definition> {
        Rc::new(
            checklist_core::parse_definition(include_str!("../../content/checklist.toml")).unwrap(),
        )
    }

    /// One tab: what it shows and what it last saved or loaded.
    #[derive(Default)]
    struct Tab {
        work: Workspace,
        synced: Synced,
    }

    impl Tab {
        /// Loads the saved workspace as a page does when it opens.
        fn open(def: &Definition, store: &MemoryStore) -> Tab {
            let saved = store.get(Key::Workspace);
            let work = match restore(def, saved.as_ref()) {
                Restored::Loaded(workspace) => workspace,
                other => panic!("expected saved work, got {other:?}"),
            };
            let revision = saved.map_or(0, |s| s.revision);
            Tab {
                synced: Synced {
                    revision,
                    base: work.clone(),
                },
                work,
            }
        }

        /// Saves as the page does: plan inside the transaction, take the merge once committed.
        fn save(&mut self, def: &Rc<Definition>, store: &MemoryStore) -> Result<(), StoreError> {
            // As the page does: write at once as if nothing changed since, and merge only
            // when the record read shows another tab's save.
            let provisional = plan_save(def, &self.synced, &self.work, None, false);
            let now = provisional.writes.clone();
            let plan = Rc::new(RefCell::new(Some(provisional)));
            let (def2, synced, mine, slot) = (
                Rc::clone(def),
                self.synced.clone(),
                self.work.clone(),
                Rc::clone(&plan),
            );
            let outcome = Rc::new(RefCell::new(None));
            let out = Rc::clone(&outcome);
            store.update(
                Key::Workspace,
                now,
                Box::new(move |found| {
                    if is_current(&synced, found.as_ref()) {
                        return Vec::new();
                    }
                    let p = plan_save(&def2, &synced, &mine, found, false);
                    let writes = p.writes.clone();
                    *slot.borrow_mut() = Some(p);
                    writes
                }),
                Box::new(move |result| *out.borrow_mut() = Some(result)),
            );
            let result = outcome
                .borrow_mut()
                .take()
                .expect("the memory store answers at once");
            if result.is_ok() {
                let plan = plan.borrow_mut().take().unwrap();
                self.work = plan.synced.base.clone();
                self.synced = plan.synced;
            }
            result
        }
    }

    fn vendor(id: &str, name: &str) -> Vendor {
        Vendor::new(id, name)
    }

    /// Adds a "don't know" answer (which every kind of question accepts) with a note.
    fn with_note(mut vendor: Vendor, question: &str, note: &str) -> Vendor {
        let mut answer = Answer::new(AnswerValue::Verbal(Verbal::Unknown));
        answer.note = note.to_owned();
        vendor.answers.insert(question.to_owned(), answer);
        vendor
    }

    #[test]
    fn saved_work_is_restored_exactly() {
        let def = definition();
        let store = MemoryStore::default();
        let mut tab = Tab::default();
        tab.work
            .vendors
            .push(with_note(vendor("v1", "Acme"), "cert.scope", "EU only"));
        tab.save(&def, &store).unwrap();
        let reopened = Tab::open(&def, &store);
        assert_eq!(reopened.work, tab.work);
        assert_eq!(reopened.synced.revision, 1);
    }

    #[test]
    fn data_loss_at_1_mib_nine_vendors_with_full_notes_load_again() {
        let def = definition();
        let store = MemoryStore::default();
        let note = "x".repeat(checklist_core::exchange::MAX_NOTE_CHARS);
        let mut tab = Tab::default();
        for n in 1..=9 {
            let mut v = vendor(&format!("v{n}"), &format!("Vendor {n}"));
            for q in def.questions.iter().take(12) {
                v = with_note(v, &q.id, &note);
            }
            tab.work.vendors.push(v);
        }
        tab.save(&def, &store).unwrap();
        assert!(store.get(Key::Workspace).unwrap().text.len() > 1024 * 1024);
        assert_eq!(Tab::open(&def, &store).work, tab.work);
    }

    #[test]
    fn a_failed_write_keeps_the_last_good_state() {
        let def = definition();
        let store = MemoryStore::default();
        let mut tab = Tab::default();
        tab.work.vendors.push(vendor("v1", "Saved"));
        tab.save(&def, &store).unwrap();
        let good = store.get(Key::Workspace);
        tab.work.vendors.push(vendor("v2", "Not saved"));
        store.full.set(true);
        assert_eq!(tab.save(&def, &store), Err(StoreError));
        assert_eq!(store.get(Key::Workspace), good);
        // The tab keeps its work and saves it once there is room again.
        assert_eq!(tab.work.vendors.len(), 2);
        store.full.set(false);
        tab.save(&def, &store).unwrap();
        assert_eq!(Tab::open(&def, &store).work.vendors.len(), 2);
    }

    #[test]
    fn two_tabs_overwrite_each_other_no_more() {
        let def = definition();
        let store = MemoryStore::default();
        let mut first = Tab::default();
        first.work.vendors.push(vendor("v1", "Acme"));
        first.save(&def, &store).unwrap();
        let mut a = Tab::open(&def, &store);
        let mut b = Tab::open(&def, &store);
        // Tab A adds a vendor; tab B, which has not seen it, then changes an answer.
        a.work.vendors.push(vendor("v2", "Added in A"));
        a.save(&def, &store).unwrap();
        b.work.vendors[0] = with_note(b.work.vendors[0].clone(), "cert.scope", "from B");
        b.save(&def, &store).unwrap();
        let expected = vec![
            with_note(vendor("v1", "Acme"), "cert.scope", "from B"),
            vendor("v2", "Added in A"),
        ];
        assert_eq!(Tab::open(&def, &store).work.vendors, expected);
        assert_eq!(b.work.vendors, expected, "tab B shows A's vendor too");
        // Tab A hears of B's save and takes it in, keeping its own unsaved edit.
        a.work.vendors[1].name = "Renamed in A".into();
        let merged = absorb(
            &def,
            &mut a.synced,
            &a.work,
            &store.get(Key::Workspace).unwrap(),
        );
        let merged = merged.expect("B's save is newer");
        assert_eq!(merged.workspace.vendors[0], expected[0]);
        assert_eq!(merged.workspace.vendors[1].name, "Renamed in A");
        // An old notice changes nothing.
        let stale = Saved {
            revision: 1,
            text: String::new(),
        };
        assert!(absorb(&def, &mut a.synced, &a.work, &stale).is_none());
    }

    #[test]
    fn unreadable_data_is_backed_up_before_it_is_overwritten() {
        let def = definition();
        let store = MemoryStore::default();
        let bad = Saved {
            revision: 4,
            text: "{not json".into(),
        };
        store
            .records
            .borrow_mut()
            .insert(Key::Workspace.name(), bad.clone());
        assert!(matches!(
            restore(&def, store.get(Key::Workspace).as_ref()),
            Restored::Unreadable(SavedError::NotCompact)
        ));
        store.update(
            Key::Workspace,
            back_up(bad),
            Box::new(|_| Vec::new()),
            Box::new(|r| r.unwrap()),
        );
        assert_eq!(store.get(Key::Backup).unwrap().text, "{not json");
        // A tab that loaded the data before it went bad still backs it up when it saves.
        let mut tab = Tab::default();
        tab.work.vendors.push(vendor("v1", "Acme"));
        store.records.borrow_mut().remove(Key::Backup.name());
        tab.save(&def, &store).unwrap();
        assert_eq!(store.get(Key::Backup).unwrap().text, "{not json");
        assert_eq!(store.get(Key::Workspace).unwrap().revision, 5);
    }

    #[test]
    fn legacy_local_storage_data_moves_into_an_empty_store_only() {
        let legacy = Legacy {
            workspace: Some("{\"old\":1}".into()),
            backup: Some("broken".into()),
        };
        assert_eq!(
            migrate(None, &legacy),
            [
                (
                    Key::Workspace,
                    Some(Saved {
                        revision: 1,
                        text: "{\"old\":1}".into()
                    })
                ),
                (
                    Key::Backup,
                    Some(Saved {
                        revision: 0,
                        text: "broken".into()
                    })
                ),
            ]
        );
        let existing = Saved {
            revision: 7,
            text: "{}".into(),
        };
        assert_eq!(migrate(Some(&existing), &legacy), []);
        assert_eq!(migrate(None, &Legacy::default()), []);
    }

    #[test]
    fn a_journal_left_by_a_closing_tab_wins_unless_it_was_saved() {
        let saved = Saved {
            revision: 3,
            text: "{\"old\":1}".into(),
        };
        let cases = [
            (journal(3, "{\"new\":1}"), Some("{\"new\":1}")),
            (journal(2, "{\"new\":1}"), Some("{\"new\":1}")),
            (journal(2, "{\"old\":1}"), None),
            ("no revision".to_owned(), None),
            ("x\n{}".to_owned(), None),
        ];
        for (written, expected) in cases {
            assert_eq!(
                recover(Some(&saved), &written).as_deref(),
                expected,
                "{written}"
            );
        }
        assert_eq!(recover(None, &journal(0, "{}")).as_deref(), Some("{}"));
    }

    #[test]
    fn an_empty_store_starts_empty() {
        assert!(matches!(restore(&definition(), None), Restored::Empty));
    }
}

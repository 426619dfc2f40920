//! Where the buyer's work is kept between visits: a small key-value trait, its
//! `localStorage` implementation, and the pure rules for saving and restoring (a versioned
//! key shared by every language, and a backup of anything that cannot be read, so nothing
//! is destroyed). What is stored is the core's export JSON; its format belongs to
//! `checklist_core::exchange`.

use checklist_core::answers::Workspace;
use checklist_core::definition::Definition;
use checklist_core::exchange::{self, ImportError, ImportReport};

/// The key the workspace is saved under; the version changes when the stored format does.
pub const KEY: &str = "cc-vendor-checklist/v1";
/// The key unreadable saved data is moved to before the page starts afresh.
pub const BACKUP_KEY: &str = "cc-vendor-checklist/v1/unreadable-backup";

/// A string key-value store, such as the browser's `localStorage`.
pub trait Store {
    /// Returns the value under `key`, if any.
    fn get(&self, key: &str) -> Option<String>;
    /// Stores `value` under `key`; returns false when the store refused (full or disabled).
    fn set(&self, key: &str, value: &str) -> bool;
}

/// What was found in the store when the page opened.
#[derive(Debug)]
pub enum Restored {
    /// Nothing was saved yet.
    Empty,
    /// Saved work, with the import report (orphaned answers are worth telling).
    Loaded(ImportReport),
    /// Saved data that could not be read; it was copied to [`BACKUP_KEY`].
    Unreadable(ImportError),
}

/// Reads the saved workspace, moving unreadable data to the backup key.
pub fn restore(store: &dyn Store, def: &Definition) -> Restored {
    let Some(text) = store.get(KEY) else {
        return Restored::Empty;
    };
    match exchange::import_json(def, &text) {
        Ok(report) => Restored::Loaded(report),
        Err(error) => {
            store.set(BACKUP_KEY, &text);
            Restored::Unreadable(error)
        }
    }
}

/// Saves the workspace as export JSON; returns false when the store refused.
pub fn save(store: &dyn Store, def: &Definition, workspace: &Workspace) -> bool {
    store.set(KEY, &exchange::export_json(def, workspace))
}

/// The browser's `localStorage`; a browser that disables it behaves like a full store.
pub struct LocalStore(pub Option<web_sys::Storage>);

impl LocalStore {
    /// Opens the window's `localStorage`, if the browser allows it.
    pub fn open() -> LocalStore {
        LocalStore(web_sys::window().and_then(|w| w.local_storage().ok().flatten()))
    }
}

impl Store for LocalStore {
    fn get(&self, key: &str) -> Option<String> {
        self.0.as_ref()?.get_item(key).ok().flatten()
    }

    fn set(&self, key: &str, value: &str) -> bool {
        self.0
            .as_ref()
            .is_some_and(|s| s.set_item(key, value).is_ok())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use checklist_core::answers::Vendor;
    use std::cell::RefCell;
    use std::collections::BTreeMap;

    #[derive(Default)]
    struct MemoryStore(RefCell<BTreeMap<String, String>>);

    impl Store for MemoryStore {
        fn get(&self, key: &str) -> Option<String> {
            self.0.borrow().get(key).cloned()
        }
        fn set(&self, key: &str, value: &str) -> bool {
            self.0.borrow_mut().insert(key.to_owned(), value.to_owned());
            true
        }
    }

    fn definition() -> Definition {
        checklist_core::parse_definition(include_str!("../../content/checklist.toml")).unwrap()
    }

    #[test]
    fn saved_work_is_restored_exactly() {
        let def = definition();
        let store = MemoryStore::default();
        let workspace = Workspace {
            vendors: vec![Vendor::new("v1", "Acme")],
        };
        assert!(save(&store, &def, &workspace));
        match restore(&store, &def) {
            Restored::Loaded(report) => assert_eq!(report.workspace, workspace),
            other => panic!("expected saved work, got {other:?}"),
        }
    }

    #[test]
    fn unreadable_data_is_kept_under_the_backup_key() {
        let def = definition();
        let store = MemoryStore::default();
        store.set(KEY, "{not json");
        assert!(matches!(
            restore(&store, &def),
            Restored::Unreadable(ImportError::Malformed(_))
        ));
        assert_eq!(store.get(BACKUP_KEY).as_deref(), Some("{not json"));
    }

    #[test]
    fn an_empty_store_starts_empty() {
        assert!(matches!(
            restore(&MemoryStore::default(), &definition()),
            Restored::Empty
        ));
    }
}

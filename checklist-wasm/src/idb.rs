//! The browser's IndexedDB as a [`Store`]: one database with one object store whose records
//! are `{revision, text}` objects under the names of [`Key`]. It only moves records in and out
//! and tells whether that worked; what to write is decided by `store`. Every callback goes
//! through [`callback`], one boxed closure type made into a JavaScript function once (each
//! closure type costs its own glue, and the bundle has a size budget); each is set as both
//! the success and the failure handler of a request or transaction, so exactly one of them
//! runs and every closure is freed after its call.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Event, IdbDatabase, IdbObjectStore, IdbRequest, IdbTransactionMode};

use crate::store::{Decide, Done, Key, Saved, Store, StoreError, Write};

/// Name of the database.
const DATABASE: &str = "cc-vendor-checklist";
/// Name of the object store; its version changes only with the database's layout.
const RECORDS: &str = "records";

/// An open IndexedDB database (a handle: clones share it).
#[derive(Clone)]
pub struct IdbStore(IdbDatabase);

/// A callback for the browser: called once with an event (or nothing, from a timer).
type Callback = Box<dyn FnOnce(JsValue)>;

/// Makes a JavaScript function of a callback; it is freed after its one call.
fn callback(f: impl FnOnce(JsValue) + 'static) -> js_sys::Function {
    Closure::once_into_js(Box::new(f) as Callback).unchecked_into()
}

/// Tells whether an event is a success (`success`, `complete`).
fn succeeded(event: &JsValue) -> bool {
    let kind = event.unchecked_ref::<Event>().type_();
    kind == "success" || kind == "complete"
}

/// Opens the database, creating it on the first visit; `done` gets the store, or an error
/// when storage is unavailable (disabled, or a private window that refuses it).
pub fn open(done: impl FnOnce(Result<IdbStore, StoreError>) + 'static) {
    let request = match web_sys::window().map(|w| w.indexed_db()) {
        Some(Ok(Some(factory))) => factory.open_with_u32(DATABASE, 1),
        _ => return done(Err(StoreError)),
    };
    let Ok(request) = request else {
        return done(Err(StoreError));
    };
    let opened = request.clone();
    // Version 1 is the first: there is no older layout to convert.
    request.set_onupgradeneeded(Some(&callback(move |_| {
        if let Ok(db) = opened.result().map(IdbDatabase::unchecked_from_js) {
            let _ = db.create_object_store(RECORDS);
        }
    })));
    let opened = request.clone();
    let settle = callback(move |event| match opened.result() {
        Ok(db) if succeeded(&event) => done(Ok(IdbStore(db.unchecked_into()))),
        _ => done(Err(StoreError)),
    });
    request.set_onsuccess(Some(&settle));
    request.set_onerror(Some(&settle));
}

/// Calls `done` from a task of its own, never from inside `read` or `update`: the caller may
/// be holding the app while it starts an operation.
fn later(done: impl FnOnce() + 'static) {
    if let Some(window) = web_sys::window() {
        // The same `setTimeout` binding as the app's own timer: one import for both.
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&callback(move |_| done()), 0);
    }
}

/// Turns a stored value into a record; anything else reads as no record.
fn to_saved(value: JsValue) -> Option<Saved> {
    let field = |name: &str| js_sys::Reflect::get(&value, &name.into()).ok();
    Some(Saved {
        revision: field("revision")?.as_f64()? as u64,
        text: field("text")?.as_string()?,
    })
}

/// Makes writes in a transaction's object store.
fn put_all(records: &IdbObjectStore, writes: Vec<Write>) -> Result<(), JsValue> {
    for (key, value) in writes {
        let key = JsValue::from_str(key.name());
        match value {
            Some(saved) => {
                let object = js_sys::Object::new();
                js_sys::Reflect::set(&object, &"revision".into(), &(saved.revision as f64).into())?;
                js_sys::Reflect::set(&object, &"text".into(), &saved.text.into())?;
                records.put_with_key(&object, &key)?
            }
            None => records.delete(&key)?,
        };
    }
    Ok(())
}

impl IdbStore {
    /// Starts a transaction on the records and gets `key` in it.
    fn get(&self, key: Key, mode: IdbTransactionMode) -> Result<IdbRequest, JsValue> {
        let transaction = self.0.transaction_with_str_and_mode(RECORDS, mode)?;
        transaction.object_store(RECORDS)?.get(&key.name().into())
    }
}

impl Store for IdbStore {
    fn read(&self, key: Key, done: Done<Option<Saved>>) {
        let Ok(request) = self.get(key, IdbTransactionMode::Readonly) else {
            return later(move || done(Err(StoreError)));
        };
        let answered = request.clone();
        let settle = callback(move |event| match answered.result() {
            Ok(value) if succeeded(&event) => done(Ok(to_saved(value))),
            _ => done(Err(StoreError)),
        });
        request.set_onsuccess(Some(&settle));
        request.set_onerror(Some(&settle));
    }

    fn update(&self, key: Key, now: Vec<Write>, decide: Decide, done: Done<()>) {
        let request = self.get(key, IdbTransactionMode::Readwrite);
        let Some(transaction) = request.as_ref().ok().and_then(IdbRequest::transaction) else {
            return later(move || done(Err(StoreError)));
        };
        let settle = callback(move |event| {
            done(if succeeded(&event) {
                Ok(())
            } else {
                Err(StoreError)
            })
        });
        transaction.set_oncomplete(Some(&settle));
        transaction.set_onabort(Some(&settle));
        let records = transaction.object_store(RECORDS);
        // A write refused (e.g. quota) must not leave the others committed; the abort event
        // reports it.
        if records.and_then(|records| put_all(&records, now)).is_err() {
            let _ = transaction.abort();
            return;
        }
        let Ok(request) = request else { return };
        let answered = request.clone();
        // Runs while the transaction is still active, so the writes join it.
        request.set_onsuccess(Some(&callback(move |_| {
            let found = answered.result().ok().and_then(to_saved);
            let writes = decide(found);
            if let Some(transaction) = answered.transaction() {
                let records = transaction.object_store(RECORDS);
                if records.and_then(|records| put_all(&records, writes)).is_err() {
                    let _ = transaction.abort();
                }
            }
        })));
    }
}

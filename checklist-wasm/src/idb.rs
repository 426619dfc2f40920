//! The browser's IndexedDB as a [`Store`]: one database with one object store whose records
//! are `{revision, text}` objects under the names of [`Key`]. It only moves records in and out
//! and tells whether that worked; what to write is decided by `store`. Every callback goes
//! through [`callback`], one boxed closure type made into a JavaScript function once (each
//! closure type costs its own glue, and the bundle has a size budget); each is set as both
//! the success and the failure handler of a request or transaction, so exactly one of them
//! runs and every closure is freed after its call.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Event, IdbDatabase, IdbObjectStore, IdbRequest, IdbTransaction, IdbTransactionMode};

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

/// Makes a JavaScript function of a callback; it is freed after its one call. The storage
/// panel gives the on-demand module one too, so it adds no closure type of its own.
pub(crate) fn callback(f: impl FnOnce(JsValue) + 'static) -> js_sys::Function {
    Closure::once_into_js(Box::new(f) as Callback).unchecked_into()
}

/// Sets `callback` as a request's or transaction's handler for each of `handlers` (e.g.
/// `onsuccess`). Set by property name, so all kinds of handler share one import.
fn on(target: &JsValue, handlers: &[&str], callback: &js_sys::Function) {
    for handler in handlers {
        let _ = js_sys::Reflect::set(target, &JsValue::from_str(handler), callback);
    }
}

/// Reads a request's result; an error while the request is still pending.
fn result(request: &JsValue) -> Result<JsValue, JsValue> {
    js_sys::Reflect::get(request, &JsValue::from_str("result"))
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
    let upgrade = callback(move |_| {
        if let Ok(db) = result(&opened).map(IdbDatabase::unchecked_from_js) {
            let _ = db.create_object_store(RECORDS);
        }
    });
    on(&request, &["onupgradeneeded"], &upgrade);
    let opened = request.clone();
    let settle = callback(move |event| match result(&opened) {
        Ok(db) if succeeded(&event) => done(Ok(IdbStore(db.unchecked_into()))),
        _ => done(Err(StoreError)),
    });
    on(&request, &["onsuccess", "onerror"], &settle);
}

/// Calls `done` from a task of its own, never from inside `read` or `update` (or whatever
/// else started it): the caller may be holding the app while it starts an operation.
pub(crate) fn later(done: impl FnOnce() + 'static) {
    if let Some(window) = web_sys::window() {
        // The same `setTimeout` binding as the app's own timer: one import for both.
        let _ = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(&callback(move |_| done()), 0);
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
    fn get(
        &self,
        key: Key,
        mode: IdbTransactionMode,
    ) -> Result<(IdbTransaction, IdbRequest), JsValue> {
        let transaction = self.0.transaction_with_str_and_mode(RECORDS, mode)?;
        let request = transaction.object_store(RECORDS)?.get(&key.name().into())?;
        Ok((transaction, request))
    }
}

impl Store for IdbStore {
    fn read(&self, key: Key, done: Done<Option<Saved>>) {
        let Ok((_, request)) = self.get(key, IdbTransactionMode::Readonly) else {
            return later(move || done(Err(StoreError)));
        };
        let answered = request.clone();
        let settle = callback(move |event| match result(&answered) {
            Ok(value) if succeeded(&event) => done(Ok(to_saved(value))),
            _ => done(Err(StoreError)),
        });
        on(&request, &["onsuccess", "onerror"], &settle);
    }

    fn update(&self, key: Key, now: Vec<Write>, decide: Decide, done: Done<()>) {
        let Ok((transaction, request)) = self.get(key, IdbTransactionMode::Readwrite) else {
            return later(move || done(Err(StoreError)));
        };
        let settle = callback(move |event| {
            done(if succeeded(&event) {
                Ok(())
            } else {
                Err(StoreError)
            })
        });
        on(&transaction, &["oncomplete", "onabort"], &settle);
        let records = transaction.object_store(RECORDS);
        // A write refused (e.g. quota) must not leave the others committed; the abort event
        // reports it.
        if records.and_then(|records| put_all(&records, now)).is_err() {
            let _ = transaction.abort();
            return;
        }
        let answered = request.clone();
        // Runs while the transaction is still active, so the writes join it.
        let found = callback(move |_| {
            let found = result(&answered).ok().and_then(to_saved);
            let writes = decide(found);
            let records = transaction.object_store(RECORDS);
            if records
                .and_then(|records| put_all(&records, writes))
                .is_err()
            {
                let _ = transaction.abort();
            }
        });
        on(&request, &["onsuccess"], &found);
    }
}

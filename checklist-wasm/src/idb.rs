//! The browser's IndexedDB as a [`Store`]: one database with one object store whose records
//! are `{revision, text}` objects under the names of [`Key`]. It only moves records in and out
//! and reports the browser's error names; what to write is decided by `store`. Callbacks are
//! plain `Closure`s made with `once_into_js`, one per request or transaction, each set as both
//! the success and the failure handler, so exactly one of them runs and every closure is
//! freed after its call.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Event, IdbDatabase, IdbRequest, IdbTransaction, IdbTransactionMode};

use crate::store::{Decide, Done, Key, Saved, Store, StoreError, Write};

/// Name of the database.
const DATABASE: &str = "cc-vendor-checklist";
/// Name of the object store; its version changes only with the database's layout.
const RECORDS: &str = "records";

/// An open IndexedDB database (a handle: clones share it).
#[derive(Clone)]
pub struct IdbStore(IdbDatabase);

/// Builds the error for a failed call, from its exception's name when it has one.
fn error_of(value: &JsValue) -> StoreError {
    let name = js_sys::Reflect::get(value, &"name".into())
        .ok()
        .and_then(|n| n.as_string());
    StoreError(name.unwrap_or_else(|| "UnknownError".into()))
}

/// Builds the error of a failed request or transaction, from the browser's error name.
fn failure(error: Option<web_sys::DomException>) -> StoreError {
    StoreError(error.map_or_else(|| "AbortError".into(), |e| e.name()))
}

/// Opens the database, creating it on the first visit; `done` gets the store or the reason
/// storage is unavailable (disabled, or a private window that refuses it).
pub fn open(done: impl FnOnce(Result<IdbStore, StoreError>) + 'static) {
    let factory = match web_sys::window().map(|w| w.indexed_db()) {
        Some(Ok(Some(factory))) => factory,
        Some(Err(error)) => return done(Err(error_of(&error))),
        _ => return done(Err(StoreError("IndexedDB is missing".into()))),
    };
    let request = match factory.open_with_u32(DATABASE, 1) {
        Ok(request) => request,
        Err(error) => return done(Err(error_of(&error))),
    };
    let upgrade = Closure::once_into_js(|event: Event| {
        let db = event
            .target()
            .and_then(|t| t.dyn_into::<IdbRequest>().ok())
            .and_then(|r| r.result().ok())
            .and_then(|r| r.dyn_into::<IdbDatabase>().ok());
        // Version 1 is the first: there is no older layout to convert.
        if let Some(db) = db {
            let _ = db.create_object_store(RECORDS);
        }
    });
    request.set_onupgradeneeded(Some(upgrade.unchecked_ref()));
    let opened = request.clone();
    let settle = Closure::once_into_js(move |event: Event| {
        if event.type_() != "success" {
            return done(Err(failure(opened.error().ok().flatten())));
        }
        match opened.result().map(|r| r.dyn_into::<IdbDatabase>()) {
            Ok(Ok(db)) => done(Ok(IdbStore(db))),
            _ => done(Err(StoreError("UnknownError".into()))),
        }
    });
    request.set_onsuccess(Some(settle.unchecked_ref()));
    request.set_onerror(Some(settle.unchecked_ref()));
}

/// Calls `done` from a task of its own, never from inside `read` or `update`: the caller may
/// be holding the app while it starts an operation.
fn later<T: 'static>(done: Done<T>, result: Result<T, StoreError>) {
    let call = Closure::once_into_js(move || done(result));
    if let Some(window) = web_sys::window() {
        let _ = window.set_timeout_with_callback(call.unchecked_ref());
    }
}

/// Turns a stored value into a record; anything else reads as no record.
fn to_saved(value: &JsValue) -> Option<Saved> {
    let field = |name: &str| js_sys::Reflect::get(value, &name.into()).ok();
    Some(Saved {
        revision: field("revision")?.as_f64()? as u64,
        text: field("text")?.as_string()?,
    })
}

/// Turns a record into the value stored.
fn from_saved(saved: &Saved) -> JsValue {
    let object = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&object, &"revision".into(), &(saved.revision as f64).into());
    let _ = js_sys::Reflect::set(&object, &"text".into(), &saved.text.as_str().into());
    object.into()
}

/// Makes writes in a transaction's object store.
fn put_all(records: &web_sys::IdbObjectStore, writes: Vec<Write>) -> Result<(), JsValue> {
    for (key, value) in writes {
        match value {
            Some(saved) => records.put_with_key(&from_saved(&saved), &key.name().into())?,
            None => records.delete(&key.name().into())?,
        };
    }
    Ok(())
}

impl IdbStore {
    /// Starts a transaction on the records and gets `key` in it.
    fn get(&self, key: Key, mode: IdbTransactionMode) -> Result<(IdbTransaction, IdbRequest), JsValue> {
        let transaction = self.0.transaction_with_str_and_mode(RECORDS, mode)?;
        let request = transaction.object_store(RECORDS)?.get(&key.name().into())?;
        Ok((transaction, request))
    }
}

impl Store for IdbStore {

    fn read(&self, key: Key, done: Done<Option<Saved>>) {
        let request = match self.get(key, IdbTransactionMode::Readonly) {
            Ok((_, request)) => request,
            Err(error) => return later(done, Err(error_of(&error))),
        };
        let answered = request.clone();
        let settle = Closure::once_into_js(move |event: Event| {
            if event.type_() != "success" {
                return done(Err(failure(answered.error().ok().flatten())));
            }
            done(Ok(answered.result().ok().as_ref().and_then(to_saved)))
        });
        request.set_onsuccess(Some(settle.unchecked_ref()));
        request.set_onerror(Some(settle.unchecked_ref()));
    }

    fn update(&self, key: Key, now: Vec<Write>, decide: Decide, done: Done<()>) {
        let (transaction, request) = match self.get(key, IdbTransactionMode::Readwrite) {
            Ok(started) => started,
            Err(error) => return later(done, Err(error_of(&error))),
        };
        let finished = transaction.clone();
        let settle = Closure::once_into_js(move |event: Event| {
            if event.type_() == "complete" {
                done(Ok(()))
            } else {
                done(Err(failure(finished.error())))
            }
        });
        transaction.set_oncomplete(Some(settle.unchecked_ref()));
        transaction.set_onabort(Some(settle.unchecked_ref()));
        let written = transaction
            .object_store(RECORDS)
            .and_then(|records| put_all(&records, now));
        if written.is_err() {
            // A write refused up front (e.g. quota) must not leave the others committed; the
            // abort event reports it.
            let _ = transaction.abort();
            return;
        }
        // Runs while the transaction is still active, so the writes join it.
        let answered = request.clone();
        let write = Closure::once_into_js(move |_: Event| {
            let found = answered.result().ok().as_ref().and_then(to_saved);
            let Some(transaction) = answered.transaction() else {
                return;
            };
            let written = transaction
                .object_store(RECORDS)
                .and_then(|records| put_all(&records, decide(found)));
            if written.is_err() {
                let _ = transaction.abort();
            }
        });
        request.set_onsuccess(Some(write.unchecked_ref()));
    }
}

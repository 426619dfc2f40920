//! The HTTP side of `generator serve`: answers requests from the last good build held in
//! memory, injects the live-reload script into HTML responses (so it never reaches a built
//! site), and keeps one server-sent event stream open per page to tell it that a rebuild
//! finished. `httparse` reads each request head; this module owns the connections, decodes
//! the path, picks the file and writes the answer.
//!
//! Every connection gets its own thread the moment it is accepted and keeps it until the
//! browser closes it or leaves it idle. A browser opens about six keep-alive connections per
//! page at once and holds them open, and every page holds an event stream that never ends:
//! a pool of worker threads that hands connections out (as `tiny_http` did) can leave one of
//! them waiting behind connections that stay open, and the page never finishes loading.//!
//! Reading a request head is `request`'s; picking and writing the answer `answer`'s; this
//! module holds the served build and the connections.

use std::collections::BTreeMap;
use std::io::{ErrorKind, Read};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use anyhow::{Context, Result};

mod answer;
pub mod request;
#[cfg(test)]
mod tests;

use answer::{route, stream_reloads, write_answer, write_text, Answer};
use request::{parse_head, Parsed};

/// The URL path, below the base path, of the injected reload script.
const RELOAD_SCRIPT: &str = "__live-reload.js";
/// The URL path, below the base path, of the reload event stream.
const RELOAD_EVENTS: &str = "__live-reload/events";
/// The reload script: it swaps the parts of a page the theme marks with `data-live-reload`.
const RELOAD_SCRIPT_SOURCE: &str = include_str!("../../../../theme/dev/live-reload.js");
/// How long an idle event stream waits before a comment line checks the page is still there.
const KEEP_ALIVE: Duration = Duration::from_secs(15);
/// How long a kept-alive connection may wait for its next request before it is closed.
const IDLE_CONNECTION: Duration = Duration::from_secs(60);

/// One successful build, held in memory.
#[derive(Debug, Default)]
pub struct Snapshot {
    /// Every output file by its path below the output folder.
    pub files: BTreeMap<String, Vec<u8>>,
    /// Counts the builds; open pages compare it with the build they were served from.
    pub version: u64,
    /// Whether the last change touched the theme or the config, which only a reload shows.
    pub needs_full_reload: bool,
    /// Counts the builds of the whole site, which replace every file.
    pub full_builds: u64,
}

/// The state shared by the rebuilding thread and the connections.
#[derive(Debug)]
pub struct Preview {
    snapshot: Mutex<Snapshot>,
    changed: Condvar,
    base_path: String,
}

impl Preview {
    /// Holds the first build of a site served under `base_path`.
    pub fn new(files: BTreeMap<String, Vec<u8>>, base_path: &str) -> Preview {
        Preview {
            snapshot: Mutex::new(Snapshot {
                files,
                ..Snapshot::default()
            }),
            changed: Condvar::new(),
            base_path: base_path.to_string(),
        }
    }

    /// Changes the served files under the lock, counts a new build and wakes every open page.
    pub fn publish(&self, update: impl FnOnce(&mut Snapshot)) {
        let mut snapshot = self.snapshot.lock().expect("lock is not poisoned");
        update(&mut snapshot);
        snapshot.version += 1;
        self.changed.notify_all();
    }

    /// Returns the paths of the files served now.
    #[cfg(test)]
    pub fn files_for_tests(&self) -> Vec<String> {
        let snapshot = self.snapshot.lock().expect("lock is not poisoned");
        snapshot.files.keys().cloned().collect()
    }

    /// Returns the number of whole-site builds served so far.
    pub fn full_builds(&self) -> u64 {
        self.snapshot
            .lock()
            .expect("lock is not poisoned")
            .full_builds
    }

    /// Serves a rebuilt search index without telling open pages (an index changes no page),
    /// unless a whole-site build after `full_build` has already served a newer one.
    pub fn publish_search_index(&self, files: Vec<crate::site::OutputFile>, full_build: u64) {
        let mut snapshot = self.snapshot.lock().expect("lock is not poisoned");
        if snapshot.full_builds == full_build {
            snapshot
                .files
                .extend(files.into_iter().map(|file| (file.path, file.bytes)));
        }
    }
}

/// Listens on `address` and serves every connection on a thread of its own, until the
/// process ends. Returns the address it listens on (the port is chosen when `address` asks
/// for port 0).
pub fn listen(address: SocketAddr, preview: Arc<Preview>) -> Result<SocketAddr> {
    let listener =
        TcpListener::bind(address).with_context(|| format!("cannot listen on {address}"))?;
    let bound = listener.local_addr()?;
    std::thread::Builder::new()
        .name("serve-accept".to_string())
        .spawn(move || {
            for connection in listener.incoming() {
                let Ok(connection) = connection else {
                    // Out of file descriptors, say: let open connections finish first.
                    std::thread::sleep(Duration::from_millis(50));
                    continue;
                };
                let preview = Arc::clone(&preview);
                // A connection that cannot get a thread is dropped, and the browser retries.
                let _ = std::thread::Builder::new()
                    .name("serve-connection".to_string())
                    .spawn(move || serve_connection(connection, &preview));
            }
        })
        .context("cannot start the server thread")?;
    Ok(bound)
}

/// Serves the requests of one connection, one after the other, until the browser closes it,
/// leaves it idle for [`IDLE_CONNECTION`], or asks for the event stream (which keeps it).
fn serve_connection(mut stream: TcpStream, preview: &Preview) {
    if stream.set_read_timeout(Some(IDLE_CONNECTION)).is_err() {
        return;
    }
    // Answers are written whole; waiting to fill a packet would only delay them.
    let _ = stream.set_nodelay(true);
    let mut received = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        let (head, length) = match parse_head(&received) {
            Parsed::Complete(head, length) => (head, length),
            Parsed::Partial => match stream.read(&mut chunk) {
                Ok(0) => return,
                Ok(count) => {
                    received.extend_from_slice(&chunk[..count]);
                    continue;
                }
                Err(error) if error.kind() == ErrorKind::Interrupted => continue,
                // Closed, reset, or idle for too long.
                Err(_) => return,
            },
            Parsed::Refused(status, message) => {
                let _ = write_text(&mut stream, status, message, false, false);
                return;
            }
        };
        received.drain(..length);
        let head_only = head.method == "HEAD";
        if !matches!(head.method.as_str(), "GET" | "HEAD") {
            // The body, if any, is never read, so the connection cannot carry another request.
            let _ = write_text(&mut stream, 405, "method not allowed", head_only, false);
            return;
        }
        if head.has_body {
            let _ = write_text(
                &mut stream,
                400,
                "a request body is not expected",
                false,
                false,
            );
            return;
        }
        let written = match route(preview, &head.target) {
            Answer::Events { build } if !head_only => {
                // The event stream ends only when the page goes away.
                let _ = stream_reloads(&mut stream, preview, build);
                return;
            }
            Answer::Events { .. } => write_answer(
                &mut stream,
                200,
                &[("Content-Type", "text/event-stream")],
                b"",
                true,
                false,
            ),
            Answer::File {
                status,
                content_type,
                body,
            } => write_answer(
                &mut stream,
                status,
                &[("Content-Type", content_type)],
                &body,
                head_only,
                head.keep_alive,
            ),
            Answer::Redirect(location) => write_answer(
                &mut stream,
                301,
                &[("Location", &location)],
                b"",
                head_only,
                head.keep_alive,
            ),
        };
        if written.is_err() || !head.keep_alive {
            return;
        }
    }
}

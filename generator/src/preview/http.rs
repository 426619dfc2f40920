//! The HTTP side of `generator serve`, on `tiny_http`: answers requests from the last good
//! build held in memory, injects the live-reload script into HTML responses (so it never
//! reaches a built site), and keeps one server-sent event stream open per page to tell it
//! that a rebuild finished. Parsing HTTP is left to `tiny_http`; this module decodes the path,
//! picks the file and writes the answer.

use std::collections::BTreeMap;
use std::io::Write;
use std::net::SocketAddr;
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use anyhow::{anyhow, Result};
use tiny_http::{Header, Method, Request, Response, Server};

use crate::hosting::SECURITY_HEADERS;

/// The URL path, below the base path, of the injected reload script.
const RELOAD_SCRIPT: &str = "__live-reload.js";
/// The URL path, below the base path, of the reload event stream.
const RELOAD_EVENTS: &str = "__live-reload/events";
/// The reload script: it swaps the parts of a page the theme marks with `data-live-reload`.
const RELOAD_SCRIPT_SOURCE: &str = include_str!("../../../theme/dev/live-reload.js");
/// How long an idle event stream waits before a comment line checks the page is still there.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// One successful build, held in memory.
#[derive(Debug, Default)]
pub struct Snapshot {
    /// Every output file by its path below the output folder.
    pub files: BTreeMap<String, Vec<u8>>,
    /// Counts the builds; open pages compare it with the build they were served from.
    pub version: u64,
    /// Whether the last change touched the theme or the config, which only a reload shows.
    pub needs_full_reload: bool,
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
}

/// Listens on `address` and answers every request on its own thread, until the process ends.
/// Returns the address it listens on (the port is chosen when `address` asks for port 0).
pub fn listen(address: SocketAddr, preview: Arc<Preview>) -> Result<SocketAddr> {
    let server =
        Server::http(address).map_err(|error| anyhow!("cannot listen on {address}: {error}"))?;
    let bound = server
        .server_addr()
        .to_ip()
        .ok_or_else(|| anyhow!("{address} is not an IP address"))?;
    std::thread::spawn(move || {
        for request in server.incoming_requests() {
            let preview = Arc::clone(&preview);
            // A page's event stream stays open, so every request gets its own thread.
            std::thread::spawn(move || respond(request, &preview));
        }
    });
    Ok(bound)
}

/// Answers one request: a site file, the reload script, or the reload event stream.
fn respond(request: Request, preview: &Preview) {
    if !matches!(request.method(), Method::Get | Method::Head) {
        return answer(
            request,
            405,
            "text/plain; charset=utf-8",
            b"method not allowed".to_vec(),
        );
    }
    let target = request.url().to_string();
    let (path, query) = target.split_once('?').unwrap_or((&target, ""));
    let path = percent_decode(path.split('#').next().unwrap_or_default());
    let Some(site_path) = path.strip_prefix(&preview.base_path) else {
        if format!("{path}/") == preview.base_path {
            return redirect(request, &preview.base_path);
        }
        return answer(
            request,
            404,
            "text/plain; charset=utf-8",
            b"not under the base path".to_vec(),
        );
    };
    if site_path == RELOAD_EVENTS {
        let build = query
            .split('&')
            .find_map(|pair| pair.strip_prefix("build="))
            .and_then(|build| build.parse().ok());
        let _ = stream_reloads(request, preview, build);
        return;
    }
    if site_path == RELOAD_SCRIPT {
        let script = RELOAD_SCRIPT_SOURCE.replace(
            "EVENTS_URL",
            &format!("{}{RELOAD_EVENTS}", preview.base_path),
        );
        return answer(
            request,
            200,
            "text/javascript; charset=utf-8",
            script.into_bytes(),
        );
    }
    let file = if site_path.is_empty() || site_path.ends_with('/') {
        format!("{site_path}index.html")
    } else {
        site_path.to_string()
    };
    let snapshot = preview.snapshot.lock().expect("lock is not poisoned");
    let version = snapshot.version;
    let found = match snapshot.files.get(&file) {
        Some(bytes) if !file.split('/').any(|segment| segment == "..") => {
            Some((200, file, bytes.clone()))
        }
        _ if snapshot.files.contains_key(&format!("{file}/index.html")) => None,
        _ => Some((
            404,
            "404.html".to_string(),
            snapshot.files.get("404.html").cloned().unwrap_or_default(),
        )),
    };
    drop(snapshot);
    let Some((status, file, bytes)) = found else {
        return redirect(request, &format!("{}{site_path}/", preview.base_path));
    };
    let body = if file.ends_with(".html") {
        inject_reload_script(&bytes, &preview.base_path, version)
    } else {
        bytes
    };
    answer(request, status, content_type(&file), body);
}

/// Adds the reload script before `</body>` of a served page, naming the build the page came
/// from, so a rebuild that finishes before the script connects is not missed.
fn inject_reload_script(html: &[u8], base_path: &str, version: u64) -> Vec<u8> {
    let html = String::from_utf8_lossy(html);
    let tag = format!(
        "<script type=\"module\" src=\"{base_path}{RELOAD_SCRIPT}?build={version}\"></script>\n"
    );
    match html.rfind("</body>") {
        Some(index) => format!("{}{tag}{}", &html[..index], &html[index..]).into_bytes(),
        None => format!("{html}{tag}").into_bytes(),
    }
}

/// Keeps a server-sent event stream open and sends one event per rebuild after `build` (the
/// build the page was served from; the current one when unknown), until the page goes away.
fn stream_reloads(request: Request, preview: &Preview, build: Option<u64>) -> Result<()> {
    // The stream never ends, so it is written raw rather than as a response with a length.
    let mut stream = request.into_writer();
    stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: close\r\n\r\nretry: 250\n\n")?;
    stream.flush()?;
    let mut seen = build.unwrap_or_else(|| {
        preview
            .snapshot
            .lock()
            .expect("lock is not poisoned")
            .version
    });
    loop {
        let snapshot = preview.snapshot.lock().expect("lock is not poisoned");
        let (snapshot, timeout) = preview
            .changed
            .wait_timeout_while(snapshot, KEEP_ALIVE, |snapshot| snapshot.version == seen)
            .expect("lock is not poisoned");
        if timeout.timed_out() {
            drop(snapshot);
            // A comment line keeps the connection alive and notices closed tabs.
            stream.write_all(b": ping\n\n")?;
            stream.flush()?;
            continue;
        }
        seen = snapshot.version;
        let event: &[u8] = if snapshot.needs_full_reload {
            b"data: full\n\n"
        } else {
            b"data: page\n\n"
        };
        drop(snapshot);
        stream.write_all(event)?;
        stream.flush()?;
    }
}

fn redirect(request: Request, location: &str) {
    let mut response = Response::empty(301);
    if let Ok(header) = Header::from_bytes("Location", location) {
        response.add_header(header);
    }
    let _ = request.respond(response);
}

/// Sends a complete answer with the security headers a built site gets from its host.
fn answer(request: Request, status: u16, content_type: &str, body: Vec<u8>) {
    let mut response = Response::from_data(body).with_status_code(status);
    let headers = [
        ("Content-Type", content_type),
        ("Cache-Control", "no-store"),
    ]
    .into_iter()
    .chain(SECURITY_HEADERS.iter().copied());
    for (name, value) in headers {
        if let Ok(header) = Header::from_bytes(name, value) {
            response.add_header(header);
        }
    }
    let _ = request.respond(response);
}

/// Returns the media type of an output file from its extension.
pub fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or_default() {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "wasm" => "application/wasm",
        "svg" => "image/svg+xml",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// Decodes `%XX` escapes of a URL path; a `%` not followed by two hex digits stays as it is.
/// Works on bytes, so a `%` before a multi-byte character is just a `%`.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let hex = |byte: u8| char::from(byte).to_digit(16);
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        if let [b'%', high, low, ..] = bytes[index..] {
            if let (Some(high), Some(low)) = (hex(high), hex(low)) {
                decoded.push((high * 16 + low) as u8);
                index += 3;
                continue;
            }
        }
        decoded.push(bytes[index]);
        index += 1;
    }
    String::from_utf8_lossy(&decoded).into_owned()
}

#[cfg(test)]
mod tests {
    use std::io::{Read, Write};
    use std::net::TcpStream;

    use super::*;

    #[track_caller]
    fn check_decode(path: &str, expected: &str) {
        assert_eq!(percent_decode(path), expected, "{path}");
    }

    #[test]
    fn percent_escapes_decode_and_stray_percent_signs_stay() {
        check_decode("/de/gr%C3%B6%C3%9Fe/", "/de/größe/");
        check_decode("/en/a%20b", "/en/a b");
        check_decode("/50%", "/50%");
        check_decode("/50%2", "/50%2");
        check_decode("/%zz/", "/%zz/");
        check_decode("/%ff", "/\u{fffd}");
    }

    #[test]
    fn percent_before_a_multibyte_character_panicked_the_connection_thread() {
        // The hand-written parser sliced `&text[i + 1..i + 3]` inside `é` and panicked.
        check_decode("/%é", "/%é");
        check_decode("/%aé", "/%aé");
        check_decode("/ü%", "/ü%");
        let preview = Arc::new(Preview::new(
            BTreeMap::from([
                (
                    "index.html".to_string(),
                    b"<html><body>home</body></html>".to_vec(),
                ),
                (
                    "404.html".to_string(),
                    b"<html><body>missing</body></html>".to_vec(),
                ),
            ]),
            "/",
        ));
        let address =
            listen("127.0.0.1:0".parse().expect("an address"), preview).expect("the server starts");
        let get = |target: &str| {
            let mut stream = TcpStream::connect(address).expect("the server accepts");
            stream
                .set_read_timeout(Some(Duration::from_secs(5)))
                .expect("a timeout");
            write!(
                stream,
                "GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
            )
            .expect("the request is sent");
            let mut answer = String::new();
            stream
                .read_to_string(&mut answer)
                .expect("an answer, not a dropped connection");
            answer
        };
        // `tiny_http` refuses a request line that is not ASCII (a 400 or a closed connection);
        // a browser sends the character escaped, which decodes to a path with a `%` in it.
        let answer = get("/%é");
        assert!(
            answer.is_empty() || answer.starts_with("HTTP/1.1 400"),
            "{answer}"
        );
        let answer = get("/%%C3%A9");
        assert!(answer.starts_with("HTTP/1.1 404"), "{answer}");
        assert!(answer.contains("missing"), "{answer}");
        let answer = get("/");
        assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
        assert!(answer.contains("__live-reload.js?build=0"), "{answer}");
    }
}

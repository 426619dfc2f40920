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
//! them waiting behind connections that stay open, and the page never finishes loading.

use std::collections::BTreeMap;
use std::io::{ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use anyhow::{Context, Result};

use crate::hosting::SECURITY_HEADERS;

/// The URL path, below the base path, of the injected reload script.
const RELOAD_SCRIPT: &str = "__live-reload.js";
/// The URL path, below the base path, of the reload event stream.
const RELOAD_EVENTS: &str = "__live-reload/events";
/// The reload script: it swaps the parts of a page the theme marks with `data-live-reload`.
const RELOAD_SCRIPT_SOURCE: &str = include_str!("../../../theme/dev/live-reload.js");
/// How long an idle event stream waits before a comment line checks the page is still there.
const KEEP_ALIVE: Duration = Duration::from_secs(15);
/// How long a kept-alive connection may wait for its next request before it is closed.
const IDLE_CONNECTION: Duration = Duration::from_secs(60);
/// The largest request head accepted; a browser's is well below 2 KB.
const MAX_HEAD_BYTES: usize = 16 * 1024;
/// The most header lines a request head may have.
const MAX_HEADERS: usize = 64;

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

/// What a request head says, as far as a preview server cares.
#[derive(Debug, PartialEq)]
struct RequestHead {
    method: String,
    target: String,
    /// Whether the browser may send another request on this connection afterwards.
    keep_alive: bool,
    /// Whether a body follows the head (a preview server reads none).
    has_body: bool,
}

/// The outcome of reading the bytes received so far.
#[derive(Debug, PartialEq)]
enum Parsed {
    /// A whole head of `length` bytes.
    Complete(RequestHead, usize),
    /// The head has not fully arrived yet.
    Partial,
    /// Not a request this server can read; answered with `status`, then the connection closes.
    Refused(u16, &'static str),
}

/// Reads the request head at the start of `bytes` with `httparse`.
fn parse_head(bytes: &[u8]) -> Parsed {
    let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut request = httparse::Request::new(&mut headers);
    let length = match request.parse(bytes) {
        Ok(httparse::Status::Complete(length)) => length,
        Ok(httparse::Status::Partial) if bytes.len() > MAX_HEAD_BYTES => {
            return Parsed::Refused(431, "request head too large")
        }
        Ok(httparse::Status::Partial) => return Parsed::Partial,
        Err(httparse::Error::TooManyHeaders) => {
            return Parsed::Refused(431, "too many header lines")
        }
        Err(_) => return Parsed::Refused(400, "malformed request"),
    };
    let header = |name: &'static str| {
        request
            .headers
            .iter()
            .filter(move |header| header.name.eq_ignore_ascii_case(name))
            .map(|header| String::from_utf8_lossy(header.value).to_ascii_lowercase())
    };
    let connection: Vec<String> = header("connection")
        .flat_map(|value| {
            value
                .split(',')
                .map(|token| token.trim().to_string())
                .collect::<Vec<_>>()
        })
        .collect();
    let says = |token: &str| connection.iter().any(|given| given == token);
    // HTTP/1.1 keeps a connection unless told not to; HTTP/1.0 only when asked.
    let keep_alive = match request.version {
        Some(1) => !says("close"),
        _ => says("keep-alive"),
    };
    let has_body = header("transfer-encoding").next().is_some()
        || header("content-length").any(|value| value.trim() != "0");
    Parsed::Complete(
        RequestHead {
            method: request.method.unwrap_or_default().to_string(),
            target: request.path.unwrap_or_default().to_string(),
            keep_alive,
            has_body,
        },
        length,
    )
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

/// What the server answers to a path.
#[derive(Debug, PartialEq)]
enum Answer {
    /// A file of the build, the reload script, or a page saying what is missing.
    File {
        status: u16,
        content_type: &'static str,
        body: Vec<u8>,
    },
    /// A redirect to the given location (a folder asked for without its `/`).
    Redirect(String),
    /// The reload event stream of a page served from `build`.
    Events { build: Option<u64> },
}

/// Picks the answer to a request target: a site file, the reload script, or the reload
/// event stream.
fn route(preview: &Preview, target: &str) -> Answer {
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let path = percent_decode(path.split('#').next().unwrap_or_default());
    let Some(site_path) = path.strip_prefix(&preview.base_path) else {
        if format!("{path}/") == preview.base_path {
            return Answer::Redirect(preview.base_path.clone());
        }
        return text(404, "not under the base path");
    };
    if site_path == RELOAD_EVENTS {
        let build = query
            .split('&')
            .find_map(|pair| pair.strip_prefix("build="))
            .and_then(|build| build.parse().ok());
        return Answer::Events { build };
    }
    if site_path == RELOAD_SCRIPT {
        let script = RELOAD_SCRIPT_SOURCE.replace(
            "EVENTS_URL",
            &format!("{}{RELOAD_EVENTS}", preview.base_path),
        );
        return Answer::File {
            status: 200,
            content_type: content_type("live-reload.js"),
            body: script.into_bytes(),
        };
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
        return Answer::Redirect(format!("{}{site_path}/", preview.base_path));
    };
    let body = if file.ends_with(".html") {
        inject_reload_script(&bytes, &preview.base_path, version)
    } else {
        bytes
    };
    Answer::File {
        status,
        content_type: content_type(&file),
        body,
    }
}

/// A plain-text answer.
fn text(status: u16, message: &str) -> Answer {
    Answer::File {
        status,
        content_type: "text/plain; charset=utf-8",
        body: message.as_bytes().to_vec(),
    }
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
fn stream_reloads(stream: &mut TcpStream, preview: &Preview, build: Option<u64>) -> Result<()> {
    // The stream never ends, so it has no length: its end is the end of the connection.
    stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: close\r\n\r\nretry: 250\n\n")?;
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
    }
}

/// Writes a plain-text answer.
fn write_text(
    stream: &mut TcpStream,
    status: u16,
    message: &str,
    head_only: bool,
    keep_alive: bool,
) -> std::io::Result<()> {
    write_answer(
        stream,
        status,
        &[("Content-Type", "text/plain; charset=utf-8")],
        message.as_bytes(),
        head_only,
        keep_alive,
    )
}

/// Writes a complete answer with its length and the security headers a built site gets from
/// its host; a `HEAD` request gets the head only.
fn write_answer(
    stream: &mut TcpStream,
    status: u16,
    headers: &[(&str, &str)],
    body: &[u8],
    head_only: bool,
    keep_alive: bool,
) -> std::io::Result<()> {
    let mut answer = format!("HTTP/1.1 {status} {}\r\n", reason(status));
    let connection = if keep_alive { "keep-alive" } else { "close" };
    let length = body.len().to_string();
    let fixed = [
        ("Content-Length", length.as_str()),
        ("Cache-Control", "no-store"),
        ("Connection", connection),
    ];
    for (name, value) in headers.iter().chain(&fixed).chain(SECURITY_HEADERS.iter()) {
        answer.push_str(&format!("{name}: {value}\r\n"));
    }
    answer.push_str("\r\n");
    let mut bytes = answer.into_bytes();
    if !head_only {
        bytes.extend_from_slice(body);
    }
    stream.write_all(&bytes)
}

/// The reason phrase of the status codes this server sends.
fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        431 => "Request Header Fields Too Large",
        _ => "",
    }
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

    #[track_caller]
    fn check_head(bytes: &str, expected: Parsed) {
        assert_eq!(parse_head(bytes.as_bytes()), expected, "{bytes:?}");
    }

    fn head(method: &str, target: &str, keep_alive: bool, has_body: bool) -> RequestHead {
        RequestHead {
            method: method.to_string(),
            target: target.to_string(),
            keep_alive,
            has_body,
        }
    }

    #[test]
    fn request_heads_say_whether_the_connection_stays_and_a_body_follows() {
        let get = "GET /en/ HTTP/1.1\r\nHost: x\r\n\r\n";
        check_head(
            get,
            Parsed::Complete(head("GET", "/en/", true, false), get.len()),
        );
        check_head(
            "GET /en/ HTTP/1.1\r\nConnection: Keep-Alive, Close\r\n\r\n",
            Parsed::Complete(head("GET", "/en/", false, false), 52),
        );
        check_head(
            "GET / HTTP/1.0\r\n\r\n",
            Parsed::Complete(head("GET", "/", false, false), 18),
        );
        check_head(
            "HEAD / HTTP/1.0\r\nconnection: keep-alive\r\n\r\n",
            Parsed::Complete(head("HEAD", "/", true, false), 43),
        );
        check_head(
            "POST / HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc",
            Parsed::Complete(head("POST", "/", true, true), 38),
        );
        check_head(
            "GET / HTTP/1.1\r\nContent-Length: 0\r\n\r\n",
            Parsed::Complete(head("GET", "/", true, false), 37),
        );
        check_head(
            "GET / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n",
            Parsed::Complete(head("GET", "/", true, true), 46),
        );
        // A second request sent right behind the first is left for the next read.
        check_head(
            "GET /a HTTP/1.1\r\n\r\nGET /b HTTP/1.1\r\n\r\n",
            Parsed::Complete(head("GET", "/a", true, false), 19),
        );
        check_head("GET /en/ HTTP/1.1\r\nHost: x\r\n", Parsed::Partial);
        check_head("", Parsed::Partial);
        check_head(
            "GET /en/ HTTP/9.9\r\n\r\n",
            Parsed::Refused(400, "malformed request"),
        );
        let long = format!("GET / HTTP/1.1\r\nCookie: {}", "a".repeat(MAX_HEAD_BYTES));
        check_head(&long, Parsed::Refused(431, "request head too large"));
        let many = format!(
            "GET / HTTP/1.1\r\n{}\r\n",
            "A: b\r\n".repeat(MAX_HEADERS + 1)
        );
        check_head(&many, Parsed::Refused(431, "too many header lines"));
    }

    #[test]
    fn an_open_event_stream_leaves_other_requests_and_pipelined_ones_answered() {
        let preview = Arc::new(Preview::new(
            BTreeMap::from([("index.html".to_string(), b"<body>home</body>".to_vec())]),
            "/guide/",
        ));
        let address = listen(
            "127.0.0.1:0".parse().expect("an address"),
            Arc::clone(&preview),
        )
        .expect("the server starts");
        let connect = || {
            let stream = TcpStream::connect(address).expect("the server accepts");
            stream
                .set_read_timeout(Some(Duration::from_secs(5)))
                .expect("a timeout");
            stream
        };
        let mut events = connect();
        write!(
            events,
            "GET /guide/__live-reload/events?build=0 HTTP/1.1\r\n\r\n"
        )
        .expect("the request is sent");
        let mut pages = connect();
        write!(
            pages,
            "GET /guide HTTP/1.1\r\n\r\nHEAD /guide/ HTTP/1.1\r\n\r\nGET /guide/ HTTP/1.1\r\n\r\n"
        )
        .expect("three requests are sent at once");
        let redirect = read_response(&mut pages).expect("the redirect");
        assert!(redirect.starts_with("HTTP/1.1 301"), "{redirect}");
        assert!(redirect.contains("Location: /guide/\r\n"), "{redirect}");
        let head_only = read_response_head(&mut pages).expect("the head");
        assert!(head_only.starts_with("HTTP/1.1 200"), "{head_only}");
        let page = read_response(&mut pages).expect("the page");
        assert!(page.ends_with("home<script type=\"module\" src=\"/guide/__live-reload.js?build=0\"></script>\n</body>"), "{page}");
        preview.publish(|snapshot| snapshot.needs_full_reload = false);
        let mut stream = String::new();
        let mut chunk = [0u8; 512];
        while !stream.contains("data: page") {
            let count = events.read(&mut chunk).expect("the event arrives");
            assert!(count > 0, "the stream ended: {stream}");
            stream.push_str(&String::from_utf8_lossy(&chunk[..count]));
        }
        assert!(
            stream.starts_with("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream"),
            "{stream}"
        );
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
        // `httparse` takes a UTF-8 request line as it comes; a browser sends the character
        // escaped, which decodes to the same path with a `%` in it.
        let answer = get("/%é");
        assert!(answer.starts_with("HTTP/1.1 404"), "{answer}");
        assert!(answer.contains("missing"), "{answer}");
        // Bytes that are not UTF-8 are refused, and the server goes on.
        let mut stream = TcpStream::connect(address).expect("the server accepts");
        stream
            .write_all(b"GET /\xff HTTP/1.1\r\nHost: x\r\n\r\n")
            .expect("the request is sent");
        let mut answer = String::new();
        stream.read_to_string(&mut answer).expect("an answer");
        assert!(answer.starts_with("HTTP/1.1 400"), "{answer}");
        let answer = get("/%%C3%A9");
        assert!(answer.starts_with("HTTP/1.1 404"), "{answer}");
        assert!(answer.contains("missing"), "{answer}");
        let answer = get("/");
        assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
        assert!(answer.contains("__live-reload.js?build=0"), "{answer}");
    }
    /// Reads the head of one response, byte by byte, so nothing after it is consumed.
    fn read_response_head(stream: &mut TcpStream) -> std::io::Result<String> {
        let mut head = Vec::new();
        let mut byte = [0u8; 1];
        while !head.ends_with(b"\r\n\r\n") {
            stream.read_exact(&mut byte)?;
            head.push(byte[0]);
        }
        Ok(String::from_utf8_lossy(&head).into_owned())
    }

    /// Reads one response from a keep-alive connection: the head, then `Content-Length` bytes.
    fn read_response(stream: &mut TcpStream) -> std::io::Result<String> {
        let head = read_response_head(stream)?;
        let length = head
            .lines()
            .find_map(|line| {
                let (name, value) = line.split_once(':')?;
                name.eq_ignore_ascii_case("content-length")
                    .then(|| value.trim().parse::<usize>().ok())?
            })
            .unwrap_or(0);
        let mut body = vec![0; length];
        stream.read_exact(&mut body)?;
        Ok(format!("{head}{}", String::from_utf8_lossy(&body)))
    }

    #[test]
    fn a_burst_of_keep_alive_connections_left_one_unanswered() {
        // A page asks for its stylesheets and scripts at once, over six keep-alive connections.
        // tiny_http's pool queued a connection that came while an idle worker was already
        // woken, and woke no one for it: it waited until a kept-alive connection closed.
        const CONNECTIONS: usize = 8;
        let preview = Arc::new(Preview::new(
            BTreeMap::from([
                (
                    "index.html".to_string(),
                    b"<html><body>home</body></html>".to_vec(),
                ),
                ("style.css".to_string(), b"body {}".to_vec()),
            ]),
            "/",
        ));
        let address =
            listen("127.0.0.1:0".parse().expect("an address"), preview).expect("the server starts");
        for round in 0..20 {
            let start = Arc::new(std::sync::Barrier::new(CONNECTIONS));
            let clients: Vec<_> = (0..CONNECTIONS)
                .map(|client| {
                    let start = Arc::clone(&start);
                    std::thread::spawn(move || -> std::io::Result<(TcpStream, String)> {
                        start.wait();
                        let mut stream = TcpStream::connect(address)?;
                        stream.set_read_timeout(Some(Duration::from_secs(3)))?;
                        write!(
                            stream,
                            "GET /style.css?{client} HTTP/1.1\r\nHost: x\r\n\r\n"
                        )?;
                        let answer = read_response(&mut stream)?;
                        Ok((stream, answer))
                    })
                })
                .collect();
            // Every connection stays open, as a browser keeps them, until all are answered.
            let mut open = Vec::new();
            for (client, handle) in clients.into_iter().enumerate() {
                let (stream, answer) = handle
                    .join()
                    .expect("the client thread ends")
                    .unwrap_or_else(|error| {
                        panic!("round {round}: connection {client} got no answer: {error}")
                    });
                assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
                assert!(answer.ends_with("body {}"), "{answer}");
                open.push(stream);
            }
            // A kept-alive connection answers its next request too.
            for stream in &mut open {
                write!(stream, "GET / HTTP/1.1\r\nHost: x\r\n\r\n").expect("the request is sent");
                let answer = read_response(stream).expect("an answer on the same connection");
                assert!(answer.contains("home"), "{answer}");
            }
        }
    }
}

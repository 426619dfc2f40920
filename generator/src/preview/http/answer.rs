//! The answers of `generator serve`: which file, redirect or event stream a request target
//! gets, the live-reload script injected into pages, and writing an answer with the security
//! headers a built site gets from its host.

use std::io::Write;
use std::net::TcpStream;

use anyhow::Result;

use super::request::percent_decode;
use super::{Preview, KEEP_ALIVE, RELOAD_EVENTS, RELOAD_SCRIPT, RELOAD_SCRIPT_SOURCE};
use crate::hosting::SECURITY_HEADERS;

/// What the server answers to a path.
#[derive(Debug, PartialEq)]
pub(super) enum Answer {
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
pub(super) fn route(preview: &Preview, target: &str) -> Answer {
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
pub(super) fn stream_reloads(
    stream: &mut TcpStream,
    preview: &Preview,
    build: Option<u64>,
) -> Result<()> {
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
pub(super) fn write_text(
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
pub(super) fn write_answer(
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

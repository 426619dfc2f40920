//! The live preview behind `generator serve`: builds the site in memory, serves it on
//! 127.0.0.1, watches `site.toml`, `content/` and `theme/`, rebuilds when something changes
//! and tells open pages to reload. The reload script is injected into HTML responses here,
//! at serving time, so it never reaches a built site. A failed rebuild prints its problems
//! and keeps serving the last good build.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant, SystemTime};

use anyhow::{Context, Result};

use crate::hosting::SECURITY_HEADERS;
use crate::site::{BuildOptions, Site};

/// The URL path, below the base path, of the injected reload script.
const RELOAD_SCRIPT: &str = "__live-reload.js";
/// The URL path, below the base path, of the reload event stream.
const RELOAD_EVENTS: &str = "__live-reload/events";
/// The injected script: on each rebuild it fetches the page again and swaps in its title and
/// `<main>`, which shows a change faster than a reload; pages that run the checklist engine,
/// or whose layout changed, are reloaded whole.
const RELOAD_SCRIPT_SOURCE: &str = r#"// Live reload of `generator serve`; never part of a built site.
const build = new URL(import.meta.url).searchParams.get('build') ?? '';
const events = new EventSource(`EVENTS_URL?build=${build}`);
events.addEventListener('message', async (event) => {
  if (event.data === 'full' || document.getElementById('checklist-app')) return window.location.reload();
  try {
    const response = await fetch(window.location.href, { cache: 'no-store' });
    const next = new DOMParser().parseFromString(await response.text(), 'text/html');
    const main = next.querySelector('main');
    const nav = next.querySelector('.site-nav');
    if (!main || !nav || nav.outerHTML !== document.querySelector('.site-nav')?.outerHTML) return window.location.reload();
    document.title = next.title;
    document.querySelector('main').replaceWith(document.adoptNode(main));
  } catch {
    window.location.reload();
  }
});
"#;

/// How often the watcher looks for changed files.
const POLL_INTERVAL: Duration = Duration::from_millis(10);

/// One successful build, held in memory.
struct Snapshot {
    files: BTreeMap<String, Vec<u8>>,
    version: u64,
    /// Whether the last change touched the theme or the config, which only a reload shows.
    needs_full_reload: bool,
}

/// The state shared by the watcher and the connections.
struct Preview {
    snapshot: Mutex<Snapshot>,
    changed: Condvar,
    base_path: String,
}

/// Builds the site, serves it on `127.0.0.1:port`, and rebuilds on every change until killed.
pub fn serve(root: &Path, port: u16, options: &BuildOptions) -> Result<()> {
    let started = Instant::now();
    let site = Site::load(root, options)?;
    let files = site.render()?;
    let base_path = site.config.base_path.clone();
    let preview = Arc::new(Preview {
        snapshot: Mutex::new(Snapshot {
            files: to_map(files),
            version: 0,
            needs_full_reload: false,
        }),
        changed: Condvar::new(),
        base_path: base_path.clone(),
    });
    let listener = TcpListener::bind(("127.0.0.1", port))
        .with_context(|| format!("cannot listen on 127.0.0.1:{port}"))?;
    let address = listener.local_addr()?;
    println!(
        "built in {} ms; serving http://{address}{base_path} (watching site.toml, content/ and theme/; Ctrl+C stops)",
        started.elapsed().as_millis()
    );
    let watcher = Arc::clone(&preview);
    let (root, options) = (root.to_path_buf(), options.clone());
    std::thread::spawn(move || watch(&root, &options, &watcher));
    for stream in listener.incoming().flatten() {
        let preview = Arc::clone(&preview);
        std::thread::spawn(move || {
            let _ = respond(stream, &preview);
        });
    }
    Ok(())
}

fn to_map(files: Vec<crate::site::OutputFile>) -> BTreeMap<String, Vec<u8>> {
    files
        .into_iter()
        .map(|file| (file.path, file.bytes))
        .collect()
}

/// Returns the modification times of every file the site is built from.
fn source_stamps(root: &Path) -> BTreeMap<PathBuf, SystemTime> {
    let mut stamps = BTreeMap::new();
    let config = root.join(crate::config::CONFIG_FILE);
    for dir in [
        root.join(crate::content::CONTENT_DIR),
        root.join(crate::theme::THEME_DIR),
        config,
    ] {
        for entry in walkdir::WalkDir::new(dir).into_iter().flatten() {
            if let Some(modified) = entry
                .metadata()
                .ok()
                .and_then(|metadata| metadata.modified().ok())
            {
                stamps.insert(entry.path().to_path_buf(), modified);
            }
        }
    }
    stamps
}

/// Polls the sources, rebuilds on a change, and wakes the pages waiting for a reload.
fn watch(root: &Path, options: &BuildOptions, preview: &Preview) {
    let mut stamps = source_stamps(root);
    loop {
        std::thread::sleep(POLL_INTERVAL);
        let current = source_stamps(root);
        if current == stamps {
            continue;
        }
        let changed_paths: Vec<&PathBuf> = current
            .iter()
            .filter(|(path, stamp)| stamps.get(*path) != Some(stamp))
            .map(|(path, _)| path)
            .chain(stamps.keys().filter(|path| !current.contains_key(*path)))
            .collect();
        let changed = changed_paths.len();
        let content_dir = root.join(crate::content::CONTENT_DIR);
        let needs_full_reload = changed_paths
            .iter()
            .any(|path| !path.starts_with(&content_dir));
        stamps = current;
        let started = Instant::now();
        match Site::load(root, options).and_then(|site| site.render()) {
            Ok(files) => {
                let mut snapshot = preview
                    .snapshot
                    .lock()
                    .expect("no thread panics while holding the lock");
                snapshot.files = to_map(files);
                snapshot.version += 1;
                snapshot.needs_full_reload = needs_full_reload;
                preview.changed.notify_all();
                println!(
                    "rebuilt in {} ms ({changed} changed source files); reloading open pages",
                    started.elapsed().as_millis()
                );
            }
            Err(problems) => {
                eprintln!("{problems}\nrebuild failed; still serving the last good build");
            }
        }
    }
}

/// Answers one HTTP request: a site file, the reload script, or the reload event stream.
fn respond(stream: TcpStream, preview: &Preview) -> Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header == "\r\n" || header == "\n" {
            break;
        }
    }
    let mut stream = stream;
    let mut parts = request_line.split_whitespace();
    let (method, target) = (
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or("/"),
    );
    if method != "GET" && method != "HEAD" {
        return send(
            &mut stream,
            405,
            "text/plain; charset=utf-8",
            b"method not allowed",
            method == "HEAD",
        );
    }
    let path = percent_decode(target.split(['?', '#']).next().unwrap_or("/"));
    let Some(site_path) = path.strip_prefix(&preview.base_path) else {
        if format!("{path}/") == preview.base_path {
            return redirect(&mut stream, &preview.base_path);
        }
        return send(
            &mut stream,
            404,
            "text/plain; charset=utf-8",
            b"not under the base path",
            false,
        );
    };
    let site_path = site_path.to_string();
    if site_path == RELOAD_EVENTS {
        let build = target
            .split_once("?build=")
            .and_then(|(_, build)| build.parse().ok());
        return stream_reloads(stream, preview, build);
    }
    if site_path == RELOAD_SCRIPT {
        let script = RELOAD_SCRIPT_SOURCE.replace(
            "EVENTS_URL",
            &format!("{}{RELOAD_EVENTS}", preview.base_path),
        );
        return send(
            &mut stream,
            200,
            "text/javascript; charset=utf-8",
            script.as_bytes(),
            method == "HEAD",
        );
    }
    let file = if site_path.is_empty() || site_path.ends_with('/') {
        format!("{site_path}index.html")
    } else {
        site_path
    };
    let snapshot = preview
        .snapshot
        .lock()
        .expect("no thread panics while holding the lock");
    let version = snapshot.version;
    let (status, file, bytes) = match snapshot.files.get(&file) {
        Some(bytes) if !file.split('/').any(|segment| segment == "..") => {
            (200, file, bytes.clone())
        }
        _ => match snapshot.files.get(&format!("{file}/index.html")) {
            Some(_) => {
                drop(snapshot);
                return redirect(&mut stream, &format!("{}{file}/", preview.base_path));
            }
            None => (
                404,
                "404.html".to_string(),
                snapshot.files.get("404.html").cloned().unwrap_or_default(),
            ),
        },
    };
    drop(snapshot);
    let content_type = content_type(&file);
    let body = if file.ends_with(".html") {
        inject_reload_script(&bytes, &preview.base_path, version)
    } else {
        bytes
    };
    send(&mut stream, status, content_type, &body, method == "HEAD")
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
fn stream_reloads(mut stream: TcpStream, preview: &Preview, build: Option<u64>) -> Result<()> {
    stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\nretry: 250\n\n")?;
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
            .wait_timeout_while(snapshot, Duration::from_secs(15), |snapshot| {
                snapshot.version == seen
            })
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

fn redirect(stream: &mut TcpStream, location: &str) -> Result<()> {
    let header = format!("HTTP/1.1 301 Moved Permanently\r\nLocation: {location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    stream.write_all(header.as_bytes())?;
    Ok(())
}

fn send(
    stream: &mut TcpStream,
    status: u16,
    content_type: &str,
    body: &[u8],
    head_only: bool,
) -> Result<()> {
    let reason = match status {
        200 => "OK",
        404 => "Not Found",
        _ => "Method Not Allowed",
    };
    let mut header = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n",
        body.len()
    );
    for (name, value) in SECURITY_HEADERS {
        header.push_str(&format!("{name}: {value}\r\n"));
    }
    header.push_str("\r\n");
    stream.write_all(header.as_bytes())?;
    if !head_only {
        stream.write_all(body)?;
    }
    Ok(())
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

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'%' && index + 2 < bytes.len() {
            if let Ok(byte) = u8::from_str_radix(&text[index + 1..index + 3], 16) {
                decoded.push(byte);
                index += 3;
                continue;
            }
        }
        decoded.push(bytes[index]);
        index += 1;
    }
    String::from_utf8_lossy(&decoded).into_owned()
}

//! The live preview behind `generator serve`: builds the site in memory, serves it on
//! 127.0.0.1 (`http`), watches `site.toml`, `content/` and `theme/` with the operating
//! system's file events (so an idle server does no work), rebuilds what a change touched
//! (`live`, deciding by the rules in `plan`) and tells open pages to reload. A failed rebuild
//! prints its problems, the same as `check` would, and keeps serving the last good build.
//! `markers` checks that the theme keeps what the reload script needs.

pub mod http;
mod live;
pub mod markers;
mod plan;
mod search_index;

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use notify::{RecursiveMode, Watcher};

use crate::diagnostics::Problems;
use crate::site::{BuildOptions, OutputFile};
use http::Preview;
use live::{LiveSite, Rebuild};
use search_index::SearchIndexer;

/// How long the sources must stay quiet before a rebuild: editors save in several steps
/// (write a temporary file, rename it), and one save should make one rebuild. The crates
/// that debounce `notify` cannot drop read events (see `serve`), so this is done here.
const SETTLE: Duration = Duration::from_millis(15);

/// Builds the site, serves it on `127.0.0.1:port`, and rebuilds on every change until killed.
pub fn serve(root: &Path, port: u16, options: &BuildOptions) -> Result<()> {
    let started = Instant::now();
    // File events name absolute paths; the root is made absolute to match them.
    let root = root
        .canonicalize()
        .with_context(|| format!("cannot open the site root `{}`", root.display()))?;
    let (mut live, first) = LiveSite::load(&root, options)?;
    let files = to_map(first.files);
    let marker_problems = markers::check(&live.site, &|path| files.get(path).map(Vec::as_slice));
    Problems(marker_problems).into_result(())?;
    let base_path = live.site.config.base_path.clone();
    let preview = Arc::new(Preview::new(files, &base_path));
    let (events, changes) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        // Reading a file is an event too (inotify reports opens); only changes count, or
        // every rebuild, which reads the sources, would start the next one.
        match event {
            Ok(event) if event.kind.is_access() => {}
            Ok(event) => event.paths.into_iter().for_each(|path| {
                let _ = events.send(Ok(path));
            }),
            Err(error) => {
                let _ = events.send(Err(error));
            }
        }
    })
    .context("cannot watch the site's files")?;
    // The root itself only for `site.toml` (editors replace files, which ends a watch on the
    // file itself); `content/` and `theme/` with everything below them.
    watcher
        .watch(&root, RecursiveMode::NonRecursive)
        .with_context(|| format!("cannot watch `{}`", root.display()))?;
    for dir in [crate::content::CONTENT_DIR, crate::theme::THEME_DIR] {
        let dir = root.join(dir);
        if dir.is_dir() {
            watcher
                .watch(&dir, RecursiveMode::Recursive)
                .with_context(|| format!("cannot watch `{}`", dir.display()))?;
        }
    }
    let address = http::listen(
        SocketAddr::from(([127, 0, 0, 1], port)),
        Arc::clone(&preview),
    )?;
    let indexer = SearchIndexer::start(Arc::clone(&preview))
        .context("cannot start the search index thread")?;
    println!(
        "built in {} ms; serving http://{address}{base_path} (watching site.toml, content/ and theme/; Ctrl+C stops)",
        started.elapsed().as_millis()
    );
    while let Ok(first) = changes.recv() {
        let changed = match settle(first, &changes, SETTLE) {
            Ok(changed) => changed,
            Err(error) => {
                eprintln!(
                    "watching the site's files failed: {error}; still serving the last good build"
                );
                continue;
            }
        };
        let started = Instant::now();
        match live.rebuild(&changed) {
            Ok(None) => {}
            Ok(Some(rebuild)) => publish(&live, &preview, &indexer, rebuild, started),
            Err(problems) => {
                let count = problems.0.len();
                eprintln!(
                    "{problems}\nrebuild failed ({count} problem{}); still serving the last good build",
                    if count == 1 { "" } else { "s" }
                );
            }
        }
    }
    Ok(())
}

/// Serves a rebuild's files and wakes the open pages: a full reload after a rebuild of the
/// whole site, else a swap of the edited page, whose search index follows when it is built.
fn publish(
    live: &LiveSite,
    preview: &Preview,
    indexer: &SearchIndexer,
    rebuild: Rebuild,
    started: Instant,
) {
    let Rebuild {
        files,
        whole_site,
        pages,
        search_languages,
    } = rebuild;
    let count = files.len();
    if whole_site {
        let files = to_map(files);
        let problems = markers::check(&live.site, &|path| files.get(path).map(Vec::as_slice));
        if !problems.is_empty() {
            eprintln!(
                "{}\nrebuild failed; still serving the last good build",
                Problems(problems)
            );
            return;
        }
        preview.publish(|snapshot| {
            snapshot.files = files;
            snapshot.needs_full_reload = true;
            snapshot.full_builds += 1;
        });
    } else {
        preview.publish(|snapshot| {
            snapshot
                .files
                .extend(files.into_iter().map(|file| (file.path, file.bytes)));
            snapshot.needs_full_reload = false;
        });
    }
    let scope = if whole_site {
        "the whole site".to_string()
    } else {
        format!(
            "{pages} page{}, {count} files",
            if pages == 1 { "" } else { "s" }
        )
    };
    println!(
        "rebuilt in {} ms ({scope}); reloading open pages",
        started.elapsed().as_millis()
    );
    let full_build = preview.full_builds();
    for lang in search_languages {
        indexer.request(live.search_index_input(&lang), full_build);
    }
}

/// Collects the paths of one burst of changes: the first, and every other that follows
/// within `quiet` of the one before. Waiting blocks without a timer, so an idle server does
/// no work at all.
fn settle(
    first: notify::Result<PathBuf>,
    more: &mpsc::Receiver<notify::Result<PathBuf>>,
    quiet: Duration,
) -> notify::Result<Vec<PathBuf>> {
    let mut paths = vec![first?];
    while let Ok(next) = more.recv_timeout(quiet) {
        paths.push(next?);
    }
    paths.sort();
    paths.dedup();
    Ok(paths)
}

fn to_map(files: Vec<OutputFile>) -> BTreeMap<String, Vec<u8>> {
    files
        .into_iter()
        .map(|file| (file.path, file.bytes))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_burst_of_changes_makes_one_rebuild() {
        let (send, receive) = mpsc::channel();
        let path = |name: &str| PathBuf::from(format!("content/en/{name}"));
        for name in ["b.md", "a.md", "b.md"] {
            send.send(Ok(path(name))).expect("the channel is open");
        }
        let later = send.clone();
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(300));
            let _ = later.send(Ok(PathBuf::from("content/en/later.md")));
        });
        let first = receive.recv().expect("a change");
        assert_eq!(
            settle(first, &receive, Duration::from_millis(50)).expect("no watch error"),
            [path("a.md"), path("b.md")]
        );
        let next = receive.recv().expect("the later change");
        assert_eq!(
            settle(next, &receive, Duration::from_millis(50)).expect("no watch error"),
            [path("later.md")]
        );
    }
}

//! Finding the pages: walks each language's folder under `content/`, reports folders that are
//! no language and pages in subfolders, reads every Markdown file (in parallel) into a `Page`,
//! and hands the pages to `pairing`'s checks.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostics::{relative_path, Problem, Problems};

use super::pairing::{fallback_pages, Present};
use super::{parse_page, Content, Page, CONTENT_DIR};

impl Content {
    /// Loads and checks every page under `content/` of the site root.
    pub fn load(root: &Path, config: &Config) -> Result<Content, Problems> {
        let mut problems = Problems::default();
        let mut pages = Vec::new();
        let mut files: Vec<(&str, PathBuf)> = Vec::new();
        // Files that exist count for pairing even when they fail to parse, so one broken
        // page does not also report its translation as missing.
        let mut present = Present::default();
        let content_dir = root.join(CONTENT_DIR);
        check_language_folders(root, &content_dir, config, &mut problems);
        for language in &config.languages {
            let dir = content_dir.join(&language.code);
            if !dir.is_dir() {
                problems.push(Problem::new(
                    relative_path(root, &dir),
                    0,
                    format!(
                        "missing folder for language `{}`: create it and add its pages",
                        language.code
                    ),
                ));
                continue;
            }
            for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
                let entry = match entry {
                    Ok(entry) => entry,
                    Err(error) => {
                        problems.push(Problem::new(
                            relative_path(root, &dir),
                            0,
                            format!("cannot read: {error}"),
                        ));
                        continue;
                    }
                };
                let path = entry.path();
                if entry.file_type().is_dir() {
                    if path != dir {
                        problems.push(Problem::new(
                            relative_path(root, path),
                            0,
                            format!(
                                "pages live directly in `content/{}/`; move these pages up a level",
                                language.code
                            ),
                        ));
                    }
                    continue;
                }
                if path.extension().and_then(|e| e.to_str()) != Some("md") {
                    continue;
                }
                let key = path
                    .file_stem()
                    .map(|stem| stem.to_string_lossy().to_string())
                    .unwrap_or_default();
                present.insert((language.code.clone(), key));
                files.push((language.code.as_str(), path.to_path_buf()));
            }
        }
        // Reading and parsing front matter is independent per file, so it runs in parallel.
        let parsed: Vec<Result<Page, Vec<Problem>>> = files
            .par_iter()
            .map(|(lang, path)| {
                let source_path = relative_path(root, path);
                match std::fs::read_to_string(path) {
                    Ok(text) => parse_page(lang, &source_path, &text, config),
                    Err(error) => Err(vec![Problem::new(
                        source_path,
                        0,
                        format!("cannot read: {error}"),
                    )]),
                }
            })
            .collect();
        for result in parsed {
            match result {
                Ok(page) => pages.push(page),
                Err(page_problems) => problems.extend(page_problems),
            }
        }
        let fallbacks = fallback_pages(&pages, config, &present);
        pages.extend(fallbacks);
        let content = Content::from_pages(pages, config);
        problems.extend(content.check_translations(config, &present));
        problems.extend(content.check_unique_urls());
        problems.into_result(content)
    }
}

/// Reports folders under `content/` that are not a configured language.
fn check_language_folders(
    root: &Path,
    content_dir: &Path,
    config: &Config,
    problems: &mut Problems,
) {
    let Ok(entries) = std::fs::read_dir(content_dir) else {
        problems.push(Problem::new(
            CONTENT_DIR,
            0,
            "missing content folder: create `content/<lang>/` per language",
        ));
        return;
    };
    let mut names: Vec<_> = entries
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .collect();
    names.sort_by_key(|entry| entry.file_name());
    for entry in names {
        let name = entry.file_name().to_string_lossy().to_string();
        if config.language(&name).is_none() {
            let known: Vec<&str> = config.languages.iter().map(|l| l.code.as_str()).collect();
            problems.push(Problem::new(
                relative_path(root, &entry.path()),
                0,
                format!(
                    "folder `{name}` is not a language of the site ({}): add it to `site.toml` or rename it",
                    known.join(", ")
                ),
            ));
        }
    }
}

//! One module per subcommand; each is a screenful that calls the library and reports.

use std::path::Path;

use generator::diagnostics::Problems;
use generator::site::{BuildOptions, Site};

pub mod build;
pub mod check;

/// Loads the site at `root` as it is published, so `build` writes and `check` judges the
/// same site: `base_path` replaces the one in `site.toml` when given.
pub fn load_published(root: &Path, base_path: Option<String>) -> anyhow::Result<Site> {
    Ok(Site::load(
        root,
        &BuildOptions {
            base_path,
            preview: false,
        },
    )?)
}

/// Counts the site's pages for a summary line, e.g. `5 pages (3 en, 2 de), 1 shown
/// untranslated (1 de)`: each language's own pages, and apart from them the fallback pages
/// (`translations = "fallback"`), which show another language's text and so are not counted
/// as pages of their language.
pub fn describe_pages(site: &Site) -> String {
    let count = |lang: &str, fallback: bool| {
        site.content
            .pages_in(lang)
            .filter(|page| page.is_fallback() == fallback)
            .count()
    };
    let per_language = |fallback: bool| -> (usize, Vec<String>) {
        let counts: Vec<(usize, &str)> = site
            .config
            .languages
            .iter()
            .map(|language| (count(&language.code, fallback), language.code.as_str()))
            .filter(|(pages, _)| !fallback || *pages > 0)
            .collect();
        let total = counts.iter().map(|(pages, _)| pages).sum();
        let parts = counts
            .iter()
            .map(|(pages, code)| format!("{pages} {code}"))
            .collect();
        (total, parts)
    };
    let (own, own_parts) = per_language(false);
    let mut text = format!("{own} pages ({})", own_parts.join(", "));
    let (shown, shown_parts) = per_language(true);
    if shown > 0 {
        text += &format!(", {shown} shown untranslated ({})", shown_parts.join(", "));
    }
    text
}

/// Formats a failure for the terminal: every problem on its own line, then a summary.
pub fn describe_failure(error: &anyhow::Error) -> String {
    match error.downcast_ref::<Problems>() {
        Some(problems) => {
            let count = problems.0.len();
            let noun = if count == 1 { "problem" } else { "problems" };
            format!("{problems}\nerror: {count} {noun} found")
        }
        None => format!("error: {error:#}"),
    }
}

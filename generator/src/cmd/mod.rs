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

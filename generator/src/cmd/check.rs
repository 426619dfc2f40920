//! `generator check`: load and render the whole site in memory, write nothing, and report.

use std::path::Path;

use anyhow::Result;
use generator::site::{BuildOptions, Site};

/// Checks the site at `root`; every problem is returned, none is written to disk.
pub fn run(root: &Path, base_path: Option<String>) -> Result<()> {
    let site = Site::load(root, &BuildOptions { base_path })?;
    let files = site.render()?;
    println!("ok: {} pages, {} files, no problems", site.content.pages.len(), files.len());
    Ok(())
}

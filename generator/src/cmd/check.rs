//! `generator check`: load and render the whole site in memory, write nothing, and report.

use std::path::Path;

use anyhow::{bail, Result};
use generator::diagnostics::Problems;
use generator::preview;
use generator::site::{BuildOptions, Site};
use generator::weight;

/// Checks the site at `root`; every problem is returned, none is written to disk. With
/// `page_weight`, it also reports the bytes per page type and fails when one is over budget.
pub fn run(root: &Path, base_path: Option<String>, page_weight: bool) -> Result<()> {
    let site = Site::load(root, &BuildOptions { base_path })?;
    let files = site.render()?;
    let markers = preview::markers::check(&site, &preview::markers::in_sorted(&files));
    Problems(markers).into_result(())?;
    println!(
        "ok: {} pages, {} files, no problems",
        site.content.pages.len(),
        files.len()
    );
    if page_weight {
        let weights = weight::measure(&files, &site.config.base_path);
        println!("\n{}", weight::table(&weights));
        let over: Vec<&str> = weights
            .iter()
            .filter(|w| !w.within_budget())
            .map(|w| w.kind)
            .collect();
        if !over.is_empty() {
            bail!("over the page-weight budget: {}", over.join(", "));
        }
    }
    Ok(())
}

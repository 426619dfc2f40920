//! `generator build`: load, render and write the site, then print a one-line summary.

use std::path::Path;
use std::time::Instant;

use anyhow::Result;
use generator::output::{precompressed, write_site};
use generator::site::{BuildOptions, Site};

/// Builds the site at `root` into `out`; on any problem, `out` stays as it was.
pub fn run(root: &Path, out: &Path, base_path: Option<String>) -> Result<()> {
    let started = Instant::now();
    let site = Site::load(root, &BuildOptions { base_path })?;
    let mut files = site.render()?;
    if site.config.precompress {
        let compressed = precompressed(&files);
        files.extend(compressed);
    }
    write_site(out, &files)?;
    let per_language: Vec<String> = site
        .config
        .languages
        .iter()
        .map(|language| format!("{} {}", site.content.pages_in(&language.code).count(), language.code))
        .collect();
    let bytes: usize = files.iter().map(|file| file.bytes.len()).sum();
    println!(
        "built {} pages ({}), {} files, {} KB into {} in {} ms",
        site.content.pages.len(),
        per_language.join(", "),
        files.len(),
        bytes / 1024,
        out.display(),
        started.elapsed().as_millis()
    );
    Ok(())
}

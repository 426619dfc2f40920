//! `generator build`: load the site, render it and write each file as soon as it is ready,
//! then swap the new build in and print a one-line summary.

use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Instant;

use anyhow::Result;
use generator::diagnostics::Problem;
use generator::output::OutputFile;
use generator::output::{precompressed_copy, StagedOutput};

/// Builds the site at `root` into `out`; on any problem, `out` stays as it was.
pub fn run(root: &Path, out: &Path, base_path: Option<String>) -> Result<()> {
    let started = Instant::now();
    let site = super::load_published(root, base_path)?;
    let staged = StagedOutput::create(out)?;
    let (files, bytes) = (AtomicUsize::new(0), AtomicUsize::new(0));
    // One write error (a full disk, say) is reported once, not once per remaining file.
    let failed = AtomicBool::new(false);
    let write = |file: &OutputFile| -> Result<(), Problem> {
        if failed.load(Ordering::Relaxed) {
            return Ok(());
        }
        staged.write(file).map_err(|error| {
            failed.store(true, Ordering::Relaxed);
            Problem::new(
                out.join(&file.path),
                0,
                format!("{error:#}; check the output folder's permissions and free space"),
            )
        })?;
        files.fetch_add(1, Ordering::Relaxed);
        bytes.fetch_add(file.bytes.len(), Ordering::Relaxed);
        Ok(())
    };
    site.render_each(&|file| {
        if site.config.precompress {
            if let Some(compressed) = precompressed_copy(&file) {
                write(&compressed)?;
            }
        }
        write(&file)
    })?;
    // Dropping `staged` on an error above removed the staging folder; now swap it in.
    staged.finish()?;
    println!(
        "built {}, {} files, {} KB into {} in {} ms",
        super::describe_pages(&site),
        files.into_inner(),
        bytes.into_inner() / 1024,
        out.display(),
        started.elapsed().as_millis()
    );
    Ok(())
}

//! The one writer: puts a rendered site on disk, and owns the type of a built file
//! (`OutputFile`) that every stage producing files hands to it. It writes into a temporary sibling folder
//! and swaps it in only when every file is written, so a failed or interrupted build leaves
//! the previous site untouched. It refuses to replace a folder that does not look like a
//! previous build, so a mistyped `--out` cannot delete someone's files.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};

/// One file of the built site: its path below the output folder, its bytes, and, for an HTML
/// page, what kind of page it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path with `/` separators, e.g. `de/soc-2/index.html`.
    pub path: String,
    /// The file's content.
    pub bytes: Vec<u8>,
    /// The kind of page, set by the stage that rendered it; `None` for every other file.
    /// Later stages (the page-weight gate) read it here instead of guessing it from the
    /// theme's HTML, which a theme override may change freely.
    pub page: Option<PageKind>,
}

impl OutputFile {
    /// Returns a file that is not an HTML page: an asset, data, or a host configuration file.
    pub fn new(path: impl Into<String>, bytes: Vec<u8>) -> OutputFile {
        OutputFile {
            path: path.into(),
            bytes,
            page: None,
        }
    }

    /// Returns an HTML page of a kind.
    pub fn page(kind: PageKind, path: impl Into<String>, bytes: Vec<u8>) -> OutputFile {
        OutputFile {
            path: path.into(),
            bytes,
            page: Some(kind),
        }
    }
}

/// The kinds of HTML page a site is built of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    /// A content page with the `page` template: a page of the guide.
    Guide,
    /// A content page with the `checklist` template: the interactive vendor checklist.
    Checklist,
    /// A language's search page.
    Search,
    /// A language's print view: the whole guide on one page.
    Print,
    /// A small page at a moved page's former URL that sends the reader on.
    Redirect,
    /// The root page, where a reader chooses a language.
    Root,
    /// The one 404 page.
    NotFound,
}

/// Files whose presence marks a folder as a previous build of this generator.
const BUILD_MARKERS: &[&str] = &["index.html", "404.html", "sitemap.xml"];

/// A build being written: files go into a staging folder beside `out` as they come (from any
/// thread), and `finish` swaps it in. Dropped without `finish`, for example because rendering
/// failed, it removes the staging folder, so the previous site stays untouched.
pub struct StagedOutput {
    out: PathBuf,
    staging: PathBuf,
    previous: PathBuf,
}

impl StagedOutput {
    /// Checks that `out` may be replaced and creates an empty staging folder beside it.
    pub fn create(out: &Path) -> Result<StagedOutput> {
        if out.exists() && !looks_like_a_build(out)? {
            bail!(
                "refusing to replace `{}`: it is not empty and does not look like a previous build; choose another `--out` folder",
                out.display()
            );
        }
        let parent = match out.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent)
            .with_context(|| format!("cannot create `{}`", parent.display()))?;
        let name = out
            .file_name()
            .context("the output folder needs a name")?
            .to_string_lossy()
            .to_string();
        let staging = parent.join(format!("{name}.tmp-{}", std::process::id()));
        let previous = parent.join(format!("{name}.old-{}", std::process::id()));
        if staging.exists() {
            std::fs::remove_dir_all(&staging)
                .with_context(|| format!("cannot clear `{}`", staging.display()))?;
        }
        std::fs::create_dir_all(&staging)
            .with_context(|| format!("cannot create `{}`", staging.display()))?;
        Ok(StagedOutput {
            out: out.to_path_buf(),
            staging,
            previous,
        })
    }

    /// Writes one file into the staging folder.
    pub fn write(&self, file: &OutputFile) -> Result<()> {
        let relative = Path::new(&file.path);
        if relative.is_absolute()
            || relative
                .components()
                .any(|part| !matches!(part, std::path::Component::Normal(_)))
        {
            bail!(
                "refusing to write `{}`: output paths must stay inside the output folder",
                file.path
            );
        }
        let path = self.staging.join(relative);
        // Most files go into a folder an earlier file made: try the write first, and create
        // the folder only when it is missing (one system call per file instead of three).
        let written = match std::fs::write(&path, &file.bytes) {
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                if let Some(parent) = path.parent() {
                    std::fs::create_dir_all(parent)
                        .with_context(|| format!("cannot create `{}`", parent.display()))?;
                }
                std::fs::write(&path, &file.bytes)
            }
            written => written,
        };
        written.with_context(|| format!("cannot write `{}`", path.display()))
    }

    /// Swaps the staging folder in for `out`, putting the previous build back if that fails.
    pub fn finish(self) -> Result<()> {
        let (out, staging, previous) = (&self.out, &self.staging, &self.previous);
        if out.exists() {
            std::fs::rename(out, previous).with_context(|| {
                format!("cannot move the previous build `{}` aside", out.display())
            })?;
        }
        if let Err(error) = std::fs::rename(staging, out) {
            if previous.exists() {
                let _ = std::fs::rename(previous, out);
            }
            return Err(error)
                .with_context(|| format!("cannot move the new build into `{}`", out.display()));
        }
        if previous.exists() {
            std::fs::remove_dir_all(previous).with_context(|| {
                format!("cannot remove the previous build `{}`", previous.display())
            })?;
        }
        Ok(())
    }
}

impl Drop for StagedOutput {
    fn drop(&mut self) {
        // After `finish` the staging folder has become `out` and no longer exists here.
        if self.staging.exists() {
            let _ = std::fs::remove_dir_all(&self.staging);
        }
    }
}

/// File types worth compressing: text, and wasm, which gzip shrinks well too.
const COMPRESSIBLE: &[&str] = &[
    ".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".wasm", ".bin",
];

/// Returns a gzip-compressed copy (`<path>.gz`) of a compressible file if gzip makes it
/// smaller, so servers can send it as it is (nginx `gzip_static`). The gzip header carries no
/// time or name, so the bytes depend on the input alone.
pub fn precompressed_copy(file: &OutputFile) -> Option<OutputFile> {
    if !COMPRESSIBLE
        .iter()
        .any(|extension| file.path.ends_with(extension))
    {
        return None;
    }
    let bytes = gzip(&file.bytes);
    (bytes.len() < file.bytes.len()).then(|| OutputFile::new(format!("{}.gz", file.path), bytes))
}

/// Compresses bytes with gzip at the highest level, without a timestamp.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut encoder = flate2::GzBuilder::new()
        .mtime(0)
        .write(Vec::new(), flate2::Compression::best());
    encoder
        .write_all(bytes)
        .expect("writing to memory cannot fail");
    encoder.finish().expect("writing to memory cannot fail")
}

/// Tells whether a folder is empty or holds a previous build.
fn looks_like_a_build(dir: &Path) -> Result<bool> {
    if !dir.is_dir() {
        return Ok(false);
    }
    let empty = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read `{}`", dir.display()))?
        .next()
        .is_none();
    Ok(empty
        || BUILD_MARKERS
            .iter()
            .all(|marker| dir.join(marker).is_file()))
}

//! `bench search`: the search budgets of issue 12, printed, not asserted. For each size it
//! writes the synthetic corpus, builds it with search and without (`search = false`, the same
//! content through a symlink) in interleaved rounds, and reports the index's build overhead,
//! its size, and what a first query downloads: the engine (glue + wasm), the page's search
//! module, the manifest, the term chunks the query needs and the fragment chunks of the ten
//! results shown, all gzip-compressed as a server sends them. The engine is `search_core`
//! natively, the code the browser runs, so the chunks counted are the ones the page fetches.
//! Where a Pagefind binary is given, it indexes the same built site for comparison.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use search_core::Engine;

use crate::corpus::{Corpus, LANGUAGES};
use crate::measure::median;

/// The options of `bench search`.
#[derive(Debug, clap::Args)]
pub struct SearchArgs {
    /// Pages per language, one size after another.
    #[arg(long, value_delimiter = ',', default_values_t = [1000, 5000])]
    pub sizes: Vec<usize>,
    /// Measured builds per variant and size (after one warm-up build each).
    #[arg(long, default_value_t = 3)]
    pub runs: usize,
    /// Where corpora and outputs go (kept out of git).
    #[arg(long, default_value = "bench/corpus")]
    pub dir: PathBuf,
    /// Our generator's release binary.
    #[arg(long, default_value = "target/release/generator")]
    pub generator: PathBuf,
    /// The committed search bundle (glue and wasm).
    #[arg(long, default_value = "search-wasm/pkg")]
    pub bundle: PathBuf,
    /// The page's search module.
    #[arg(long, default_value = "theme/static/search.js")]
    pub module: PathBuf,
    /// A Pagefind binary to compare with (`bench/run-search.sh` installs npm `pagefind`).
    #[arg(long)]
    pub pagefind: Option<PathBuf>,
}

/// Budgets from the issue, in bytes and ratios.
const BUILD_OVERHEAD_BUDGET: f64 = 0.25;
const FIRST_QUERY_BUDGET: u64 = 100 * 1024;
const BUNDLE_BUDGET: u64 = 60 * 1024;
/// Results a query shows, whose fragments it fetches.
const SHOWN: u32 = 10;

/// Runs the search benchmark and prints its report.
pub fn run(args: &SearchArgs, seed: u64) -> Result<()> {
    if args.runs == 0 {
        bail!("`--runs` must be at least 1");
    }
    let generator = std::fs::canonicalize(&args.generator).with_context(|| {
        format!(
            "`{}` is missing: run `cargo build --release -p generator` first",
            args.generator.display()
        )
    })?;
    let glue = gzip_len(&std::fs::read(args.bundle.join("search.js"))?);
    let wasm = gzip_len(&std::fs::read(args.bundle.join("search_bg.wasm"))?);
    let module = gzip_len(&std::fs::read(&args.module)?);
    println!("# Search benchmark\n");
    println!(
        "Engine: glue {:.1} KB + wasm {:.1} KB = {:.1} KB gzip (budget 60 KB: {}); page module {:.1} KB gzip.\n",
        kb(glue),
        kb(wasm),
        kb(glue + wasm),
        pass(glue + wasm <= BUNDLE_BUDGET),
        kb(module)
    );
    for &pages in &args.sizes {
        size(args, &generator, seed, pages, glue + wasm + module)?;
    }
    Ok(())
}

/// Benchmarks one size.
fn size(
    args: &SearchArgs,
    generator: &Path,
    seed: u64,
    pages: usize,
    engine_bytes: u64,
) -> Result<()> {
    let dir = std::fs::canonicalize(&args.dir)
        .or_else(|_| {
            std::fs::create_dir_all(&args.dir)?;
            std::fs::canonicalize(&args.dir)
        })?
        .join(format!("search-{pages}"));
    let corpus = Corpus { seed, pages };
    if dir.exists() {
        std::fs::remove_dir_all(&dir)?;
    }
    crate::layout::write_all(&corpus, &dir)?;
    let with = dir.join("ours");
    let without = dir.join("ours-no-search");
    std::fs::create_dir_all(&without)?;
    std::os::unix::fs::symlink(with.join("content"), without.join("content"))?;
    let config = std::fs::read_to_string(with.join("site.toml"))?;
    std::fs::write(
        without.join("site.toml"),
        format!("search = false\n{config}"),
    )?;
    let build = |root: &Path, out: &Path| -> Result<f64> {
        if out.exists() {
            std::fs::remove_dir_all(out)?;
        }
        let started = Instant::now();
        let status = Command::new(generator)
            .args(["build", "--root"])
            .arg(root)
            .arg("--out")
            .arg(out)
            .stdout(std::process::Stdio::null())
            .status()?;
        if !status.success() {
            bail!("`generator build --root {}` failed", root.display());
        }
        Ok(started.elapsed().as_secs_f64())
    };
    let (out_with, out_without) = (dir.join("out-search"), dir.join("out-no-search"));
    build(&with, &out_with)?;
    build(&without, &out_without)?;
    let (mut times_with, mut times_without) = (Vec::new(), Vec::new());
    for _ in 0..args.runs {
        times_without.push(build(&without, &out_without)?);
        times_with.push(build(&with, &out_with)?);
    }
    let (t_with, t_without) = (median(&times_with), median(&times_without));
    let overhead = t_with / t_without - 1.0;
    println!("## N = {pages} pages per language\n");
    println!(
        "- Build: {t_without:.2} s without search, {t_with:.2} s with (median of {}): index overhead {:+.1} % (budget +25 %: {}).",
        args.runs,
        overhead * 100.0,
        pass(overhead <= BUILD_OVERHEAD_BUDGET)
    );
    for language in &LANGUAGES {
        // The language's one index folder, named by its content's hash.
        let index = std::fs::read_dir(out_with.join(format!("search-index/{}", language.code)))?
            .next()
            .ok_or_else(|| anyhow::anyhow!("no search index for `{}`", language.code))??
            .path();
        let (files, raw, gz) = folder_size(&index)?;
        println!(
            "- Index `{}`: {files} files, {:.1} MB raw, {:.1} MB gzip (each file is fetched alone).",
            language.code,
            raw as f64 / 1e6,
            gz as f64 / 1e6
        );
        let mut engine = Engine::new(&std::fs::read(index.join("manifest.bin"))?)
            .map_err(|error| anyhow::anyhow!("{error}"))?;
        let manifest_gz = gzip_len(&std::fs::read(index.join("manifest.bin"))?);
        let heading = corpus
            .outline(pages / 2, language)
            .into_iter()
            .next()
            .map(|(_, text)| text)
            .unwrap_or_default();
        let word = heading.split(' ').next().unwrap_or_default().to_string();
        let prefix: String = word.chars().take(4).collect();
        for query in [heading.as_str(), word.as_str(), prefix.as_str()] {
            let (bytes, millis) = first_query(&mut engine, &index, query)?;
            let total = engine_bytes + manifest_gz + bytes;
            println!(
                "  - first query {query:?}: {:.1} KB gzip in all (engine {:.1} + manifest {:.1} + chunks {:.1}; budget 100 KB: {}); ranked and excerpted natively in {millis:.1} ms",
                kb(total),
                kb(engine_bytes),
                kb(manifest_gz),
                kb(bytes),
                pass(total <= FIRST_QUERY_BUDGET)
            );
            // Each query starts cold, as a reader's first query does.
            engine = Engine::new(&std::fs::read(index.join("manifest.bin"))?)
                .map_err(|error| anyhow::anyhow!("{error}"))?;
        }
    }
    if let Some(pagefind) = &args.pagefind {
        let started = Instant::now();
        let output = Command::new(pagefind)
            .args(["--site"])
            .arg(&out_with)
            .args(["--output-subdir", "pagefind-bench"])
            .output()
            .context("cannot run Pagefind")?;
        let seconds = started.elapsed().as_secs_f64();
        if !output.status.success() {
            println!(
                "- Pagefind: failed to run: {}",
                String::from_utf8_lossy(&output.stderr)
                    .lines()
                    .last()
                    .unwrap_or("")
            );
        } else {
            let bundle = out_with.join("pagefind-bench");
            let (files, raw, _) = folder_size(&bundle)?;
            let fixed = ["pagefind.js", "pagefind-entry.json"]
                .iter()
                .map(|name| {
                    std::fs::read(bundle.join(name))
                        .map(|b| gzip_len(&b))
                        .unwrap_or(0)
                })
                .sum::<u64>()
                + largest_with(&bundle, "wasm.")?
                + largest_with(&bundle, ".pf_meta")?;
            let chunk = median_size(&bundle.join("index"))?;
            let fragment = median_size(&bundle.join("fragment"))?;
            // Pagefind's files are gzip-compressed already (its `.pf_*` files and wasm).
            let estimate = fixed + chunk + 5 * fragment;
            let ours = t_with - t_without;
            let speed = if ours > 0.02 {
                format!("{:.1}× faster than Pagefind", seconds / ours)
            } else {
                "below the timing noise at this size".to_string()
            };
            println!(
                "- Pagefind {}: indexed the same {} pages in {seconds:.2} s (ours: the whole build with search takes {t_with:.2} s, the index {:.2} s of it: {speed}); {files} files, {:.1} MB. A first one-word query fetches about {:.1} KB: its JS, entry, wasm and meta ({:.1} KB), one index chunk (median {:.1} KB) and the 5 fragments its default UI shows (median {:.1} KB each) — an estimate from file sizes, not a browser trace.",
                first_line(pagefind),
                pages * 2,
                ours.max(0.0),
                raw as f64 / 1e6,
                kb(estimate),
                kb(fixed),
                kb(chunk),
                kb(fragment)
            );
        }
    }
    println!();
    std::fs::remove_dir_all(&dir).ok();
    Ok(())
}

/// Runs one query cold and returns the gzip bytes of the chunks it fetched and the native
/// time to rank and build the shown results once they are loaded.
fn first_query(engine: &mut Engine, index: &Path, query: &str) -> Result<(u64, f64)> {
    let mut bytes = 0;
    let plan = engine.plan(query);
    for chunk in engine.chunks_needed(&plan) {
        let data = std::fs::read(index.join(format!("t/{chunk}.bin")))?;
        bytes += gzip_len(&data);
        engine
            .add_term_chunk(chunk, &data)
            .map_err(|error| anyhow::anyhow!("{error}"))?;
    }
    let hits = engine.rank(&plan);
    let shown = &hits[..hits.len().min(SHOWN as usize)];
    for chunk in engine.fragments_needed(shown) {
        let data = std::fs::read(index.join(format!("f/{chunk}.bin")))?;
        bytes += gzip_len(&data);
        engine
            .add_fragment_chunk(chunk, &data)
            .map_err(|error| anyhow::anyhow!("{error}"))?;
    }
    let started = Instant::now();
    let hits = engine.rank(&plan);
    let shown = &hits[..hits.len().min(SHOWN as usize)];
    let results = engine.results(&plan, shown);
    let millis = started.elapsed().as_secs_f64() * 1000.0;
    if results.is_empty() {
        bail!("query {query:?} found nothing");
    }
    Ok((bytes, millis))
}

fn folder_size(dir: &Path) -> Result<(usize, u64, u64)> {
    let (mut files, mut raw, mut gz) = (0, 0, 0);
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry?;
        if entry.file_type().is_file() {
            let data = std::fs::read(entry.path())?;
            files += 1;
            raw += data.len() as u64;
            gz += gzip_len(&data);
        }
    }
    Ok((files, raw, gz))
}

fn largest_with(dir: &Path, part: &str) -> Result<u64> {
    let mut largest = 0;
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_name().to_string_lossy().contains(part) {
            largest = largest.max(entry.metadata()?.len());
        }
    }
    Ok(largest)
}

fn median_size(dir: &Path) -> Result<u64> {
    let mut sizes = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        sizes.push(entry?.metadata()?.len() as f64);
    }
    Ok(median(&sizes) as u64)
}

fn gzip_len(bytes: &[u8]) -> u64 {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder
        .write_all(bytes)
        .expect("writing to memory cannot fail");
    encoder
        .finish()
        .expect("writing to memory cannot fail")
        .len() as u64
}

fn first_line(program: &Path) -> String {
    crate::measure::first_line_of(&program.to_string_lossy(), &["--version"])
}

fn kb(bytes: u64) -> f64 {
    bytes as f64 / 1024.0
}

fn pass(ok: bool) -> &'static str {
    if ok {
        "pass"
    } else {
        "FAIL"
    }
}

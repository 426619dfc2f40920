//! `bench search`: the search budgets of issue 12, printed, not asserted. For each size it
//! writes the synthetic corpus, builds it with search and without (`search = false`, the same
//! content through a symlink) in interleaved rounds, each run starting as `measure::Job` sets
//! it up (previous output moved aside, not deleted; `sync`; inputs in the page cache), and
//! reports wall and CPU time, the index's build overhead,
//! its size, and what a first query downloads: the engine (glue + wasm), the page's search
//! module, the manifest, the term chunks the query needs and the fragment chunks of the ten
//! results shown, all gzip-compressed as a server sends them. The engine is `search_core`
//! natively, the code the browser runs, so the chunks counted are the ones the page fetches.
//! Where a Pagefind binary is given, it indexes the same built site for comparison.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{bail, Context, Result};
use search_core::Engine;

use crate::corpus::{Corpus, LANGUAGES};
use crate::measure::{median, settled_file_creation, Job, Sample, Trash};

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
    /// The longest wait, in seconds, for a file system slowed by recent mass deletions to
    /// recover before a size's builds (0: measure at once).
    #[arg(long, default_value_t = 600)]
    pub settle_seconds: u64,
}

/// Budgets from the issue, in bytes and ratios.
const BUILD_OVERHEAD_BUDGET: f64 = 0.25;
const PAGEFIND_SPEEDUP_BUDGET: f64 = 10.0;
const FIRST_QUERY_BUDGET: u64 = 100 * 1024;
const BUNDLE_BUDGET: u64 = 60 * 1024;
/// What creating an empty file cost on a freshly made ext4 without a journal on this
/// benchmark's machine (`file_creation_micros`), in microseconds.
const FRESH_FILE_MICROS: f64 = 15.0;
/// Creating a file costs more than this many times `FRESH_FILE_MICROS`: the file system is
/// slow, and the builds wait for it (up to `--settle-seconds`).
const SLOW_FILE_FACTOR: f64 = 3.0;
/// How long to wait between two probes of a slow file system.
const SETTLE_PROBE_SECONDS: u64 = 30;
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
    std::fs::create_dir_all(&args.dir)
        .with_context(|| format!("cannot create `{}`", args.dir.display()))?;
    let dir = std::fs::canonicalize(&args.dir)?;
    // Outputs are moved aside, not deleted, until every size is measured: see `Trash`.
    let trash = Trash::in_folder(&dir)?;
    for &pages in &args.sizes {
        size(
            args,
            &generator,
            seed,
            pages,
            glue + wasm + module,
            &dir,
            &trash,
        )?;
    }
    trash.empty()
}

/// Benchmarks one size.
fn size(
    args: &SearchArgs,
    generator: &Path,
    seed: u64,
    pages: usize,
    engine_bytes: u64,
    base: &Path,
    trash: &Trash,
) -> Result<()> {
    let dir = base.join(format!("search-{pages}"));
    let corpus = Corpus { seed, pages };
    trash.discard(&dir)?;
    crate::layout::write_all(&corpus, &dir)?;
    // Timed before the builds: a slow file system slows them all (see the report), so they
    // wait for it to recover, as long as `--settle-seconds` allows.
    let probe = settled_file_creation(
        base,
        trash,
        SLOW_FILE_FACTOR * FRESH_FILE_MICROS,
        std::time::Duration::from_secs(args.settle_seconds),
        std::time::Duration::from_secs(SETTLE_PROBE_SECONDS),
    )?;
    let with = dir.join("ours");
    let without = dir.join("ours-no-search");
    std::fs::create_dir_all(&without)?;
    std::os::unix::fs::symlink(with.join("content"), without.join("content"))?;
    let config = std::fs::read_to_string(with.join("site.toml"))?;
    std::fs::write(
        without.join("site.toml"),
        format!("search = false\n{config}"),
    )?;
    let (out_with, out_without) = (dir.join("out-search"), dir.join("out-no-search"));
    let build = |name: &str, root: &Path, out: &Path| Job {
        name: name.to_string(),
        argv: [
            generator,
            Path::new("build"),
            Path::new("--root"),
            root,
            Path::new("--out"),
            out,
        ]
        .iter()
        .map(|part| part.to_string_lossy().to_string())
        .collect(),
        outputs: vec![out.to_path_buf()],
        // The content is `with`'s (the other root links to it).
        inputs: vec![generator.to_path_buf(), with.clone()],
    };
    let job_with = build("with search", &with, &out_with);
    let job_without = build("without search", &without, &out_without);
    // Pagefind indexes the site built with search, into a folder of its own inside it, so it
    // runs right after that build, before the next one moves the site aside.
    let job_pagefind = args.pagefind.as_ref().map(|pagefind| Job {
        name: "Pagefind".to_string(),
        argv: vec![
            pagefind.to_string_lossy().to_string(),
            "--site".to_string(),
            out_with.to_string_lossy().to_string(),
            "--output-subdir".to_string(),
            "pagefind-bench".to_string(),
        ],
        outputs: vec![out_with.join("pagefind-bench")],
        inputs: vec![
            pagefind
                .parent()
                .and_then(Path::parent)
                .unwrap_or(pagefind)
                .to_path_buf(),
            out_with.clone(),
        ],
    });
    let scratch = dir.join("scratch");
    std::fs::create_dir_all(&scratch)?;
    let (mut samples_with, mut samples_without, mut samples_pagefind) =
        (Vec::new(), Vec::new(), Vec::new());
    let mut pagefind_error = None;
    // One warm-up round, then `runs` rounds in an order that alternates, so that machine
    // noise hits both variants alike.
    for round in 0..=args.runs {
        let warm_up = round == 0;
        let mut run_without = || -> Result<()> {
            let sample = job_without.run(&scratch, trash)?;
            if !warm_up {
                samples_without.push(sample);
            }
            Ok(())
        };
        if round % 2 == 1 {
            run_without()?;
        }
        let sample = job_with.run(&scratch, trash)?;
        if !warm_up {
            samples_with.push(sample);
        }
        if let Some(job) = &job_pagefind {
            match job.run(&scratch, trash) {
                Ok(sample) if !warm_up => samples_pagefind.push(sample),
                Ok(_) => {}
                Err(error) => pagefind_error = Some(format!("{error:#}")),
            }
        }
        if round % 2 == 0 {
            run_without()?;
        }
    }
    let wall = |samples: &[Sample]| median(&samples.iter().map(|s| s.seconds).collect::<Vec<_>>());
    let cpu =
        |samples: &[Sample]| median(&samples.iter().map(|s| s.cpu_seconds).collect::<Vec<_>>());
    let (t_with, t_without) = (wall(&samples_with), wall(&samples_without));
    let (cpu_with, cpu_without) = (cpu(&samples_with), cpu(&samples_without));
    let overhead = t_with / t_without - 1.0;
    // The spread of each variant's builds, so a reader sees how much of the overhead is noise.
    let range = |samples: &[Sample]| {
        let walls = samples.iter().map(|s| s.seconds);
        let (low, high) = walls.fold((f64::MAX, 0.0_f64), |(low, high), t| {
            (low.min(t), high.max(t))
        });
        format!("{low:.2}–{high:.2} s")
    };
    println!("## N = {pages} pages per language\n");
    println!(
        "- File system, before the builds: {:.0} µs to create a file (a fresh ext4 \
         here: about {FRESH_FILE_MICROS:.0} µs){}{}.",
        probe.micros,
        if probe.waited.is_zero() {
            String::new()
        } else {
            format!(
                ", after waiting {} s for it to recover from {:.0} µs",
                probe.waited.as_secs(),
                probe.first_micros
            )
        },
        if probe.micros > SLOW_FILE_FACTOR * FRESH_FILE_MICROS {
            ": slow, as within minutes of deleting many files there, which makes every build \
             measured now slower, and the index's thousands of files most (see \"Method\" in \
             `bench/README.md`)"
        } else {
            ""
        }
    );
    println!(
        "- Build: {t_without:.2} s without search, {t_with:.2} s with (wall, median of {}; ranges {} and {}): index overhead {:+.1} % (budget +25 %: {}). CPU (user + system): {cpu_without:.2} s and {cpu_with:.2} s, {:+.1} %.",
        args.runs,
        range(&samples_without),
        range(&samples_with),
        overhead * 100.0,
        pass(overhead <= BUILD_OVERHEAD_BUDGET),
        (cpu_with / cpu_without - 1.0) * 100.0
    );
    let mut largest_query = 0;
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
            largest_query = largest_query.max(total);
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
    if let Some(error) = pagefind_error {
        println!(
            "- Pagefind: failed to run: {}",
            error.lines().last().unwrap_or("")
        );
    } else if let Some(pagefind) = &args.pagefind {
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
        let (seconds, pagefind_cpu) = (wall(&samples_pagefind), cpu(&samples_pagefind));
        let (ours, ours_cpu) = (t_with - t_without, cpu_with - cpu_without);
        let speed = if ours > 0.02 {
            let speedup = seconds / ours;
            format!(
                "{speedup:.1}× faster than Pagefind (budget 10×: {}; by CPU time {:.1}×)",
                pass(speedup >= PAGEFIND_SPEEDUP_BUDGET),
                pagefind_cpu / ours_cpu.max(0.001)
            )
        } else {
            "below the timing noise at this size".to_string()
        };
        println!(
            "- Pagefind {}: indexed the same {} pages in {seconds:.2} s wall, {pagefind_cpu:.2} s CPU (median of {}; ours: the whole build with search takes {t_with:.2} s, the index {:.2} s wall and {:.2} s CPU of it: {speed}); {files} files, {:.1} MB. A first one-word query fetches about {:.1} KB: its JS, entry, wasm and meta ({:.1} KB), one index chunk (median {:.1} KB) and the 5 fragments its default UI shows (median {:.1} KB each) — an estimate from file sizes, not a browser trace. Our largest first query above: {:.1} KB (no more than Pagefind: {}).",
            first_line(pagefind),
            pages * 2,
            args.runs,
            ours.max(0.0),
            ours_cpu.max(0.0),
            raw as f64 / 1e6,
            kb(estimate),
            kb(fixed),
            kb(chunk),
            kb(fragment),
            kb(largest_query),
            pass(largest_query <= estimate)
        );
    }
    println!();
    // Moved aside, not deleted, so the next size does not pay for the deletion.
    trash.discard(&dir)
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

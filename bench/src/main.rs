//! `bench`: benchmarks our site generator against Hugo and mdBook on a synthetic bilingual
//! corpus. `bench corpus` writes the corpus (ours, Hugo's and mdBook's layout); `bench run`
//! writes it for each size, builds it with every tool in interleaved rounds and prints a
//! Markdown report. Installing the peers is left to `bench/run.sh`; the corpus model is in
//! `corpus`, the layouts in `layout`, measuring in `measure`, the table in `report`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand};

mod corpus;
mod layout;
mod measure;
mod report;
mod search;
mod serve;

use corpus::{Corpus, DEFAULT_SEED};
use measure::{first_line_of, Job, Trash};
use report::{Environment, PageWeight, Role, Row, SizeResult};

/// Benchmarks the site generator against Hugo and mdBook.
#[derive(Debug, Parser)]
#[command(name = "bench", about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Write the synthetic corpus in every generator's layout.
    Corpus {
        /// Pages per language, the home page included.
        #[arg(long, default_value_t = 1000)]
        pages: usize,
        /// The seed of every random choice.
        #[arg(long, default_value_t = DEFAULT_SEED)]
        seed: u64,
        /// The folder to write `ours/`, `hugo/` and `mdbook/` into.
        #[arg(long)]
        dir: PathBuf,
    },
    /// Write the corpus at each size, build it with every tool and print the report.
    Run(RunArgs),
    /// Measure `generator serve` on the guide and on the corpus: edit → page served, idle CPU.
    Serve(ServeArgs),
    /// Print the search budgets: index build overhead, index size, bytes of a first query,
    /// and Pagefind side by side when its binary is given.
    Search(search::SearchArgs),
}

#[derive(Debug, clap::Args)]
struct ServeArgs {
    /// Pages per language of the corpus (the guide is measured as it is).
    #[arg(long, default_value_t = 5000)]
    pages: usize,
    /// Body edits, and as many title edits, per site.
    #[arg(long, default_value_t = 5)]
    edits: usize,
    /// Seconds of idling over which the server's CPU time is measured.
    #[arg(long, default_value_t = 5.0)]
    idle_seconds: f64,
    /// The seed of every random choice.
    #[arg(long, default_value_t = DEFAULT_SEED)]
    seed: u64,
    /// The guide's root (`site.toml`, `content/`, `theme/`), copied before it is edited.
    #[arg(long, default_value = ".")]
    guide: PathBuf,
    /// Where the copies and the corpus go (kept out of git).
    #[arg(long, default_value = "bench/corpus")]
    dir: PathBuf,
    /// Our generator's release binary.
    #[arg(long, default_value = "target/release/generator")]
    generator: PathBuf,
}

#[derive(Debug, clap::Args)]
struct RunArgs {
    /// Pages per language, one size after another.
    #[arg(long, value_delimiter = ',', default_values_t = [1000, 5000])]
    sizes: Vec<usize>,
    /// Measured runs per tool and size (after one warm-up run).
    #[arg(long, default_value_t = 3)]
    runs: usize,
    /// The seed of every random choice.
    #[arg(long, default_value_t = DEFAULT_SEED)]
    seed: u64,
    /// Where corpora and outputs go (kept out of git).
    #[arg(long, default_value = "bench/corpus")]
    dir: PathBuf,
    /// Our generator's release binary.
    #[arg(long, default_value = "target/release/generator")]
    generator: PathBuf,
    /// The Hugo binary.
    #[arg(long, default_value = "hugo")]
    hugo: String,
    /// The mdBook binary.
    #[arg(long, default_value = "mdbook")]
    mdbook: String,
    /// A tool whose warm-up run takes longer than this is not repeated: its warm-up is its one sample.
    #[arg(long, default_value_t = 120.0)]
    slow_seconds: f64,
    /// Skip mdBook above this many pages per language (it is single-threaded and slow at scale).
    #[arg(long)]
    mdbook_max_pages: Option<usize>,
    /// Keep the built outputs (several GB at N = 5000) instead of removing them after each size.
    #[arg(long)]
    keep_output: bool,
    /// Also write the report to this file.
    #[arg(long)]
    report: Option<PathBuf>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Corpus { pages, seed, dir } => {
            write_corpus(&Corpus { seed, pages }, &dir).map(|summary| {
                println!(
                    "wrote {} pages per language ({} words, {} bytes per page on average) into {}",
                    summary.pages_per_language,
                    summary.mean_words,
                    summary.mean_bytes,
                    dir.display()
                );
            })
        }
        Command::Run(args) => run(&args),
        Command::Serve(args) => run_serve(&args),
        Command::Search(args) => search::run(&args, DEFAULT_SEED),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("bench: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn write_corpus(corpus: &Corpus, dir: &Path) -> Result<layout::Summary> {
    if corpus.pages < 3 {
        bail!("a corpus needs at least 3 pages per language, so every page has others to link to");
    }
    layout::write_all(corpus, dir)
}

/// Measures `generator serve` on the guide and on the corpus and prints one table.
fn run_serve(args: &ServeArgs) -> Result<()> {
    if !args.generator.is_file() {
        bail!(
            "`{}` is missing: run `cargo build --release -p generator` first",
            args.generator.display()
        );
    }
    std::fs::create_dir_all(&args.dir)
        .with_context(|| format!("cannot create `{}`", args.dir.display()))?;
    let dir = std::fs::canonicalize(&args.dir)?;
    let guide = dir.join("serve-guide");
    serve::copy_guide(&args.guide, &guide)?;
    let guide_pages = std::fs::read_dir(guide.join("content/en"))?
        .filter_map(Result::ok)
        .filter(|entry| entry.path().extension().is_some_and(|ext| ext == "md"))
        .count();
    let corpus = dir.join(format!("serve-n{}", args.pages));
    eprintln!(
        "bench: writing the corpus with {} pages per language into {}",
        args.pages,
        corpus.display()
    );
    write_corpus(
        &Corpus {
            seed: args.seed,
            pages: args.pages,
        },
        &corpus,
    )?;
    let sites = [
        serve::ServedSite {
            name: "the guide".into(),
            root: guide,
            pages: guide_pages,
        },
        serve::ServedSite {
            name: "corpus".into(),
            root: corpus.join("ours"),
            pages: args.pages,
        },
    ];
    let idle = std::time::Duration::from_secs_f64(args.idle_seconds);
    let mut results = Vec::new();
    for site in &sites {
        eprintln!("bench: serving {} (N = {})", site.name, site.pages);
        results.push(serve::measure(&args.generator, site, args.edits, idle)?);
    }
    println!("{}", serve::report(&results));
    Ok(())
}

fn run(args: &RunArgs) -> Result<()> {
    if args.runs == 0 {
        bail!("`--runs` must be at least 1");
    }
    if !args.generator.is_file() {
        bail!(
            "`{}` is missing: run `cargo build --release -p generator` first",
            args.generator.display()
        );
    }
    let generator = std::fs::canonicalize(&args.generator)?
        .to_string_lossy()
        .to_string();
    // Each program is an input too: its binary is read into the page cache before each run.
    let programs = |name: &str, sources: PathBuf| {
        program_path(name)
            .into_iter()
            .chain([sources])
            .collect::<Vec<_>>()
    };
    let hugo_version = first_line_of(&args.hugo, &["version"]);
    let mdbook_version = first_line_of(&args.mdbook, &["--version"]);
    let environment = environment(&hugo_version, &mdbook_version);
    for line in &environment.lines {
        eprintln!("bench: {line}");
    }
    std::fs::create_dir_all(&args.dir)
        .with_context(|| format!("cannot create `{}`", args.dir.display()))?;
    let dir = std::fs::canonicalize(&args.dir)?;
    // Outputs are moved aside, not deleted, until every size is measured: see `Trash`.
    let trash = Trash::in_folder(&dir)?;
    let mut results = Vec::new();
    for &pages in &args.sizes {
        let root = dir.join(format!("n{pages}"));
        eprintln!(
            "bench: writing the corpus with {pages} pages per language into {}",
            root.display()
        );
        let summary = write_corpus(
            &Corpus {
                seed: args.seed,
                pages,
            },
            &root,
        )?;
        let out = root.join("out");
        let scratch = root.join("scratch");
        std::fs::create_dir_all(&scratch)?;
        let path = |relative: &str| root.join(relative).to_string_lossy().to_string();
        let mdbook_script =
            r#"set -e; "$0" build "$1" -d "$2" >/dev/null; "$0" build "$3" -d "$4" >/dev/null"#;
        let jobs = vec![
            (
                Role::Ours,
                Job {
                    name: "ours: `generator build`".into(),
                    argv: vec![
                        generator.clone(),
                        "build".into(),
                        "--root".into(),
                        path("ours"),
                        "--out".into(),
                        path("out/ours"),
                    ],
                    outputs: vec![out.join("ours")],
                    inputs: programs(&generator, root.join("ours")),
                },
            ),
            (
                Role::OursCheck,
                Job {
                    name: "ours: `generator check` (load + render, no write)".into(),
                    argv: vec![
                        generator.clone(),
                        "check".into(),
                        "--root".into(),
                        path("ours"),
                    ],
                    outputs: vec![],
                    inputs: programs(&generator, root.join("ours")),
                },
            ),
            (
                Role::Peer,
                Job {
                    name: format!("Hugo {}", short_version(&hugo_version)),
                    argv: vec![
                        args.hugo.clone(),
                        "--quiet".into(),
                        "--source".into(),
                        path("hugo"),
                        "--destination".into(),
                        path("out/hugo"),
                    ],
                    outputs: vec![out.join("hugo")],
                    inputs: programs(&args.hugo, root.join("hugo")),
                },
            ),
            (
                Role::Peer,
                Job {
                    name: format!(
                        "mdBook {} (two books, one after the other)",
                        short_version(&mdbook_version)
                    ),
                    argv: vec![
                        "sh".into(),
                        "-c".into(),
                        mdbook_script.into(),
                        args.mdbook.clone(),
                        path("mdbook/en"),
                        path("out/mdbook/en"),
                        path("mdbook/de"),
                        path("out/mdbook/de"),
                    ],
                    outputs: vec![out.join("mdbook")],
                    inputs: programs(&args.mdbook, root.join("mdbook")),
                },
            ),
            (
                Role::Floor,
                Job {
                    name: "`cp -r` of our output (I/O floor)".into(),
                    argv: vec![
                        "cp".into(),
                        "-r".into(),
                        path("out/ours"),
                        path("out/floor"),
                    ],
                    outputs: vec![out.join("floor")],
                    inputs: programs("cp", out.join("ours")),
                },
            ),
        ];
        let mut rows: Vec<Row> = jobs
            .iter()
            .map(|(role, job)| Row {
                name: job.name.clone(),
                role: *role,
                samples: Vec::new(),
                footprint: Default::default(),
                note: None,
            })
            .collect();
        let mut active: Vec<bool> = vec![true; jobs.len()];
        for (index, (role, job)) in jobs.iter().enumerate() {
            if *role == Role::Peer
                && job.name.starts_with("mdBook")
                && args.mdbook_max_pages.is_some_and(|max| pages > max)
            {
                active[index] = false;
                rows[index].note = Some(format!(
                    "skipped above {} pages per language",
                    args.mdbook_max_pages.unwrap_or(0)
                ));
            }
        }
        // One warm-up run each fills the page cache; a tool too slow to repeat keeps it as its sample.
        for (index, (_, job)) in jobs.iter().enumerate() {
            if !active[index] {
                continue;
            }
            eprintln!("bench: N={pages} warm-up: {}", job.name);
            let sample = job.run(&scratch, &trash)?;
            eprintln!(
                "bench:   {:.2} s, {} MiB",
                sample.seconds,
                sample.peak_rss_kib / 1024
            );
            if sample.seconds > args.slow_seconds && args.runs > 1 {
                rows[index].samples.push(sample);
                rows[index].note = Some(format!("1 run: the warm-up took {:.0} s", sample.seconds));
                active[index] = false;
            }
        }
        for round in 0..args.runs {
            // Rotating the order puts every tool in every position, so drift hits all alike.
            for step in 0..jobs.len() {
                let index = (round + step) % jobs.len();
                if !active[index] {
                    continue;
                }
                let job = &jobs[index].1;
                let sample = job.run(&scratch, &trash)?;
                eprintln!(
                    "bench: N={pages} run {}/{}: {}: {:.2} s, {} MiB",
                    round + 1,
                    args.runs,
                    job.name,
                    sample.seconds,
                    sample.peak_rss_kib / 1024
                );
                rows[index].samples.push(sample);
            }
        }
        for (row, (_, job)) in rows.iter_mut().zip(&jobs) {
            row.footprint = job.footprint();
        }
        let weight = page_weight(&out.join("ours"));
        results.push(SizeResult {
            corpus: summary,
            rows,
            weight,
        });
        if !args.keep_output {
            trash.discard(&out)?;
        }
    }
    eprintln!("bench: removing the outputs");
    trash.empty()?;
    let report = report::render(&environment, &results, args.runs);
    println!("{report}");
    if let Some(path) = &args.report {
        std::fs::write(path, &report)
            .with_context(|| format!("cannot write `{}`", path.display()))?;
    }
    Ok(())
}

/// Measures our content pages: their mean size and the mean size of their navigation list.
fn page_weight(out: &Path) -> PageWeight {
    let mut weight = PageWeight::default();
    let (mut bytes, mut nav_bytes) = (0u64, 0u64);
    for entry in walkdir::WalkDir::new(out)
        .min_depth(2)
        .into_iter()
        .filter_map(Result::ok)
    {
        if entry.file_name() != "index.html" {
            continue;
        }
        let Ok(html) = std::fs::read_to_string(entry.path()) else {
            continue;
        };
        // The generated search and print pages are not content pages: skip them by their body.
        if !html.contains("<article class=\"page\">") {
            continue;
        }
        weight.pages += 1;
        bytes += html.len() as u64;
        if let Some(start) = html.find("<nav class=\"site-nav\"") {
            let end = html[start..]
                .find("</nav>")
                .map_or(html.len(), |end| start + end + "</nav>".len());
            nav_bytes += (end - start) as u64;
        }
    }
    weight.mean_bytes = bytes.checked_div(weight.pages).unwrap_or(0);
    weight.mean_nav_bytes = nav_bytes.checked_div(weight.pages).unwrap_or(0);
    weight
}

/// Finds a program the way the shell does: a path as it is, a bare name on `PATH`.
fn program_path(program: &str) -> Option<PathBuf> {
    if program.contains('/') {
        return Some(PathBuf::from(program)).filter(|path| path.is_file());
    }
    let paths = std::env::var_os("PATH")?;
    std::env::split_paths(&paths)
        .map(|dir| dir.join(program))
        .find(|candidate| candidate.is_file())
}

/// Describes the machine and every tool's version.
fn environment(hugo_version: &str, mdbook_version: &str) -> Environment {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let cpu = cpuinfo
        .lines()
        .find_map(|line| {
            line.strip_prefix("model name")
                .map(|rest| rest.trim_start_matches([' ', '\t', ':']).to_string())
        })
        .unwrap_or_else(|| "unknown".into());
    let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let memory = meminfo
        .lines()
        .find_map(|line| line.strip_prefix("MemTotal:"))
        .and_then(|rest| {
            rest.trim()
                .trim_end_matches("kB")
                .trim()
                .parse::<u64>()
                .ok()
        })
        .map_or("unknown".into(), |kib| {
            format!("{:.1} GiB", kib as f64 / 1048576.0)
        });
    let threads = std::thread::available_parallelism().map_or(0, usize::from);
    let kernel = std::fs::read_to_string("/proc/sys/kernel/osrelease")
        .unwrap_or_default()
        .trim()
        .to_string();
    let commit = first_line_of("git", &["rev-parse", "--short", "HEAD"]);
    Environment {
        lines: vec![
            format!("Machine: {cpu}, nproc = {threads}, {memory} RAM, Linux {kernel}"),
            format!(
                "Ours: `generator` at commit {commit}, {}",
                first_line_of("rustc", &["--version"])
            ),
            format!("Hugo: `{hugo_version}`"),
            format!("mdBook: `{mdbook_version}`"),
        ],
    }
}

/// Returns the version number in a version line: `hugo v0.111.3+extended …` → `0.111.3`.
fn short_version(line: &str) -> String {
    line.split_whitespace()
        .find_map(|word| {
            let word = word.trim_start_matches('v');
            word.chars()
                .next()
                .filter(char::is_ascii_digit)
                .map(|_| word.split('+').next().unwrap_or(word).to_string())
        })
        .unwrap_or_else(|| "?".into())
}

//! Turns the samples of a benchmark run into the Markdown the README pastes: the machine
//! and tool versions, one table per corpus size, our output's size per page (and how much
//! of it is the navigation), and the targets with pass or fail. It computes nothing that
//! needs the disk or a process; `main` and `measure` gather everything first.

use std::fmt::Write as _;

use crate::layout::Summary;
use crate::measure::{median, Footprint, Sample};

/// What a row of the table is, which decides the ratios it gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// `generator build`: the subject.
    Ours,
    /// `generator check`: load and render without writing, to split the time into phases.
    OursCheck,
    /// A peer generator.
    Peer,
    /// `cp -r` of our output: the I/O floor.
    Floor,
}

/// One tool's measurements at one corpus size.
#[derive(Debug, Clone)]
pub struct Row {
    /// The name in the table.
    pub name: String,
    /// What the row is.
    pub role: Role,
    /// The measured runs; empty when the tool was skipped.
    pub samples: Vec<Sample>,
    /// The files and bytes of the last run.
    pub footprint: Footprint,
    /// Why a row has fewer runs than asked, or was skipped.
    pub note: Option<String>,
}

impl Row {
    fn seconds(&self) -> Option<f64> {
        (!self.samples.is_empty()).then(|| {
            median(
                &self
                    .samples
                    .iter()
                    .map(|sample| sample.seconds)
                    .collect::<Vec<_>>(),
            )
        })
    }

    fn rss_mib(&self) -> Option<f64> {
        (!self.samples.is_empty()).then(|| {
            median(
                &self
                    .samples
                    .iter()
                    .map(|sample| sample.peak_rss_kib as f64 / 1024.0)
                    .collect::<Vec<_>>(),
            )
        })
    }
}

/// How big our pages are, and how much of that is the navigation list.
#[derive(Debug, Default, Clone, Copy)]
pub struct PageWeight {
    /// Content pages measured (`*/index.html` below a language folder).
    pub pages: u64,
    /// Their mean size in bytes.
    pub mean_bytes: u64,
    /// The mean size of the `site-nav` block in bytes.
    pub mean_nav_bytes: u64,
}

/// Everything measured at one corpus size.
#[derive(Debug, Clone)]
pub struct SizeResult {
    /// The corpus that was built.
    pub corpus: Summary,
    /// One row per tool.
    pub rows: Vec<Row>,
    /// Our output per page.
    pub weight: PageWeight,
}

impl SizeResult {
    fn total_pages(&self) -> usize {
        self.corpus.pages_per_language * 2
    }

    fn seconds_of(&self, role: Role) -> Option<f64> {
        self.rows
            .iter()
            .find(|row| row.role == role)
            .and_then(Row::seconds)
    }

    fn rss_of(&self, role: Role) -> Option<f64> {
        self.rows
            .iter()
            .find(|row| row.role == role)
            .and_then(Row::rss_mib)
    }
}

/// The machine and the versions of everything measured.
#[derive(Debug, Clone)]
pub struct Environment {
    /// Lines such as `CPU: …`, printed as a list.
    pub lines: Vec<String>,
}

/// Renders the whole report as Markdown.
pub fn render(environment: &Environment, results: &[SizeResult], runs: usize) -> String {
    let mut out = String::from("## Benchmark: our generator against Hugo and mdBook\n\n");
    for line in &environment.lines {
        let _ = writeln!(out, "- {line}");
    }
    let _ = writeln!(
        out,
        "- Method: median of {runs} runs after one warm-up run, tools interleaved run by run (order rotated each round); \
         before each run, outside the timing: the previous output moved aside (deleted only at the end), `sync`, \
         and the tool's binary and sources read into the page cache; wall time from the monotonic clock, peak RSS from `/usr/bin/time -f %M` (largest single process)."
    );
    for result in results {
        out.push('\n');
        render_size(&mut out, result);
    }
    out.push('\n');
    render_targets(&mut out, results);
    out
}

fn render_size(out: &mut String, result: &SizeResult) {
    let pages = result.total_pages();
    let ours = result.seconds_of(Role::Ours);
    let _ = writeln!(
        out,
        "### N = {} pages per language ({pages} pages; mean {} words, {} bytes of Markdown per page)\n",
        result.corpus.pages_per_language, result.corpus.mean_words, result.corpus.mean_bytes
    );
    out.push_str("| Tool | Wall, median (s) | Range (s) | Peak RSS, median (MiB) | Output files | Output (MiB) | ms per page | Ours vs this |\n");
    out.push_str("|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for row in &result.rows {
        let Some(seconds) = row.seconds() else {
            let _ = writeln!(
                out,
                "| {} | skipped | | | | | | {} |",
                row.name,
                row.note.as_deref().unwrap_or("")
            );
            continue;
        };
        let low = row
            .samples
            .iter()
            .map(|sample| sample.seconds)
            .fold(f64::INFINITY, f64::min);
        let high = row
            .samples
            .iter()
            .map(|sample| sample.seconds)
            .fold(0.0, f64::max);
        let ratio = match (row.role, ours) {
            (Role::Ours, _) => "–".to_string(),
            (Role::Peer, Some(ours)) => format!("{:.1}× faster", seconds / ours),
            (Role::Floor, Some(ours)) => format!("{:.1}× the floor", ours / seconds),
            (Role::OursCheck, Some(ours)) => format!("{:.0}% of build", 100.0 * seconds / ours),
            (_, None) => "?".to_string(),
        };
        let files = if row.footprint.files == 0 {
            "–".to_string()
        } else {
            row.footprint.files.to_string()
        };
        let bytes = if row.footprint.files == 0 {
            "–".to_string()
        } else {
            format!("{:.1}", row.footprint.bytes as f64 / 1048576.0)
        };
        let note = row
            .note
            .as_ref()
            .map(|note| format!(" ({note})"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "| {}{note} | {seconds:.2} | {low:.2}–{high:.2} | {:.0} | {files} | {bytes} | {:.3} | {ratio} |",
            row.name,
            row.rss_mib().unwrap_or(0.0),
            1000.0 * seconds / pages as f64,
        );
    }
    let weight = result.weight;
    if weight.pages > 0 {
        let _ = writeln!(
            out,
            "\nOur content pages: mean {:.1} KiB each, of which the navigation list (`nav.site-nav`) is {:.1} KiB ({:.0}%).",
            weight.mean_bytes as f64 / 1024.0,
            weight.mean_nav_bytes as f64 / 1024.0,
            100.0 * weight.mean_nav_bytes as f64 / weight.mean_bytes.max(1) as f64
        );
    }
}

fn render_targets(out: &mut String, results: &[SizeResult]) {
    out.push_str("### Targets\n\n| Target | ");
    for result in results {
        let _ = write!(out, "N = {} | ", result.corpus.pages_per_language);
    }
    out.push_str("Result |\n|---|");
    out.push_str(&"---:|".repeat(results.len()));
    out.push_str("---|\n");
    let mut row = |name: &str, cells: Vec<(String, bool)>| {
        let pass = !cells.is_empty() && cells.iter().all(|(_, pass)| *pass);
        let _ = write!(out, "| {name} | ");
        for (cell, _) in &cells {
            let _ = write!(out, "{cell} | ");
        }
        let _ = writeln!(out, "{} |", if pass { "PASS" } else { "FAIL" });
    };
    let speedups = results
        .iter()
        .map(
            |result| match (result.seconds_of(Role::Ours), peer_seconds(result, "Hugo")) {
                (Some(ours), Some(hugo)) => (format!("{:.1}×", hugo / ours), hugo / ours >= 5.0),
                _ => ("not measured".into(), false),
            },
        )
        .collect();
    row("≥ 5× faster than Hugo", speedups);
    let floors = results
        .iter()
        .map(|result| {
            match (
                result.seconds_of(Role::Ours),
                result.seconds_of(Role::Floor),
            ) {
                (Some(ours), Some(floor)) => (format!("{:.1}×", ours / floor), ours / floor <= 4.0),
                _ => ("not measured".into(), false),
            }
        })
        .collect();
    row("≤ 4× the `cp -r` floor", floors);
    let memory = results
        .iter()
        .map(|result| {
            let ours = result.rss_of(Role::Ours).unwrap_or(f64::INFINITY);
            let peers: Vec<(String, f64)> = result
                .rows
                .iter()
                .filter(|row| row.role == Role::Peer)
                .filter_map(|row| row.rss_mib().map(|rss| (row.name.clone(), rss)))
                .collect();
            let lowest = peers
                .iter()
                .map(|(_, rss)| *rss)
                .fold(f64::INFINITY, f64::min);
            (
                format!("{ours:.0} vs {lowest:.0} MiB"),
                !peers.is_empty() && ours < lowest,
            )
        })
        .collect();
    row("Peak RSS below every peer (ours vs lowest peer)", memory);
    let per_page: Vec<f64> = results
        .iter()
        .filter_map(|result| {
            result
                .seconds_of(Role::Ours)
                .map(|seconds| 1000.0 * seconds / result.total_pages() as f64)
        })
        .collect();
    // Growth within 15% counts as flat: run-to-run noise on a small machine is about that.
    let flat = per_page.len() == results.len()
        && per_page.windows(2).all(|pair| pair[1] <= pair[0] * 1.15);
    let cells = per_page
        .iter()
        .map(|ms| (format!("{ms:.3} ms"), flat))
        .collect();
    row("Time per page does not grow with N (≤ +15%)", cells);
}

fn peer_seconds(result: &SizeResult, name: &str) -> Option<f64> {
    result
        .rows
        .iter()
        .find(|row| row.role == Role::Peer && row.name.starts_with(name))
        .and_then(Row::seconds)
}

//! Runs one build command and measures it: wall time with the monotonic clock around the
//! child, peak resident memory and CPU time from `/usr/bin/time -f "%M %U %S"` (the largest
//! process of the command; user and system time of the command and its children), and the files and bytes it left in its output folder. It also owns the state
//! every run starts from: previous outputs moved aside into a `Trash` rather than deleted,
//! no dirty pages (`sync`), and the command's inputs read into the page cache. Choosing what to run and in which order is left to `main`;
//! turning samples into a table is left to `report`.

use std::cell::Cell;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

/// One command of the benchmark: a named tool, how to run it, and where it writes.
#[derive(Debug, Clone)]
pub struct Job {
    /// The row name in the table: `ours`, `Hugo 0.111.3`, ….
    pub name: String,
    /// The program and its arguments.
    pub argv: Vec<String>,
    /// Folders the command writes; moved aside before every run and counted after it.
    pub outputs: Vec<PathBuf>,
    /// Files and folders the command reads (its program and its sources); read into the
    /// page cache before every run.
    pub inputs: Vec<PathBuf>,
}

/// The measurements of one run.
#[derive(Debug, Clone, Copy)]
pub struct Sample {
    /// Wall time in seconds.
    pub seconds: f64,
    /// Peak resident set size in KiB.
    pub peak_rss_kib: u64,
    /// CPU time (user and system) in seconds: on a machine shared with other work, a steadier
    /// measure of the work done than wall time.
    pub cpu_seconds: f64,
}

/// Files and bytes below a set of folders.
#[derive(Debug, Default, Clone, Copy)]
pub struct Footprint {
    /// Regular files.
    pub files: u64,
    /// Their total size.
    pub bytes: u64,
}

impl Job {
    /// Moves the previous outputs into the trash, flushes dirty pages and reads the inputs
    /// into the page cache, then runs the command under `/usr/bin/time` and measures it.
    /// Only the command itself is timed.
    pub fn run(&self, scratch: &Path, trash: &Trash) -> Result<Sample> {
        for output in &self.outputs {
            trash.discard(output)?;
        }
        flush_dirty_pages()?;
        for input in &self.inputs {
            read_into_page_cache(input)?;
        }
        let rss_file = scratch.join("peak-rss.txt");
        let log_file = scratch.join("last-command.log");
        let log = std::fs::File::create(&log_file)
            .with_context(|| format!("cannot create `{}`", log_file.display()))?;
        let started = Instant::now();
        let status = Command::new("/usr/bin/time")
            .args(["-f", "%M %U %S", "-o"])
            .arg(&rss_file)
            .args(&self.argv)
            .stdin(Stdio::null())
            .stdout(log.try_clone()?)
            .stderr(log)
            .status()
            .with_context(|| format!("cannot run `/usr/bin/time {}`", self.argv.join(" ")))?;
        let seconds = started.elapsed().as_secs_f64();
        if !status.success() {
            let log = std::fs::read_to_string(&log_file).unwrap_or_default();
            bail!(
                "`{}` failed ({status}):\n{}",
                self.argv.join(" "),
                tail(&log, 40)
            );
        }
        let rss = std::fs::read_to_string(&rss_file)
            .with_context(|| format!("cannot read `{}`", rss_file.display()))?;
        // `time` writes the format last; earlier lines may note a signal or exit status.
        let fields: Vec<&str> = rss
            .lines()
            .next_back()
            .unwrap_or_default()
            .split(' ')
            .collect();
        let (peak_rss_kib, cpu_seconds) = match fields[..] {
            [rss, user, system] => (
                rss.parse::<u64>().ok(),
                user.parse::<f64>()
                    .ok()
                    .zip(system.parse::<f64>().ok())
                    .map(|(user, system)| user + system),
            ),
            _ => (None, None),
        };
        let (peak_rss_kib, cpu_seconds) = peak_rss_kib.zip(cpu_seconds).with_context(|| {
            format!(
                "no peak RSS and CPU time in `{}`: {rss:?}",
                rss_file.display()
            )
        })?;
        Ok(Sample {
            seconds,
            peak_rss_kib,
            cpu_seconds,
        })
    }

    /// Counts the files and bytes the last run left in the outputs.
    pub fn footprint(&self) -> Footprint {
        self.outputs.iter().map(|output| footprint(output)).fold(
            Footprint::default(),
            |sum, next| Footprint {
                files: sum.files + next.files,
                bytes: sum.bytes + next.bytes,
            },
        )
    }
}

/// Where outputs go between runs. Moving a folder here is one `rename`; the files are
/// deleted only by `empty`, once every run is done.
///
/// Deleting right before a run would bill that run for the deletion: on ext4 without a
/// journal (this benchmark's machine) the inode allocator skips every inode freed in the
/// last 1 to 5 minutes, one buffer-cache lookup each, so a run that creates N files after N
/// were deleted costs O(N²). See "Method" in `bench/README.md`.
#[derive(Debug)]
pub struct Trash {
    dir: PathBuf,
    moved: Cell<usize>,
}

impl Trash {
    /// Opens a trash folder inside `dir`, which must be on the same filesystem as the outputs.
    pub fn in_folder(dir: &Path) -> Result<Trash> {
        let dir = dir.join(format!("trash-{}", std::process::id()));
        std::fs::create_dir_all(&dir)
            .with_context(|| format!("cannot create `{}`", dir.display()))?;
        Ok(Trash {
            dir,
            moved: Cell::new(0),
        })
    }

    /// Moves a folder into the trash, if it exists.
    pub fn discard(&self, path: &Path) -> Result<()> {
        if !path.exists() {
            return Ok(());
        }
        let target = self.dir.join(self.moved.get().to_string());
        self.moved.set(self.moved.get() + 1);
        std::fs::rename(path, &target).with_context(|| {
            format!(
                "cannot move `{}` into the trash `{}`",
                path.display(),
                target.display()
            )
        })
    }

    /// Deletes everything in the trash, and the trash itself.
    pub fn empty(self) -> Result<()> {
        remove(&self.dir)
    }
}

/// How many files `file_creation_micros` creates.
const PROBE_FILES: usize = 2000;

/// Times the creation of empty files in a new folder below `dir` (moved into the trash
/// afterwards, not deleted) and returns the microseconds per file. On ext4 without a journal
/// a file created within about six minutes of many deletions there costs several times
/// more (see `Trash`), and so does every build measured then; a report that prints this lets
/// such a run be recognised.
pub fn file_creation_micros(dir: &Path, trash: &Trash) -> Result<f64> {
    let probe = dir.join(format!("file-probe-{}", std::process::id()));
    std::fs::create_dir_all(&probe)
        .with_context(|| format!("cannot create `{}`", probe.display()))?;
    flush_dirty_pages()?;
    let started = Instant::now();
    for number in 0..PROBE_FILES {
        let path = probe.join(number.to_string());
        std::fs::write(&path, b"")
            .with_context(|| format!("cannot create `{}`", path.display()))?;
    }
    let micros = started.elapsed().as_secs_f64() * 1e6 / PROBE_FILES as f64;
    trash.discard(&probe)?;
    Ok(micros)
}

/// What `settled_file_creation` found: the cost of creating a file when it began and when it
/// stopped, and how long it waited in between.
#[derive(Debug, Clone, Copy)]
pub struct FileSystemProbe {
    /// Microseconds per file at the first probe.
    pub first_micros: f64,
    /// Microseconds per file at the last probe.
    pub micros: f64,
    /// How long it waited for the file system to recover.
    pub waited: Duration,
}

/// How long ext4 without a journal keeps a deleted inode from reuse at most: a minute, and
/// five more while its inode-table block is dirty (`RECENTCY_MIN` and `RECENTCY_DIRTY` in
/// the kernel's `fs/ext4/ialloc.c`). Each file created meanwhile skips every such inode
/// of its block group with a buffer-cache lookup.
pub const RECENT_DELETION: Duration = Duration::from_secs(60 + 300);

/// Probes the cost of creating a file (`file_creation_micros`) and, when it is above
/// `slow_micros`, waits until the file system has recovered: until a probe is fast again
/// and `RECENT_DELETION` has passed since the last slow one, so that every deletion that
/// slowed it is past ext4's window (a single fast probe is not enough: it may land in a block
/// group that the deletions spared while the builds land in one they did not). It probes every
/// `interval` and gives up after `longest_wait`; the caller reports a file system still slow
/// then (`micros` above `slow_micros`).
pub fn settled_file_creation(
    dir: &Path,
    trash: &Trash,
    slow_micros: f64,
    longest_wait: Duration,
    interval: Duration,
) -> Result<FileSystemProbe> {
    let first_micros = file_creation_micros(dir, trash)?;
    let started = Instant::now();
    let mut micros = first_micros;
    let mut last_slow = (micros > slow_micros).then_some(started);
    let mut waited = Duration::ZERO;
    while let Some(slow_at) = last_slow {
        let recovered = micros <= slow_micros && slow_at.elapsed() >= RECENT_DELETION;
        if recovered || started.elapsed() + interval > longest_wait {
            break;
        }
        eprintln!(
            "bench: creating a file costs {micros:.0} µs here (slow above {slow_micros:.0} µs; \
             the last slow probe was {} s ago, and the builds wait for {} s after it); \
             probing again in {} s",
            slow_at.elapsed().as_secs(),
            RECENT_DELETION.as_secs(),
            interval.as_secs()
        );
        std::thread::sleep(interval);
        micros = file_creation_micros(dir, trash)?;
        if micros > slow_micros {
            last_slow = Some(Instant::now());
        }
        waited = started.elapsed();
    }
    Ok(FileSystemProbe {
        first_micros,
        micros,
        waited,
    })
}

/// Writes all dirty pages to disk (`sync`), so a run does not pay for writing back what an
/// earlier run left in the page cache.
pub fn flush_dirty_pages() -> Result<()> {
    let status = Command::new("sync").status().context("cannot run `sync`")?;
    if !status.success() {
        bail!("`sync` failed ({status})");
    }
    Ok(())
}

/// Reads every file below `path` (or `path` itself), so the next run finds it in the page
/// cache. This machine's kernel evicts pages untouched for about 30 s (DAMON `pageout`), so
/// without this a tool measured after a long run would read its inputs from disk.
pub fn read_into_page_cache(path: &Path) -> Result<()> {
    for entry in walkdir::WalkDir::new(path) {
        let entry = entry.with_context(|| format!("cannot list `{}`", path.display()))?;
        if entry.file_type().is_file() {
            let mut file = std::fs::File::open(entry.path())
                .with_context(|| format!("cannot open `{}`", entry.path().display()))?;
            std::io::copy(&mut file, &mut std::io::sink())
                .with_context(|| format!("cannot read `{}`", entry.path().display()))?;
        }
    }
    Ok(())
}

/// Removes a folder and everything in it, if it exists.
pub fn remove(path: &Path) -> Result<()> {
    if path.exists() {
        std::fs::remove_dir_all(path)
            .with_context(|| format!("cannot remove `{}`", path.display()))?;
    }
    Ok(())
}

/// Counts the regular files and bytes below a folder.
pub fn footprint(dir: &Path) -> Footprint {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_file())
        .fold(Footprint::default(), |sum, entry| Footprint {
            files: sum.files + 1,
            bytes: sum.bytes + entry.metadata().map(|meta| meta.len()).unwrap_or(0),
        })
}

/// Returns the median of a non-empty list (the mean of the middle two for an even count).
pub fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let middle = sorted.len() / 2;
    if sorted.len().is_multiple_of(2) {
        (sorted[middle - 1] + sorted[middle]) / 2.0
    } else {
        sorted[middle]
    }
}

/// Returns the first line a command prints, for version strings.
pub fn first_line_of(program: &str, args: &[&str]) -> String {
    Command::new(program)
        .args(args)
        .output()
        .ok()
        .map(|output| {
            let text = if output.stdout.is_empty() {
                output.stderr
            } else {
                output.stdout
            };
            String::from_utf8_lossy(&text)
                .lines()
                .next()
                .unwrap_or("")
                .trim()
                .to_string()
        })
        .filter(|line| !line.is_empty())
        .unwrap_or_else(|| "unknown".into())
}

fn tail(text: &str, lines: usize) -> String {
    let all: Vec<&str> = text.lines().collect();
    all[all.len().saturating_sub(lines)..].join("\n")
}

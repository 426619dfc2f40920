//! `bench serve`: measures `generator serve` the way an author meets it, on the guide and on
//! the synthetic corpus, side by side: the first build, the time from saving an edited page
//! to the server handing out the new page after telling the open page to reload (what a
//! browser does on the reload event: fetch the page again), and the CPU an idle server uses.
//! It prints figures against the budget (edit visible in under 100 ms, idle CPU below 1 %);
//! it is a measurement, not a timed test. Writing the corpus is left to `layout`.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

/// The budget of an edit, from saving to the new page being served after the reload event.
const EDIT_BUDGET_MS: f64 = 100.0;
/// The budget of an idle server's CPU use, in percent of one core.
const IDLE_CPU_BUDGET_PERCENT: f64 = 1.0;
/// How long the server gets to settle after starting and between edits.
const SETTLE: Duration = Duration::from_millis(400);

/// One site to measure: a name for the table, its root, and its pages per language.
pub struct ServedSite {
    /// The row name: `the guide`, `corpus`.
    pub name: String,
    /// The site root (a copy the benchmark may edit).
    pub root: PathBuf,
    /// Pages per language.
    pub pages: usize,
}

/// The figures of one site.
pub struct ServeResult {
    name: String,
    pages: usize,
    first_build_ms: u64,
    /// Save → new page served, per body edit.
    body_edits: Vec<f64>,
    /// Save → new page served, per title edit (the neighbours' navigation changes too).
    title_edits: Vec<f64>,
    /// The server's own rebuild times, from its log.
    rebuilds_ms: Vec<u64>,
    idle_cpu_percent: f64,
    idle_seconds: f64,
}

/// Runs `generator serve` on a site, edits one page `edits` times in its body and as often
/// in its title, measures an idle stretch of `idle` and stops the server.
pub fn measure(
    generator: &Path,
    site: &ServedSite,
    edits: usize,
    idle: Duration,
) -> Result<ServeResult> {
    let mut server = Server::start(generator, &site.root)?;
    let result = measure_running(&mut server, site, edits, idle);
    server.stop();
    result
}

fn measure_running(
    server: &mut Server,
    site: &ServedSite,
    edits: usize,
    idle: Duration,
) -> Result<ServeResult> {
    std::thread::sleep(SETTLE);
    let idle_cpu_percent = server.idle_cpu_percent(idle)?;
    let (file, url) = edited_page(&site.root, &server.base_path)?;
    let original = std::fs::read_to_string(&file)?;
    let mut body_edits = Vec::new();
    let mut title_edits = Vec::new();
    let outcome = (|| -> Result<()> {
        let mut text = original.clone();
        for edit in 1..=edits {
            let marker = format!("Live edit number {edit} of the benchmark.");
            text.push_str(&format!("\n{marker}\n"));
            body_edits.push(server.time_edit(&file, &text, &url, &marker)?);
            std::thread::sleep(SETTLE);
        }
        for edit in 1..=edits {
            let marker = format!("retitled {edit}");
            let retitled = retitle(&text, &marker)?;
            title_edits.push(server.time_edit(&file, &retitled, &url, &marker)?);
            std::thread::sleep(SETTLE);
        }
        Ok(())
    })();
    std::fs::write(&file, &original)?;
    outcome?;
    Ok(ServeResult {
        name: site.name.clone(),
        pages: site.pages,
        first_build_ms: server.first_build_ms,
        body_edits,
        title_edits,
        rebuilds_ms: server.rebuild_times(),
        idle_cpu_percent,
        idle_seconds: idle.as_secs_f64(),
    })
}

/// Returns the page the benchmark edits, the English page in the middle of the navigation
/// order of file names (not the home page), and its URL path.
fn edited_page(root: &Path, base_path: &str) -> Result<(PathBuf, String)> {
    let dir = root.join("content/en");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .with_context(|| format!("cannot read `{}`", dir.display()))?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| {
            path.extension().is_some_and(|ext| ext == "md")
                && path.file_stem().is_some_and(|stem| stem != "index")
        })
        .collect();
    files.sort();
    let Some(file) = files.get(files.len() / 2).cloned() else {
        bail!("`{}` has no page besides the home page", dir.display());
    };
    let text = std::fs::read_to_string(&file)?;
    let slug = text
        .lines()
        .find_map(|line| line.strip_prefix("slug = "))
        .map(|slug| slug.trim().trim_matches('"').to_string())
        .unwrap_or_else(|| {
            file.file_stem()
                .map(|stem| stem.to_string_lossy().to_string())
                .unwrap_or_default()
        });
    Ok((file, format!("{base_path}en/{slug}/")))
}

/// Appends a marker to the `title` in a page's front matter.
fn retitle(text: &str, marker: &str) -> Result<String> {
    let Some(start) = text.find("\ntitle = \"") else {
        bail!("the edited page has no `title = \"…\"` line");
    };
    let value = start + "\ntitle = \"".len();
    let end = value
        + text[value..]
            .find('"')
            .context("the title is not closed on its line")?;
    Ok(format!("{} ({marker}){}", &text[..end], &text[end..]))
}

/// A running `generator serve`.
struct Server {
    child: Child,
    address: String,
    base_path: String,
    first_build_ms: u64,
    log: mpsc::Receiver<String>,
    seen: Vec<String>,
}

impl Server {
    fn start(generator: &Path, root: &Path) -> Result<Server> {
        let mut child = Command::new(generator)
            .args(["serve", "--port", "0", "--root"])
            .arg(root)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .with_context(|| format!("cannot start `{}`", generator.display()))?;
        let stdout = child.stdout.take().context("the server's output")?;
        let (send, log) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if send.send(line).is_err() {
                    break;
                }
            }
        });
        let first = log
            .recv_timeout(Duration::from_secs(300))
            .context("`generator serve` did not start")?;
        // "built in 44 ms; serving http://127.0.0.1:36363/ (watching …"
        let first_build_ms = number_after(&first, "built in ").context("no build time")?;
        let url = first
            .split_once("serving http://")
            .map(|(_, rest)| rest.split_whitespace().next().unwrap_or_default())
            .context("no address in the server's first line")?;
        let (address, path) = url.split_once('/').context("no path in the address")?;
        Ok(Server {
            child,
            address: address.to_string(),
            base_path: format!("/{path}"),
            first_build_ms,
            log,
            seen: Vec::new(),
        })
    }

    /// Measures the CPU time the server uses while nothing changes, in percent of one core.
    fn idle_cpu_percent(&self, idle: Duration) -> Result<f64> {
        let before = cpu_ticks(self.child.id())?;
        std::thread::sleep(idle);
        let after = cpu_ticks(self.child.id())?;
        Ok((after - before) as f64 / clock_ticks_per_second() / idle.as_secs_f64() * 100.0)
    }

    /// Saves `text` into `file` and returns the milliseconds until the server has sent the
    /// reload event and then serves `url` with `marker` in it.
    fn time_edit(&mut self, file: &Path, text: &str, url: &str, marker: &str) -> Result<f64> {
        let mut events = TcpStream::connect(&self.address)?;
        events.set_read_timeout(Some(Duration::from_secs(30)))?;
        write!(
            events,
            "GET {}__live-reload/events HTTP/1.1\r\nHost: {}\r\n\r\n",
            self.base_path, self.address
        )?;
        read_until(&mut events, "retry:")?;
        let saved = Instant::now();
        std::fs::write(file, text)?;
        read_until(&mut events, "data:")?;
        loop {
            if get(&self.address, url)?.contains(marker) {
                return Ok(saved.elapsed().as_secs_f64() * 1000.0);
            }
            if saved.elapsed() > Duration::from_secs(30) {
                bail!("`{url}` did not show the edit within 30 s");
            }
        }
    }

    /// Returns the rebuild times the server printed so far.
    fn rebuild_times(&mut self) -> Vec<u64> {
        self.seen.extend(self.log.try_iter());
        self.seen
            .iter()
            .filter_map(|line| number_after(line, "rebuilt in "))
            .collect()
    }

    fn stop(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Reads a response stream until a text has arrived.
fn read_until(stream: &mut TcpStream, text: &str) -> Result<()> {
    let mut received = Vec::new();
    let mut buffer = [0u8; 4096];
    while !String::from_utf8_lossy(&received).contains(text) {
        let read = stream.read(&mut buffer)?;
        if read == 0 {
            bail!("the event stream closed before `{text}`");
        }
        received.extend_from_slice(&buffer[..read]);
    }
    Ok(())
}

/// Fetches a URL path from the server and returns the body.
fn get(address: &str, path: &str) -> Result<String> {
    let mut stream = TcpStream::connect(address)?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response)?;
    Ok(String::from_utf8_lossy(&response).into_owned())
}

/// Returns the number right after `prefix` in a line.
fn number_after(line: &str, prefix: &str) -> Option<u64> {
    let (_, rest) = line.split_once(prefix)?;
    rest.split(|c: char| !c.is_ascii_digit())
        .next()?
        .parse()
        .ok()
}

/// Returns the user and system CPU time of a process so far, in clock ticks.
fn cpu_ticks(pid: u32) -> Result<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat"))?;
    // Fields after the command name, which is in parentheses and may hold spaces.
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .context("a /proc stat line")?
        .1
        .split_whitespace()
        .collect();
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
    let ticks =
        |index: usize| -> Result<u64> { Ok(fields.get(index).context("a stat field")?.parse()?) };
    Ok(ticks(11)? + ticks(12)?)
}

fn clock_ticks_per_second() -> f64 {
    Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|output| String::from_utf8_lossy(&output.stdout).trim().parse().ok())
        .unwrap_or(100.0)
}

fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    sorted.get(sorted.len() / 2).copied().unwrap_or(f64::NAN)
}

fn max(values: &[f64]) -> f64 {
    values.iter().copied().fold(f64::NAN, f64::max)
}

/// Formats the results as a Markdown table, one row per site, with the budget's verdict.
pub fn report(results: &[ServeResult]) -> String {
    let mut out = String::from(
        "## `generator serve`\n\n\
         | Site | Pages per language | First build | Body edit → page served (median, max) | Title edit → page served (median, max) | Server's rebuilds (median, max) | Idle CPU |\n\
         |---|---:|---:|---:|---:|---:|---:|\n",
    );
    for result in results {
        let rebuilds: Vec<f64> = result.rebuilds_ms.iter().map(|&ms| ms as f64).collect();
        out.push_str(&format!(
            "| {} | {} | {} ms | {:.0} ms, {:.0} ms | {:.0} ms, {:.0} ms | {:.0} ms, {:.0} ms | {:.2} % over {:.0} s |\n",
            result.name,
            result.pages,
            result.first_build_ms,
            median(&result.body_edits),
            max(&result.body_edits),
            median(&result.title_edits),
            max(&result.title_edits),
            median(&rebuilds),
            max(&rebuilds),
            result.idle_cpu_percent,
            result.idle_seconds,
        ));
    }
    out.push_str(&format!(
        "\nBudget: an edited page is served within {EDIT_BUDGET_MS:.0} ms of saving (median of the body edits), and an idle server uses below {IDLE_CPU_BUDGET_PERCENT:.0} % of a core.\n\n"
    ));
    for result in results {
        let edit = median(&result.body_edits) < EDIT_BUDGET_MS;
        let idle = result.idle_cpu_percent < IDLE_CPU_BUDGET_PERCENT;
        out.push_str(&format!(
            "- {} (N = {}): edit {}, idle CPU {}\n",
            result.name,
            result.pages,
            if edit { "pass" } else { "FAIL" },
            if idle { "pass" } else { "FAIL" }
        ));
    }
    out.push_str(
        "\nThe time runs from writing the file until the server has sent the reload event and \
         then served the page with the edit, which is what the open page does on that event \
         (fetch it again); the browser's own parsing and swap are not in it (see \
         `tests/browser/serve.test.mjs` for that figure). Each edit appends a paragraph; each \
         title edit changes the page's title, which the pages that list it show too.\n",
    );
    out
}

/// Copies the guide's sources (`site.toml`, `content/`, `theme/`) into a fresh folder, so the
/// benchmark edits a copy.
pub fn copy_guide(guide: &Path, into: &Path) -> Result<()> {
    if into.exists() {
        std::fs::remove_dir_all(into)?;
    }
    for part in ["site.toml", "content", "theme"] {
        let source = guide.join(part);
        for entry in walkdir::WalkDir::new(&source) {
            let entry = entry?;
            let target = into.join(entry.path().strip_prefix(guide)?);
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&target)?;
            } else {
                std::fs::create_dir_all(target.parent().context("a folder")?)?;
                std::fs::copy(entry.path(), &target)?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_gets_the_marker_inside_its_quotes() {
        let page = "+++\ntitle = \"SOC 2\"\ndescription = \"x\"\n+++\nBody \"quoted\".\n";
        assert_eq!(
            retitle(page, "retitled 1").expect("a title"),
            "+++\ntitle = \"SOC 2 (retitled 1)\"\ndescription = \"x\"\n+++\nBody \"quoted\".\n"
        );
    }

    #[test]
    fn figures_are_read_from_the_servers_lines() {
        let line = "built in 44 ms; serving http://127.0.0.1:36363/ (watching …)";
        assert_eq!(number_after(line, "built in "), Some(44));
        assert_eq!(
            number_after("rebuilt in 7 ms (1 page)", "rebuilt in "),
            Some(7)
        );
        assert_eq!(number_after("nothing", "rebuilt in "), None);
    }
}

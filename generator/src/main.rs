//! Command line of the site generator: parses arguments and dispatches to one module per
//! subcommand in `cmd/`. It prints problems once and sets the exit code; the work itself
//! lives in the library.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod cmd;

/// Builds the bilingual security guide as a static site.
#[derive(Debug, Parser)]
#[command(name = "generator", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build the site into the output folder (replaced only if the build succeeds).
    Build {
        /// The site root, holding `site.toml` and `content/`.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The output folder [default: <root>/public].
        #[arg(long)]
        out: Option<PathBuf>,
        /// The path the site is served under, e.g. `/guide/` (overrides `site.toml`).
        #[arg(long)]
        base_path: Option<String>,
    },
    /// Check the whole site and print every problem, without writing anything.
    Check {
        /// The site root, holding `site.toml` and `content/`.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The path the site is served under, e.g. `/guide/` (overrides `site.toml`).
        #[arg(long)]
        base_path: Option<String>,
        /// Also print the bytes per page type, raw and gzip, and fail if one is over budget.
        #[arg(long)]
        page_weight: bool,
        /// Also list pages not reviewed within this many days (front matter `reviewed`), and fail if any.
        #[arg(long, value_name = "DAYS")]
        stale: Option<u32>,
        /// The day `--stale` counts from, `YYYY-MM-DD` [default: today, from the system clock].
        #[arg(long, value_name = "DATE", requires = "stale")]
        today: Option<String>,
    },
    /// Preview the site on 127.0.0.1, rebuilding and reloading open pages on every change.
    Serve {
        /// The site root, holding `site.toml` and `content/`.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The port to listen on (0 picks a free one).
        #[arg(long, default_value_t = 8000)]
        port: u16,
        /// The path the site is served under, e.g. `/guide/` (overrides `site.toml`).
        #[arg(long)]
        base_path: Option<String>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build {
            root,
            out,
            base_path,
        } => {
            let out = out.unwrap_or_else(|| root.join("public"));
            cmd::build::run(&root, &out, base_path)
        }
        Command::Serve {
            root,
            port,
            base_path,
        } => generator::preview::serve(
            &root,
            port,
            &generator::site::BuildOptions {
                base_path,
                preview: true,
            },
        ),
        Command::Check {
            root,
            base_path,
            page_weight,
            stale,
            today,
        } => cmd::check::run(
            &root,
            base_path,
            page_weight,
            stale.map(|days| cmd::check::Staleness { days, today }),
        ),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("{}", cmd::describe_failure(&error));
            ExitCode::FAILURE
        }
    }
}

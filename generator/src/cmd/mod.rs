//! One module per subcommand; each is a screenful that calls the library and reports.

use generator::diagnostics::Problems;

pub mod build;
pub mod check;

/// Formats a failure for the terminal: every problem on its own line, then a summary.
pub fn describe_failure(error: &anyhow::Error) -> String {
    match error.downcast_ref::<Problems>() {
        Some(problems) => {
            let count = problems.0.len();
            let noun = if count == 1 { "problem" } else { "problems" };
            format!("{problems}\nerror: {count} {noun} found")
        }
        None => format!("error: {error:#}"),
    }
}

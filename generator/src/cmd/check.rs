//! `generator check`: load and render the whole site in memory, write nothing, and report.

use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::{anyhow, bail, Context, Result};
use generator::diagnostics::Problems;
use generator::preview;
use generator::review::{self, Date};
use generator::site::Site;
use generator::weight;

/// What `--stale` asks: pages not reviewed within `days` of `today`.
pub struct Staleness {
    /// The most days since a page's review date before it counts as stale.
    pub days: u32,
    /// The day to count from, `YYYY-MM-DD`; the system clock's day when absent.
    pub today: Option<String>,
}

/// Checks the site at `root`; every problem is returned, none is written to disk. With
/// `page_weight`, it also reports the bytes per page type and fails when one is over budget;
/// with `stale`, it fails when a page was not reviewed recently enough.
pub fn run(
    root: &Path,
    base_path: Option<String>,
    page_weight: bool,
    stale: Option<Staleness>,
) -> Result<()> {
    // The date is read before the site, so a mistyped `--today` is reported at once.
    let today = stale.as_ref().map(today).transpose()?;
    let site = super::load_published(root, base_path)?;
    let files = site.render()?;
    let markers = preview::markers::check(&site, &preview::markers::in_sorted(&files));
    Problems(markers).into_result(())?;
    println!(
        "ok: {}, {} files, no problems",
        super::describe_pages(&site),
        files.len()
    );
    // Fallback mode publishes these; strict mode has failed on them above.
    for untranslated in site.content.untranslated(&site.config) {
        println!("{untranslated}");
    }
    if page_weight {
        let weights = weight::measure(&files, &site.config.base_path);
        println!("\n{}", weight::table(&weights));
        measured_every_page_type(&site, &weights)?;
        let over: Vec<&str> = weights
            .iter()
            .filter(|w| !w.within_budget())
            .map(|w| w.kind)
            .collect();
        if !over.is_empty() {
            bail!("over the page-weight budget: {}", over.join(", "));
        }
    }
    if let (Some(stale), Some(today)) = (stale, today) {
        let found = review::stale_pages(&site.content.pages, today, stale.days);
        if !found.is_empty() {
            return Err(Problems(found).into_result(()).unwrap_err().into());
        }
        println!(
            "ok: every page was reviewed within {} days of {today}",
            stale.days
        );
    }
    Ok(())
}

/// Fails unless the gate saw what it guards: a guide page, and, when the site has a checklist
/// page, that page together with the wasm module it loads. A page the measurement no longer
/// recognises, or a module it no longer follows, would otherwise drop out of the budgets
/// and the gate would pass unseen.
fn measured_every_page_type(site: &Site, weights: &[weight::PageWeight]) -> Result<()> {
    let measured = |kind: &str| weights.iter().find(|w| w.kind == kind);
    if measured("guide page").is_none() {
        bail!("page weight: no guide page was measured");
    }
    let has_checklist = site
        .content
        .pages
        .iter()
        .any(|page| page.template() == "checklist");
    let loads_wasm = measured("checklist page")
        .is_some_and(|w| w.parts.iter().any(|(path, _, _)| path.ends_with(".wasm")));
    if has_checklist && !loads_wasm {
        bail!("page weight: the checklist page was not measured with the wasm module it loads");
    }
    Ok(())
}

/// Returns the day `--stale` counts from: `--today`, or the system clock's day (UTC).
fn today(stale: &Staleness) -> Result<Date> {
    match &stale.today {
        Some(text) => Date::parse(text)
            .ok_or_else(|| anyhow!("--today `{text}` is not a date: write it as `YYYY-MM-DD`")),
        None => {
            let seconds = SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .context("the system clock is set before 1970")?
                .as_secs();
            Ok(Date::from_days((seconds / 86_400) as i64))
        }
    }
}

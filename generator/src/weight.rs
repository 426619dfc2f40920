//! Page weight: what a reader downloads for one page, counting the HTML and everything it
//! loads (stylesheets, icon, scripts and the modules they import, the checklist's wasm and
//! definition), raw and gzip-compressed. The search engine and index are not counted: a page
//! fetches them on the first keystroke in a search field, not on load. Weights are compared against a budget per
//! page type, which comes from the kind of page each rendered file carries (`PageKind`), never
//! from the theme's classes. It works on the rendered files in memory and leaves printing to
//! the command line.

use std::collections::{BTreeMap, BTreeSet};

use crate::output::gzip;
use crate::output::{OutputFile, PageKind};

/// The budget, in gzip bytes, of a guide page with all it loads.
pub const GUIDE_PAGE_BUDGET: usize = 15 * 1024;
/// The budget, in gzip bytes, of the checklist page with all it loads on its first load: the
/// measured 144.2 KB plus about 2 KB (the first-load bundle is 99.5 KB of it, see
/// `scripts/wasm-size-report.sh`, since the page saves and loads its data in a compact form
/// instead of JSON; the on-demand module, fetched by a dynamic `import()` on first use, is not
/// counted). The workspace issue's target is 150 KB.
pub const CHECKLIST_PAGE_BUDGET: usize = 146 * 1024;

/// The weight of the heaviest page of one type.
#[derive(Debug)]
pub struct PageWeight {
    /// The page type: `guide page` or `checklist page`.
    pub kind: &'static str,
    /// The heaviest page of that type.
    pub path: String,
    /// Every file the page loads, with raw and gzip bytes.
    pub parts: Vec<(String, usize, usize)>,
    /// The budget in gzip bytes.
    pub budget: usize,
}

impl PageWeight {
    /// Returns the raw bytes of the page and all it loads.
    pub fn raw(&self) -> usize {
        self.parts.iter().map(|(_, raw, _)| raw).sum()
    }

    /// Returns the gzip bytes of the page and all it loads.
    pub fn gzip(&self) -> usize {
        self.parts.iter().map(|(_, _, gzip)| gzip).sum()
    }

    /// Tells whether the page stays within its budget.
    pub fn within_budget(&self) -> bool {
        self.gzip() <= self.budget
    }
}

/// Measures the heaviest guide page and the heaviest checklist page of a rendered site.
pub fn measure(files: &[OutputFile], base_path: &str) -> Vec<PageWeight> {
    let by_path: BTreeMap<&str, &[u8]> = files
        .iter()
        .map(|file| (file.path.as_str(), file.bytes.as_slice()))
        .collect();
    let mut gzip_sizes: BTreeMap<&str, usize> = BTreeMap::new();
    let mut heaviest: BTreeMap<&'static str, PageWeight> = BTreeMap::new();
    for (file, kind) in files
        .iter()
        .filter_map(|file| Some((file, budget_class(file.page?)?)))
    {
        let mut loaded = BTreeSet::new();
        collect_loads(&file.path, &by_path, base_path, &mut loaded);
        let parts: Vec<(String, usize, usize)> = loaded
            .into_iter()
            .map(|path| {
                let bytes = by_path[path.as_str()];
                let key: &str = by_path
                    .get_key_value(path.as_str())
                    .map(|(key, _)| *key)
                    .unwrap_or_default();
                let compressed = *gzip_sizes.entry(key).or_insert_with(|| gzip(bytes).len());
                (path, bytes.len(), compressed)
            })
            .collect();
        let weight = PageWeight {
            kind,
            path: file.path.clone(),
            parts,
            budget: if kind == "checklist page" {
                CHECKLIST_PAGE_BUDGET
            } else {
                GUIDE_PAGE_BUDGET
            },
        };
        match heaviest.get(kind) {
            Some(current) if current.gzip() >= weight.gzip() => {}
            _ => {
                heaviest.insert(kind, weight);
            }
        }
    }
    heaviest.into_values().collect()
}

/// Returns the page type a kind of page is measured as, from the kind the renderer gave the
/// file (never from the theme's HTML, which an override may change), or `None` for a page
/// without a budget.
fn budget_class(kind: PageKind) -> Option<&'static str> {
    match kind {
        PageKind::Checklist => Some("checklist page"),
        PageKind::Guide | PageKind::Search | PageKind::Redirect => Some("guide page"),
        // The print view is the whole guide on one page, for paper; the root and 404 pages
        // are not pages of a language. None of them has a budget.
        PageKind::Print | PageKind::Root | PageKind::NotFound => None,
    }
}

/// Adds a file and, recursively, every same-site file it references.
fn collect_loads(
    path: &str,
    files: &BTreeMap<&str, &[u8]>,
    base_path: &str,
    loaded: &mut BTreeSet<String>,
) {
    if !loaded.insert(path.to_string()) {
        return;
    }
    let Some(bytes) = files.get(path) else { return };
    let text = String::from_utf8_lossy(bytes);
    let references: Vec<String> = if path.ends_with(".html") {
        html_loads(&text)
    } else if path.ends_with(".js") {
        module_imports(&text)
    } else {
        Vec::new()
    };
    for reference in references {
        if let Some(target) = resolve(path, &reference, base_path) {
            if files.contains_key(target.as_str()) {
                collect_loads(&target, files, base_path, loaded);
            }
        }
    }
}

/// Returns what an HTML page loads on its own: stylesheets, icon, scripts and checklist data.
fn html_loads(html: &str) -> Vec<String> {
    let mut loads = Vec::new();
    for tag in html.split('<').skip(1) {
        let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
        let attribute = |name: &str| {
            let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
            Some(tag[start..start + tag[start..].find('"')?].to_string())
        };
        if tag.starts_with("link ")
            && (tag.contains("rel=\"stylesheet\"") || tag.contains("rel=\"icon\""))
        {
            loads.extend(attribute("href"));
        } else if tag.starts_with("script ") {
            loads.extend(attribute("src"));
        } else if let Some(definition) = attribute("data-definition") {
            // The checklist's element: the definition and the engine it fetches on load. A
            // search field's `data-wasm` names no definition, and is fetched only on the
            // first keystroke.
            loads.push(definition);
            loads.extend(attribute("data-wasm"));
        }
    }
    loads
}

/// Returns the modules a JavaScript module imports statically (`from './x.js'`).
fn module_imports(source: &str) -> Vec<String> {
    source
        .split("from ")
        .skip(1)
        .filter_map(|rest| {
            let quote = rest.chars().next().filter(|c| *c == '\'' || *c == '"')?;
            let end = rest[1..].find(quote)?;
            Some(rest[1..1 + end].to_string())
        })
        .filter(|target| target.starts_with("./") || target.starts_with("../"))
        .collect()
}

/// Resolves a URL found in an output file to another output file's path.
fn resolve(from: &str, reference: &str, base_path: &str) -> Option<String> {
    if let Some(rooted) = reference.strip_prefix(base_path) {
        return Some(rooted.to_string());
    }
    if reference.starts_with("./") || reference.starts_with("../") {
        let mut parts: Vec<&str> = from.split('/').collect();
        parts.pop();
        for segment in reference.split('/') {
            match segment {
                "." => {}
                ".." => {
                    parts.pop()?;
                }
                other => parts.push(other),
            }
        }
        return Some(parts.join("/"));
    }
    None
}

/// Formats the weights as a table, with the budget verdict per page type.
pub fn table(weights: &[PageWeight]) -> String {
    let mut out = String::from("| page type | heaviest page | raw | gzip | budget (gzip) | verdict |\n|---|---|---:|---:|---:|---|\n");
    for weight in weights {
        out.push_str(&format!(
            "| {} | {} | {:.1} KB | {:.1} KB | {:.0} KB | {} |\n",
            weight.kind,
            weight.path,
            weight.raw() as f64 / 1024.0,
            weight.gzip() as f64 / 1024.0,
            weight.budget as f64 / 1024.0,
            if weight.within_budget() {
                "within budget"
            } else {
                "OVER BUDGET"
            }
        ));
    }
    for weight in weights {
        out.push_str(&format!("\n{} ({}):\n", weight.kind, weight.path));
        for (path, raw, gzip) in &weight.parts {
            out.push_str(&format!("  {path:<48} {raw:>8} B raw {gzip:>8} B gzip\n"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Returns an HTML page that loads a stylesheet and carries none of the default theme's
    /// classes or ids, as a theme override may write it.
    fn page(kind: PageKind, path: &str, body: &str) -> OutputFile {
        let html = format!(
            "<!doctype html><html><head><link rel=\"stylesheet\" href=\"/static/style.css\"></head><body>{body}</body></html>"
        );
        OutputFile::page(kind, path, html.into_bytes())
    }

    #[test]
    fn page_weight_found_pages_by_the_themes_css_classes() {
        let files = vec![
            page(
                PageKind::Guide,
                "en/soc-2/index.html",
                "<main>SOC 2</main><div data-wasm=\"/static/search.wasm\"></div>",
            ),
            page(
                PageKind::Checklist,
                "en/checklist/index.html",
                "<div class=\"vendor-grid\" data-definition=\"/static/c.json\" data-wasm=\"/static/c.wasm\"></div>",
            ),
            // Heavier than the guide page, and without the class the default theme gives it.
            page(
                PageKind::Print,
                "en/print/index.html",
                &"<section class=\"page\">The whole guide.</section>".repeat(400),
            ),
            page(PageKind::Root, "index.html", "<main>Choose a language</main>"),
            OutputFile::new("static/style.css", b"body { margin: 0 }".to_vec()),
            OutputFile::new("static/c.json", b"{}".to_vec()),
            OutputFile::new("static/c.wasm", vec![0; 1000]),
            OutputFile::new("static/search.wasm", vec![0; 1000]),
        ];
        let weights = measure(&files, "/");
        let measured: Vec<(&str, &str)> = weights
            .iter()
            .map(|weight| (weight.kind, weight.path.as_str()))
            .collect();
        assert_eq!(
            measured,
            [
                ("checklist page", "en/checklist/index.html"),
                ("guide page", "en/soc-2/index.html"),
            ]
        );
        let checklist = &weights[0];
        let loaded: Vec<&str> = checklist
            .parts
            .iter()
            .map(|(path, _, _)| path.as_str())
            .collect();
        assert_eq!(
            weights[1].parts.len(),
            2,
            "a search field's engine loads on the first keystroke, not with the page"
        );
        assert_eq!(
            loaded,
            [
                "en/checklist/index.html",
                "static/c.json",
                "static/c.wasm",
                "static/style.css"
            ]
        );
    }
}

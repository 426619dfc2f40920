//! The markers live reload needs in a theme: `data-live-reload` attributes on the parts of a
//! page the reload script swaps or compares (`theme/dev/live-reload.js`). A theme override
//! must keep them; `check` and `serve` report a content page template that lost one, naming
//! the template and what the marker is for.

use crate::diagnostics::Problem;
use crate::site::{OutputFile, Site};

/// A marker: its `data-live-reload` value, and what the reload script does with it.
struct Marker {
    value: &'static str,
    purpose: &'static str,
}

/// The markers every content page needs.
const ON_EVERY_PAGE: [Marker; 2] = [
    Marker {
        value: "main",
        purpose: "the element whose content `generator serve` swaps in after an edit",
    },
    Marker {
        value: "nav",
        purpose: "the navigation, compared to tell whether a swap shows the whole change",
    },
];

/// The marker of a page a script runs (the checklist), which a swap would leave dead.
const WHOLE_PAGE: Marker = Marker {
    value: "whole-page",
    purpose: "the part a script runs, so `generator serve` reloads the page instead of swapping it",
};

/// Returns the markers a content page rendered with `template` needs.
fn markers_for(template: &str) -> Vec<&'static Marker> {
    let mut markers: Vec<&Marker> = ON_EVERY_PAGE.iter().collect();
    if template == "checklist" {
        markers.push(&WHOLE_PAGE);
    }
    markers
}

/// Returns the values of the markers a page's HTML lacks.
fn missing(html: &str, template: &str) -> Vec<&'static Marker> {
    markers_for(template)
        .into_iter()
        .filter(|marker| !html.contains(&format!("data-live-reload=\"{}\"", marker.value)))
        .collect()
}

/// Reports the live-reload markers missing from the content pages, checking the first page
/// of each template; `file` returns an output file's bytes by its path.
pub fn check<'a>(site: &Site, file: &dyn Fn(&str) -> Option<&'a [u8]>) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut checked = std::collections::BTreeSet::new();
    for page in &site.content.pages {
        if !checked.insert(page.template()) {
            continue;
        }
        let path = format!("{}index.html", page.site_path);
        let Some(bytes) = file(&path) else {
            continue;
        };
        let template = format!("templates/{}.html", page.template());
        let origin = site
            .theme
            .file(&template)
            .map_or_else(|| template.clone().into(), |file| file.origin.clone());
        for marker in missing(&String::from_utf8_lossy(bytes), page.template()) {
            problems.push(Problem::new(
                &origin,
                0,
                format!(
                    "pages of this template (e.g. `{}`) lack `data-live-reload=\"{}\"` on {}: keep the attribute in the template or the one it extends",
                    page.source_path.display(),
                    marker.value,
                    marker.purpose
                ),
            ));
        }
    }
    problems
}

/// Looks a file up in a list of output files sorted by path.
pub fn in_sorted<'a>(files: &'a [OutputFile]) -> impl Fn(&str) -> Option<&'a [u8]> + 'a {
    move |path| {
        files
            .binary_search_by(|file| file.path.as_str().cmp(path))
            .ok()
            .map(|index| files[index].bytes.as_slice())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check_missing(html: &str, template: &str, expected: &[&str]) {
        let values: Vec<&str> = missing(html, template)
            .iter()
            .map(|marker| marker.value)
            .collect();
        assert_eq!(values, expected, "{html}");
    }

    #[test]
    fn pages_need_the_markers_of_their_template() {
        let page =
            r#"<nav class="x" data-live-reload="nav"></nav><main data-live-reload="main"></main>"#;
        check_missing(page, "page", &[]);
        check_missing(page, "checklist", &["whole-page"]);
        check_missing(
            &format!(r#"{page}<div data-live-reload="whole-page"></div>"#),
            "checklist",
            &[],
        );
        check_missing(r#"<main data-live-reload="main">"#, "page", &["nav"]);
        check_missing(
            r#"<nav class="site-nav"></nav><main id="main">"#,
            "page",
            &["main", "nav"],
        );
    }
}

//! The page-weight gate (`check --page-weight`) on the real site: it passes as the site is,
//! and fails, instead of passing unseen, when the checklist page's wasm module drops out of
//! what it measures.

mod common;

use std::path::Path;

use common::{copy_site_with, generator, repo_root, scratch};

/// Copies the real site's inputs into `to`, with `edit` applied to the checklist template.
fn real_site_with_checklist_template(to: &Path, edit: impl Fn(&str) -> String) {
    copy_site_with(&repo_root(), to, |path, bytes| {
        if path == Path::new("theme/templates/checklist.html") {
            edit(&String::from_utf8(bytes).unwrap()).into_bytes()
        } else {
            bytes
        }
    });
}

/// Runs `check --page-weight` on a site and returns its exit code and stderr.
fn page_weight(root: &Path) -> (Option<i32>, String) {
    let output = generator(&["check", "--root", root.to_str().unwrap(), "--page-weight"]);
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn page_weight_gate_passed_without_the_checklist_wasm() {
    let dir = scratch("page-weight");
    let (code, stderr) = page_weight(&repo_root());
    assert_eq!(
        code,
        Some(0),
        "the real site is within its budgets:\n{stderr}"
    );
    // The checklist page names its wasm module in `data-wasm`; under another attribute the
    // measurement no longer follows it, and the page (without its ~125 KB module) would
    // pass as "within budget".
    let renamed = dir.join("wasm-attribute-renamed");
    real_site_with_checklist_template(&renamed, |template| {
        assert!(
            template.contains(" data-wasm="),
            "the template names its wasm"
        );
        template.replace(" data-wasm=", " data-module=")
    });
    let (code, stderr) = page_weight(&renamed);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains(
            "page weight: the checklist page was not measured with the wasm module it loads"
        ),
        "{stderr}"
    );
}

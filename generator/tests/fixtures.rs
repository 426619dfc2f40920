//! The command line against fixture sites: every bad-input class reports its exact problems
//! with path and line and exits non-zero, failed builds leave the previous output in place,
//! and builds are reproducible.

mod common;

use common::{
    bad_fixture, build, copy_site, fixture, generator, read_text, read_tree, repo_root, scratch,
};
use std::path::Path;

#[test]
fn every_bad_input_fixture_reports_its_exact_problems() {
    let mut cases = 0;
    for entry in std::fs::read_dir(repo_root().join("tests/fixtures")).unwrap() {
        let dir = entry.unwrap().path();
        let name = dir.file_name().unwrap().to_string_lossy().to_string();
        if !name.starts_with("bad-") {
            continue;
        }
        cases += 1;
        let expected =
            std::fs::read_to_string(dir.join("expected-stderr.txt")).unwrap_or_else(|_| {
                panic!("{name}: add `expected-stderr.txt` with the exact messages")
            });
        let site = bad_fixture(&name);
        let output = generator(&["check", "--root", site.to_str().unwrap()]);
        assert_eq!(
            output.status.code(),
            Some(1),
            "{name}: `check` must exit with 1"
        );
        assert_eq!(
            String::from_utf8_lossy(&output.stderr),
            expected,
            "{name}: messages differ"
        );
        assert!(
            output.stdout.is_empty(),
            "{name}: nothing on stdout when the check fails"
        );
    }
    assert!(
        cases >= 6,
        "expected one folder per bad-input class, found {cases}"
    );
}

#[test]
fn valid_fixture_and_the_real_site_check_clean() {
    for root in [fixture("valid"), repo_root()] {
        let output = generator(&["check", "--root", root.to_str().unwrap()]);
        assert!(
            output.status.success(),
            "{}:\n{}",
            root.display(),
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

#[test]
fn check_stale_lists_pages_not_reviewed_within_the_days_given() {
    let root = fixture("valid");
    let check = |days: &str, today: &str| {
        generator(&[
            "check",
            "--root",
            root.to_str().unwrap(),
            "--stale",
            days,
            "--today",
            today,
        ])
    };
    let output = check("30", "2026-12-05");
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "content/de/index.md: line 1: never reviewed: after checking the page, add `reviewed = 2026-12-05` to its front matter\n\
         content/en/index.md: line 1: never reviewed: after checking the page, add `reviewed = 2026-12-05` to its front matter\n\
         error: 2 problems found\n"
    );
    let output = check("29", "2026-12-05");
    assert!(String::from_utf8_lossy(&output.stderr).contains(
        "content/en/overview.md: line 5: last reviewed 2026-11-05, 30 days ago (more than 29): check the page and update `reviewed`"
    ));
    let output = check("30", "2026-13-01");
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "error: --today `2026-13-01` is not a date: write it as `YYYY-MM-DD`\n"
    );
}

#[test]
fn failed_build_leaves_the_previous_site_in_place() {
    let out = scratch("failed-build").join("public");
    build(&fixture("valid"), &out, &[]);
    let before = read_tree(&out);
    for bad in [
        "bad-broken-link",
        "bad-malformed-front-matter",
        "bad-unknown-ui-string",
    ] {
        let output = generator(&[
            "build",
            "--root",
            bad_fixture(bad).to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ]);
        assert_eq!(output.status.code(), Some(1), "{bad}");
        assert_eq!(read_tree(&out), before, "{bad}: the previous build changed");
    }
    let leftovers: Vec<_> = std::fs::read_dir(out.parent().unwrap())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().to_string())
        .filter(|name| name != "public")
        .collect();
    assert!(
        leftovers.is_empty(),
        "temporary folders left behind: {leftovers:?}"
    );
}

#[test]
fn refuses_to_replace_a_folder_that_is_not_a_build() {
    let out = scratch("not-a-build");
    std::fs::write(out.join("notes.txt"), "precious").unwrap();
    let output = generator(&[
        "build",
        "--root",
        fixture("valid").to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("does not look like a previous build"));
    assert_eq!(
        std::fs::read_to_string(out.join("notes.txt")).unwrap(),
        "precious"
    );
}

#[test]
fn two_builds_are_byte_identical() {
    for (name, root) in [("fixture", fixture("valid")), ("site", repo_root())] {
        let dir = scratch(&format!("reproducible-{name}"));
        build(&root, &dir.join("a"), &[]);
        build(&root, &dir.join("b"), &[]);
        let (a, b) = (read_tree(&dir.join("a")), read_tree(&dir.join("b")));
        assert!(a.len() > 10, "{name}: too few files: {}", a.len());
        assert_eq!(
            a.keys().collect::<Vec<_>>(),
            b.keys().collect::<Vec<_>>(),
            "{name}: file lists differ"
        );
        for (path, bytes) in &a {
            assert!(
                bytes == &b[path],
                "{name}: `{path}` differs between two builds"
            );
        }
    }
}

#[test]
fn base_path_prefixes_every_internal_url() {
    let out = scratch("base-path").join("public");
    build(&fixture("valid"), &out, &["--base-path", "/guide/"]);
    let page = read_text(&out, "de/ueberblick/index.html");
    assert!(page.contains(r#"href="/guide/static/style.css""#));
    assert!(
        page.contains(r#"href="/guide/en/overview/" lang="en""#),
        "switcher under the base path"
    );
    assert!(page.contains(
        r#"<link rel="canonical" href="https://fixture.example.org/guide/de/ueberblick/">"#
    ));
    let home = read_text(&out, "en/index.html");
    assert!(
        home.contains(r#"href="/guide/en/overview/#details""#),
        "links between pages carry the base path"
    );
    let moved = read_text(&out, "de/alter-ueberblick/index.html");
    assert!(
        moved.contains(r#"content="0; url=/guide/de/ueberblick/""#),
        "the redirect page of a former URL leads to the page under the base path"
    );
    for (path, bytes) in read_tree(&out) {
        let text = String::from_utf8_lossy(&bytes);
        for attribute in [r#"href="/"#, r#"src="/"#, r#"action="/"#, "url=/"] {
            for (index, _) in text.match_indices(attribute) {
                let rest = &text[index + attribute.len() - 1..];
                assert!(
                    rest.starts_with("/guide/"),
                    "`{path}` has a root URL outside the base path: {}",
                    &rest[..40.min(rest.len())]
                );
            }
        }
    }
}

#[test]
fn help_lists_the_subcommands() {
    let output = generator(&["--help"]);
    let help = String::from_utf8_lossy(&output.stdout);
    assert!(help.contains("build") && help.contains("check"), "{help}");
}

/// Builds `root` into `out` from inside `root`, with the clock faked to `day` by Debian's
/// `faketime` (installed by scripts/test.sh) and another time zone, and asserts success.
#[track_caller]
fn build_on(day: &str, zone: &str, root: &Path, out: &Path) {
    let output = std::process::Command::new("faketime")
        .arg(day)
        .arg(env!("CARGO_BIN_EXE_generator"))
        .args(["build", "--out", out.to_str().unwrap()])
        .current_dir(root)
        .env("TZ", zone)
        .output()
        .expect("faketime runs (scripts/test.sh installs Debian's `faketime`)");
    assert!(
        output.status.success(),
        "build on {day} failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn builds_in_two_checkouts_on_two_days_are_byte_identical() {
    // The fake clock must really reach the programs it runs, or this test proves nothing.
    let year = std::process::Command::new("faketime")
        .args(["2031-02-03 04:05:06", "date", "+%Y"])
        .output()
        .expect("faketime runs (scripts/test.sh installs Debian's `faketime`)");
    assert_eq!(String::from_utf8_lossy(&year.stdout).trim(), "2031");
    let dir = scratch("reproducible-checkouts");
    let (one, two) = (dir.join("one"), dir.join("a much longer/checkout path/two"));
    copy_site(&repo_root(), &one);
    copy_site(&repo_root(), &two);
    build_on("2031-02-03 04:05:06", "UTC", &one, &dir.join("out-one"));
    build_on(
        "2044-12-31 23:59:59",
        "Asia/Kolkata",
        &two,
        &dir.join("out-two"),
    );
    let (a, b) = (
        read_tree(&dir.join("out-one")),
        read_tree(&dir.join("out-two")),
    );
    assert!(a.len() > 40, "too few files: {}", a.len());
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        b.keys().collect::<Vec<_>>(),
        "file lists differ"
    );
    for (path, bytes) in &a {
        assert!(
            bytes == &b[path],
            "`{path}` differs between two checkouts built on two days"
        );
    }
}

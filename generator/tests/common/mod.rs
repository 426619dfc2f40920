//! Shared helpers of the generator's integration tests: paths to fixture sites, copies of a
//! site's inputs, running the real binary, and reading whole output trees for comparison.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Returns the repository root.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// Returns a fixture site's folder under `tests/fixtures/`.
pub fn fixture(name: &str) -> PathBuf {
    repo_root().join("tests/fixtures").join(name)
}

/// Assembles a bad-input fixture into a scratch folder and returns it: the shared base
/// (`tests/fixtures/base/`: `site.toml` and both languages' `index.md`) with the fixture's
/// own files laid over it, then the fixture's `edits.toml` applied, so each `bad-*` folder
/// holds only what makes it bad: whole files it adds or replaces, and the lines it changes
/// in a file it otherwise shares (see [`apply_edits`]).
pub fn bad_fixture(name: &str) -> PathBuf {
    let site = scratch(&format!("fixture-{name}"));
    for layer in [fixture("base"), fixture(name)] {
        for entry in walkdir::WalkDir::new(&layer) {
            let entry = entry.unwrap();
            let relative = entry.path().strip_prefix(&layer).unwrap();
            if [EDITS_FILE, EXPECTED_FILE]
                .iter()
                .any(|own| relative == Path::new(own))
            {
                continue;
            }
            let target = site.join(relative);
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&target).unwrap();
            } else {
                std::fs::copy(entry.path(), &target).unwrap();
            }
        }
    }
    apply_edits(&fixture(name), &site);
    site
}

/// A bad-input fixture's list of edits to files it shares with the base or the default theme.
const EDITS_FILE: &str = "edits.toml";

/// A bad-input fixture's exact expected messages, which are not part of the site.
const EXPECTED_FILE: &str = "expected-stderr.txt";

/// Applies a fixture's `edits.toml` to the assembled `site`. Each `[[edit]]` names a `file`
/// (relative to the site root; a `theme/` file the site lacks is taken from the repository's
/// default theme, which the fixture then overrides), `find`s text that must occur in it
/// exactly once, and puts `replace` in its place; so a fixture breaks on purpose when the
/// text it changes moves away, instead of silently testing nothing.
#[track_caller]
fn apply_edits(fixture: &Path, site: &Path) {
    let Ok(text) = std::fs::read_to_string(fixture.join(EDITS_FILE)) else {
        return;
    };
    let edits: toml::Table = toml::from_str(&text)
        .unwrap_or_else(|error| panic!("{}: {error}", fixture.join(EDITS_FILE).display()));
    let string = |edit: &toml::Table, key: &str| -> String {
        edit.get(key)
            .and_then(toml::Value::as_str)
            .unwrap_or_else(|| panic!("{}: every `[[edit]]` needs `{key}`", fixture.display()))
            .to_string()
    };
    for edit in edits["edit"].as_array().expect("`[[edit]]` tables") {
        let edit = edit.as_table().expect("`[[edit]]` tables");
        let file = string(edit, "file");
        let (find, replace) = (string(edit, "find"), string(edit, "replace"));
        let target = site.join(&file);
        let source = if target.exists() {
            target.clone()
        } else {
            assert!(
                file.starts_with("theme/"),
                "{}: no `{file}` to edit",
                fixture.display()
            );
            repo_root().join(&file)
        };
        let original = std::fs::read_to_string(&source).unwrap();
        assert_eq!(
            original.matches(&find).count(),
            1,
            "{}: `{find}` must occur exactly once in `{file}`",
            fixture.display()
        );
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(&target, original.replacen(&find, &replace, 1)).unwrap();
    }
}

/// Copies a site's inputs (`site.toml`, `content/`, `theme/`) from `root` into `to`, as a
/// fresh checkout holds them.
pub fn copy_site(root: &Path, to: &Path) {
    copy_site_with(root, to, |_, bytes| bytes);
}

/// Copies a site's inputs like [`copy_site`], passing each file's bytes through `edit` with
/// its path relative to `root`.
pub fn copy_site_with(root: &Path, to: &Path, edit: impl Fn(&Path, Vec<u8>) -> Vec<u8>) {
    // Only the kept top-level entries are walked, so folders that other runs change meanwhile
    // (`target/`, `bench/corpus/`) are never read.
    let kept = |entry: &walkdir::DirEntry| {
        entry.depth() != 1
            || ["site.toml", "content", "theme"]
                .iter()
                .any(|keep| entry.file_name() == *keep)
    };
    for entry in walkdir::WalkDir::new(root)
        .min_depth(1)
        .into_iter()
        .filter_entry(kept)
    {
        let entry = entry.unwrap();
        let relative = entry.path().strip_prefix(root).unwrap();
        let target = to.join(relative);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            let bytes = std::fs::read(entry.path()).unwrap();
            std::fs::write(&target, edit(relative, bytes)).unwrap();
        }
    }
}

/// Returns a fresh, empty scratch folder for one test.
pub fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs the generator binary with arguments.
pub fn generator(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_generator"))
        .args(args)
        .output()
        .expect("the generator binary runs")
}

/// Builds a site into a folder and asserts success.
#[track_caller]
pub fn build(root: &Path, out: &Path, extra: &[&str]) {
    let mut args = vec![
        "build",
        "--root",
        root.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let output = generator(&args);
    assert!(
        output.status.success(),
        "build failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Reads every file below a folder into a map from relative path to bytes.
pub fn read_tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|entry| entry.file_type().is_file())
        .map(|entry| {
            let relative = entry
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (relative, std::fs::read(entry.path()).unwrap())
        })
        .collect()
}

/// Reads one output file as text.
#[track_caller]
pub fn read_text(dir: &Path, path: &str) -> String {
    std::fs::read_to_string(dir.join(path))
        .unwrap_or_else(|error| panic!("cannot read `{path}`: {error}"))
}

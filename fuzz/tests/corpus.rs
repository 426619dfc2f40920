//! Replays every committed input of every fuzz target through its properties, without a
//! fuzzer: the seed corpora (`corpus/<target>/`) and the inputs that once found a bug
//! (`regressions/<target>/`, each named after the bug). Each target's seeds must include
//! inputs its parser accepts, so the fuzzer starts from the valid formats.

use std::fs;
use std::path::Path;

#[test]
fn every_committed_input_holds_its_properties() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (name, check) in fuzz::TARGETS {
        let (mut replayed, mut accepted) = (0, 0);
        for folder in ["corpus", "regressions"] {
            let dir = root.join(folder).join(name);
            let Ok(entries) = fs::read_dir(&dir) else {
                assert_ne!(folder, "corpus", "no seed corpus for `{name}` in {dir:?}");
                continue;
            };
            for entry in entries {
                let path = entry.expect("a readable folder").path();
                let data = fs::read(&path).expect("a readable input");
                let outcome = std::panic::catch_unwind(|| check(&data));
                let Ok(ok) = outcome else {
                    panic!("{name}: {} breaks a property", path.display());
                };
                replayed += 1;
                accepted += usize::from(ok && folder == "corpus");
            }
        }
        assert!(replayed > 0, "{name}: nothing replayed");
        assert!(accepted > 0, "{name}: no seed is accepted by its parser");
    }
}

#[test]
fn every_target_has_a_libfuzzer_entry() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (name, _) in fuzz::TARGETS {
        let entry = fs::read_to_string(root.join("fuzz_targets").join(format!("{name}.rs")))
            .unwrap_or_else(|_| panic!("fuzz_targets/{name}.rs is missing"));
        assert!(
            entry.contains(&format!("fuzz::{name}::check")),
            "{name}: wrong entry"
        );
    }
    // scripts/fuzz.sh fuzzes the files it finds there: no entry without a target.
    let entries = fs::read_dir(root.join("fuzz_targets"))
        .expect("fuzz_targets/")
        .count();
    assert_eq!(
        entries,
        fuzz::TARGETS.len(),
        "fuzz_targets/ has files that are not targets"
    );
}

//! The page's UI strings, handed over by the generator as JSON in `data-strings` (the
//! `[checklist]` table of `theme/i18n/<lang>.toml`). Look-up, plural forms and one-pass
//! placeholder filling are the presenter's (`checklist_core::present::strings`), so they are
//! tested natively; this module only names them for the binding.

pub use checklist_core::present::Strings;

#[cfg(test)]
mod tests {
    use checklist_core::present::ui_keys;

    /// Finds the string keys the binding's sources pass to `get`, `fill` and `fill_count`.
    fn keys_looked_up(source: &str) -> Vec<String> {
        let mut keys = Vec::new();
        for call in ["get(\"", "fill(\"", "fill_count(\""] {
            for (at, _) in source.match_indices(call) {
                let rest = &source[at + call.len()..];
                let key = rest.split('"').next().unwrap_or_default();
                if key.chars().all(|c| c.is_ascii_lowercase() || c == '_') && !key.is_empty() {
                    keys.push(key.to_owned());
                }
            }
        }
        keys
    }

    #[test]
    fn every_ui_string_the_binding_looks_up_is_listed_for_the_generators_check() {
        let keys = ui_keys();
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
        let mut missing = Vec::new();
        // The sources, with those of submodules in folders (`grid/edit.rs`).
        let mut paths = Vec::new();
        let mut folders = vec![std::path::PathBuf::from(dir)];
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(folder).expect("the binding's sources") {
                let path = entry.expect("a source file").path();
                if path.is_dir() {
                    folders.push(path);
                } else {
                    paths.push(path);
                }
            }
        }
        for path in paths {
            let source = std::fs::read_to_string(&path).expect("a readable source");
            for key in keys_looked_up(&source) {
                // `Json::get("…")` and similar look-ups of data fields are not UI strings.
                if !keys.contains(&key.as_str()) && !matches!(key.as_str(), "key" | "href") {
                    missing.push(format!("{}: {key}", path.display()));
                }
            }
        }
        assert!(
            missing.is_empty(),
            "add these keys to checklist_core::present::UI_KEYS (and both theme/i18n files): {missing:?}"
        );
    }
}

//! The site configuration (`site.toml`, read by `Config::parse`): every problem names a line
//! of the file; every configuration it accepts has what later stages rely on: at least one
//! language, each code two lowercase letters and listed once, the default among them, an
//! http(s) origin without a trailing slash, and a base path between slashes.

use generator::config::Config;

/// Checks one input; panics when a property fails. Returns whether the parser accepted it.
pub fn check(data: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(data) else {
        return false;
    };
    let config = match Config::parse(text) {
        Ok(config) => config,
        Err(problems) => {
            assert!(!problems.is_empty(), "refused without a reason");
            for problem in &problems.0 {
                assert!(
                    problem.line <= crate::line_count(text),
                    "line {} past the end: {}",
                    problem.line,
                    problem.message
                );
            }
            return false;
        }
    };
    assert!(!config.languages.is_empty(), "no languages");
    let mut codes: Vec<&str> = config.languages.iter().map(|l| l.code.as_str()).collect();
    for code in &codes {
        assert!(
            code.len() == 2 && code.bytes().all(|b| b.is_ascii_lowercase()),
            "code {code:?}"
        );
    }
    assert!(codes.contains(&config.default_language.as_str()));
    codes.sort_unstable();
    assert!(
        codes.windows(2).all(|pair| pair[0] != pair[1]),
        "a language listed twice"
    );
    assert!(
        config.base_url.starts_with("https://") || config.base_url.starts_with("http://"),
        "base_url {:?}",
        config.base_url
    );
    assert!(
        !config.base_url.ends_with('/'),
        "base_url ends with a slash"
    );
    assert!(
        config.base_path.starts_with('/') && config.base_path.ends_with('/'),
        "base_path {:?}",
        config.base_path
    );
    assert!(!config.base_path.contains("//") && !config.base_path.contains("/../"));
    assert!(config.url("en/").starts_with(&config.base_path));
    true
}

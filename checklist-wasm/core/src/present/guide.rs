//! The guide links of the questions: the generator resolves each question's `guide`
//! (`page.md#heading`) to a URL per language and writes them into the definition JSON under
//! `guide_urls`, and one language's into that language's compact definition, which the page
//! loads (`Definition::to_compact`), so the binding never reads the printable form to learn
//! them. This module reads them from the JSON.

use crate::json::{self, Json};

/// The field of the definition JSON that holds the guide links per language.
pub const GUIDE_URLS_FIELD: &str = "guide_urls";

/// Returns each question's guide link in a language, as (question id, URL) pairs; an
/// unreadable file or a missing language gives no links, so questions simply show none.
pub fn guide_urls(definition_json: &str, lang: &str) -> Vec<(String, String)> {
    let Ok(doc) = json::parse(definition_json) else {
        return Vec::new();
    };
    let Some(Json::Object(entries)) = doc.get(GUIDE_URLS_FIELD).and_then(|urls| urls.get(lang))
    else {
        return Vec::new();
    };
    entries
        .iter()
        .filter_map(|(id, url)| Some((id.clone(), url.as_str()?.to_owned())))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(json: &str, lang: &str, expected: &[(&str, &str)]) {
        let found = guide_urls(json, lang);
        let found: Vec<(&str, &str)> = found
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect();
        assert_eq!(found, expected);
    }

    #[test]
    fn guide_links_are_read_per_language_from_the_definition_json() {
        let json =
            r#"{"meta":{},"guide_urls":{"en":{"a.b":"/en/x/#y"},"de":{"a.b":"/de/x/#y","c":1}}}"#;
        check(json, "en", &[("a.b", "/en/x/#y")]);
        check(json, "de", &[("a.b", "/de/x/#y")]);
        check(json, "fr", &[]);
        check(r#"{"meta":{}}"#, "en", &[]);
        check("{broken", "en", &[]);
    }
}

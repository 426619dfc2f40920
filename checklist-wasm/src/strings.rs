//! The page's UI strings, handed over by the generator as JSON in `data-strings` (the
//! `[checklist]` table of `theme/i18n/<lang>.toml`). It owns look-up and placeholder filling;
//! the texts of questions, options and rules come from the definition instead.

use checklist_core::json::{self, Json};

/// UI strings of one language.
#[derive(Debug, Default)]
pub struct Strings(Vec<(String, String)>);

impl Strings {
    /// Reads the strings from the JSON object in `data-strings`; bad JSON gives no strings,
    /// so the page still works and shows keys instead of texts.
    pub fn from_json(json: &str) -> Strings {
        let Ok(Json::Object(entries)) = json::parse(json) else {
            return Strings::default();
        };
        Strings(
            entries
                .into_iter()
                .filter_map(|(key, value)| Some((key, value.as_str()?.to_owned())))
                .collect(),
        )
    }

    /// Returns the string for `key`, or the key itself when it is missing, so a gap shows.
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map_or(key, |(_, text)| text.as_str())
    }

    /// Returns the string for `key` with each `{name}` replaced by its value.
    pub fn fill(&self, key: &str, values: &[(&str, &str)]) -> String {
        values
            .iter()
            .fold(self.get(key).to_owned(), |text, (name, value)| {
                text.replace(&format!("{{{name}}}"), value)
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_filled_and_missing_keys_show_themselves() {
        let strings = Strings::from_json(r#"{"points":"{points} of {max} points"}"#);
        assert_eq!(
            strings.fill("points", &[("points", "36"), ("max", "50")]),
            "36 of 50 points"
        );
        assert_eq!(strings.get("nope"), "nope");
        assert_eq!(Strings::from_json("{bad").get("points"), "points");
    }
}

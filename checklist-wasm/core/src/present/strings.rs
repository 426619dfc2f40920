//! The page's UI strings: the `[checklist]` table of `theme/i18n/<lang>.toml`, which the
//! generator hands to the binding in the compact form of `saved`'s tokens (key and text
//! after key and text), so the page's first load reads them without a JSON parser. It owns
//! that form, look-up, plural forms and placeholder filling. Filling is one pass over the template, so a value (a vendor's name, say) is never
//! searched for placeholders itself. The texts of questions, options and rules come from the
//! definition instead.

use crate::date::Date;
use crate::json::{self, Json};
use crate::saved::text::{Reader, Writer};

/// The start of the UI strings in the compact form: the format and its version.
pub const STRINGS_MAGIC: &str = "ccs1;";

/// UI strings of one language.
#[derive(Clone, Debug, Default)]
pub struct Strings(Vec<(String, String)>);

impl Strings {
    /// Reads the strings from a JSON object of texts; bad JSON gives no strings, so the page
    /// still works and shows keys instead of texts.
    pub fn from_json(text: &str) -> Strings {
        let Ok(Json::Object(entries)) = json::parse(text) else {
            return Strings::default();
        };
        Strings(
            entries
                .into_iter()
                .filter_map(|(key, value)| Some((key, value.as_str()?.to_owned())))
                .collect(),
        )
    }

    /// Writes key/text pairs in the compact form [`Strings::from_compact`] reads.
    pub fn write_compact<K: AsRef<str>, V: AsRef<str>>(pairs: &[(K, V)]) -> String {
        let mut w = Writer::new(STRINGS_MAGIC);
        w.count(pairs.len());
        for (key, text) in pairs {
            w.str(key.as_ref());
            w.str(text.as_ref());
        }
        w.finish()
    }

    /// Reads the strings the generator wrote with [`Strings::write_compact`]; damaged text
    /// gives no strings, so the page still works and shows keys instead of texts.
    pub fn from_compact(text: &str) -> Strings {
        let mut r = Reader::new(text, STRINGS_MAGIC);
        let mut pairs = Vec::new();
        for _ in 0..r.count(usize::MAX) {
            pairs.push((r.string(), r.string()));
        }
        match r.end() {
            Ok(()) => Strings(pairs),
            Err(_) => Strings::default(),
        }
    }

    /// Builds strings from key/text pairs.
    pub fn from_pairs<K: Into<String>, V: Into<String>>(
        pairs: impl IntoIterator<Item = (K, V)>,
    ) -> Strings {
        Strings(
            pairs
                .into_iter()
                .map(|(k, v)| (k.into(), v.into()))
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

    /// The mark between a number's whole part and its fraction in this language (`.` or `,`):
    /// the one place the language's number format is decided.
    pub fn decimal_mark(&self) -> &str {
        self.get("decimal_mark")
    }

    /// Writes a day the way this language writes dates in running text (`date_numeric`, with
    /// `{year}`, `{month}` and `{day}`, the last two with two digits): the one place the
    /// language's date format is decided.
    pub fn date(&self, day: Date) -> String {
        let (month, day_of_month) = (format!("{:02}", day.month()), format!("{:02}", day.day()));
        self.fill(
            "date_numeric",
            &[
                ("year", &day.year().to_string()),
                ("month", &month),
                ("day", &day_of_month),
            ],
        )
    }

    /// Tells whether the strings have `key`.
    pub fn has(&self, key: &str) -> bool {
        self.0.iter().any(|(k, _)| k == key)
    }

    /// Returns the string for `key` with each `{name}` replaced by its value, in one pass:
    /// placeholders inside the values are left as they are.
    pub fn fill(&self, key: &str, values: &[(&str, &str)]) -> String {
        fill_template(self.get(key), values)
    }

    /// Fills the plural form of `key` that fits `count`: `key_one` for exactly 1, else
    /// `key_other` (English and German need no more forms).
    pub fn fill_count(&self, key: &str, count: f64, values: &[(&str, &str)]) -> String {
        let form = if count == 1.0 { "one" } else { "other" };
        fill_template(self.get(&format!("{key}_{form}")), values)
    }
}

/// Replaces each `{name}` of `template` whose name has a value; other braces stay as they are.
fn fill_template(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            values
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (*v, close))
        });
        match value {
            Some((value, close)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(template: &str, values: &[(&str, &str)], expected: &str) {
        assert_eq!(
            fill_template(template, values),
            expected,
            "template {template:?}"
        );
    }

    #[test]
    fn placeholders_are_filled_in_one_pass() {
        check(
            "{points} of {max} points",
            &[("points", "36"), ("max", "50")],
            "36 of 50 points",
        );
        check("no placeholders", &[("x", "1")], "no placeholders");
        check("{unknown} stays", &[("x", "1")], "{unknown} stays");
        check("{ {x} }", &[("x", "1")], "{ 1 }");
        check("unclosed {x", &[("x", "1")], "unclosed {x");
        check("{x}{x}", &[("x", "ab")], "abab");
        check("Ä{x}ö", &[("x", "ü")], "Äüö");
    }

    #[test]
    fn placeholders_inside_a_vendor_name_are_not_filled() {
        check(
            "{name}: {verdict} · {score}",
            &[
                ("name", "Evil {score} {verdict}"),
                ("verdict", "Strong"),
                ("score", "72 %"),
            ],
            "Evil {score} {verdict}: Strong · 72 %",
        );
    }

    #[test]
    fn plural_forms_follow_the_count_and_missing_keys_show_themselves() {
        let strings = Strings::from_json(r#"{"pt_one":"{n} point","pt_other":"{n} points"}"#);
        assert_eq!(strings.fill_count("pt", 1.0, &[("n", "1")]), "1 point");
        assert_eq!(strings.fill_count("pt", 2.0, &[("n", "2")]), "2 points");
        assert_eq!(strings.fill_count("pt", 0.5, &[("n", "0.5")]), "0.5 points");
        assert_eq!(strings.get("nope"), "nope");
        assert_eq!(Strings::from_json("{bad").get("pt_one"), "pt_one");
    }

    #[test]
    fn the_compact_strings_read_back_and_damaged_ones_give_keys() {
        let pairs = [("pt_one", "{n} Punkt"), ("quote", "„a“: 1,2 \"x\"\n")];
        let strings = Strings::from_compact(&Strings::write_compact(&pairs));
        assert_eq!(strings.0, Strings::from_pairs(pairs).0);
        let written = Strings::write_compact(&pairs);
        for cut in 0..written.len() {
            if let Some(prefix) = written.get(..cut) {
                assert!(Strings::from_compact(prefix).0.is_empty(), "{prefix:?}");
            }
        }
        assert_eq!(Strings::from_compact("{}").get("pt_one"), "pt_one");
    }

    #[test]
    fn dates_were_written_by_a_hard_coded_language_code_instead_of_the_language_s_strings() {
        let day = Date::new(2025, 3, 7).unwrap();
        let with = |template: &str| Strings::from_pairs([("date_numeric", template)]);
        assert_eq!(with("{year}-{month}-{day}").date(day), "2025-03-07");
        assert_eq!(with("{day}.{month}.{year}").date(day), "07.03.2025");
        // A third language decides its own format without any code change.
        assert_eq!(with("{day}/{month}/{year}").date(day), "07/03/2025");
    }
}

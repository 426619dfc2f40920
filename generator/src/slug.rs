//! The one slug function: turns heading text and titles into stable, ASCII, umlaut-safe
//! URL fragments (`Überblick` → `ueberblick`). Everything that makes an id calls it.

/// Turns text into a lowercase ASCII slug with `-` between words.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut pending_dash = false;
    for character in text.chars().flat_map(char::to_lowercase) {
        let replacement: &str = match character {
            'ä' | 'æ' => "ae",
            'ö' | 'œ' => "oe",
            'ü' => "ue",
            'ß' => "ss",
            'à' | 'á' | 'â' | 'ã' | 'å' => "a",
            'ç' | 'ć' | 'č' => "c",
            'è' | 'é' | 'ê' | 'ë' => "e",
            'ì' | 'í' | 'î' | 'ï' => "i",
            'ñ' => "n",
            'ò' | 'ó' | 'ô' | 'õ' | 'ø' => "o",
            'ù' | 'ú' | 'û' => "u",
            'ý' | 'ÿ' => "y",
            'š' => "s",
            'ž' => "z",
            c if c.is_ascii_alphanumeric() => {
                if pending_dash && !slug.is_empty() {
                    slug.push('-');
                }
                pending_dash = false;
                slug.push(c);
                continue;
            }
            _ => {
                pending_dash = true;
                continue;
            }
        };
        if pending_dash && !slug.is_empty() {
            slug.push('-');
        }
        pending_dash = false;
        slug.push_str(replacement);
    }
    slug
}

/// Tells whether a text is already a valid slug: lowercase ASCII words joined by single dashes.
pub fn is_slug(text: &str) -> bool {
    !text.is_empty()
        && text.split('-').all(|word| {
            !word.is_empty()
                && word
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn case(text: &str, expected: &str) {
        assert_eq!(slugify(text), expected, "slugify({text:?})");
    }

    #[test]
    fn slugs_are_stable_and_umlaut_safe() {
        case("Überblick", "ueberblick");
        case("Größe & Maße", "groesse-masse");
        case("ISO/IEC 27001:2022", "iso-iec-27001-2022");
        case("  Type I vs. Type II  ", "type-i-vs-type-ii");
        case("Was bedeutet „Sicherheit“?", "was-bedeutet-sicherheit");
        case("Café déjà vu", "cafe-deja-vu");
        case("", "");
        case("!!!", "");
    }

    #[test]
    fn recognises_valid_slugs() {
        assert!(is_slug("soc-2"));
        assert!(!is_slug("Soc-2"));
        assert!(!is_slug("soc--2"));
        assert!(!is_slug("-soc"));
        assert!(!is_slug(""));
    }
}

//! The "did you mean" of every error message, for the checklist source here and for the
//! site generator: the one edit distance and the one threshold that decides whether a
//! known word is close enough to an unknown one to be a likely typo. How a hint is worded
//! is left to each message.

/// Returns the known word closest to `unknown`, if one is close enough to be a likely typo.
///
/// Close enough means at most one edit (insert, delete or substitute a character) per three
/// characters of the unknown word, rounded up: `s3` finds `s1`, `titel` finds `title` (a
/// swap is two edits), `sectoins` finds `sections`, while short unrelated words find
/// nothing. Among equally close words the first one given wins, so a caller decides the
/// preference by its order (file order in the checklist source, sorted order elsewhere).
pub fn closest<'a>(unknown: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = unknown.chars().count().div_ceil(3);
    known
        .into_iter()
        .map(|candidate| (edit_distance(unknown, candidate), candidate))
        .filter(|(distance, _)| *distance <= limit)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

/// Counts the single-character edits that turn `a` into `b` (Levenshtein distance).
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (diagonal + usize::from(ca != *cb))
                .min(row[j] + 1)
                .min(above + 1);
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(unknown: &str, known: &[&str], expected: Option<&str>) {
        assert_eq!(closest(unknown, known.iter().copied()), expected);
    }

    #[test]
    fn a_likely_typo_finds_its_word_and_a_stranger_finds_none() {
        check(
            "titel",
            &["title", "description", "order", "slug"],
            Some("title"),
        );
        check(
            "sectoins",
            &["meta", "sections", "questions"],
            Some("sections"),
        );
        check("s3", &["s2", "s1"], Some("s2"));
        check("q.up", &["q.yn", "q.sum"], Some("q.yn"));
        check("summ", &["any", "sum"], Some("sum"));
        check("overveiw", &["index", "overview"], Some("overview"));
        check("zzzzzz", &["title", "slug"], None);
        check("ab", &["xy"], None);
        check("", &["a"], None);
        check("", &[""], Some(""));
    }

    #[test]
    fn edit_distance_counts_inserts_deletes_and_substitutions() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("abc", ""), 3);
        assert_eq!(edit_distance("äöü", "aöü"), 1);
        assert_eq!(edit_distance("same", "same"), 0);
    }
}

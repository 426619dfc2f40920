//! The three-way merge of tunings, for two tabs that tuned the checklist at once. Each part
//! (weights, must-have marks, own sections, own questions) is kept from the tab that changed
//! it since the common base; where both changed the same part, `mine` (the newer edit) wins.
//! Part by part rather than key by key: it keeps the page small (every byte of wasm counts,
//! see the README), and two tabs rarely tune the same part in the same moment. A question
//! whose own section the other tab removed keeps its section, so the result always passes
//! [`super::check`].

use super::Tuning;

/// Picks the changed side: mine if I changed it, else theirs.
fn pick<'a, T: PartialEq>(base: &T, mine: &'a T, theirs: &'a T) -> &'a T {
    if mine != base {
        mine
    } else {
        theirs
    }
}

/// Merges the tuning changes of `mine` and `theirs` since `base`.
pub fn merge(base: &Tuning, mine: &Tuning, theirs: &Tuning) -> Tuning {
    let questions = pick(&base.questions, &mine.questions, &theirs.questions);
    let mut sections = pick(&base.sections, &mine.sections, &theirs.sections).clone();
    for side in [mine, theirs] {
        for s in &side.sections {
            let needed = questions.iter().any(|q| q.section == s.id);
            if needed && !sections.iter().any(|kept| kept.id == s.id) {
                sections.push(s.clone());
            }
        }
    }
    Tuning {
        weights: pick(&base.weights, &mine.weights, &theirs.weights).clone(),
        must_haves: pick(&base.must_haves, &mine.must_haves, &theirs.must_haves).clone(),
        sections,
        questions: questions.clone(),
    }
}

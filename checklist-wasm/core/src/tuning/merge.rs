//! The three-way merge of tunings, for two tabs that tuned the checklist at once: every
//! weight, mark, own section and own question either tab changed since the common base is
//! kept; where both changed the same one, `mine` (the newer edit) wins. The result always
//! passes [`super::check`]: a section a kept question needs is kept, and the caps hold.

use super::{Tuning, MAX_OWN_QUESTIONS, MAX_OWN_SECTIONS};

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
    let mut merged = Tuning::default();
    for item in mine
        .weights
        .keys()
        .chain(theirs.weights.keys())
        .chain(base.weights.keys())
    {
        let get = |t: &Tuning| t.weights.get(item).copied();
        if let Some(weight) = pick(&get(base), &get(mine), &get(theirs)) {
            merged.weights.insert(item.clone(), *weight);
        }
    }
    for question in mine
        .must_haves
        .iter()
        .chain(theirs.must_haves.iter())
        .chain(base.must_haves.iter())
    {
        let on = |t: &Tuning| t.must_haves.contains(question);
        if *pick(&on(base), &on(mine), &on(theirs)) {
            merged.must_haves.insert(question.clone());
        }
    }
    // Their order first, as for vendors: it is what the other tab shows already.
    for id in theirs
        .questions
        .iter()
        .chain(&mine.questions)
        .map(|q| &q.id)
    {
        let get = |t: &Tuning| t.questions.iter().find(|q| &q.id == id).cloned();
        if merged.questions.iter().any(|q| &q.id == id) {
            continue;
        }
        if let Some(question) = pick(&get(base), &get(mine), &get(theirs)) {
            merged.questions.push(question.clone());
        }
    }
    for id in theirs.sections.iter().chain(&mine.sections).map(|s| &s.id) {
        let get = |t: &Tuning| t.sections.iter().find(|s| &s.id == id).cloned();
        if merged.sections.iter().any(|s| &s.id == id) {
            continue;
        }
        let needed = merged.questions.iter().any(|q| &q.section == id);
        let chosen = pick(&get(base), &get(mine), &get(theirs)).clone();
        if let Some(section) =
            chosen.or_else(|| needed.then(|| get(mine).or(get(theirs))).flatten())
        {
            merged.sections.push(section);
        }
    }
    merged.questions.truncate(MAX_OWN_QUESTIONS);
    merged.sections.truncate(MAX_OWN_SECTIONS);
    let sections = &merged.sections;
    merged.questions.retain(|q| {
        !q.section.starts_with(super::OWN_PREFIX) || sections.iter().any(|s| s.id == q.section)
    });
    merged
}

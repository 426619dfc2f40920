//! The three-way merge of workspaces that lets two tabs edit at once without losing either's
//! work. Given what a tab last loaded (`base`), what it has now (`mine`) and what another tab
//! saved meanwhile (`theirs`), it keeps every change either side made, matched by vendor id
//! and question id, contract conditions and the checklist's tuning included (the tuning's
//! merge is `checklist_core::tuning::merge`). Where both sides changed the same field (a vendor's name, an answer's
//! value, note, evidence or evidence date) differently, `mine` wins, because it is the newer edit: a tab
//! merges just before it writes. A vendor one side removed and the other edited is kept, as
//! an edit is work and a removal is not. Vendors both sides added under the same id are both
//! kept; `mine` gets a new id, reported in [`Merged::renamed`]. Plain Rust, tested natively;
//! when to merge is `store`'s decision.

use checklist_core::answers::{Answer, AnswerValue, Vendor, Workspace};
use checklist_core::definition::Verbal;
use checklist_core::exchange::MAX_VENDORS;

/// The result of a merge.
#[derive(Clone, Debug, PartialEq)]
pub struct Merged {
    /// The workspace with both sides' changes.
    pub workspace: Workspace,
    /// Vendors of `mine` that got a new id because `theirs` added another under the same id.
    pub renamed: Vec<(String, String)>,
}

/// Merges the changes of `mine` and `theirs` since `base`.
pub fn merge(base: &Workspace, mine: &Workspace, theirs: &Workspace) -> Merged {
    let mut workspace = Workspace::default();
    let mut renamed = Vec::new();
    // Their order first: it is what every other tab shows already.
    for their in &theirs.vendors {
        let old = base.vendor(&their.id);
        match (old, mine.vendor(&their.id)) {
            (Some(old), Some(my)) => workspace.vendors.push(merge_vendor(old, my, their)),
            // I removed it; keep it only if they edited it since.
            (Some(old), None) if old == their => {}
            (_, _) => workspace.vendors.push(their.clone()),
        }
    }
    for my in &mine.vendors {
        if theirs.vendor(&my.id).is_some() {
            let clash = base.vendor(&my.id).is_none() && theirs.vendor(&my.id) != Some(my);
            if clash {
                // Both added a vendor under the same id: keep mine under a free id.
                let mut vendor = my.clone();
                vendor.id = free_id(&workspace, mine);
                renamed.push((my.id.clone(), vendor.id.clone()));
                workspace.vendors.push(vendor);
            }
            continue;
        }
        match base.vendor(&my.id) {
            // They removed it; keep it only if I edited it since.
            Some(old) if old == my => {}
            _ => workspace.vendors.push(my.clone()),
        }
    }
    // Above the cap the saved data would not load again, so the last-added vendors beyond
    // it are dropped; it takes two tabs each adding vendors up to the cap at once.
    workspace.vendors.truncate(MAX_VENDORS);
    workspace.tuning = checklist_core::tuning::merge(&base.tuning, &mine.tuning, &theirs.tuning);
    Merged { workspace, renamed }
}

/// Returns an id used neither in the merged workspace nor in `mine`.
fn free_id(merged: &Workspace, mine: &Workspace) -> String {
    (1..)
        .map(|n| format!("v{n}"))
        .find(|id| merged.vendor(id).is_none() && mine.vendor(id).is_none())
        .expect("an unused id exists")
}

/// Merges one vendor that all three sides have.
fn merge_vendor(base: &Vendor, mine: &Vendor, theirs: &Vendor) -> Vendor {
    let mut vendor = Vendor::new(
        mine.id.clone(),
        pick(&base.name, &mine.name, &theirs.name).clone(),
    );
    let questions = mine.answers.keys().chain(theirs.answers.keys());
    for question in questions {
        if vendor.answers.contains_key(question) {
            continue;
        }
        let side = |v: &Vendor| v.answers.get(question).cloned();
        if let Some(answer) = merge_answer(side(base), side(mine), side(theirs)) {
            vendor.answers.insert(question.clone(), answer);
        }
    }
    let rules = mine
        .disabled_soft_rules
        .iter()
        .chain(theirs.disabled_soft_rules.iter())
        .chain(base.disabled_soft_rules.iter());
    for rule in rules {
        let off = |v: &Vendor| v.disabled_soft_rules.contains(rule);
        if *pick(&off(base), &off(mine), &off(theirs)) {
            vendor.disabled_soft_rules.insert(rule.clone());
        }
    }
    for question in mine.conditions.keys().chain(theirs.conditions.keys()) {
        let side = |v: &Vendor| v.conditions.get(question).cloned();
        if let Some(condition) = pick(&side(base), &side(mine), &side(theirs)) {
            vendor
                .conditions
                .insert(question.clone(), condition.clone());
        }
    }
    // A response's statements never change; its review set is merged as one field.
    vendor.response = pick(&base.response, &mine.response, &theirs.response).clone();
    vendor
}

/// Merges one answer field by field; `None` is an unanswered question.
fn merge_answer(
    base: Option<Answer>,
    mine: Option<Answer>,
    theirs: Option<Answer>,
) -> Option<Answer> {
    let fields = |a: &Option<Answer>| match a {
        Some(a) => (
            Some(a.value.clone()),
            a.note.clone(),
            a.evidence.clone(),
            a.valid_until,
        ),
        None => (None, String::new(), None, None),
    };
    let (base, mine, theirs) = (fields(&base), fields(&mine), fields(&theirs));
    let value = pick(&base.0, &mine.0, &theirs.0).clone();
    let note = pick(&base.1, &mine.1, &theirs.1).clone();
    let evidence = pick(&base.2, &mine.2, &theirs.2).clone();
    let valid_until = *pick(&base.3, &mine.3, &theirs.3);
    // Same rule as editing: a note or evidence without a value is kept as "unknown".
    let value = match value {
        Some(value) => value,
        None if note.is_empty() && evidence.is_none() && valid_until.is_none() => return None,
        None => AnswerValue::Verbal(Verbal::Unknown),
    };
    Some(Answer {
        value,
        note,
        evidence,
        valid_until,
    })
}

/// Picks the changed side of one field: mine if I changed it, else theirs.
fn pick<'a, T: PartialEq>(base: &T, mine: &'a T, theirs: &'a T) -> &'a T {
    if mine != base {
        mine
    } else {
        theirs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Builds a workspace from `id:name` vendors with `question=answer[/note]` answers,
    /// where an answer is yes, no or partial.
    fn ws(spec: &str) -> Workspace {
        let mut workspace = Workspace::default();
        for part in spec.split(' ').filter(|p| !p.is_empty()) {
            if let Some((id, name)) = part.split_once(':') {
                workspace.vendors.push(Vendor::new(id, name));
                continue;
            }
            let vendor = workspace.vendors.last_mut().expect("a vendor first");
            if let Some(text) = part.strip_prefix('$') {
                let (question, text) = text.split_once('=').expect("$question=condition");
                let condition = checklist_core::answers::ContractCondition {
                    text: text.to_owned(),
                    due: None,
                };
                vendor.conditions.insert(question.to_owned(), condition);
                continue;
            }
            if let Some(rule) = part.strip_prefix('!') {
                vendor.disabled_soft_rules.insert(rule.to_owned());
                continue;
            }
            let (question, answer) = part.split_once('=').expect("question=answer");
            let (value, note) = answer.split_once('/').unwrap_or((answer, ""));
            let value = match value {
                "yes" => Verbal::Yes,
                "no" => Verbal::No,
                "partial" => Verbal::Partial,
                _ => Verbal::Unknown,
            };
            let mut answer = Answer::new(AnswerValue::Verbal(value));
            answer.note = note.to_owned();
            vendor.answers.insert(question.to_owned(), answer);
        }
        workspace
    }

    #[track_caller]
    fn check(base: &str, mine: &str, theirs: &str, expected: &str) {
        let merged = merge(&ws(base), &ws(mine), &ws(theirs));
        assert_eq!(
            merged.workspace,
            ws(expected),
            "merge({base:?}, {mine:?}, {theirs:?})"
        );
    }

    #[test]
    fn a_merge_dropped_the_review_of_a_vendor_who_responded() {
        let origin = |reviewed: &[&str]| {
            let mut origin = checklist_core::response::Origin {
                file: "acme.json".to_owned(),
                digest: "sha256:00".to_owned(),
                digest_matched: true,
                imported: "2026-12-01".parse().unwrap(),
                created: "2026-11-30".parse().unwrap(),
                checklist: "c@1".to_owned(),
                contact: String::new(),
                language: "en".to_owned(),
                statements: Default::default(),
                reviewed: Default::default(),
            };
            for q in reviewed {
                origin.reviewed.insert((*q).to_owned());
            }
            Some(Box::new(origin))
        };
        let mut base = ws("v1:A q=yes");
        base.vendors[0].response = origin(&[]);
        let mut mine = base.clone();
        mine.vendors[0].response = origin(&["q"]);
        let theirs = ws("v1:A q=yes v2:B");
        let mut theirs_with_origin = theirs.clone();
        theirs_with_origin.vendors[0].response = origin(&[]);
        let merged = merge(&base, &mine, &theirs_with_origin).workspace;
        assert_eq!(merged.vendors[0].response, origin(&["q"]));
        let merged = merge(&base, &base, &mine).workspace;
        assert_eq!(merged.vendors[0].response, origin(&["q"]));
    }

    #[test]
    fn merges_keep_both_tabs_edits() {
        // (base, mine, theirs, expected)
        let cases = [
            // Nothing changed, or only one side changed.
            ("v1:A", "v1:A", "v1:A", "v1:A"),
            ("v1:A", "v1:A q=yes", "v1:A", "v1:A q=yes"),
            ("v1:A", "v1:A", "v1:A q=yes", "v1:A q=yes"),
            // Two tabs overwrite each other: they added a vendor, I answered a question.
            ("v1:A", "v1:A q=no", "v1:A v2:B", "v1:A q=no v2:B"),
            ("v1:A", "v1:A v2:B", "v1:A q=no", "v1:A q=no v2:B"),
            // Different questions and fields of one vendor.
            (
                "v1:A q=yes",
                "v1:A q=yes r=no",
                "v1:A q=yes/why",
                "v1:A q=yes/why r=no",
            ),
            ("v1:A q=yes", "v1:A q=no", "v1:A q=yes/why", "v1:A q=no/why"),
            // Both changed the same field: mine is the newer edit.
            ("v1:A q=yes", "v1:A q=no", "v1:A q=partial", "v1:A q=no"),
            ("v1:A", "v1:Mine", "v1:Theirs", "v1:Mine"),
            ("v1:A", "v1:A", "v1:Theirs", "v1:Theirs"),
            // Cleared on one side, untouched on the other.
            ("v1:A q=yes", "v1:A", "v1:A q=yes", "v1:A"),
            ("v1:A q=yes", "v1:A q=yes", "v1:A", "v1:A"),
            // Removals: unedited vendors go, edited ones stay.
            ("v1:A v2:B", "v1:A", "v1:A v2:B", "v1:A"),
            ("v1:A v2:B", "v1:A v2:B", "v1:A", "v1:A"),
            ("v1:A v2:B", "v1:A", "v1:A v2:B q=yes", "v1:A v2:B q=yes"),
            ("v1:A v2:B", "v1:A v2:B q=yes", "v1:A", "v1:A v2:B q=yes"),
            ("v1:A v2:B", "v1:A", "v2:B", ""),
            // Soft rules switched off on either side.
            ("v1:A", "v1:A !ko.x", "v1:A !ko.y", "v1:A !ko.x !ko.y"),
            ("v1:A !ko.x", "v1:A", "v1:A !ko.x !ko.y", "v1:A !ko.y"),
            // Contract conditions, like answers.
            (
                "v1:A",
                "v1:A $q=soc2",
                "v1:A $r=pentest",
                "v1:A $q=soc2 $r=pentest",
            ),
            ("v1:A $q=soc2", "v1:A $q=iso", "v1:A $q=soc2", "v1:A $q=iso"),
            ("v1:A $q=soc2", "v1:A $q=soc2", "v1:A", "v1:A"),
            // Both added the same vendor: kept once.
            ("", "v1:A", "v1:A", "v1:A"),
        ];
        for (base, mine, theirs, expected) in cases {
            check(base, mine, theirs, expected);
        }
    }

    #[test]
    fn a_weight_changed_in_one_tab_survived_an_answer_saved_in_another() {
        use checklist_core::definition::WeightClass;
        use checklist_core::tuning::TunedWeight;
        let mut mine = ws("v1:A");
        mine.tuning
            .weights
            .insert("q".into(), TunedWeight::Class(WeightClass::Critical));
        let merged = merge(&ws("v1:A"), &mine, &ws("v1:A q=yes"));
        let mut expected = ws("v1:A q=yes");
        expected.tuning = mine.tuning.clone();
        assert_eq!(merged.workspace, expected);
        // And the other way round: their tuning is kept when I only answered.
        let merged = merge(&ws("v1:A"), &ws("v1:A q=yes"), &mine);
        assert_eq!(merged.workspace, expected);
    }

    #[test]
    fn vendors_both_tabs_added_under_one_id_are_both_kept() {
        let merged = merge(
            &ws("v1:A"),
            &ws("v1:A v2:Mine"),
            &ws("v1:A v2:Theirs q=yes"),
        );
        assert_eq!(merged.workspace, ws("v1:A v2:Theirs q=yes v3:Mine"));
        assert_eq!(merged.renamed, [("v2".to_owned(), "v3".to_owned())]);
    }

    #[test]
    fn merging_never_passes_the_vendor_cap() {
        let many = |from: usize| {
            let spec: Vec<String> = (from..from + 30).map(|n| format!("v{n}:N{n}")).collect();
            ws(&spec.join(" "))
        };
        let merged = merge(&Workspace::default(), &many(1), &many(100));
        assert_eq!(merged.workspace.vendors.len(), MAX_VENDORS);
    }
}

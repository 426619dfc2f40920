//! Property tests of the scoring method and the formats, on random answers to the real
//! checklist (and the fixture where groups need a controlled setup).

mod common;

use checklist_core::answers::{Answer, AnswerValue, Vendor, Workspace};
use checklist_core::definition::{Definition, QuestionKind, Verbal};
use checklist_core::exchange::{export_json, import_json};
use checklist_core::scoring::{compare, score_vendor, Applicability, RuleStatus, Verdict};
use checklist_core::share::{self, ShareError};
use common::{fixture, real_checklist};
use proptest::prelude::*;

const EVIDENCE: [Option<&str>; 3] = [None, Some("document"), Some("independent_report")];

/// Picks an answer (or none) for every question from three random bytes each.
fn answers_from(def: &Definition, picks: &[(u8, u8, u16)]) -> Vendor {
    let mut vendor = Vendor::new("v1", "Vendor");
    for (question, &(a, b, c)) in def.questions.iter().zip(picks.iter().cycle()) {
        if a % 5 == 0 {
            continue; // unanswered
        }
        if a % 11 == 0 {
            let mut answer = Answer::new(AnswerValue::Unanswered);
            answer.note = format!("only a note {c}");
            vendor.answers.insert(question.id.clone(), answer);
            continue;
        }
        if a % 7 == 0 {
            vendor.answers.insert(
                question.id.clone(),
                Answer::new(AnswerValue::Verbal(Verbal::Unknown)),
            );
            continue;
        }
        let value = match &question.kind {
            QuestionKind::YesNo => {
                AnswerValue::Verbal([Verbal::Yes, Verbal::Partial, Verbal::No][usize::from(b) % 3])
            }
            QuestionKind::Choice { options } => {
                AnswerValue::Choice(options[usize::from(b) % options.len()].id.clone())
            }
            QuestionKind::Multi { options, .. } => AnswerValue::Choices(
                options
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| b >> i & 1 == 1)
                    .map(|(_, o)| o.id.clone())
                    .collect(),
            ),
            QuestionKind::Number { min, max, .. } => {
                AnswerValue::Number(min + (max - min) * f64::from(c) / 65535.0)
            }
        };
        let mut answer = Answer::new(value);
        answer.evidence = EVIDENCE[usize::from(a) % 3].map(str::to_owned);
        if c % 3 == 0 {
            let day = checklist_core::Date::new(2020 + c % 10, 1 + b % 12, 1 + a % 28);
            answer.valid_until = Some(day.expect("a valid day"));
        }
        answer.note = if b % 4 == 0 {
            format!("note {c}, \"quoted\"\n=line")
        } else {
            String::new()
        };
        vendor.answers.insert(question.id.clone(), answer);
    }
    vendor
}

fn picks() -> impl Strategy<Value = Vec<(u8, u8, u16)>> {
    proptest::collection::vec(any::<(u8, u8, u16)>(), 40)
}

proptest! {
    #[test]
    fn score_is_always_between_0_and_100(p in picks()) {
        let def = real_checklist();
        let score = score_vendor(&def, &answers_from(&def, &p));
        prop_assert!((0.0..=100.0).contains(&score.overall.score));
        prop_assert!((0.0..=1.0).contains(&score.overall.completeness));
        prop_assert!((0.0..=1.0).contains(&score.overall.confidence));
        for s in &score.sections {
            prop_assert!((0.0..=100.0).contains(&s.totals.score));
            prop_assert!(s.totals.points <= s.totals.max_points + 1e-9);
        }
    }

    #[test]
    fn hidden_questions_count_on_neither_side(p in picks(), q in picks()) {
        let def = real_checklist();
        let vendor = answers_from(&def, &p);
        let score = score_vendor(&def, &vendor);
        // Replace the answers of every hidden question by other random answers.
        let other = answers_from(&def, &q);
        let mut changed = vendor.clone();
        for result in score.questions.iter().filter(|r| r.applicability != Applicability::Applicable) {
            match other.answers.get(&result.question) {
                Some(a) => { changed.answers.insert(result.question.clone(), a.clone()); }
                None => { changed.answers.remove(&result.question); }
            }
        }
        let again = score_vendor(&def, &changed);
        prop_assert_eq!(again.overall, score.overall);
    }

    #[test]
    fn a_better_answer_never_lowers_the_score(p in picks(), pick in any::<prop::sample::Index>(), x in picks()) {
        let def = real_checklist();
        // Questions that control another's visibility may open new, unanswered questions.
        let controllers: Vec<&str> = def.questions.iter().filter_map(|q| q.visible_if.as_ref()).map(|c| c.question.as_str()).collect();
        let candidates: Vec<&str> = def.questions.iter().map(|q| q.id.as_str()).filter(|id| !controllers.contains(id)).collect();
        let id = candidates[pick.index(candidates.len())];
        let base = answers_from(&def, &p);
        let alt = answers_from(&def, &x);
        let (mut one, mut two) = (base.clone(), base.clone());
        one.answers.remove(id);
        if let Some(a) = base.answers.get(id) { one.answers.insert(id.to_owned(), a.clone()); }
        two.answers.remove(id);
        if let Some(a) = alt.answers.get(id) { two.answers.insert(id.to_owned(), a.clone()); }
        let credit = |v: &Vendor| score_vendor(&def, v).questions.iter().find(|r| r.question == id).unwrap().credit;
        let (worse, better) = if credit(&one) <= credit(&two) { (one, two) } else { (two, one) };
        prop_assert!(score_vendor(&def, &better).overall.score + 1e-9 >= score_vendor(&def, &worse).overall.score);
    }

    #[test]
    fn an_unknown_input_leaves_a_rule_open_not_failed(p in picks()) {
        let def = real_checklist();
        let mut vendor = answers_from(&def, &p);
        for rule in &def.rules {
            for condition in &rule.conditions {
                vendor.answers.insert(condition.question.clone(), Answer::new(AnswerValue::Verbal(Verbal::Unknown)));
            }
        }
        let score = score_vendor(&def, &vendor);
        for outcome in &score.rules {
            prop_assert_ne!(outcome.status, RuleStatus::Fail, "rule {}", outcome.rule);
        }
    }

    /// "Don't know" is never better than "No": both score zero credit, both count toward
    /// completeness, and both trigger the weakest-link cap. The one exception the method
    /// makes on purpose: a must-have rule whose input is "Don't know" is open, not decided,
    /// so a rule that "No" failed (or passed) becomes open, and the verdict is then
    /// provisional unless another rule still excludes the vendor. (Neither checklist has a
    /// yes/no question that controls another's visibility; one that showed a follow-up only
    /// on "No" would let "Don't know" leave the follow-up undetermined, and this test would
    /// catch the score that rises.)
    #[test]
    fn dont_know_never_beats_no(p in picks(), q in picks(), r in picks(), who in 0usize..3, pick in any::<prop::sample::Index>()) {
        for def in [real_checklist(), fixture()] {
            let yes_no: Vec<&str> = def.questions.iter().filter(|q| q.kind == QuestionKind::YesNo).map(|q| q.id.as_str()).collect();
            let id = yes_no[pick.index(yes_no.len())];
            let mut vendors: Vec<Vendor> = [&p, &q, &r].iter().enumerate().map(|(i, picks)| {
                let mut v = answers_from(&def, picks);
                v.id = format!("v{}", i + 1);
                v
            }).collect();
            let mut no = vendors[who].answers.get(id).cloned().unwrap_or_else(|| Answer::new(AnswerValue::Verbal(Verbal::No)));
            no.value = AnswerValue::Verbal(Verbal::No);
            vendors[who].answers.insert(id.to_owned(), no.clone());
            let before_all = Workspace { vendors: vendors.clone(), ..Default::default() };
            let mut dont_know = no;
            dont_know.value = AnswerValue::Verbal(Verbal::Unknown);
            vendors[who].answers.insert(id.to_owned(), dont_know);
            let after_all = Workspace { vendors, ..Default::default() };
            let before = score_vendor(&def, &before_all.vendors[who]);
            let after = score_vendor(&def, &after_all.vendors[who]);

            prop_assert_eq!(after.overall.score, before.overall.score);
            prop_assert_eq!(after.overall.completeness, before.overall.completeness);
            prop_assert!(after.overall.confidence <= before.overall.confidence);
            for (a, b) in after.sections.iter().zip(&before.sections) {
                prop_assert!(a.totals.score <= b.totals.score);
            }
            prop_assert!(after.capped || !before.capped, "the cap was lifted");
            let zeros = |s: &checklist_core::VendorScore| s.reasons.iter().filter(|r| matches!(r, checklist_core::scoring::Reason::CriticalZero { .. })).cloned().collect::<Vec<_>>();
            prop_assert_eq!(zeros(&after), zeros(&before));
            // The exception: rules on the question may only become open.
            let mut opened = false;
            for (a, b) in after.rules.iter().zip(&before.rules) {
                if a.status != b.status {
                    prop_assert_eq!(a.status, RuleStatus::Open, "rule {} went from {:?}", &a.rule, b.status);
                    opened |= a.active;
                }
            }
            let rank_of = |w: &Workspace| compare(&def, w).iter().find(|v| v.score.vendor == w.vendors[who].id).unwrap().rank;
            if opened {
                let still_excluded = after.verdict == Verdict::Excluded && before.verdict == Verdict::Excluded;
                prop_assert!(still_excluded || after.verdict == Verdict::Provisional, "{:?} -> {:?}", before.verdict, after.verdict);
            } else {
                prop_assert!(after.verdict.rank() >= before.verdict.rank(), "{:?} -> {:?}", before.verdict, after.verdict);
                prop_assert!(rank_of(&after_all) >= rank_of(&before_all));
            }
        }
    }

    #[test]
    fn a_group_takes_its_best_member(x in 0usize..3, y in 0usize..4) {
        let def = fixture();
        let xs = ["x_full", "x_none", "unknown"];
        let ys = ["y_full", "y_half", "y_none", "unknown"];
        let both = common::vendor(&format!("g.x={} g.y={}", xs[x], ys[y]));
        let credit = |s: &str| match s { "x_full" | "y_full" => 1.0, "y_half" => 0.5, _ => 0.0 };
        let best = if credit(xs[x]) >= credit(ys[y]) { format!("g.x={}", xs[x]) } else { format!("g.y={}", ys[y]) };
        let only_best = common::vendor(&best);
        prop_assert_eq!(score_vendor(&def, &both).overall.points, score_vendor(&def, &only_best).overall.points);
        prop_assert_eq!(score_vendor(&def, &both).overall.max_points, 16.0);
    }

    #[test]
    fn export_then_import_is_exact(p in picks(), q in picks(), name in "[^\u{0}]{1,40}") {
        let def = real_checklist();
        let mut a = answers_from(&def, &p);
        // A name must not be blank, so keep a visible first character.
        a.name = format!("V{name}");
        let mut b = answers_from(&def, &q);
        b.id = "v2".into();
        b.disabled_soft_rules.insert("ko.uptime".into());
        let workspace = Workspace { vendors: vec![a, b], ..Default::default() };
        let json = export_json(&def, &workspace);
        let report = import_json(&def, &json).expect("import");
        prop_assert_eq!(&report.workspace, &workspace);
        // The workspace bundle reads its own compact saves without the checks, to the same result.
        let compact = checklist_core::saved::write(&def, &workspace);
        prop_assert_eq!(checklist_core::saved::read_own(&def, &compact).expect("read_own"), workspace);
    }

    #[test]
    fn share_encode_then_decode_is_exact(p in picks()) {
        let def = real_checklist();
        let workspace = Workspace { vendors: vec![answers_from(&def, &p)], ..Default::default() };
        let decoded = share::decode(&def, &share::encode(&def, &workspace).expect("short enough")).expect("decode");
        prop_assert_eq!(decoded.workspace, workspace);
    }

    #[test]
    fn decoding_random_input_never_panics(text in ".{0,300}", bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let def = fixture();
        let _ = share::decode(&def, &text);
        let _ = share::decode(&def, &format!("v1.{text}"));
        let _ = import_json(&def, &text);
        let _ = import_json(&def, &String::from_utf8_lossy(&bytes));
    }

    /// Random bytes, deflated by another encoder and framed as a real link, get through
    /// base64url and inflate: the only failures left are that they are not UTF-8 (`Corrupt`)
    /// or not a workspace (`Invalid`).
    #[test]
    fn share_decode_reaches_inflate(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let def = fixture();
        let deflated = miniz_oxide::deflate::compress_to_vec(&bytes, 6);
        let link = format!("v1.{}", share::base64url::encode(&deflated));
        let result = share::decode(&def, &link);
        let utf8 = std::str::from_utf8(&bytes).is_ok();
        match result {
            Err(ShareError::Corrupt) => prop_assert!(!utf8, "valid UTF-8 read as corrupt"),
            Err(ShareError::Invalid(_)) | Ok(_) => prop_assert!(utf8, "invalid UTF-8 got past inflate"),
            Err(other) => prop_assert!(false, "stopped before inflate: {other:?}"),
        }
    }

    #[test]
    fn share_links_from_another_deflate_encoder_decode_exactly(p in picks(), level in 0u8..=10) {
        let def = real_checklist();
        let workspace = Workspace { vendors: vec![answers_from(&def, &p)], ..Default::default() };
        let json = checklist_core::exchange::document(&def, &workspace).to_compact();
        let deflated = miniz_oxide::deflate::compress_to_vec(json.as_bytes(), level);
        let link = format!("v1.{}", share::base64url::encode(&deflated));
        prop_assert_eq!(share::decode(&def, &link).expect("decode").workspace, workspace);
    }
}

//! Table tests of the scoring method on `tests/fixtures/scoring.toml` (weights 1, 2, 4;
//! 17 points when every question applies, 16 when `q.follow` is hidden).

mod common;

use checklist_core::answers::Workspace;
use checklist_core::scoring::{compare, compare_at, score_vendor, score_vendor_at, VendorScore};
use checklist_core::Date;
use common::{fixture, vendor};

const ALL_BEST: &str =
    "q.yn=yes q.choice=good q.follow=yes q.any=[o1] q.sum=[a,b,c] q.up=#99.99 q.hours=#24 g.x=x_full";

/// Reads one field of a score as text, so one table covers every kind of result.
fn field(score: &VendorScore, name: &str) -> String {
    let question = |id: &str| {
        score
            .questions
            .iter()
            .find(|q| q.question == id)
            .expect("question")
    };
    match name.split_once(':') {
        None => match name {
            "score" => format!("{:.2}", score.overall.score),
            "points" => format!("{}/{}", score.overall.points, score.overall.max_points),
            "completeness" => format!("{:.3}", score.overall.completeness),
            "confidence" => format!("{:.3}", score.overall.confidence),
            "verdict" => format!("{:?}", score.verdict),
            "band" => format!("{:?}", score.band),
            "reasons" => format!("{:?}", score.reasons),
            other => panic!("unknown field {other}"),
        },
        Some(("rule", id)) => {
            let rule = score.rules.iter().find(|r| r.rule == id).expect("rule");
            format!(
                "{:?}{}",
                rule.status,
                if rule.active { "" } else { " (off)" }
            )
        }
        Some(("credit", id)) => format!("{}", question(id).credit),
        Some(("evidence", id)) => format!("{}", question(id).evidence),
        Some(("expired", id)) => format!("{}", question(id).evidence_expired),
        Some(("applies", id)) => format!("{:?}", question(id).applicability),
        Some(("section", id)) => {
            let s = score
                .sections
                .iter()
                .find(|s| s.section == id)
                .expect("section");
            format!("{}/{}", s.totals.points, s.totals.max_points)
        }
        Some((kind, _)) => panic!("unknown field kind {kind}"),
    }
}

#[track_caller]
fn check(answers: &str, name: &str, expected: &str) {
    let score = score_vendor(&fixture(), &vendor(answers));
    assert_eq!(
        field(&score, name),
        expected,
        "answers `{answers}`, field `{name}`"
    );
}

#[test]
fn credits_follow_the_definition() {
    check("q.yn=yes", "credit:q.yn", "1");
    check("q.yn=partial", "credit:q.yn", "0.5");
    check("q.yn=no", "credit:q.yn", "0");
    check("q.yn=unknown", "credit:q.yn", "0");
    check("q.choice=meh", "credit:q.choice", "0.5");
    check("q.choice=nonsense", "credit:q.choice", "0");
    check("q.any=[o2]", "credit:q.any", "0.5");
    check("q.any=[o1,o2]", "credit:q.any", "1");
    check("q.any=[]", "credit:q.any", "0");
    check("q.sum=[a]", "credit:q.sum", "0.4");
    check("q.sum=[a,b,c]", "credit:q.sum", "1");
    check("q.up=#99.99", "credit:q.up", "1");
    check("q.up=#99.97", "credit:q.up", "0.8");
    check("q.up=#99.9", "credit:q.up", "0.4");
    check("q.up=#99.5", "credit:q.up", "0");
    check("q.hours=#12", "credit:q.hours", "1");
    check("q.hours=#24", "credit:q.hours", "1");
    check("q.hours=#36", "credit:q.hours", "0.5");
    check("q.hours=#72", "credit:q.hours", "0");
    check("q.yn=yes", "credit:q.choice", "0");
}

#[test]
fn scores_weigh_credits_over_applicable_questions() {
    check(ALL_BEST, "score", "100.00");
    check(ALL_BEST, "points", "17/17");
    check("", "points", "0/16");
    check("", "score", "0.00");
    // 4 of 16: the critical yes/no alone.
    check("q.yn=yes", "points", "4/16");
    check("q.yn=yes", "score", "25.00");
    check("q.yn=partial q.choice=meh", "points", "3/17");
    check("q.yn=yes q.up=#99.95", "section:s2", "1.6/8");
    check("q.yn=yes q.up=#99.95", "section:s1", "4/8");
}

#[test]
fn hidden_questions_leave_numerator_and_denominator() {
    check("q.choice=bad", "applies:q.follow", "NotApplicable");
    check("q.choice=bad q.follow=yes", "points", "0/16");
    check("q.choice=good", "applies:q.follow", "Applicable");
    check("q.choice=good q.follow=yes", "points", "3/17");
    check("", "applies:q.follow", "Undetermined");
    check("q.choice=unknown", "applies:q.follow", "Undetermined");
}

#[test]
fn completeness_counts_answers_by_weight_dont_know_included() {
    check(ALL_BEST, "completeness", "1.000");
    check("q.yn=yes", "completeness", "0.250");
    // "Don't know" is the vendor's answer: it completes the question with zero credit.
    check("q.yn=unknown", "completeness", "0.250");
    check("q.yn=unknown", "points", "0/16");
    check("g.x=unknown g.y=unknown", "completeness", "0.250");
    check("g.x=unknown", "completeness", "0.000");
    // The group is answered once a member has full credit...
    check("g.x=x_full", "completeness", "0.250");
    // ...but not while a better answer is still possible from the other member.
    check("g.x=x_none", "completeness", "0.000");
    check("g.x=x_none g.y=y_half", "completeness", "0.250");
}

#[test]
fn confidence_weighs_evidence_factors() {
    check("q.yn=yes@audit", "confidence", "0.250");
    check("q.yn=yes@doc q.choice=good@audit", "confidence", "0.306");
    check("q.yn=unknown@audit", "confidence", "0.000");
    check("q.yn=yes@missing-level", "confidence", "0.000");
}

#[test]
fn group_takes_its_best_member_once() {
    check("g.x=x_full", "points", "4/16");
    check("g.y=y_half", "points", "2/16");
    check("g.x=x_none g.y=y_half", "points", "2/16");
    check("g.x=x_full g.y=y_full", "points", "4/16");
}

#[test]
fn rules_pass_fail_or_stay_open() {
    check("q.yn=yes", "rule:r.yn", "Pass");
    check("q.yn=no", "rule:r.yn", "Fail");
    check("q.yn=unknown", "rule:r.yn", "Open");
    check("", "rule:r.yn", "Open");
    // A condition on a hidden question counts as satisfied; on an undetermined one it stays open.
    check("q.choice=bad", "rule:r.follow", "Pass");
    check("", "rule:r.follow", "Open");
    check("q.choice=good q.follow=no", "rule:r.follow", "Fail");
    check("g.x=x_none g.y=y_half", "rule:r.group", "Pass");
    check("g.x=x_none", "rule:r.group", "Open");
    check("g.x=x_none g.y=y_none", "rule:r.group", "Fail");
    check("q.up=#99.9", "rule:r.up", "Fail");
    check("q.up=#99.9 -r.up", "rule:r.up", "Fail (off)");
    check("q.up=#99.95", "rule:r.up", "Pass");
}

#[test]
fn verdicts_follow_rules_completeness_and_bands() {
    check(ALL_BEST, "verdict", "Strong");
    check(
        &ALL_BEST.replace("q.yn=yes", "q.yn=no"),
        "verdict",
        "Excluded",
    );
    check(
        &ALL_BEST.replace("q.yn=yes", "q.yn=unknown"),
        "verdict",
        "Provisional",
    );
    check("q.yn=yes", "verdict", "Provisional");
    // Soft rule failing excludes, unless the buyer switched it off.
    check(&ALL_BEST.replace("#99.99", "#99.9"), "verdict", "Excluded");
    check(
        &(ALL_BEST.replace("#99.99", "#99.9") + " -r.up"),
        "verdict",
        "Strong",
    );
    // 13.5 of 17 = 79.4: acceptable.
    check(
        &ALL_BEST
            .replace("q.choice=good", "q.choice=meh")
            .replace("q.sum=[a,b,c]", "q.sum=[a]")
            .replace("q.hours=#24", "q.hours=#48"),
        "verdict",
        "Acceptable",
    );
}

#[test]
fn critical_zero_caps_the_verdict_at_conditional() {
    // In the fixture every critical item is guarded by a hard rule, so make `q.hours`
    // critical (19 points in all) to see the cap on its own.
    let mut def = fixture();
    let hours = def
        .questions
        .iter_mut()
        .find(|q| q.id == "q.hours")
        .expect("q.hours");
    hours.weight = checklist_core::definition::WeightClass::Critical;
    let zero_hours = ALL_BEST.replace("q.hours=#24", "q.hours=#72");
    let score = score_vendor(&def, &vendor(&zero_hours));
    assert_eq!(
        format!("{}/{}", score.overall.points, score.overall.max_points),
        "15/19"
    );
    assert_eq!(
        format!("{:?} {:?} {}", score.band, score.verdict, score.capped),
        "Acceptable Conditional true"
    );
    assert_eq!(
        format!("{:?}", score.reasons),
        "[CriticalZero { item: \"q.hours\" }]"
    );
}

#[test]
fn dont_know_on_a_critical_question_left_the_verdict_strong_where_no_caps_it() {
    // The method gives "No" and "Don't know" zero credit, so the weakest-link cap applies
    // to both; before, "Don't know" escaped it and kept the vendor strong.
    let mut def = fixture();
    let hours = def
        .questions
        .iter_mut()
        .find(|q| q.id == "q.hours")
        .expect("q.hours");
    hours.weight = checklist_core::definition::WeightClass::Critical;
    for zero in ["#72", "unknown"] {
        let answers = ALL_BEST.replace("q.hours=#24", &format!("q.hours={zero}"));
        let score = score_vendor(&def, &vendor(&answers));
        assert_eq!(
            format!(
                "{:?} {:?} {} {:?}",
                score.band, score.verdict, score.capped, score.reasons
            ),
            "Acceptable Conditional true [CriticalZero { item: \"q.hours\" }]",
            "q.hours={zero}"
        );
    }
    // A critical group is capped once every applicable member is a zero or "Don't know".
    let group = |answers: &str| {
        let all = ALL_BEST.replace("g.x=x_full", answers);
        format!("{:?}", score_vendor(&fixture(), &vendor(&all)).reasons)
    };
    // (The rule on the group stays open with "Don't know", where "No" fails it.)
    assert!(group("g.x=unknown g.y=unknown").ends_with("CriticalZero { item: \"g\" }]"));
    assert!(group("g.x=x_none g.y=y_none").ends_with("CriticalZero { item: \"g\" }]"));
    assert!(group("g.x=unknown g.y=y_none").contains("CriticalZero { item: \"g\" }"));
    // One member still open: a better answer may come, so no cap yet.
    assert!(!group("g.x=unknown").contains("CriticalZero"));
}

#[test]
fn reasons_name_failed_and_open_rules_and_low_completeness() {
    check("q.yn=no", "reasons", "[RuleFailed { rule: \"r.yn\" }, RuleOpen { rule: \"r.follow\" }, RuleOpen { rule: \"r.group\" }, RuleOpen { rule: \"r.up\" }, Incomplete { completeness: 0.25, required: 0.8 }, CriticalZero { item: \"q.yn\" }]");
}

#[test]
fn comparison_ranks_by_verdict_then_score_then_confidence() {
    let def = fixture();
    let mut strong = vendor(ALL_BEST);
    strong.id = "strong".into();
    strong.name = "Strong".into();
    let mut excluded = vendor(&ALL_BEST.replace("q.yn=yes", "q.yn=no"));
    excluded.id = "excluded".into();
    excluded.name = "Excluded".into();
    let mut sure = vendor(&ALL_BEST.replace("q.yn=yes", "q.yn=yes@audit"));
    sure.id = "sure".into();
    sure.name = "Sure".into();
    let workspace = Workspace {
        vendors: vec![excluded, strong.clone(), sure, strong],
        ..Default::default()
    };
    let ranked = compare(&def, &workspace);
    let order: Vec<(usize, &str)> = ranked
        .iter()
        .map(|r| (r.rank, r.score.vendor.as_str()))
        .collect();
    assert_eq!(
        order,
        [(1, "sure"), (2, "strong"), (2, "strong"), (4, "excluded")]
    );
}

/// Checks one field of a score made on the day `today` (`YYYY-MM-DD`).
#[track_caller]
fn check_on(today: &str, answers: &str, name: &str, expected: &str) {
    let today: Date = today.parse().expect("YYYY-MM-DD");
    let score = score_vendor_at(&fixture(), &vendor(answers), today);
    assert_eq!(
        field(&score, name),
        expected,
        "on {today}, answers `{answers}`, field `{name}`"
    );
}

#[test]
fn expired_evidence_is_flagged_and_counts_as_a_vendor_statement() {
    // Valid through its last day, expired the day after.
    check_on(
        "2026-06-30",
        "q.yn=yes@audit~2026-06-30",
        "expired:q.yn",
        "false",
    );
    check_on(
        "2026-06-30",
        "q.yn=yes@audit~2026-06-30",
        "evidence:q.yn",
        "1",
    );
    check_on(
        "2026-07-01",
        "q.yn=yes@audit~2026-06-30",
        "expired:q.yn",
        "true",
    );
    check_on(
        "2026-07-01",
        "q.yn=yes@audit~2026-06-30",
        "evidence:q.yn",
        "0.5",
    );
    check_on(
        "2027-01-01",
        "q.yn=yes@doc~2026-12-31",
        "evidence:q.yn",
        "0.5",
    );
    // Never raised: weaker evidence stays as weak as it was.
    check_on(
        "2027-01-01",
        "q.yn=yes@none~2026-12-31",
        "evidence:q.yn",
        "0",
    );
    check_on(
        "2027-01-01",
        "q.yn=yes@none~2026-12-31",
        "expired:q.yn",
        "true",
    );
    // Only confidence changes, never the credit or the score.
    check_on(
        "2027-01-01",
        "q.yn=yes@audit~2026-12-31",
        "credit:q.yn",
        "1",
    );
    check_on("2027-01-01", "q.yn=yes@audit~2026-12-31", "points", "4/16");
    check_on(
        "2027-01-01",
        "q.yn=yes@audit~2026-12-31",
        "confidence",
        "0.125",
    );
    check_on(
        "2026-12-31",
        "q.yn=yes@audit~2026-12-31",
        "confidence",
        "0.250",
    );
    // Renewed evidence (a later date) counts fully again; no date never expires.
    check_on(
        "2027-01-01",
        "q.yn=yes@audit~2027-12-31",
        "evidence:q.yn",
        "1",
    );
    check_on("9999-12-31", "q.yn=yes@audit", "expired:q.yn", "false");
    // Across a year and a month end, and on a leap day.
    check_on(
        "2028-02-29",
        "q.yn=yes@audit~2028-02-28",
        "expired:q.yn",
        "true",
    );
    check_on(
        "2028-02-29",
        "q.yn=yes@audit~2028-02-29",
        "expired:q.yn",
        "false",
    );
    check_on(
        "2026-01-01",
        "q.yn=yes@audit~2025-12-31",
        "expired:q.yn",
        "true",
    );
    // Scoring without a day checks no dates, as before.
    check("q.yn=yes@audit~2000-01-01", "expired:q.yn", "false");
    check("q.yn=yes@audit~2000-01-01", "evidence:q.yn", "1");
}

#[test]
fn comparison_on_a_day_ranks_expired_evidence_lower_on_a_tie() {
    let def = fixture();
    let mut old = vendor(&ALL_BEST.replace("q.yn=yes", "q.yn=yes@audit~2026-01-31"));
    old.id = "old".into();
    let mut renewed = vendor(&ALL_BEST.replace("q.yn=yes", "q.yn=yes@audit~2027-01-31"));
    renewed.id = "renewed".into();
    let workspace = Workspace {
        vendors: vec![old, renewed],
        ..Default::default()
    };
    let order = |ranked: Vec<checklist_core::RankedVendor>| {
        ranked
            .iter()
            .map(|r| format!("{} {}", r.rank, r.score.vendor))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        order(compare_at(&def, &workspace, "2026-06-01".parse().unwrap())),
        ["1 renewed", "2 old"]
    );
    assert_eq!(
        order(compare_at(&def, &workspace, "2026-01-31".parse().unwrap())),
        ["1 old", "1 renewed"]
    );
    assert_eq!(order(compare(&def, &workspace)), ["1 old", "1 renewed"]);
}

#[test]
fn an_answer_without_value_stays_unanswered_unlike_dont_know() {
    // Only evidence or a note, no value chosen yet: nothing is scored, nothing capped.
    check("q.yn=unanswered@audit", "completeness", "0.000");
    check("q.yn=unanswered@audit", "confidence", "0.000");
    check("q.yn=unanswered@audit", "rule:r.yn", "Open");
    check("q.yn=unanswered@audit", "reasons", "[RuleOpen { rule: \"r.yn\" }, RuleOpen { rule: \"r.follow\" }, RuleOpen { rule: \"r.group\" }, RuleOpen { rule: \"r.up\" }, Incomplete { completeness: 0.0, required: 0.8 }]");
    check("q.choice=unanswered", "applies:q.follow", "Undetermined");
    check("q.yn=unknown", "reasons", "[RuleOpen { rule: \"r.yn\" }, RuleOpen { rule: \"r.follow\" }, RuleOpen { rule: \"r.group\" }, RuleOpen { rule: \"r.up\" }, Incomplete { completeness: 0.25, required: 0.8 }, CriticalZero { item: \"q.yn\" }]");
}

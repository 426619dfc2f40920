//! Validation of checklist sources: one case per class of error, each asserting the exact
//! message and line, made by editing the valid fixture `tests/fixtures/scoring.toml`.

use checklist_core::parse_definition;

const FIXTURE: &str = include_str!("fixtures/scoring.toml");

/// Replaces `from` (which must occur exactly once) by `to` and expects exactly these errors.
#[track_caller]
fn rejects(from: &str, to: &str, expected: &[&str]) {
    assert_eq!(
        FIXTURE.matches(from).count(),
        1,
        "`{from}` must occur once in the fixture"
    );
    let source = FIXTURE.replace(from, to);
    let errors = parse_definition(&source).expect_err("the edited fixture must be rejected");
    let found: Vec<String> = errors
        .iter()
        .map(|e| format!("line {}: {e}", e.line))
        .collect();
    assert_eq!(found, expected);
}

#[test]
fn fixture_is_valid() {
    parse_definition(FIXTURE).expect("fixture parses");
}

#[test]
fn invalid_toml_names_the_line() {
    rejects(
        "strong = 85",
        "strong = ",
        &["line 14: invalid toml: string values must be quoted, expected literal string"],
    );
}

#[test]
fn unknown_keys_suggest_the_closest_key() {
    rejects(
        r#"text = { en = "Choice?""#,
        r#"txet = { en = "Choice?""#,
        &["line 93: question `q.choice`: unknown key `txet` (did you mean `text`?)"],
    );
}

#[test]
fn unknown_values_suggest_the_closest_value() {
    rejects(
        r#"kind = "multi"
scoring = "sum""#,
        r#"kind = "multi"
scoring = "summ""#,
        &["line 126: question `q.sum`: unknown value `summ` (did you mean `sum`?)"],
    );
}

#[test]
fn unknown_keys_without_a_close_match_list_the_allowed_keys() {
    rejects(
        r#"{ id = "meh", credit = 0.5,"#,
        r#"{ id = "meh", credit = 0.5, colour = "red","#,
        &["line 96: question `q.choice`: unknown key `colour`; allowed keys are `id`, `credit`, `label`"],
    );
}

#[test]
fn unknown_values_without_a_close_match_list_the_allowed_values() {
    rejects(
        r#"kind = "multi"
scoring = "sum""#,
        r#"kind = "multi"
scoring = "product""#,
        &["line 126: question `q.sum`: unknown value `product`; use one of `any`, `sum`"],
    );
}

#[test]
fn unknown_keys_in_a_condition_point_at_the_key() {
    rejects(
        r#"visible_if = { question = "q.choice", in = ["good", "meh"] }"#,
        r#"visible_if = { question = "q.choice", inn = ["good", "meh"] }"#,
        &["line 105: question `q.follow`: unknown key `inn` (did you mean `in`?)"],
    );
}

#[test]
fn missing_keys_are_named() {
    rejects(
        r#"guide = "index.md"
text = { en = "Follow-up?", de = "Nachfrage?" }"#,
        r#"guide = "index.md""#,
        &["line 100: question `q.follow`: missing key `text`; add it"],
    );
}

#[test]
fn missing_keys_in_a_top_level_table_are_named() {
    rejects(
        "min_completeness = 0.8\n",
        "",
        &["line 13: `[verdict]`: missing key `min_completeness`; add it"],
    );
}

#[test]
fn values_of_the_wrong_type_are_reported_at_the_value() {
    rejects(
        "acceptable = 70",
        "acceptable = \"high\"",
        &["line 15: `[verdict]`: invalid type: string \"high\", expected f64"],
    );
}

#[test]
fn unknown_top_level_keys_are_reported() {
    rejects(
        r#"[[sections]]
id = "s1""#,
        r#"[[sectoins]]
id = "s0"
title = { en = "x", de = "y" }

[[sections]]
id = "s1""#,
        &["line 41: unknown top-level key `sectoins` (did you mean `sections`?)"],
    );
}

#[test]
fn missing_top_level_tables_are_named_with_their_header() {
    rejects(
        "[verdict]",
        "[verdicts]",
        &[
            "line 0: missing `[verdict]`; every checklist needs it",
            "line 13: unknown top-level key `verdicts` (did you mean `verdict`?)",
        ],
    );
    let source = FIXTURE.replace("[[evidence_levels]]", "[[evidence_level]]");
    let errors = parse_definition(&source).expect_err("a checklist without evidence levels");
    assert_eq!(
        errors[0].to_string(),
        "missing `[[evidence_levels]]`; every checklist needs it"
    );
}

#[test]
fn duplicate_ids_name_the_first_use() {
    rejects(r#"id = "q.sum""#, r#"id = "q.any""#, &[
        "line 122: duplicate question id `q.any` (first used on line 109); give each question its own id",
    ]);
}

#[test]
fn dangling_section_references_suggest_a_fix() {
    rejects(
        r#"id = "q.up"
section = "s2""#,
        r#"id = "q.up"
section = "s3""#,
        &["line 138: question `q.up`: section `s3` does not exist (did you mean `s1`?)"],
    );
}

#[test]
fn visible_if_must_name_an_earlier_question() {
    rejects(r#"visible_if = { question = "q.choice", in = ["good", "meh"] }"#, r#"visible_if = { question = "q.any", in = ["good"] }"#, &[
        "line 105: question `q.follow`: `visible_if`: question `q.any` comes later in the file; `visible_if` may only refer to a question above it",
    ]);
}

#[test]
fn visible_if_values_must_be_options() {
    rejects(r#"visible_if = { question = "q.choice", in = ["good", "meh"] }"#, r#"visible_if = { question = "q.choice", in = ["good", "mehh"] }"#, &[
        "line 105: question `q.follow`: `visible_if`: `mehh` is not an answer of question `q.choice` (did you mean `meh`?); use `good`, `meh`, `bad`",
    ]);
}

#[test]
fn rule_conditions_must_name_existing_questions() {
    rejects(
        r#"all_of = [{ question = "q.yn", in = ["yes", "partial"] }]"#,
        r#"all_of = [{ question = "q.ny", in = ["yes", "partial"] }]"#,
        &["line 58: rule `r.yn`: question `q.ny` does not exist (did you mean `q.any`?)"],
    );
}

#[test]
fn rule_conditions_on_yes_no_reject_unknown() {
    rejects(r#"all_of = [{ question = "q.yn", in = ["yes", "partial"] }]"#, r#"all_of = [{ question = "q.yn", in = ["yes", "unknown"] }]"#, &[
        "line 58: rule `r.yn`: `unknown` is not an answer of question `q.yn` (an unknown answer always leaves a condition open); use `yes`, `partial`, `no`",
    ]);
}

#[test]
fn group_members_must_exist() {
    rejects(r#"members = ["g.x", "g.y"]"#, r#"members = ["g.x", "g.z"]"#, &[
        "line 53: group `g`: member question `g.z` does not exist (did you mean `g.x`?)",
        "line 171: question `g.y`: missing key `weight`; add `weight = \"minor\"`, `\"standard\"` or `\"critical\"`",
    ]);
}

#[test]
fn group_members_must_share_the_section() {
    rejects(r#"members = ["g.x", "g.y"]"#, r#"members = ["g.x", "g.y", "q.yn"]"#, &[
        "line 53: group `g`: member `q.yn` is in section `s1`, not `s2`; put a group and all its members in one section",
        "line 83: question `q.yn`: a member of group `g` takes the group's weight; remove `weight`",
    ]);
}

#[test]
fn bands_out_of_order_are_reported() {
    rejects(r#"{ at_least = 99.95, credit = 0.8 }, { at_least = 99.9, credit = 0.4 }"#, r#"{ at_least = 99.9, credit = 0.4 }, { at_least = 99.95, credit = 0.8 }"#, &[
        "line 144: question `q.up`: bands are out of order: 99.95 comes after 99.9; list `at_least` bands from the highest limit down",
    ]);
}

#[test]
fn overlapping_bands_are_reported() {
    rejects(r#"{ at_most = 24, credit = 1.0 }, { at_most = 48, credit = 0.5 }"#, r#"{ at_most = 24, credit = 1.0 }, { at_most = 24, credit = 0.5 }"#, &[
        "line 156: question `q.hours`: bands overlap: limit 24 is used twice; give each band its own limit",
    ]);
}

#[test]
fn mixed_band_kinds_are_reported() {
    rejects(r#"{ at_most = 48, credit = 0.5 }"#, r#"{ at_least = 48, credit = 0.5 }"#, &[
        "line 156: question `q.hours`: bands mix `at_least` and `at_most`; use one kind for all bands of a question",
    ]);
}

#[test]
fn credits_outside_the_unit_interval_are_reported() {
    rejects(r#"{ id = "meh", credit = 0.5"#, r#"{ id = "meh", credit = 1.5"#, &[
        "line 96: question `q.choice`: option `meh`: credit 1.5 is outside [0, 1]; use a value from 0 to 1",
    ]);
}

#[test]
fn missing_translations_name_the_field() {
    rejects(
        r#"text = { en = "Sum?", de = "Summe?" }"#,
        r#"text = { en = "Sum?" }"#,
        &["line 129: question `q.sum`: `text` has no `de` translation; add `text.de`"],
    );
}

#[test]
fn unknown_languages_are_reported() {
    rejects(r#"text = { en = "Sum?", de = "Summe?" }"#, r#"text = { en = "Sum?", de = "Summe?", fr = "Somme ?" }"#, &[
        "line 129: question `q.sum`: `text` has text in `fr`, which is not a language of this checklist; use `en`, `de`",
    ]);
}

#[test]
fn group_members_take_the_group_weight() {
    rejects(r#"id = "g.y"
section = "s2""#, r#"id = "g.y"
section = "s2"
weight = "minor""#, &[
        "line 174: question `g.y`: a member of group `g` takes the group's weight; remove `weight`",
    ]);
}

#[test]
fn kind_specific_keys_are_checked() {
    rejects(
        r#"id = "q.yn"
section = "s1"
kind = "yes_no""#,
        r#"id = "q.yn"
section = "s1"
kind = "yes_no"
min = 3"#,
        &["line 79: question `q.yn`: `min` does not apply to a `yes_no` question; remove it"],
    );
}

#[test]
fn guide_links_must_name_a_page() {
    rejects(r#"guide = "soc-2.md""#, r#"guide = "SOC 2""#, &[
        "line 164: question `g.x`: `guide` `SOC 2` is not a guide link; write `<page>.md` or `<page>.md#<heading-id>`, e.g. `soc-2.md`",
    ]);
}

#[test]
fn rules_need_one_combination() {
    rejects(
        r#"any_of = [{ question = "g.x""#,
        r#"all_of = [{ question = "q.yn", in = ["yes"] }]
any_of = [{ question = "g.x""#,
        &["line 67: rule `r.group`: a rule needs exactly one of `any_of` or `all_of`"],
    );
}

#[test]
fn unknown_credit_must_be_zero() {
    rejects(r#"unknown = { credit = 0.0"#, r#"unknown = { credit = 0.5"#, &[
        "line 23: `[answer_set]`: `unknown.credit` must be 0; the method never gives credit for not knowing",
    ]);
}

#[test]
fn several_problems_are_reported_together() {
    rejects(r#"id = "q.up"
section = "s2""#, r#"id = "q.yn"
section = "s9""#, &[
        "line 76: rule `r.up`: question `q.up` does not exist (did you mean `q.yn`?)",
        "line 136: duplicate question id `q.yn` (first used on line 79); give each question its own id",
        "line 138: question `q.yn`: section `s9` does not exist (did you mean `s1`?)",
    ]);
}

#[test]
fn definition_source_accepted_max_inf() {
    rejects(
        "max = 100",
        "max = inf",
        &["line 143: `max = inf` is not a finite number; write a number"],
    );
    rejects(
        "at_least = 99.95 }",
        "at_least = -inf }",
        &["line 76: `at_least = -inf` is not a finite number; write a number"],
    );
    rejects(
        "strong = 85",
        "strong = nan",
        &[
            "line 13: `[verdict]`: bands must fall from strong to acceptable to conditional, found NaN, 70, 50",
            "line 14: `strong = nan` is not a finite number; write a number",
            "line 14: `[verdict]`: `strong` NaN is outside [0, 100]; scores run from 0 to 100",
        ],
    );
}

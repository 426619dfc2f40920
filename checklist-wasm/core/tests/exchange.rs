//! Export, import, CSV and share links: round trips and the exact error for each bad input.

mod common;

use checklist_core::answers::{Answer, AnswerValue, Vendor, Workspace};
use checklist_core::definition::{QuestionKind, Verbal};
use checklist_core::exchange::{
    csv_cell, export_csv, export_json, import_json, max_import_bytes, CsvLabels,
};
use checklist_core::scoring::score_vendor;
use checklist_core::share;
use common::{fixture, real_checklist, vendor};

fn workspace() -> Workspace {
    let mut a = vendor("q.yn=yes@audit q.choice=meh q.up=#99.95 q.sum=[a,b] -r.up");
    a.answers.get_mut("q.yn").unwrap().note = "=HYPERLINK(\"x\")".into();
    let mut b = vendor("q.yn=unknown g.x=x_full");
    b.id = "v2".into();
    b.name = "Acme, \"Inc\"".into();
    Workspace {
        vendors: vec![a, b],
        ..Default::default()
    }
}

#[track_caller]
fn import_fails(input: &str, expected: &str) {
    let err = import_json(&fixture(), input).expect_err("import must fail");
    assert_eq!(err.to_string(), expected);
}

#[test]
fn export_then_import_round_trips_exactly() {
    let def = fixture();
    let json = export_json(&def, &workspace());
    let report = import_json(&def, &json).expect("import");
    assert_eq!(report.workspace, workspace());
    assert!(report.orphaned_answers.is_empty());
    assert_eq!(export_json(&def, &report.workspace), json);
}

#[test]
fn answers_to_removed_questions_are_reported_not_dropped_silently() {
    let def = fixture();
    let json = export_json(&def, &workspace()).replace("\"q.sum\"", "\"q.gone\"");
    let report = import_json(&def, &json).expect("import");
    let orphans: Vec<(&str, &str)> = report
        .orphaned_answers
        .iter()
        .map(|o| (o.vendor.as_str(), o.question.as_str()))
        .collect();
    assert_eq!(orphans, [("Vendor", "q.gone")]);
}

#[test]
fn bad_imports_say_what_is_wrong() {
    let ok = export_json(&fixture(), &workspace());
    import_fails("{", "the file is not a readable checklist export (expected a key in double quotes at line 1 column 2); choose a file exported from this page");
    import_fails(r#"{"format":"other","version":1}"#, "the file is not a vendor checklist export (format `other`, expected `cc-vendor-checklist`); choose a file exported from this page");
    import_fails(&ok.replace("\"version\": 1", "\"version\": 7"), "this file was made by a newer version (7); this page reads up to version 2. reload the page to get the newest version");
    import_fails(
        &ok.replace("fixture@1", "elsewhere@1"),
        "the file belongs to another checklist (`elsewhere@1`); open it on the page that made it",
    );
    import_fails(&ok.replace("\"meh\"", "\"mehh\""), "vendor `Vendor`, question `q.choice`: option `mehh` does not exist; use one of `good`, `meh`, `bad`");
    import_fails(
        &ok.replace("99.95", "120"),
        "vendor `Vendor`, question `q.up`: 120 is outside 90 to 100; enter a number in that range",
    );
    import_fails(&ok.replace("\"audit\"", "\"notarised\""), "vendor `Vendor`, question `q.yn`: evidence level `notarised` is unknown; use one of `none`, `doc`, `audit`");
    import_fails(&ok.replace("\"option\": \"meh\"", "\"answer\": \"yes\""), "vendor `Vendor`, question `q.choice`: the answer does not fit the kind of question; answer it again");
    import_fails(
        &ok.replace("\"Vendor\"", &format!("\"{}\"", "x".repeat(201))),
        "vendor `v1`: the name must have 1 to 200 characters",
    );
    import_fails(&ok.replace("\"note\"", "\"notes\""), "the file is not a readable checklist export (`vendors[0].answers.q.yn`: unknown field `notes`; expected one of `value`, `note`, `evidence`, `valid_until`); choose a file exported from this page");
    import_fails(&ok.replace("\"answer\": \"yes\"", "\"answer\": true"), "the file is not a readable checklist export (`vendors[0].answers.q.yn.value.answer`: expected a string, found a boolean); choose a file exported from this page");
    import_fails(&ok.replace("\"vendors\"", "\"vendor\""), "the file is not a readable checklist export (unknown field `vendor`; expected one of `format`, `version`, `checklist`, `tuning`, `vendors`); choose a file exported from this page");
    let limit = max_import_bytes(&fixture());
    let big = " ".repeat(limit + 1);
    import_fails(
        &big,
        &format!(
            "the file is too large ({} bytes); this page reads exports of up to {limit} bytes",
            limit + 1
        ),
    );
    let many: Vec<String> = (0..51)
        .map(|i| format!(r#"{{"id":"v{i}","name":"n"}}"#))
        .collect();
    let doc = format!(
        r#"{{"format":"cc-vendor-checklist","version":1,"checklist":"fixture@1","vendors":[{}]}}"#,
        many.join(",")
    );
    import_fails(
        &doc,
        "the file has 51 vendors; this page handles up to 50, so split the file",
    );
    // Reverse key order would make every insert shift the whole list: the count is capped.
    let answers: Vec<String> = (0..1001)
        .rev()
        .map(|i| format!(r#""q{i:04}":{{"value":{{"answer":"yes"}}}}"#))
        .collect();
    let doc = format!(
        r#"{{"format":"cc-vendor-checklist","version":1,"checklist":"fixture@1","vendors":[{{"id":"v1","name":"n","answers":{{{}}}}}]}}"#,
        answers.join(",")
    );
    import_fails(
        &doc,
        "the file is not a readable checklist export (`vendors[0].answers`: 1001 answers; a vendor has at most 1000); choose a file exported from this page",
    );
}

/// Reads the CSV labels from the page's real strings, so every key must exist there.
fn labels(lang: &str) -> CsvLabels {
    let source = match lang {
        "de" => include_str!("../../../theme/i18n/de.toml"),
        _ => include_str!("../../../theme/i18n/en.toml"),
    };
    let table: toml::Table = source.parse().expect("i18n parses");
    let strings = table["checklist"].as_table().expect("[checklist]").clone();
    CsvLabels::from_lookup(|key| {
        strings
            .get(key)
            .and_then(|v| v.as_str())
            .unwrap_or_else(|| panic!("{lang}: missing key checklist.{key}"))
            .to_owned()
    })
}

/// Splits CSV text into rows of cells (quotes, doubled quotes and separators handled).
fn parse_csv(text: &str, separator: char) -> Vec<Vec<String>> {
    let text = text.strip_prefix('\u{feff}').expect("a byte order mark");
    let (mut rows, mut row, mut cell, mut quoted) = (Vec::new(), Vec::new(), String::new(), false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            c if c == separator && !quoted => row.push(std::mem::take(&mut cell)),
            '\r' if !quoted && chars.peek() == Some(&'\n') => {
                chars.next();
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            c => cell.push(c),
        }
    }
    assert!(
        cell.is_empty() && row.is_empty() && !quoted,
        "the csv ends with a line end"
    );
    rows
}

#[track_caller]
fn defused(cell: &str, expected: &str) {
    assert_eq!(csv_cell(cell, ','), expected, "csv_cell({cell:?})");
}

#[test]
fn csv_cells_defuse_formulas_and_quote_per_rfc_4180() {
    defused("plain", "plain");
    defused("=1+1", "'=1+1");
    defused("+49 30", "'+49 30");
    defused("-1", "'-1");
    defused("@sum", "'@sum");
    defused("\tx", "'\tx");
    defused("\rx", "\"'\rx\"");
    defused("a,b", "\"a,b\"");
    defused("say \"hi\"", "\"say \"\"hi\"\"\"");
    defused("two\nlines", "\"two\nlines\"");
    defused("a = b", "a = b");
    defused("1-2", "1-2");
    assert_eq!(csv_cell("a;b", ';'), "\"a;b\"");
    assert_eq!(csv_cell("a,b", ';'), "a,b");
}

#[test]
fn csv_cells_starting_with_a_line_break_or_a_space_before_a_formula_were_not_neutralised() {
    defused("\n=1+1", "\"'\n=1+1\"");
    defused("\r\n=1+1", "\"'\r\n=1+1\"");
    defused(" =1+1", "' =1+1");
    defused("   +1", "'   +1");
    defused(" \t@x", "' \t@x");
    defused("\u{a0}-1", "'\u{a0}-1");
    defused(" plain", " plain");
}

#[test]
fn csv_has_a_summary_and_one_row_per_vendor_and_question_in_the_chosen_language() {
    let def = fixture();
    let mut workspace = workspace();
    // A contract condition is vendor text too: a formula in it is defused like a note.
    workspace.vendors[0].conditions.insert(
        "q.yn".to_owned(),
        checklist_core::answers::ContractCondition {
            text: "=cmd|' /C calc'!A0".to_owned(),
            due: Some(checklist_core::Date::parse("2027-09-30").expect("date")),
        },
    );
    let csv = export_csv(&def, &workspace, "en", &labels("en"), None);
    let rows = parse_csv(&csv, ',');
    assert_eq!(rows.len(), 1 + 2 + 1 + 1 + 2 * def.questions.len());
    assert_eq!(
        rows[0],
        [
            "Vendor",
            "Score (0–100)",
            "Points",
            "Maximum points",
            "Completeness (%)",
            "Confidence (%)",
            "Verdict"
        ]
    );
    assert_eq!(
        rows[1],
        [
            "Vendor",
            "43.53",
            "7.4",
            "17",
            "52.9",
            "23.5",
            "Provisional"
        ]
    );
    assert_eq!(rows[3], [""]);
    assert_eq!(
        rows[4],
        [
            "Vendor",
            "Section",
            "Question ID",
            "Question",
            "Answer",
            "Evidence",
            "Evidence valid until",
            "Note",
            "Credit (0-1)",
            "Weight",
            "Points",
            "Contract condition",
            "Condition due"
        ]
    );
    assert_eq!(
        rows[5],
        [
            "Vendor",
            "One",
            "q.yn",
            "Yes or no?",
            "Yes",
            "Audit",
            "",
            "'=HYPERLINK(\"x\")",
            "1",
            "4",
            "4",
            "'=cmd|' /C calc'!A0",
            "2027-09-30"
        ]
    );
}

#[test]
fn german_csv_used_commas_and_english_headers_so_excel_did_not_split_it() {
    let def = fixture();
    let csv = export_csv(&def, &workspace(), "de", &labels("de"), None);
    assert!(
        csv.starts_with("\u{feff}Anbieter;Punktzahl (0–100);"),
        "{csv}"
    );
    let rows = parse_csv(&csv, ';');
    assert_eq!(
        rows[1],
        ["Vendor", "43,53", "7,4", "17", "52,9", "23,5", "Vorläufig"]
    );
    assert_eq!(rows[2][0], "Acme, \"Inc\"");
    assert_eq!(
        rows[4],
        [
            "Anbieter",
            "Abschnitt",
            "Fragen-ID",
            "Frage",
            "Antwort",
            "Nachweis",
            "Nachweis gültig bis",
            "Notiz",
            "Anrechnung (0-1)",
            "Gewichtung",
            "Punkte",
            "Vertragsbedingung",
            "Bedingung fällig"
        ]
    );
    assert_eq!(
        rows[6],
        ["Vendor", "Eins", "q.choice", "Auswahl?", "Mäßig", "", "", "", "0,5", "2", "1", "", ""]
    );
    assert!(
        rows.iter().any(|r| r.len() > 5
            && r[..5]
                == [
                    "Acme, \"Inc\"",
                    "Eins",
                    "q.follow",
                    "Nachfrage?",
                    "Nicht zutreffend"
                ]),
        "{csv}"
    );
    // Both languages have every heading, and the English file keeps commas.
    assert!(export_csv(&def, &workspace(), "en", &labels("en"), None)
        .starts_with("\u{feff}Vendor,Score"));
}

#[test]
fn csv_counted_both_members_of_a_group_so_weights_summed_to_90_instead_of_86() {
    let def = real_checklist();
    // Every question applies: a SOC 2 type 2 report and data reachable from outside the EEA.
    let mut all = Vendor::new("v1", "All");
    for q in &def.questions {
        let value = match &q.kind {
            QuestionKind::YesNo => AnswerValue::Verbal(Verbal::Yes),
            QuestionKind::Choice { options } if q.id == "cert.soc2" => {
                AnswerValue::Choice("type2".into())
            }
            QuestionKind::Choice { options } if q.id == "gdpr.location" => {
                AnswerValue::Choice("third_country".into())
            }
            QuestionKind::Choice { options } => AnswerValue::Choice(options[0].id.clone()),
            QuestionKind::Multi { options, .. } => {
                AnswerValue::Choices(vec![options[0].id.clone()])
            }
            QuestionKind::Number { max, .. } => AnswerValue::Number(*max),
        };
        all.answers.insert(q.id.clone(), Answer::new(value));
    }
    let mut sparse = vendor("cert.soc2=none cert.iso27001=valid");
    sparse.id = "v2".into();
    let workspace = Workspace {
        vendors: vec![all, sparse],
        ..Default::default()
    };
    let csv = export_csv(&def, &workspace, "en", &labels("en"), None);
    let rows = parse_csv(&csv, ',');
    let sum = |vendor: &str, column: usize| -> f64 {
        rows[5..]
            .iter()
            .filter(|r| r[0] == vendor && !r[column].is_empty())
            .map(|r| r[column].parse::<f64>().expect("a number"))
            .sum()
    };
    let all_score = score_vendor(&def, &workspace.vendors[0]);
    // 86 points when the bug was found; 146 since issue 15 added 60 points of questions.
    assert_eq!(all_score.overall.max_points, 146.0);
    assert_eq!(sum("All", 9), 146.0);
    for (name, score) in ["All", "Vendor"].iter().zip(&workspace.vendors) {
        let totals = score_vendor(&def, score).overall;
        assert_eq!(sum(name, 9), totals.max_points, "{name}: weights");
        assert!(
            (sum(name, 10) - totals.points).abs() < 1e-9,
            "{name}: points"
        );
    }
}

#[test]
fn share_links_round_trip_and_reject_damage() {
    let def = fixture();
    let link = share::encode(&def, &workspace()).expect("short enough");
    assert!(link.starts_with("v1."));
    assert_eq!(
        share::decode(&def, &format!("#share={link}"))
            .expect("decode")
            .workspace,
        workspace()
    );
    let err = |l: &str| share::decode(&def, l).expect_err("must fail").to_string();
    assert_eq!(
        err("#share="),
        "the share link has no data; copy the whole link, including everything after `#`"
    );
    assert_eq!(err("v2.abc"), "the share link was made by a newer version (`v2`); reload the page to get the newest version");
    assert_eq!(
        err("v1.a*b"),
        "the share link is damaged (invalid characters); copy the whole link again"
    );
    // Cut at a multiple of 4 characters, so the base64url stays valid and the deflate data breaks.
    let cut = 3 + (link.len() - 3) / 8 * 4;
    assert_eq!(err(&link[..cut]), "the share link is damaged or too large to open; copy the whole link again or export a file instead");
}

#[test]
fn share_links_refuse_zip_bombs() {
    // Spaces past the inflate limit deflate to a few kilobytes but must not be inflated in
    // full (the link stays under the length limit, so only the inflate limit stops it).
    let spaces = vec![b' '; share::MAX_INFLATED_BYTES + 1];
    let bomb = miniz_oxide::deflate::compress_to_vec(&spaces, 9);
    let link = format!("v1.{}", base64url(&bomb));
    assert!(link.len() < share::MAX_LINK_CHARS, "{}", link.len());
    let err = share::decode(&fixture(), &link)
        .expect_err("must fail")
        .to_string();
    assert_eq!(err, "the share link is damaged or too large to open; copy the whole link again or export a file instead");
}

fn base64url(bytes: &[u8]) -> String {
    const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut bits = String::new();
    for b in bytes {
        bits.push_str(&format!("{b:08b}"));
    }
    bits.as_bytes()
        .chunks(6)
        .map(|c| {
            let mut s = String::from_utf8(c.to_vec()).unwrap();
            while s.len() < 6 {
                s.push('0');
            }
            A[usize::from_str_radix(&s, 2).unwrap()] as char
        })
        .collect()
}

#[test]
fn evidence_dates_survive_export_import_and_share_links() {
    let def = fixture();
    let mut dated = workspace();
    dated.vendors[0]
        .answers
        .get_mut("q.yn")
        .unwrap()
        .valid_until = Some("2027-03-31".parse().unwrap());
    let json = export_json(&def, &dated);
    assert!(json.contains("\"valid_until\": \"2027-03-31\""), "{json}");
    assert_eq!(import_json(&def, &json).expect("import").workspace, dated);
    let link = share::encode(&def, &dated).expect("short enough");
    assert_eq!(share::decode(&def, &link).expect("decode").workspace, dated);
    import_fails(
        &json.replace("2027-03-31", "2027-02-30"),
        "the file is not a readable checklist export (`vendors[0].answers.q.yn.valid_until`: this day does not exist in the calendar); choose a file exported from this page",
    );
    import_fails(
        &json.replace("\"2027-03-31\"", "\"31.03.2027\""),
        "the file is not a readable checklist export (`vendors[0].answers.q.yn.valid_until`: expected a date written as YYYY-MM-DD); choose a file exported from this page",
    );
}

#[test]
fn files_and_links_from_before_evidence_dates_still_open() {
    let def = fixture();
    // Made by the page before evidence dates existed.
    let link = "v1.q1ZKyy_KTSxRslJKTtYtS81LyS_STc5ITc7OySwuUdJRKkstKs7Mz1OyMtRRQohbKaVlVpSUFqU6GILVgLQVK1lFVytlpgAly0CieYm5qUB2GFgSyE_MKy5PBamqVirUS87Iz0xOBbHLEnNKwYz8ghKwRUq5qRlKtbU6QFWlBSgq8kpzk1KLlKwsLfUsTSEqKvNQVEDsAJpRmVqsBFSQl18CckN2agHIL6llmSmpeSBrlRJLUzJLgLbUxtYCAA";
    let mut expected = vendor("q.yn=yes@audit q.choice=meh q.up=#99.95");
    expected.answers.get_mut("q.yn").unwrap().note = "kept".into();
    let decoded = share::decode(&def, link).expect("decode").workspace;
    assert_eq!(decoded.vendors, [expected]);
    let file = r#"{"format":"cc-vendor-checklist","version":1,"checklist":"fixture@1","vendors":[{"id":"v1","name":"Vendor","answers":{"q.yn":{"value":{"answer":"yes"},"evidence":"audit"}}}]}"#;
    let report = import_json(&def, file).expect("import");
    assert_eq!(
        report.workspace.vendors[0].answers["q.yn"].valid_until,
        None
    );
}

#[test]
fn a_share_link_with_trailing_garbage_was_accepted() {
    let def = fixture();
    let link = share::encode(&def, &workspace()).expect("short enough");
    assert!(share::decode(&def, &link).is_ok());
    let damaged = "the share link is damaged or too large to open; copy the whole link again or export a file instead";
    let invalid = "the share link is damaged (invalid characters); copy the whole link again";
    for garbage in ["AAAA", "AA", "A", "abcd", "&utm_source=mail", ".x"] {
        let err = share::decode(&def, &format!("{link}{garbage}")).expect_err(garbage);
        // Which one depends on where the base64 groups of four end; both refuse the link.
        assert!(
            [damaged, invalid].contains(&err.to_string().as_str()),
            "trailing {garbage:?}: {err}"
        );
    }
    let err = share::decode(&def, &format!("{link}AAAA")).expect_err("four more");
    assert_eq!(err.to_string(), damaged);
    // Bits set after the data in the last character are also an alteration.
    let last = link.chars().last().expect("data");
    let alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let value = alphabet.find(last).expect("base64url");
    let unused = match (link.len() - 3) % 4 {
        2 => 4,
        3 => 2,
        _ => 0,
    };
    // Checked, not skipped: a workspace whose link ends on a whole group has no unused bits.
    assert!(
        unused > 0,
        "the link ({} characters) has no unused bits in its last character; pick another workspace",
        link.len()
    );
    let altered: char = alphabet.as_bytes()[value | 1] as char;
    assert_ne!(altered, last, "the last character's unused bits are zero");
    let tampered = format!("{}{altered}", &link[..link.len() - 1]);
    assert!(share::decode(&def, &tampered).is_err(), "{tampered}");
}

#[test]
fn share_links_longer_than_the_page_accepts_are_not_made() {
    let def = fixture();
    let mut big = workspace();
    // Notes that do not compress: each character is chosen by a small generator.
    let mut seed = 0x2545_f491_u32;
    for vendor in &mut big.vendors {
        let ids: Vec<String> = vendor.answers.keys().cloned().collect();
        for id in ids {
            vendor.answers.get_mut(&id).expect("answer").note = (0..9_000)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 17;
                    seed ^= seed << 5;
                    char::from(b'!' + (seed % 90) as u8)
                })
                .collect();
        }
    }
    match share::encode(&def, &big) {
        Err(share::ShareError::TooLong(n)) => assert!(n > share::MAX_LINK_CHARS, "{n}"),
        other => panic!("expected TooLong, got {other:?}"),
    }
    // Whatever encode makes, the page opens again, fragment key included.
    let link = share::encode(&def, &workspace()).expect("short enough");
    let fragment = format!("#{}{link}", share::FRAGMENT_KEY);
    assert!(fragment.len() <= share::MAX_LINK_CHARS);
    assert_eq!(
        share::decode(&def, &fragment).expect("opens").workspace,
        workspace()
    );
}

#[test]
fn an_answer_without_value_round_trips_without_a_value_field() {
    let def = fixture();
    let mut only_note = workspace();
    let mut answer = checklist_core::Answer::new(AnswerValue::Unanswered);
    answer.note = "ask for the SOC 2 bridge letter".into();
    only_note.vendors[0]
        .answers
        .insert("q.choice".into(), answer);
    let json = export_json(&def, &only_note);
    assert!(
        json.contains(
            "\"q.choice\": {\n          \"note\": \"ask for the SOC 2 bridge letter\"\n        }"
        ),
        "{json}"
    );
    assert_eq!(
        import_json(&def, &json).expect("import").workspace,
        only_note
    );
    let link = share::encode(&def, &only_note).expect("short enough");
    assert_eq!(
        share::decode(&def, &link).expect("decode").workspace,
        only_note
    );
}

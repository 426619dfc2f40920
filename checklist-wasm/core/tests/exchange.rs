//! Export, import, CSV and share links: round trips and the exact error for each bad input.

mod common;

use checklist_core::answers::Workspace;
use checklist_core::exchange::{csv_cell, export_csv, export_json, import_json, MAX_IMPORT_BYTES};
use checklist_core::share;
use common::{fixture, vendor};

fn workspace() -> Workspace {
    let mut a = vendor("q.yn=yes@audit q.choice=meh q.up=#99.95 q.sum=[a,b] -r.up");
    a.answers.get_mut("q.yn").unwrap().note = "=HYPERLINK(\"x\")".into();
    let mut b = vendor("q.yn=unknown g.x=x_full");
    b.id = "v2".into();
    b.name = "Acme, \"Inc\"".into();
    Workspace {
        vendors: vec![a, b],
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
    import_fails(&ok.replace("\"version\": 1", "\"version\": 7"), "this file was made by a newer version (7); this page reads up to version 1. reload the page to get the newest version");
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
    import_fails(&ok.replace("\"vendors\"", "\"vendor\""), "the file is not a readable checklist export (unknown field `vendor`; expected one of `format`, `version`, `checklist`, `vendors`); choose a file exported from this page");
    let big = " ".repeat(MAX_IMPORT_BYTES + 1);
    import_fails(
        &big,
        "the file is too large (1048577 bytes); this page reads exports of up to 1048576 bytes",
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

#[test]
fn csv_cells_defuse_formulas_and_quote_per_rfc_4180() {
    assert_eq!(csv_cell("plain"), "plain");
    assert_eq!(csv_cell("=1+1"), "'=1+1");
    assert_eq!(csv_cell("+49 30"), "'+49 30");
    assert_eq!(csv_cell("-1"), "'-1");
    assert_eq!(csv_cell("@sum"), "'@sum");
    assert_eq!(csv_cell("\tx"), "'\tx");
    assert_eq!(csv_cell("\rx"), "\"'\rx\"");
    assert_eq!(csv_cell("a,b"), "\"a,b\"");
    assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
    assert_eq!(csv_cell("two\nlines"), "\"two\nlines\"");
}

#[test]
fn csv_has_one_row_per_vendor_and_question_in_the_chosen_language() {
    let def = fixture();
    let csv = export_csv(&def, &workspace(), "de");
    let lines: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), 1 + 2 * def.questions.len());
    assert_eq!(
        lines[0],
        "vendor,section,question id,question,answer,evidence,note,credit,weight"
    );
    assert_eq!(
        lines[1],
        "Vendor,Eins,q.yn,Ja oder nein?,Ja,Prüfung,\"'=HYPERLINK(\"\"x\"\")\",1,4"
    );
    assert_eq!(lines[2], "Vendor,Eins,q.choice,Auswahl?,Mäßig,,,\"0,5\",2");
    assert!(
        lines
            .iter()
            .any(|l| l
                .starts_with("\"Acme, \"\"Inc\"\"\",Eins,q.follow,Nachfrage?,Nicht zutreffend,")),
        "{csv}"
    );
}

#[test]
fn share_links_round_trip_and_reject_damage() {
    let def = fixture();
    let link = share::encode(&def, &workspace());
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
    // 2 MiB of spaces deflate to a few kilobytes but must not be inflated in full.
    let bomb = miniz_oxide::deflate::compress_to_vec(&vec![b' '; 2 * 1024 * 1024], 9);
    let link = format!("v1.{}", base64url(&bomb));
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
    dated.vendors[0].answers.get_mut("q.yn").unwrap().valid_until =
        Some("2027-03-31".parse().unwrap());
    let json = export_json(&def, &dated);
    assert!(json.contains("\"valid_until\": \"2027-03-31\""), "{json}");
    assert_eq!(import_json(&def, &json).expect("import").workspace, dated);
    let link = share::encode(&def, &dated);
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
    assert_eq!(report.workspace.vendors[0].answers["q.yn"].valid_until, None);
}

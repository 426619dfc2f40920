//! Response files: the format round trip, the digest (what it covers, a mismatch, a missing
//! one), mapping a response to an older checklist version, the limits for untrusted input,
//! turning a response into a vendor and the buyer's review of it.

mod common;

use checklist_core::answers::Workspace;
use checklist_core::definition::QuestionKind;
use checklist_core::exchange::{
    export_json, import_json, ImportError, MAX_ANSWERS, MAX_NOTE_CHARS,
};
use checklist_core::response::{
    self, digest, file_name, import_response, max_response_bytes, read_response, to_vendor,
    write_response, DigestCheck, EvidenceDetails, Response, Review, Statement, UnmappedReason,
    MAX_EVIDENCE_CHARS,
};
use common::responses::{acme, day};
use common::{fixture, real_checklist, value};

/// Imports `text` into the fixture and expects `error`.
#[track_caller]
fn refused(text: &str, error: ImportError) {
    assert_eq!(import_response(&fixture(), text), Err(error), "{text:.200}");
}

/// Imports `text` into the fixture and expects it to be refused as malformed, with a detail
/// containing `detail`.
#[track_caller]
fn malformed(text: &str, detail: &str) {
    match import_response(&fixture(), text) {
        Err(ImportError::Malformed(found)) => assert!(found.contains(detail), "{found}"),
        other => panic!("expected malformed ({detail}), got {other:?}"),
    }
}

#[test]
fn a_written_response_imports_again_exactly_with_its_digest_matching() {
    let written = write_response(&acme());
    let import = import_response(&fixture(), &written).expect("imports");
    assert_eq!(import.response, acme());
    assert_eq!(import.digest_check, DigestCheck::Matches);
    assert!(import.mapping.same_version && import.mapping.unmapped.is_empty());
    assert_eq!(import.mapping.mapped, ["q.choice", "q.up", "q.yn"]);
    assert!(written.contains("\"format\": \"cc-vendor-response\""));
    assert!(written.contains("\"checklist\": \"fixture@1\""));
    // Free text stays exactly as the vendor wrote it, markup and formula signs included.
    assert!(written.contains("Bericht „SOC 2 Typ II“ – 2026 <b>=1+1</b>"));
    assert_eq!(written, write_response(&import.response), "byte-stable");
}

#[test]
fn the_digest_covers_the_content_not_the_layout() {
    let response = acme();
    let written = write_response(&response);
    let hex = digest(&response);
    assert!(hex.starts_with("sha256:") && hex.len() == 7 + 64, "{hex}");
    // The same content on one line keeps its digest.
    let compact = checklist_core::json::parse(&written).unwrap().to_compact();
    let import = import_response(&fixture(), &compact).expect("imports");
    assert_eq!(import.digest_check, DigestCheck::Matches);
    // Any changed value does not.
    for (from, to) in [
        ("\"meh\"", "\"good\""),
        ("99.95", "99.99"),
        ("Acme Cloud GmbH", "Acme Cloud AG"),
        ("2027-09-30", "2028-09-30"),
    ] {
        let changed = written.replacen(from, to, 1);
        assert_ne!(changed, written, "{from}");
        let import = import_response(&fixture(), &changed).expect("still imports");
        assert_eq!(
            import.digest_check,
            DigestCheck::Mismatch {
                claimed: hex.clone()
            },
            "{from} -> {to}"
        );
        assert_ne!(import.digest, hex);
    }
}

#[test]
fn a_response_without_digest_imports_with_the_digest_reported_missing() {
    let written = write_response(&acme());
    let mut value = checklist_core::json::parse(&written).unwrap();
    if let checklist_core::json::Json::Object(fields) = &mut value {
        fields.retain(|(k, _)| k != "digest");
    }
    let import = import_response(&fixture(), &value.to_pretty()).expect("imports");
    assert_eq!(import.digest_check, DigestCheck::Missing);
    assert_eq!(import.digest, digest(&acme()));
}

#[test]
fn a_response_to_an_older_version_maps_what_fits_and_reports_the_rest() {
    let mut older = acme();
    older.checklist = "fixture@0.9".to_owned();
    older
        .answers
        .insert("q.retired".to_owned(), Statement::new(value("yes")));
    older
        .answers
        .insert("q.any".to_owned(), Statement::new(value("[o1,o9]")));
    let import = import_response(&fixture(), &write_response(&older)).expect("imports");
    assert!(!import.mapping.same_version);
    assert_eq!(import.mapping.mapped, ["q.choice", "q.up", "q.yn"]);
    let unmapped: Vec<(&str, bool)> = import
        .mapping
        .unmapped
        .iter()
        .map(|u| {
            (
                u.question.as_str(),
                matches!(u.reason, UnmappedReason::NotInChecklist),
            )
        })
        .collect();
    assert_eq!(unmapped, [("q.any", false), ("q.retired", true)]);
    match &import.mapping.unmapped[0].reason {
        UnmappedReason::DoesNotFit(problem) => assert!(problem.contains("o9"), "{problem}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(import.response.answers.len(), 3, "only what fits is kept");
    assert_eq!(import.digest_check, DigestCheck::Matches);
}

#[test]
fn an_answer_that_does_not_fit_the_same_version_is_refused() {
    let mut damaged = acme();
    damaged
        .answers
        .insert("q.choice".to_owned(), Statement::new(value("excellent")));
    match import_response(&fixture(), &write_response(&damaged)) {
        Err(ImportError::InvalidAnswer {
            vendor, question, ..
        }) => assert_eq!(
            (vendor.as_str(), question.as_str()),
            ("Acme Cloud GmbH", "q.choice")
        ),
        other => panic!("{other:?}"),
    }
}

#[test]
fn bad_response_files_are_refused_with_a_reason() {
    let good = write_response(&acme());
    malformed("{\"format\": \"cc-vendor-response\", ", "line 1 column 34");
    malformed("[1, 2]", "expected a json object");
    refused(
        &good.replace("cc-vendor-response", "cc-vendor-checklist"),
        ImportError::WrongFormat("cc-vendor-checklist".to_owned()),
    );
    refused("{}", ImportError::WrongFormat("none".to_owned()));
    refused(
        &good.replace("\"version\": 1", "\"version\": 2"),
        ImportError::NewerVersion(2),
    );
    malformed(
        &good.replace("\"version\": 1", "\"version\": 0.5"),
        "version",
    );
    refused(
        &good.replace("fixture@1", "other@1"),
        ImportError::OtherChecklist {
            found: "other@1".to_owned(),
        },
    );
    malformed(
        &good.replace("\"language\"", "\"script\": \"<x>\",\n  \"language\""),
        "unknown field `script`",
    );
    malformed(&good.replace("2026-11-30", "2026-02-30"), "`created`");
    let mut wordy = acme();
    wordy.answers.get_mut("q.choice").unwrap().comment = "c".repeat(MAX_NOTE_CHARS + 1);
    malformed(
        &write_response(&wordy),
        "`answers.q.choice.comment`: longer than",
    );
    let long_link = good.replace(
        "https://trust.acme.example/soc2",
        &"l".repeat(MAX_EVIDENCE_CHARS + 1),
    );
    malformed(&long_link, "answers.q.yn.evidence.link");
    match import_response(&fixture(), &good.replace("Acme Cloud GmbH", " ")) {
        Err(ImportError::InvalidVendor { .. }) => {}
        other => panic!("a blank company is refused: {other:?}"),
    }
    let deep = format!(
        "{}{}",
        "[".repeat(checklist_core::json::MAX_DEPTH + 1),
        "]".repeat(checklist_core::json::MAX_DEPTH + 1)
    );
    // Named apart from other damage, so the buyer is told what is wrong.
    assert_eq!(
        import_response(&fixture(), &deep),
        Err(ImportError::TooDeep)
    );
}

#[test]
fn a_response_over_the_limits_is_refused_before_reading() {
    let def = fixture();
    let limit = max_response_bytes(&def);
    let huge = format!("{}{}", write_response(&acme()), " ".repeat(limit));
    assert_eq!(
        import_response(&def, &huge),
        Err(ImportError::TooLarge {
            size: huge.len(),
            limit
        })
    );
    let mut many = acme();
    for i in 0..=MAX_ANSWERS {
        many.answers
            .insert(format!("q{i}"), Statement::new(value("yes")));
    }
    let written = write_response(&many);
    assert!(
        written.len() < limit,
        "the count, not the size, is the limit here"
    );
    assert_eq!(
        import_response(&def, &written),
        Err(ImportError::TooManyAnswers(many.answers.len()))
    );
    assert!(many.answers.len() > MAX_ANSWERS);
}

#[test]
fn the_largest_response_the_caps_allow_imports_again() {
    for def in [real_checklist(), fixture()] {
        let worst = |chars: usize| "\u{1}".repeat(chars);
        let mut response = Response::new(&def, "en", day("2026-11-30"));
        response.company = worst(checklist_core::exchange::MAX_NAME_CHARS);
        response.contact = worst(checklist_core::exchange::MAX_NAME_CHARS);
        for q in &def.questions {
            let mut statement = Statement::new(value("unknown"));
            statement.comment = worst(MAX_NOTE_CHARS);
            let text = worst(MAX_EVIDENCE_CHARS);
            statement.evidence = EvidenceDetails {
                document: text.clone(),
                link: text.clone(),
                period: text.clone(),
                certificate: text,
                expires: Some(day("2027-01-31")),
            };
            response.answers.insert(q.id.clone(), statement);
        }
        let written = write_response(&response);
        assert!(written.len() <= max_response_bytes(&def));
        let import = import_response(&def, &written).expect("imports");
        assert_eq!(import.response, response);
        // The draft reader takes what the writer wrote, too.
        assert_eq!(read_response(&def, &written).expect("reads").0, response);
    }
}

#[test]
fn an_imported_response_becomes_a_vendor_whose_review_the_buyer_records() {
    let def = real_checklist();
    let yes_no: Vec<&String> = def
        .questions
        .iter()
        .filter(|q| q.kind == QuestionKind::YesNo)
        .map(|q| &q.id)
        .collect();
    let question = yes_no[0].clone();
    let mut response = Response::new(&def, "en", day("2026-11-30"));
    response.company = "  Nimbus Voice Ltd ".to_owned();
    let mut statement = Statement::new(value("yes"));
    statement.evidence.expires = Some(day("2027-03-31"));
    response.answers.insert(question.clone(), statement);
    let import = import_response(&def, &write_response(&response)).expect("imports");
    let mut vendor = to_vendor(
        &def,
        &import,
        "v3".to_owned(),
        "nimbus.json",
        day("2026-12-01"),
    );
    assert_eq!(
        (vendor.id.as_str(), vendor.name.as_str()),
        ("v3", "Nimbus Voice Ltd")
    );
    let answer = &vendor.answers.get(&question).expect("answered");
    assert_eq!(answer.value, value("yes"));
    assert_eq!(
        answer.evidence.as_deref(),
        Some(response::VENDOR_STATEMENT_LEVEL)
    );
    assert_eq!(answer.valid_until, Some(day("2027-03-31")));
    let origin = vendor.response.clone().expect("an origin");
    assert_eq!(origin.file, "nimbus.json");
    assert_eq!(origin.imported, day("2026-12-01"));
    assert!(origin.digest_matched && origin.digest == import.digest);
    let other = yes_no[1];
    assert_eq!(origin.review(&def, &vendor, other), Review::NoStatement);
    assert_eq!(origin.review(&def, &vendor, &question), Review::NotReviewed);
    let mut accepted = origin.clone();
    accepted.reviewed.insert(question.clone());
    assert_eq!(accepted.review(&def, &vendor, &question), Review::Accepted);
    vendor.answers.get_mut(&question).unwrap().value = value("partial");
    assert_eq!(origin.review(&def, &vendor, &question), Review::Changed);
    // A reviewer's note alone is not a change to the answer.
    vendor.answers.get_mut(&question).unwrap().value = value("yes");
    vendor.answers.get_mut(&question).unwrap().note = "checked page 12".to_owned();
    assert_eq!(accepted.review(&def, &vendor, &question), Review::Accepted);
}

#[test]
fn a_vendor_from_a_response_survives_the_workspace_export() {
    let def = real_checklist();
    let mut response = Response::new(&def, "de", day("2026-11-30"));
    response.company = "Acme".to_owned();
    for q in def.questions.iter().take(3) {
        let mut statement = Statement::new(value("unknown"));
        statement.comment = format!("Kommentar zu {}", q.id);
        response.answers.insert(q.id.clone(), statement);
    }
    let import = import_response(&def, &write_response(&response)).expect("imports");
    let mut vendor = to_vendor(
        &def,
        &import,
        "v1".to_owned(),
        "acme.json",
        day("2026-12-01"),
    );
    vendor
        .response
        .as_mut()
        .unwrap()
        .reviewed
        .insert(def.questions[0].id.clone());
    let workspace = Workspace {
        vendors: vec![vendor],
        ..Default::default()
    };
    let json = export_json(&def, &workspace);
    let report = import_json(&def, &json).expect("imports again");
    assert_eq!(report.workspace, workspace);
    // A saved statement that no longer fits is refused like any other bad answer.
    let broken = json.replacen("\"answer\": \"unknown\"", "\"answer\": \"maybe\"", 1);
    assert!(import_json(&def, &broken).is_err());
}

#[test]
fn response_file_names_are_safe_and_name_company_and_day() {
    let mut response = acme();
    for (company, expected) in [
        (
            "Acme Cloud GmbH",
            "response-acme-cloud-gmbh-2026-11-30.json",
        ),
        ("../../etc/passwd", "response-etc-passwd-2026-11-30.json"),
        ("Müller & Söhne", "response-müller-söhne-2026-11-30.json"),
        ("ÄRZTE.de", "response-Ärzte-de-2026-11-30.json"),
        ("  ", "response-vendor-2026-11-30.json"),
    ] {
        response.company = company.to_owned();
        assert_eq!(file_name(&response), expected, "{company}");
    }
}

#[test]
fn the_review_filters_find_unreviewed_and_changed_answers() {
    let def = fixture();
    let import = import_response(&def, &write_response(&acme())).expect("imports");
    let mut a = to_vendor(&def, &import, "v1".to_owned(), "a.json", day("2026-12-01"));
    let b = checklist_core::answers::Vendor::new("v2", "Typed by the buyer");
    let passing = |filter: Vec<bool>| -> Vec<&str> {
        def.questions
            .iter()
            .zip(filter)
            .filter(|(_, on)| *on)
            .map(|(q, _)| q.id.as_str())
            .collect()
    };
    let unfiltered = response::review_filter(&def, false, false, &[&a, &b]);
    assert_eq!(
        unfiltered.len(),
        def.questions.len(),
        "one entry per question"
    );
    assert!(unfiltered.iter().all(|on| *on));
    assert_eq!(
        passing(response::review_filter(&def, true, false, &[&a, &b])),
        ["q.yn", "q.choice", "q.up"]
    );
    assert!(response::set_review(&def, &mut a, "q.yn", true));
    a.answers.get_mut("q.up").unwrap().value = value("#99.99");
    a.answers.get_mut("q.up").unwrap().note = "SLA says 99.99".to_owned();
    assert_eq!(
        passing(response::review_filter(&def, true, false, &[&a])),
        ["q.choice"]
    );
    assert_eq!(
        passing(response::review_filter(&def, false, true, &[&a])),
        ["q.up"]
    );
    assert!(passing(response::review_filter(&def, true, true, &[&a])).is_empty());
    // Going back to the vendor's answer keeps the buyer's note and reopens the review.
    assert!(response::set_review(&def, &mut a, "q.up", false));
    assert_eq!(a.answers.get("q.up").unwrap().value, value("#99.95"));
    assert_eq!(a.answers.get("q.up").unwrap().note, "SLA says 99.99");
    assert_eq!(
        passing(response::review_filter(&def, true, false, &[&a])),
        ["q.choice", "q.up"]
    );
    assert!(
        !response::set_review(&def, &mut a, "q.hours", true),
        "no statement"
    );
}

/// `response::read_response` once repeated `exchange::import_json`'s envelope checks; both now
/// use `exchange::read_envelope`, so a bad envelope gets the same answer from either.
#[test]
fn exports_and_responses_refuse_a_bad_envelope_alike() {
    #[track_caller]
    fn same(envelope_of: fn(&str) -> String, expected: ImportError) {
        let def = fixture();
        let export = import_json(&def, &envelope_of(checklist_core::exchange::FORMAT));
        let response = read_response(&def, &envelope_of(response::FORMAT));
        assert_eq!(export.err(), Some(expected.clone()), "export");
        assert_eq!(response.err(), Some(expected), "response");
    }
    let malformed = |text: &str| ImportError::Malformed(text.to_owned());
    let whole = "`version` must be a positive whole number";
    type Case = (fn(&str) -> String, ImportError);
    let cases: [Case; 6] = [
        (|_| "[1]".to_owned(), malformed("expected a json object")),
        (
            |_| r#"{"version": 1}"#.to_owned(),
            ImportError::WrongFormat("none".to_owned()),
        ),
        (
            |_| r#"{"format": "x", "version": 1}"#.to_owned(),
            ImportError::WrongFormat("x".to_owned()),
        ),
        (
            |f| format!(r#"{{"format": "{f}", "version": 0}}"#),
            malformed(whole),
        ),
        (
            |f| format!(r#"{{"format": "{f}", "version": 1.5}}"#),
            malformed(whole),
        ),
        (
            |f| format!(r#"{{"format": "{f}", "version": 9}}"#),
            ImportError::NewerVersion(9),
        ),
    ];
    for (envelope_of, expected) in cases {
        same(envelope_of, expected);
    }
    // The size limit is each reader's own, checked before parsing.
    let def = fixture();
    let huge = " ".repeat(max_response_bytes(&def) + 1);
    assert!(matches!(
        read_response(&def, &huge),
        Err(ImportError::TooLarge { .. })
    ));
}

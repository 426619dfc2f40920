//! Writes the generated part of the seed corpora (`corpus/<target>/gen-*`): exports, share
//! links, deflate streams from both encoders and the definition's JSON, made from the real
//! checklist. Run it after a format changes, and commit the files:
//! `cargo test -p fuzz --test seeds -- --ignored`. The hand-picked seeds beside them (real
//! content pages, `site.toml`, the checklist sources) are copied by hand and keep their names.

use std::fs;
use std::path::Path;

use checklist_core::answers::{Answer, AnswerValue, Vendor, Workspace};
use checklist_core::definition::{QuestionKind, RuleKind, Verbal};
use checklist_core::deflate::deflate;
use checklist_core::exchange::{document, export_json};
use checklist_core::saved;
use checklist_core::share::{self, base64url};
use checklist_core::{Date, Definition};

/// A vendor whose answers cycle through every kind of value, note and evidence.
fn vendor(def: &Definition, id: &str, name: &str, shift: usize) -> Vendor {
    let mut vendor = Vendor::new(id, name);
    for (i, question) in def.questions.iter().enumerate() {
        let pick = i + shift;
        if pick % 6 == 5 {
            continue;
        }
        let value = match &question.kind {
            QuestionKind::YesNo => AnswerValue::Verbal(
                [Verbal::Yes, Verbal::Partial, Verbal::No, Verbal::Unknown][pick % 4],
            ),
            QuestionKind::Choice { options } => {
                AnswerValue::Choice(options[pick % options.len()].id.clone())
            }
            QuestionKind::Multi { options, .. } => AnswerValue::Choices(
                options
                    .iter()
                    .step_by(1 + pick % 2)
                    .map(|o| o.id.clone())
                    .collect(),
            ),
            QuestionKind::Number { min, max, .. } => {
                AnswerValue::Number(min + (max - min) * (pick % 7) as f64 / 6.0)
            }
        };
        let mut answer = Answer::new(value);
        if pick.is_multiple_of(3) {
            answer.note = format!("=HYPERLINK(\"x\") \"quoted\"\nline two; {pick} %");
        }
        if pick % 4 == 1 {
            answer.evidence = def
                .evidence_levels
                .get(pick % def.evidence_levels.len())
                .map(|l| l.id.clone());
            answer.valid_until = Date::new(2027, 1 + (pick % 12) as u8, 28).ok();
        }
        vendor.answers.insert(question.id.clone(), answer);
    }
    for rule in def
        .rules
        .iter()
        .filter(|r| r.kind == RuleKind::Soft)
        .take(shift % 3)
    {
        vendor.disabled_soft_rules.insert(rule.id.clone());
    }
    vendor
}

fn write(target: &str, name: &str, data: &[u8]) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus")
        .join(target);
    fs::create_dir_all(&dir).expect("corpus folder");
    fs::write(dir.join(format!("gen-{name}")), data).expect("seed written");
}

#[test]
#[ignore = "writes the generated seeds into fuzz/corpus; run by hand"]
fn write_seed_corpora() {
    let def = fuzz::real_checklist();
    let one = Workspace {
        vendors: vec![vendor(def, "v1", "Acme Contact GmbH", 0)],
        ..Workspace::default()
    };
    let three = Workspace {
        vendors: vec![
            vendor(def, "v1", "Acme", 1),
            vendor(def, "v2", "-Beta; \"Call\" AG", 2),
            vendor(def, "v3", "Ω Cloud", 3),
        ],
        ..Workspace::default()
    };
    let empty = Workspace::default();
    for (name, workspace) in [
        ("one-vendor", &one),
        ("three-vendors", &three),
        ("empty", &empty),
    ] {
        let export = export_json(def, workspace);
        write("saved", name, saved::write(def, workspace).as_bytes());
        let compact = document(def, workspace).to_compact();
        write("import", &format!("{name}.json"), export.as_bytes());
        write("json", &format!("export-{name}.json"), export.as_bytes());
        let mut framed = vec![1];
        framed.extend_from_slice(compact.as_bytes());
        write("share_link", &format!("payload-{name}"), &framed);
        if !workspace.vendors.is_empty() {
            let link = share::encode(def, workspace).expect("short enough");
            write(
                "share_link",
                &format!("link-{name}"),
                format!("\0#share={link}").as_bytes(),
            );
        }
        write(
            "inflate",
            &format!("ours-{name}"),
            &deflate(compact.as_bytes()),
        );
        for level in [0u8, 1, 6, 10] {
            let stream = miniz_oxide::deflate::compress_to_vec(compact.as_bytes(), level);
            write("inflate", &format!("miniz-level{level}-{name}"), &stream);
        }
    }
    let link = share::encode(def, &one).expect("short enough");
    let newer = link.replacen("v1.", "v2.", 1);
    write(
        "share_link",
        "link-newer-version",
        format!("\0{newer}").as_bytes(),
    );
    let cut = &link[..link.len() / 2];
    write("share_link", "link-cut-off", format!("\0{cut}").as_bytes());
    write(
        "share_link",
        "link-bad-base64",
        format!("\0v1.{}", base64url::encode(b"not deflate")).as_bytes(),
    );
    write("json", "definition.json", def.to_json().as_bytes());
    // A save with the tuning and a vendor from a response, of another checklist version, and
    // cut off.
    let mut tuned = three.clone();
    tuned.tuning.must_haves.insert(def.questions[0].id.clone());
    tuned.tuning.weights.insert(
        def.questions[1].id.clone(),
        checklist_core::tuning::TunedWeight::Off,
    );
    let compact = saved::write(def, &tuned);
    write("saved", "tuned", compact.as_bytes());
    let older = saved::write_as(&format!("{}@0.1", def.meta.id), &tuned);
    write("saved", "older-checklist", older.as_bytes());
    write("saved", "cut-off", &compact.as_bytes()[..compact.len() / 2]);
}

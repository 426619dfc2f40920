//! Scores an export natively, so browser tests can check the page against the core:
//! `cargo run -q --release -p checklist-core --example score -- <checklist.json> <export.json>`
//! prints one JSON object per vendor (ranked), with its overall totals and verdict. The core
//! has no serde form of its results, so the fields the tests read are written out here.

use checklist_core::present::format::reason_kind;
use checklist_core::scoring::Totals;
use checklist_core::{compare, import_json, Definition};

fn totals(totals: &Totals) -> serde_json::Value {
    serde_json::json!({
        "score": totals.score,
        "points": totals.points,
        "max_points": totals.max_points,
        "completeness": totals.completeness,
        "confidence": totals.confidence,
    })
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [definition, export] = args.as_slice() else {
        eprintln!("usage: score <checklist.json> <export.json>");
        std::process::exit(2);
    };
    let read =
        |path: &str| std::fs::read_to_string(path).unwrap_or_else(|e| panic!("`{path}`: {e}"));
    let def = Definition::from_json(&read(definition)).expect("the definition is valid json");
    let report = import_json(&def, &read(export)).expect("the export imports");
    let ranked: Vec<serde_json::Value> = compare(&def, &report.workspace)
        .into_iter()
        .map(|r| {
            serde_json::json!({
                "vendor": r.score.vendor,
                "name": r.name,
                "rank": r.rank,
                "overall": totals(&r.score.overall),
                "verdict": r.score.verdict.id(),
                "reasons": r.score.reasons.iter()
                    .map(|reason| serde_json::json!({ "kind": reason_kind(reason) }))
                    .collect::<Vec<_>>(),
                "sections": r.score.sections.iter()
                    .map(|s| serde_json::json!({ "section": s.section, "totals": totals(&s.totals) }))
                    .collect::<Vec<_>>(),
            })
        })
        .collect();
    println!(
        "{}",
        serde_json::to_string_pretty(&ranked).expect("scores serialise")
    );
}

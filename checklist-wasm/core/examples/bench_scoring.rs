//! Times a full recompute (score and rank 10 and then 50 vendors, the cap, on the real
//! checklist, checking evidence dates against a day) and prints the median in microseconds;
//! the target is under 1 ms. Run with
//! `cargo run --release -p checklist-core --example bench_scoring`.

use std::time::Instant;

use checklist_core::answers::{Answer, AnswerValue, Vendor, Workspace};
use checklist_core::definition::{QuestionKind, Verbal};
use checklist_core::{parse_definition, ScoringIndex};

fn main() {
    let source = include_str!("../../../content/checklist.toml");
    let def = parse_definition(source).expect("content/checklist.toml parses");
    for count in [10, checklist_core::exchange::MAX_VENDORS] {
        bench(&def, count);
    }
}

/// Scores and ranks `count` vendors 2000 times and prints the median and p95.
fn bench(def: &checklist_core::Definition, count: usize) {
    let today = checklist_core::Date::new(2026, 11, 30).expect("a day");
    let vendors = (0..count)
        .map(|v| {
            let mut vendor = Vendor::new(format!("v{v}"), format!("Vendor {v}"));
            for (i, q) in def.questions.iter().enumerate() {
                let value = match &q.kind {
                    QuestionKind::YesNo => {
                        AnswerValue::Verbal([Verbal::Yes, Verbal::Partial, Verbal::No][(i + v) % 3])
                    }
                    QuestionKind::Choice { options } => {
                        AnswerValue::Choice(options[(i + v) % options.len()].id.clone())
                    }
                    QuestionKind::Multi { options, .. } => {
                        AnswerValue::Choices(vec![options[v % options.len()].id.clone()])
                    }
                    QuestionKind::Number { min, max, .. } => {
                        AnswerValue::Number(max - (max - min) * (v as f64) / 100.0)
                    }
                };
                let mut answer = Answer::new(value);
                answer.evidence = Some("document".to_owned());
                // Half the evidence expired, so the date check runs on every answer.
                answer.valid_until = checklist_core::Date::new(2026, 1 + (i % 12) as u8, 1).ok();
                vendor.answers.insert(q.id.clone(), answer);
            }
            vendor
        })
        .collect();
    let workspace = Workspace {
        vendors,
        ..Default::default()
    };

    let runs = 2000;
    let mut times = Vec::with_capacity(runs);
    let mut checksum = 0.0;
    for _ in 0..runs {
        let start = Instant::now();
        // A full recompute as the browser does it after an edit: prepare, score, rank.
        let ranked = ScoringIndex::new(def).with_today(today).compare(&workspace);
        times.push(start.elapsed().as_secs_f64() * 1e6);
        checksum += ranked[0].score.overall.score;
    }
    times.sort_by(f64::total_cmp);
    println!(
        "{} vendors x {} questions: median {:.1} us per full recompute (p95 {:.1} us, checksum {checksum:.0})",
        workspace.vendors.len(),
        def.questions.len(),
        times[runs / 2],
        times[runs * 95 / 100],
    );
}

//! Contract conditions in the page: which of a vendor's answers fall short (and so get a
//! condition field), and the lines the comparison report lists per vendor. What a condition
//! is and how it is stored is `answers`'s; the CSV's columns are `csv`'s.

use super::Present;
use crate::answers::{ContractCondition, Vendor};
use crate::date::Date;
use crate::exchange::MAX_CONDITION_CHARS;
use crate::scoring::{Applicability, VendorScore};

/// The UI string keys this file looks up.
pub const CONDITION_KEYS: &[&str] = &[
    "conditions_title",
    "conditions_hint",
    "conditions_none",
    "condition_text",
    "condition_due",
    "condition_line",
    "condition_line_due",
    "conditions_report_title",
];

/// One answer that falls short, with the condition the buyer recorded for it.
#[derive(Clone, Debug, PartialEq)]
pub struct ConditionRow {
    /// The question id.
    pub question: String,
    /// The question's text.
    pub text: String,
    /// The vendor's answer, in words.
    pub answer: String,
    /// The condition's text (empty when none is recorded).
    pub condition: String,
    /// The due date as `YYYY-MM-DD` (empty when none is set).
    pub due: String,
}

impl Present<'_> {
    /// Lists the vendor's answers that fall short (answered, applicable, counted, less than
    /// full credit) and every question that already has a condition, in question order.
    pub fn condition_rows(&self, vendor: &Vendor, score: &VendorScore) -> Vec<ConditionRow> {
        self.def
            .questions
            .iter()
            .zip(&score.questions)
            .filter(|(q, result)| {
                let short = result.applicability == Applicability::Applicable
                    && result.answered
                    && result.counted
                    && result.credit < 1.0;
                short || vendor.conditions.contains_key(&q.id)
            })
            .map(|(q, _)| {
                let condition = vendor.conditions.get(&q.id);
                ConditionRow {
                    question: q.id.clone(),
                    text: q.text.text(self.lang).to_owned(),
                    answer: vendor
                        .answers
                        .get(&q.id)
                        .and_then(|a| {
                            self.def.answer_label(
                                q,
                                &a.value,
                                self.lang,
                                self.strings.decimal_mark(),
                            )
                        })
                        .unwrap_or_else(|| self.strings.get("unanswered").to_owned()),
                    condition: condition.map_or(String::new(), |c| c.text.clone()),
                    due: condition
                        .and_then(|c| c.due)
                        .map_or(String::new(), |d| d.to_string()),
                }
            })
            .collect()
    }

    /// Returns the vendor's conditions as report lines, "question: condition (due …)", in
    /// question order; a condition for a question this checklist lacks names its id.
    pub fn condition_lines(&self, vendor: &Vendor) -> Vec<String> {
        let known = |id: &String| self.def.question(id).is_some();
        let ids = self
            .def
            .questions
            .iter()
            .map(|q| &q.id)
            .filter(|id| vendor.conditions.contains_key(id))
            .chain(vendor.conditions.keys().filter(|id| !known(id)));
        ids.map(|id| {
            let c = &vendor.conditions[id];
            let question = self
                .def
                .question(id)
                .map_or(id.as_str(), |q| q.text.text(self.lang));
            let due = c.due.map(|d| d.to_string()).unwrap_or_default();
            let key = if c.due.is_some() {
                "condition_line_due"
            } else {
                "condition_line"
            };
            self.strings.fill(
                key,
                &[
                    ("question", question),
                    ("condition", &c.text),
                    ("due", &due),
                ],
            )
        })
        .collect()
    }
}

/// Records the condition for a question as typed: blank text removes it (a due date alone is
/// not a condition), longer text is cut at the export's limit, so what is saved loads again.
pub fn set_condition(vendor: &mut Vendor, question: &str, text: &str, due: Option<Date>) {
    let text = text.trim();
    if text.is_empty() {
        vendor.conditions.remove(question);
    } else {
        let text = text.chars().take(MAX_CONDITION_CHARS).collect();
        vendor
            .conditions
            .insert(question.to_owned(), ContractCondition { text, due });
    }
}

#[cfg(test)]
mod tests {
    use crate::answers::{Answer, AnswerValue, ContractCondition, Vendor};
    use crate::definition::Verbal;
    use crate::present::tests::{definition, strings};
    use crate::present::Present;
    use crate::scoring::score_vendor;
    use crate::Date;

    #[test]
    fn answers_that_fall_short_get_a_condition_row_and_report_lines_name_the_question() {
        let def = definition();
        let s = strings("en");
        let present = Present {
            def: &def,
            lang: "en",
            strings: &s,
        };
        let [full, short, later] = [0, 1, 2].map(|i| def.questions[i].id.clone());
        let mut vendor = Vendor::new("v1", "Acme");
        let best = |id: &str| {
            let q = def.question(id).expect("question");
            match &q.kind {
                crate::definition::QuestionKind::YesNo => AnswerValue::Verbal(Verbal::Yes),
                crate::definition::QuestionKind::Choice { options } => {
                    let top = options.iter().max_by(|a, b| a.credit.total_cmp(&b.credit));
                    AnswerValue::Choice(top.expect("options").id.clone())
                }
                other => panic!("{other:?}"),
            }
        };
        vendor
            .answers
            .insert(full.clone(), Answer::new(best(&full)));
        vendor
            .answers
            .insert(short.clone(), Answer::new(AnswerValue::Verbal(Verbal::No)));
        let condition = |text: &str, due: Option<&str>| ContractCondition {
            text: text.to_owned(),
            due: due.map(|d| Date::parse(d).expect("date")),
        };
        vendor
            .conditions
            .insert(later.clone(), condition("=HYPERLINK(\"x\")", None));
        vendor.conditions.insert(
            short.clone(),
            condition("SOC 2 Type II report by Q3", Some("2027-09-30")),
        );
        let score = score_vendor(&def, &vendor);
        let rows = present.condition_rows(&vendor, &score);
        let ids: Vec<&str> = rows.iter().map(|r| r.question.as_str()).collect();
        // The full answer has no row; the short one and the one with a condition have.
        assert_eq!(ids, [short.as_str(), later.as_str()]);
        assert_eq!(rows[0].due, "2027-09-30");
        // Blank text removes a condition; long text is cut to what an import accepts.
        let mut edited = vendor.clone();
        super::set_condition(&mut edited, &later, "  ", None);
        super::set_condition(&mut edited, &full, &"x".repeat(1001), None);
        assert!(!edited.conditions.contains_key(&later));
        assert_eq!(edited.conditions[&full].text.chars().count(), 1000);
        assert_eq!(rows[0].answer, "No");
        let lines = present.condition_lines(&vendor);
        let text = |id: &str| def.question(id).expect("q").text.text("en").to_owned();
        assert_eq!(
            lines,
            [
                s.fill(
                    "condition_line_due",
                    &[
                        ("question", &text(&short)),
                        ("condition", "SOC 2 Type II report by Q3"),
                        ("due", "2027-09-30")
                    ]
                ),
                s.fill(
                    "condition_line",
                    &[
                        ("question", &text(&later)),
                        ("condition", "=HYPERLINK(\"x\")")
                    ]
                ),
            ]
        );
    }
}

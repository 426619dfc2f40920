//! Scoring per the checklist method: credits, applicability, weighted scores per section and
//! overall, completeness, confidence, score groups, knockout rules, verdicts with their
//! reasons, and the ranking of vendors. It owns only arithmetic on a validated definition
//! and a vendor's answers; it never checks the answers' shape (that is `exchange`'s job)
//! and treats an answer that does not fit its question as unanswered.

use crate::answers::{Answer, AnswerValue, Vendor, Workspace};
use crate::date::Date;
use crate::definition::{
    BandDirection, Combine, Condition, Definition, MultiScoring, QuestionKind, RuleKind, Test,
    Verbal, WeightClass,
};
use crate::sorted::{sort_short_by, SortedMap};

mod results;

pub use results::{
    Applicability, Band, QuestionScore, RankedVendor, Reason, RuleOutcome, RuleStatus,
    SectionScore, Totals, VendorScore, Verdict,
};

/// Evidence factor an expired piece of evidence counts as at most until it is renewed: the
/// method's factor for a vendor statement, since the buyer holds only the vendor's word that
/// it still holds.
pub const EXPIRED_EVIDENCE_FACTOR: f64 = 0.5;

/// A definition prepared for repeated scoring: look-ups are resolved once.
#[derive(Debug)]
pub struct ScoringIndex<'d> {
    def: &'d Definition,
    /// Position of each question by id.
    positions: SortedMap<usize>,
    /// Position of each question's section.
    question_section: Vec<usize>,
    /// Position of the question a `visible_if` refers to.
    controllers: Vec<Option<usize>>,
    /// Scored items: ungrouped questions and groups.
    items: Vec<Item>,
    /// The day evidence dates are checked against; `None` checks none.
    today: Option<Date>,
}

#[derive(Debug)]
struct Item {
    id: String,
    section: usize,
    weight: f64,
    critical: bool,
    members: Vec<usize>,
}

/// Scores one vendor without checking evidence dates (prepare a [`ScoringIndex`] to score
/// many).
pub fn score_vendor(def: &Definition, vendor: &Vendor) -> VendorScore {
    ScoringIndex::new(def).score(vendor)
}

/// Scores one vendor on the given day, flagging evidence that expired before it.
pub fn score_vendor_at(def: &Definition, vendor: &Vendor, today: Date) -> VendorScore {
    ScoringIndex::new(def).with_today(today).score(vendor)
}

/// Scores and ranks all vendors by verdict, then score, then confidence, without checking
/// evidence dates.
pub fn compare(def: &Definition, workspace: &Workspace) -> Vec<RankedVendor> {
    ScoringIndex::new(def).compare(workspace)
}

/// Scores and ranks all vendors on the given day, flagging evidence that expired before it.
pub fn compare_at(def: &Definition, workspace: &Workspace, today: Date) -> Vec<RankedVendor> {
    ScoringIndex::new(def).with_today(today).compare(workspace)
}

impl<'d> ScoringIndex<'d> {
    /// Checks evidence dates against `today` in every later score (the caller owns the clock).
    pub fn with_today(mut self, today: Date) -> Self {
        self.today = Some(today);
        self
    }

    /// Returns the day evidence dates are checked against, if any.
    pub fn today(&self) -> Option<Date> {
        self.today
    }

    /// Resolves the definition's references once; evidence dates are not checked until
    /// [`ScoringIndex::with_today`] gives a day.
    pub fn new(def: &'d Definition) -> Self {
        let positions: SortedMap<usize> = def
            .questions
            .iter()
            .enumerate()
            .map(|(i, q)| (q.id.clone(), i))
            .collect();
        let section_pos = |id: &str| def.sections.iter().position(|s| s.id == id).unwrap_or(0);
        let question_section = def
            .questions
            .iter()
            .map(|q| section_pos(&q.section))
            .collect();
        let controllers = def
            .questions
            .iter()
            .map(|q| {
                q.visible_if
                    .as_ref()
                    .and_then(|c| positions.get(c.question.as_str()).copied())
            })
            .collect();
        let mut items = Vec::new();
        for (i, q) in def.questions.iter().enumerate() {
            match q.group.as_deref().and_then(|g| def.group(g)) {
                None => items.push(Item {
                    id: q.id.clone(),
                    section: section_pos(&q.section),
                    weight: def.weights.points(q.weight),
                    critical: q.weight == WeightClass::Critical,
                    members: vec![i],
                }),
                // A group is placed where its first member appears.
                Some(g) if g.members.first() == Some(&q.id) => items.push(Item {
                    id: g.id.clone(),
                    section: section_pos(&g.section),
                    weight: def.weights.points(g.weight),
                    critical: g.weight == WeightClass::Critical,
                    members: g
                        .members
                        .iter()
                        .filter_map(|m| positions.get(m.as_str()).copied())
                        .collect(),
                }),
                Some(_) => {}
            }
        }
        ScoringIndex {
            def,
            positions,
            question_section,
            controllers,
            items,
            today: None,
        }
    }

    /// Scores one vendor.
    pub fn score(&self, vendor: &Vendor) -> VendorScore {
        let def = self.def;
        let answers: Vec<Option<&Answer>> = def
            .questions
            .iter()
            .map(|q| vendor.answers.get(&q.id))
            .collect();

        // Applicability runs in order: `visible_if` only refers to earlier questions.
        let mut applicability = Vec::with_capacity(def.questions.len());
        for (i, q) in def.questions.iter().enumerate() {
            let state = match (&q.visible_if, self.controllers[i]) {
                (None, _) => Applicability::Applicable,
                (Some(_), None) => Applicability::NotApplicable,
                (Some(cond), Some(j)) => match applicability[j] {
                    Applicability::NotApplicable => Applicability::NotApplicable,
                    Applicability::Undetermined => Applicability::Undetermined,
                    Applicability::Applicable => match self.test(cond, answers[j]) {
                        RuleStatus::Pass => Applicability::Applicable,
                        RuleStatus::Fail => Applicability::NotApplicable,
                        RuleStatus::Open => Applicability::Undetermined,
                    },
                },
            };
            applicability.push(state);
        }

        let mut questions: Vec<QuestionScore> = def
            .questions
            .iter()
            .enumerate()
            .map(|(i, q)| {
                let credit = answers[i].and_then(|a| self.credit(i, &a.value));
                let dont_know =
                    answers[i].is_some_and(|a| a.value == AnswerValue::Verbal(Verbal::Unknown));
                let evidence_expired = match (self.today, answers[i]) {
                    (Some(today), Some(answer)) => answer.evidence_expired(today),
                    _ => false,
                };
                let evidence = match (credit, answers[i].and_then(|a| a.evidence.as_deref())) {
                    (Some(_), Some(level)) => def.evidence_level(level).map_or(0.0, |l| l.factor),
                    _ => 0.0,
                };
                let evidence = if evidence_expired {
                    evidence.min(EXPIRED_EVIDENCE_FACTOR)
                } else {
                    evidence
                };
                QuestionScore {
                    question: q.id.clone(),
                    applicability: applicability[i],
                    answered: credit.is_some() || dont_know,
                    credit: credit.unwrap_or(0.0),
                    evidence,
                    evidence_expired,
                    counted: false,
                }
            })
            .collect();

        let mut overall = Sums::default();
        let mut sections = vec![Sums::default(); def.sections.len()];
        let mut critical_zeros = Vec::new();
        let mut counted = Vec::with_capacity(self.items.len());
        for item in &self.items {
            let applicable: Vec<&QuestionScore> = item
                .members
                .iter()
                .map(|&m| &questions[m])
                .filter(|s| s.applicability == Applicability::Applicable)
                .collect();
            // The best member gives the credit; on a tie, the better-backed one.
            let Some(best_at) = (0..applicable.len()).max_by(|&a, &b| {
                let (a, b) = (applicable[a], applicable[b]);
                a.credit
                    .total_cmp(&b.credit)
                    .then(a.evidence.total_cmp(&b.evidence))
            }) else {
                continue;
            };
            let best = applicable[best_at];
            counted.push(
                item.members
                    .iter()
                    .copied()
                    .filter(|&m| questions[m].applicability == Applicability::Applicable)
                    .nth(best_at)
                    .expect("the best member is applicable"),
            );
            // A group counts as answered once more answers cannot change it.
            let answered = applicable.iter().all(|s| s.answered) || best.credit >= 1.0;
            let add = |sums: &mut Sums| sums.add(item.weight, best.credit, best.evidence, answered);
            add(&mut overall);
            add(&mut sections[item.section]);
            if item.critical && answered && best.credit == 0.0 {
                critical_zeros.push(item.id.clone());
            }
        }

        for m in counted {
            questions[m].counted = true;
        }

        let rules: Vec<RuleOutcome> = def
            .rules
            .iter()
            .map(|rule| {
                let statuses = rule
                    .conditions
                    .iter()
                    .map(|c| self.condition(c, &answers, &applicability));
                let status = combine(rule.combine, statuses);
                let active =
                    rule.kind == RuleKind::Hard || !vendor.disabled_soft_rules.contains(&rule.id);
                RuleOutcome {
                    rule: rule.id.clone(),
                    kind: rule.kind,
                    status,
                    active,
                }
            })
            .collect();

        let overall = overall.totals();
        let bands = &def.verdict;
        let band = if overall.score >= bands.strong {
            Band::Strong
        } else if overall.score >= bands.acceptable {
            Band::Acceptable
        } else if overall.score >= bands.conditional {
            Band::Conditional
        } else {
            Band::Insufficient
        };
        let mut reasons = Vec::new();
        for outcome in rules.iter().filter(|r| r.active) {
            match outcome.status {
                RuleStatus::Fail => reasons.push(Reason::RuleFailed {
                    rule: outcome.rule.clone(),
                }),
                RuleStatus::Open => reasons.push(Reason::RuleOpen {
                    rule: outcome.rule.clone(),
                }),
                RuleStatus::Pass => {}
            }
        }
        let incomplete = overall.completeness < bands.min_completeness;
        if incomplete {
            reasons.push(Reason::Incomplete {
                completeness: overall.completeness,
                required: bands.min_completeness,
            });
        }
        reasons.extend(
            critical_zeros
                .iter()
                .map(|item| Reason::CriticalZero { item: item.clone() }),
        );

        let failed = rules
            .iter()
            .any(|r| r.active && r.status == RuleStatus::Fail);
        let open = rules
            .iter()
            .any(|r| r.active && r.status == RuleStatus::Open);
        let capped = !critical_zeros.is_empty() && matches!(band, Band::Strong | Band::Acceptable);
        let verdict = if failed {
            Verdict::Excluded
        } else if open || incomplete {
            Verdict::Provisional
        } else if capped {
            Verdict::Conditional
        } else {
            match band {
                Band::Strong => Verdict::Strong,
                Band::Acceptable => Verdict::Acceptable,
                Band::Conditional => Verdict::Conditional,
                Band::Insufficient => Verdict::Insufficient,
            }
        };

        VendorScore {
            vendor: vendor.id.clone(),
            overall,
            sections: def
                .sections
                .iter()
                .zip(sections)
                .map(|(s, sums)| SectionScore {
                    section: s.id.clone(),
                    totals: sums.totals(),
                })
                .collect(),
            questions,
            rules,
            band,
            capped,
            verdict,
            reasons,
        }
    }

    /// Scores and ranks all vendors by verdict, then score, then confidence.
    pub fn compare(&self, workspace: &Workspace) -> Vec<RankedVendor> {
        let mut ranked: Vec<RankedVendor> = workspace
            .vendors
            .iter()
            .map(|v| RankedVendor {
                rank: 0,
                name: v.name.clone(),
                score: self.score(v),
            })
            .collect();
        let key = |r: &RankedVendor| {
            (
                r.score.verdict.rank(),
                r.score.overall.score,
                r.score.overall.confidence,
            )
        };
        let order = |a: &RankedVendor, b: &RankedVendor| {
            let (va, sa, ca) = key(a);
            let (vb, sb, cb) = key(b);
            va.cmp(&vb).then(sb.total_cmp(&sa)).then(cb.total_cmp(&ca))
        };
        // A stable sort keeps the buyer's order among ties.
        sort_short_by(&mut ranked, order);
        for i in 0..ranked.len() {
            ranked[i].rank = if i > 0 && order(&ranked[i - 1], &ranked[i]).is_eq() {
                ranked[i - 1].rank
            } else {
                i + 1
            };
        }
        ranked
    }

    /// Returns the credit of a known answer that fits its question, or `None`.
    fn credit(&self, question: usize, value: &AnswerValue) -> Option<f64> {
        let q = &self.def.questions[question];
        let option_credit = |options: &[crate::definition::AnswerOption], id: &str| {
            options.iter().find(|o| o.id == id).map(|o| o.credit)
        };
        match (value, &q.kind) {
            (AnswerValue::Verbal(Verbal::Unknown), _) => None,
            (AnswerValue::Verbal(v), QuestionKind::YesNo) => {
                Some(self.def.answer_set.get(*v).credit)
            }
            (AnswerValue::Choice(id), QuestionKind::Choice { options }) => {
                option_credit(options, id)
            }
            (AnswerValue::Choices(ids), QuestionKind::Multi { options, scoring }) => {
                let credits = ids
                    .iter()
                    .map(|id| option_credit(options, id))
                    .collect::<Option<Vec<f64>>>()?;
                Some(match scoring {
                    MultiScoring::Any => credits.into_iter().fold(0.0, f64::max),
                    MultiScoring::Sum => credits.into_iter().sum::<f64>().min(1.0),
                })
            }
            (
                AnswerValue::Number(n),
                QuestionKind::Number {
                    direction, bands, ..
                },
            ) if n.is_finite() => {
                let fits = |limit: f64| match direction {
                    BandDirection::AtLeast => *n >= limit,
                    BandDirection::AtMost => *n <= limit,
                };
                Some(
                    bands
                        .iter()
                        .find(|b| fits(b.limit))
                        .map_or(0.0, |b| b.credit),
                )
            }
            _ => None,
        }
    }

    /// Evaluates a rule condition: not applicable counts as satisfied, undetermined as open.
    fn condition(
        &self,
        cond: &Condition,
        answers: &[Option<&Answer>],
        applicability: &[Applicability],
    ) -> RuleStatus {
        let Some(&pos) = self.positions.get(cond.question.as_str()) else {
            return RuleStatus::Open;
        };
        match applicability[pos] {
            Applicability::NotApplicable => RuleStatus::Pass,
            Applicability::Undetermined => RuleStatus::Open,
            Applicability::Applicable => {
                // An answer that does not fit its question is as good as no answer.
                if answers[pos].is_some_and(|a| self.credit(pos, &a.value).is_none()) {
                    return RuleStatus::Open;
                }
                self.test(cond, answers[pos])
            }
        }
    }

    /// Tests a condition against an answer: unknown or missing answers leave it open.
    fn test(&self, cond: &Condition, answer: Option<&Answer>) -> RuleStatus {
        let Some(answer) = answer else {
            return RuleStatus::Open;
        };
        let pass = |b: bool| {
            if b {
                RuleStatus::Pass
            } else {
                RuleStatus::Fail
            }
        };
        match (&answer.value, &cond.test) {
            (AnswerValue::Verbal(Verbal::Unknown), _) => RuleStatus::Open,
            (AnswerValue::Number(n), _) if !n.is_finite() => RuleStatus::Open,
            (AnswerValue::Number(n), Test::AtLeast(limit)) => pass(*n >= *limit),
            (AnswerValue::Number(n), Test::AtMost(limit)) => pass(*n <= *limit),
            (value, Test::In(ids)) => match selected(value) {
                Some(sel) => pass(sel.iter().any(|s| ids.iter().any(|id| id == s))),
                None => RuleStatus::Open,
            },
            (value, Test::NotIn(ids)) => match selected(value) {
                Some(sel) => pass(!sel.iter().any(|s| ids.iter().any(|id| id == s))),
                None => RuleStatus::Open,
            },
            _ => RuleStatus::Open,
        }
    }

    /// Returns the number of questions, for sizing benchmarks and tests.
    pub fn question_count(&self) -> usize {
        self.question_section.len()
    }
}

/// Returns the ids an answer selects, for `in` and `not_in` tests.
fn selected(value: &AnswerValue) -> Option<Vec<&str>> {
    match value {
        AnswerValue::Verbal(v) => Some(vec![v.id()]),
        AnswerValue::Choice(id) => Some(vec![id.as_str()]),
        AnswerValue::Choices(ids) => Some(ids.iter().map(String::as_str).collect()),
        AnswerValue::Number(_) | AnswerValue::Unanswered => None,
    }
}

/// Combines condition outcomes: a decided outcome wins over open ones.
fn combine(how: Combine, statuses: impl Iterator<Item = RuleStatus>) -> RuleStatus {
    let (decisive, otherwise) = match how {
        Combine::AnyOf => (RuleStatus::Pass, RuleStatus::Fail),
        Combine::AllOf => (RuleStatus::Fail, RuleStatus::Pass),
    };
    let mut open = false;
    for status in statuses {
        if status == decisive {
            return decisive;
        }
        open |= status == RuleStatus::Open;
    }
    if open {
        RuleStatus::Open
    } else {
        otherwise
    }
}

#[derive(Clone, Default)]
struct Sums {
    weight: f64,
    points: f64,
    answered: f64,
    evidence: f64,
}

impl Sums {
    fn add(&mut self, weight: f64, credit: f64, evidence: f64, answered: bool) {
        self.weight += weight;
        self.points += weight * credit;
        self.evidence += weight * evidence;
        if answered {
            self.answered += weight;
        }
    }

    fn totals(&self) -> Totals {
        let ratio = |x: f64| {
            if self.weight > 0.0 {
                (x / self.weight).clamp(0.0, 1.0)
            } else {
                0.0
            }
        };
        Totals {
            score: 100.0 * ratio(self.points),
            points: self.points,
            max_points: self.weight,
            completeness: ratio(self.answered),
            confidence: ratio(self.evidence),
        }
    }
}

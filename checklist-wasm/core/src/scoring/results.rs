//! What scoring hands to the UI: applicability, rule outcomes, bands, verdicts and their
//! reasons, and the totals per question, section, vendor and rank. It owns only these plain
//! types and the verdicts' ranking order; computing them is the parent module's.

use crate::definition::RuleKind;
use crate::string_id::string_ids;

/// Whether a question applies to a vendor, given the answers its `visible_if` depends on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Applicability {
    /// The question applies (it has no condition, or the condition holds).
    Applicable,
    /// The condition does not hold: the question leaves numerator and denominator.
    NotApplicable,
    /// The condition depends on an unanswered question: not scored, and rules on it stay open.
    Undetermined,
}

/// Outcome of a knockout rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuleStatus {
    /// The rule holds.
    Pass,
    /// The rule is broken.
    Fail,
    /// An input is unknown or unanswered, so the rule can neither pass nor fail yet.
    Open,
}

/// The band a score falls into.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Band {
    /// At least the "strong" threshold.
    Strong,
    /// At least the "acceptable" threshold.
    Acceptable,
    /// At least the "conditional" threshold.
    Conditional,
    /// Below the "conditional" threshold.
    Insufficient,
}

/// The overall verdict on a vendor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// The score is at least the "strong" threshold and nothing caps it.
    Strong,
    /// The score is at least the "acceptable" threshold.
    Acceptable,
    /// The score is at least the "conditional" threshold, or a critical zero capped it here.
    Conditional,
    /// A rule is open or completeness is too low, so no band is given yet.
    Provisional,
    /// The score is below the "conditional" threshold.
    Insufficient,
    /// An active knockout rule fails.
    Excluded,
}

string_ids!(Verdict {
    Strong = "strong",
    Acceptable = "acceptable",
    Conditional = "conditional",
    Provisional = "provisional",
    Insufficient = "insufficient",
    Excluded = "excluded",
});

impl Verdict {
    /// Returns the position used for ranking, best first.
    ///
    /// A provisional vendor ranks below the definite passing bands but above a vendor known
    /// to be insufficient, because its open questions may still be answered well.
    pub fn rank(self) -> u8 {
        match self {
            Verdict::Strong => 0,
            Verdict::Acceptable => 1,
            Verdict::Conditional => 2,
            Verdict::Provisional => 3,
            Verdict::Insufficient => 4,
            Verdict::Excluded => 5,
        }
    }
}

/// Why a verdict is what it is; the UI looks texts up by the ids it carries.
#[derive(Clone, Debug, PartialEq)]
pub enum Reason {
    /// An active rule fails; its text is the rule's `reason`.
    RuleFailed {
        /// The rule id.
        rule: String,
    },
    /// An active rule is open; its text is the rule's `reason`.
    RuleOpen {
        /// The rule id.
        rule: String,
    },
    /// Too few questions are answered.
    Incomplete {
        /// Completeness reached, 0-1.
        completeness: f64,
        /// Completeness required, 0-1.
        required: f64,
    },
    /// A critical question (or group) was answered with zero credit ("No", "Don't know", or
    /// a zero-credit option or number).
    CriticalZero {
        /// The question or group id.
        item: String,
    },
}

/// Score, points, completeness and confidence over a set of questions.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Totals {
    /// S = 100 · Σ(w·c) / Σ(w), 0 when nothing applies.
    pub score: f64,
    /// Σ(w·c), the points achieved.
    pub points: f64,
    /// Σ(w), the points possible.
    pub max_points: f64,
    /// K = Σ(w answered) / Σ(w applicable), 0-1; "Don't know" counts as answered.
    pub completeness: f64,
    /// C = Σ(w·e) / Σ(w), 0-1.
    pub confidence: f64,
}

/// Totals of one section.
#[derive(Clone, Debug, PartialEq)]
pub struct SectionScore {
    /// The section id.
    pub section: String,
    /// The section's totals.
    pub totals: Totals,
}

/// How one question was scored.
#[derive(Clone, Debug, PartialEq)]
pub struct QuestionScore {
    /// The question id.
    pub question: String,
    /// Whether it applies.
    pub applicability: Applicability,
    /// Whether it is answered: with an answer that fits it, or with "Don't know".
    ///
    /// "Don't know" counts toward completeness K on purpose. It is the vendor's answer, not a
    /// gap in the buyer's work, and it scores zero credit like "No"; were it left out of K, a
    /// "No" turned into "Don't know" could lower K below the floor and lift an insufficient
    /// vendor to provisional. Its evidence factor is 0: nothing backs an unknown.
    pub answered: bool,
    /// Credit c of its own answer, 0-1 (a group member's group may score higher).
    pub credit: f64,
    /// Evidence factor e of its answer, 0-1 (at most [`super::EXPIRED_EVIDENCE_FACTOR`] once
    /// expired).
    pub evidence: f64,
    /// Whether the answer's evidence was valid only until a day before today; always false
    /// when scoring without a date.
    pub evidence_expired: bool,
    /// Whether its credit is the one its item scores: an applicable question outside any
    /// group, or the group member whose credit the group takes (so a group counts once).
    pub counted: bool,
}

/// Outcome of one rule for one vendor.
#[derive(Clone, Debug, PartialEq)]
pub struct RuleOutcome {
    /// The rule id.
    pub rule: String,
    /// Hard or soft.
    pub kind: RuleKind,
    /// Pass, fail or open.
    pub status: RuleStatus,
    /// False when the buyer switched this soft rule off for the vendor.
    pub active: bool,
}

/// Everything the UI shows about one vendor's score.
#[derive(Clone, Debug, PartialEq)]
pub struct VendorScore {
    /// The vendor id.
    pub vendor: String,
    /// Totals over all applicable questions.
    pub overall: Totals,
    /// Totals per section, in section order.
    pub sections: Vec<SectionScore>,
    /// Per-question results, in question order.
    pub questions: Vec<QuestionScore>,
    /// Per-rule outcomes, in rule order.
    pub rules: Vec<RuleOutcome>,
    /// The band of the overall score alone.
    pub band: Band,
    /// Whether a critical zero lowered the band to conditional.
    pub capped: bool,
    /// The verdict.
    pub verdict: Verdict,
    /// Why: failed and open rules, low completeness, critical zeros.
    pub reasons: Vec<Reason>,
}

/// A vendor's place in the comparison.
#[derive(Clone, Debug, PartialEq)]
pub struct RankedVendor {
    /// 1-based rank; vendors that tie on verdict, score and confidence share it.
    pub rank: usize,
    /// The vendor's name.
    pub name: String,
    /// The vendor's score.
    pub score: VendorScore,
}

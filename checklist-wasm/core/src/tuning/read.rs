//! The tuning's JSON form inside exports and share links, and the checks an untrusted tuning
//! must pass before it is applied: id shapes, lengths and counts (all bounded, so the export
//! size limit can be derived from them), credits in [0, 1], and references to questions and
//! sections that exist. Overrides and marks for questions this checklist version no longer
//! has are dropped rather than refused, so an older export still opens.

use super::{OwnOption, OwnQuestion, OwnSection, TunedWeight, Tuning, OWN_PREFIX};
use crate::definition::{Definition, WeightClass};
use crate::json::{At, Json};

/// Most own questions in one tuning.
pub const MAX_OWN_QUESTIONS: usize = 30;
/// Most own sections in one tuning.
pub const MAX_OWN_SECTIONS: usize = 10;
/// Most options of an own choice question.
pub const MAX_OPTIONS: usize = 10;
/// Longest text of an own question, in characters.
pub const MAX_TEXT_CHARS: usize = 500;
/// Longest option label or section title, in characters.
pub const MAX_LABEL_CHARS: usize = 200;
/// Longest token after `own.` and longest option id, in characters.
pub const MAX_TOKEN_CHARS: usize = 16;
/// Longest language code of an own section or question (`en`, `de`, `pt-br`).
pub const MAX_LANGUAGE_CHARS: usize = 16;

/// Writes a tuning as the `tuning` field of an export.
pub fn write(tuning: &Tuning) -> Json {
    let mut fields = Vec::new();
    if !tuning.weights.is_empty() {
        let weights = tuning
            .weights
            .iter()
            .map(|(item, w)| (item.clone(), Json::str(w.id())));
        fields.push(("weights", Json::Object(weights.collect())));
    }
    if !tuning.must_haves.is_empty() {
        fields.push(("must_haves", Json::strings(tuning.must_haves.iter())));
    }
    if !tuning.sections.is_empty() {
        let sections = tuning.sections.iter().map(|s| {
            Json::object([
                ("id", Json::str(&s.id)),
                ("lang", Json::str(&s.lang)),
                ("title", Json::str(&s.title)),
            ])
        });
        fields.push(("sections", Json::Array(sections.collect())));
    }
    if !tuning.questions.is_empty() {
        let questions = tuning.questions.iter().map(|q| {
            let mut fields = vec![
                ("id", Json::str(&q.id)),
                ("section", Json::str(&q.section)),
                ("lang", Json::str(&q.lang)),
                ("text", Json::str(&q.text)),
                ("weight", Json::str(TunedWeight::Class(q.weight).id())),
            ];
            if !q.options.is_empty() {
                let options = q.options.iter().map(|o| {
                    Json::object([
                        ("id", Json::str(&o.id)),
                        ("label", Json::str(&o.label)),
                        ("credit", Json::Number(o.credit)),
                    ])
                });
                fields.push(("options", Json::Array(options.collect())));
            }
            Json::object(fields)
        });
        fields.push(("questions", Json::Array(questions.collect())));
    }
    Json::object(fields)
}

/// Reads the shape of a tuning; whether it fits the checklist is [`check`]'s.
pub fn read(at: At) -> Tuning {
    at.entries(Some(&["weights", "must_haves", "sections", "questions"]));
    let too_many = |list: &At, max: usize, what: &str| {
        let count = list.value.as_array().map_or(0, <[Json]>::len);
        if count > max {
            list.fail(&format!("{count} {what}; a tuning has at most {max}"));
        }
        count > max
    };
    let mut tuning = Tuning::default();
    if let Some(weights) = at.optional("weights") {
        weights.each_entry(|item, weight| {
            let id = weight.str();
            match TunedWeight::from_id(id) {
                Some(w) => {
                    tuning.weights.insert(item.to_owned(), w);
                }
                None => weight.fail(&format!(
                    "`{id}` is not a weight; use `off`, `minor`, `standard` or `critical`"
                )),
            }
        });
    }
    if let Some(marks) = at.optional("must_haves") {
        tuning.must_haves = marks.strings().into_iter().collect();
    }
    if let Some(list) = at.optional("sections") {
        if !too_many(&list, MAX_OWN_SECTIONS, "own sections") {
            tuning.sections = list.list(|s| {
                s.entries(Some(&["id", "lang", "title"]));
                OwnSection {
                    id: s.field("id").string(),
                    lang: s.field("lang").string(),
                    title: s.field("title").string(),
                }
            });
        }
    }
    if let Some(list) = at.optional("questions") {
        if !too_many(&list, MAX_OWN_QUESTIONS, "own questions") {
            tuning.questions = list.list(read_question);
        }
    }
    tuning
}

fn read_question(q: At) -> OwnQuestion {
    q.entries(Some(&[
        "id", "section", "lang", "text", "weight", "options",
    ]));
    let options = q.optional("options").map_or_else(Vec::new, |list| {
        let count = list.value.as_array().map_or(0, <[Json]>::len);
        if count > MAX_OPTIONS {
            list.fail(&format!(
                "{count} options; a question has at most {MAX_OPTIONS}"
            ));
            return Vec::new();
        }
        list.list(|o| {
            o.entries(Some(&["id", "label", "credit"]));
            OwnOption {
                id: o.field("id").string(),
                label: o.field("label").string(),
                credit: o.field("credit").number(),
            }
        })
    });
    OwnQuestion {
        id: q.field("id").string(),
        section: q.field("section").string(),
        lang: q.field("lang").string(),
        text: q.field("text").string(),
        weight: q.field("weight").id::<WeightClass>(),
        options,
    }
}

/// Checks an untrusted tuning against the guide's definition and returns it cleaned of
/// overrides and marks for questions this version does not have, or says what is wrong.
pub fn check(base: &Definition, mut tuning: Tuning) -> Result<Tuning, String> {
    let token_ok = |token: &str| {
        !token.is_empty()
            && token.chars().count() <= MAX_TOKEN_CHARS
            && token
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
    };
    let own_id_ok = |id: &str| id.strip_prefix(OWN_PREFIX).is_some_and(token_ok);
    let length = |what: &str, text: &str, max: usize| {
        let chars = text.chars().count();
        if text.trim().is_empty() || chars > max {
            Err(format!("{what} must have 1 to {max} characters"))
        } else {
            Ok(())
        }
    };
    // Any well-formed code, not only the definition's languages: each page's definition
    // names only the page's own language, and an own question keeps the language it was
    // written in, so an English buyer's questions must read on the German page too.
    let lang_ok = |lang: &str| {
        let well_formed = lang.len() <= MAX_LANGUAGE_CHARS
            && lang.starts_with(|c: char| c.is_ascii_lowercase())
            && lang.chars().all(|c| c.is_ascii_lowercase() || c == '-');
        if well_formed {
            Ok(())
        } else {
            Err(format!(
                "the language `{lang}` is not a language code such as `en` or `de`"
            ))
        }
    };
    if tuning.sections.len() > MAX_OWN_SECTIONS || tuning.questions.len() > MAX_OWN_QUESTIONS {
        return Err(format!(
            "a tuning has at most {MAX_OWN_SECTIONS} own sections and {MAX_OWN_QUESTIONS} own questions"
        ));
    }
    for (i, s) in tuning.sections.iter().enumerate() {
        let at = |problem: String| format!("own section `{}`: {problem}", s.id);
        if !own_id_ok(&s.id) || tuning.sections[..i].iter().any(|o| o.id == s.id) {
            return Err(at(format!(
                "the id must be unique and read `{OWN_PREFIX}` and up to {MAX_TOKEN_CHARS} lowercase letters or digits"
            )));
        }
        lang_ok(&s.lang).map_err(at)?;
        length("the title", &s.title, MAX_LABEL_CHARS).map_err(at)?;
    }
    for (i, q) in tuning.questions.iter().enumerate() {
        let at = |problem: String| format!("own question `{}`: {problem}", q.id);
        if !own_id_ok(&q.id) || tuning.questions[..i].iter().any(|o| o.id == q.id) {
            return Err(at(format!(
                "the id must be unique and read `{OWN_PREFIX}` and up to {MAX_TOKEN_CHARS} lowercase letters or digits"
            )));
        }
        if base.section(&q.section).is_none() && !tuning.sections.iter().any(|s| s.id == q.section)
        {
            return Err(at(format!("the section `{}` does not exist", q.section)));
        }
        lang_ok(&q.lang).map_err(at)?;
        length("the text", &q.text, MAX_TEXT_CHARS).map_err(at)?;
        if q.options.len() == 1 {
            return Err(at("a choice needs at least two options".to_owned()));
        }
        for (j, o) in q.options.iter().enumerate() {
            if !token_ok(&o.id) || q.options[..j].iter().any(|p| p.id == o.id) {
                return Err(at(format!(
                    "option `{}`: the id must be unique and have up to {MAX_TOKEN_CHARS} lowercase letters or digits",
                    o.id
                )));
            }
            length("an option", &o.label, MAX_LABEL_CHARS).map_err(at)?;
            if !(0.0..=1.0).contains(&o.credit) {
                return Err(at(format!(
                    "option `{}`: the credit must be between 0 and 1",
                    o.id
                )));
            }
        }
    }
    // Only the guide's items can be reweighted; the buyer's own carry their weight.
    let weights = std::mem::take(&mut tuning.weights);
    for (item, weight) in weights {
        let known =
            base.group(&item).is_some() || base.question(&item).is_some_and(|q| q.group.is_none());
        let allowed = weight != TunedWeight::Off || Tuning::can_switch_off(base, &item);
        if known && allowed {
            tuning.weights.insert(item, weight);
        }
    }
    let marks = std::mem::take(&mut tuning.must_haves);
    tuning.must_haves = marks
        .iter()
        .filter(|q| {
            let off = tuning.weights.get(&Tuning::item_of(base, q)) == Some(&TunedWeight::Off);
            (base.question(q).is_some() || tuning.questions.iter().any(|o| &o.id == *q)) && !off
        })
        .cloned()
        .collect();
    Ok(tuning)
}

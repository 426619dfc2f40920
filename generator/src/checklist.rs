//! The vendor checklist as a pipeline input: loads `content/checklist.toml` through the pure
//! core's parser (which validates ids, references, bands and translations), checks what only
//! the site knows (every question's `guide` link names a section of a page by its section
//! key, `page.md#key`, which `sections` resolves in every language), and prepares what the checklist page needs: the view of the printable
//! form that works without JavaScript, and the definition as JSON for the wasm engine, with
//! the resolved guide link of every question per language (so the engine never reads the
//! printable form to learn them). It also checks that every UI string the engine looks up
//! (`checklist_core::present::ui_keys`) exists in every language. Its texts are typeset on
//! loading, like the pages. Scoring itself is left to `checklist-core`, in the browser.

use std::path::Path;

use checklist_core::definition::{
    format_number, Definition, Question, QuestionKind, RuleKind, Test, Text, Verbal,
};
use checklist_core::present::Strings;
use checklist_core::AnswerValue;
use serde_json::{json, Value};

use crate::config::Config;
use crate::content::{Content, CONTENT_DIR};
use crate::diagnostics::{Problem, Problems};
use crate::markdown::Heading;
use crate::sections::{self, Unresolved};
use crate::templates::Translations;

/// The checklist definition's file, relative to the site root.
pub const CHECKLIST_FILE: &str = "content/checklist.toml";

/// Loads and validates the checklist definition, if the site has one.
pub fn load(root: &Path) -> Result<Option<Definition>, Problems> {
    let path = root.join(CHECKLIST_FILE);
    if !path.exists() {
        return Ok(None);
    }
    let source = std::fs::read_to_string(&path).map_err(|error| {
        Problems(vec![Problem::new(
            CHECKLIST_FILE,
            0,
            format!("cannot read: {error}"),
        )])
    })?;
    checklist_core::parse_definition(&source)
        .map(|mut definition| {
            typeset_texts(&mut definition);
            Some(definition)
        })
        .map_err(|errors| {
            Problems(
                errors
                    .into_iter()
                    .map(|error| Problem::new(CHECKLIST_FILE, error.line, error.message))
                    .collect(),
            )
        })
}

/// Applies the site's typography to every text of the definition, in its language, as the
/// `markdown` stage does for pages: „…“ and “…” quotes, apostrophes, en dashes and a
/// non-breaking space before `%`. Both the printable form and the engine's JSON are made from
/// the typeset definition.
fn typeset_texts(definition: &mut Definition) {
    let mut texts: Vec<&mut Text> = vec![&mut definition.meta.title];
    texts.extend([
        &mut definition.weights.minor.label,
        &mut definition.weights.standard.label,
        &mut definition.weights.critical.label,
        &mut definition.answer_set.yes.label,
        &mut definition.answer_set.partial.label,
        &mut definition.answer_set.no.label,
        &mut definition.answer_set.unknown.label,
        &mut definition.answer_set.not_applicable,
    ]);
    texts.extend(
        definition
            .evidence_levels
            .iter_mut()
            .map(|level| &mut level.label),
    );
    texts.extend(
        definition
            .sections
            .iter_mut()
            .map(|section| &mut section.title),
    );
    texts.extend(definition.rules.iter_mut().map(|rule| &mut rule.reason));
    for question in &mut definition.questions {
        texts.push(&mut question.text);
        texts.extend(question.help.as_mut());
        texts.extend(question.ask_for.iter_mut());
        match &mut question.kind {
            QuestionKind::YesNo => {}
            QuestionKind::Choice { options } | QuestionKind::Multi { options, .. } => {
                texts.extend(options.iter_mut().map(|option| &mut option.label));
            }
            QuestionKind::Number { unit, .. } => texts.push(unit),
        }
    }
    for text in texts {
        let languages: Vec<String> = text.0.keys().cloned().collect();
        for lang in languages {
            if let Some(value) = text.0.get_mut(&lang) {
                *value = crate::typography::typeset(&lang, value);
            }
        }
    }
}

/// Reports what the checklist and the pages disagree on: a definition without languages of
/// the site, a checklist page without a definition, and `guide` links that lead nowhere.
pub fn check_against_site(
    definition: Option<&Definition>,
    config: &Config,
    content: &Content,
    outlines: &[Vec<Heading>],
) -> Vec<Problem> {
    let mut problems = Vec::new();
    let Some(definition) = definition else {
        for page in content
            .pages
            .iter()
            .filter(|page| page.template() == "checklist" && !page.is_fallback())
        {
            problems.push(Problem::new(
                &page.source_path,
                1,
                format!("page uses the checklist template, but `{CHECKLIST_FILE}` does not exist: create it"),
            ));
        }
        return problems;
    };
    for language in &config.languages {
        if !definition.meta.languages.contains(&language.code) {
            problems.push(Problem::new(
                CHECKLIST_FILE,
                1,
                format!(
                    "`meta.languages` lacks `{}`, a language of the site: add it and its texts",
                    language.code
                ),
            ));
        }
    }
    for question in &definition.questions {
        for language in &config.languages {
            let Err(unresolved) =
                sections::resolve(content, outlines, &language.code, &question.guide)
            else {
                continue;
            };
            let file = question.guide.split('#').next().unwrap_or_default();
            let message = match unresolved {
                Unresolved::NoPage { suggestion } => {
                    let hint = match suggestion {
                        Some(known) => format!("did you mean `{known}.md`?"),
                        None => "link to a page file such as `index.md`".to_string(),
                    };
                    format!(
                        "question `{}` links its guide section to `{}`, which matches no page in `{CONTENT_DIR}/{}/` ({hint})",
                        question.id, question.guide, language.code
                    )
                }
                Unresolved::WholePage => format!(
                    "question `{}` links to the whole page `{file}`: link to the section that explains it, `{file}#key`, where `key` is the section key its heading carries in every language (`{{#id key=…}}`)",
                    question.id
                ),
                Unresolved::NoSection {
                    page,
                    suggestion,
                    is_heading_id,
                } => {
                    let key = question.guide.split_once('#').map_or("", |(_, key)| key);
                    let advice = match suggestion {
                        Some(known) => format!("did you mean `{known}`?"),
                        None if is_heading_id => format!(
                            "`{key}` is a heading id, and ids differ between languages: give that heading a key (`{{#{key} key=…}}`) and link to the key"
                        ),
                        None => format!("add `key={key}` to the heading that explains it"),
                    };
                    format!(
                        "question `{}` links to section key `{key}`, which no heading of `{}` carries: {advice}",
                        question.id,
                        page.display()
                    )
                }
            };
            problems.push(Problem::new(CHECKLIST_FILE, question.line, message));
        }
    }
    problems
}

/// Builds the view of the printable form in one language, which the checklist page shows
/// without JavaScript and which the wasm engine replaces with the interactive checklist.
/// Numbers are written with the language's decimal mark from its checklist UI `strings`.
pub fn form_view(
    definition: &Definition,
    lang: &str,
    strings: &Strings,
    guide_url: &dyn Fn(&str) -> Option<String>,
) -> Value {
    let yes_no_options: Vec<Value> = Verbal::ALL
        .iter()
        .map(|&verbal| {
            let label = &definition.answer_set.get(verbal).label;
            json!({ "id": verbal.id(), "label": label.text(lang) })
        })
        .collect();
    let sections: Vec<Value> = definition
        .sections
        .iter()
        .map(|section| {
            let questions: Vec<Value> = definition
                .questions
                .iter()
                .enumerate()
                .filter(|(_, question)| question.section == section.id)
                .map(|(row, question)| {
                    let (kind, options, unit) = match &question.kind {
                        QuestionKind::YesNo => ("choice", yes_no_options.clone(), None),
                        QuestionKind::Choice { options } => ("choice", option_views(options, lang), None),
                        QuestionKind::Multi { options, .. } => ("multi", option_views(options, lang), None),
                        QuestionKind::Number { unit, .. } => ("number", Vec::new(), Some(unit.text(lang).to_string())),
                    };
                    let condition = question.visible_if.as_ref().map(|condition| {
                        let target = definition.question(&condition.question);
                        let label = |id: &String| target.map_or(id.clone(), |target| answer_label(definition, target, id, lang, strings));
                        let number = |value: &f64| format_number(*value, strings.decimal_mark());
                        let labels = |ids: &[String]| ids.iter().map(label).collect::<Vec<_>>().join(" / ");
                        let (negated, values) = match &condition.test {
                            Test::In(ids) => (false, labels(ids)),
                            Test::NotIn(ids) => (true, labels(ids)),
                            Test::AtLeast(value) => (false, format!("≥ {}", number(value))),
                            Test::AtMost(value) => (false, format!("≤ {}", number(value))),
                        };
                        json!({ "question": target.map(|q| q.text.text(lang)), "values": values, "negated": negated })
                    });
                    json!({
                        "id": question.id,
                        "row": row,
                        "text": question.text.text(lang),
                        "help": question.help.as_ref().map(|help| help.text(lang)),
                        "ask_for": question.ask_for.iter().map(|item| item.text(lang)).collect::<Vec<_>>(),
                        "kind": kind,
                        "options": options,
                        "unit": unit,
                        "weight": definition.weights.get(question.weight).label.text(lang),
                        "must_have": definition.rule_mark(&question.id).map(RuleKind::id),
                        "guide_url": guide_url(&question.guide),
                        "visible_if": condition,
                    })
                })
                .collect();
            json!({ "id": section.id, "title": section.title.text(lang), "questions": questions })
        })
        .collect();
    let evidence: Vec<Value> = definition
        .evidence_levels
        .iter()
        .map(|level| json!({ "id": level.id, "label": level.label.text(lang) }))
        .collect();
    json!({ "title": definition.meta.title.text(lang), "sections": sections, "evidence_levels": evidence })
}

/// Returns the label of an answer id used in a condition: an option, or yes/partial/no/unknown.
fn answer_label(
    definition: &Definition,
    question: &Question,
    id: &str,
    lang: &str,
    strings: &Strings,
) -> String {
    let value = match &question.kind {
        QuestionKind::Choice { .. } => AnswerValue::Choice(id.to_string()),
        QuestionKind::Multi { .. } => AnswerValue::Choices(vec![id.to_string()]),
        _ => match Verbal::from_id(id) {
            Some(verbal) => AnswerValue::Verbal(verbal),
            None => return id.to_string(),
        },
    };
    definition
        .answer_label(question, &value, lang, strings.decimal_mark())
        .unwrap_or_else(|| id.to_string())
}

fn option_views(options: &[checklist_core::definition::AnswerOption], lang: &str) -> Vec<Value> {
    options
        .iter()
        .map(|option| json!({ "id": option.id, "label": option.label.text(lang) }))
        .collect()
}

/// Writes the definition as JSON for the engine, with a `guide_urls` object that maps each
/// language to each question's resolved guide link (`{"en": {"cert.scope": "/en/…#…"}}`).
/// The core's reader ignores the extra field; the engine reads it with `read_guide_urls`.
pub fn definition_json(
    definition: &Definition,
    config: &Config,
    guide_url: &dyn Fn(&str, &str) -> Option<String>,
) -> String {
    let mut urls = serde_json::Map::new();
    for language in &config.languages {
        let per_question: serde_json::Map<String, Value> = definition
            .questions
            .iter()
            .filter_map(|question| {
                Some((
                    question.id.clone(),
                    Value::String(guide_url(&language.code, &question.guide)?),
                ))
            })
            .collect();
        urls.insert(language.code.clone(), Value::Object(per_question));
    }
    let core = definition.to_json();
    let body = core
        .trim_end()
        .strip_suffix('}')
        .expect("the definition is a JSON object");
    format!("{body},\"{GUIDE_URLS_FIELD}\":{}}}", Value::Object(urls))
}

/// Narrows the definition JSON of `definition_json` to one language, for that language's
/// checklist page: every text keeps only `lang`, `meta.languages` names only `lang`, and
/// only `lang`'s guide links stay. A page never shows another language's texts, so this
/// halves what a reader downloads; the engine reads the result like the full file.
pub fn definition_json_in(full: &str, config: &Config, lang: &str) -> String {
    let codes: Vec<&str> = config.languages.iter().map(|l| l.code.as_str()).collect();
    let mut value: Value = serde_json::from_str(full).expect("the definition JSON parses");
    keep_language(&mut value, &codes, lang);
    value["meta"]["languages"] = json!([lang]);
    if let Some(urls) = value[GUIDE_URLS_FIELD].as_object_mut() {
        urls.retain(|code, _| code == lang);
    }
    value.to_string()
}

/// Writes one language's definition for its checklist page in the compact form the engine
/// reads (`Definition::to_compact`): `definition_json_in` narrowed to `lang`, with `lang`'s
/// guide links.
pub fn definition_compact_in(full: &str, config: &Config, lang: &str) -> String {
    let narrowed = definition_json_in(full, config, lang);
    let definition = Definition::from_json(&narrowed).expect("the narrowed definition reads");
    let urls = checklist_core::present::guide::guide_urls(&narrowed, lang);
    definition.to_compact(&urls)
}

/// Replaces every text object (one string per site language) below `value` by its `lang`
/// entry alone.
fn keep_language(value: &mut Value, codes: &[&str], lang: &str) {
    match value {
        Value::Object(map) => {
            let is_text = map.len() == codes.len()
                && map
                    .iter()
                    .all(|(key, entry)| codes.contains(&key.as_str()) && entry.is_string());
            if is_text {
                map.retain(|key, _| key == lang);
            } else {
                map.values_mut()
                    .for_each(|entry| keep_language(entry, codes, lang));
            }
        }
        Value::Array(items) => items
            .iter_mut()
            .for_each(|entry| keep_language(entry, codes, lang)),
        _ => {}
    }
}

pub use checklist_core::present::guide::GUIDE_URLS_FIELD;

/// Reports every UI string the checklist engine uses that a language lacks.
pub fn check_ui_strings(translations: &Translations, config: &Config) -> Vec<Problem> {
    let mut problems = Vec::new();
    for language in &config.languages {
        let origin = format!("theme/i18n/{}.toml", language.code);
        for key in checklist_core::present::ui_keys() {
            if translations
                .get(&language.code, &format!("checklist.{key}"))
                .is_err()
            {
                problems.push(Problem::new(
                    &origin,
                    0,
                    format!(
                        "UI string `{key}` of the interactive checklist is missing for language `{}`: add it to the `[checklist]` table",
                        language.code
                    ),
                ));
            }
        }
    }
    problems
}

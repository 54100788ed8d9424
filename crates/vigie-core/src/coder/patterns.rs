//! Event patterns: the per-language dictionaries in `data/events/`, validated against the ontology and
//! indexed by verb lemma and by first noun word.

use rustc_hash::FxHashMap;

use crate::codes::Code;
use crate::knowledge::tsv::{records, DataError};
use crate::language::Lang;
use crate::text::normalize::fold_phrase;

use super::ontology::Ontology;

const FR: (&str, &str) = (
    "events/fr.tsv",
    include_str!("../../../../data/events/fr.tsv"),
);
const EN: (&str, &str) = (
    "events/en.tsv",
    include_str!("../../../../data/events/en.tsv"),
);

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Trigger {
    /// A verb lemma (as the morphology gives it), possibly pronominal, with the fixed words that must follow.
    Verb { lemma: String, reflexive: bool },
    /// A noun phrase; its words are in `EventPattern::words`.
    Noun,
}

/// Where the recipient of an active clause stands.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RecipientRule {
    /// The direct object.
    pub object: bool,
    /// Prepositions (folded) that introduce the recipient.
    pub prepositions: Vec<String>,
    /// The object (or prepositional complement) is the actor, and the subject the recipient.
    pub reverse: bool,
}

impl RecipientRule {
    pub fn is_none(&self) -> bool {
        !self.object && self.prepositions.is_empty()
    }
}

/// An example sentence and the codes it must yield.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Example {
    pub text: String,
    pub actor: Option<Code>,
    pub recipient: Option<Code>,
}

#[derive(Clone, Debug)]
pub struct EventPattern {
    /// Stable identifier, e.g. `fr:COERCE.arrest:arrêter`.
    pub id: String,
    pub lang: Lang,
    pub line: usize,
    pub trigger: Trigger,
    /// The trigger as written in the data file.
    pub trigger_text: String,
    /// Folded fixed words: after the verb, or the noun phrase itself.
    pub words: Vec<String>,
    pub event: &'static str,
    pub mode: Option<String>,
    pub context: Vec<String>,
    pub cameo: String,
    pub recipient: RecipientRule,
    pub examples: Vec<Example>,
}

/// The patterns of one language, indexed for the coder.
pub struct PatternSet {
    pub lang: Lang,
    pub patterns: Vec<EventPattern>,
    by_lemma: FxHashMap<String, Vec<u32>>,
    by_first_word: FxHashMap<String, Vec<u32>>,
}

impl PatternSet {
    pub fn embedded(lang: Lang, ontology: &Ontology) -> Result<PatternSet, DataError> {
        let (file, content) = match lang {
            Lang::Fr => FR,
            Lang::En => EN,
        };
        Self::parse(lang, file, content, ontology)
    }

    pub fn parse(
        lang: Lang,
        file: &'static str,
        content: &'static str,
        ontology: &Ontology,
    ) -> Result<PatternSet, DataError> {
        let mut patterns = Vec::new();
        for r in records(file, content) {
            let trigger_text = r.get(0)?;
            let (kind, body) = trigger_text
                .split_once(':')
                .ok_or_else(|| r.error("a trigger starts with V: or N:"))?;
            let event = r.get(1)?;
            let event: &'static str = super::ontology::EVENT_TYPES
                .iter()
                .copied()
                .find(|t| *t == event)
                .ok_or_else(|| r.error(format!("{event:?} is not a PLOVER 2.0 event type")))?;
            let mode = r.opt(2).map(str::to_string);
            if let Some(m) = &mode {
                if !ontology.is_mode_of(event, m) {
                    return Err(r.error(format!("{m:?} is not a mode of {event}")));
                }
            }
            let cameo = r.get(4)?.to_string();
            if !ontology.is_cameo(&cameo) {
                return Err(r.error(format!("{cameo:?} is not a CAMEO code")));
            }
            let recipient = parse_recipient(r.get(5)?).map_err(|e| r.error(e))?;
            let examples = r
                .get(6)?
                .split(" || ")
                .map(|e| parse_example(e).map_err(|m| r.error(m)))
                .collect::<Result<Vec<_>, _>>()?;
            let forms: Vec<&str> = body
                .split('|')
                .map(str::trim)
                .filter(|f| !f.is_empty())
                .collect();
            if forms.is_empty() {
                return Err(r.error("empty trigger"));
            }
            let context: Vec<String> = r.list(3).map(str::to_string).collect();
            for form in forms {
                let (trigger, words) = match kind {
                    "V" => {
                        let folded_words: Vec<String> =
                            fold_phrase(form).split(' ').map(str::to_string).collect();
                        let mut lower_words = form.split_whitespace();
                        let first = lower_words.next().unwrap_or_default().to_lowercase();
                        // "se retirer", "s'emparer de": the pronoun marks a pronominal verb.
                        let (lemma, reflexive, skip) = if first == "se" {
                            (
                                lower_words.next().unwrap_or_default().to_lowercase(),
                                true,
                                2,
                            )
                        } else if let Some(rest) = first
                            .strip_prefix("s'")
                            .or_else(|| first.strip_prefix("s’"))
                        {
                            (rest.to_string(), true, 2)
                        } else {
                            (first, false, 1)
                        };
                        let words = folded_words.into_iter().skip(skip).collect();
                        (Trigger::Verb { lemma, reflexive }, words)
                    }
                    "N" => (
                        Trigger::Noun,
                        fold_phrase(form).split(' ').map(str::to_string).collect(),
                    ),
                    other => return Err(r.error(format!("unknown trigger kind {other:?}"))),
                };
                patterns.push(EventPattern {
                    id: format!(
                        "{}:{}{}:{}",
                        lang.code(),
                        event,
                        mode.as_deref().map(|m| format!(".{m}")).unwrap_or_default(),
                        form
                    ),
                    lang,
                    line: r.line,
                    trigger,
                    trigger_text: trigger_text.to_string(),
                    words,
                    event,
                    mode: mode.clone(),
                    context: context.clone(),
                    cameo: cameo.clone(),
                    recipient: recipient.clone(),
                    examples: examples.clone(),
                });
            }
        }
        let mut by_lemma: FxHashMap<String, Vec<u32>> = FxHashMap::default();
        let mut by_first_word: FxHashMap<String, Vec<u32>> = FxHashMap::default();
        for (i, p) in patterns.iter().enumerate() {
            match &p.trigger {
                Trigger::Verb { lemma, .. } => {
                    by_lemma.entry(lemma.clone()).or_default().push(i as u32)
                }
                Trigger::Noun => by_first_word
                    .entry(p.words[0].clone())
                    .or_default()
                    .push(i as u32),
            }
        }
        // The most specific pattern (most fixed words) is tried first.
        for list in by_lemma.values_mut().chain(by_first_word.values_mut()) {
            list.sort_by_key(|&i| std::cmp::Reverse(patterns[i as usize].words.len()));
        }
        Ok(PatternSet {
            lang,
            patterns,
            by_lemma,
            by_first_word,
        })
    }

    /// The verb lemmas the morphology must know.
    pub fn verb_lemmas(&self) -> impl Iterator<Item = &str> {
        self.by_lemma.keys().map(String::as_str)
    }

    pub fn verb_patterns(&self, lemma: &str) -> &[u32] {
        self.by_lemma.get(lemma).map_or(&[], Vec::as_slice)
    }

    pub fn noun_patterns(&self, first_word: &str) -> &[u32] {
        self.by_first_word
            .get(first_word)
            .map_or(&[], Vec::as_slice)
    }

    pub fn get(&self, id: u32) -> &EventPattern {
        &self.patterns[id as usize]
    }
}

fn parse_recipient(v: &str) -> Result<RecipientRule, String> {
    let mut rule = RecipientRule::default();
    let mut v = v.trim();
    if v == "none" || v == "-" {
        return Ok(rule);
    }
    if let Some(rest) = v.strip_prefix("reverse:") {
        rule.reverse = true;
        v = rest;
    }
    for part in v.split('|') {
        let part = part.trim();
        if part == "obj" {
            rule.object = true;
        } else if let Some(p) = part.strip_prefix("prep:") {
            rule.prepositions.push(fold_preposition(p));
        } else if !rule.prepositions.is_empty() && !part.is_empty() && !part.contains(':') {
            // "prep:avec|contre" lists several prepositions after one prefix.
            rule.prepositions.push(fold_preposition(part));
        } else {
            return Err(format!(
                "bad recipient rule {v:?} (obj, prep:X|Y, reverse:obj, none)"
            ));
        }
    }
    Ok(rule)
}

fn fold_preposition(p: &str) -> String {
    let f = crate::text::normalize::fold_str(p.trim());
    f.replace('’', "'")
}

/// Parses `Sentence text. [MLI>FRA]`.
fn parse_example(e: &str) -> Result<Example, String> {
    let e = e.trim();
    let open = e
        .rfind('[')
        .filter(|_| e.ends_with(']'))
        .ok_or_else(|| format!("example {e:?} must end with [ACTOR>RECIPIENT]"))?;
    let (text, codes) = (e[..open].trim(), &e[open + 1..e.len() - 1]);
    let (a, r) = codes.split_once('>').ok_or_else(|| {
        format!("bad expectation [{codes}] (write [ACTOR>RECIPIENT], - for none)")
    })?;
    let code = |c: &str| -> Result<Option<Code>, String> {
        match c.trim() {
            "-" | "" => Ok(None),
            c => Code::parse(c)
                .map(Some)
                .ok_or_else(|| format!("bad code {c:?}")),
        }
    };
    Ok(Example {
        text: text.to_string(),
        actor: code(a)?,
        recipient: code(r)?,
    })
}

//! The closed classes of each language that the recognition and coding rules need (determiners,
//! prepositions, subordinators, pronouns, reporting and modal verbs), loaded from `data/grammar/`.

use rustc_hash::{FxHashMap, FxHashSet};

use crate::knowledge::tsv::{records, DataError};
use crate::language::Lang;
use crate::text::normalize::fold_phrase;

/// A set of words or multi-word phrases, compared on folded tokens.
#[derive(Default, Debug)]
pub struct PhraseSet {
    /// Folded single words.
    words: FxHashSet<String>,
    /// Folded multi-word phrases, as token lists.
    phrases: Vec<Vec<String>>,
    /// The entries as written, accents kept.
    written: Vec<String>,
}

impl PhraseSet {
    fn add(&mut self, entry: &str) {
        self.written.push(entry.to_string());
        // An elided word ("l'", "qu'") is one token in running text, although it does not tokenise alone.
        if entry.ends_with('\'') && !entry.contains(' ') {
            self.words.insert(crate::text::normalize::fold_str(entry));
            return;
        }
        // A phrase that ends on an elided word ("à moins qu'") is tokenised with a word after it, as in
        // running text, and that word is dropped.
        let folded = if entry.ends_with('\'') {
            let with_next = fold_phrase(&format!("{entry}x"));
            with_next
                .strip_suffix(" x")
                .map_or_else(|| fold_phrase(entry), str::to_string)
        } else {
            fold_phrase(entry)
        };
        if folded.is_empty() {
            return;
        }
        if folded.contains(' ') {
            self.phrases
                .push(folded.split(' ').map(str::to_string).collect());
        } else {
            self.words.insert(folded);
        }
    }

    /// True when the folded word is a one-word entry.
    pub fn contains(&self, folded: &str) -> bool {
        self.words.contains(folded)
    }

    /// The length in tokens of the entry that starts at `tokens[0]`, if any (longest first).
    pub fn match_at(&self, tokens: &[&str]) -> Option<usize> {
        let mut best = None;
        for p in &self.phrases {
            if p.len() <= tokens.len() && p.iter().zip(tokens).all(|(a, b)| a == b) {
                best = best.max(Some(p.len()));
            }
        }
        if best.is_none() && tokens.first().is_some_and(|t| self.words.contains(*t)) {
            best = Some(1);
        }
        best
    }

    /// Verb lemmas are stored folded; pronominal entries ("s'apprêter") are stored without the pronoun
    /// as well.
    pub fn contains_lemma(&self, lemma: &str) -> bool {
        let folded = crate::text::normalize::fold_str(lemma);
        self.words.contains(&folded)
            || self
                .phrases
                .iter()
                .any(|p| p.last().is_some_and(|l| *l == folded))
    }
}

/// The closed-class words of one language.
#[derive(Default, Debug)]
pub struct Grammar {
    pub lang: Option<Lang>,
    pub determiner: PhraseSet,
    pub locative: PhraseSet,
    pub of: PhraseSet,
    pub agent: PhraseSet,
    pub subordinator: PhraseSet,
    pub relative: PhraseSet,
    pub coordinator: PhraseSet,
    pub subject_pronoun: PhraseSet,
    pub attribution: PhraseSet,
    pub reporting_verb: PhraseSet,
    pub alleged: PhraseSet,
    pub hypothetical: PhraseSet,
    /// Phrases that make a condition word a concession ("even if", "même si").
    pub concessive: PhraseSet,
    /// Verbs after which "if"/"si" opens an indirect question ("asked if", "se demande si").
    pub question_verb: PhraseSet,
    pub planning_verb: PhraseSet,
    pub promise_verb: PhraseSet,
    pub threat_verb: PhraseSet,
    /// Modals (as the verb group names them) and verbs with their particle that state an obligation
    /// ("must", "have to", "devoir"): said of someone else, they make a demand.
    pub obligation: PhraseSet,
    /// Verbs that report speech through a noun of speech as their object ("issued a warning to Iraq
    /// that...", "a adressé un rappel au Mali que...").
    pub speech_verb: PhraseSet,
    /// Verbs whose object is the subject of the infinitive after it ("urged Mali to release", "a
    /// demandé au Mali de libérer"); after other verbs, the infinitive shares their subject ("gave
    /// Tanzania a grant to finance"). Only compared with the verbs the lexicon knows, never added to it:
    /// "forces" and "calls" are mostly nouns.
    pub object_control: PhraseSet,
    pub speech_noun: PhraseSet,
    pub auxiliary: PhraseSet,
    pub preposition: PhraseSet,
    pub support_verb: PhraseSet,
    pub clitic: PhraseSet,
    pub quantifier: PhraseSet,
    /// Points of the compass that stand between a locative preposition and its place ("in northern
    /// Israel", "dans le sud du Liban").
    pub compass: PhraseSet,
    /// "but", "mais": joins two verbs that share their subject, never two actors.
    pub adversative: PhraseSet,
    /// Words that aim a protest at someone behind whatever noun follows ("against", "contre").
    pub opposition: PhraseSet,
    /// Words that make a nationality an ethnic group ("ethnic Russians", "Russes de souche").
    pub ethnic: PhraseSet,
    /// Contracted prepositions and the preposition they contain ("au" → "à").
    contractions: FxHashMap<String, String>,
}

const FR: (&str, &str) = (
    "grammar/fr.tsv",
    include_str!("../../../data/grammar/fr.tsv"),
);
const EN: (&str, &str) = (
    "grammar/en.tsv",
    include_str!("../../../data/grammar/en.tsv"),
);

impl Grammar {
    /// True for the words of every closed class: the function words, prepositions, pronouns and words
    /// of quantity.
    pub fn is_closed_class(&self, w: &str) -> bool {
        self.is_function_word(w)
            || [
                &self.preposition,
                &self.subject_pronoun,
                &self.clitic,
                &self.quantifier,
            ]
            .iter()
            .any(|set| set.contains(w))
    }

    pub fn embedded(lang: Lang) -> Result<Grammar, DataError> {
        let (file, content) = match lang {
            Lang::Fr => FR,
            Lang::En => EN,
        };
        let mut g = Grammar {
            lang: Some(lang),
            ..Grammar::default()
        };
        for r in records(file, content) {
            let kind = r.get(0)?;
            if kind == "contraction" {
                for pair in r.list(1) {
                    if let Some((a, b)) = pair.split_once('=') {
                        let fold = crate::text::normalize::fold_str;
                        g.contractions.insert(fold(a.trim()), fold(b.trim()));
                    }
                }
                continue;
            }
            let set = match kind {
                "determiner" => &mut g.determiner,
                "locative" => &mut g.locative,
                "of" => &mut g.of,
                "agent" => &mut g.agent,
                "subordinator" => &mut g.subordinator,
                "relative" => &mut g.relative,
                "coordinator" => &mut g.coordinator,
                "subject_pronoun" => &mut g.subject_pronoun,
                "attribution" => &mut g.attribution,
                "reporting_verb" => &mut g.reporting_verb,
                "alleged" => &mut g.alleged,
                "hypothetical" => &mut g.hypothetical,
                "concessive" => &mut g.concessive,
                "question_verb" => &mut g.question_verb,
                "planning_verb" => &mut g.planning_verb,
                "promise_verb" => &mut g.promise_verb,
                "threat_verb" => &mut g.threat_verb,
                "obligation" => &mut g.obligation,
                "speech_verb" => &mut g.speech_verb,
                "object_control" => &mut g.object_control,
                "speech_noun" => &mut g.speech_noun,
                "auxiliary" => &mut g.auxiliary,
                "compass" => &mut g.compass,
                "adversative" => &mut g.adversative,
                "opposition" => &mut g.opposition,
                "ethnic" => &mut g.ethnic,
                "preposition" => &mut g.preposition,
                "support_verb" => &mut g.support_verb,
                "clitic" => &mut g.clitic,
                "quantifier" => &mut g.quantifier,
                other => return Err(r.error(format!("unknown kind {other:?}"))),
            };
            for entry in r.list(1) {
                set.add(entry);
            }
        }
        Ok(g)
    }

    /// The verbs the coder's rules look at besides the patterns' own (reporting, planning, promising,
    /// threatening, support and question verbs), as lemmas with their accents: "s'apprêter" gives "apprêter",
    /// "être prêt" gives "être".
    pub fn rule_verbs(&self) -> impl Iterator<Item = &str> {
        [
            &self.reporting_verb,
            &self.speech_verb,
            &self.planning_verb,
            &self.promise_verb,
            &self.threat_verb,
            &self.support_verb,
            &self.question_verb,
        ]
        .into_iter()
        .flat_map(|set| set.written.iter())
        .filter_map(|v| {
            let v = v
                .strip_prefix("s'")
                .or_else(|| v.strip_prefix("se "))
                .unwrap_or(v);
            v.split_whitespace().next()
        })
    }

    /// Grammatical words that cannot stand between a noun and its modifier.
    pub fn is_function_word(&self, folded: &str) -> bool {
        [
            &self.determiner,
            &self.of,
            &self.coordinator,
            &self.relative,
            &self.subordinator,
            &self.agent,
            &self.locative,
            &self.auxiliary,
        ]
        .iter()
        .any(|s| s.contains(folded))
    }

    /// The preposition a folded word stands for: itself, or the preposition inside a contraction.
    pub fn preposition<'a>(&'a self, folded: &'a str) -> &'a str {
        self.contractions.get(folded).map_or(folded, String::as_str)
    }
}

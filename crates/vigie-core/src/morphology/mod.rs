//! Verb morphology: conjugation of French and English dictionary verbs from embedded data, and verb-group analysis.
//!
//! [`conjugate`] produces every form of a verb with its analysis; [`VerbLexicon`] indexes the forms of a set of
//! dictionary verbs (plus the auxiliaries and modals of the language) for constant-time lookup; [`verb_groups`]
//! links auxiliaries, modals, negation and the lexical verb of each verb group in a tokenised sentence and
//! reports its lemma, voice, tense and mood. Irregular verbs live in `data/morphology/{fr,en}/irregular_verbs.tsv`,
//! so adding a verb is a data change.

use std::collections::HashMap;
use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};
use std::str::FromStr;

mod english;
mod french;
mod table;
mod verb_group;
mod verb_group_en;
mod verb_group_fr;

pub use verb_group::{verb_groups, GroupTense, VerbGroup, Voice};

/// A language vigie reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Fr,
    En,
}

impl Lang {
    /// The ISO 639-1 code of the language ("fr", "en").
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Lang {
    type Err = MorphologyError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s.eq_ignore_ascii_case("fr") {
            Ok(Lang::Fr)
        } else if s.eq_ignore_ascii_case("en") {
            Ok(Lang::En)
        } else {
            Err(MorphologyError::UnknownLanguage(s.to_owned()))
        }
    }
}

/// Grammatical mood of a verb form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mood {
    Indicative,
    Conditional,
    Subjunctive,
    Imperative,
    Infinitive,
    Participle,
}

impl Mood {
    /// The snake-case name used in fixtures and serialisation.
    pub fn as_str(self) -> &'static str {
        match self {
            Mood::Indicative => "indicative",
            Mood::Conditional => "conditional",
            Mood::Subjunctive => "subjunctive",
            Mood::Imperative => "imperative",
            Mood::Infinitive => "infinitive",
            Mood::Participle => "participle",
        }
    }
}

/// Tense of a single verb form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tense {
    Present,
    Imperfect,
    /// French passé simple, English simple past.
    Past,
    Future,
    PastParticiple,
    PresentParticiple,
    /// Infinitives, which have no tense of their own.
    None,
}

/// One reading of a verb form.
///
/// `person` and `plural` are set on finite forms when the form determines them (English forms that serve several
/// persons, such as "took" or the base form "sign", leave `person` unset). `feminine` and `plural` are set on
/// French past participles.
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct VerbAnalysis {
    pub lemma: Box<str>,
    pub mood: Mood,
    pub tense: Tense,
    pub person: Option<u8>,
    pub plural: Option<bool>,
    pub feminine: Option<bool>,
}

/// Errors of the morphology stage.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MorphologyError {
    #[error("unknown language code {0:?} (expected \"fr\" or \"en\")")]
    UnknownLanguage(String),
    #[error("cannot conjugate {lang} verb {lemma:?}: {reason}")]
    UnknownVerb {
        lang: Lang,
        lemma: String,
        reason: &'static str,
    },
    #[error("{lang} irregular verb table, line {line}: {message}")]
    Table {
        lang: Lang,
        line: usize,
        message: String,
    },
}

/// The analysis of a form, without its lemma: what a conjugator emits for each form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Slot {
    pub mood: Mood,
    pub tense: Tense,
    pub person: Option<u8>,
    pub plural: Option<bool>,
    pub feminine: Option<bool>,
}

impl Slot {
    /// A form that says nothing about person, number or gender.
    pub const fn bare(mood: Mood, tense: Tense) -> Slot {
        Slot {
            mood,
            tense,
            person: None,
            plural: None,
            feminine: None,
        }
    }

    /// A finite form of person index `i` in the order 1sg, 2sg, 3sg, 1pl, 2pl, 3pl.
    pub const fn finite(mood: Mood, tense: Tense, i: usize) -> Slot {
        Slot {
            mood,
            tense,
            person: Some((i % 3) as u8 + 1),
            plural: Some(i >= 3),
            feminine: None,
        }
    }

    fn analysis(self, lemma: &str) -> VerbAnalysis {
        VerbAnalysis {
            lemma: lemma.into(),
            mood: self.mood,
            tense: self.tense,
            person: self.person,
            plural: self.plural,
            feminine: self.feminine,
        }
    }

    fn matches(self, a: &VerbAnalysis) -> bool {
        a.mood == self.mood
            && a.tense == self.tense
            && a.person == self.person
            && a.plural == self.plural
            && a.feminine == self.feminine
    }
}

/// What the lexicon keeps about a lemma besides its forms.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct LemmaInfo {
    /// The verb builds its compound tenses with être (il est parti), so être + participle is not a passive.
    pub etre: bool,
}

/// Every form of a verb with its analysis, in conjugation order. French pronominal lemmas ("se retirer",
/// "s'emparer") are conjugated as their plain verb.
pub fn conjugate(lang: Lang, lemma: &str) -> Result<Vec<(String, VerbAnalysis)>, MorphologyError> {
    let lemma = normalize_lemma(lang, lemma)?;
    let mut forms: Vec<(String, VerbAnalysis)> = Vec::new();
    conjugate_into(lang, &lemma, &mut |form, slot| {
        let duplicate = forms.iter().any(|(f, a)| f == form && slot.matches(a));
        if !duplicate {
            forms.push((form.to_owned(), slot.analysis(&lemma)));
        }
    })?;
    Ok(forms)
}

fn conjugate_into(
    lang: Lang,
    lemma: &str,
    sink: &mut dyn FnMut(&str, Slot),
) -> Result<LemmaInfo, MorphologyError> {
    match lang {
        Lang::Fr => french::conjugate(lemma, sink),
        Lang::En => english::conjugate(lemma, sink),
    }
}

/// Lower-cases a dictionary lemma, folds its apostrophes and strips the French reflexive pronoun, which the
/// tokeniser splits off as its own token.
fn normalize_lemma(lang: Lang, lemma: &str) -> Result<String, MorphologyError> {
    let mut s = lemma.trim().to_lowercase().replace(['’', 'ʼ', '‘'], "'");
    if lang == Lang::Fr {
        for prefix in ["se ", "s'"] {
            if let Some(rest) = s.strip_prefix(prefix) {
                s = rest.trim_start().to_owned();
                break;
            }
        }
    }
    let error = |reason| MorphologyError::UnknownVerb {
        lang,
        lemma: lemma.to_owned(),
        reason,
    };
    if s.is_empty() {
        return Err(error("empty lemma"));
    }
    if s.contains(char::is_whitespace) {
        return Err(error(
            "multi-word lemmas are not conjugated; give the verb alone",
        ));
    }
    Ok(s)
}

/// A fast non-cryptographic hasher (the FxHash mix): the keys are verb forms, not attacker-chosen data, and
/// lookups happen once per token.
#[derive(Clone, Copy, Default)]
pub(crate) struct FxHasher {
    hash: u64,
}

impl FxHasher {
    const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(Self::SEED);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word) ^ ((rest.len() as u64) << 59));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        self.hash
    }
}

pub(crate) type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// A range of [`VerbLexicon::analyses`].
#[derive(Clone, Copy, Debug, Default)]
struct Span {
    start: u32,
    end: u32,
}

/// The forms of a set of verbs, indexed for lookup by lower-cased token.
#[derive(Clone, Debug)]
pub struct VerbLexicon {
    lang: Lang,
    /// Every analysis, sorted so that the readings of a form are contiguous, and so are the forms that share an
    /// accent-folded spelling ("décide", "décidé"): both lookups return a slice without copying analyses.
    analyses: Vec<VerbAnalysis>,
    /// Form → its index in `form_spans`.
    forms: FxMap<Box<str>, u32>,
    form_spans: Vec<Span>,
    /// Accent-folded spelling → its index in `folded_spans`, for the spellings some accented form folds to.
    folded: FxMap<Box<str>, u32>,
    folded_spans: Vec<Span>,
    lemmas: FxMap<Box<str>, LemmaInfo>,
}

impl VerbLexicon {
    /// Builds the analyses of every form of the given lemmas plus the auxiliaries and modals of the language.
    ///
    /// Fails on the first lemma that cannot be conjugated (a multi-word lemma, or a French verb whose ending is
    /// neither a regular one nor covered by the irregular table); [`VerbLexicon::new_lenient`] skips them instead.
    pub fn new(
        lang: Lang,
        lemmas: impl IntoIterator<Item = impl AsRef<str>>,
    ) -> Result<Self, MorphologyError> {
        let lemmas = lemmas.into_iter();
        let mut builder = Builder::new(lang, lemmas.size_hint().0)?;
        for lemma in lemmas {
            builder.add(lemma.as_ref())?;
        }
        Ok(builder.finish())
    }

    /// Like [`VerbLexicon::new`], but leaves out the lemmas that cannot be conjugated and returns their errors.
    pub fn new_lenient(
        lang: Lang,
        lemmas: impl IntoIterator<Item = impl AsRef<str>>,
    ) -> (Self, Vec<MorphologyError>) {
        let lemmas = lemmas.into_iter();
        let mut errors = Vec::new();
        let mut builder = match Builder::new(lang, lemmas.size_hint().0) {
            Ok(builder) => builder,
            Err(e) => {
                errors.push(e);
                Builder::empty(lang, 0)
            }
        };
        for lemma in lemmas {
            if let Err(e) = builder.add(lemma.as_ref()) {
                errors.push(e);
            }
        }
        (builder.finish(), errors)
    }

    /// The language of the lexicon.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Analyses of a lower-cased token (accents kept; apostrophes folded to '). Falls back to an
    /// accent-insensitive lookup when the exact form is unknown (text typed without accents, or in capitals).
    pub fn analyze(&self, lower: &str) -> &[VerbAnalysis] {
        if let Some(&id) = self.forms.get(lower) {
            return self.slice(self.form_spans[id as usize]);
        }
        let mut buffer = [0u8; FOLD_BUFFER];
        let Some(folded) = fold_into(lower, &mut buffer) else {
            return &[];
        };
        // The fallback only adds accents ("decide" finds "décidé"); it never removes them, so that "à"
        // is not read as the verb form "a".
        match self.folded.get(folded) {
            Some(&id) => self.slice(self.folded_spans[id as usize]),
            None => &[],
        }
    }

    /// Analyses of every form spelled like `lower` once accents are ignored ("decide" reads as both
    /// "décide" and "décidé"), for text whose accents cannot be trusted.
    pub fn analyze_ignoring_accents(&self, lower: &str) -> &[VerbAnalysis] {
        let mut buffer = [0u8; FOLD_BUFFER];
        let Some(folded) = fold_into(lower, &mut buffer) else {
            return &[];
        };
        if let Some(&id) = self.folded.get(folded) {
            return self.slice(self.folded_spans[id as usize]);
        }
        match self.forms.get(folded) {
            Some(&id) => self.slice(self.form_spans[id as usize]),
            None => &[],
        }
    }

    fn slice(&self, span: Span) -> &[VerbAnalysis] {
        &self.analyses[span.start as usize..span.end as usize]
    }

    /// Whether the lexicon holds the forms of `lemma` (given plain, without a French reflexive pronoun).
    pub fn is_known_lemma(&self, lemma: &str) -> bool {
        self.lemmas.contains_key(lemma)
    }

    /// Whether `lemma` builds its compound tenses with être (French verbs of motion and change of state), so that
    /// être + its participle is an active compound tense ("il est parti") rather than a passive.
    pub fn uses_etre_auxiliary(&self, lemma: &str) -> bool {
        self.lemmas.get(lemma).is_some_and(|info| info.etre)
    }

    /// The lemmas of the lexicon, auxiliaries and modals included, in no particular order.
    pub fn lemmas(&self) -> impl Iterator<Item = &str> {
        self.lemmas.keys().map(|k| &**k)
    }

    /// The number of distinct forms.
    pub fn form_count(&self) -> usize {
        self.forms.len()
    }
}

/// One reading of one form while the lexicon is being built.
struct Entry {
    form: u32,
    lemma: u32,
    slot: Slot,
}

struct Builder {
    lang: Lang,
    lemma_names: Vec<Box<str>>,
    lemmas: FxMap<Box<str>, LemmaInfo>,
    forms: FxMap<Box<str>, u32>,
    entries: Vec<Entry>,
}

impl Builder {
    fn empty(lang: Lang, expected_lemmas: usize) -> Builder {
        // Typical forms and readings per lemma, so that the maps do not grow step by step.
        let (forms, readings) = match lang {
            Lang::Fr => (40, 55),
            Lang::En => (5, 8),
        };
        let expected_lemmas = expected_lemmas + 16;
        Builder {
            lang,
            lemma_names: Vec::with_capacity(expected_lemmas),
            lemmas: FxMap::with_capacity_and_hasher(expected_lemmas, Default::default()),
            forms: FxMap::with_capacity_and_hasher(expected_lemmas * forms, Default::default()),
            entries: Vec::with_capacity(expected_lemmas * readings),
        }
    }

    fn new(lang: Lang, expected_lemmas: usize) -> Result<Builder, MorphologyError> {
        let mut builder = Builder::empty(lang, expected_lemmas);
        let grammatical: &[&str] = match lang {
            Lang::Fr => french::GRAMMATICAL_LEMMAS,
            Lang::En => english::GRAMMATICAL_LEMMAS,
        };
        for lemma in grammatical {
            builder.add(lemma)?;
        }
        if lang == Lang::En {
            english::closed_class_forms(&mut |form, lemma, slot| {
                let lemma = match builder.lemma_names.iter().position(|l| &**l == lemma) {
                    Some(i) => i as u32,
                    None => {
                        builder.lemma_names.push(lemma.into());
                        builder.lemmas.insert(lemma.into(), LemmaInfo::default());
                        (builder.lemma_names.len() - 1) as u32
                    }
                };
                let form = form_id(&mut builder.forms, form);
                builder.entries.push(Entry { form, lemma, slot });
            });
        }
        Ok(builder)
    }

    fn add(&mut self, lemma: &str) -> Result<(), MorphologyError> {
        let lemma = normalize_lemma(self.lang, lemma)?;
        if self.lemmas.contains_key(lemma.as_str()) {
            return Ok(());
        }
        let lemma_id = self.lemma_names.len() as u32;
        let entries_before = self.entries.len();
        let (forms, entries) = (&mut self.forms, &mut self.entries);
        let result = conjugate_into(self.lang, &lemma, &mut |form, slot| {
            let form = form_id(forms, form);
            entries.push(Entry {
                form,
                lemma: lemma_id,
                slot,
            });
        });
        match result {
            Ok(info) => {
                self.lemma_names.push(lemma.as_str().into());
                self.lemmas.insert(lemma.into(), info);
                Ok(())
            }
            Err(e) => {
                // Forms already registered keep an empty span: they analyse to nothing.
                self.entries.truncate(entries_before);
                Err(e)
            }
        }
    }

    fn finish(self) -> VerbLexicon {
        let form_count = self.forms.len();
        // Group the forms by accent-folded spelling. Only spellings that some accented form folds to need a group
        // of their own; every other form is alone in its group.
        const ALONE: u32 = u32::MAX;
        let mut group_of_form = vec![ALONE; form_count];
        let mut folded: FxMap<Box<str>, u32> = FxMap::default();
        let mut buffer = [0u8; FOLD_BUFFER];
        for (form, &id) in &self.forms {
            if form.is_ascii() {
                continue;
            }
            if let Some(key) = fold_into(form, &mut buffer) {
                let next = folded.len() as u32;
                let group = match folded.get(key) {
                    Some(&group) => group,
                    None => {
                        folded.insert(key.into(), next);
                        next
                    }
                };
                group_of_form[id as usize] = group;
            }
        }
        let folded_groups = folded.len();
        let mut group_count = folded_groups;
        for (form, &id) in &self.forms {
            let group = &mut group_of_form[id as usize];
            if *group == ALONE {
                *group = match folded.get(&**form) {
                    Some(&shared) => shared,
                    None => {
                        group_count += 1;
                        (group_count - 1) as u32
                    }
                };
            }
        }
        // Counting sorts, linear in the number of readings: forms by group, then readings by form. Within a form
        // the readings keep their insertion order, and auxiliaries were added first, so "suis" reads être before
        // suivre.
        let mut group_starts = vec![0u32; group_count + 1];
        for &group in &group_of_form {
            group_starts[group as usize + 1] += 1;
        }
        prefix_sums(&mut group_starts);
        let mut form_rank = vec![0u32; form_count];
        for (form, &group) in group_of_form.iter().enumerate() {
            let slot = &mut group_starts[group as usize];
            form_rank[form] = *slot;
            *slot += 1;
        }
        let mut rank_starts = vec![0u32; form_count + 1];
        for entry in &self.entries {
            rank_starts[form_rank[entry.form as usize] as usize + 1] += 1;
        }
        prefix_sums(&mut rank_starts);
        let mut order = vec![0u32; self.entries.len()];
        let mut next = rank_starts.clone();
        for (index, entry) in self.entries.iter().enumerate() {
            let slot = &mut next[form_rank[entry.form as usize] as usize];
            order[*slot as usize] = index as u32;
            *slot += 1;
        }

        let mut analyses: Vec<VerbAnalysis> = Vec::with_capacity(self.entries.len());
        let mut form_spans = vec![Span::default(); form_count];
        let mut folded_spans = vec![Span::default(); folded_groups];
        let mut kept: Vec<&Entry> = Vec::new();
        for rank in 0..form_count {
            let readings = &order[rank_starts[rank] as usize..rank_starts[rank + 1] as usize];
            let Some(&first) = readings.first() else {
                continue;
            };
            let form = self.entries[first as usize].form as usize;
            // A form reached twice with the same reading (spelling variants that coincide) is kept once.
            kept.clear();
            for &index in readings {
                let entry = &self.entries[index as usize];
                if !kept
                    .iter()
                    .any(|k| k.lemma == entry.lemma && k.slot == entry.slot)
                {
                    kept.push(entry);
                }
            }
            let start = analyses.len() as u32;
            for entry in &kept {
                analyses.push(entry.slot.analysis(&self.lemma_names[entry.lemma as usize]));
            }
            let end = analyses.len() as u32;
            form_spans[form] = Span { start, end };
            if let Some(span) = folded_spans.get_mut(group_of_form[form] as usize) {
                if span.start == span.end {
                    span.start = start;
                }
                span.end = end;
            }
        }
        VerbLexicon {
            lang: self.lang,
            analyses,
            forms: self.forms,
            form_spans,
            folded,
            folded_spans,
            lemmas: self.lemmas,
        }
    }
}

/// Turns counts at `i + 1` into start offsets at `i`.
fn prefix_sums(counts: &mut [u32]) {
    for i in 1..counts.len() {
        counts[i] += counts[i - 1];
    }
}

fn form_id(forms: &mut FxMap<Box<str>, u32>, form: &str) -> u32 {
    match forms.get(form) {
        Some(&id) => id,
        None => {
            let id = forms.len() as u32;
            forms.insert(form.into(), id);
            id
        }
    }
}

/// Longest token, in bytes, that the accent-insensitive fallback folds; no verb form comes close.
const FOLD_BUFFER: usize = 64;

/// Removes accents and lower-cases `s` (é → e, ç → c, œ → oe) into a caller's buffer, so that the per-token
/// fallback lookup allocates nothing. Returns `None` when the result does not fit.
fn fold_into<'b>(s: &str, buffer: &'b mut [u8; FOLD_BUFFER]) -> Option<&'b str> {
    let mut len = 0;
    for c in s.chars() {
        let mut utf8 = [0u8; 4];
        let replacement: &str = match fold_char(c) {
            Folded::One(b) => {
                utf8[0] = b;
                std::str::from_utf8(&utf8[..1]).ok()?
            }
            Folded::Two(pair) => pair,
            Folded::Keep => c.encode_utf8(&mut utf8),
        };
        let end = len + replacement.len();
        if end > FOLD_BUFFER {
            return None;
        }
        buffer[len..end].copy_from_slice(replacement.as_bytes());
        len = end;
    }
    std::str::from_utf8(&buffer[..len]).ok()
}

enum Folded {
    One(u8),
    Two(&'static str),
    Keep,
}

fn fold_char(c: char) -> Folded {
    match c {
        'A'..='Z' => Folded::One(c.to_ascii_lowercase() as u8),
        'à' | 'â' | 'ä' | 'á' | 'À' | 'Â' | 'Ä' | 'Á' => Folded::One(b'a'),
        'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => Folded::One(b'e'),
        'î' | 'ï' | 'í' | 'Î' | 'Ï' => Folded::One(b'i'),
        'ô' | 'ö' | 'ó' | 'Ô' | 'Ö' => Folded::One(b'o'),
        'ù' | 'û' | 'ü' | 'ú' | 'Ù' | 'Û' | 'Ü' => Folded::One(b'u'),
        'ç' | 'Ç' => Folded::One(b'c'),
        'ÿ' | 'Ÿ' => Folded::One(b'y'),
        'ñ' | 'Ñ' => Folded::One(b'n'),
        'œ' | 'Œ' => Folded::Two("oe"),
        'æ' | 'Æ' => Folded::Two("ae"),
        '’' | 'ʼ' | '‘' => Folded::One(b'\''),
        _ => Folded::Keep,
    }
}

/// Removes accents and lower-cases `s` the way [`VerbLexicon::analyze`] does for its fallback lookup.
pub fn fold_accents(s: &str) -> String {
    s.chars()
        .map(|c| match fold_char(c) {
            Folded::One(b) => char::from(b).to_string(),
            Folded::Two(pair) => pair.to_owned(),
            Folded::Keep => c.to_lowercase().collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lang_round_trips() {
        assert_eq!("fr".parse::<Lang>().unwrap(), Lang::Fr);
        assert_eq!("EN".parse::<Lang>().unwrap(), Lang::En);
        assert!("de".parse::<Lang>().is_err());
        assert_eq!(Lang::Fr.code(), "fr");
        assert_eq!(serde_json::to_string(&Lang::En).unwrap(), "\"en\"");
    }

    #[test]
    fn folding_removes_accents_without_allocating() {
        let mut buffer = [0u8; FOLD_BUFFER];
        assert_eq!(fold_into("décidé", &mut buffer), Some("decide"));
        assert_eq!(fold_into("ŒUVRÉ", &mut buffer), Some("oeuvre"));
        assert_eq!(fold_accents("Reçoit"), "recoit");
        let long = "a".repeat(FOLD_BUFFER + 1);
        assert_eq!(fold_into(&long, &mut buffer), None);
    }

    #[test]
    fn analyze_falls_back_to_unaccented_forms() {
        let lex = VerbLexicon::new(Lang::Fr, ["décider", "parler"]).unwrap();
        let exact = lex.analyze("décidé");
        assert!(exact.iter().all(|a| a.tense == Tense::PastParticiple));
        let folded = lex.analyze("decide");
        assert!(folded.iter().any(|a| a.tense == Tense::PastParticiple));
        assert!(folded.iter().any(|a| a.tense == Tense::Present));
        // An exact unaccented form wins over the fallback.
        assert!(lex
            .analyze("parle")
            .iter()
            .all(|a| a.tense == Tense::Present
                || a.mood == Mood::Subjunctive
                || a.mood == Mood::Imperative));
        assert!(!lex.analyze("etaient").is_empty());
        assert!(lex.analyze("maison").is_empty());
    }

    #[test]
    fn lexicon_knows_its_lemmas_and_auxiliaries() {
        let lex = VerbLexicon::new(Lang::Fr, ["se retirer", "S'EMPARER"]).unwrap();
        assert!(lex.is_known_lemma("retirer"));
        assert!(lex.is_known_lemma("emparer"));
        assert!(lex.is_known_lemma("être"));
        assert!(lex.is_known_lemma("pouvoir"));
        assert!(!lex.is_known_lemma("signer"));
        assert!(lex.uses_etre_auxiliary("venir"));
        assert!(!lex.uses_etre_auxiliary("retirer"));
        let en = VerbLexicon::new(Lang::En, ["sign"]).unwrap();
        assert!(en.is_known_lemma("can"));
        assert!(en.is_known_lemma("be"));
        assert!(en
            .analyze("would")
            .iter()
            .any(|a| a.mood == Mood::Conditional));
    }

    #[test]
    fn bad_lemmas_are_reported() {
        assert!(VerbLexicon::new(Lang::Fr, ["mettre en garde"]).is_err());
        assert!(VerbLexicon::new(Lang::Fr, ["xyzzy"]).is_err());
        let (lex, errors) = VerbLexicon::new_lenient(Lang::Fr, ["xyzzy", "signer"]);
        assert_eq!(errors.len(), 1);
        assert!(lex.is_known_lemma("signer"));
    }
}

//! The gazetteer: every surface form of the knowledge base compiled into one Aho-Corasick automaton that
//! runs over a document's folded tokens in a single pass.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use crate::codes::Code;
use crate::language::Lang;
use crate::text::normalize::fold_phrase;
use crate::text::{Token, TokenizedText};

/// What a surface form names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntryKind {
    /// The state itself ("Mali", "la France").
    CountryName(Code),
    /// An adjective or noun of nationality ("malienne", "Malians").
    Demonym(Code),
    /// The capital, a metonym for the government ("Bamako a dénoncé").
    Capital(Code),
    /// A seat of power, a metonym for the government ("l'Élysée", "the Kremlin").
    Seat(Code),
    /// Index into `KnowledgeBase::organisations`.
    Organisation(u32),
    /// A sector noun ("junte", "soldiers") with its PLOVER sector.
    Sector(Code),
    /// Index into `KnowledgeBase::people`.
    Person(u32),
    /// Index into `KnowledgeBase::cities`.
    City(u32),
    /// Index into `KnowledgeBase::regions`.
    Region(u32),
}

/// How the case of the text must agree with the case of the dictionary form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CaseRule {
    /// Lower-case forms match any text.
    Any,
    /// Forms starting with a capital match only capitalised text.
    Capitalized,
    /// Acronyms ("UN", "AES") match only text in capitals.
    AllCaps,
}

impl CaseRule {
    pub fn of_form(form: &str) -> CaseRule {
        let first_word: &str = form
            .split(|c: char| c.is_whitespace() || c == '-' || c == '\'' || c == '’')
            .find(|w| !w.is_empty())
            .unwrap_or("");
        let letters: Vec<char> = first_word.chars().filter(|c| c.is_alphabetic()).collect();
        if letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase()) {
            CaseRule::AllCaps
        } else if first_word.chars().next().is_some_and(char::is_uppercase) {
            CaseRule::Capitalized
        } else {
            CaseRule::Any
        }
    }

    pub fn accepts(self, first: &Token) -> bool {
        match self {
            CaseRule::Any => true,
            CaseRule::Capitalized => first.is_capitalized(),
            CaseRule::AllCaps => first.is_all_caps(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    pub kind: EntryKind,
    /// The language the form belongs to; `None` for names used in every language.
    pub lang: Option<Lang>,
    pub case: CaseRule,
}

impl Entry {
    pub fn accepts(&self, first: &Token, lang: Lang) -> bool {
        self.lang.is_none_or(|l| l == lang) && self.case.accepts(first)
    }
}

/// A token-aligned occurrence of a dictionary form: tokens `start..end` of the document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GazetteerMatch {
    pub start: u32,
    pub end: u32,
    pub pattern: u32,
}

impl GazetteerMatch {
    pub fn len(&self) -> u32 {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.end == self.start
    }
}

#[derive(Default)]
pub struct GazetteerBuilder {
    patterns: HashMap<String, u32>,
    entries: Vec<Vec<Entry>>,
}

impl GazetteerBuilder {
    /// Adds a surface form. Forms that fold to nothing are ignored.
    pub fn add(&mut self, form: &str, kind: EntryKind, lang: Option<Lang>) {
        let folded = fold_phrase(form);
        if folded.is_empty() {
            return;
        }
        let entry = Entry {
            kind,
            lang,
            case: CaseRule::of_form(form),
        };
        let next = self.entries.len() as u32;
        let id = *self.patterns.entry(folded).or_insert(next);
        if id == next {
            self.entries.push(Vec::new());
        }
        let list = &mut self.entries[id as usize];
        if !list.contains(&entry) {
            list.push(entry);
        }
    }

    pub fn build(self) -> Gazetteer {
        let mut patterns: Vec<(u32, String)> =
            self.patterns.into_iter().map(|(p, id)| (id, p)).collect();
        patterns.sort_unstable_by_key(|(id, _)| *id);
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(patterns.iter().map(|(_, p)| format!(" {p}")))
            .expect("the gazetteer patterns are plain strings and always compile");
        Gazetteer {
            automaton,
            entries: self.entries,
        }
    }
}

pub struct Gazetteer {
    automaton: AhoCorasick,
    entries: Vec<Vec<Entry>>,
}

impl Gazetteer {
    /// Every token-aligned occurrence of every form in the text, overlapping ones included, in order of
    /// their end.
    pub fn find(&self, text: &TokenizedText) -> Vec<GazetteerMatch> {
        let buf = text.match_buffer();
        let mut out = Vec::new();
        for m in self.automaton.find_overlapping_iter(buf) {
            let Some(end) = text.token_at_match_end(m.end()) else {
                continue;
            };
            let Some(start) = text.token_at_match_start(m.start()) else {
                continue;
            };
            out.push(GazetteerMatch {
                start: start as u32,
                end: end as u32 + 1,
                pattern: m.pattern().as_u32(),
            });
        }
        out
    }

    pub fn entries(&self, pattern: u32) -> &[Entry] {
        &self.entries[pattern as usize]
    }

    pub fn pattern_count(&self) -> usize {
        self.entries.len()
    }
}

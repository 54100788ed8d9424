//! The gazetteer: every surface form of the knowledge base compiled into one automaton over folded
//! tokens, run over a document in a single pass.

use rustc_hash::FxHashMap;

use crate::codes::Code;
use crate::language::Lang;
use crate::text::{tokenize, Token, TokenizedText};

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

/// Which words of a multi-word form must be capitalised (or in capitals) in the text: "La Réunion"
/// must not match "la réunion", nor "Le Monde" "le monde entier".
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CaseMask {
    capitalized: u16,
    all_caps: u16,
}

impl CaseMask {
    fn of_tokens(form: &TokenizedText) -> CaseMask {
        let mut mask = CaseMask::default();
        for (i, t) in form.tokens.iter().take(16).enumerate() {
            if t.is_all_caps() {
                mask.all_caps |= 1 << i;
            } else if t.is_capitalized() {
                mask.capitalized |= 1 << i;
            }
        }
        mask
    }

    /// Checks the case of the matched tokens, which start at `tokens[0]`.
    pub fn accepts(self, tokens: &[Token]) -> bool {
        self.accepts_in(tokens, None)
    }

    /// Like `accepts`, with the conventions of the text's language: French typography writes acronyms
    /// of four letters or more that are read as words with a capital only ("l'Otan", "l'Apec").
    pub fn accepts_in(self, tokens: &[Token], lang: Option<Lang>) -> bool {
        tokens.iter().take(16).enumerate().all(|(i, t)| {
            let bit = 1u16 << i;
            let word_acronym =
                lang == Some(Lang::Fr) && t.is_capitalized() && t.chars.end - t.chars.start >= 4;
            (self.all_caps & bit == 0 || t.is_all_caps() || word_acronym)
                && (self.capitalized & bit == 0 || t.is_capitalized())
        })
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    pub kind: EntryKind,
    /// The language the form belongs to; `None` for names used in every language.
    pub lang: Option<Lang>,
    pub case: CaseMask,
}

impl Entry {
    /// True when the entry applies to the matched `tokens` of a text in `lang`.
    pub fn accepts(&self, tokens: &[Token], lang: Lang) -> bool {
        self.lang.is_none_or(|l| l == lang) && self.case.accepts_in(tokens, Some(lang))
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

/// Marks a trie node that ends no pattern.
const NO_PATTERN: u32 = u32::MAX;
/// Marks a text token that occurs in no pattern.
const UNKNOWN_TOKEN: u32 = u32::MAX;

/// Collects surface forms; `build` compiles them into a [`Gazetteer`].
#[derive(Default)]
pub struct GazetteerBuilder {
    vocabulary: FxHashMap<Box<str>, u32>,
    transitions: FxHashMap<(u32, u32), u32>,
    /// For each trie node, the pattern it ends, or `NO_PATTERN`.
    node_pattern: Vec<u32>,
    entries: Vec<Vec<Entry>>,
}

impl GazetteerBuilder {
    /// Adds a surface form. Forms that fold to nothing are ignored.
    pub fn add(&mut self, form: &str, kind: EntryKind, lang: Option<Lang>) {
        let tokens = tokenize(form);
        if tokens.tokens.is_empty() {
            return;
        }
        if self.node_pattern.is_empty() {
            self.node_pattern.push(NO_PATTERN);
        }
        let mut node = 0u32;
        for t in &tokens.tokens {
            let folded = tokens.folded(t);
            // Most words of a form are already known: look up before allocating a key.
            let id = match self.vocabulary.get(folded) {
                Some(&id) => id,
                None => {
                    let id = self.vocabulary.len() as u32;
                    self.vocabulary.insert(folded.into(), id);
                    id
                }
            };
            let next_node = self.node_pattern.len() as u32;
            node = *self.transitions.entry((node, id)).or_insert(next_node);
            if node == next_node {
                self.node_pattern.push(NO_PATTERN);
            }
        }
        let pattern = match self.node_pattern[node as usize] {
            NO_PATTERN => {
                self.entries.push(Vec::new());
                let p = (self.entries.len() - 1) as u32;
                self.node_pattern[node as usize] = p;
                p
            }
            p => p,
        };
        let entry = Entry {
            kind,
            lang,
            case: CaseMask::of_tokens(&tokens),
        };
        let list = &mut self.entries[pattern as usize];
        if !list.contains(&entry) {
            list.push(entry);
        }
    }

    pub fn build(mut self) -> Gazetteer {
        if self.node_pattern.is_empty() {
            self.node_pattern.push(NO_PATTERN);
        }
        self.vocabulary.shrink_to_fit();
        self.transitions.shrink_to_fit();
        // One flat list instead of a vector per pattern: tens of thousands fewer allocations to make
        // and to free.
        let mut entry_starts = Vec::with_capacity(self.entries.len() + 1);
        let mut entries = Vec::with_capacity(self.entries.iter().map(Vec::len).sum());
        for list in &self.entries {
            entry_starts.push(entries.len() as u32);
            entries.extend_from_slice(list);
        }
        entry_starts.push(entries.len() as u32);
        Gazetteer {
            vocabulary: self.vocabulary,
            transitions: self.transitions,
            node_pattern: self.node_pattern,
            entry_starts,
            entries,
        }
    }
}

/// A deterministic automaton over folded tokens: a trie whose alphabet is the vocabulary of every
/// dictionary form. Matching costs one hash look-up per text token, plus one transition per token for
/// the (rare) tokens that continue a pattern, so it is linear in the text for a bounded pattern length.
pub struct Gazetteer {
    vocabulary: FxHashMap<Box<str>, u32>,
    transitions: FxHashMap<(u32, u32), u32>,
    node_pattern: Vec<u32>,
    /// Pattern `p`'s entries are `entries[entry_starts[p]..entry_starts[p + 1]]`.
    entry_starts: Vec<u32>,
    entries: Vec<Entry>,
}

impl Gazetteer {
    /// Every token-aligned occurrence of every form in the text, overlapping ones included, in order of
    /// their start.
    pub fn find(&self, text: &TokenizedText) -> Vec<GazetteerMatch> {
        let ids: Vec<u32> = text
            .tokens
            .iter()
            .map(|t| {
                self.vocabulary
                    .get(text.folded(t))
                    .copied()
                    .unwrap_or(UNKNOWN_TOKEN)
            })
            .collect();
        let mut out = Vec::new();
        for start in 0..ids.len() {
            let mut node = 0u32;
            for (end, &id) in ids.iter().enumerate().skip(start) {
                if id == UNKNOWN_TOKEN {
                    break;
                }
                let Some(&next) = self.transitions.get(&(node, id)) else {
                    break;
                };
                node = next;
                let pattern = self.node_pattern[node as usize];
                if pattern != NO_PATTERN {
                    out.push(GazetteerMatch {
                        start: start as u32,
                        end: end as u32 + 1,
                        pattern,
                    });
                }
            }
        }
        out
    }

    pub fn entries(&self, pattern: u32) -> &[Entry] {
        let p = pattern as usize;
        &self.entries[self.entry_starts[p] as usize..self.entry_starts[p + 1] as usize]
    }

    pub fn pattern_count(&self) -> usize {
        self.entry_starts.len() - 1
    }
}

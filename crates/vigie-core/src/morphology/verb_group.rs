//! Verb groups: the public result of verb-group analysis and the language-independent parts of it (the tense
//! of a chain, the preference order among the readings of a finite form).

use std::ops::Range;

use super::{Lang, Mood, Tense, VerbAnalysis, VerbLexicon};

/// Voice of a verb group.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Voice {
    Active,
    Passive,
}

impl Voice {
    /// The snake-case name used in fixtures and serialisation.
    pub fn as_str(self) -> &'static str {
        match self {
            Voice::Active => "active",
            Voice::Passive => "passive",
        }
    }
}

/// Time reference of a verb group, from its whole chain rather than its first verb.
///
/// French passé composé, plus-que-parfait, passé simple, imparfait and passé récent (vient de signer), and
/// English simple past, present perfect and past perfect are all `Past`. The futur, futur antérieur, aller +
/// infinitive, "will", "shall" and "be going to" are `Future` (aller and "be going to" in the past, "allait
/// signer", "was going to sign", too). The conditionnel présent, "would", "could", "might" and "should" are
/// `Conditional`; the conditionnel passé and "would have", "could have"... are `ConditionalPast`. Infinitive and
/// participle groups without a perfect auxiliary have no tense (`None`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupTense {
    Present,
    Past,
    Future,
    Conditional,
    ConditionalPast,
    None,
}

impl GroupTense {
    /// The snake-case name used in fixtures and serialisation.
    pub fn as_str(self) -> &'static str {
        match self {
            GroupTense::Present => "present",
            GroupTense::Past => "past",
            GroupTense::Future => "future",
            GroupTense::Conditional => "conditional",
            GroupTense::ConditionalPast => "conditional_past",
            GroupTense::None => "none",
        }
    }
}

/// A verb group: the auxiliaries, modal, negation particles and clitics that belong to one lexical verb.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerbGroup {
    /// Token indices covered: leading negation and clitics ("n'", "l'", "se"), English "to", "not" and "never",
    /// auxiliaries, modal and main verb, and a negation particle right after the last verb ("ne sont pas").
    pub tokens: Range<usize>,
    /// Index of the main (lexical) verb token; of the auxiliary itself when it is the main verb ("ne sont pas").
    pub head: usize,
    /// Lemma of the main verb.
    pub lemma: Box<str>,
    pub voice: Voice,
    pub tense: GroupTense,
    /// Mood of the first verb of the chain (the one that carries person): "aurait été arrêté" is conditional.
    pub mood: Mood,
    /// ne ... pas/plus/jamais/point/guère/rien/aucun/personne (not ne ... que); not, n't, never, no longer.
    pub negated: bool,
    /// The modal of the chain: pouvoir, devoir or vouloir (French, as lemma); can, could, may, might, must,
    /// shall, should, will, would or ought (English, as written, with contractions expanded: 'll → will).
    pub modal: Option<Box<str>>,
    /// A bare past participle used as an adjective or reduced relative ("un diplomate accusé d'espionnage",
    /// "the diplomats expelled last week").
    pub participle_adjective: bool,
    /// An infinitive governed by a preposition or another verb ("a décidé de riposter", "is expected to sign").
    pub infinitive: bool,
    /// A French pronominal verb ("s'est retiré", "se sont rencontrés"): its être is an active auxiliary.
    pub reflexive: bool,
}

/// Finds the verb groups of a sentence.
///
/// `tokens` are the sentence's tokens, lower-cased, accents kept, apostrophes folded to ASCII, French elisions
/// split off ("n'", "l'"), hyphenated words split ("a-t-il" → "a", "t", "il"), punctuation as its own tokens,
/// English "'s" and "n't" as their own tokens. Each token belongs to at most one group; groups come in token
/// order. The analysis is linear in the number of tokens: links between verbs look at most a few tokens ahead.
/// It is a heuristic chunker, not a tagger: it keeps to the lemmas of `lexicon`, and uses determiners,
/// prepositions and subject pronouns to tell a noun ("les forces", "peace talks" after "the") from a verb.
pub fn verb_groups(lang: Lang, tokens: &[&str], lexicon: &VerbLexicon) -> Vec<VerbGroup> {
    let mut groups = Vec::new();
    match lang {
        Lang::Fr => collect(tokens, lexicon, &mut groups, super::verb_group_fr::group_at),
        Lang::En => collect(tokens, lexicon, &mut groups, super::verb_group_en::group_at),
    }
    groups
}

/// What linking a chain found out, beyond the readings of its first and last verbs.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct ChainFlags {
    /// A perfect auxiliary linked a participle (a signé, has signed, s'est retiré).
    pub perfect: bool,
    pub passive: bool,
    /// aller + infinitive, be going to.
    pub future: bool,
    /// venir de + infinitive.
    pub recent_past: bool,
}

/// The tense of a chain from the reading of its first verb and what the links added.
pub(super) fn group_tense(first: &VerbAnalysis, flags: ChainFlags) -> GroupTense {
    match first.mood {
        Mood::Indicative => match first.tense {
            Tense::Future => GroupTense::Future,
            _ if flags.future => GroupTense::Future,
            Tense::Present if flags.perfect || flags.recent_past => GroupTense::Past,
            Tense::Present => GroupTense::Present,
            Tense::Imperfect | Tense::Past => GroupTense::Past,
            _ => GroupTense::Present,
        },
        Mood::Conditional if flags.perfect => GroupTense::ConditionalPast,
        Mood::Conditional => GroupTense::Conditional,
        Mood::Subjunctive => match first.tense {
            Tense::Present if !flags.perfect => GroupTense::Present,
            _ => GroupTense::Past,
        },
        Mood::Imperative => GroupTense::Present,
        Mood::Infinitive | Mood::Participle => {
            if flags.perfect || flags.recent_past {
                GroupTense::Past
            } else if flags.future {
                GroupTense::Future
            } else {
                GroupTense::None
            }
        }
    }
}

/// Rank of a finite reading when a form has several (French "finit" is présent and passé simple): the most
/// frequent in news text first. `None` for non-finite readings.
pub(super) fn finite_rank(a: &VerbAnalysis) -> Option<u8> {
    Some(match (a.mood, a.tense) {
        (Mood::Indicative, Tense::Present) => 0,
        (Mood::Indicative, Tense::Future) => 1,
        (Mood::Conditional, _) => 2,
        (Mood::Indicative, Tense::Imperfect) => 3,
        (Mood::Indicative, Tense::Past) => 4,
        (Mood::Subjunctive, Tense::Present) => 5,
        (Mood::Subjunctive, _) => 6,
        (Mood::Imperative, _) => 7,
        _ => return None,
    })
}

/// The best finite reading among those `usable` accepts.
pub(super) fn best_finite(
    analyses: &[VerbAnalysis],
    usable: impl Fn(&VerbAnalysis) -> bool,
) -> Option<&VerbAnalysis> {
    analyses
        .iter()
        .filter(|a| usable(a))
        .filter_map(|a| finite_rank(a).map(|rank| (rank, a)))
        .min_by_key(|(rank, _)| *rank)
        .map(|(_, a)| a)
}

pub(super) fn find_reading(
    analyses: &[VerbAnalysis],
    test: impl Fn(&VerbAnalysis) -> bool,
) -> Option<&VerbAnalysis> {
    analyses.iter().find(|a| test(a))
}

pub(super) fn is_past_participle(a: &VerbAnalysis) -> bool {
    a.tense == Tense::PastParticiple
}

pub(super) fn is_present_participle(a: &VerbAnalysis) -> bool {
    a.tense == Tense::PresentParticiple
}

pub(super) fn is_infinitive(a: &VerbAnalysis) -> bool {
    a.mood == Mood::Infinitive
}

/// A token made only of punctuation (",", "«", "...").
pub(super) fn is_punctuation(token: &str) -> bool {
    !token.is_empty() && !token.chars().any(char::is_alphanumeric)
}

pub(super) fn is_number(token: &str) -> bool {
    token.bytes().any(|b| b.is_ascii_digit())
        && token
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b',' || b == b'.')
}

/// Scans the tokens left to right with a language's `group_at`, taking each group found and resuming
/// after it, so that the analysis is one pass.
fn collect(
    tokens: &[&str],
    lex: &VerbLexicon,
    out: &mut Vec<VerbGroup>,
    group_at: fn(&[&str], usize, &VerbLexicon) -> Option<VerbGroup>,
) {
    let mut i = 0;
    while i < tokens.len() {
        match group_at(tokens, i, lex) {
            Some(group) => {
                i = group.tokens.end.max(i + 1);
                out.push(group);
            }
            None => i += 1,
        }
    }
}

//! Event coding: from a recognised sentence to PLOVER events — triggers from the pattern dictionaries,
//! actor and recipient from the clause, modality from the sentence, date and place from the mentions —
//! and the merging of an event reported twice in one document.

pub mod ontology;
pub mod patterns;
pub mod record;
mod roles;

use std::ops::Range;

use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::codes::Code;
use crate::dates::{DateRole, DateValue};
use crate::grammar::Grammar;
use crate::knowledge::tsv::DataError;
use crate::language::Lang;
use crate::morphology::{verb_groups, GroupTense, Mood, VerbGroup, VerbLexicon};
use crate::pipeline::Analysis;
use crate::recognize::{ActorMention, PlaceMention};

use ontology::Ontology;
use patterns::{EventPattern, PatternSet, Trigger};
use roles::Clause;

/// How sure the text is of an event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Modality {
    Asserted,
    Reported,
    Alleged,
    Planned,
    Threatened,
    Hypothetical,
    Negated,
}

impl Modality {
    pub fn as_str(self) -> &'static str {
        match self {
            Modality::Asserted => "asserted",
            Modality::Reported => "reported",
            Modality::Alleged => "alleged",
            Modality::Planned => "planned",
            Modality::Threatened => "threatened",
            Modality::Hypothetical => "hypothetical",
            Modality::Negated => "negated",
        }
    }
}

/// An actor mention chosen for one side of an event, with the sentence it was found in.
#[derive(Clone, Debug, PartialEq)]
pub struct Participant {
    pub sentence: usize,
    pub mention: ActorMention,
    /// Taken from the context (an earlier sentence, a pronoun, the place of the event) rather than from
    /// the clause itself.
    pub inferred: bool,
}

/// Where an event was read: the sentence and the trigger tokens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Evidence {
    pub sentence: usize,
    pub trigger: Range<usize>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CodedEvent {
    pub lang: Lang,
    /// Index of the pattern in the language's [`PatternSet`]; none for an event the grammar reads
    /// without a pattern (a stated obligation).
    pub pattern: Option<u32>,
    pub rule: String,
    pub event: &'static str,
    pub mode: Option<String>,
    pub context: Vec<String>,
    pub cameo: String,
    /// The type the pattern gave, when the sentence turned the event into another type (a promise into
    /// AGREE, a conditional act into THREATEN, an obligation into REQUEST).
    pub promoted_from: Option<&'static str>,
    /// Why the event's type is not the pattern's.
    pub promotion: Option<&'static str>,
    pub actor: Vec<Participant>,
    pub recipient: Vec<Participant>,
    pub modality: Modality,
    pub date: Option<DateValue>,
    /// The date comes from the text (else from the publication date).
    pub date_in_text: bool,
    pub end_date: Option<DateValue>,
    pub place: Option<(usize, PlaceMention)>,
    pub evidence: Vec<Evidence>,
}

/// A trigger that fired but produced no event, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rejection {
    pub sentence: usize,
    pub trigger: Range<usize>,
    pub rule: String,
    pub reason: String,
}

/// The events of a document, and what was considered and rejected.
#[derive(Clone, Debug, Default)]
pub struct Coding {
    pub events: Vec<CodedEvent>,
    pub rejections: Vec<Rejection>,
}

/// The coder of one language: its patterns and the morphology of their verbs.
pub struct Coder {
    pub patterns: PatternSet,
    pub lexicon: VerbLexicon,
}

impl Coder {
    pub fn embedded(
        lang: Lang,
        ontology: &Ontology,
        grammar: &Grammar,
    ) -> Result<Coder, DataError> {
        Ok(Coder::new(
            lang,
            PatternSet::embedded(lang, ontology)?,
            grammar,
        ))
    }

    /// A coder for the given patterns.
    pub fn new(lang: Lang, patterns: PatternSet, grammar: &Grammar) -> Coder {
        let lemmas: Vec<&str> = patterns.verb_lemmas().chain(grammar.rule_verbs()).collect();
        // Lemmas the conjugator cannot inflect are left out; the pattern test reports their examples.
        let (lexicon, _unconjugated) = VerbLexicon::new_lenient(lang, lemmas);
        Coder { patterns, lexicon }
    }
}

/// One trigger occurrence in a sentence, before roles are resolved.
struct Candidate {
    pattern: u32,
    /// Tokens of the trigger (absolute indices), from the verb head or the noun to the last fixed word.
    trigger: Range<usize>,
    /// The verb group, for verb triggers (indices relative to the sentence).
    group: Option<usize>,
}

/// The verb groups of sentence `si` as the coder reads them: the morphology's groups without words
/// that the recognised names, compounds and noun phrases show to be no verbs.
pub fn sentence_verb_groups(
    analysis: &Analysis<'_>,
    si: usize,
    lang: Lang,
    coder: &Coder,
    grammar: &Grammar,
) -> Vec<VerbGroup> {
    let sentence = &analysis.sentences[si];
    let base = sentence.tokens.start;
    let lower: Vec<&str> = analysis.tokens.tokens[sentence.tokens.clone()]
        .iter()
        .map(|t| analysis.tokens.lower(t))
        .collect();
    let folded: Vec<&str> = analysis.tokens.tokens[sentence.tokens.clone()]
        .iter()
        .map(|t| analysis.tokens.folded(t))
        .collect();
    let mut groups = verb_groups(lang, &lower, &coder.lexicon);
    // A lone function word read as a verb ("Du" as "dû") is a misreading.
    groups.retain(|g| {
        !(g.tokens.len() == 1
            && (grammar.preposition.contains(folded[g.head])
                || grammar.determiner.contains(folded[g.head])))
    });
    let entities = &analysis.entities[si];
    // A word inside an actor's name or mention is not a verb ("the United States", "les Forces
    // armées", "the United States' envoy"), nor
    // is the second half of a compound adjective ("Iran-backed", "Israeli-occupied").
    // In a sentence that is not written in title case, a capitalised word inside it is a name
    // ("the Gaza Strip", "a Rally"), not a verb.
    let words = sentence
        .tokens
        .clone()
        .filter(|&t| analysis.tokens.tokens[t].kind == crate::text::TokenKind::Word);
    let (capitals, word_count) = words.fold((0usize, 0usize), |(c, n), t| {
        (
            c + usize::from(analysis.tokens.tokens[t].is_capitalized()),
            n + 1,
        )
    });
    let title_case = capitals * 2 > word_count;
    groups.retain(|g| {
        let head = &analysis.tokens.tokens[base + g.head];
        // "long-threatened", "Iran-backed": the second half of a compound is no verb, unless the
        // first half is a verb prefix ("re-elected", "co-operate").
        let hyphenated = head.flags.has(crate::text::TokenFlags::HYPHEN_BEFORE)
            && (g.participle_adjective
                || (g.tokens.len() == 1
                    && !(0..g.head)
                        .rev()
                        .map(|k| folded[k])
                        .find(|w| *w != "-")
                        .is_some_and(|w| {
                            matches!(
                                w,
                                "re" | "co"
                                    | "pre"
                                    | "counter"
                                    | "over"
                                    | "under"
                                    | "out"
                                    | "cross"
                                    | "self"
                                    | "de"
                                    | "dis"
                                    | "mis"
                                    | "non"
                                    | "un"
                            )
                        })));
        let name_word = !title_case
            && g.tokens.len() == 1
            && g.head > 0
            && head.is_capitalized()
            && !matches!(folded[g.head - 1], "\"" | "«" | ":" | "(" | "“");
        !hyphenated
            && !name_word
            && !entities.actors.iter().any(|m| {
                m.head.contains(&(base + g.head))
                    || (m.tokens.start < base + g.head && m.tokens.contains(&(base + g.head)))
            })
    });
    // "North Korea's demand", "a U.S. request": after a possessive, or after a name used as an
    // adjective behind an indefinite article, the word is a noun.
    groups.retain(|g| {
        if g.tokens.len() != 1 || g.head == 0 {
            return true;
        }
        let before = folded[g.head - 1];
        let adjectival_name = entities.actors.iter().any(|m| {
            m.tokens.end == base + g.head
                && matches!(
                    m.kind,
                    crate::recognize::ActorKind::State | crate::recognize::ActorKind::Demonym
                )
                && matches!(folded[m.tokens.start - base], "a" | "an" | "un" | "une")
        });
        // "the state", "the alleged violations": an English word right after an article or a
        // possessive determiner is a noun or an adjective.
        let after_article = lang == Lang::En
            && matches!(before, "the" | "a" | "an" | "its" | "their" | "his" | "her")
            && !g.negated
            && g.modal.is_none();
        before != "'s" && !adjectival_name && !after_article
    });
    if lang == Lang::En {
        read_bare_participles_as_past(&mut groups, &folded, grammar);
        read_second_pasts_as_participles(&mut groups, &folded, grammar, |k| {
            entities.actors.iter().any(|m| m.tokens.end == base + k)
        });
    }
    groups
}

/// Codes the events of an analysed document.
pub fn code_document(analysis: &Analysis<'_>, coder: &Coder, grammar: &Grammar) -> Coding {
    let mut coding = Coding::default();
    let Some(lang) = analysis.lang else {
        return coding;
    };
    let mut memory = roles::Memory::default();
    for (si, sentence) in analysis.sentences.iter().enumerate() {
        let base = sentence.tokens.start;
        let folded: Vec<&str> = analysis.tokens.tokens[sentence.tokens.clone()]
            .iter()
            .map(|t| analysis.tokens.folded(t))
            .collect();
        let groups = sentence_verb_groups(analysis, si, lang, coder, grammar);
        let entities = &analysis.entities[si];
        let actors: Vec<ActorMention> = entities
            .actors
            .iter()
            .filter(|m| !is_sector_adjective(m, lang, analysis, si, &folded, &groups, grammar))
            .cloned()
            .collect();
        // Places after a locative preposition stand for their state when an event needs one ("in the
        // West Bank", "à Jéricho"); other places only as the target of an attack ("invasion of South
        // Lebanon").
        let located_states: Vec<ActorMention> = entities
            .places
            .iter()
            .filter_map(|p| {
                let country = match p.place {
                    crate::recognize::PlaceRef::City(c) => {
                        Some(analysis.kb.cities[c as usize].country)
                    }
                    crate::recognize::PlaceRef::Region(r) => {
                        analysis.kb.regions[r as usize].country
                    }
                    crate::recognize::PlaceRef::Country(c) => Some(c),
                }?;
                Some(ActorMention {
                    tokens: p.tokens.clone(),
                    head: p.tokens.clone(),
                    kind: crate::recognize::ActorKind::State,
                    code: Some(country),
                    country: Some(country),
                    sector: Some(crate::codes::GOV),
                    country_inferred: false,
                    organisation: None,
                    person: None,
                    locative: p.locative,
                })
            })
            .collect();
        let clause = Clause {
            base,
            trigger_end: std::cell::Cell::new(0),
            trigger_start: std::cell::Cell::new(0),
            folded: &folded,
            groups: &groups,
            actors: &actors,
            located_states: &located_states,
            grammar,
        };
        let candidates = find_triggers(&clause, coder, analysis);
        let candidates_seen: Vec<Range<usize>> =
            candidates.iter().map(|c| c.trigger.clone()).collect();
        let sentence_events_from = coding.events.len();
        // Triggers already coded in this sentence, with the index of their event.
        let mut covered: Vec<(Range<usize>, usize)> = Vec::new();
        // How each event of this sentence stands in it, in event order.
        let mut footing: Vec<Footing> = Vec::new();
        for cand in candidates {
            if covered
                .iter()
                .any(|(r, _)| r.start < cand.trigger.end && cand.trigger.start < r.end)
            {
                continue;
            }
            let pattern = coder.patterns.get(cand.pattern);
            // "a accepté de coopérer", "a condamné l'attaque": a non-finite verb or a noun in the
            // complement of an event already coded is part of that event, not another one.
            let dependent = cand
                .group
                .is_none_or(|g| !is_finite(&groups[g]) && !groups[g].participle_adjective);
            let governor = covered.iter().find(|(r, _)| {
                r.end <= cand.trigger.start
                    && cand.trigger.start - r.end <= 10
                    && !clause.clause_break_in(r.end - base..cand.trigger.start - base)
            });
            if let (true, Some((gov, gi))) = (dependent, governor) {
                // The governing event takes the sides it lacks from its complement: "promised to
                // continue military aid to Mozambique" is a promise to Mozambique.
                if let Ok(inner) = build_event(analysis, &clause, si, &cand, pattern, &memory) {
                    let outer = &mut coding.events[*gi];
                    let guessed = |side: &[Participant]| side.iter().all(|p| p.inferred);
                    if guessed(&outer.recipient)
                        && !inner.recipient.is_empty()
                        && !guessed(&inner.recipient)
                    {
                        outer.recipient = inner.recipient;
                    }
                    if guessed(&outer.actor) && !inner.actor.is_empty() && !guessed(&inner.actor) {
                        outer.actor = inner.actor;
                    }
                }
                coding.rejections.push(Rejection {
                    sentence: si,
                    trigger: cand.trigger.clone(),
                    rule: pattern.id.clone(),
                    reason: format!(
                        "in the complement of the event of {:?}",
                        analysis.surface(gov.clone())
                    ),
                });
                continue;
            }
            match build_event(analysis, &clause, si, &cand, pattern, &memory) {
                Ok(ev) => {
                    let trigger_rel = cand.trigger.start - base;
                    footing.push(match cand.group.map(|g| &groups[g]) {
                        Some(g) if is_finite(g) && clause.is_trailing_attribution(g) => {
                            Footing::Attribution
                        }
                        Some(g) if is_finite(g) => Footing::FiniteVerb,
                        Some(g) if g.participle_adjective => Footing::Participle,
                        None if clause.after_preposition(trigger_rel) => Footing::Modifier,
                        // The object of a finite verb ("ont imposé un couvre-feu") is told by it.
                        None if clause.governing_verb(trigger_rel).is_some() => Footing::FiniteVerb,
                        _ => Footing::Other,
                    });
                    covered.push((cand.trigger.clone(), coding.events.len()));
                    coding.events.push(ev);
                }
                Err(reason) => coding.rejections.push(Rejection {
                    sentence: si,
                    trigger: cand.trigger.clone(),
                    rule: pattern.id.clone(),
                    reason,
                }),
            }
        }
        for ev in stated_obligations(analysis, &clause, si, lang, &candidates_seen, &memory) {
            footing.push(Footing::Other);
            coding.events.push(ev);
        }
        drop_background_events(&clause, si, sentence_events_from, &footing, &mut coding);
        memory.remember(&clause, si);
    }
    attach_following_deadlines(analysis, &mut coding.events);
    coding.events = merge_duplicates(std::mem::take(&mut coding.events));
    coding
}

/// When a sentence reports an event in its main clause, the events told in its relative clauses,
/// completive clauses ("demanded that its partners refuse") and conditions ("unless Baghdad accepted")
/// are background, not further events.
///
/// Likewise, once a finite verb of the main clause tells an event, the events named by nouns inside
/// prepositional phrases ("after 12 days of fighting", "lors d'un déjeuner") and by participles used as
/// adjectives ("la milice, soutenue par la Syrie") set the scene: they are background too.
fn drop_background_events(
    clause: &Clause<'_>,
    si: usize,
    from: usize,
    footing: &[Footing],
    coding: &mut Coding,
) {
    let mut background: Vec<bool> = coding.events[from..]
        .iter()
        .map(|e| clause.in_dependent_clause(e.evidence[0].trigger.start - clause.base))
        .collect();
    if background.iter().all(|&b| b) {
        return;
    }
    // Where the first event told by a finite verb of the main clause starts.
    let main_verb_event = coding.events[from..]
        .iter()
        .zip(background.iter().zip(footing))
        .find(|(_, (&b, &f))| !b && f == Footing::FiniteVerb)
        .map(|(e, _)| e.evidence[0].trigger.start);
    if let Some(main_start) = main_verb_event {
        for (e, (b, &f)) in coding.events[from..]
            .iter()
            .zip(background.iter_mut().zip(footing))
        {
            // A participle before the main verb qualifies its subject and tells an event of its own
            // ("The journalist arrested by the police was freed"); after it, it describes a complement.
            let after_main = e.evidence[0].trigger.start > main_start;
            *b |= match f {
                Footing::Modifier | Footing::Attribution => true,
                Footing::Participle => after_main,
                _ => false,
            };
        }
    }
    // Only this sentence's events move: the document's earlier events stay where they are, so a long
    // document costs time in proportion to its length.
    let sentence_events = coding.events.split_off(from);
    for (e, drop) in sentence_events.into_iter().zip(background) {
        if drop {
            coding.rejections.push(Rejection {
                sentence: si,
                trigger: e.evidence[0].trigger.clone(),
                rule: e.rule.clone(),
                reason: "background: told in a dependent clause of a sentence whose main clause has an event".into(),
            });
        } else {
            coding.events.push(e);
        }
    }
}

/// True when an English sector word qualifies the common noun after it instead of naming an actor:
/// "military aid", "civilian casualties".
fn is_sector_adjective(
    m: &ActorMention,
    lang: Lang,
    analysis: &Analysis<'_>,
    si: usize,
    folded: &[&str],
    groups: &[VerbGroup],
    grammar: &Grammar,
) -> bool {
    let base = analysis.sentences[si].tokens.start;
    let entities = &analysis.entities[si];
    // Only a bare word: "Kenyan police killings" and "the junta's decision" still name an actor.
    if m.kind != crate::recognize::ActorKind::Sector || m.tokens.len() != 1 {
        return false;
    }
    let head = m.head.start - base;
    let common_noun = |k: usize| {
        let w = folded[k];
        let token = &analysis.tokens.tokens[base + k];
        token.kind == crate::text::TokenKind::Word
            && w.chars().next().is_some_and(char::is_alphabetic)
            && !token.is_capitalized()
            && !token.is_all_caps()
            && !grammar.is_closed_class(w)
            && !groups.iter().any(|g| g.tokens.contains(&k))
            && !entities
                .actors
                .iter()
                .any(|o| o.tokens.contains(&(base + k)))
    };
    match lang {
        // A plural noun ("rebels", "officials") is no adjective; an unknown verb may follow it.
        Lang::En => {
            m.tokens.end == m.head.end
                && !folded[head].ends_with('s')
                && head + 1 < folded.len()
                && common_noun(head + 1)
        }
        // French puts the adjective after the noun, where it often carries the country of a
        // longer mention ("les politiques militaires des États-Unis"); it is left to recognition.
        Lang::Fr => false,
    }
}

/// How an event's trigger stands in its sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Footing {
    /// A finite verb: the sentence tells the event.
    FiniteVerb,
    /// A noun inside a prepositional phrase: the event is mentioned in passing.
    Modifier,
    /// A participle used as an adjective ("la milice, soutenue par la Syrie").
    Participle,
    /// The verb of a closing attribution (", a human rights group charged on Saturday."): it says who
    /// tells the story, not another event.
    Attribution,
    Other,
}

/// "Niger closed its border to traders expelled from Chad": a clause has one finite verb, so
/// a bare English past form right after an actor, with a finite verb earlier in the same clause and no
/// conjunction between, is a participle qualifying that actor.
fn read_second_pasts_as_participles(
    groups: &mut [VerbGroup],
    folded: &[&str],
    grammar: &Grammar,
    actor_ends_at: impl Fn(usize) -> bool,
) {
    for i in 1..groups.len() {
        let g = &groups[i];
        let bare_past = g.tokens.len() == 1
            && g.tense == GroupTense::Past
            && g.voice == crate::morphology::Voice::Active
            && g.modal.is_none()
            && !g.negated;
        if !bare_past || !actor_ends_at(g.head) {
            continue;
        }
        let Some(prev) = groups[..i].iter().rev().find(|p| is_finite(p)) else {
            continue;
        };
        let joined = (prev.tokens.end..g.tokens.start).any(|k| {
            let w = folded[k];
            matches!(w, "," | ";" | ":" | "." | "(" | "—" | "–")
                || grammar.coordinator.contains(w)
                || grammar.adversative.contains(w)
                || grammar.subordinator.contains(w)
                || grammar.relative.contains(w)
        });
        if !joined {
            let g = &mut groups[i];
            g.participle_adjective = true;
            g.tense = GroupTense::None;
            g.mood = Mood::Participle;
            g.voice = crate::morphology::Voice::Passive;
        }
    }
}

/// English past tense and past participle share their form: "ministers agreed to" is a finite verb,
/// "the diplomats expelled last week left" a reduced relative. A bare participle with no agent and no
/// finite verb after it in its clause is the clause's main verb, in the simple past.
fn read_bare_participles_as_past(groups: &mut [VerbGroup], folded: &[&str], grammar: &Grammar) {
    let finite_after = |groups: &[VerbGroup], from: usize| -> bool {
        let end = (from..folded.len())
            .find(|&k| {
                matches!(folded[k], "." | ";" | ":")
                    || grammar.subordinator.contains(folded[k])
                    || grammar.relative.contains(folded[k])
                    || grammar.hypothetical.match_at(&folded[k..]).is_some()
            })
            .unwrap_or(folded.len());
        // A reporting verb after a comma closes the sentence with its source (", officials told
        // AFP"); it does not make the participle before it a modifier.
        let trailing_report = |g: &VerbGroup| {
            grammar.reporting_verb.contains_lemma(&g.lemma)
                && (from..g.tokens.start).any(|k| folded[k] == ",")
        };
        groups
            .iter()
            .any(|g| is_finite(g) && g.head >= from && g.head < end && !trailing_report(g))
    };
    for i in 0..groups.len() {
        let g = &groups[i];
        if !g.participle_adjective || g.tokens.len() != 1 {
            continue;
        }
        let agent = (g.tokens.end..(g.tokens.end + 8).min(folded.len()))
            .any(|k| grammar.agent.contains(folded[k]));
        let after_preposition =
            g.tokens.start > 0 && grammar.preposition.contains(folded[g.tokens.start - 1]);
        let after_determiner =
            g.tokens.start > 0 && grammar.determiner.contains(folded[g.tokens.start - 1]);
        // "Switzerland said it had expelled": a reporting verb is finite even with a clause after it.
        let reporting = grammar.reporting_verb.contains_lemma(&g.lemma);
        if agent
            || after_preposition
            || after_determiner
            || (!reporting && finite_after(groups, g.tokens.end))
        {
            continue;
        }
        let g = &mut groups[i];
        g.participle_adjective = false;
        g.voice = crate::morphology::Voice::Active;
        g.mood = Mood::Indicative;
        g.tense = GroupTense::Past;
    }
}

/// Finds the triggers of a sentence: verb groups whose lemma has patterns (the most specific pattern
/// whose fixed words follow), then noun phrases.
fn find_triggers(clause: &Clause<'_>, coder: &Coder, analysis: &Analysis<'_>) -> Vec<Candidate> {
    let mut out = Vec::new();
    let folded = clause.folded;
    // An actor's name counts as one word between a verb and its fixed words ("a accordé à la Côte
    // d'Ivoire une aide").
    let word_end = |i: usize| {
        clause
            .actors
            .iter()
            .find(|m| m.tokens.start == clause.base + i && m.tokens.len() > 1)
            .map(|m| m.tokens.end - clause.base - 1)
    };
    for (gi, g) in clause.groups.iter().enumerate() {
        let lemma = g.lemma.as_ref();
        for &pid in coder.patterns.verb_patterns(lemma) {
            let p = coder.patterns.get(pid);
            let Trigger::Verb { reflexive, .. } = &p.trigger else {
                continue;
            };
            // A pronominal verb is another verb ("s'arrêter" is not "arrêter"): each needs its own pattern.
            if *reflexive != g.reflexive {
                continue;
            }
            if let Some(end) = fixed_words_after(folded, g.tokens.end, &p.words, 5, &word_end) {
                out.push(Candidate {
                    pattern: pid,
                    trigger: clause.base + g.head..clause.base + end.max(g.head + 1),
                    group: Some(gi),
                });
                break;
            }
        }
    }
    let in_group = |i: usize| clause.groups.iter().any(|g| g.tokens.contains(&i));
    // Acronyms ("DDoS", "IED") are spelled so in the patterns themselves; only a word with a single
    // capital reads as part of a name.
    let capitalized = |i: usize| {
        let word = analysis.surface(clause.base + i..clause.base + i + 1);
        word.chars().next().is_some_and(char::is_uppercase)
            && word.chars().filter(|c| c.is_uppercase()).count() == 1
    };
    for i in 0..folded.len() {
        if in_group(i) {
            continue;
        }
        // A capitalised noun inside the sentence belongs to a name ("the Liberation Tigers", "les
        // Tigres de libération", "Front de libération"), not to an event.
        let in_name = (i > 0 && capitalized(i))
            || (i >= 2
                && clause.grammar.of.contains(folded[i - 1])
                && capitalized(i - 2)
                && clause.mention_covering(clause.base + i - 2).is_none())
            || clause
                .mention_covering(clause.base + i)
                .is_some_and(|m| m.kind == crate::recognize::ActorKind::Organisation);
        if in_name {
            continue;
        }
        for &pid in coder.patterns.noun_patterns(folded[i]) {
            let p = coder.patterns.get(pid);
            if let Some(end) = fixed_words_after(folded, i + 1, &p.words[1..], 2, &word_end) {
                out.push(Candidate {
                    pattern: pid,
                    trigger: clause.base + i..clause.base + end.max(i + 1),
                    group: None,
                });
                break;
            }
        }
    }
    out.sort_by_key(|c| (c.trigger.start, std::cmp::Reverse(c.trigger.end)));
    out
}

/// Matches `words` in order after `from`, allowing up to `first_gap` words before the first word and
/// two between the others, never across clause punctuation. `word_end` gives the last token of a
/// multi-token word (a name) starting at a token. Returns the index after the last word.
fn fixed_words_after(
    folded: &[&str],
    from: usize,
    words: &[String],
    first_gap: usize,
    word_end: &dyn Fn(usize) -> Option<usize>,
) -> Option<usize> {
    let mut at = from;
    for (k, w) in words.iter().enumerate() {
        let gap = if k == 0 { first_gap } else { 2 };
        let mut found = None;
        let mut i = at;
        let mut counted = 0;
        while i < folded.len() && counted <= gap {
            let t = folded[i];
            if is_form_of(t, w) {
                found = Some(i);
                break;
            }
            if matches!(t, "." | ";" | ":" | "!" | "?") {
                return None;
            }
            // A quotation or a parenthesis is an aside: "ont suspendu jeudi « jusqu'à nouvel ordre »
            // la diffusion de".
            if let Some(close) = aside_end(folded, i) {
                // A quotation that holds the word is read through ("a promis « un châtiment »").
                let holds_word = folded[i + 1..close].iter().any(|t| is_form_of(t, w));
                i = if holds_word { i + 1 } else { close + 1 };
                continue;
            }
            // A name that holds the word is read through ("convoqué l'ambassadeur du Niger").
            i = word_end(i)
                .filter(|&end| !folded[i..=end].iter().any(|t| is_form_of(t, w)))
                .map_or(i + 1, |end| end + 1);
            counted += 1;
        }
        at = found? + 1;
    }
    Some(at)
}

/// The index of the token closing the quotation or parenthesis that opens at `i`, if it closes within
/// a few words.
fn aside_end(folded: &[&str], i: usize) -> Option<usize> {
    let close = match folded[i] {
        "«" => "»",
        "(" => ")",
        "“" => "”",
        _ => return None,
    };
    folded
        .iter()
        .enumerate()
        .skip(i + 1)
        .take(8)
        .find(|(_, t)| **t == close)
        .map(|(k, _)| k)
}

/// True when the text word `t` is the pattern word `w` or its regular plural ("rappeler ses
/// ambassadeurs" matches "rappeler ambassadeur", "recall envoys" matches "recall envoy").
fn is_form_of(t: &str, w: &str) -> bool {
    t == w
        || (t.len() == w.len() + 1
            && t.starts_with(w)
            && matches!(t.as_bytes()[w.len()], b's' | b'x')
            && w.len() > 2)
}

fn build_event(
    analysis: &Analysis<'_>,
    clause: &Clause<'_>,
    si: usize,
    cand: &Candidate,
    pattern: &EventPattern,
    memory: &roles::Memory,
) -> Result<CodedEvent, String> {
    let group = cand.group.map(|g| &clause.groups[g]);
    let trigger_rel = cand.trigger.start - clause.base..cand.trigger.end - clause.base;
    clause.trigger_end.set(trigger_rel.end);
    clause.trigger_start.set(trigger_rel.start);
    if let Some(g) = group {
        // "les forces déployées au Panama": a participle without an agent describes a state.
        if g.participle_adjective
            && clause.detached_auxiliary(g).is_none()
            && clause.agent_after(g.tokens.end).is_none()
        {
            return Err("a participle without an agent describes a state, not an event".into());
        }
    }
    let mut sides = match group {
        Some(g) => clause.verb_roles(g, &pattern.recipient, memory, si),
        None => clause.noun_roles(trigger_rel.clone(), &pattern.recipient, memory, si),
    };
    // An arrest or an expulsion without a named actor is the doing of the state where it happens.
    if sides.actor.is_empty()
        && matches!(
            pattern.mode.as_deref(),
            Some("arrest" | "expel" | "deport" | "seize")
        )
    {
        sides.actor = clause.host_state(si, &sides.recipient);
    }
    // A subject the text names without a country ("President Bouteflicka", "the military
    // government") acts in the state where the event happens.
    if sides.actor.is_empty() {
        let verb_start = group.map(|g| g.tokens.start).or_else(|| {
            clause
                .governing_verb(trigger_rel.start)
                .map(|g| g.tokens.start)
        });
        if let Some(subject) = verb_start.and_then(|v| clause.uncoded_subject(v)) {
            if let Some(state) = clause.host_state(si, &[]).pop() {
                let mut mention = subject.clone();
                mention.code = state.mention.country;
                mention.country = state.mention.country;
                mention.country_inferred = true;
                sides.actor = vec![Participant {
                    sentence: si,
                    mention,
                    inferred: true,
                }];
            }
        }
    }
    // Protesters the text names without a nationality ("thousands of people blocked streets in Hong
    // Kong") are people of the place where they protest.
    if sides.actor.is_empty() && pattern.event == "PROTEST" {
        sides.actor = clause.place_country(si, true);
    }
    // An ethnic group is coded by the state it lives in, as PLOVER's records do.
    for p in sides.actor.iter_mut().chain(sides.recipient.iter_mut()) {
        if p.sentence != si {
            continue;
        }
        if let Some(home) = clause.ethnic_home(&p.mention) {
            p.mention = home;
        }
    }
    // The same mention on both sides is a misreading: keep the actor.
    sides.recipient.retain(|r| {
        !sides
            .actor
            .iter()
            .any(|a| a.sentence == r.sentence && a.mention.tokens == r.mention.tokens)
    });
    // A recipient whose country was only guessed from the context, and guessed as the actor's, is a
    // misreading ("a salué la déclaration du président [Reagan]" is not Germany saluting Germany).
    // Rebels, soldiers or protesters acting on their own state's officials are no such misreading.
    let actor_codes: Vec<_> = sides
        .actor
        .iter()
        .filter(|p| p.mention.sector.is_none_or(|s| s == crate::codes::GOV))
        .filter_map(|p| p.mention.code)
        .collect();
    sides.recipient.retain(|r| {
        !(r.mention.country_inferred
            && r.mention.sector == Some(crate::codes::GOV)
            && r.mention.code.is_some_and(|c| actor_codes.contains(&c)))
    });
    // A protest names its target after "against" even behind a noun that is no actor (a policy, a
    // law, violations by someone).
    if sides.recipient.is_empty() && pattern.event == "PROTEST" {
        let actor_codes: Vec<_> = sides.actor.iter().filter_map(|p| p.mention.code).collect();
        sides.recipient = clause.opposed(trigger_rel.end, si);
        sides
            .recipient
            .retain(|r| r.mention.code.is_some_and(|c| !actor_codes.contains(&c)));
    }
    // An attack on a place that is no actor ("the invasion of southern Syria", "shelled the Gaza
    // Strip") targets its state, unless an actor is named before it.
    if matches!(pattern.event, "ASSAULT" | "COERCE") {
        if let Some(place) = clause.place_object(trigger_rel.end, si) {
            let first = sides
                .recipient
                .first()
                .is_none_or(|r| r.mention.tokens.start > place.mention.tokens.start);
            let own = sides
                .actor
                .iter()
                .any(|a| a.mention.code == place.mention.code);
            if first && !own {
                sides.recipient = vec![place];
            }
        }
    }
    // A reaction to what was just told ("Paris a condamné cette décision", "Taipei denounced the
    // provocations") is aimed at whoever the previous sentence was about.
    if sides.recipient.is_empty()
        && !sides.actor.is_empty()
        && pattern.recipient.object
        && matches!(pattern.event, "ACCUSE" | "REJECT" | "SUPPORT")
        && group.is_some_and(|g| clause.has_object(g))
    {
        let actor_codes: Vec<_> = sides.actor.iter().filter_map(|p| p.mention.code).collect();
        sides.recipient = memory
            .previous_subject()
            .iter()
            .filter(|p| p.mention.code.is_some_and(|c| !actor_codes.contains(&c)))
            .map(|p| Participant {
                inferred: true,
                ..p.clone()
            })
            .collect();
    }
    // Where the event happens names its target when the pattern expects one, and for protest,
    // repression and threats, which aim at the authorities of the place.
    if sides.recipient.is_empty()
        && (!pattern.recipient.is_none()
            || matches!(pattern.event, "PROTEST" | "COERCE" | "THREATEN"))
    {
        let forceful = matches!(pattern.event, "ASSAULT" | "COERCE" | "PROTEST" | "THREATEN");
        sides.recipient = clause.place_country(si, forceful);
    }
    // Protest and repression without a named target are aimed at the actor's own state.
    if sides.recipient.is_empty() && matches!(pattern.event, "PROTEST" | "COERCE") {
        sides.recipient = sides
            .actor
            .iter()
            .filter(|a| a.mention.country.is_some())
            .take(1)
            .map(|a| {
                let mut state = a.clone();
                state.mention.sector = Some(crate::codes::GOV);
                state.mention.kind = crate::recognize::ActorKind::State;
                state.mention.code = state.mention.country;
                state.inferred = true;
                state
            })
            .collect();
    }
    if sides.actor.is_empty() && sides.recipient.is_empty() {
        return Err("no actor and no recipient in the clause".into());
    }
    let mut modality = modality_of(
        clause,
        memory,
        group,
        trigger_rel.clone(),
        &sides.actor,
        cand.group,
    );
    let mut event = pattern.event;
    let mut mode = pattern.mode.clone();
    let mut cameo = pattern.cameo.clone();
    let mut promoted_from = None;
    let mut promotion = None;
    let promised = clause
        .governing_verb(trigger_rel.start)
        .is_some_and(|g| clause.grammar.promise_verb.contains_lemma(&g.lemma));
    if matches!(
        event,
        "SUPPORT" | "COOPERATE" | "AID" | "CONCEDE" | "RETREAT" | "CONSULT"
    ) && (promised || modality == Modality::Planned)
    {
        // PLOVER: cooperative actions promised or reported in the future are intentions, coded AGREE.
        promoted_from = Some(event);
        promotion = Some("a cooperative act promised or in the future is an agreement");
        event = "AGREE";
        mode = None;
        cameo = "030".into();
        modality = Modality::Asserted;
    }
    // "The EU may suspend talks with Peru if the crackdown goes on", "L'Algérie expulsera les
    // diplomates si Rabat...": a conflictual act that will or may follow unless a condition is met is
    // a threat, whatever its mood.
    let conditioned = matches!(
        event,
        "SANCTION" | "PROTEST" | "COERCE" | "ASSAULT" | "MOBILIZE"
    ) && !group.is_some_and(|v| v.negated)
        && !clause.in_condition(trigger_rel.start)
        && group
            .filter(|v| is_finite(v))
            .or_else(|| clause.governing_verb(trigger_rel.start))
            .is_some_and(is_prospective)
        && clause.attached_condition(trigger_rel.clone()).is_some();
    // PLOVER: a conflictual act announced for the future is a threat (an announced sanction is
    // already the sanction).
    let announced = matches!(event, "PROTEST" | "COERCE" | "ASSAULT" | "MOBILIZE")
        && modality == Modality::Planned;
    if conditioned || announced {
        let (threat_mode, threat_cameo) = threat_of(event, mode.as_deref());
        promoted_from = Some(event);
        promotion = Some(if conditioned {
            "a conflictual act that will or may follow a condition is a threat"
        } else {
            "a conflictual act announced for the future is a threat"
        });
        event = "THREATEN";
        mode = threat_mode.map(str::to_string);
        cameo = threat_cameo.into();
        modality = Modality::Asserted;
    }
    // "threatened to strike unless Zambia withdrew the law": a threat that names no recipient of its
    // own is aimed at whoever must meet its condition.
    if event == "THREATEN" && sides.recipient.iter().all(|p| p.inferred) {
        if let Some(condition) = clause.attached_condition(trigger_rel.clone()) {
            let actor_codes: Vec<_> = sides.actor.iter().filter_map(|p| p.mention.code).collect();
            let mut target = clause.condition_subject(condition, si);
            target.retain(|p| p.mention.code.is_some_and(|c| !actor_codes.contains(&c)));
            if !target.is_empty() {
                sides.recipient = target;
            }
        }
    }
    // A cooperative act refused for the future ("said it would not meet the demands") is a rejection.
    let will = group.is_some_and(|v| {
        v.tense == GroupTense::Future
            || matches!(v.mood, Mood::Conditional)
            || matches!(v.modal.as_deref(), Some("will" | "would" | "shall"))
    });
    // "ne sont pas parvenus à un accord": an agreement that did not happen is a rejection too.
    if modality == Modality::Negated
        && (will || event == "AGREE")
        && matches!(
            event,
            "AGREE" | "CONCEDE" | "COOPERATE" | "AID" | "RETREAT" | "SUPPORT" | "CONSULT"
        )
    {
        promoted_from = Some(event);
        promotion = Some("a cooperative act refused or that failed is a rejection");
        event = "REJECT";
        mode = None;
        cameo = "120".into();
        modality = Modality::Asserted;
    }
    // "Russia said that Sudan must return the helicopter": an obligation stated by someone else is
    // that speaker's demand on the one who must act.
    let obliged = group.is_some_and(|v| {
        obligation_of(v, clause.folded, clause.grammar).is_some()
            || (v.infinitive
                && clause.governing_verb(trigger_rel.start).is_some_and(|o| {
                    o.tokens.end + 2 >= v.tokens.start
                        && obligation_of(o, clause.folded, clause.grammar).is_some()
                }))
    });
    if obliged {
        if let Some(speaker) = clause.speaker_before(trigger_rel.start, memory, si) {
            // "reminded Iraq that it must cooperate": the pronoun stands for the one addressed.
            let start = group.map_or(trigger_rel.start, |v| v.tokens.start);
            if let Some(addressee) = clause.addressee_as_pronoun_before(start, si) {
                sides.actor = vec![addressee];
            }
            let codes = |side: &[Participant]| {
                side.iter()
                    .filter_map(|p| p.mention.code)
                    .collect::<Vec<_>>()
            };
            if !speaker.is_empty() && codes(&speaker) != codes(&sides.actor) {
                promoted_from = Some(event);
                promotion = Some("an act someone else says must be done is a demand");
                event = "REQUEST";
                mode = None;
                cameo = "100".into();
                modality = Modality::Asserted;
                sides.recipient = std::mem::replace(&mut sides.actor, speaker);
            }
        }
    }
    let (date, date_in_text, end_date) = event_dates(analysis, si, trigger_rel.start + clause.base);
    let place = event_place(analysis, si, cand.trigger.start);
    Ok(CodedEvent {
        lang: pattern.lang,
        pattern: Some(cand.pattern),
        rule: pattern.id.clone(),
        event,
        mode,
        context: pattern.context.clone(),
        cameo,
        promoted_from,
        promotion,
        actor: sides.actor,
        recipient: sides.recipient,
        modality,
        date,
        date_in_text,
        end_date,
        place,
        evidence: vec![Evidence {
            sentence: si,
            trigger: cand.trigger.clone(),
        }],
    })
}

/// The length in tokens of the obligation a verb group states, counted from its end ("must return":
/// 0; "has to": 1), when its modal or its verb and the words after it are an obligation of the grammar.
fn obligation_of(v: &VerbGroup, folded: &[&str], grammar: &Grammar) -> Option<usize> {
    if v.modal.as_deref().is_some_and(|m| {
        grammar
            .obligation
            .contains(&crate::text::normalize::fold_str(m))
    }) {
        return Some(0);
    }
    if !is_finite(v) {
        return None;
    }
    let lemma = crate::text::normalize::fold_str(&v.lemma);
    // "devait" before a verb the lexicon does not know is a group of its own.
    if grammar.obligation.contains(&lemma) {
        return Some(0);
    }
    let mut words = vec![lemma.as_str()];
    words.extend(folded[v.tokens.end..].iter().take(3));
    grammar
        .obligation
        .match_at(&words)
        .filter(|&n| n >= 2)
        .map(|n| n - 1)
}

/// "Ghana said that Togo must hand back the trucks", "Paris a affirmé que Bamako devait remettre...":
/// an obligation that a speaker lays on another actor is the speaker's demand, even when what must
/// be done is no event of the dictionaries. Obligations whose verb is a trigger are left to that
/// trigger's event. Returns the events, each with the tokens of its obligation.
fn stated_obligations(
    analysis: &Analysis<'_>,
    clause: &Clause<'_>,
    si: usize,
    lang: Lang,
    triggers: &[Range<usize>],
    memory: &roles::Memory,
) -> Vec<CodedEvent> {
    let g = clause.grammar;
    let folded = clause.folded;
    // Where an obligation is stated: a group with an obligation modal or verb, or an obligation modal
    // before a verb the lexicon does not know, which makes no group.
    let mut spots: Vec<(Range<usize>, String)> = Vec::new();
    for v in clause.groups {
        // "must not" still demands; "does not have to" does not.
        if v.negated && v.modal.is_none() {
            continue;
        }
        if let Some(n) = obligation_of(v, folded, g) {
            let word = v.modal.as_deref().unwrap_or(&v.lemma).to_string();
            spots.push((v.tokens.start..v.tokens.end + n, word));
        }
    }
    for (k, w) in folded.iter().enumerate() {
        if g.obligation.contains(w) && !clause.groups.iter().any(|v| v.tokens.contains(&k)) {
            spots.push((k..k + 1, (*w).to_string()));
        }
    }
    let codes = |side: &[Participant]| {
        let mut c: Vec<_> = side.iter().filter_map(|p| p.mention.code).collect();
        c.sort();
        c.dedup();
        c
    };
    let mut out = Vec::new();
    for (spot, word) in spots {
        // The verb that must act, right after the obligation, is a trigger: its own event says it.
        let content_end = clause
            .groups
            .iter()
            .find(|v| v.tokens.start >= spot.end && v.tokens.start <= spot.end + 1)
            .map_or(spot.end + 1, |v| v.tokens.end);
        let told = triggers.iter().any(|t| {
            let t = t.start - clause.base;
            t >= spot.start && t < content_end
        });
        if told {
            continue;
        }
        let Some(speaker) = clause.speaker_before(spot.start, memory, si) else {
            continue;
        };
        let mut obliged = clause.subject(spot.start, Some(memory), si);
        if let Some(addressee) = clause.addressee_as_pronoun_before(spot.start, si) {
            obliged = vec![addressee];
        }
        let (speaker_codes, obliged_codes) = (codes(&speaker), codes(&obliged));
        if speaker_codes.is_empty()
            || obliged_codes.is_empty()
            || obliged_codes.iter().any(|c| speaker_codes.contains(c))
        {
            continue;
        }
        let trigger = clause.base + spot.start..clause.base + spot.end;
        let (date, date_in_text, end_date) = event_dates(analysis, si, trigger.start);
        let place = event_place(analysis, si, trigger.start);
        out.push(CodedEvent {
            lang,
            pattern: None,
            rule: format!("{}:REQUEST:obligation:{word}", lang.code()),
            event: "REQUEST",
            mode: None,
            context: Vec::new(),
            cameo: "100".into(),
            promoted_from: None,
            promotion: None,
            actor: speaker,
            recipient: obliged,
            modality: Modality::Asserted,
            date,
            date_in_text,
            end_date,
            place,
            evidence: vec![Evidence {
                sentence: si,
                trigger,
            }],
        });
    }
    out
}

/// True when a verb group tells what will or may happen: a future, a conditional, or "will", "would",
/// "shall", "may", "might", "could".
fn is_prospective(v: &VerbGroup) -> bool {
    v.tense == GroupTense::Future
        || v.mood == Mood::Conditional
        || matches!(
            v.modal.as_deref(),
            Some("will" | "would" | "shall" | "may" | "might" | "could")
        )
}

/// The mode and CAMEO code of the threat of a conflictual act: threatening to cut ties is 1313,
/// to arrest 132, to strike 133, to attack 138.
fn threat_of(event: &str, mode: Option<&str>) -> (Option<&'static str>, &'static str) {
    match (event, mode) {
        ("SANCTION", Some("discontinue" | "withdraw")) => (Some("relations"), "1313"),
        // CAMEO has no threat of expulsion of its own: a non-force threat.
        ("SANCTION", Some("expel")) => (Some("expel"), "131"),
        ("SANCTION", Some("convict")) => (Some("arrest"), "132"),
        ("SANCTION", _) => (Some("restrict"), "1312"),
        ("COERCE", Some("arrest" | "deport")) => (Some("arrest"), "132"),
        ("COERCE", Some("curfew")) => (Some("restrict"), "1323"),
        ("COERCE", Some("martial-law")) => (Some("restrict"), "1324"),
        ("COERCE", Some("restrict" | "censor")) => (Some("restrict"), "1321"),
        ("COERCE", _) => (None, "137"),
        ("PROTEST", _) => (None, "133"),
        ("ASSAULT" | "MOBILIZE", _) => (Some("violence"), "138"),
        _ => (None, "130"),
    }
}

/// The event's place: the locative place of the sentence nearest to the trigger.
fn event_place(
    analysis: &Analysis<'_>,
    si: usize,
    trigger_start: usize,
) -> Option<(usize, PlaceMention)> {
    analysis.entities[si]
        .places
        .iter()
        .filter(|p| p.locative)
        .min_by_key(|p| p.tokens.start.abs_diff(trigger_start))
        .cloned()
        .map(|p| (si, p))
}

/// How far from its trigger a date may stand and still date the event.
const DATE_WINDOW: usize = 10;

/// The event's date: the nearest point date of the sentence, else the publication date; a deadline
/// ("jusqu'au 20 septembre") becomes the end date.
fn event_dates(
    analysis: &Analysis<'_>,
    si: usize,
    trigger: usize,
) -> (Option<DateValue>, bool, Option<DateValue>) {
    let dates = &analysis.entities[si].dates;
    let nearest = |role: DateRole| {
        dates
            .iter()
            .filter(|d| d.role == role)
            .filter(|d| {
                d.tokens.start.abs_diff(trigger) <= DATE_WINDOW
                    || d.tokens.end.abs_diff(trigger) <= DATE_WINDOW
            })
            .filter_map(|d| d.value.map(|v| (d.tokens.start.abs_diff(trigger), v)))
            .min_by_key(|(dist, _)| *dist)
            .map(|(_, v)| v)
    };
    let end = nearest(DateRole::Deadline);
    match nearest(DateRole::Point) {
        Some(v) => (Some(v), true, end),
        None => (
            analysis.publication.map(|d| DateValue {
                date: d,
                precision: crate::dates::Precision::Day,
            }),
            false,
            end,
        ),
    }
}

/// A deadline also bounds the last event of the sentence before ("... déclarés persona non grata. Ceux-ci
/// ont jusqu'au 20 septembre pour partir.").
fn attach_following_deadlines(analysis: &Analysis<'_>, events: &mut [CodedEvent]) {
    for (si, e) in analysis.entities.iter().enumerate().skip(1) {
        let Some(deadline) = e
            .dates
            .iter()
            .find(|d| d.role == DateRole::Deadline)
            .and_then(|d| d.value)
        else {
            continue;
        };
        // Events come in sentence order: look only at those of the sentence before, so that a long
        // document with many deadlines stays linear.
        let end = events.partition_point(|ev| ev.evidence[0].sentence < si);
        if let Some(ev) = events[..end]
            .iter_mut()
            .rev()
            .take_while(|ev| ev.evidence[0].sentence == si - 1)
            .find(|ev| ev.end_date.is_none())
        {
            ev.end_date = Some(deadline);
        }
    }
}

fn modality_of(
    clause: &Clause<'_>,
    memory: &roles::Memory,
    group: Option<&VerbGroup>,
    trigger: Range<usize>,
    actor: &[Participant],
    group_index: Option<usize>,
) -> Modality {
    let g = clause.grammar;
    // A participle in apposition describes a state ("son ressortissant, toujours détenu à Bamako"),
    // which a condition around it does not make hypothetical.
    let apposition = group.is_some_and(|v| v.participle_adjective);
    if !apposition && clause.in_condition(trigger.start) {
        return Modality::Hypothetical;
    }
    if group.is_some_and(|v| v.negated) {
        return Modality::Negated;
    }
    if group.is_some_and(|v| {
        matches!(
            v.modal.as_deref(),
            Some("pouvoir" | "could" | "might" | "may")
        )
    }) {
        return Modality::Hypothetical;
    }
    let governing = clause.governing_verb(trigger.start);
    if governing.is_some_and(|gv| g.threat_verb.contains_lemma(&gv.lemma)) {
        return Modality::Threatened;
    }
    // "ont annoncé qu'ils libéreraient": a conditional under a verb of saying is the future seen from
    // the past, a plan; elsewhere the French conditional distances the writer from a claim.
    let conditional =
        group.is_some_and(|v| v.mood == Mood::Conditional && clause.grammar.lang == Some(Lang::Fr));
    if conditional
        && clause.in_dependent_clause(trigger.start)
        && clause.speaker_before(trigger.start, memory, 0).is_some()
    {
        return Modality::Planned;
    }
    if clause.has_alleged_marker(trigger.clone()) || conditional {
        return Modality::Alleged;
    }
    let future = group.is_some_and(|v| {
        v.tense == GroupTense::Future
            || matches!(
                v.modal.as_deref(),
                Some("will" | "shall" | "would" | "devoir" | "vouloir")
            )
    });
    if future
        || governing.is_some_and(|gv| {
            g.planning_verb.contains_lemma(&gv.lemma) || gv.tense == GroupTense::Future
        })
    {
        return Modality::Planned;
    }
    if clause.is_reported(trigger.start, actor, group_index, memory) {
        return Modality::Reported;
    }
    Modality::Asserted
}

/// Merges the events of a document that report the same thing: same type, mode and modality, and sides
/// that agree (equal, or one missing).
fn merge_duplicates(events: Vec<CodedEvent>) -> Vec<CodedEvent> {
    let codes = |side: &[Participant]| -> Vec<Code> {
        let mut c: Vec<Code> = side.iter().filter_map(|p| p.mention.code).collect();
        c.sort();
        c.dedup();
        c
    };
    let compatible = |a: &[Code], b: &[Code]| a.is_empty() || b.is_empty() || a == b;
    let mut out: Vec<CodedEvent> = Vec::new();
    // Each record's actor and recipient codes, kept beside it, and the records of each type and
    // mode: an event is compared with the few records it could repeat, not with the whole document.
    let mut sides: Vec<(Vec<Code>, Vec<Code>)> = Vec::new();
    let mut by_type: FxHashMap<(&'static str, Option<String>), Vec<usize>> = FxHashMap::default();
    for ev in events {
        let (ea, er) = (codes(&ev.actor), codes(&ev.recipient));
        let key = (ev.event, ev.mode.clone());
        let same = by_type.get(&key).and_then(|records| {
            records.iter().copied().find(|&i| {
                let (o, (oa, or)) = (&out[i], &sides[i]);
                same_certainty_class(o.modality, ev.modality)
                    && compatible(oa, &ea)
                    && compatible(or, &er)
                    && (!oa.is_empty() || !ea.is_empty())
                    && (!or.is_empty() || !er.is_empty() || *oa == ea)
                    && (o.date == ev.date || !o.date_in_text || !ev.date_in_text)
            })
        });
        match same {
            Some(i) => {
                let o = &mut out[i];
                // The most certain report wins: an alleged event confirmed elsewhere is asserted.
                o.modality = o.modality.min(ev.modality);
                if o.actor.is_empty() {
                    o.actor = ev.actor;
                    sides[i].0 = ea;
                }
                if o.recipient.is_empty() {
                    o.recipient = ev.recipient;
                    sides[i].1 = er;
                }
                if !o.date_in_text && ev.date_in_text {
                    o.date = ev.date;
                    o.date_in_text = true;
                }
                o.end_date = o.end_date.or(ev.end_date);
                o.place = o.place.take().or(ev.place);
                o.evidence.extend(ev.evidence);
            }
            None => {
                by_type.entry(key).or_default().push(out.len());
                sides.push((ea, er));
                out.push(ev);
            }
        }
    }
    out
}

/// Asserted, reported and alleged reports of one event are the same event told with more or less
/// certainty; a negated, hypothetical, planned or threatened event is another thing.
fn same_certainty_class(a: Modality, b: Modality) -> bool {
    let told = |m: Modality| {
        matches!(
            m,
            Modality::Asserted | Modality::Reported | Modality::Alleged
        )
    };
    a == b || (told(a) && told(b))
}

/// True when a verb group is finite: indicative, conditional, subjunctive or imperative, and no
/// participle or infinitive.
pub fn is_finite(g: &VerbGroup) -> bool {
    matches!(
        g.mood,
        Mood::Indicative | Mood::Conditional | Mood::Subjunctive | Mood::Imperative
    ) && !g.participle_adjective
        && !g.infinitive
}

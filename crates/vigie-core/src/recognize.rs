//! Recognition: the actors, places and dates of each sentence, built from gazetteer matches and their
//! context (a sector noun takes its country from a neighbouring demonym or "de France"; a capital after
//! "à" is a place, before a verb an actor).

use std::ops::Range;

use jiff::civil::Date;

use crate::codes::{Code, CVL, GOV};
use crate::dates::{find_dates, DateLexicon, DateMention};
use crate::grammar::Grammar;
use crate::knowledge::gazetteer::GazetteerMatch;
use crate::knowledge::{EntryKind, KnowledgeBase};
use crate::language::Lang;
use crate::text::{Sentence, TokenKind, TokenizedText};

/// How an actor mention names its actor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorKind {
    /// A state by its name ("le Mali").
    State,
    /// A capital or seat of power standing for the government ("Paris", "l'Élysée").
    Metonym,
    /// A sector noun, with its country when the text gives one ("la junte malienne").
    Sector,
    /// A nationality alone ("les Maliens", "the French side").
    Demonym,
    /// A named person.
    Person,
    /// A named organisation.
    Organisation,
}

/// One actor mention in a sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct ActorMention {
    /// All tokens of the mention, determiners and modifiers included.
    pub tokens: Range<usize>,
    /// The tokens that named the actor in the dictionary.
    pub head: Range<usize>,
    pub kind: ActorKind,
    /// The actor code: a country, or IGO/NGO/IMG/MNC/ISM. `None` when the text does not say.
    pub code: Option<Code>,
    /// The actor's country, when it has one.
    pub country: Option<Code>,
    pub sector: Option<Code>,
    /// The country was taken from the context rather than from the mention itself.
    pub country_inferred: bool,
    pub organisation: Option<u32>,
    pub person: Option<u32>,
    /// The mention follows a locative preposition ("au Mali", "à Bamako"): it is reported as a place, and
    /// the coder only takes it as a recipient when a pattern asks for that preposition.
    pub locative: bool,
}

/// What a place mention refers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlaceRef {
    City(u32),
    Region(u32),
    Country(Code),
}

#[derive(Clone, Debug, PartialEq)]
pub struct PlaceMention {
    pub tokens: Range<usize>,
    pub place: PlaceRef,
    /// The place came after a locative preposition ("à Bamako", "in Gaza").
    pub locative: bool,
}

/// The recognised content of one sentence.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SentenceEntities {
    pub actors: Vec<ActorMention>,
    pub places: Vec<PlaceMention>,
    pub dates: Vec<DateMention>,
}

/// A selected dictionary span and the interpretation chosen for it.
#[derive(Clone, Copy, Debug)]
struct Span {
    start: usize,
    end: usize,
    kind: EntryKind,
    /// The gazetteer pattern, whose city entries give the span's place reading.
    pattern: u32,
}

/// Recognises the entities of every sentence of a document.
pub struct Recognizer<'kb> {
    kb: &'kb KnowledgeBase,
    dates: &'kb DateLexicon,
    grammar: &'kb Grammar,
    lang: Lang,
}

impl<'kb> Recognizer<'kb> {
    pub fn new(kb: &'kb KnowledgeBase, dates: &'kb DateLexicon, grammar: &'kb Grammar) -> Self {
        Recognizer {
            kb,
            dates,
            grammar,
            lang: dates.lang(),
        }
    }

    pub fn recognize(
        &self,
        text: &TokenizedText,
        sentences: &[Sentence],
        publication: Option<Date>,
    ) -> Vec<SentenceEntities> {
        let matches = self.kb.gazetteer.find(text);
        let mut by_sentence: Vec<Vec<GazetteerMatch>> = vec![Vec::new(); sentences.len()];
        for m in matches {
            let s = sentences.partition_point(|s| s.tokens.end <= m.start as usize);
            if s < sentences.len() && (m.end as usize) <= sentences[s].tokens.end {
                by_sentence[s].push(m);
            }
        }
        let mut dates_per_sentence = Vec::with_capacity(sentences.len());
        let mut spans_per_sentence = Vec::with_capacity(sentences.len());
        let mut context_countries: Vec<Code> = Vec::new();
        for (s, ms) in sentences.iter().zip(&by_sentence) {
            let dates = find_dates(self.dates, text, s.tokens.clone(), publication);
            let spans = self.select_spans(text, s, ms, &dates);
            for sp in &spans {
                if let Some(c) = self.span_country(sp) {
                    if !context_countries.contains(&c) {
                        context_countries.push(c);
                    }
                }
            }
            dates_per_sentence.push(dates);
            spans_per_sentence.push(spans);
        }
        let mut out = Vec::with_capacity(sentences.len());
        let mut previous_countries: Vec<Code> = Vec::new();
        for ((s, spans), dates) in sentences
            .iter()
            .zip(spans_per_sentence)
            .zip(dates_per_sentence)
        {
            let mut entities = self.compose(
                text,
                s,
                &spans,
                &context_countries,
                publication,
                &previous_countries,
            );
            entities.dates = dates;
            previous_countries = entities
                .actors
                .iter()
                .filter(|a| !a.country_inferred && !a.locative)
                .filter_map(|a| a.country)
                .collect();
            out.push(entities);
        }
        out
    }

    fn span_country(&self, sp: &Span) -> Option<Code> {
        match sp.kind {
            EntryKind::CountryName(c)
            | EntryKind::Demonym(c)
            | EntryKind::Capital(c)
            | EntryKind::Seat(c) => Some(c),
            _ => None,
        }
    }

    /// Chooses non-overlapping spans, longest first, and one interpretation for each.
    fn select_spans(
        &self,
        text: &TokenizedText,
        sentence: &Sentence,
        matches: &[GazetteerMatch],
        dates: &[DateMention],
    ) -> Vec<Span> {
        let base = sentence.tokens.start;
        let mut taken = vec![false; sentence.tokens.len()];
        for d in dates {
            for t in d.tokens.clone() {
                taken[t - base] = true;
            }
        }
        let mut order: Vec<&GazetteerMatch> = matches.iter().collect();
        order.sort_by_key(|m| (std::cmp::Reverse(m.len()), m.start));
        let mut spans = Vec::new();
        for m in order {
            let (start, end) = (m.start as usize, m.end as usize);
            if taken[start - base..end - base].iter().any(|&t| t) {
                continue;
            }
            let first = &text.tokens[start];
            let mut best: Option<EntryKind> = None;
            for e in self.kb.gazetteer.entries(m.pattern) {
                if e.accepts(&text.tokens[start..end], self.lang)
                    && best.is_none_or(|b| priority(e.kind) > priority(b))
                {
                    best = Some(e.kind);
                }
            }
            let Some(kind) = best else { continue };
            // "Chadli Haddad" is not Chadli Bendjedid: a one-word name of a person followed by an
            // unknown capitalised word belongs to someone else's full name.
            if matches!(kind, EntryKind::Person(_))
                && end - start == 1
                && end < sentence.tokens.end
                && !taken[end - base]
                && text.tokens[end].is_capitalized()
                && !text.tokens[end].is_all_caps()
                && text
                    .folded(&text.tokens[end])
                    .chars()
                    .all(char::is_alphabetic)
            {
                continue;
            }
            if matches!(kind, EntryKind::City(_))
                && start == base
                && self.kb.is_common_word(self.lang, text.folded(first))
            {
                continue;
            }
            for t in &mut taken[start - base..end - base] {
                *t = true;
            }
            spans.push(Span {
                start,
                end,
                kind,
                pattern: m.pattern,
            });
        }
        spans.sort_by_key(|s| s.start);
        spans
    }

    /// The city a span names: among the cities sharing its name, one of `country` if given, else one in
    /// a country the document talks about, else the capital or the most populous.
    fn choose_city(&self, pattern: u32, country: Option<Code>, context: &[Code]) -> Option<u32> {
        self.kb
            .gazetteer
            .entries(pattern)
            .iter()
            .filter_map(|e| match e.kind {
                EntryKind::City(c) => Some(c),
                _ => None,
            })
            .max_by_key(|&c| {
                let city = &self.kb.cities[c as usize];
                let in_country = country == Some(city.country);
                let in_context = context.contains(&city.country);
                (in_country, in_context, city.capital, city.population)
            })
    }

    #[allow(clippy::too_many_arguments)]
    fn compose(
        &self,
        text: &TokenizedText,
        sentence: &Sentence,
        spans: &[Span],
        context: &[Code],
        publication: Option<Date>,
        previous_countries: &[Code],
    ) -> SentenceEntities {
        let mut out = SentenceEntities::default();
        let mut consumed = vec![false; spans.len()];
        let range = sentence.tokens.clone();
        let folded = |i: usize| text.folded(&text.tokens[i]);
        let g = self.grammar;
        // The preposition before a span, skipping one determiner ("dans la capitale", "in the") and a
        // point of the compass ("in northern Israel", "dans le sud du Liban").
        let preposition_before = |start: usize| -> Option<usize> {
            let mut i = start;
            for _ in 0..4 {
                if i <= range.start {
                    return None;
                }
                i -= 1;
                let w = folded(i);
                let compass_of =
                    g.of.contains(w) && i > range.start && g.compass.contains(folded(i - 1));
                if (g.determiner.contains(w) && !g.locative.contains(w))
                    || g.compass.contains(w)
                    || compass_of
                {
                    continue;
                }
                return Some(i);
            }
            None
        };
        let is_locative = |start: usize| {
            preposition_before(start).is_some_and(|p| g.locative.contains(folded(p)))
        };
        let extend_left = |start: usize| -> usize {
            let mut s = start;
            while s > range.start && s + 3 > start {
                let w = folded(s - 1);
                if g.determiner.contains(w) || text.tokens[s - 1].kind == TokenKind::Number {
                    s -= 1;
                } else {
                    break;
                }
            }
            s
        };

        // Sector nouns first: they absorb neighbouring demonyms, countries and people.
        for (k, sp) in spans.iter().enumerate() {
            let EntryKind::Sector(sector) = sp.kind else {
                continue;
            };
            if consumed[k] {
                continue;
            }
            consumed[k] = true;
            let mut mention = ActorMention {
                tokens: extend_left(sp.start)..sp.end,
                head: sp.start..sp.end,
                kind: ActorKind::Sector,
                code: None,
                country: None,
                sector: Some(sector),
                country_inferred: false,
                organisation: None,
                person: None,
                locative: false,
            };
            let mut attached = false;
            // Right: "la junte (militaire) malienne", "deux diplomates maliens", "le président sud-coréen X".
            if let Some(j) = (k + 1..spans.len()).find(|&j| !consumed[j]) {
                let next = &spans[j];
                let gap_ok = |from: usize, to: usize, max: usize| {
                    to >= from
                        && to - from <= max
                        && (from..to).all(|t| {
                            text.tokens[t].kind == TokenKind::Word && !g.is_function_word(folded(t))
                        })
                };
                match next.kind {
                    // English puts nationality adjectives before the noun: "envoy met Iraqi
                    // leaders" does not make the envoy Iraqi.
                    EntryKind::Demonym(c)
                        if g.lang != Some(Lang::En) && gap_ok(sp.end, next.start, 2) =>
                    {
                        consumed[j] = true;
                        mention.code = Some(c);
                        mention.country = Some(c);
                        mention.tokens.end = next.end;
                        attached = true;
                        // "le président sud-coréen Yoon Suk Yeol": the person follows in apposition.
                        if let Some(p) = spans.get(j + 1).filter(|p| p.start == next.end) {
                            if let EntryKind::Person(pi) = p.kind {
                                consumed[j + 1] = true;
                                self.apply_person(&mut mention, p.pattern, pi, publication);
                                mention.tokens.end = p.end;
                                mention.head = p.start..p.end;
                            }
                        }
                    }
                    EntryKind::Person(pi) if next.start == sp.end => {
                        consumed[j] = true;
                        self.apply_person(&mut mention, next.pattern, pi, publication);
                        mention.tokens.end = next.end;
                        mention.head = next.start..next.end;
                        attached = true;
                    }
                    EntryKind::CountryName(c) | EntryKind::Capital(c) | EntryKind::Seat(c) => {
                        // "le gouvernement du Mali", "l'ambassadeur de France", "soldiers of Mali".
                        let of_at = sp.end;
                        let det_ok = |from: usize| {
                            (from..next.start).all(|t| g.determiner.contains(folded(t)))
                        };
                        // "Opposition groups in Zimbabwe", "des manifestants à Bamako": the place of a
                        // group of people says whose they are.
                        // Not when the sector word qualifies a noun before it ("l'aide militaire au
                        // Mozambique"): the place then belongs to that noun.
                        let heads_phrase = sp.end - sp.start > 1
                            || sp.start == range.start
                            || text.tokens[sp.start - 1].kind != TokenKind::Word
                            || g.is_closed_class(folded(sp.start - 1))
                            || text.tokens[sp.start - 1].is_capitalized();
                        let located =
                            g.locative.contains(folded(of_at)) && sector != GOV && heads_phrase;
                        if of_at < next.start
                            && (g.of.contains(folded(of_at)) || located)
                            && next.start - of_at <= 2
                            && det_ok(of_at + 1)
                        {
                            consumed[j] = true;
                            mention.code = Some(c);
                            mention.country = Some(c);
                            mention.tokens.end = next.end;
                            attached = true;
                        }
                    }
                    EntryKind::Region(r) => {
                        // "les rebelles du Darfour", "separatists of Donbas": a region of one state.
                        let of_at = sp.end;
                        let country = self.kb.regions[r as usize].country;
                        if let Some(c) = country.filter(|_| {
                            of_at < next.start
                                && g.of.contains(folded(of_at))
                                && next.start - of_at <= 2
                                && (of_at + 1..next.start).all(|t| g.determiner.contains(folded(t)))
                        }) {
                            consumed[j] = true;
                            mention.code = Some(c);
                            mention.country = Some(c);
                            mention.tokens.end = next.end;
                            attached = true;
                        }
                    }
                    EntryKind::Organisation(o) => {
                        // "les soldats de la Minusma" (the organisation's members, in the noun's
                        // sector), "les ministres des Affaires étrangères de la Communauté européenne",
                        // or "le groupe paramilitaire Wagner" (the organisation itself, named in
                        // apposition).
                        let of_at = sp.end;
                        let before_org = (sp.end..next.start)
                            .rev()
                            .find(|&t| !g.determiner.contains(folded(t)))
                            .filter(|&t| g.of.contains(folded(t)));
                        let member = of_at < next.start
                            && before_org.is_some()
                            && next.start - of_at <= 6
                            && (sp.end..next.start).all(|t| text.tokens[t].kind == TokenKind::Word);
                        let apposition = next.start == sp.end;
                        if member || apposition {
                            consumed[j] = true;
                            let org = &self.kb.organisations[o as usize];
                            mention.code = Some(org.code);
                            mention.country = org.country;
                            mention.organisation = Some(o);
                            mention.tokens.end = next.end;
                            if apposition {
                                mention.kind = ActorKind::Organisation;
                                mention.head = next.start..next.end;
                                mention.sector = org.sector.or(mention.sector);
                                mention.tokens.start = extend_left(extend_over_generic_heads(
                                    text,
                                    range.start,
                                    sp.start,
                                ));
                            }
                            attached = true;
                        }
                    }
                    _ => {}
                }
            }
            // Left: "Malian soldiers", "the French foreign minister", "Mali's junta".
            if !attached && k > 0 && !consumed[k - 1] {
                let prev = &spans[k - 1];
                let gap = sp.start - prev.end;
                let words_between =
                    (prev.end..sp.start).all(|t| text.tokens[t].kind == TokenKind::Word);
                match prev.kind {
                    EntryKind::Demonym(c) if gap <= 2 && words_between => {
                        consumed[k - 1] = true;
                        mention.code = Some(c);
                        mention.country = Some(c);
                        mention.tokens.start = extend_left(prev.start);
                        attached = true;
                    }
                    // "Mali's junta", and "the United States' envoy" with a bare apostrophe.
                    EntryKind::CountryName(c) | EntryKind::Capital(c)
                        if (1..=3).contains(&gap)
                            && (folded(prev.end) == "'s"
                                || (folded(prev.end) == "'"
                                    && folded(prev.end - 1).ends_with('s'))) =>
                    {
                        consumed[k - 1] = true;
                        mention.code = Some(c);
                        mention.country = Some(c);
                        mention.tokens.start = extend_left(prev.start);
                        attached = true;
                    }
                    _ => {}
                }
            }
            // "des officiers de l'armée sud-coréenne", "officers of the South Korean army": members of
            // a national body share its country; the body stays a mention of its own.
            // "des" and "du" may be articles ("prendre en otage des civils"): only plain "de"/"of"
            // counts.
            if !attached
                && sp.end < range.end
                && g.of.contains(folded(sp.end))
                && !matches!(folded(sp.end), "des" | "du")
            {
                let mut at = sp.end + 1;
                while at < range.end && g.determiner.contains(folded(at)) {
                    at += 1;
                }
                let body: Vec<&Span> = spans[k + 1..]
                    .iter()
                    .take(2)
                    .take_while(|p| p.start <= at + 2)
                    .collect();
                let is_body = body.first().is_some_and(|p| p.start == at)
                    && body.iter().any(|p| matches!(p.kind, EntryKind::Sector(_)));
                let country = body.iter().find_map(|p| match p.kind {
                    EntryKind::Demonym(c) => Some(c),
                    _ => None,
                });
                if let (true, Some(c)) = (is_body, country) {
                    mention.code = Some(c);
                    mention.country = Some(c);
                    attached = true;
                }
            }
            if !attached {
                // A bare sector noun belongs to the nearest actor before it in the sentence, or failing
                // that to the actors of the previous sentence when they agree on one country.
                // The nearest of the two: a capital or a country named after an earlier body is
                // closer than that body ("l'ambassadeur de France ... a quitté Bamako ... la junte").
                let composed = out
                    .actors
                    .iter()
                    .filter(|a| a.tokens.end <= sp.start)
                    .filter_map(|a| a.country.map(|c| (a.tokens.end, c)))
                    .next_back();
                let named = spans[..k]
                    .iter()
                    .rev()
                    .filter(|p| !is_locative(p.start))
                    .find_map(|p| self.span_country(p).map(|c| (p.end, c)));
                let before = composed
                    .into_iter()
                    .chain(named)
                    .max_by_key(|(end, _)| *end)
                    .map(|(_, c)| c);
                // Groups of people ("des manifestants ... à Bagdad", "Au Zimbabwe, des groupes
                // d'opposition") belong to the place the sentence puts them in; the government is
                // not assumed to be where it acts.
                let located = || {
                    (sector != GOV)
                        .then(|| {
                            spans[k + 1..]
                                .iter()
                                .chain(spans[..k].iter().rev())
                                .filter(|p| is_locative(p.start))
                                .find_map(|p| self.span_country(p))
                        })
                        .flatten()
                };
                let inherited = before
                    .or_else(located)
                    .or_else(|| match previous_countries {
                        [c] => Some(*c),
                        [c, rest @ ..] if rest.iter().all(|r| r == c) => Some(*c),
                        _ => None,
                    });
                if let Some(c) = inherited {
                    mention.code = Some(c);
                    mention.country = Some(c);
                    mention.country_inferred = true;
                }
            }
            out.actors.push(mention);
        }

        for (k, sp) in spans.iter().enumerate() {
            if consumed[k] {
                continue;
            }
            let locative = is_locative(sp.start);
            let base = ActorMention {
                tokens: extend_left(sp.start)..sp.end,
                head: sp.start..sp.end,
                kind: ActorKind::State,
                code: None,
                country: None,
                sector: None,
                country_inferred: false,
                organisation: None,
                person: None,
                locative: false,
            };
            match sp.kind {
                EntryKind::CountryName(c) => {
                    if locative {
                        out.places.push(PlaceMention {
                            tokens: sp.start..sp.end,
                            place: PlaceRef::Country(c),
                            locative,
                        });
                    }
                    out.actors.push(ActorMention {
                        code: Some(c),
                        country: Some(c),
                        locative,
                        ..base
                    });
                }
                EntryKind::Capital(c) | EntryKind::Seat(c) => {
                    if locative {
                        let place = self
                            .choose_city(sp.pattern, Some(c), context)
                            .map(PlaceRef::City)
                            .unwrap_or(PlaceRef::Country(c));
                        out.places.push(PlaceMention {
                            tokens: sp.start..sp.end,
                            place,
                            locative,
                        });
                    }
                    out.actors.push(ActorMention {
                        kind: ActorKind::Metonym,
                        code: Some(c),
                        country: Some(c),
                        sector: Some(GOV),
                        locative,
                        ..base
                    });
                }
                EntryKind::Demonym(c) => {
                    // A capitalised French demonym is a noun for the people ("les Maliens"); in English
                    // the plural form is ("Malians").
                    let first = &text.tokens[sp.start];
                    let people = match self.lang {
                        Lang::Fr => first.is_capitalized() && sp.start > range.start,
                        Lang::En => {
                            folded(sp.end - 1).ends_with('s') && !folded(sp.end - 1).ends_with("ss")
                        }
                    };
                    out.actors.push(ActorMention {
                        kind: ActorKind::Demonym,
                        code: Some(c),
                        country: Some(c),
                        sector: people.then_some(CVL),
                        ..base
                    });
                }
                EntryKind::Organisation(o) => {
                    let org = &self.kb.organisations[o as usize];
                    out.actors.push(ActorMention {
                        tokens: extend_left(extend_over_generic_heads(text, range.start, sp.start))
                            ..sp.end,
                        kind: ActorKind::Organisation,
                        code: Some(org.code),
                        country: org.country,
                        sector: org.sector,
                        organisation: Some(o),
                        ..base
                    });
                }
                EntryKind::Person(p) => {
                    let mut m = ActorMention {
                        kind: ActorKind::Person,
                        ..base
                    };
                    self.apply_person(&mut m, sp.pattern, p, publication);
                    out.actors.push(m);
                }
                EntryKind::City(c) => out.places.push(PlaceMention {
                    tokens: sp.start..sp.end,
                    place: PlaceRef::City(self.choose_city(sp.pattern, None, context).unwrap_or(c)),
                    locative,
                }),
                EntryKind::Region(r) => out.places.push(PlaceMention {
                    tokens: sp.start..sp.end,
                    place: PlaceRef::Region(r),
                    locative,
                }),
                EntryKind::Sector(_) => {}
            }
        }
        out.actors.sort_by_key(|a| a.tokens.start);
        out.places.sort_by_key(|p| p.tokens.start);
        out
    }

    /// The person a span names at the publication date: among the people sharing its form ("Bush"),
    /// the one in office then, else the one whose offices come nearest to it.
    fn choose_person(&self, pattern: u32, first: u32, publication: Option<Date>) -> u32 {
        let Some(date) = publication else {
            return first;
        };
        self.kb
            .gazetteer
            .entries(pattern)
            .iter()
            .filter_map(|e| match e.kind {
                EntryKind::Person(p) => Some(p),
                _ => None,
            })
            .min_by_key(|&p| {
                (
                    self.kb.people[p as usize].days_from_office(date),
                    p != first,
                )
            })
            .unwrap_or(first)
    }

    fn apply_person(
        &self,
        m: &mut ActorMention,
        pattern: u32,
        person: u32,
        publication: Option<Date>,
    ) {
        let person = self.choose_person(pattern, person, publication);
        let at = self.kb.people[person as usize].at(publication);
        m.kind = ActorKind::Person;
        m.person = Some(person);
        m.code = Some(at.code);
        m.country = (!at.code.is_international()).then_some(at.code);
        m.sector = at.sector.or(m.sector);
        m.country_inferred = false;
    }
}

/// Generic nouns that introduce an organisation's name ("le groupe Wagner", "the militant group Hamas").
const GENERIC_HEADS: &[&str] = &[
    "groupe",
    "group",
    "mouvement",
    "movement",
    "organisation",
    "organization",
    "coalition",
    "milice",
    "militia",
    "parti",
    "party",
    "agence",
    "agency",
    "societe",
    "company",
    "firm",
    "compagnie",
];

/// The start of a mention once the generic nouns just before `start` are included.
fn extend_over_generic_heads(text: &TokenizedText, floor: usize, start: usize) -> usize {
    let mut s = start;
    while s > floor && s + 2 > start && GENERIC_HEADS.contains(&text.folded(&text.tokens[s - 1])) {
        s -= 1;
    }
    s
}

/// Which reading wins when one span has several: named entities before generic words.
fn priority(kind: EntryKind) -> u8 {
    match kind {
        EntryKind::Person(_) => 9,
        EntryKind::Organisation(_) => 8,
        EntryKind::CountryName(_) => 7,
        EntryKind::Seat(_) => 6,
        EntryKind::Capital(_) => 5,
        EntryKind::Demonym(_) => 4,
        EntryKind::Sector(_) => 3,
        EntryKind::Region(_) => 2,
        EntryKind::City(_) => 1,
    }
}

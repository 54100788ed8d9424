//! Roles: which actor mentions of a clause are an event's actor and recipient — subject and object,
//! passive agent, prepositional complements, coordination, relative clauses, pronouns that point back
//! to an earlier sentence — and the clause-level clues for modality.

use std::ops::Range;

use crate::grammar::Grammar;
use crate::morphology::{VerbGroup, Voice};
use crate::recognize::{ActorKind, ActorMention};

use super::patterns::RecipientRule;
use super::{is_finite, Participant};

/// How far after a trigger a recipient or an agent may stand.
const COMPLEMENT_WINDOW: usize = 16;

/// A sentence as the role rules see it. Token indices of `folded` and `groups` are relative to the
/// sentence; mention indices are absolute (`base` converts).
pub struct Clause<'a> {
    pub base: usize,
    /// The end of the trigger being resolved: its fixed words ("held phone talks with") are not verbs
    /// that end the search for a complement.
    pub trigger_end: std::cell::Cell<usize>,
    /// The start of the trigger being resolved.
    pub trigger_start: std::cell::Cell<usize>,
    pub folded: &'a [&'a str],
    pub groups: &'a [VerbGroup],
    pub actors: &'a [ActorMention],
    /// The states of the places named after a locative preposition, as mentions.
    pub located_states: &'a [ActorMention],
    pub grammar: &'a Grammar,
}

/// The actor and recipient found for one trigger.
#[derive(Default)]
pub struct Sides {
    pub actor: Vec<Participant>,
    pub recipient: Vec<Participant>,
}

/// What earlier sentences leave for pronouns to point to.
#[derive(Default)]
pub struct Memory {
    /// The subject of the last sentence that had one.
    subject: Vec<Participant>,
    /// The last actor mentioned.
    last: Option<Participant>,
}

impl Memory {
    /// The subject of the last earlier sentence that had one.
    pub fn previous_subject(&self) -> &[Participant] {
        &self.subject
    }

    pub fn remember(&mut self, clause: &Clause<'_>, si: usize) {
        if let Some(g) = clause.groups.iter().find(|g| is_finite(g)) {
            let subject = clause.subject(g.tokens.start, None, si);
            if !subject.is_empty() {
                self.subject = subject;
            }
        }
        if let Some(m) = clause.actors.iter().rfind(|a| {
            !a.locative && a.code.is_some() && !(a.kind == ActorKind::Demonym && a.sector.is_none())
        }) {
            self.last = Some(Participant {
                sentence: si,
                mention: m.clone(),
                inferred: false,
            });
        }
    }
}

fn is_boundary(t: &str) -> bool {
    matches!(t, "." | ";" | ":" | "!" | "?")
}

fn is_dash(t: &str) -> bool {
    matches!(t, "—" | "–")
}

impl<'a> Clause<'a> {
    fn rel(&self, abs: usize) -> usize {
        abs - self.base
    }

    fn participant(&self, m: &ActorMention, si: usize, inferred: bool) -> Participant {
        Participant {
            sentence: si,
            mention: m.clone(),
            inferred,
        }
    }

    /// The mention whose last token is `end - 1` (relative), if any.
    fn mention_ending_at(&self, end: usize) -> Option<&'a ActorMention> {
        self.actors
            .iter()
            .find(|m| self.rel(m.tokens.end) == end && m.code.is_some())
    }

    /// The actor mention that covers the absolute token `abs`, if any.
    pub fn mention_covering(&self, abs: usize) -> Option<&'a ActorMention> {
        self.actors.iter().find(|m| m.tokens.contains(&abs))
    }

    fn mention_starting_at(&self, start: usize) -> Option<&'a ActorMention> {
        self.actors
            .iter()
            .find(|m| self.rel(m.tokens.start) == start && m.code.is_some())
    }

    /// The preposition right before a mention (contractions resolved), if the word there is one.
    fn preposition_before(&self, m: &ActorMention) -> Option<&'a str> {
        let start = self.rel(m.tokens.start);
        let mut at = start.checked_sub(1)?;
        // "opened fire on unarmed demonstrators": one modifier the dictionary does not know may stand
        // between a preposition and a sector noun that opens on no article (an article after the word
        // makes it a noun of its own: "aux exigences des ravisseurs"). "de"/"of" is left out, as
        // French "de jeunes manifestants" is an article, and so are the trigger's own words
        // ("placer en garde à vue un diplomate").
        if m.kind == ActorKind::Sector
            && at > 0
            && !(self.trigger_start.get()..self.trigger_end.get()).contains(&at)
            && !self.grammar.is_closed_class(self.folded[start])
            && self.is_plain_word(at)
        {
            let mut p = at - 1;
            // A number is a determiner here: "to 67 elderly British nationals".
            if p > 0
                && (self.grammar.determiner.contains(self.folded[p])
                    || self.folded[p].starts_with(|c: char| c.is_ascii_digit()))
            {
                p -= 1;
            }
            let w = self.folded[p];
            if self.grammar.preposition.contains(w) && !self.grammar.of.contains(w) {
                at = p;
            }
        }
        let w = *self.folded.get(at)?;
        if !self.grammar.preposition.contains(w) {
            return None;
        }
        // "Jusqu'à 100 Albanais", "up to 100 Albanians": a bound on a number, not a preposition.
        let counted = self
            .folded
            .get(start)
            .is_some_and(|t| t.starts_with(|c: char| c.is_ascii_digit()));
        let bound = match w {
            "jusqu'a" | "jusqu'à" => true,
            "a" | "à" => at > 0 && self.folded[at - 1] == "jusqu'",
            "to" => at > 0 && self.folded[at - 1] == "up",
            _ => false,
        };
        if counted && bound {
            return None;
        }
        let p = self.grammar.preposition(w);
        // "De hauts responsables", "un groupe de diplomates", "hundreds of protesters": the "de"/"of"
        // belongs to a quantity, and the mention is the head of the noun phrase.
        if self.grammar.of.contains(w) && (at == 0 || self.quantity_before(at)) {
            return None;
        }
        Some(p)
    }

    /// True when the token at `i` is a word of no closed class, no verb group and no mention: an
    /// adjective or a noun the dictionaries do not know.
    fn is_plain_word(&self, i: usize) -> bool {
        let t = self.folded[i];
        t.chars().all(char::is_alphabetic)
            && !self.grammar.is_closed_class(t)
            && !self.groups.iter().any(|g| g.tokens.contains(&i))
            && self.mention_covering(self.base + i).is_none()
    }

    /// True when no preposition other than an "of" or one of the rule's own stands between `from` and
    /// the "of" phrase at `i`, outside asides: "s'oppose à une médiation de la Chine" reaches the
    /// trigger, "reimposed blockades in the West Bank following the deaths of two Israelis" does not.
    fn of_phrase_reaches_trigger(&self, from: usize, i: usize, rule: &RecipientRule) -> bool {
        let trigger_end = self.trigger_end.get();
        !(from..i.saturating_sub(1)).any(|k| {
            let w = self.folded[k];
            k >= trigger_end
                && self.grammar.preposition.contains(w)
                && !self.grammar.of.contains(w)
                && !rule
                    .prepositions
                    .iter()
                    .any(|r| r == self.grammar.preposition(w))
                && !self.in_aside(from, k)
                // "auprès du Congrès": a compound preposition ends in its own "de".
                && !self
                    .folded
                    .get(k + 1)
                    .is_some_and(|n| self.grammar.of.contains(n))
        })
    }

    /// "aux camions palestiniens", "sur des immigrés clandestins mexicains": in French a nationality
    /// follows the noun it qualifies, and the phrase's preposition is the nationality's.
    fn preposition_of_nationality_adjective(&self, m: &ActorMention) -> Option<&'a str> {
        if self.grammar.lang != Some(crate::language::Lang::Fr) || m.kind != ActorKind::Demonym {
            return None;
        }
        let start = self.rel(m.tokens.start);
        (2..=4).find_map(|back| {
            let at = start.checked_sub(back)?;
            let w = self.folded[at];
            // "des fabricants d'armes américains": after "de" the nationality may qualify the
            // object itself.
            if !self.grammar.preposition.contains(w) || self.grammar.of.contains(w) {
                return None;
            }
            let words_between = (at + 1..start).all(|k| {
                let t = self.folded[k];
                t.chars().next().is_some_and(char::is_alphabetic)
                    && !self.grammar.preposition.contains(t)
                    && !self.groups.iter().any(|g| g.tokens.contains(&k))
                    && self.mention_covering(self.base + k).is_none()
            });
            // At least one noun, not only a determiner, stands between.
            let noun = (at + 1..start).any(|k| !self.grammar.determiner.contains(self.folded[k]));
            (words_between && noun).then(|| self.grammar.preposition(w))
        })
    }

    /// True when token `k` stands inside a quotation or parenthesis opened after `from` ("« sans
    /// délai »").
    fn in_aside(&self, from: usize, k: usize) -> bool {
        // "l'arrestation, le mois dernier à Bamako, d'un diplomate": commas right after the trigger
        // set off an aside too.
        if self.folded.get(from) == Some(&",")
            && (from + 1..=k).all(|j| self.folded[j] != ",")
            && (k + 1..self.folded.len()).any(|j| self.folded[j] == ",")
        {
            return true;
        }
        let mut depth = 0i32;
        for t in &self.folded[from..k] {
            match *t {
                "«" | "(" | "“" => depth += 1,
                "»" | ")" | "”" => depth -= 1,
                _ => {}
            }
        }
        depth > 0
    }

    /// The subject of the verb starting at `start` when it is a mention without a code: a title or a
    /// body whose country the text does not give ("President Bouteflicka threatened", "The military
    /// government of President Avril declared"). Names and "of" phrases may follow it.
    pub fn uncoded_subject(&self, start: usize) -> Option<&'a ActorMention> {
        let lo = self.clause_start(start);
        let mut i = start;
        while i > lo {
            let k = i - 1;
            if let Some(m) = self
                .actors
                .iter()
                .find(|m| self.rel(m.tokens.end) == i && self.rel(m.tokens.start) >= lo)
            {
                let m_start = self.rel(m.tokens.start);
                let free = !m.locative
                    && self.preposition_before(m).is_none()
                    && matches!(m.kind, ActorKind::Sector | ActorKind::Person);
                if m.code.is_none() && free {
                    return Some(m);
                }
                i = m_start;
                continue;
            }
            let w = self.folded[k];
            let token_is_name = self.grammar.of.contains(w)
                || w.chars().next().is_some_and(char::is_alphabetic)
                    && !self.grammar.is_closed_class(w)
                    && start - k <= 6;
            if !token_is_name || self.is_finite_group_at(k) {
                return None;
            }
            i = k;
        }
        None
    }

    /// True when the words just before `at` name a quantity or a group ("un groupe", "des centaines").
    fn quantity_before(&self, at: usize) -> bool {
        (1..=2).any(|len| {
            at >= len && self.grammar.quantifier.match_at(&self.folded[at - len..at]) == Some(len)
        }) || (at >= 1 && self.folded[at - 1].starts_with(|c: char| c.is_ascii_digit()))
    }

    /// A mention that opens with "des"/"du" may carry its preposition inside it ("l'expulsion des
    /// diplomates").
    fn leading_contraction(&self, m: &ActorMention) -> Option<&'a str> {
        let w = *self.folded.get(self.rel(m.tokens.start))?;
        let p = self.grammar.preposition(w);
        (p != w).then_some(p)
    }

    fn is_finite_group_at(&self, i: usize) -> bool {
        self.groups
            .iter()
            .any(|g| is_finite(g) && g.tokens.contains(&i))
    }

    /// The nearest finite verb group that ends at or before `pos`, within the clause.
    pub fn governing_verb(&self, pos: usize) -> Option<&'a VerbGroup> {
        let stop = self.clause_start(pos);
        self.groups
            .iter()
            .filter(|g| is_finite(g) && g.tokens.end <= pos && g.head >= stop)
            .max_by_key(|g| g.tokens.end)
    }

    /// Where the clause containing `pos` starts: after the last boundary or subordinator before it.
    /// A word that is both a subordinator and a preposition ("after", "before") opens a clause only
    /// when a finite verb follows it before `pos`: "opened the bridge after four years to allow" is
    /// one clause.
    fn clause_start(&self, pos: usize) -> usize {
        let pos = pos.min(self.folded.len());
        let mut i = pos;
        while i > 0 {
            let t = self.folded[i - 1];
            if is_boundary(t) {
                return i;
            }
            if self.grammar.subordinator.contains(t)
                && (!self.grammar.preposition.contains(t)
                    || self
                        .groups
                        .iter()
                        .any(|g| is_finite(g) && g.head >= i && g.head < pos))
            {
                return i;
            }
            i -= 1;
        }
        0
    }

    /// The subject of the verb whose group starts at `start` (relative).
    pub fn subject(&self, start: usize, memory: Option<&Memory>, si: usize) -> Vec<Participant> {
        let g = self.grammar;
        let mut j = start;
        while j > 0 && g.clitic.contains(self.folded[j - 1]) {
            j -= 1;
        }
        // A pronoun subject stands for an earlier actor: the subject of an earlier verb of the same
        // sentence ("Switzerland said it had expelled...", "la junte ..., qu'elle accuse"), else the
        // subject of an earlier sentence.
        if let Some(mem) = memory {
            for len in [2usize, 1] {
                if j >= len && g.subject_pronoun.match_at(&self.folded[j - len..j]) == Some(len) {
                    let speaker = self
                        .groups
                        .iter()
                        .filter(|r| is_finite(r) && r.tokens.end <= j - len)
                        .max_by_key(|r| r.tokens.end)
                        .map(|r| self.subject(r.tokens.start, None, si))
                        .filter(|s| !s.is_empty());
                    if let Some(speaker) = speaker {
                        return speaker;
                    }
                    let demonstrative = len == 2
                        || matches!(self.folded[j - 1], "celui-ci" | "celle-ci" | "latter");
                    return match (demonstrative, &mem.last) {
                        (true, Some(p)) => vec![Participant {
                            inferred: true,
                            ..p.clone()
                        }],
                        _ => mem
                            .subject
                            .iter()
                            .map(|p| Participant {
                                inferred: true,
                                ..p.clone()
                            })
                            .collect(),
                    };
                }
            }
        }
        // A relative pronoun: the subject is its antecedent ("the WHO" is a name, not "who").
        if j > 0 && g.relative.contains(self.folded[j - 1]) && self.mention_ending_at(j).is_none() {
            let k = if j >= 2 && self.folded[j - 2] == "," {
                j - 2
            } else {
                j - 1
            };
            return self
                .mention_ending_at(k)
                .map(|m| vec![self.participant(m, si, false)])
                .unwrap_or_default();
        }
        if let Some(main) = self.detached_non_finite_governor(start, j) {
            return self.subject(main.tokens.start, memory, si);
        }
        let stop = self.clause_start(j);
        let left_group = self
            .groups
            .iter()
            .filter(|v| is_finite(v) && v.tokens.end <= j && v.head >= stop)
            .filter(|v| !self.in_relative_clause(v.head) || self.in_relative_clause(j))
            .max_by_key(|v| v.tokens.end);
        // Coordinated verbs share their subject: "a rappelé son ambassadeur et suspendu...".
        // "Niger closed its border to traders expelled from Chad as smugglers, but was still
        // refusing": the nearest verb may be a reduced relative with no subject of its own, or
        // stand behind a word read as a subordinator; the subject is the first one found going back
        // in the sentence.
        if j > 0
            && (g.coordinator.contains(self.folded[j - 1])
                || g.adversative.contains(self.folded[j - 1]))
        {
            let hard_stop = (0..j)
                .rev()
                .find(|&k| is_boundary(self.folded[k]))
                .map_or(0, |k| k + 1);
            let mut earlier: Vec<&VerbGroup> = self
                .groups
                .iter()
                .filter(|v| is_finite(v) && v.tokens.end <= j && v.head >= hard_stop)
                .filter(|v| !self.in_relative_clause(v.head) || self.in_relative_clause(j))
                .collect();
            earlier.sort_by_key(|v| std::cmp::Reverse(v.tokens.end));
            let shared = earlier
                .into_iter()
                .map(|v| self.subject(v.tokens.start, memory, si))
                .find(|s| !s.is_empty());
            match shared {
                Some(s) => return s,
                None if left_group.is_some() => return Vec::new(),
                None => {}
            }
        }
        let lo = left_group.map_or(stop, |v| v.tokens.end);
        // "gave Tanzania a grant to finance": the object of a verb that does not hand its object to
        // the infinitive ("urged Mali to") is not the infinitive's subject.
        let own = self.groups.iter().find(|v| v.tokens.start == start);
        let shares_subject = own.is_some_and(|v| v.infinitive)
            && left_group.is_some_and(|lg| !g.object_control.contains_lemma(&lg.lemma));
        if !shares_subject {
            if let Some(found) = self.rightmost_subject_mention(lo, j) {
                return self.with_coordinated_left(found, si);
            }
        }
        // "Le chef de la police de Niamey a averti": a subject that names no actor stands for the
        // actor it belongs to.
        if left_group.is_none() {
            if let Some(owner) = self.subject_possessor(lo, j) {
                return vec![self.participant(owner, si, false)];
            }
        }
        // An infinitive or participle takes the subject of the verb it depends on.
        if let Some(lg) = left_group {
            let own = self.groups.iter().find(|v| v.tokens.start == start);
            if own.is_none_or(|v| !is_finite(v)) {
                return self.subject(lg.tokens.start, memory, si);
            }
        }
        Vec::new()
    }

    /// The finite verb whose subject a non-finite verb starting at `start` shares, when a comma or a
    /// preposition other than "de"/"à"/"to" sets it off ("a fermé son ambassade après avoir été
    /// menacé", "ont frappé des sites en Iran, tuant", "after killing"): the mentions between are the
    /// finite verb's complements, not the subject. `j` is where the group starts, clitics included.
    fn detached_non_finite_governor(&self, start: usize, j: usize) -> Option<&'a VerbGroup> {
        let g = self.grammar;
        let own = self.groups.iter().find(|v| v.tokens.start == start)?;
        if is_finite(own) || own.participle_adjective || j == 0 {
            return None;
        }
        let w = self.folded[j - 1];
        let detached = w == ","
            || (g.preposition.contains(w)
                && !g.of.contains(w)
                && g.preposition(w) != "à"
                && !matches!(w, "to" | "à" | "a"));
        if !detached {
            return None;
        }
        let hard_stop = (0..j - 1)
            .rev()
            .find(|&k| is_boundary(self.folded[k]))
            .map_or(0, |k| k + 1);
        self.groups
            .iter()
            .filter(|v| is_finite(v) && v.tokens.end < j && v.head >= hard_stop)
            .filter(|v| !self.in_relative_clause(v.head))
            .max_by_key(|v| v.tokens.end)
    }

    /// The first actor of the "of" chain that completes a subject naming no actor, when the subject
    /// fills `lo..hi` alone: only nouns, determiners and "de"/"of" between, no comma, no verb.
    fn subject_possessor(&self, lo: usize, hi: usize) -> Option<&'a ActorMention> {
        let owner = self
            .actors
            .iter()
            .filter(|m| {
                let s = self.rel(m.tokens.start);
                s > lo && s < hi && m.code.is_some() && !m.locative
            })
            .min_by_key(|m| m.tokens.start)?;
        let start = self.rel(owner.tokens.start);
        let prep = self.preposition_before(owner)?;
        if !self.grammar.of.contains(prep) || self.rel(owner.tokens.end) > hi {
            return None;
        }
        let plain = (lo..start).all(|k| {
            let t = self.folded[k];
            t.chars().all(|c| c.is_alphabetic() || c == '\'')
                && !self.groups.iter().any(|g| g.tokens.contains(&k))
                && (self.grammar.of.contains(t)
                    || self.grammar.determiner.contains(t)
                    || self.grammar.quantifier.contains(t)
                    || !self.grammar.is_closed_class(t))
        });
        let tail_plain = (self.rel(owner.tokens.end)..hi).all(|k| {
            let t = self.folded[k];
            !matches!(t, "," | "(" | "«" | "\"") && !is_boundary(t)
        });
        (plain && tail_plain && start - lo <= 6).then_some(owner)
    }

    /// True when token `i` lies in a relative clause set off by commas (", qui ... ,").
    fn in_relative_clause(&self, i: usize) -> bool {
        let open = (0..i.min(self.folded.len()))
            .rev()
            .find(|&k| self.folded[k] == ",");
        match open {
            Some(p)
                if p + 1 < self.folded.len()
                    && self.grammar.relative.contains(self.folded[p + 1]) =>
            {
                // Still inside when no comma closes it before `i`.
                !(p + 1..i).any(|k| self.folded[k] == ",")
            }
            _ => false,
        }
    }

    /// The last mention in `lo..hi` that can be a subject: not inside a prepositional phrase, not a
    /// place, not inside a relative clause set off by commas.
    fn rightmost_subject_mention(&self, lo: usize, hi: usize) -> Option<&'a ActorMention> {
        // "La Norvège, membre de l'Otan, est disposée": an apposition between commas right before the
        // verb describes the subject that stands before it.
        if hi > lo + 1 && self.folded[hi - 1] == "," {
            if let Some(open) = (lo..hi - 1).rev().find(|&k| self.folded[k] == ",") {
                if let Some(m) = self.mention_ending_at(open) {
                    if !m.locative
                        && self.preposition_before(m).is_none()
                        && self.rel(m.tokens.start) >= lo
                        && !self.grammar.relative.contains(self.folded[open + 1])
                    {
                        return Some(m);
                    }
                }
            }
        }
        let mut i = hi;
        while i > lo {
            let t = self.folded[i - 1];
            if is_dash(t) {
                // "— entre quatre et cinq, selon les estimations —" is an aside.
                match (lo..i - 1).rev().find(|&k| is_dash(self.folded[k])) {
                    Some(open) => i = open,
                    None => i -= 1,
                }
                continue;
            }
            if t == ")" {
                // "(Apec)", "(RPDC)": a parenthesis is an aside, unless it names the subject itself.
                match (lo..i - 1).rev().find(|&k| self.folded[k] == "(") {
                    Some(open) => {
                        if let Some(m) = self.mention_starting_at(open + 1) {
                            if self.rel(m.tokens.end) == i - 1 && !m.locative {
                                return Some(m);
                            }
                        }
                        i = open
                    }
                    None => i -= 1,
                }
                continue;
            }
            if t == "," {
                // ", qui ... ," is a relative clause: its mentions belong to it.
                let prev = (lo..i - 1).rev().find(|&k| self.folded[k] == ",");
                if let Some(p) = prev {
                    if self.grammar.relative.contains(self.folded[p + 1]) {
                        i = p;
                        continue;
                    }
                }
                i -= 1;
                continue;
            }
            if let Some(m) = self.mention_ending_at(i) {
                let start = self.rel(m.tokens.start);
                // "two days after troops opened fire": a preposition that also opens a clause is a
                // subordinator when the mention stands right before the verb.
                let free = self.preposition_before(m).is_none_or(|p| {
                    i == hi && self.grammar.subordinator.contains(p) && start > 0 && {
                        let w = self.folded[start - 1];
                        self.grammar.subordinator.contains(w)
                    }
                });
                if !m.locative && free && start >= lo {
                    return Some(m);
                }
                i = start.max(lo);
                continue;
            }
            i -= 1;
        }
        None
    }

    /// "Le Mali, le Burkina Faso et le Niger": the mentions joined to the left of a subject.
    fn with_coordinated_left(&self, m: &ActorMention, si: usize) -> Vec<Participant> {
        let mut out = vec![self.participant(m, si, false)];
        let mut start = self.rel(m.tokens.start);
        loop {
            let mut k = start;
            if k > 0
                && self
                    .grammar
                    .coordinator
                    .match_at(&self.folded[k - 1..k])
                    .is_some()
            {
                k -= 1;
            } else if k > 1 && self.grammar.coordinator.match_at(&self.folded[k - 2..k]) == Some(2)
            {
                k -= 2;
            } else if k > 0 && self.folded[k - 1] == "," {
                k -= 1;
            } else {
                break;
            }
            match self.mention_ending_at(k) {
                Some(prev) if prev.preposition_free(self) => {
                    out.insert(0, self.participant(prev, si, false));
                    start = self.rel(prev.tokens.start);
                }
                _ => break,
            }
        }
        out
    }

    /// "X and Y", "X, Y et Z" to the right of a complement that starts at `m`. A list joined by commas
    /// only counts when a coordinator closes it; otherwise the comma ends the complement.
    fn with_coordinated_right(&self, m: &ActorMention, si: usize) -> Vec<Participant> {
        let mut out = vec![self.participant(m, si, false)];
        let mut confirmed = 1;
        let mut end = self.rel(m.tokens.end);
        while end < self.folded.len() {
            let (step, coordinator) = match self.grammar.coordinator.match_at(&self.folded[end..]) {
                Some(n) => (n, true),
                None if self.folded[end] == "," => (1, false),
                None => break,
            };
            // The same preposition may repeat: "avec la France et avec l'Allemagne".
            let mut next = end + step;
            if next < self.folded.len() && self.grammar.preposition.contains(self.folded[next]) {
                next += 1;
            }
            match self.mention_starting_at(next) {
                Some(n) => {
                    out.push(self.participant(n, si, false));
                    end = self.rel(n.tokens.end);
                    if coordinator {
                        confirmed = out.len();
                    }
                }
                None => break,
            }
        }
        out.truncate(confirmed);
        out
    }

    /// The first complement after `from` that the rule accepts: a direct object, or a mention after one
    /// of the rule's prepositions. Stops at the end of the clause.
    fn complement(&self, from: usize, rule: &RecipientRule, si: usize) -> Vec<Participant> {
        let end = (from + COMPLEMENT_WINDOW).min(self.folded.len());
        let mut i = from;
        let mut seen_mention = false;
        while i < end {
            let t = self.folded[i];
            // "a exigé que la RPDC renonce", "warned that Iran would": the subject of a completive clause
            // right after the verb is who the demand or warning is addressed to.
            if rule.object && i < from + 3 && self.grammar.subordinator.contains(t) {
                return (i + 1..end)
                    .take_while(|&k| !is_boundary(self.folded[k]) && !self.is_finite_group_at(k))
                    .find_map(|k| self.mention_starting_at(k))
                    .filter(|m| {
                        // "exigé que ses partenaires de la Communauté européenne refusent": the
                        // subject's possessor stands for it.
                        let near = self.rel(m.tokens.start) <= i + 5;
                        !m.locative
                            && self
                                .preposition_before(m)
                                .is_none_or(|p| near && self.grammar.of.contains(p))
                    })
                    .map(|m| self.with_coordinated_right(m, si))
                    .unwrap_or_default();
            }
            if is_boundary(t)
                || self.grammar.subordinator.contains(t)
                || self.grammar.relative.contains(t)
                || self.grammar.hypothetical.contains(t)
            {
                break;
            }
            if i > from && i >= self.trigger_end.get() && self.is_finite_group_at(i) {
                break;
            }
            // ", a newspaper reported", "selon des sources au Pentagone": who tells the story is no
            // complement.
            if self
                .grammar
                .attribution
                .match_at(&self.folded[i..])
                .is_some()
            {
                break;
            }
            if t == "," {
                let next_stop = (i + 1..self.folded.len())
                    .find(|&k| self.folded[k] == "," || is_boundary(self.folded[k]))
                    .unwrap_or(self.folded.len());
                if self.groups.iter().any(|g| {
                    is_finite(g)
                        && g.head > i
                        && g.head < next_stop
                        && self.grammar.reporting_verb.contains_lemma(&g.lemma)
                }) {
                    break;
                }
            }
            if let Some(m) = self.mention_starting_at(i) {
                let prep = self
                    .preposition_before(m)
                    .or_else(|| self.leading_contraction(m))
                    .or_else(|| self.preposition_of_nationality_adjective(m));
                // "a salué la décision de Washington": an object that is not an actor lends its role
                // to the actor it belongs to, when that is the first actor after the verb.
                // A trigger that ends with its own preposition ("hack into", "fire at") takes the
                // noun phrase after it as its object: "hacked into the computers of the army".
                let trigger_end = self.trigger_end.get();
                let prepositional_trigger = trigger_end > 0
                    && trigger_end <= i
                    && self
                        .grammar
                        .preposition
                        .contains(self.folded[trigger_end - 1])
                    && !self.grammar.of.contains(self.folded[trigger_end - 1]);
                // Only the first noun phrase after the verb lends its role: "reimposed blockades in
                // the West Bank following the deaths of two Israelis" is not aimed at Israelis.
                let first_phrase = !(from..i.saturating_sub(1)).any(|k| {
                    k >= trigger_end
                        && self.grammar.preposition.contains(self.folded[k])
                        && !self.grammar.of.contains(self.folded[k])
                        && !self.in_aside(from, k)
                });
                // The possessor is counted from the object's determiner, so that an adverb or a date
                // after the verb ("a salué mardi la décision de...") does not push it out of reach.
                let phrase_start = (from..i)
                    .find(|&k| self.grammar.determiner.contains(self.folded[k]))
                    .unwrap_or(from);
                let possessor = (rule.object || prepositional_trigger)
                    && first_phrase
                    && !seen_mention
                    && !m.locative
                    && i - phrase_start <= 6
                    && prep.is_some_and(|p| {
                        // "rejette les modifications proposées par Israël": the author of the
                        // object owns it as much as its possessor does.
                        self.grammar.of.contains(p) || self.grammar.agent.contains(p)
                    });
                let accepted = possessor
                    || match prep {
                        // "de"/"of" belongs to the nearest noun: only right after the trigger's
                        // own phrase does it introduce the trigger's complement.
                        Some(p) => {
                            rule.prepositions.iter().any(|r| r == p)
                                && (!self.grammar.of.contains(p)
                                    || self.of_phrase_reaches_trigger(from, i, rule))
                        }
                        None => rule.object && !m.locative,
                    }
                    // "auprès des États-Unis": the article holds the "de" of a compound preposition.
                    || self
                        .leading_contraction(m)
                        .is_some_and(|p| rule.prepositions.iter().any(|r| r == p));
                if accepted {
                    return self.with_coordinated_right(m, si);
                }
                seen_mention = true;
                i = self.rel(m.tokens.end);
                continue;
            }
            i += 1;
        }
        Vec::new()
    }

    /// The first actor named after an opposition word ("against", "contre") that follows `from` in the
    /// same clause, whatever noun stands between: "demonstrations against the violations by the
    /// Israeli military", "émeutes contre la politique militaire israélienne".
    pub fn opposed(&self, from: usize, si: usize) -> Vec<Participant> {
        let end = (from + COMPLEMENT_WINDOW).min(self.folded.len());
        let stops = |t: &str| {
            is_boundary(t)
                || t == ","
                || self.grammar.subordinator.contains(t)
                || self.grammar.relative.contains(t)
        };
        let mut i = from;
        while i < end && !stops(self.folded[i]) {
            if let Some(len) = self.grammar.opposition.match_at(&self.folded[i..]) {
                let phrase_end = (i + len + COMPLEMENT_WINDOW).min(self.folded.len());
                return (i + len..phrase_end)
                    .take_while(|&k| {
                        !stops(self.folded[k]) && (k == i + len || !self.is_finite_group_at(k))
                    })
                    .find_map(|k| self.mention_starting_at(k).filter(|m| !m.locative))
                    .map(|m| self.with_coordinated_right(m, si))
                    .unwrap_or_default();
            }
            i += 1;
        }
        Vec::new()
    }

    /// True when a noun phrase that names no actor follows the verb as its direct object ("a condamné
    /// cette décision", "denounced the provocations"): an article or a demonstrative right after the
    /// verb, maybe behind an adverbial or an opening quotation mark.
    pub fn has_object(&self, g: &VerbGroup) -> bool {
        let mut k = g.tokens.end;
        let end = (k + 8).min(self.folded.len());
        while k < end {
            let t = self.folded[k];
            // "des provocations": an article that is also a contracted preposition opens the object.
            if self.grammar.determiner.contains(t) {
                return self.mention_covering(self.base + k).is_none()
                    && self.mention_starting_at(k + 1).is_none();
            }
            if is_boundary(t) || t == "," || self.grammar.preposition.contains(t) {
                // "avec la plus grande fermeté": an adverbial phrase between commas or quotes is
                // skipped by its closing mark only.
                if t == "," || is_boundary(t) {
                    return false;
                }
                match (k + 1..end).find(|&j| matches!(self.folded[j], "»" | ")" | "”")) {
                    Some(close) => {
                        k = close + 1;
                        continue;
                    }
                    None => return false,
                }
            }
            k += 1;
        }
        false
    }

    /// The state of a place named right after `from` (determiners and one preposition between), which
    /// an attack on it targets: "the invasion of southern Syria", "a bombardé la bande de Gaza".
    pub fn place_object(&self, from: usize, si: usize) -> Option<Participant> {
        let place = self
            .located_states
            .iter()
            .filter(|p| !p.locative)
            .find(|p| self.rel(p.tokens.start) >= from && self.rel(p.tokens.start) <= from + 3)?;
        let start = self.rel(place.tokens.start);
        let mut prepositions = 0;
        for k in from..start {
            let t = self.folded[k];
            if self.grammar.preposition.contains(t) {
                prepositions += 1;
            } else if !self.grammar.determiner.contains(t) {
                return None;
            }
        }
        (prepositions <= 1).then(|| {
            let mut m = place.clone();
            m.country_inferred = true;
            self.participant(&m, si, true)
        })
    }

    /// The state an ethnic group lives in, when the mention is one ("ethnic Russians in eastern Estonia",
    /// "les Russes de souche de l'est de l'Estonie"): the first state named right after it, else the
    /// place of the sentence. `None` when the mention is no ethnic group or no state is named.
    pub fn ethnic_home(&self, m: &ActorMention) -> Option<ActorMention> {
        // A mention of an earlier sentence (a pronoun's antecedent) is read where it stands.
        if !matches!(m.kind, ActorKind::Demonym | ActorKind::Sector)
            || m.tokens.start < self.base
            || m.tokens.end > self.base + self.folded.len()
        {
            return None;
        }
        let start = self.rel(m.tokens.start);
        let end = self.rel(m.tokens.end);
        let ethnic = &self.grammar.ethnic;
        let marked =
            (start.saturating_sub(2)..=end.min(self.folded.len().saturating_sub(1))).any(|k| {
                ethnic
                    .match_at(&self.folded[k..])
                    .is_some_and(|len| k + len >= start && k <= end)
            });
        if !marked {
            return None;
        }
        let after = self
            .actors
            .iter()
            .filter(|a| {
                let s = self.rel(a.tokens.start);
                a.kind == ActorKind::State
                    && s >= end
                    && s <= end + 6
                    && !(end..s).any(|k| is_boundary(self.folded[k]) || self.folded[k] == ",")
            })
            .min_by_key(|a| a.tokens.start);
        let home = after.or_else(|| {
            self.actors
                .iter()
                .chain(self.located_states)
                .find(|a| a.locative && a.country.is_some())
        })?;
        let mut m = m.clone();
        m.code = home.country;
        m.country = home.country;
        m.country_inferred = true;
        Some(m)
    }

    /// True when the verb group closes the sentence after its last comma with no complement: ", a
    /// human rights group charged on Saturday.", ", a indiqué mardi son bureau.".
    pub fn is_trailing_attribution(&self, g: &VerbGroup) -> bool {
        let Some(comma) = self.folded.iter().rposition(|t| *t == ",") else {
            return false;
        };
        // A complement after the verb ("charged the army with...") makes it an event of its own; an
        // inverted subject ("a indiqué son bureau") does not.
        let complement = self.actors.iter().any(|m| {
            self.rel(m.tokens.start) >= g.tokens.end
                && m.code.is_some()
                && self.preposition_before(m).is_some()
        });
        // "Le Mali, qui accuse la France, a libéré": the comma closes a relative clause that
        // describes the subject before it.
        let closes_relative = (0..comma)
            .rev()
            .find(|&k| self.folded[k] == ",")
            .is_some_and(|open| {
                self.folded
                    .get(open + 1)
                    .is_some_and(|t| self.grammar.relative.contains(t))
            });
        g.tokens.start > comma
            && !complement
            && !closes_relative
            && !self.folded[g.tokens.end..]
                .iter()
                .any(|t| self.grammar.subordinator.contains(t))
    }

    /// True when the noun phrase of the noun at `pos` opens on a preposition ("after 12 days of fighting",
    /// "lors d'un déjeuner"). "des" and "du" right before the noun are read as articles ("des frappes").
    pub fn after_preposition(&self, pos: usize) -> bool {
        for k in (pos.saturating_sub(4)..pos).rev() {
            let t = self.folded[k];
            if self.grammar.preposition.contains(t) {
                return !(k + 1 == pos && matches!(t, "des" | "du"));
            }
            if !t.chars().next().is_some_and(char::is_alphanumeric)
                || self.is_finite_group_at(k)
                || self.groups.iter().any(|g| g.tokens.contains(&k))
                || self.mention_starting_at(k).is_some()
            {
                return false;
            }
        }
        false
    }

    /// The position of an agent preposition ("par", "by") followed by an actor, after `from`.
    pub fn agent_after(&self, from: usize) -> Option<usize> {
        let end = (from + COMPLEMENT_WINDOW).min(self.folded.len());
        (from..end)
            .take_while(|&i| {
                !is_boundary(self.folded[i]) && !self.grammar.subordinator.contains(self.folded[i])
            })
            .find(|&i| {
                self.grammar.agent.contains(self.folded[i])
                    && self.mention_starting_at(i + 1).is_some()
            })
    }

    /// The agent of a passive: the mention after "par"/"by" following the trigger.
    fn agent(&self, from: usize, si: usize) -> Vec<Participant> {
        let end = (from + COMPLEMENT_WINDOW).min(self.folded.len());
        for i in from..end {
            let t = self.folded[i];
            if is_boundary(t) || self.grammar.subordinator.contains(t) {
                break;
            }
            if self.grammar.agent.contains(t) {
                if let Some(m) = self.mention_starting_at(i + 1) {
                    return self.with_coordinated_right(m, si);
                }
            }
        }
        Vec::new()
    }

    /// "ont été à leur tour sommés": the auxiliary of a participle that an adverbial cut off from it.
    pub fn detached_auxiliary(&self, g: &VerbGroup) -> Option<&'a VerbGroup> {
        if !g.participle_adjective {
            return None;
        }
        self.groups.iter().find(|a| {
            matches!(a.lemma.as_ref(), "être" | "be")
                && a.tokens.end <= g.tokens.start
                && g.tokens.start - a.tokens.end <= 4
                && !(a.tokens.end..g.tokens.start).any(|k| {
                    self.mention_starting_at(k).is_some()
                        || is_boundary(self.folded[k])
                        || self.folded[k] == ","
                })
        })
    }

    /// True when a finite verb, a boundary or a subordinator stands in `range`: the two sides are in
    /// different clauses.
    pub fn clause_break_in(&self, range: Range<usize>) -> bool {
        range.clone().any(|k| {
            let t = self.folded[k];
            is_boundary(t)
                || self.grammar.subordinator.contains(t)
                || self.grammar.relative.contains(t)
        }) || self
            .groups
            .iter()
            .any(|g| is_finite(g) && range.contains(&g.head))
    }

    /// Actor and recipient of a verb trigger.
    pub fn verb_roles(
        &self,
        g: &VerbGroup,
        rule: &RecipientRule,
        memory: &Memory,
        si: usize,
    ) -> Sides {
        // Complements may stand between the verb and the fixed words of its pattern ("a sommé les
        // diplomates de quitter"), so they are searched from the verb on.
        let after = g.tokens.end;
        // "Israel is opposed to", "Vietnam is committed to", "est opposé à": an attitude, not a
        // passive; the subject holds it.
        let stative = g.voice == Voice::Passive
            && !g.participle_adjective
            && self.agent_after(after).is_none()
            && self
                .folded
                .get(after)
                .is_some_and(|t| matches!(*t, "to" | "a" | "à"));
        if g.voice == Voice::Passive && !stative {
            // "un diplomate accusé par la junte": the participle modifies the noun before it.
            let detached_aux = self.detached_auxiliary(g);
            let patient = if let Some(aux) = detached_aux {
                self.subject(aux.tokens.start, Some(memory), si)
            } else if g.participle_adjective {
                (0..=2)
                    .filter_map(|gap| g.tokens.start.checked_sub(gap))
                    .find_map(|end| self.mention_ending_at(end))
                    .map(|m| vec![self.participant(m, si, false)])
                    .unwrap_or_default()
            } else {
                self.subject(g.tokens.start, Some(memory), si)
            };
            let agent = self.agent(after, si);
            return if rule.reverse {
                Sides {
                    actor: patient,
                    recipient: agent,
                }
            } else {
                Sides {
                    actor: agent,
                    recipient: if rule.is_none() { Vec::new() } else { patient },
                }
            };
        }
        let subject = if g.participle_adjective {
            Vec::new()
        } else {
            self.subject(g.tokens.start, Some(memory), si)
        };
        let complement = if rule.is_none() {
            Vec::new()
        } else {
            self.complement(after, rule, si)
        };
        if rule.reverse {
            Sides {
                actor: complement,
                recipient: subject,
            }
        } else {
            Sides {
                actor: subject,
                recipient: complement,
            }
        }
    }

    /// Actor and recipient of a noun trigger: the agent after "par"/"by", an English possessive, or the
    /// subject of a support verb ("Paris a annoncé la fin de..."); the recipient after the rule's
    /// prepositions.
    pub fn noun_roles(
        &self,
        trigger: Range<usize>,
        rule: &RecipientRule,
        memory: &Memory,
        si: usize,
    ) -> Sides {
        let mut actor = self.agent(trigger.end, si);
        if actor.is_empty() && trigger.start >= 2 && self.folded[trigger.start - 1] == "'s" {
            if let Some(m) = self.mention_ending_at(trigger.start - 1) {
                actor = vec![self.participant(m, si, false)];
            }
        }
        // A nationality on the noun itself names who acts: "les émeutes palestiniennes", "Israeli
        // strikes".
        if actor.is_empty() {
            let on_noun = self
                .mention_starting_at(trigger.end)
                .or_else(|| self.mention_ending_at(trigger.start));
            if let Some(m) = on_noun.filter(|m| m.kind == ActorKind::Demonym && !m.locative) {
                actor = vec![self.participant(m, si, false)];
            }
        }
        if actor.is_empty() {
            if let Some(gv) = self.governing_verb(trigger.start) {
                let g = self.grammar;
                // The subject of the verb governing the noun is its actor ("Paris a annoncé la fin
                // de...", "X est arrivé pour une visite"), unless the verb only reports speech.
                if g.support_verb.contains_lemma(&gv.lemma)
                    || !g.reporting_verb.contains_lemma(&gv.lemma)
                {
                    actor = if gv.voice == Voice::Passive {
                        self.agent(gv.tokens.end, si)
                    } else {
                        self.subject(gv.tokens.start, Some(memory), si)
                    };
                }
            }
        }
        // No verb governs the noun, often because the verb is unknown ("The United States speeded up
        // the withdrawal of..."): the subject-like mention before it in its clause is its actor.
        if actor.is_empty() && self.governing_verb(trigger.start).is_none() {
            let lo = self.clause_start(trigger.start);
            if let Some(m) = self.rightmost_subject_mention(lo, trigger.start) {
                actor = self.with_coordinated_left(m, si);
            }
        }
        let recipient = if rule.is_none() {
            Vec::new()
        } else {
            let prep_rule = RecipientRule {
                object: false,
                prepositions: rule.prepositions.clone(),
                reverse: false,
            };
            self.complement(trigger.end, &prep_rule, si)
        };
        Sides { actor, recipient }
    }

    /// The state where an event happens, taken as its actor (an arrest "à Bamako" is made by Mali), when
    /// it differs from the recipient's.
    pub fn host_state(&self, si: usize, recipient: &[Participant]) -> Vec<Participant> {
        self.locative_state(si, recipient, true)
    }

    /// The state where an event happens, taken as its recipient when the clause names none: a protest
    /// "en Serbie" targets Serbia, a curfew "à Alger" Algeria. Cities and regions only count for the
    /// acts aimed at a place (`forceful`): shelling "in Jericho" targets the Palestinian territories, a
    /// meeting "in Brussels" does not target Belgium.
    pub fn place_country(&self, si: usize, forceful: bool) -> Vec<Participant> {
        self.locative_state(si, &[], forceful)
    }

    fn locative_state(&self, si: usize, other: &[Participant], places: bool) -> Vec<Participant> {
        let others: Vec<_> = other.iter().filter_map(|p| p.mention.country).collect();
        let located: &[ActorMention] = if places { self.located_states } else { &[] };
        self.actors
            .iter()
            .chain(located)
            .find(|m| {
                m.locative
                    && m.country.is_some_and(|c| !others.contains(&c))
                    && !self.in_attribution(self.rel(m.tokens.start))
            })
            .map(|m| {
                let mut state = m.clone();
                state.kind = ActorKind::State;
                state.sector = Some(crate::codes::GOV);
                vec![self.participant(&state, si, true)]
            })
            .unwrap_or_default()
    }

    /// True when token `k` stands in the phrase that names a source ("selon des sources à Moscou",
    /// "according to officials in Kabul"): the place where the source speaks is not where the event
    /// happens.
    fn in_attribution(&self, k: usize) -> bool {
        (k.saturating_sub(6)..k)
            .rev()
            .take_while(|&j| {
                let w = self.folded[j];
                w != "," && !is_boundary(w) && !self.is_finite_group_at(j)
            })
            .any(|j| {
                self.grammar
                    .attribution
                    .match_at(&self.folded[j..])
                    .is_some_and(|n| {
                        // "l'accusation selon laquelle": a relative pronoun makes "selon" no source.
                        !self
                            .folded
                            .get(j + n)
                            .is_some_and(|t| self.grammar.relative.contains(t))
                    })
            })
    }

    /// The subject of a reporting verb that introduces the clause of `pos` ("Russia said that ...").
    pub fn speaker_before(
        &self,
        pos: usize,
        memory: &Memory,
        si: usize,
    ) -> Option<Vec<Participant>> {
        self.groups
            .iter()
            .filter(|r| is_finite(r) && r.tokens.end <= pos && self.reports(r))
            .max_by_key(|r| r.tokens.end)
            .map(|r| self.subject(r.tokens.start, Some(memory), si))
    }

    /// True when a verb group reports speech: a reporting verb, or a verb whose object is a noun of
    /// speech ("issued a stern warning to Iraq that...").
    fn reports(&self, r: &VerbGroup) -> bool {
        self.grammar.reporting_verb.contains_lemma(&r.lemma)
            || (self.grammar.speech_verb.contains_lemma(&r.lemma)
                && (r.tokens.end..(r.tokens.end + 4).min(self.folded.len()))
                    .take_while(|&k| !is_boundary(self.folded[k]) && self.folded[k] != ",")
                    .any(|k| {
                        self.grammar
                            .speech_noun
                            .match_at(&self.folded[k..])
                            .is_some()
                    }))
    }

    /// "told Uganda that it must": when a subject pronoun stands right before `pos`, the one the
    /// speaker addressed, whom the pronoun stands for.
    pub fn addressee_as_pronoun_before(&self, pos: usize, si: usize) -> Option<Participant> {
        if pos == 0 || !self.grammar.subject_pronoun.contains(self.folded[pos - 1]) {
            return None;
        }
        self.addressee_before(pos - 1, si)
    }

    /// The one a reporting verb before `pos` addresses: its object or its complement after "to"/"à"
    /// ("told Uganda that", "a écrit au Togo que"), the last such actor before `pos`.
    pub fn addressee_before(&self, pos: usize, si: usize) -> Option<Participant> {
        let verb = self
            .groups
            .iter()
            .filter(|r| is_finite(r) && r.tokens.end <= pos && self.reports(r))
            .max_by_key(|r| r.tokens.end)?;
        self.actors
            .iter()
            .filter(|m| {
                let (start, end) = (self.rel(m.tokens.start), self.rel(m.tokens.end));
                start >= verb.tokens.end
                    && end <= pos
                    && m.code.is_some()
                    && !m.locative
                    && self
                        .preposition_before(m)
                        .is_none_or(|p| matches!(p, "to" | "a"))
            })
            .max_by_key(|m| m.tokens.end)
            .map(|m| self.participant(m, si, false))
    }

    /// True when the trigger at `pos` stands in a relative clause, a completive clause or a condition:
    /// scanning back to the clause's start meets a relative pronoun, "que"/"that" or "si"/"if".
    pub fn in_dependent_clause(&self, pos: usize) -> bool {
        let g = self.grammar;
        let mut i = pos.min(self.folded.len());
        while i > 0 {
            let t = self.folded[i - 1];
            if is_boundary(t) {
                return false;
            }
            if g.relative.contains(t) && self.mention_ending_at(i).is_none() {
                // ", qui ont lieu tous les trois jours, ont tué": a relative clause closed by a
                // comma before the trigger is an aside of the subject.
                let closed = i >= 2
                    && self.folded[i - 2] == ","
                    && (i..pos.min(self.folded.len())).any(|k| self.folded[k] == ",");
                if !closed {
                    // "Le Mali, qui accuse la France, a libéré": a subject relative clause set off by
                    // commas tells an event of its own about its antecedent.
                    let aside = i >= 2
                        && self.folded[i - 2] == ","
                        && matches!(t, "qui" | "who" | "which")
                        && (pos..self.folded.len()).any(|k| self.folded[k] == ",");
                    return !aside;
                }
                i -= 2;
                continue;
            }
            // "en tant qu'immigrés", "ainsi que le Niger": a "que" that ends a comparison or a
            // coordination opens no clause.
            let comparison = matches!(t, "que" | "qu'")
                && i >= 2
                && (self.folded[i - 2] == "ainsi"
                    || (i >= 3 && self.folded[i - 3] == "en" && self.folded[i - 2] == "tant"));
            if (matches!(t, "que" | "qu'" | "that" | "whom") && !comparison)
                || g.hypothetical.match_at(&self.folded[i - 1..]).is_some()
            {
                return true;
            }
            if t == "," && self.is_finite_group_at(i.saturating_sub(2)) {
                // A comma after a finite verb closes the previous clause.
                return false;
            }
            i -= 1;
        }
        false
    }

    /// True when a condition ("si", "if", "unless") opens the clause of `pos`.
    pub fn in_condition(&self, pos: usize) -> bool {
        let mut i = pos;
        while i > 0 {
            let t = self.folded[i - 1];
            if matches!(t, "." | ";" | ":") || self.grammar.subordinator.contains(t) {
                return false;
            }
            if self
                .grammar
                .hypothetical
                .match_at(&self.folded[i - 1..])
                .is_some()
            {
                return true;
            }
            // "If Argentina keeps its ban, Brazil will...": a comma followed by a subject closes the
            // condition, whose own verb the lexicon may not know.
            if t == ","
                && self.actors.iter().any(|m| {
                    let start = self.rel(m.tokens.start);
                    start >= i && start < pos && m.code.is_some() && m.preposition_free(self)
                })
            {
                return false;
            }
            if self.is_finite_group_at(i - 1) && i - 1 + 1 < pos {
                // Another finite verb before the trigger: the condition would be its own.
                let own = self.groups.iter().any(|g| {
                    g.tokens.contains(&(i - 1)) && g.tokens.contains(&pos.saturating_sub(1))
                });
                if !own {
                    return false;
                }
            }
            i -= 1;
        }
        false
    }

    /// The length of the condition word or phrase at `k` ("if", "unless", "à moins que") when it opens
    /// a condition: not the modal "should" of a verb group, not a concession ("even if", "même si"),
    /// not an indirect question ("asked if", "se demande si").
    fn condition_word_at(&self, k: usize) -> Option<usize> {
        let g = self.grammar;
        let n = g.hypothetical.match_at(&self.folded[k..])?;
        if self.groups.iter().any(|v| v.tokens.contains(&k)) {
            return None;
        }
        if k > 0 && g.concessive.match_at(&self.folded[k - 1..]) == Some(n + 1) {
            return None;
        }
        let question = self
            .groups
            .iter()
            .filter(|v| v.tokens.end <= k && v.tokens.end + 3 > k)
            .any(|v| g.question_verb.contains_lemma(&v.lemma));
        (!question).then_some(n)
    }

    /// The condition attached to the clause of the event whose trigger spans `trigger`: a condition
    /// that opens after the trigger before its clause ends ("will impose sanctions if..."), or one that
    /// opens before it and closes with a comma ("If ..., Paris will..."). The trigger itself is not in
    /// it. Returns the tokens of the condition, from its first word to its closing punctuation.
    pub fn attached_condition(&self, trigger: Range<usize>) -> Option<Range<usize>> {
        let g = self.grammar;
        let len = self.folded.len();
        let end_of = |from: usize| {
            (from..len)
                .find(|&k| is_boundary(self.folded[k]) || self.folded[k] == ",")
                .unwrap_or(len)
        };
        let mut k = trigger.end.min(len);
        while k < len {
            if let Some(n) = self.condition_word_at(k) {
                return Some(k..end_of(k + n));
            }
            let t = self.folded[k];
            // Another clause starts: the condition after it would be its own.
            if is_boundary(t)
                || g.subordinator.contains(t)
                || g.relative.contains(t)
                || self.is_finite_group_at(k)
            {
                break;
            }
            k += 1;
        }
        let mut k = trigger.start.min(len);
        let mut comma = false;
        while k > 0 {
            k -= 1;
            let t = self.folded[k];
            if is_boundary(t) {
                return None;
            }
            comma |= t == ",";
            if let Some(n) = self.condition_word_at(k) {
                let end = end_of(k + n);
                return (comma && end <= trigger.start).then_some(k..end);
            }
        }
        None
    }

    /// The subject of a condition ("unless Zambia withdraws the law", "si le Bénin maintient"): a coded
    /// mention that opens it, behind determiners only. Most verbs of a condition are unknown to the
    /// lexicon, so the subject is read from its position, not from a verb.
    pub fn condition_subject(&self, condition: Range<usize>, si: usize) -> Vec<Participant> {
        let g = self.grammar;
        let Some(n) = self.condition_word_at(condition.start) else {
            return Vec::new();
        };
        let mut k = condition.start + n;
        while k < condition.end
            && g.determiner.contains(self.folded[k])
            && self.mention_starting_at(k).is_none()
        {
            k += 1;
        }
        self.mention_starting_at(k)
            .filter(|m| k < condition.end && !m.locative)
            .map(|m| self.with_coordinated_right(m, si))
            .unwrap_or_default()
    }

    /// True when a word such as "présumé" or "allegedly" stands near the trigger.
    pub fn has_alleged_marker(&self, trigger: Range<usize>) -> bool {
        let lo = trigger.start.saturating_sub(4);
        let hi = (trigger.end + 4).min(self.folded.len());
        (lo..hi).any(|i| self.grammar.alleged.contains(self.folded[i]))
    }

    /// True when the event is told on someone else's word: "selon une source", "according to", or a
    /// reporting verb ("affirme que", "said") whose subject is not the event's actor.
    pub fn is_reported(
        &self,
        pos: usize,
        actor: &[Participant],
        own_group: Option<usize>,
        memory: &Memory,
    ) -> bool {
        let actor_codes: Vec<_> = actor.iter().filter_map(|p| p.mention.code).collect();
        let is_actor = |ms: &[Participant]| {
            ms.iter()
                .any(|p| p.mention.code.is_some_and(|c| actor_codes.contains(&c)))
        };
        for i in 0..self.folded.len() {
            if let Some(n) = self.grammar.attribution.match_at(&self.folded[i..]) {
                let source: Vec<Participant> = (i + n..(i + n + 3).min(self.folded.len()))
                    .find_map(|k| self.mention_starting_at(k))
                    .map(|m| vec![self.participant(m, 0, false)])
                    .unwrap_or_default();
                if !is_actor(&source) {
                    return true;
                }
            }
        }
        for (gi, g) in self.groups.iter().enumerate() {
            if Some(gi) == own_group || !is_finite(g) || g.tokens.contains(&pos) {
                continue;
            }
            if self.grammar.reporting_verb.contains_lemma(&g.lemma) {
                let source = self.subject(g.tokens.start, Some(memory), 0);
                if !is_actor(&source) {
                    return true;
                }
            }
        }
        false
    }
}

trait PrepositionFree {
    fn preposition_free(&self, clause: &Clause<'_>) -> bool;
}

impl PrepositionFree for ActorMention {
    fn preposition_free(&self, clause: &Clause<'_>) -> bool {
        !self.locative && clause.preposition_before(self).is_none()
    }
}

//! English verb groups: modals, do-support, have + participle, be + participle (passive) or -ing, get-passive,
//! be going to, to-infinitives, negation (not, n't, never, no longer) and reduced relatives ("the diplomats
//! expelled last week").

use super::verb_group::{
    best_finite, find_reading, group_tense, is_infinitive, is_number, is_past_participle,
    is_present_participle, is_punctuation, ChainFlags, GroupTense, VerbGroup, Voice,
};
use super::{Mood, Tense, VerbAnalysis, VerbLexicon};

/// How many tokens (adverbs, negation, an inverted subject) may stand between two linked verbs.
const MAX_SKIP: usize = 4;
/// How far a reduced relative looks for the main verb of its clause ("the diplomats expelled last week have").
const CLAUSE_LOOKAHEAD: usize = 8;

/// What a modal does to the tense of its chain.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ModalTense {
    /// can, may, must, ought.
    Present,
    /// will, shall.
    Future,
    /// would, could, might, should.
    Conditional,
}

/// The modal at `k` as reported (contractions expanded: "wo" before "n't" is will), what it does to the tense,
/// and whether it carries its own negation ("cannot").
fn modal_at(tokens: &[&str], k: usize) -> Option<(&'static str, ModalTense, bool)> {
    let next_is_nt = tokens.get(k + 1) == Some(&"n't");
    Some(match tokens[k] {
        "can" => ("can", ModalTense::Present, false),
        "cannot" => ("can", ModalTense::Present, true),
        "ca" if next_is_nt => ("can", ModalTense::Present, false),
        "could" => ("could", ModalTense::Conditional, false),
        "may" => ("may", ModalTense::Present, false),
        "might" => ("might", ModalTense::Conditional, false),
        "must" => ("must", ModalTense::Present, false),
        "shall" => ("shall", ModalTense::Future, false),
        "sha" if next_is_nt => ("shall", ModalTense::Future, false),
        "should" => ("should", ModalTense::Conditional, false),
        "will" | "'ll" => ("will", ModalTense::Future, false),
        "wo" if next_is_nt => ("will", ModalTense::Future, false),
        "would" | "'d" => ("would", ModalTense::Conditional, false),
        "ought" => ("ought", ModalTense::Present, false),
        _ => return None,
    })
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Finite,
    /// A modal and the chain it governs.
    Modal(&'static str, ModalTense),
    /// "to" + base form, and its chain.
    Infinitive,
    /// A bare -ing form ("after signing", "having signed").
    Participle,
    /// A bare past participle used as an adjective or reduced relative.
    Adjective,
}

/// What the verb just linked lets come next.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Expect {
    /// A base form after a modal or do.
    Base,
    /// "to" and a base form after ought.
    ToBase,
    /// A participle after have: a perfect.
    AfterHave,
    /// A past participle (passive) or an -ing form (progressive) after be or been.
    AfterBe,
    /// A past participle after being: a passive.
    AfterBeing,
    /// A past participle after get: a passive ("got arrested").
    AfterGet,
}

/// The link a scan made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Link {
    Base,
    Perfect,
    Passive,
    Progressive,
    /// be going to + base.
    GoingTo,
}

struct Found<'l> {
    index: usize,
    analysis: &'l VerbAnalysis,
    link: Link,
    negated: bool,
}

pub(super) fn group_at(tokens: &[&str], i: usize, lex: &VerbLexicon) -> Option<VerbGroup> {
    let n = tokens.len();
    let governor = before(tokens, i);

    // Leading negation and infinitive marker: "not to sign", "never signed", "no longer supports".
    let mut j = i;
    let mut negated = false;
    loop {
        match tokens.get(j) {
            Some(&"not") | Some(&"never") => j += 1,
            Some(&"no") if tokens.get(j + 1) == Some(&"longer") => j += 2,
            _ => break,
        }
        negated = true;
    }
    let to_marker = tokens.get(j) == Some(&"to");
    if to_marker {
        j += 1;
        // A split infinitive: "to further reduce".
        if tokens.get(j).is_some_and(|t| is_adverb(t, lex)) {
            j += 1;
        }
    }
    if j >= n {
        return None;
    }
    let word = tokens[j];
    let has_prefix = j > i;
    let analyses = lex.analyze(word);

    let modal = modal_at(tokens, j).filter(|_| !to_marker);
    let (mut role, mut first) = match modal {
        Some((modal, tense, negative)) => {
            if !has_prefix && is_determiner(governor) {
                // "the will of the people", "a must".
                return None;
            }
            if word.starts_with('\'') && !is_contraction_subject(governor) {
                return None;
            }
            negated |= negative;
            // The lexicon knows every modal form but "ca", "wo" and "sha" (before n't); any reading of the
            // token will do, the modal's own tense is applied below.
            let reading = analyses.first().or_else(|| lex.analyze(modal).first())?;
            (Role::Modal(modal, tense), reading)
        }
        None if analyses.is_empty() => return None,
        None if to_marker => (Role::Infinitive, find_reading(analyses, is_infinitive)?),
        None => choose_role(tokens, i, j, has_prefix, governor, analyses, lex)?,
    };

    // "'d" is "had" before a participle ("he'd signed") and "would" before a base form ("he'd sign").
    if word == "'d" {
        if let Some(found) = scan(tokens, lex, j + 1, Expect::AfterHave) {
            if find_reading(lex.analyze(tokens[found.index]), is_infinitive).is_none() {
                if let Some(had) = analyses.iter().find(|a| &*a.lemma == "have") {
                    role = Role::Finite;
                    first = had;
                }
            }
        }
    }

    // Link the chain: each verb says what may follow it, and the next verb must come within MAX_SKIP tokens.
    let mut flags = ChainFlags::default();
    let (mut cur, mut cur_a) = (j, first);
    if role != Role::Adjective {
        loop {
            let expect = if cur == j && matches!(role, Role::Modal(..)) {
                if word == "ought" {
                    Expect::ToBase
                } else {
                    Expect::Base
                }
            } else {
                match (&*cur_a.lemma, cur_a.tense) {
                    ("do", Tense::Present | Tense::Past) if cur == j && role == Role::Finite => {
                        Expect::Base
                    }
                    ("have", tense) if tense != Tense::PastParticiple => Expect::AfterHave,
                    ("be", Tense::PresentParticiple) => Expect::AfterBeing,
                    ("be", _) => Expect::AfterBe,
                    ("get", _) => Expect::AfterGet,
                    _ => break,
                }
            };
            let Some(found) = scan(tokens, lex, cur + 1, expect) else {
                break;
            };
            negated |= found.negated;
            let mut link = found.link;
            if cur == j && word == "'s" && link == Link::Passive {
                // "'s" is "has" before "been" and before a participle with an object ("he's signed the deal").
                let object = tokens
                    .get(found.index + 1)
                    .is_some_and(|t| starts_object(t));
                if &*found.analysis.lemma == "be" || object {
                    if let Some(has) = analyses.iter().find(|a| &*a.lemma == "have") {
                        first = has;
                        link = Link::Perfect;
                    }
                }
            }
            match link {
                Link::Base | Link::Progressive => {}
                Link::Perfect => flags.perfect = true,
                Link::Passive => flags.passive = true,
                Link::GoingTo => flags.future = true,
            }
            cur = found.index;
            cur_a = found.analysis;
        }
    }
    if matches!(role, Role::Modal(..)) && cur == j {
        // A modal without its verb is an ellipsis or a noun ("military might").
        return None;
    }

    let mut end = cur + 1;
    // "is not", "has not": a negation right after an auxiliary that is the main verb.
    if matches!(&*cur_a.lemma, "be" | "have" | "do")
        && matches!(tokens.get(end), Some(&"not") | Some(&"n't"))
    {
        negated = true;
        end += 1;
    }

    let (tense, mood, modal) = match role {
        Role::Modal(modal, modal_tense) => {
            let (tense, mood) = match (modal_tense, flags.perfect) {
                (ModalTense::Future, _) => (GroupTense::Future, Mood::Indicative),
                (ModalTense::Conditional, true) => (GroupTense::ConditionalPast, Mood::Conditional),
                (ModalTense::Conditional, false) => (GroupTense::Conditional, Mood::Conditional),
                (ModalTense::Present, true) => (GroupTense::Past, Mood::Indicative),
                (ModalTense::Present, false) => (GroupTense::Present, Mood::Indicative),
            };
            (tense, mood, Some(modal))
        }
        Role::Finite => (group_tense(first, flags), first.mood, None),
        Role::Infinitive => (group_tense(first, flags), Mood::Infinitive, None),
        Role::Participle => (group_tense(first, flags), Mood::Participle, None),
        Role::Adjective => (GroupTense::None, Mood::Participle, None),
    };
    let voice = if role == Role::Adjective || flags.passive {
        Voice::Passive
    } else {
        Voice::Active
    };
    Some(VerbGroup {
        tokens: i..end,
        head: cur,
        lemma: cur_a.lemma.clone(),
        voice,
        tense,
        mood,
        negated,
        modal: modal.map(Into::into),
        participle_adjective: role == Role::Adjective,
        infinitive: role == Role::Infinitive,
        reflexive: false,
    })
}

/// Decides how a verb form that is not a modal and not after "to" is used, or that it is a noun.
fn choose_role<'l>(
    tokens: &[&str],
    i: usize,
    j: usize,
    has_prefix: bool,
    governor: &str,
    analyses: &'l [VerbAnalysis],
    lex: &VerbLexicon,
) -> Option<(Role, &'l VerbAnalysis)> {
    let word = tokens[j];
    let next = tokens.get(j + 1).copied().unwrap_or("");
    let past_participle = find_reading(analyses, is_past_participle);
    let present_participle = find_reading(analyses, is_present_participle);
    if !has_prefix {
        if never_starts_group(word) {
            return None;
        }
        if word.starts_with('\'') && !is_contraction_subject(governor) {
            // "Russia's" is a possessive, not "Russia is".
            return None;
        }
        if is_determiner(governor)
            || is_prenominal_modifier(governor)
            || (governor == "'s" && !is_contraction_subject(before(tokens, i - 1)))
        {
            // A noun ("the attack", "Russia's talks"), or a participle before one ("the expelled diplomats").
            let adjective = past_participle.filter(|a| {
                !matches!(&*a.lemma, "be" | "have" | "do")
                    && !next.is_empty()
                    && !is_punctuation(next)
                    && lex.analyze(next).is_empty()
                    && !is_preposition(next)
            });
            return adjective.map(|a| (Role::Adjective, a));
        }
        if is_preposition(governor) {
            // "after signing"; a finite form after a preposition is a noun ("amid protests").
            return present_participle.map(|a| (Role::Participle, a));
        }
        if starts_sentence(governor) {
            // News sentences do not open on a finite lexical verb: "Sanctions imposed on Russia..." opens on a
            // noun. Participles do open them ("Accused of spying, ..."), and so do auxiliaries in questions.
            let auxiliary = analyses
                .iter()
                .any(|a| matches!(&*a.lemma, "be" | "have" | "do"));
            if !auxiliary {
                return match (present_participle, past_participle) {
                    (Some(a), _) => Some((Role::Participle, a)),
                    (None, Some(a)) => Some((Role::Adjective, a)),
                    (None, None) => None,
                };
            }
        }
    }
    if !has_prefix && after_singular_noun_phrase_start(tokens, j) {
        // "a general strike", "this crossing point": a bare present form cannot agree with a singular
        // determiner two or three words back, so it is the head noun of that phrase.
        let bare_present = analyses.iter().any(|a| a.tense == Tense::Present)
            && !analyses.iter().any(|a| {
                matches!(a.tense, Tense::Past | Tense::PastParticiple) || a.person == Some(3)
            });
        if bare_present {
            return None;
        }
    }
    // "held talks", "has launched attacks": a bare present form right after a past form of a lexical
    // verb is that verb's object.
    if !has_prefix && analyses.iter().all(|a| a.tense == Tense::Present) && j > 0 {
        let prev = lex.analyze(tokens[j - 1]);
        let past_lexical = !prev.is_empty()
            && prev.iter().all(|a| {
                matches!(a.tense, Tense::Past | Tense::PastParticiple)
                    && !matches!(&*a.lemma, "be" | "have" | "do" | "get")
            });
        if past_lexical {
            return None;
        }
    }
    if !has_prefix
        && next == "of"
        && analyses.iter().all(|a| a.tense == Tense::Present)
        && !analyses.iter().any(|a| takes_of(&a.lemma))
    {
        // "the Greek sides of the island", "a new round of talks": a bare present form followed by
        // "of" heads a noun phrase, unless the verb itself takes "of" ("warns of").
        return None;
    }
    let past = best_finite(analyses, |a| a.tense == Tense::Past);
    if let (Some(participle), Some(_)) = (past_participle, past) {
        if !has_prefix && reduced_relative(tokens, j, lex) {
            return Some((Role::Adjective, participle));
        }
    }
    let finite = best_finite(analyses, |a| {
        // "put", "cut", "read" are present and past; he/she/it before them rules the present out.
        !(a.tense == Tense::Present
            && a.person.is_none()
            && matches!(before(tokens, j), "he" | "she" | "it"))
            && a.mood != Mood::Imperative
    });
    if let Some(a) = finite {
        if matches!(&*a.lemma, "be" | "have" | "do") && a.tense == Tense::PastParticiple {
            return None;
        }
        return Some((Role::Finite, a));
    }
    if let Some(a) = present_participle {
        return Some((Role::Participle, a));
    }
    if let Some(a) = past_participle {
        if !has_prefix && !matches!(&*a.lemma, "be" | "have" | "do") {
            return Some((Role::Adjective, a));
        }
    }
    None
}

fn before<'t>(tokens: &[&'t str], k: usize) -> &'t str {
    if k > 0 {
        tokens[k - 1]
    } else {
        ""
    }
}

/// Whether an -ed form that is both past and participle is a reduced relative ("diplomats expelled by Russia",
/// "a diplomat accused of spying was expelled") rather than a simple past ("Russia expelled two diplomats").
fn reduced_relative(tokens: &[&str], j: usize, lex: &VerbLexicon) -> bool {
    let prev = before(tokens, j);
    if is_subject_pronoun(prev) || prev.is_empty() || is_punctuation(prev) || is_conjunction(prev) {
        return false;
    }
    let next = tokens.get(j + 1).copied().unwrap_or("");
    if next == "by" {
        return true;
    }
    if !is_adjunct_start(next) {
        return false;
    }
    // "lifted Friday a blockade": an object after a time adverbial makes the form a simple past, as
    // a participle takes no direct object.
    if !is_preposition(next) {
        let mut k = j + 1;
        while k < tokens.len()
            && k <= j + 2
            && is_adjunct_start(tokens[k])
            && !is_preposition(tokens[k])
        {
            k += 1;
        }
        if k < tokens.len()
            && matches!(
                tokens[k],
                "a" | "an" | "the" | "its" | "their" | "his" | "her"
            )
        {
            return false;
        }
    }
    // The clause needs its own finite verb further on: "... expelled last week have left Moscow".
    for (offset, t) in tokens.iter().enumerate().skip(j + 2).take(CLAUSE_LOOKAHEAD) {
        if is_clause_boundary(t) {
            return false;
        }
        if modal_at(tokens, offset).is_some() {
            return true;
        }
        let analyses = lex.analyze(t);
        let finite = analyses
            .iter()
            .any(|a| a.mood == Mood::Indicative && matches!(a.tense, Tense::Present | Tense::Past));
        let participle = analyses.iter().any(is_past_participle);
        let auxiliary = analyses
            .iter()
            .any(|a| matches!(&*a.lemma, "be" | "have" | "do") && a.mood == Mood::Indicative);
        if auxiliary || (finite && !participle && !is_determiner(before(tokens, offset))) {
            return true;
        }
    }
    false
}

/// Looks for the verb `expect` asks for from `from` on, skipping at most MAX_SKIP adverbs, negation words and
/// inverted subjects ("did he sign").
fn scan<'l>(
    tokens: &[&str],
    lex: &'l VerbLexicon,
    from: usize,
    expect: Expect,
) -> Option<Found<'l>> {
    let mut want = expect;
    let mut k = from;
    let mut skipped = 0;
    let mut negated = false;
    while k < tokens.len() && skipped <= MAX_SKIP {
        let t = tokens[k];
        let analyses = lex.analyze(t);
        let found = |index, analysis, link| {
            Some(Found {
                index,
                analysis,
                link,
                negated,
            })
        };
        match want {
            Expect::Base => {
                if let Some(a) = find_reading(analyses, is_infinitive) {
                    return found(k, a, Link::Base);
                }
            }
            Expect::ToBase => {
                if t == "to" {
                    want = Expect::Base;
                    k += 1;
                    continue;
                }
            }
            Expect::AfterHave => {
                if let Some(a) = find_reading(analyses, is_past_participle) {
                    return found(k, a, Link::Perfect);
                }
            }
            Expect::AfterBeing | Expect::AfterGet => {
                if let Some(a) = find_reading(analyses, is_past_participle) {
                    return found(k, a, Link::Passive);
                }
            }
            Expect::AfterBe => {
                if let Some(a) = find_reading(analyses, is_past_participle) {
                    return found(k, a, Link::Passive);
                }
                if let Some(a) = find_reading(analyses, is_present_participle) {
                    if &*a.lemma == "go" && tokens.get(k + 1) == Some(&"to") {
                        if let Some(base) = tokens
                            .get(k + 2)
                            .and_then(|t| find_reading(lex.analyze(t), is_infinitive))
                        {
                            return found(k + 2, base, Link::GoingTo);
                        }
                    }
                    return found(k, a, Link::Progressive);
                }
            }
        }
        if expect == Expect::AfterGet && k > from {
            // get + participle only when adjacent: "got arrested", not "got the job ... done".
            return None;
        }
        let width = match t {
            "not" | "n't" | "never" => {
                negated = true;
                1
            }
            "no" if tokens.get(k + 1) == Some(&"longer") => {
                negated = true;
                2
            }
            _ if is_adverb(t, lex) || is_subject_pronoun_inverted(t) => 1,
            _ => return None,
        };
        k += width;
        skipped += width;
    }
    None
}

fn is_adverb(t: &str, lex: &VerbLexicon) -> bool {
    let listed = matches!(
        t,
        "also"
            | "already"
            | "now"
            | "still"
            | "just"
            | "yet"
            | "ever"
            | "since"
            | "long"
            | "once"
            | "always"
            | "often"
            | "even"
            | "only"
            | "again"
            | "then"
            | "soon"
            | "later"
            | "all"
            | "both"
            | "each"
            | "further"
            | "reportedly"
            | "allegedly"
    );
    listed || (t.len() >= 5 && t.ends_with("ly") && lex.analyze(t).is_empty())
}

fn is_subject_pronoun(t: &str) -> bool {
    matches!(
        t,
        "i" | "you" | "he" | "she" | "it" | "we" | "they" | "who" | "which" | "that" | "there"
    )
}

/// Subjects that follow their auxiliary in questions ("did he sign", "has it been").
fn is_subject_pronoun_inverted(t: &str) -> bool {
    matches!(
        t,
        "i" | "you" | "he" | "she" | "it" | "we" | "they" | "there"
    )
}

/// Words whose "'s", "'re", "'d"... is a verb rather than a possessive.
fn is_contraction_subject(t: &str) -> bool {
    matches!(
        t,
        "i" | "you"
            | "he"
            | "she"
            | "it"
            | "we"
            | "they"
            | "that"
            | "there"
            | "who"
            | "what"
            | "where"
            | "here"
            | "how"
            | "this"
    )
}

/// True when a singular determiner stands two or three words before `j` with only words between, or
/// a possessive two words before with a word that is no plural noun between ("North Korea's
/// repeated demand", not "Iran's leaders demand").
fn after_singular_noun_phrase_start(tokens: &[&str], j: usize) -> bool {
    if j >= 2 && tokens[j - 2] == "'s" {
        let middle = tokens[j - 1];
        if middle.chars().all(char::is_alphabetic)
            && !middle.ends_with('s')
            && !matches!(middle, "people" | "police" | "men" | "women" | "children")
        {
            return true;
        }
    }
    (2..=3).any(|back| {
        j >= back
            && matches!(
                tokens[j - back],
                "a" | "an" | "this" | "each" | "every" | "another"
            )
            && tokens[j - back + 1..j].iter().all(|t| {
                t.chars().next().is_some_and(char::is_alphanumeric)
                    && !is_preposition(t)
                    && !is_conjunction(t)
                    && !is_subject_pronoun(t)
            })
    })
}

fn is_determiner(t: &str) -> bool {
    is_number(t)
        || matches!(
            t,
            "the"
                | "a"
                | "an"
                | "this"
                | "these"
                | "those"
                | "its"
                | "their"
                | "his"
                | "her"
                | "our"
                | "my"
                | "your"
                | "every"
                | "each"
                | "another"
                | "no"
                | "some"
                | "any"
                | "several"
                | "many"
                | "few"
                | "such"
                | "whose"
                | "one"
                | "two"
                | "three"
                | "four"
                | "five"
                | "six"
                | "seven"
                | "eight"
                | "nine"
                | "ten"
                | "dozens"
                | "hundreds"
                | "thousands"
        )
}

/// Words that news text puts before nouns that are also verb forms ("new sanctions", "peace talks", "air
/// strikes"): a verb form after them is a noun.
fn is_prenominal_modifier(t: &str) -> bool {
    matches!(
        t,
        "new"
            | "fresh"
            | "further"
            | "more"
            | "other"
            | "latest"
            | "recent"
            | "renewed"
            | "possible"
            | "major"
            | "deadly"
            | "massive"
            | "direct"
            | "bilateral"
            | "international"
            | "economic"
            | "military"
            | "western"
            | "retaliatory"
            | "targeted"
            | "peace"
            | "air"
            | "drone"
            | "missile"
            | "rocket"
            | "trade"
            | "border"
            | "second"
            | "third"
            | "fourth"
            | "fifth"
            | "sixth"
            | "seventh"
            | "eighth"
            | "ninth"
            | "tenth"
    )
}

/// Verbs whose complement may start with "of" ("warns of", "speaks of", "consists of").
fn takes_of(lemma: &str) -> bool {
    matches!(
        lemma,
        "warn"
            | "speak"
            | "talk"
            | "think"
            | "hear"
            | "approve"
            | "disapprove"
            | "dispose"
            | "consist"
            | "complain"
            | "die"
            | "tire"
            | "despair"
            | "dream"
            | "boast"
            | "smell"
            | "know"
            | "learn"
            | "write"
            | "tell"
    )
}

fn is_preposition(t: &str) -> bool {
    matches!(
        t,
        "of" | "in"
            | "on"
            | "at"
            | "for"
            | "with"
            | "from"
            | "by"
            | "about"
            | "against"
            | "into"
            | "onto"
            | "over"
            | "under"
            | "between"
            | "among"
            | "amid"
            | "amidst"
            | "after"
            | "before"
            | "during"
            | "without"
            | "through"
            | "throughout"
            | "across"
            | "toward"
            | "towards"
            | "despite"
            | "via"
            | "per"
            | "upon"
            | "within"
            | "beyond"
            | "behind"
            | "until"
            | "near"
            | "than"
            | "since"
    )
}

fn is_conjunction(t: &str) -> bool {
    matches!(
        t,
        "and"
            | "or"
            | "but"
            | "because"
            | "while"
            | "when"
            | "if"
            | "as"
            | "although"
            | "though"
            | "whether"
    )
}

/// Words that open an adjunct after a reduced relative ("accused of", "expelled last week", "arrested Monday").
fn is_adjunct_start(t: &str) -> bool {
    is_preposition(t)
        || matches!(
            t,
            "last"
                | "earlier"
                | "yesterday"
                | "today"
                | "this"
                | "recently"
                | "monday"
                | "tuesday"
                | "wednesday"
                | "thursday"
                | "friday"
                | "saturday"
                | "sunday"
        )
}

/// The token before a sentence's first word: nothing, end punctuation or an opening quote (not a comma: "...,
/// said the minister").
fn starts_sentence(governor: &str) -> bool {
    matches!(
        governor,
        "" | "." | "!" | "?" | ":" | ";" | "\"" | "“" | "«" | "("
    )
}

fn is_clause_boundary(t: &str) -> bool {
    is_punctuation(t) || is_conjunction(t) || matches!(t, "who" | "which" | "that")
}

/// A token after a participle that starts an object, which makes "'s" + participle a perfect ("he's signed the
/// deal") rather than a passive ("he's accused of").
fn starts_object(t: &str) -> bool {
    is_determiner(t) || matches!(t, "him" | "her" | "them" | "us" | "me" | "it")
}

/// Prepositions and conjunctions that are also verb forms (including: include); they never start a group.
fn never_starts_group(t: &str) -> bool {
    matches!(
        t,
        "including"
            | "regarding"
            | "concerning"
            | "according"
            | "following"
            | "given"
            | "provided"
            | "considering"
            | "excluding"
            | "pending"
            | "barring"
            | "notwithstanding"
            | "past"
    )
}

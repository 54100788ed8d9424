//! French verb groups: avoir/être + participle (compound tenses and the passive), modals (pouvoir, devoir,
//! vouloir), aller + infinitive, venir de + infinitive, continuer de + infinitive, negation (ne ... pas), clitics
//! and pronominal verbs.

use super::verb_group::{
    best_finite, find_reading, group_tense, is_infinitive, is_number, is_past_participle,
    is_present_participle, is_punctuation, ChainFlags, GroupTense, VerbGroup, Voice,
};
use super::{Mood, Tense, VerbAnalysis, VerbLexicon};

/// How many tokens (adverbs, negation, clitics, an inverted subject) may stand between two linked verbs; it bounds
/// the look-ahead so that the analysis stays linear.
const MAX_SKIP: usize = 4;
/// How many negation words and clitics may precede the first verb ("ne nous l'a pas").
const MAX_PREFIX: usize = 6;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    /// A conjugated verb and its chain.
    Finite,
    /// An infinitive governed by a preposition or a verb, and its chain ("de ne pas riposter").
    Infinitive,
    /// A present participle or gérondif ("en signant", "ayant signé").
    Participle,
    /// A bare past participle used as an adjective ("un diplomate accusé d'espionnage").
    Adjective,
}

/// What the verb just linked lets come next.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Expect {
    /// A past participle after avoir: a compound tense.
    AfterAvoir,
    /// A past participle after être (not été): a compound tense of an être verb or a pronominal verb, else a passive.
    AfterEtre,
    /// A past participle after été: a passive.
    AfterEte,
    /// An infinitive after pouvoir, devoir or vouloir.
    Modal,
    /// An infinitive after aller: futur proche.
    Future,
    /// de + infinitive after venir; becomes `Recent` once de is read.
    VenirDe,
    /// The infinitive of the passé récent.
    Recent,
    /// An infinitive after être en train de or continuer de.
    Progressive,
    /// de or à + infinitive after continuer; becomes `Progressive` once the preposition is read.
    ContinueDe,
}

impl Expect {
    fn wants_infinitive(self) -> bool {
        matches!(
            self,
            Expect::Modal | Expect::Future | Expect::Recent | Expect::Progressive
        )
    }
}

/// Negation words met in a group.
#[derive(Clone, Copy, Debug, Default)]
struct Negation {
    /// pas, jamais, guère...: a negation even without ne (spoken French, "c'est pas").
    strong: bool,
    /// plus, rien, point, aucun...: a negation only with ne.
    weak: bool,
}

impl Negation {
    fn note(&mut self, token: &str) {
        if is_strong_negation(token) {
            self.strong = true;
        } else {
            self.weak = true;
        }
    }

    fn any(self) -> bool {
        self.strong || self.weak
    }
}

struct Found<'l> {
    index: usize,
    analysis: &'l VerbAnalysis,
    link: Expect,
    negation: Negation,
    reflexive: bool,
}

pub(super) fn group_at(tokens: &[&str], i: usize, lex: &VerbLexicon) -> Option<VerbGroup> {
    let n = tokens.len();
    let before = |k: usize| if k > 0 { tokens[k - 1] } else { "" };

    // Leading negation and clitics: "ne", "ne pas" (before an infinitive), "se", "l'", "leur", "en"...
    let mut j = i;
    let mut ne = false;
    let mut negation = Negation::default();
    let mut negated_infinitive = false;
    let mut reflexive = false;
    let mut first_object: Option<usize> = None;
    if is_ne(tokens[j]) {
        ne = true;
        j += 1;
        if j < n && is_negative_particle(tokens[j]) {
            negation.note(tokens[j]);
            negated_infinitive = true;
            j += 1;
        }
    }
    while j < n && j - i < MAX_PREFIX {
        let t = tokens[j];
        if is_reflexive_pronoun(t) {
            reflexive = true;
        } else if matches!(t, "nous" | "vous") {
            // A subject unless repeated: "nous nous sommes retirés", "nous ne nous sommes pas".
            let prev = before(j);
            if prev == t || (is_ne(prev) && j >= 2 && before(j - 1) == t) {
                reflexive = true;
            } else if j == i {
                break;
            }
        } else if is_object_clitic(t) {
            first_object.get_or_insert(j);
        } else {
            break;
        }
        j += 1;
    }
    if j >= n {
        return None;
    }
    let word = tokens[j];
    let analyses = lex.analyze(word);
    if analyses.is_empty() {
        return None;
    }
    let has_prefix = j > i;
    let governor = before(i);
    if word == "fait" && before(j) == "en" && !is_subject_pronoun(before(j - 1)) {
        // "en fait": in fact.
        return None;
    }
    // "entre" is the preposition, except in "entre en vigueur / en guerre / en fonction".
    let preposition =
        never_starts_group(word) && !(word == "entre" && tokens.get(j + 1) == Some(&"en"));
    if !has_prefix && (preposition || blocked_as_noun(governor, analyses)) {
        return None;
    }

    let usable = |a: &VerbAnalysis| person_agrees(a, tokens, i, j);
    let finite = best_finite(analyses, usable);
    let infinitive = find_reading(analyses, is_infinitive);
    let present_participle = find_reading(analyses, is_present_participle);
    let past_participle = find_reading(analyses, is_past_participle);
    let gerund = first_object.is_some_and(|k| k + 1 == j && tokens[k] == "en");
    let (role, first) = if governs_infinitive(governor) || negated_infinitive {
        (Role::Infinitive, infinitive?)
    } else if let (true, Some(a)) = (gerund, present_participle) {
        (Role::Participle, a)
    } else if let Some(a) = finite {
        (Role::Finite, a)
    } else if let Some(a) = infinitive {
        (Role::Infinitive, a)
    } else if let Some(a) = present_participle {
        (Role::Participle, a)
    } else if let Some(a) = past_participle {
        if has_prefix || matches!(&*a.lemma, "être" | "avoir") {
            return None;
        }
        (Role::Adjective, a)
    } else {
        return None;
    };

    // le, la, les, l', leur are also articles and en a preposition: they are clitics after a subject or a noun
    // ("il l'a vu", "Kiev la menace"), not after a preposition or a verb ("à l'est", "dénonce la menace").
    if let Some(k) = first_object {
        if !ne && !reflexive {
            let lead = before(k);
            let clitic = match role {
                Role::Finite if is_auxiliary_reading(first) => {
                    !lead.is_empty()
                        && !is_punctuation(lead)
                        && !is_preposition(lead)
                        && !is_determiner(lead)
                }
                Role::Finite => is_subject_pronoun(lead) || noun_before(tokens, k, lex),
                Role::Infinitive => {
                    governs_infinitive(lead)
                        || !lex.analyze(lead).is_empty()
                        || is_subject_pronoun(lead)
                        || noun_before(tokens, k, lex)
                }
                Role::Participle | Role::Adjective => true,
            };
            if !clitic {
                return None;
            }
        }
    }

    // Link the chain: each verb says what may follow it, and the next verb must come within MAX_SKIP tokens.
    let mut flags = ChainFlags::default();
    let mut modal: Option<&str> = None;
    let (mut cur, mut cur_a) = (j, first);
    if role != Role::Adjective {
        loop {
            let expect = match &*cur_a.lemma {
                "avoir" if !is_past_participle(cur_a) => Expect::AfterAvoir,
                "être" if is_past_participle(cur_a) => Expect::AfterEte,
                "être" => Expect::AfterEtre,
                "pouvoir" | "devoir" | "vouloir" => Expect::Modal,
                "aller"
                    if cur == j
                        && role == Role::Finite
                        && matches!(cur_a.tense, Tense::Present | Tense::Imperfect) =>
                {
                    Expect::Future
                }
                // "continuait de refuser": the event is the infinitive's, in continuer's tense.
                "continuer" if cur == j => Expect::ContinueDe,
                "venir"
                    if cur == j
                        && role == Role::Finite
                        && cur_a.mood == Mood::Indicative
                        && matches!(cur_a.tense, Tense::Present | Tense::Imperfect) =>
                {
                    Expect::VenirDe
                }
                _ => break,
            };
            let Some(found) = scan(tokens, lex, cur + 1, expect) else {
                break;
            };
            negation.strong |= found.negation.strong;
            negation.weak |= found.negation.weak;
            reflexive |= found.reflexive;
            match found.link {
                Expect::AfterAvoir => flags.perfect = true,
                Expect::AfterEtre => {
                    if reflexive || lex.uses_etre_auxiliary(&found.analysis.lemma) {
                        flags.perfect = true;
                    } else {
                        flags.passive = true;
                    }
                }
                Expect::AfterEte => flags.passive = true,
                Expect::Modal => {
                    modal.get_or_insert(&cur_a.lemma);
                }
                Expect::Future => flags.future = true,
                Expect::Recent => flags.recent_past = true,
                Expect::VenirDe | Expect::Progressive | Expect::ContinueDe => {}
            }
            cur = found.index;
            cur_a = found.analysis;
        }
    }

    // Continuer only lends its tense to an infinitive; alone it tells no event of its own.
    if cur_a.lemma.as_ref() == "continuer" {
        return None;
    }

    // A negation particle right after the last verb belongs to the group ("ne signe pas", "ne sont pas");
    // "ne ... que" is a restriction, not a negation.
    let mut end = cur + 1;
    if role != Role::Adjective {
        if let Some(&t) = tokens.get(end) {
            if is_negative_particle(t) && (ne || is_strong_negation(t)) {
                negation.note(t);
                end += 1;
            }
        }
        if ne {
            let window = &tokens[end..(end + 2).min(n)];
            if window.iter().any(|t| is_negative_object(t)) {
                negation.weak = true;
            }
        }
    }
    let restrictive = ne
        && !negation.any()
        && tokens[end..(end + 3).min(n)]
            .iter()
            .any(|t| matches!(*t, "que" | "qu'"));
    let negated = if ne { !restrictive } else { negation.strong };

    let voice = match role {
        Role::Adjective if lex.uses_etre_auxiliary(&first.lemma) => Voice::Active,
        Role::Adjective => Voice::Passive,
        _ if flags.passive => Voice::Passive,
        _ => Voice::Active,
    };
    let (tense, mood) = match role {
        Role::Adjective => (GroupTense::None, Mood::Participle),
        Role::Finite => (group_tense(first, flags), first.mood),
        Role::Infinitive => (group_tense(first, flags), Mood::Infinitive),
        Role::Participle => (group_tense(first, flags), Mood::Participle),
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
        reflexive: reflexive && role != Role::Adjective,
    })
}

/// Looks for the verb `expect` asks for from `from` on, skipping at most MAX_SKIP adverbs, negation particles,
/// inverted subjects ("a-t-il signé") and, before an infinitive, clitics ("va le signer").
fn scan<'l>(
    tokens: &[&str],
    lex: &'l VerbLexicon,
    from: usize,
    expect: Expect,
) -> Option<Found<'l>> {
    let mut want = expect;
    let mut k = from;
    let mut skipped = 0;
    let mut negation = Negation::default();
    let mut reflexive = false;
    while k < tokens.len() && skipped <= MAX_SKIP {
        let t = tokens[k];
        let wanted = |analyses| {
            if want.wants_infinitive() {
                find_reading(analyses, is_infinitive)
            } else if matches!(want, Expect::VenirDe | Expect::ContinueDe) {
                None
            } else {
                find_reading(analyses, is_past_participle)
            }
        };
        // Text without accents ("A CONDAMNE") spells the participle like another form: try it unaccented too.
        let reading = wanted(lex.analyze(t)).or_else(|| wanted(lex.analyze_ignoring_accents(t)));
        if let Some(analysis) = reading {
            return Some(Found {
                index: k,
                analysis,
                link: want,
                negation,
                reflexive,
            });
        }
        if want == Expect::VenirDe && matches!(t, "de" | "d'") {
            want = Expect::Recent;
            k += 1;
            continue;
        }
        if want == Expect::ContinueDe && matches!(t, "de" | "d'" | "à") {
            want = Expect::Progressive;
            k += 1;
            continue;
        }
        if want == Expect::AfterEtre
            && t == "en"
            && tokens.get(k + 1) == Some(&"train")
            && matches!(tokens.get(k + 2), Some(&"de") | Some(&"d'"))
        {
            want = Expect::Progressive;
            k += 3;
            continue;
        }
        let width = if is_negative_particle(t) {
            negation.note(t);
            1
        } else if let Some(width) = adverb_width(tokens, k, lex) {
            width
        } else if is_inverted_subject(t) {
            1
        } else if want.wants_infinitive()
            && (is_object_clitic(t) || is_reflexive_pronoun(t) || matches!(t, "nous" | "vous"))
        {
            reflexive |= is_reflexive_pronoun(t);
            1
        } else {
            return None;
        };
        k += width;
        skipped += width;
    }
    None
}

/// Whether the person of a finite reading is possible here: first and second persons need their pronoun
/// nearby (so "avions" after "des" is not avoir, and "pris" is the participle, not "je pris").
fn person_agrees(a: &VerbAnalysis, tokens: &[&str], start: usize, at: usize) -> bool {
    let (Some(person), Some(plural)) = (a.person, a.plural) else {
        return true;
    };
    if person == 3 {
        return true;
    }
    let pronouns: &[&str] = match (person, plural) {
        (1, false) => &["je", "j'"],
        (2, false) => &["tu"],
        (1, true) => &["nous"],
        _ => &["vous"],
    };
    let lo = start.saturating_sub(1);
    tokens[lo..at].iter().any(|t| pronouns.contains(t))
        || tokens.get(at + 1).is_some_and(|t| pronouns.contains(t))
}

/// A verb form right after a determiner or a preposition that takes no infinitive is a noun ("les forces",
/// "une attaque", "dans l'attente"), except auxiliary forms, which no noun shares ("plusieurs ont été tués").
fn blocked_as_noun(governor: &str, analyses: &[VerbAnalysis]) -> bool {
    let auxiliary = analyses.iter().any(is_auxiliary_reading);
    if is_determiner(governor) || is_prenominal_adjective(governor) {
        return !auxiliary;
    }
    if governor == "ce" {
        // "ce sont", "ce fut", "ce doit être"; otherwise ce is a determiner ("ce sommet").
        return !analyses
            .iter()
            .any(|a| matches!(&*a.lemma, "être" | "pouvoir" | "devoir"));
    }
    // After an article or "en" the clitic reading was tried first and failed: the article reading remains.
    if is_ambiguous_article(governor) || governor == "en" {
        return true;
    }
    is_preposition(governor) && !governs_infinitive(governor)
}

fn is_auxiliary_reading(a: &VerbAnalysis) -> bool {
    matches!(
        &*a.lemma,
        "être" | "avoir" | "pouvoir" | "devoir" | "vouloir" | "aller"
    ) && !matches!(a.mood, Mood::Infinitive | Mood::Participle)
}

/// Tokens that may stand between two verbs as adverbs: a fixed list, -ment adverbs that are not verb forms
/// (rapidement; not "dément"), and a few two-word adverbs ("peut-être" arrives as "peut", "être").
fn adverb_width(tokens: &[&str], k: usize, lex: &VerbLexicon) -> Option<usize> {
    let t = tokens[k];
    if let Some(&next) = tokens.get(k + 1) {
        if matches!(
            (t, next),
            ("peut", "être")
                | ("sans", "doute")
                | ("d'", "abord")
                | ("d'", "ailleurs")
                | ("par", "ailleurs")
                | ("en", "effet")
                | ("en", "outre")
                | ("de", "nouveau")
                | ("à", "nouveau")
                | ("au", "moins")
        ) {
            return Some(2);
        }
    }
    let listed = matches!(
        t,
        "également"
            | "aussi"
            | "déjà"
            | "aussitôt"
            | "plutôt"
            | "auparavant"
            | "dorénavant"
            | "davantage"
            | "encore"
            | "toujours"
            | "bien"
            | "mal"
            | "très"
            | "trop"
            | "peu"
            | "beaucoup"
            | "enfin"
            | "ensuite"
            | "alors"
            | "ainsi"
            | "même"
            | "pourtant"
            | "cependant"
            | "néanmoins"
            | "toutefois"
            | "désormais"
            | "hier"
            | "aujourd'hui"
            | "longtemps"
            | "souvent"
            | "parfois"
            | "presque"
            | "vite"
            | "tôt"
            | "tard"
            | "certes"
            | "mieux"
            | "notamment"
            | "surtout"
            | "seulement"
            | "tout"
            | "tous"
            | "toutes"
            | "bientôt"
            | "donc"
            | "ici"
            | "là"
            | "environ"
    );
    let ment = t.len() > 6 && t.ends_with("ment") && lex.analyze(t).is_empty();
    (listed || ment).then_some(1)
}

fn is_ne(t: &str) -> bool {
    matches!(t, "ne" | "n'")
}

/// Negation particles that may stand between an auxiliary and its participle ("n'a pas signé", "n'a rien dit").
fn is_negative_particle(t: &str) -> bool {
    matches!(
        t,
        "pas" | "plus" | "jamais" | "point" | "guère" | "rien" | "nullement" | "aucunement"
    )
}

fn is_strong_negation(t: &str) -> bool {
    matches!(t, "pas" | "jamais" | "guère" | "nullement" | "aucunement")
}

/// Negative words that follow the verb as its object ("n'a signé aucun accord", "ne voit personne").
fn is_negative_object(t: &str) -> bool {
    matches!(
        t,
        "aucun"
            | "aucune"
            | "personne"
            | "rien"
            | "nul"
            | "nulle"
            | "ni"
            | "pas"
            | "plus"
            | "jamais"
    )
}

fn is_reflexive_pronoun(t: &str) -> bool {
    matches!(t, "se" | "s'" | "me" | "m'" | "te" | "t'")
}

fn is_object_clitic(t: &str) -> bool {
    matches!(t, "le" | "la" | "les" | "l'" | "lui" | "leur" | "y" | "en")
}

fn is_ambiguous_article(t: &str) -> bool {
    matches!(t, "le" | "la" | "les" | "l'" | "leur")
}

fn is_subject_pronoun(t: &str) -> bool {
    matches!(
        t,
        "je" | "j'"
            | "tu"
            | "il"
            | "elle"
            | "on"
            | "nous"
            | "vous"
            | "ils"
            | "elles"
            | "qui"
            | "c'"
            | "ce"
            | "cela"
            | "ça"
            | "ceci"
    )
}

/// Subjects placed after the verb in questions and incises: "a-t-il signé" arrives as "a", "t", "il", "signé".
fn is_inverted_subject(t: &str) -> bool {
    matches!(
        t,
        "t" | "il" | "elle" | "on" | "ils" | "elles" | "je" | "tu" | "nous" | "vous"
    )
}

fn is_determiner(t: &str) -> bool {
    is_number(t)
        || matches!(
            t,
            "un" | "une"
                | "des"
                | "du"
                | "au"
                | "aux"
                | "cet"
                | "cette"
                | "ces"
                | "mon"
                | "ma"
                | "mes"
                | "ton"
                | "ta"
                | "tes"
                | "son"
                | "sa"
                | "ses"
                | "notre"
                | "nos"
                | "votre"
                | "vos"
                | "leurs"
                | "chaque"
                | "plusieurs"
                | "quelques"
                | "quelque"
                | "certains"
                | "certaines"
                | "divers"
                | "diverses"
                | "différents"
                | "différentes"
                | "quel"
                | "quelle"
                | "quels"
                | "quelles"
                | "aucun"
                | "aucune"
                | "deux"
                | "trois"
                | "quatre"
                | "cinq"
                | "six"
                | "sept"
                | "huit"
                | "neuf"
                | "dix"
                | "vingt"
                | "cent"
                | "mille"
        )
}

/// Adjectives that stand before the noun ("la troisième attaque", "de nouvelles frappes"), so that a verb form
/// after them is a noun.
fn is_prenominal_adjective(t: &str) -> bool {
    t.ends_with("ième")
        || t.ends_with("ièmes")
        || matches!(
            t,
            "nouveau"
                | "nouvel"
                | "nouvelle"
                | "nouveaux"
                | "nouvelles"
                | "premier"
                | "première"
                | "premiers"
                | "premières"
                | "dernier"
                | "dernière"
                | "derniers"
                | "dernières"
                | "autre"
                | "autres"
                | "seul"
                | "seule"
                | "seuls"
                | "seules"
                | "nombreux"
                | "nombreuses"
                | "grand"
                | "grande"
                | "grands"
                | "grandes"
                | "double"
                | "éventuel"
                | "éventuelle"
                | "éventuels"
                | "éventuelles"
        )
}

fn is_preposition(t: &str) -> bool {
    matches!(
        t,
        "de" | "d'"
            | "à"
            | "pour"
            | "par"
            | "sans"
            | "avec"
            | "dans"
            | "sur"
            | "sous"
            | "contre"
            | "entre"
            | "vers"
            | "chez"
            | "selon"
            | "malgré"
            | "parmi"
            | "depuis"
            | "pendant"
            | "durant"
            | "après"
            | "avant"
            | "envers"
            | "dès"
            | "via"
            | "outre"
            | "lors"
            | "près"
            | "jusqu'"
            | "jusque"
            | "hors"
            | "auprès"
    )
}

/// Prepositions after which a verb form is an infinitive ("de riposter", "après avoir signé").
fn governs_infinitive(t: &str) -> bool {
    matches!(
        t,
        "de" | "d'" | "à" | "pour" | "sans" | "par" | "après" | "avant"
    )
}

fn is_conjunction(t: &str) -> bool {
    matches!(
        t,
        "et" | "ou"
            | "mais"
            | "donc"
            | "or"
            | "ni"
            | "car"
            | "que"
            | "qu'"
            | "si"
            | "comme"
            | "quand"
            | "lorsque"
            | "lorsqu'"
            | "puisque"
            | "puisqu'"
            | "tandis"
            | "où"
            | "dont"
            | "quoi"
            | "alors"
            | "ainsi"
    )
}

/// Prepositions that are also verb forms (entre: entrer; devant: devoir); they never start a group.
fn never_starts_group(t: &str) -> bool {
    matches!(
        t,
        "entre"
            | "contre"
            | "pendant"
            | "durant"
            | "suivant"
            | "devant"
            | "concernant"
            | "moyennant"
            | "touchant"
            | "excepté"
            | "vu"
    )
}

/// Whether the token before `k` is probably a noun or a name: a content word, or any word after a determiner or
/// an article ("le président" although "président" is also présider).
fn noun_before(tokens: &[&str], k: usize, lex: &VerbLexicon) -> bool {
    let Some(k) = k.checked_sub(1) else {
        return false;
    };
    let t = tokens[k];
    is_content_word(t, lex)
        || (k > 0
            && (is_determiner(tokens[k - 1]) || is_ambiguous_article(tokens[k - 1]))
            && !is_punctuation(t)
            && !is_preposition(t))
}

/// A word that is probably a noun or a name: not a function word, not punctuation, not a verb form.
fn is_content_word(t: &str, lex: &VerbLexicon) -> bool {
    !t.is_empty()
        && !is_punctuation(t)
        && !is_determiner(t)
        && !is_ambiguous_article(t)
        && !is_preposition(t)
        && !is_conjunction(t)
        && !is_ne(t)
        && !is_object_clitic(t)
        && !is_reflexive_pronoun(t)
        && !is_subject_pronoun(t)
        && lex.analyze(t).is_empty()
}

//! English conjugation: regular verbs by spelling rules, irregular verbs and spelling exceptions from the table
//! (`data/morphology/en/irregular_verbs.tsv`) with family derivation (withdraw from draw), modals and contractions.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::table::{records, stems, table_error, Cell};
use super::{Lang, LemmaInfo, Mood, MorphologyError, Slot, Tense};

/// Lemmas every English lexicon holds: the auxiliaries, get (get-passive) and go (be going to).
pub(crate) const GRAMMATICAL_LEMMAS: &[&str] = &["be", "have", "do", "get", "go"];

const TABLE_TEXT: &str = include_str!("../../../../data/morphology/en/irregular_verbs.tsv");

const INFINITIVE: Slot = Slot::bare(Mood::Infinitive, Tense::None);
const PRESENT: Slot = Slot::bare(Mood::Indicative, Tense::Present);
const THIRD_SINGULAR: Slot = Slot::finite(Mood::Indicative, Tense::Present, 2);
const PAST: Slot = Slot::bare(Mood::Indicative, Tense::Past);
const PAST_PARTICIPLE: Slot = Slot::bare(Mood::Participle, Tense::PastParticiple);
const PRESENT_PARTICIPLE: Slot = Slot::bare(Mood::Participle, Tense::PresentParticiple);
const IMPERATIVE: Slot = Slot {
    mood: Mood::Imperative,
    tense: Tense::Present,
    person: Some(2),
    plural: None,
    feminine: None,
};
const CONDITIONAL: Slot = Slot::bare(Mood::Conditional, Tense::Present);
const FUTURE: Slot = Slot::bare(Mood::Indicative, Tense::Future);

/// Modals and contracted auxiliaries: closed classes with no regular conjugation, given as (form, lemma,
/// analysis). "could", "might", "should" and "would" are both the past of their modal and its conditional.
const CLOSED_CLASS: &[(&str, &str, Slot)] = &[
    ("can", "can", PRESENT),
    ("cannot", "can", PRESENT),
    ("could", "can", PAST),
    ("could", "can", CONDITIONAL),
    ("may", "may", PRESENT),
    ("might", "may", PAST),
    ("might", "may", CONDITIONAL),
    ("must", "must", PRESENT),
    ("shall", "shall", FUTURE),
    ("should", "shall", PAST),
    ("should", "shall", CONDITIONAL),
    ("will", "will", FUTURE),
    ("would", "will", PAST),
    ("would", "will", CONDITIONAL),
    ("ought", "ought", PRESENT),
    ("'ll", "will", FUTURE),
    ("'d", "will", CONDITIONAL),
    ("'d", "have", PAST),
    (
        "'m",
        "be",
        Slot::finite(Mood::Indicative, Tense::Present, 0),
    ),
    ("'re", "be", PRESENT),
    ("'s", "be", THIRD_SINGULAR),
    ("'s", "have", THIRD_SINGULAR),
    ("'ve", "have", PRESENT),
];

/// Feeds the modal and contraction forms to `sink` as (form, lemma, analysis).
pub(crate) fn closed_class_forms(sink: &mut dyn FnMut(&str, &str, Slot)) {
    for &(form, lemma, slot) in CLOSED_CLASS {
        sink(form, lemma, slot);
    }
}

/// Conjugates `lemma` (lower-case) into `sink`.
pub(crate) fn conjugate(
    lemma: &str,
    sink: &mut dyn FnMut(&str, Slot),
) -> Result<LemmaInfo, MorphologyError> {
    if lemma.is_empty() || !lemma.bytes().all(|b| b.is_ascii_lowercase()) {
        return Err(MorphologyError::UnknownVerb {
            lang: Lang::En,
            lemma: lemma.to_owned(),
            reason: "an English verb is a single word of letters a to z",
        });
    }
    let table = table()?;
    if let Some(&i) = table.by_lemma.get(lemma) {
        let row = &table.rows[i];
        generate_row(lemma, row, sink).map_err(|m| table_error(Lang::En, row.line, m))?;
        return Ok(LemmaInfo::default());
    }
    for (at, _) in lemma.char_indices() {
        if let Some(&i) = table.by_family.get(&lemma[at..]) {
            let row = &table.rows[i];
            let (from, to) = stems(&row.lemma, lemma);
            let mut failure = None;
            let mut buffer = String::new();
            generate_row(
                &row.lemma,
                row,
                &mut |form, slot| match form.strip_prefix(from) {
                    Some(rest) => {
                        buffer.clear();
                        buffer.push_str(to);
                        buffer.push_str(rest);
                        sink(&buffer, slot);
                    }
                    None => failure = Some(format!("form {form:?} does not start with {from:?}")),
                },
            )
            .map_err(|m| table_error(Lang::En, row.line, m))?;
            if let Some(message) = failure {
                return Err(table_error(Lang::En, row.line, message));
            }
            return Ok(LemmaInfo::default());
        }
    }
    generate_regular(lemma, sink);
    Ok(LemmaInfo::default())
}

#[derive(Clone, Debug)]
enum Parts {
    /// The regular form ("=" in the table).
    Regular,
    Forms(Cell),
}

#[derive(Clone, Debug)]
struct Row {
    line: usize,
    lemma: String,
    past: Parts,
    past_participle: Parts,
    present: Cell,
    ing: Cell,
}

struct Table {
    rows: Vec<Row>,
    by_lemma: HashMap<String, usize>,
    by_family: HashMap<String, usize>,
}

fn table() -> Result<&'static Table, MorphologyError> {
    static TABLE: OnceLock<Result<Table, MorphologyError>> = OnceLock::new();
    TABLE
        .get_or_init(|| Table::parse(TABLE_TEXT))
        .as_ref()
        .map_err(Clone::clone)
}

impl Table {
    fn parse(text: &str) -> Result<Table, MorphologyError> {
        let mut table = Table {
            rows: Vec::new(),
            by_lemma: HashMap::new(),
            by_family: HashMap::new(),
        };
        for (line, fields) in records(text) {
            let err = |message: String| table_error(Lang::En, line, message);
            if !(4..=6).contains(&fields.len()) {
                return Err(err(format!(
                    "expected 4 to 6 columns, found {}",
                    fields.len()
                )));
            }
            let parts = |text: &str| match text {
                "=" => Parts::Regular,
                other => Parts::Forms(Cell::parse(other)),
            };
            let cell = |i: usize| Cell::parse(fields.get(i).copied().unwrap_or("-"));
            let row = Row {
                line,
                lemma: fields[0].to_owned(),
                past: parts(fields[2]),
                past_participle: parts(fields[3]),
                present: cell(4),
                ing: cell(5),
            };
            if let Parts::Forms(past) = &row.past {
                if !matches!(past.slot_count(), 1 | 6) {
                    return Err(err("the past takes one form or six".into()));
                }
            }
            if let Parts::Forms(participle) = &row.past_participle {
                if participle.slot_count() != 1 {
                    return Err(err("the past participle takes one form".into()));
                }
            }
            if !matches!(row.present, Cell::Default) && row.present.slot_count() != 6 {
                return Err(err("the present takes six forms or \"-\"".into()));
            }
            if !matches!(row.ing, Cell::Default) && row.ing.slot_count() != 1 {
                return Err(err("the -ing form takes one form or \"-\"".into()));
            }
            let index = table.rows.len();
            if table.by_lemma.insert(row.lemma.clone(), index).is_some() {
                return Err(err(format!("{:?} is listed twice", row.lemma)));
            }
            if fields[1] != "-" {
                if !row.lemma.ends_with(fields[1]) {
                    return Err(err(format!("{:?} does not end with its family", row.lemma)));
                }
                if table
                    .by_family
                    .insert(fields[1].to_owned(), index)
                    .is_some()
                {
                    return Err(err(format!("family {:?} is given twice", fields[1])));
                }
            }
            table.rows.push(row);
        }
        Ok(table)
    }
}

fn generate_row(lemma: &str, row: &Row, sink: &mut dyn FnMut(&str, Slot)) -> Result<(), String> {
    sink(lemma, INFINITIVE);
    sink(lemma, IMPERATIVE);
    match row.present.slots(6) {
        Some(persons) => {
            for (i, forms) in persons.iter().enumerate() {
                for form in forms {
                    sink(form, Slot::finite(Mood::Indicative, Tense::Present, i));
                }
            }
        }
        None => {
            sink(lemma, PRESENT);
            sink(&third_singular(lemma), THIRD_SINGULAR);
        }
    }
    let regular_past = regular_past(lemma);
    let mut pasts: Vec<&str> = Vec::new();
    match &row.past {
        Parts::Regular => {
            sink(&regular_past, PAST);
            pasts.push(&regular_past);
        }
        Parts::Forms(cell) => {
            if let Some(persons) = cell.slots(6) {
                for (i, forms) in persons.iter().enumerate() {
                    for form in forms {
                        sink(form, Slot::finite(Mood::Indicative, Tense::Past, i));
                    }
                }
            } else if let Some([forms]) = cell.slots(1) {
                for form in forms {
                    sink(form, PAST);
                    pasts.push(form);
                }
            }
        }
    }
    match &row.past_participle {
        Parts::Regular => sink(&regular_past, PAST_PARTICIPLE),
        Parts::Forms(cell) => {
            for form in cell.slots(1).into_iter().flatten().flatten() {
                sink(form, PAST_PARTICIPLE);
            }
        }
    }
    match row.ing.slots(1) {
        Some([forms]) => forms.iter().for_each(|form| sink(form, PRESENT_PARTICIPLE)),
        _ => {
            if pasts.is_empty() {
                sink(&ing(lemma), PRESENT_PARTICIPLE);
            }
            for past in pasts {
                // A past that doubles the final consonant (committed) doubles it in -ing too (committing).
                let doubled = past.len() == lemma.len() + 3
                    && past.starts_with(lemma)
                    && past.ends_with("ed")
                    && past.as_bytes()[lemma.len()] == lemma.as_bytes()[lemma.len() - 1];
                if doubled {
                    sink(
                        &format!("{}ing", &past[..lemma.len() + 1]),
                        PRESENT_PARTICIPLE,
                    );
                } else {
                    sink(&ing(lemma), PRESENT_PARTICIPLE);
                }
            }
        }
    }
    Ok(())
}

fn generate_regular(lemma: &str, sink: &mut dyn FnMut(&str, Slot)) {
    sink(lemma, INFINITIVE);
    sink(lemma, IMPERATIVE);
    sink(lemma, PRESENT);
    sink(&third_singular(lemma), THIRD_SINGULAR);
    let past = regular_past(lemma);
    sink(&past, PAST);
    sink(&past, PAST_PARTICIPLE);
    sink(&ing(lemma), PRESENT_PARTICIPLE);
}

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Vowel groups of a word, y counting as a vowel after the first letter and the u of qu as a consonant.
fn syllables(word: &[u8]) -> usize {
    let mut count = 0;
    let mut in_vowel = false;
    for (i, &b) in word.iter().enumerate() {
        let vowel =
            (is_vowel(b) || (b == b'y' && i > 0)) && !(b == b'u' && i > 0 && word[i - 1] == b'q');
        if vowel && !in_vowel {
            count += 1;
        }
        in_vowel = vowel;
    }
    count
}

/// Whether a regular verb doubles its final consonant before -ed and -ing: one syllable ending in a single vowel
/// and a consonant other than w, x, y (ban → banned, quit → quitting; but visit → visited, need → needed).
fn doubles_final_consonant(word: &str) -> bool {
    let b = word.as_bytes();
    let n = b.len();
    if n < 3 {
        return false;
    }
    let last = b[n - 1];
    if is_vowel(last) || matches!(last, b'w' | b'x' | b'y') {
        return false;
    }
    if !is_vowel(b[n - 2]) {
        return false;
    }
    let before = b[n - 3];
    let single_vowel = !is_vowel(before) || (before == b'u' && n >= 4 && b[n - 4] == b'q');
    single_vowel && syllables(b) == 1
}

fn ends_consonant_y(word: &str) -> bool {
    let b = word.as_bytes();
    b.len() >= 2 && b[b.len() - 1] == b'y' && !is_vowel(b[b.len() - 2])
}

fn third_singular(word: &str) -> String {
    let b = word.as_bytes();
    if ["s", "x", "z", "ch", "sh"]
        .iter()
        .any(|e| word.ends_with(e))
        || (b.len() >= 2 && b[b.len() - 1] == b'o' && !is_vowel(b[b.len() - 2]))
    {
        format!("{word}es")
    } else if ends_consonant_y(word) {
        format!("{}ies", &word[..word.len() - 1])
    } else {
        format!("{word}s")
    }
}

fn regular_past(word: &str) -> String {
    if word.ends_with('e') {
        format!("{word}d")
    } else if ends_consonant_y(word) {
        format!("{}ied", &word[..word.len() - 1])
    } else if doubles_final_consonant(word) {
        format!("{word}{}ed", &word[word.len() - 1..])
    } else {
        format!("{word}ed")
    }
}

fn ing(word: &str) -> String {
    if let Some(stem) = word.strip_suffix("ie") {
        format!("{stem}ying")
    } else if word.len() > 2
        && word.ends_with('e')
        && !["ee", "oe", "ye"].iter().any(|e| word.ends_with(e))
    {
        format!("{}ing", &word[..word.len() - 1])
    } else if doubles_final_consonant(word) {
        format!("{word}{}ing", &word[word.len() - 1..])
    } else {
        format!("{word}ing")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(lemma: &str) -> Vec<(String, Slot)> {
        let mut out = Vec::new();
        conjugate(lemma, &mut |f, s| out.push((f.to_owned(), s))).unwrap();
        out
    }

    fn has(lemma: &str, form: &str, slot: Slot) -> bool {
        forms(lemma).iter().any(|(f, s)| f == form && *s == slot)
    }

    #[test]
    fn every_row_of_the_table_conjugates() {
        let table = table().unwrap();
        for row in &table.rows {
            let all = forms(&row.lemma);
            assert!(all.len() >= 6, "{}", row.lemma);
        }
        for family in table.by_family.keys() {
            let lemma = format!("over{family}");
            conjugate(&lemma, &mut |_, _| {}).unwrap_or_else(|e| panic!("{lemma}: {e}"));
        }
    }

    #[test]
    fn irregular_spot_checks() {
        assert!(has("take", "took", PAST));
        assert!(has("take", "taken", PAST_PARTICIPLE));
        assert!(has("take", "taking", PRESENT_PARTICIPLE));
        assert!(has("seek", "sought", PAST));
        assert!(has(
            "be",
            "were",
            Slot::finite(Mood::Indicative, Tense::Past, 5)
        ));
        assert!(has("be", "is", THIRD_SINGULAR));
        assert!(has("have", "has", THIRD_SINGULAR));
        assert!(!forms("have").iter().any(|(f, _)| f == "haves"));
        assert!(has("do", "does", THIRD_SINGULAR));
        assert!(has("go", "goes", THIRD_SINGULAR));
        assert!(has("run", "running", PRESENT_PARTICIPLE));
        assert!(has("begin", "beginning", PRESENT_PARTICIPLE));
        assert!(has("get", "getting", PRESENT_PARTICIPLE));
        assert!(has("lie", "lying", PRESENT_PARTICIPLE));
        assert!(has("flee", "fleeing", PRESENT_PARTICIPLE));
    }

    #[test]
    fn families_derive_prefixed_verbs() {
        assert!(has("withdraw", "withdrew", PAST));
        assert!(has("overthrow", "overthrown", PAST_PARTICIPLE));
        assert!(has("undertake", "undertook", PAST));
        assert!(has("overtake", "overtaken", PAST_PARTICIPLE));
        assert!(has("uphold", "upheld", PAST));
        assert!(has("overrun", "overran", PAST));
        assert!(has("mislead", "misled", PAST));
        assert!(has("rebuild", "rebuilt", PAST));
        assert!(has("outsell", "outsold", PAST));
        assert!(has("outrun", "outrunning", PRESENT_PARTICIPLE));
        // Regular verbs that merely end like an irregular one.
        assert!(has("welcome", "welcomed", PAST));
        assert!(has("stake", "staked", PAST));
        assert!(has("suspend", "suspended", PAST));
        assert!(has("delay", "delayed", PAST));
        assert!(has("limit", "limited", PAST));
        assert!(has("plead", "pleaded", PAST));
    }

    #[test]
    fn regular_spelling_rules() {
        assert!(has("ban", "banned", PAST));
        assert!(has("ban", "banning", PRESENT_PARTICIPLE));
        assert!(has("stop", "stopped", PAST));
        assert!(has("plan", "planned", PAST_PARTICIPLE));
        assert!(has("visit", "visited", PAST));
        assert!(has("open", "opened", PAST));
        assert!(has("target", "targeted", PAST));
        assert!(has("accuse", "accused", PAST));
        assert!(has("accuse", "accusing", PRESENT_PARTICIPLE));
        assert!(has("accuse", "accuses", THIRD_SINGULAR));
        assert!(has("try", "tried", PAST));
        assert!(has("try", "tries", THIRD_SINGULAR));
        assert!(has("try", "trying", PRESENT_PARTICIPLE));
        assert!(has("play", "played", PAST));
        assert!(has("fix", "fixed", PAST));
        assert!(has("fix", "fixes", THIRD_SINGULAR));
        assert!(has("veto", "vetoes", THIRD_SINGULAR));
        assert!(has("agree", "agreeing", PRESENT_PARTICIPLE));
        assert!(has("agree", "agreed", PAST));
        assert!(has("need", "needed", PAST));
        assert!(has("squat", "squatted", PAST));
        assert!(has("commit", "committed", PAST));
        assert!(has("commit", "committing", PRESENT_PARTICIPLE));
        assert!(has("travel", "travelling", PRESENT_PARTICIPLE));
        assert!(has("travel", "traveling", PRESENT_PARTICIPLE));
        assert!(has("panic", "panicked", PAST));
        assert!(has("expel", "expelled", PAST_PARTICIPLE));
    }

    #[test]
    fn non_words_are_errors() {
        assert!(conjugate("re-elect", &mut |_, _| {}).is_err());
    }
}

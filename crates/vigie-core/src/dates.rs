//! Date expressions: recognised from the per-language date words in `data/dates/` and resolved against
//! the publication date ("le mois dernier", "jusqu'au 20 septembre 2025", "last Tuesday").

use std::collections::HashMap;
use std::ops::Range;

use jiff::civil::{Date, Weekday};
use jiff::ToSpan;
use serde::Serialize;

use crate::knowledge::tsv::{records, DataError};
use crate::knowledge::CaseRule;
use crate::language::Lang;
use crate::text::normalize::fold_phrase;
use crate::text::{TokenKind, TokenizedText};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Day,
    Week,
    Month,
    Year,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Day,
    Week,
    Month,
    Year,
}

/// A resolved date: its first day and how precise it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateValue {
    pub date: Date,
    pub precision: Precision,
}

impl DateValue {
    fn of(date: Date, precision: Precision) -> DateValue {
        let date = match precision {
            Precision::Day => date,
            Precision::Week => date
                .checked_sub((date.weekday().to_monday_zero_offset() as i64).days())
                .unwrap_or(date),
            Precision::Month => date.first_of_month(),
            Precision::Year => date.first_of_year(),
        };
        DateValue { date, precision }
    }

    /// The ISO form at the value's precision: `2025-09-20`, `2025-W38`, `2025-09`, `2025`.
    pub fn iso(&self) -> String {
        let d = self.date;
        match self.precision {
            Precision::Day => format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day()),
            Precision::Week => {
                let w = d.iso_week_date();
                format!("{:04}-W{:02}", w.year(), w.week())
            }
            Precision::Month => format!("{:04}-{:02}", d.year(), d.month()),
            Precision::Year => format!("{:04}", d.year()),
        }
    }

    /// The last day the value covers.
    pub fn last_day(&self) -> Date {
        let d = self.date;
        match self.precision {
            Precision::Day => d,
            Precision::Week => d.checked_add(6.days()).unwrap_or(d),
            Precision::Month => d.last_of_month(),
            Precision::Year => d.last_of_year(),
        }
    }
}

impl Serialize for DateValue {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.iso())
    }
}

/// What a date expression says about the event it goes with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DateRole {
    /// When something happened or will happen.
    Point,
    /// A time limit ("jusqu'au 20 septembre", "by Friday").
    Deadline,
}

/// A date expression found in a sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateMention {
    pub tokens: Range<usize>,
    /// `None` when the expression is relative and no publication date is known.
    pub value: Option<DateValue>,
    pub role: DateRole,
    /// The expression depends on the publication date ("hier", "last month").
    pub relative: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum DateWord {
    Month(i8),
    MonthAbbr(i8),
    Weekday(i8),
    Relative(i32, Unit),
    Unit(Unit),
    Number(i32),
    Ago { before: bool },
    Last,
    Next,
    Deadline,
    Part,
}

struct Phrase {
    tokens: Vec<String>,
    word: DateWord,
    case: CaseRule,
}

/// The date words of one language, indexed by the folded first token of each phrase.
pub struct DateLexicon {
    lang: Lang,
    by_first: HashMap<String, Vec<Phrase>>,
}

const FR: (&str, &str) = ("dates/fr.tsv", include_str!("../../../data/dates/fr.tsv"));
const EN: (&str, &str) = ("dates/en.tsv", include_str!("../../../data/dates/en.tsv"));

impl DateLexicon {
    pub fn embedded(lang: Lang) -> Result<DateLexicon, DataError> {
        let (file, content) = match lang {
            Lang::Fr => FR,
            Lang::En => EN,
        };
        let mut by_first: HashMap<String, Vec<Phrase>> = HashMap::new();
        for r in records(file, content) {
            let value = r.get(1)?;
            let bad = || r.error(format!("bad value {value:?}"));
            let int = || value.parse::<i32>().map_err(|_| bad());
            let word = match r.get(0)? {
                "month" => DateWord::Month(int()? as i8),
                "month_abbr" => DateWord::MonthAbbr(int()? as i8),
                "weekday" => DateWord::Weekday(int()? as i8),
                "relative" => {
                    let (n, u) = value.split_at(value.len() - 1);
                    DateWord::Relative(
                        n.parse().map_err(|_| bad())?,
                        parse_unit(u).ok_or_else(bad)?,
                    )
                }
                "unit" => DateWord::Unit(parse_unit(value).ok_or_else(bad)?),
                "number" => DateWord::Number(int()?),
                "ago" => DateWord::Ago {
                    before: value == "before",
                },
                "last" => DateWord::Last,
                "next" => DateWord::Next,
                "deadline" => DateWord::Deadline,
                "part" => DateWord::Part,
                other => return Err(r.error(format!("unknown kind {other:?}"))),
            };
            for form in r.list(2) {
                let folded = fold_phrase(form);
                let tokens: Vec<String> = folded.split(' ').map(str::to_string).collect();
                let case = if matches!(
                    word,
                    DateWord::Month(_) | DateWord::MonthAbbr(_) | DateWord::Weekday(_)
                ) {
                    CaseRule::of_form(form)
                } else {
                    CaseRule::Any
                };
                by_first
                    .entry(tokens[0].clone())
                    .or_default()
                    .push(Phrase { tokens, word, case });
            }
        }
        for list in by_first.values_mut() {
            list.sort_by_key(|p| std::cmp::Reverse(p.tokens.len()));
        }
        Ok(DateLexicon { lang, by_first })
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The longest date word starting at token `i` that ends before `end`: its word and token count.
    fn word_at(&self, text: &TokenizedText, i: usize, end: usize) -> Option<(DateWord, usize)> {
        let toks = &text.tokens;
        if i >= end || i >= toks.len() {
            return None;
        }
        let first = text.folded(&toks[i]);
        let phrases = self.by_first.get(first)?;
        phrases.iter().find_map(|p| {
            let n = p.tokens.len();
            let fits = i + n <= end
                && p.case.accepts(&toks[i])
                && p.tokens[1..]
                    .iter()
                    .zip(&toks[i + 1..i + n])
                    .all(|(w, t)| text.folded(t) == w);
            fits.then_some((p.word, n))
        })
    }
}

fn parse_unit(u: &str) -> Option<Unit> {
    match u {
        "d" => Some(Unit::Day),
        "w" => Some(Unit::Week),
        "m" => Some(Unit::Month),
        "y" => Some(Unit::Year),
        _ => None,
    }
}

fn precision_of(unit: Unit) -> Precision {
    match unit {
        Unit::Day => Precision::Day,
        Unit::Week => Precision::Week,
        Unit::Month => Precision::Month,
        Unit::Year => Precision::Year,
    }
}

fn shift(date: Date, amount: i32, unit: Unit) -> Option<Date> {
    let span = match unit {
        Unit::Day => amount.days(),
        Unit::Week => amount.weeks(),
        Unit::Month => amount.months(),
        Unit::Year => amount.years(),
    };
    date.checked_add(span).ok()
}

fn number_value(text: &TokenizedText, i: usize) -> Option<i32> {
    let t = &text.tokens[i];
    let f = text.folded(t);
    match t.kind {
        TokenKind::Number => (f.len() <= 4).then(|| f.parse().ok()).flatten(),
        TokenKind::Word if f == "1er" || f == "premier" || f == "1st" => Some(1),
        TokenKind::Word => {
            // Ordinal suffixes: "2nd", "3rd", "20th".
            let digits = f.trim_end_matches(|c: char| c.is_ascii_alphabetic());
            let suffix = &f[digits.len()..];
            (matches!(suffix, "st" | "nd" | "rd" | "th" | "e" | "eme") && !digits.is_empty())
                .then(|| digits.parse().ok())
                .flatten()
        }
        TokenKind::Punct => None,
    }
}

fn is_year(n: i32) -> bool {
    (1900..=2100).contains(&n)
}

fn is_day(n: i32) -> bool {
    (1..=31).contains(&n)
}

/// Words after which a bare four-digit number is a year ("en 2013", "since 2012").
const YEAR_INTRODUCERS: &[&str] = &[
    "en", "in", "depuis", "since", "de", "from", "until", "jusqu'en", "d'ici", "by", "debut",
    "fin", "early", "late", "mid",
];

/// Finds and resolves the date expressions of the tokens `range` of `text`.
pub fn find_dates(
    lexicon: &DateLexicon,
    text: &TokenizedText,
    range: Range<usize>,
    publication: Option<Date>,
) -> Vec<DateMention> {
    let mut out = Vec::new();
    let end = range.end;
    let mut i = range.start;
    let mut deadline_until = 0usize;
    while i < end {
        let Some((word, n)) = lexicon.word_at(text, i, end) else {
            if let Some(m) = numeric_date(text, i, end).or_else(|| bare_year(text, i, range.start))
            {
                let next = m.tokens.end;
                out.push(with_role(m, deadline_until));
                i = next;
            } else {
                i += 1;
            }
            continue;
        };
        let mention = match word {
            DateWord::Deadline => {
                deadline_until = i + n + 1;
                i += n;
                continue;
            }
            DateWord::Relative(amount, unit) => Some(DateMention {
                tokens: i..i + n,
                value: publication
                    .and_then(|p| shift(p, amount, unit))
                    .map(|d| DateValue::of(d, precision_of(unit))),
                role: DateRole::Point,
                relative: true,
            }),
            DateWord::Month(m) | DateWord::MonthAbbr(m) => {
                month_expression(lexicon, text, i, n, m, range.clone(), publication, word)
            }
            DateWord::Weekday(d) => {
                weekday_expression(lexicon, text, i, n, d, range.clone(), publication)
            }
            DateWord::Ago { before: true } => {
                ago_after_marker(lexicon, text, i + n, end, i, publication)
            }
            DateWord::Ago { before: false } => {
                ago_before_marker(lexicon, text, i, n, range.start, publication)
            }
            _ => None,
        };
        match mention {
            Some(m) => {
                let start = m.tokens.start.min(i);
                let next = m.tokens.end.max(i + 1);
                // A day number before a month may already have been passed over; the mention starts there.
                out.retain(|o: &DateMention| o.tokens.end <= start);
                out.push(with_role(m, deadline_until));
                i = next;
            }
            None => i += n,
        }
    }
    out
}

fn with_role(mut m: DateMention, deadline_until: usize) -> DateMention {
    if m.tokens.start < deadline_until {
        m.role = DateRole::Deadline;
    }
    m
}

#[allow(clippy::too_many_arguments)]
fn month_expression(
    lexicon: &DateLexicon,
    text: &TokenizedText,
    i: usize,
    n: usize,
    month: i8,
    range: Range<usize>,
    publication: Option<Date>,
    word: DateWord,
) -> Option<DateMention> {
    let mut start = i;
    let mut stop = i + n;
    let mut day = None;
    let mut year = None;
    // "20 septembre", "le 1er mars"
    if i > range.start {
        if let Some(d) = number_value(text, i - 1).filter(|d| is_day(*d)) {
            day = Some(d);
            start = i - 1;
        }
    }
    // "September 20, 2025" / "septembre 2025"
    if stop < range.end {
        if let Some(v) = number_value(text, stop) {
            if day.is_none() && is_day(v) && lexicon.lang == Lang::En {
                day = Some(v);
                stop += 1;
                if stop + 1 < range.end && text.folded(&text.tokens[stop]) == "," {
                    if let Some(y) = number_value(text, stop + 1).filter(|y| is_year(*y)) {
                        year = Some(y);
                        stop += 2;
                    }
                }
            }
            if year.is_none() && stop < range.end {
                if let Some(y) = number_value(text, stop).filter(|y| is_year(*y)) {
                    year = Some(y);
                    stop += 1;
                }
            }
        }
    }
    if matches!(word, DateWord::MonthAbbr(_)) && day.is_none() && year.is_none() {
        return None;
    }
    // "fin juillet", "early March": the part word belongs to the expression.
    if start > range.start
        && matches!(
            lexicon.word_at(text, start - 1, start),
            Some((DateWord::Part, 1))
        )
    {
        start -= 1;
    }
    let mut direction = 0;
    if stop < range.end {
        match lexicon.word_at(text, stop, range.end) {
            Some((DateWord::Last, k)) => {
                direction = -1;
                stop += k;
            }
            Some((DateWord::Next, k)) => {
                direction = 1;
                stop += k;
            }
            _ => {}
        }
    }
    let relative = year.is_none();
    let value = match (year, publication) {
        (Some(y), _) => Date::new(y as i16, month, day.unwrap_or(1) as i8).ok(),
        (None, Some(p)) => infer_year(p, month, day.unwrap_or(1) as i8, direction),
        (None, None) => None,
    }
    .map(|d| {
        DateValue::of(
            d,
            if day.is_some() {
                Precision::Day
            } else {
                Precision::Month
            },
        )
    });
    Some(DateMention {
        tokens: start..stop,
        value,
        role: DateRole::Point,
        relative,
    })
}

/// The year of a month (and day) given without one: the occurrence nearest the publication date, unless
/// the text says past or future.
fn infer_year(publication: Date, month: i8, day: i8, direction: i32) -> Option<Date> {
    let y = publication.year();
    [y - 1, y, y + 1]
        .into_iter()
        .filter_map(|y| Date::new(y, month, day).ok())
        .filter(|d| match direction {
            -1 => *d <= publication,
            1 => *d > publication,
            _ => true,
        })
        .min_by_key(|d| {
            let days = (*d - publication).get_days().abs();
            // Without other clues, news reports the past: a date up to a month ahead still counts as near.
            if *d > publication && days > 45 {
                days + 365
            } else {
                days
            }
        })
}

fn weekday_expression(
    lexicon: &DateLexicon,
    text: &TokenizedText,
    i: usize,
    n: usize,
    day: i8,
    range: Range<usize>,
    publication: Option<Date>,
) -> Option<DateMention> {
    // "lundi 15 septembre": the month expression that follows carries the date.
    if i + n < range.end && number_value(text, i + n).is_some_and(is_day) {
        if let Some((DateWord::Month(_) | DateWord::MonthAbbr(_), _)) =
            lexicon.word_at(text, i + n + 1, range.end)
        {
            return None;
        }
    }
    let mut start = i;
    let mut stop = i + n;
    let mut direction = 0;
    if i > range.start {
        match lexicon.word_at(text, i - 1, i) {
            Some((DateWord::Last, 1)) => {
                direction = -1;
                start = i - 1;
            }
            Some((DateWord::Next, 1)) => {
                direction = 1;
                start = i - 1;
            }
            _ => {}
        }
    }
    if stop < range.end && direction == 0 {
        match lexicon.word_at(text, stop, range.end) {
            Some((DateWord::Last, k)) => {
                direction = -1;
                stop += k;
            }
            Some((DateWord::Next, k)) => {
                direction = 1;
                stop += k;
            }
            _ => {}
        }
    }
    let value = publication.map(|p| {
        let target = weekday_from(day);
        let date = if direction == 1 {
            p.nth_weekday(1, target).unwrap_or(p)
        } else if p.weekday() == target && direction == 0 {
            p
        } else {
            p.nth_weekday(-1, target).unwrap_or(p)
        };
        DateValue::of(date, Precision::Day)
    });
    Some(DateMention {
        tokens: start..stop,
        value,
        role: DateRole::Point,
        relative: true,
    })
}

fn weekday_from(d: i8) -> Weekday {
    Weekday::from_monday_one_offset(d).unwrap_or(Weekday::Monday)
}

/// "il y a trois jours": the number and unit follow the marker.
fn ago_after_marker(
    lexicon: &DateLexicon,
    text: &TokenizedText,
    at: usize,
    end: usize,
    start: usize,
    publication: Option<Date>,
) -> Option<DateMention> {
    let (amount, k) = amount_at(lexicon, text, at, end)?;
    let (unit, u) = match lexicon.word_at(text, at + k, end)? {
        (DateWord::Unit(unit), u) => (unit, u),
        _ => return None,
    };
    Some(DateMention {
        tokens: start..at + k + u,
        value: publication
            .and_then(|p| shift(p, -amount, unit))
            .map(|d| DateValue::of(d, precision_of(unit))),
        role: DateRole::Point,
        relative: true,
    })
}

/// "three days ago": the number and unit precede the marker.
fn ago_before_marker(
    lexicon: &DateLexicon,
    text: &TokenizedText,
    i: usize,
    n: usize,
    floor: usize,
    publication: Option<Date>,
) -> Option<DateMention> {
    if i < floor + 2 {
        return None;
    }
    let unit = match lexicon.word_at(text, i - 1, i)? {
        (DateWord::Unit(unit), 1) => unit,
        _ => return None,
    };
    let (amount, _) = amount_at(lexicon, text, i - 2, i - 1)?;
    Some(DateMention {
        tokens: i - 2..i + n,
        value: publication
            .and_then(|p| shift(p, -amount, unit))
            .map(|d| DateValue::of(d, precision_of(unit))),
        role: DateRole::Point,
        relative: true,
    })
}

fn amount_at(
    lexicon: &DateLexicon,
    text: &TokenizedText,
    at: usize,
    end: usize,
) -> Option<(i32, usize)> {
    if at >= end {
        return None;
    }
    if let Some(v) = number_value(text, at).filter(|v| (1..=1000).contains(v)) {
        return Some((v, 1));
    }
    match lexicon.word_at(text, at, end)? {
        (DateWord::Number(v), k) => Some((v, k)),
        _ => None,
    }
}

/// "20/09/2025", "20.09.2025", "2025-09-20".
fn numeric_date(text: &TokenizedText, i: usize, end: usize) -> Option<DateMention> {
    use crate::text::TokenFlags;
    if text.tokens[i].kind != TokenKind::Number {
        return None;
    }
    let day_precise = |tokens: Range<usize>, d: Option<Date>| {
        d.map(|d| DateMention {
            tokens,
            value: Some(DateValue::of(d, Precision::Day)),
            role: DateRole::Point,
            relative: false,
        })
    };
    // ISO dates are tokenised as three numbers joined by hyphens.
    if i + 3 <= end
        && text.tokens[i + 1].flags.has(TokenFlags::HYPHEN_BEFORE)
        && text.tokens[i + 2].flags.has(TokenFlags::HYPHEN_BEFORE)
    {
        let (y, m, d) = (
            number_value(text, i)?,
            number_value(text, i + 1)?,
            number_value(text, i + 2)?,
        );
        if is_year(y) {
            return day_precise(i..i + 3, Date::new(y as i16, m as i8, d as i8).ok());
        }
    }
    if i + 5 <= end {
        let s1 = text.folded(&text.tokens[i + 1]);
        let s3 = text.folded(&text.tokens[i + 3]);
        let adjacent = text.tokens[i..i + 5]
            .iter()
            .skip(1)
            .all(|t| !t.flags.has(TokenFlags::SPACE_BEFORE));
        if adjacent && s1 == s3 && (s1 == "/" || s1 == ".") {
            let (d, m, y) = (
                number_value(text, i)?,
                number_value(text, i + 2)?,
                number_value(text, i + 4)?,
            );
            if is_year(y) && is_day(d) {
                return day_precise(i..i + 5, Date::new(y as i16, m as i8, d as i8).ok());
            }
        }
    }
    None
}

/// "en 2013", "since 2012": a year standing alone after a word that introduces one.
fn bare_year(text: &TokenizedText, i: usize, floor: usize) -> Option<DateMention> {
    let t = &text.tokens[i];
    if t.kind != TokenKind::Number || i == floor {
        return None;
    }
    let y = number_value(text, i).filter(|y| is_year(*y))?;
    let prev = text.folded(&text.tokens[i - 1]);
    if !YEAR_INTRODUCERS.contains(&prev) {
        return None;
    }
    Some(DateMention {
        tokens: i..i + 1,
        value: Date::new(y as i16, 1, 1)
            .ok()
            .map(|d| DateValue::of(d, Precision::Year)),
        role: DateRole::Point,
        relative: false,
    })
}

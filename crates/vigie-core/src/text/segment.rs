//! Sentence segmentation over tokens: terminal punctuation, abbreviations, quotes and line breaks.

use super::token::{Span, TokenFlags, TokenKind, TokenizedText};

/// A sentence is a range of tokens; its span covers its first to its last token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    pub tokens: std::ops::Range<usize>,
    pub span: Span,
    pub chars: Span,
    /// The sentence was cut because it exceeded [`MAX_SENTENCE_TOKENS`].
    pub truncated: bool,
}

/// Sentences longer than this are cut, so that no later stage ever sees an unbounded sentence
/// (a 50 MB line without punctuation must still be coded in linear time).
pub const MAX_SENTENCE_TOKENS: usize = 300;

/// Abbreviations after which a full stop does not end a sentence (folded, without the stop).
const ABBREVIATIONS: &[&str] = &[
    "m", "mm", "mme", "mmes", "mlle", "mlles", "dr", "drs", "mr", "mrs", "ms", "st", "ste", "sts",
    "pr", "prof", "me", "mgr", "gen", "gal", "col", "cmdt", "lt", "sgt", "capt", "cpt", "jr", "sr",
    "vs", "cf", "av", "bd", "no", "nos", "vol", "art", "al", "etc", "env", "approx", "dept", "gov",
    "sen", "rep", "rev", "hon", "inc", "ltd", "corp", "co", "jan", "feb", "fev", "mar", "apr",
    "avr", "jun", "jul", "juil", "aug", "sep", "sept", "oct", "nov", "dec", "p", "pp", "ex", "min",
    "mrd", "mds", "mio",
];

fn is_terminal(s: &str) -> bool {
    matches!(s, "." | "!" | "?" | "…" | "‼" | "⁇" | "⁈" | "⁉")
        || (s.len() > 1 && s.bytes().all(|b| b == b'.'))
}

fn is_closing(s: &str) -> bool {
    matches!(s, "»" | "\"" | "”" | "’" | "'" | ")" | "]" | "›")
}

fn is_opening(s: &str) -> bool {
    matches!(
        s,
        "«" | "\"" | "“" | "‘" | "(" | "[" | "‹" | "—" | "–" | "-" | "¿" | "¡"
    )
}

/// Splits a tokenised text into sentences. Linear in the number of tokens.
pub fn segment_sentences(text: &TokenizedText) -> Vec<Sentence> {
    let toks = &text.tokens;
    let mut out = Vec::new();
    let mut start = 0usize;
    let mut i = 0usize;
    while i < toks.len() {
        let t = &toks[i];
        let mut end_after: Option<usize> = None;
        let folded = text.folded(t);
        if t.kind == TokenKind::Punct && is_terminal(folded) && !ends_abbreviation(text, i) {
            // Closing quotes and brackets belong to the sentence they close.
            let mut j = i + 1;
            while j < toks.len()
                && toks[j].kind == TokenKind::Punct
                && is_closing(text.folded(&toks[j]))
                && !toks[j].flags.has(TokenFlags::NEWLINE_BEFORE)
            {
                j += 1;
            }
            if j >= toks.len() || starts_sentence(text, j) {
                end_after = Some(j);
            }
        }
        if end_after.is_none() && i + 1 < toks.len() && breaks_line_before(text, i + 1) {
            end_after = Some(i + 1);
        }
        if end_after.is_none() && i + 1 - start >= MAX_SENTENCE_TOKENS {
            end_after = Some(i + 1);
        }
        if let Some(end) = end_after {
            let truncated = end - start >= MAX_SENTENCE_TOKENS
                && !(is_terminal(text.folded(&toks[end - 1])) || breaks_line_before(text, end));
            out.push(make(text, start, end, truncated));
            start = end;
            i = end;
        } else {
            i += 1;
        }
    }
    if start < toks.len() {
        out.push(make(text, start, toks.len(), false));
    }
    out
}

fn make(text: &TokenizedText, start: usize, end: usize, truncated: bool) -> Sentence {
    let first = &text.tokens[start];
    let last = &text.tokens[end - 1];
    Sentence {
        tokens: start..end,
        span: Span {
            start: first.span.start,
            end: last.span.end,
        },
        chars: Span {
            start: first.chars.start,
            end: last.chars.end,
        },
        truncated,
    }
}

/// True when the full stop at `i` closes an abbreviation or an initial ("M. Macron", "J. Meyer").
fn ends_abbreviation(text: &TokenizedText, i: usize) -> bool {
    if i == 0 || text.folded(&text.tokens[i]) != "." {
        return false;
    }
    let prev = &text.tokens[i - 1];
    if prev.span.end != text.tokens[i].span.start || prev.kind != TokenKind::Word {
        return false;
    }
    let f = text.folded(prev);
    let single_capital = f.chars().count() == 1 && prev.is_capitalized();
    single_capital || ABBREVIATIONS.contains(&f)
}

/// True when the token at `j` can open a sentence after terminal punctuation.
fn starts_sentence(text: &TokenizedText, j: usize) -> bool {
    let t = &text.tokens[j];
    if t.flags.has(TokenFlags::NEWLINE_BEFORE) {
        return true;
    }
    if !t.flags.has(TokenFlags::SPACE_BEFORE) {
        return false;
    }
    match t.kind {
        TokenKind::Number => true,
        TokenKind::Word => t.is_capitalized(),
        TokenKind::Punct => is_opening(text.folded(t)),
    }
}

/// A line break ends a sentence unless the next line visibly continues it (it starts in lower case and
/// no blank line separates them, as in text wrapped at a fixed width).
fn breaks_line_before(text: &TokenizedText, j: usize) -> bool {
    let t = &text.tokens[j];
    if !t.flags.has(TokenFlags::NEWLINE_BEFORE) {
        return false;
    }
    if t.flags.has(TokenFlags::BLANK_LINE_BEFORE) {
        return true;
    }
    !(t.kind == TokenKind::Word && !t.is_capitalized() && t.span.start > 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    fn sentences(text: &str) -> Vec<&str> {
        let t = tokenize(text);
        segment_sentences(&t)
            .iter()
            .map(|s| &text[s.span.range()])
            .collect()
    }

    #[test]
    fn keeps_abbreviations_initials_and_decimals_inside() {
        assert_eq!(
            sentences("M. Macron a parlé à Mme Diallo et au Dr. Sy. J. Meyer est parti. Il a payé 3.5 millions."),
            [
                "M. Macron a parlé à Mme Diallo et au Dr. Sy.",
                "J. Meyer est parti.",
                "Il a payé 3.5 millions."
            ]
        );
        assert_eq!(
            sentences("Mr. Smith went to St. Louis with the U.S. envoy. Then he left!"),
            [
                "Mr. Smith went to St. Louis with the U.S. envoy.",
                "Then he left!"
            ]
        );
    }

    #[test]
    fn quotes_close_with_their_sentence() {
        assert_eq!(
            sentences("Il a dit : « Nous partirons. » Puis il est sorti. « Non. » a-t-il répété."),
            [
                "Il a dit : « Nous partirons. »",
                "Puis il est sorti.",
                "« Non. » a-t-il répété."
            ]
        );
    }

    #[test]
    fn line_breaks_end_titles_but_not_wrapped_lines() {
        assert_eq!(
            sentences("Un titre sans point\nLe texte commence ici et\ncontinue là."),
            [
                "Un titre sans point",
                "Le texte commence ici et\ncontinue là."
            ]
        );
    }

    #[test]
    fn long_runs_without_punctuation_are_cut() {
        let text = "mot ".repeat(1000);
        let t = tokenize(&text);
        let s = segment_sentences(&t);
        assert_eq!(s.len(), 1000 / MAX_SENTENCE_TOKENS + 1);
        assert!(s[0].truncated);
        assert_eq!(s[0].tokens.len(), MAX_SENTENCE_TOKENS);
    }
}

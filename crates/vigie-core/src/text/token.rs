//! Tokens with their offsets into the original text, and their lower-cased and folded forms.
//!
//! Every offset refers to the original text: later stages never see a rewritten copy of it. The lower-case
//! and folded forms of all tokens live in two buffers, so that tokenising allocates a constant number of
//! times per document.

use serde::Serialize;

use super::normalize::{
    is_apostrophe, is_combining_mark, is_space, is_word_hyphen, push_folded, push_lower,
};

/// A half-open range of byte offsets into the original text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span {
            start: start as u32,
            end: end as u32,
        }
    }

    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    pub fn is_empty(self) -> bool {
        self.start >= self.end
    }

    pub fn cover(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TokenKind {
    Word,
    Number,
    Punct,
}

/// Properties of a token's surface and of the white space before it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TokenFlags(u8);

impl TokenFlags {
    /// The first character is an upper-case letter.
    pub const CAPITALIZED: u8 = 1;
    /// Every letter is upper case and there are at least two letters.
    pub const ALL_CAPS: u8 = 2;
    /// White space separates this token from the previous one.
    pub const SPACE_BEFORE: u8 = 4;
    /// A line break separates this token from the previous one.
    pub const NEWLINE_BEFORE: u8 = 8;
    /// An empty line separates this token from the previous one.
    pub const BLANK_LINE_BEFORE: u8 = 16;
    /// A hyphen joins this token to the previous one ("Bissau" in "Guinée-Bissau").
    pub const HYPHEN_BEFORE: u8 = 32;

    pub fn has(self, flag: u8) -> bool {
        self.0 & flag != 0
    }

    fn set(&mut self, flag: u8) {
        self.0 |= flag;
    }
}

#[derive(Clone, Copy, Debug)]
pub struct Token {
    /// Byte offsets in the original text.
    pub span: Span,
    /// Character (Unicode scalar value) offsets in the original text.
    pub chars: Span,
    pub kind: TokenKind,
    pub flags: TokenFlags,
    lower: (u32, u32),
    folded: (u32, u32),
}

impl Token {
    pub fn is_capitalized(&self) -> bool {
        self.flags.has(TokenFlags::CAPITALIZED)
    }

    pub fn is_all_caps(&self) -> bool {
        self.flags.has(TokenFlags::ALL_CAPS)
    }
}

/// A text split into tokens, with the lower-cased and folded form of each.
#[derive(Clone, Debug, Default)]
pub struct TokenizedText {
    pub tokens: Vec<Token>,
    lower: String,
    folded: String,
}

impl TokenizedText {
    /// The token's lower-case form, accents kept, apostrophes folded.
    pub fn lower(&self, t: &Token) -> &str {
        &self.lower[t.lower.0 as usize..t.lower.1 as usize]
    }

    /// The token's matching form: lower case, no accents, apostrophes folded.
    pub fn folded(&self, t: &Token) -> &str {
        &self.folded[t.folded.0 as usize..t.folded.1 as usize]
    }
}

/// French elided words that end at an apostrophe and stand as tokens of their own ("l'", "qu'").
const ELISIONS: &[&str] = &[
    "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu",
];

struct Builder<'a> {
    text: &'a str,
    out: TokenizedText,
    chars_before: usize,
    pending: TokenFlags,
}

impl Builder<'_> {
    fn push(&mut self, start: usize, end: usize, char_len: usize, kind: TokenKind) {
        let surface = &self.text[start..end];
        let mut flags = self.pending;
        self.pending = TokenFlags::default();
        let mut letters = 0usize;
        let mut upper = 0usize;
        for (i, c) in surface.chars().enumerate() {
            if c.is_alphabetic() {
                letters += 1;
                if c.is_uppercase() {
                    upper += 1;
                    if i == 0 {
                        flags.set(TokenFlags::CAPITALIZED);
                    }
                }
            }
        }
        if letters >= 2 && upper == letters {
            flags.set(TokenFlags::ALL_CAPS);
        }
        let lower_start = self.out.lower.len();
        for c in surface.chars() {
            push_lower(c, &mut self.out.lower);
        }
        let lower_end = self.out.lower.len();
        let folded_start = self.out.folded.len();
        for c in surface.chars() {
            push_folded(c, &mut self.out.folded);
        }
        let folded_end = self.out.folded.len();
        self.out.tokens.push(Token {
            span: Span::new(start, end),
            chars: Span::new(self.chars_before, self.chars_before + char_len),
            kind,
            flags,
            lower: (lower_start as u32, lower_end as u32),
            folded: (folded_start as u32, folded_end as u32),
        });
        self.chars_before += char_len;
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

/// Splits `text` into tokens. Linear in the length of the text; never fails.
pub fn tokenize(text: &str) -> TokenizedText {
    let mut b = Builder {
        text,
        out: TokenizedText {
            tokens: Vec::with_capacity(text.len() / 5 + 1),
            lower: String::with_capacity(text.len() + 8),
            folded: String::with_capacity(text.len() + text.len() / 5 + 8),
        },
        chars_before: 0,
        pending: TokenFlags::default(),
    };
    let bytes = text.as_bytes();
    let mut pos = 0usize;
    let mut newlines = 0u32;
    let char_at = |p: usize| text[p..].chars().next();
    while let Some(c) = char_at(pos) {
        let len = c.len_utf8();
        if is_space(c) {
            b.pending.set(TokenFlags::SPACE_BEFORE);
            if c == '\n' || c == '\u{2029}' || c == '\u{2028}' {
                newlines += 1;
                b.pending.set(TokenFlags::NEWLINE_BEFORE);
                if newlines >= 2 {
                    b.pending.set(TokenFlags::BLANK_LINE_BEFORE);
                }
            }
            b.chars_before += 1;
            pos += len;
            continue;
        }
        if !(c == '\r' || c == '\t') {
            newlines = 0;
        }
        if is_word_char(c) {
            pos = scan_word(&mut b, pos);
            continue;
        }
        // A run of full stops is one token ("..."), every other symbol stands alone.
        let mut end = pos + len;
        let mut n = 1;
        if c == '.' {
            while end < bytes.len() && bytes[end] == b'.' {
                end += 1;
                n += 1;
            }
        }
        b.push(pos, end, n, TokenKind::Punct);
        pos = end;
    }
    b.out
}

/// Scans one word starting at `start`, pushing one or more tokens (elisions and possessives split off),
/// and returns the position after it.
fn scan_word(b: &mut Builder<'_>, start: usize) -> usize {
    let text = b.text;
    let mut pos = start;
    let mut token_start = start;
    let mut token_chars = 0usize;
    let mut all_digits = true;
    let next_char = |p: usize| text.get(p..).and_then(|s| s.chars().next());
    while let Some(c) = next_char(pos) {
        if is_word_char(c) {
            all_digits &= c.is_ascii_digit();
            pos += c.len_utf8();
            token_chars += 1;
            continue;
        }
        let after = next_char(pos + c.len_utf8());
        let after_is_letter = after.is_some_and(|a| a.is_alphabetic());
        let after_is_digit = after.is_some_and(|a| a.is_ascii_digit());
        let so_far = &text[token_start..pos];
        if (c == '.' || c == ',') && all_digits && after_is_digit {
            pos += 1;
            token_chars += 1;
            continue;
        }
        if c == '.' && is_acronym_prefix(so_far) {
            // "U.S.", "K.P.": a dot after a single letter continues the acronym when another single
            // letter follows, and closes it when the acronym already has a dot.
            let after2 = after.and_then(|a| next_char(pos + 1 + a.len_utf8()));
            if after_is_letter && after.is_some_and(char::is_uppercase) && after2 == Some('.') {
                pos += 1;
                token_chars += 1;
                continue;
            }
            if so_far.contains('.') {
                pos += 1;
                token_chars += 1;
            }
            break;
        }
        if is_apostrophe(c) && after_is_letter {
            let lower = so_far.to_lowercase();
            if ELISIONS.contains(&lower.as_str()) {
                let end = pos + c.len_utf8();
                b.push(token_start, end, token_chars + 1, TokenKind::Word);
                pos = end;
                token_start = pos;
                token_chars = 0;
                all_digits = true;
                continue;
            }
            let rest = &text[pos + c.len_utf8()..];
            let word_end = |r: &str, n: usize| r.chars().nth(n).is_none_or(|x| !is_word_char(x));
            if (rest.starts_with('s') || rest.starts_with('S')) && word_end(rest, 1) {
                // English possessive: "Mali's" is "Mali" and "'s".
                b.push(token_start, pos, token_chars, kind_of(all_digits));
                let end = pos + c.len_utf8() + 1;
                b.push(pos, end, 2, TokenKind::Word);
                return end;
            }
            if (rest.starts_with('t') || rest.starts_with('T'))
                && word_end(rest, 1)
                && so_far.len() > 1
                && (so_far.ends_with('n') || so_far.ends_with('N'))
            {
                // English negation: "didn't" is "did" and "n't".
                let n_pos = pos - 1;
                b.push(token_start, n_pos, token_chars - 1, kind_of(all_digits));
                let end = pos + c.len_utf8() + 1;
                b.push(n_pos, end, 3, TokenKind::Word);
                return end;
            }
            // Apostrophes inside a word ("aujourd'hui", "O'Brien") keep it whole.
            pos += c.len_utf8();
            token_chars += 1;
            all_digits = false;
            continue;
        }
        if is_word_hyphen(c) && after.is_some_and(is_word_char) {
            b.push(token_start, pos, token_chars, kind_of(all_digits));
            b.chars_before += 1;
            b.pending.set(TokenFlags::HYPHEN_BEFORE);
            return pos + c.len_utf8();
        }
        break;
    }
    if pos > token_start {
        b.push(token_start, pos, token_chars, kind_of(all_digits));
    }
    pos
}

fn kind_of(all_digits: bool) -> TokenKind {
    if all_digits {
        TokenKind::Number
    } else {
        TokenKind::Word
    }
}

/// True for "U", "U.S", "K.P": single letters separated by dots.
fn is_acronym_prefix(s: &str) -> bool {
    let mut expect_letter = true;
    let mut letters = 0;
    for c in s.chars() {
        if expect_letter {
            if !c.is_alphabetic() {
                return false;
            }
            letters += 1;
            expect_letter = false;
        } else if c == '.' {
            expect_letter = true;
        } else {
            return false;
        }
    }
    letters >= 1 && !expect_letter
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(text: &str) -> Vec<String> {
        let t = tokenize(text);
        t.tokens.iter().map(|k| t.folded(k).to_string()).collect()
    }

    fn surfaces(text: &str) -> Vec<&str> {
        let t = tokenize(text);
        t.tokens.iter().map(|k| &text[k.span.range()]).collect()
    }

    #[test]
    fn splits_french_elisions_and_keeps_aujourdhui() {
        assert_eq!(
            surfaces("l’arrestation d'un diplomate aujourd'hui, jusqu’au 20"),
            [
                "l’",
                "arrestation",
                "d'",
                "un",
                "diplomate",
                "aujourd'hui",
                ",",
                "jusqu’",
                "au",
                "20"
            ]
        );
    }

    #[test]
    fn splits_english_possessives_and_negations() {
        assert_eq!(
            surfaces("Mali's junta didn't"),
            ["Mali", "'s", "junta", "did", "n't"]
        );
    }

    #[test]
    fn keeps_acronyms_decimals_and_splits_hyphens() {
        assert_eq!(
            surfaces("the U.S. paid 3.5 and 1,200 in Guinée-Bissau, a-t-il"),
            [
                "the", "U.S.", "paid", "3.5", "and", "1,200", "in", "Guinée", "Bissau", ",", "a",
                "t", "il"
            ]
        );
        assert_eq!(folded("Guinée-Bissau"), ["guinee", "bissau"]);
    }

    #[test]
    fn records_character_offsets_and_flags() {
        let text = "Élysée\n\nMALI a";
        let t = tokenize(text);
        assert_eq!(t.tokens[0].chars, Span::new(0, 6));
        assert!(t.tokens[0].is_capitalized());
        assert!(t.tokens[1].flags.has(TokenFlags::BLANK_LINE_BEFORE));
        assert!(t.tokens[1].is_all_caps());
        assert_eq!(t.tokens[2].chars, Span::new(13, 14));
    }
}

//! Plain-text documents and their optional front matter: `key: value` lines (title, outlet, author, date,
//! url, lang) ended by a blank line, or the same between two `---` lines as Markdown tools write it.

use jiff::civil::Date;
use vigie_core::DocumentError;

use crate::document::{non_empty, normalize_language};

/// The metadata a front-matter header declares.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct FrontMatter {
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub author: Option<String>,
    pub date: Option<Date>,
    pub url: Option<String>,
    pub lang: Option<String>,
}

/// A bad value in a header line that is otherwise clearly front matter.
#[derive(Debug, PartialEq)]
pub(crate) struct FrontMatterError {
    pub line: usize,
    pub error: DocumentError,
}

/// Splits a text into its front matter and its body. A text whose first lines are not all known
/// `key: value` pairs followed by a blank line has no front matter and is body from its first byte, so
/// ordinary prose is never mistaken for a header.
pub(crate) fn split_front_matter(text: &str) -> Result<(FrontMatter, &str), FrontMatterError> {
    let mut lines = LineCursor::new(text);
    let fenced = lines.peek().is_some_and(|l| l.trim_end() == "---");
    if fenced {
        lines.next();
    }
    let mut pairs = Vec::new();
    let body_start = loop {
        let Some((number, line)) = lines.next() else {
            // The text ended inside what looked like a header: it was text all along.
            return Ok((FrontMatter::default(), text));
        };
        let line = line.trim_end();
        let closes = if fenced {
            line == "---"
        } else {
            line.trim().is_empty()
        };
        if closes {
            if fenced && lines.peek().is_some_and(|l| l.trim().is_empty()) {
                lines.next();
            }
            break lines.offset();
        }
        match split_pair(line) {
            Some((key, value)) => pairs.push((number, key, value)),
            // Fenced headers may carry other keys (tags, layout) and YAML lists that are not ours.
            None if fenced => {}
            None => return Ok((FrontMatter::default(), text)),
        }
    };
    if pairs.is_empty() && !fenced {
        return Ok((FrontMatter::default(), text));
    }
    let mut header = FrontMatter::default();
    for (number, key, value) in pairs {
        let value = non_empty(value);
        match key {
            Key::Title => header.title = value,
            Key::Outlet => header.outlet = value,
            Key::Author => header.author = value,
            Key::Url => header.url = value,
            Key::Lang => header.lang = value.as_deref().and_then(normalize_language),
            Key::Date => {
                header.date = value
                    .as_deref()
                    .map(vigie_core::document::parse_date)
                    .transpose()
                    .map_err(|error| FrontMatterError {
                        line: number,
                        error,
                    })?;
            }
        }
    }
    Ok((header, &text[body_start..]))
}

#[derive(Clone, Copy)]
enum Key {
    Title,
    Outlet,
    Author,
    Date,
    Url,
    Lang,
}

/// Reads `key: value` with a known key (case-insensitive; `source` and `language` as the JSONL records
/// spell them are accepted too).
fn split_pair(line: &str) -> Option<(Key, &str)> {
    let (key, value) = line.split_once(':')?;
    let key = match key.trim().to_ascii_lowercase().as_str() {
        "title" => Key::Title,
        "outlet" | "source" => Key::Outlet,
        "author" => Key::Author,
        "date" => Key::Date,
        "url" => Key::Url,
        "lang" | "language" => Key::Lang,
        _ => return None,
    };
    Some((key, value.trim()))
}

/// Walks lines with their 1-based numbers and the byte offset just past the last line taken.
struct LineCursor<'a> {
    text: &'a str,
    offset: usize,
    number: usize,
}

impl<'a> LineCursor<'a> {
    fn new(text: &'a str) -> Self {
        LineCursor {
            text,
            offset: 0,
            number: 0,
        }
    }

    fn peek(&self) -> Option<&'a str> {
        let rest = &self.text[self.offset..];
        (!rest.is_empty()).then(|| rest.split('\n').next().unwrap_or(rest))
    }

    fn next(&mut self) -> Option<(usize, &'a str)> {
        let line = self.peek()?;
        self.offset = (self.offset + line.len() + 1).min(self.text.len());
        self.number += 1;
        Some((self.number, line.trim_end_matches('\r')))
    }

    fn offset(&self) -> usize {
        self.offset
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_header_ended_by_a_blank_line() {
        let text = "Title: Bamako expels the ambassador\nOutlet: Le Journal\ndate: 2025-09-16\nlang: fr-FR\n\nLa junte a expulsé l'ambassadeur.\n";
        let (header, body) = split_front_matter(text).unwrap();
        assert_eq!(
            header.title.as_deref(),
            Some("Bamako expels the ambassador")
        );
        assert_eq!(header.outlet.as_deref(), Some("Le Journal"));
        assert_eq!(header.date, Some(jiff::civil::date(2025, 9, 16)));
        assert_eq!(header.lang.as_deref(), Some("fr"));
        assert_eq!(body, "La junte a expulsé l'ambassadeur.\n");
    }

    #[test]
    fn reads_a_fenced_header_and_ignores_foreign_keys() {
        let text = "---\ntitle: Un titre\ntags: [a, b]\n---\n\nLe texte.";
        let (header, body) = split_front_matter(text).unwrap();
        assert_eq!(header.title.as_deref(), Some("Un titre"));
        assert_eq!(body, "Le texte.");
    }

    #[test]
    fn prose_is_never_taken_for_a_header() {
        for text in [
            "Paris: le gouvernement a rappelé son ambassadeur.\n\nSuite.",
            "Title: only a header line and no blank line after it",
            "Le gouvernement a parlé.\n\nSuite.",
            "\nTitle: after a blank first line\n\nText.",
            "",
        ] {
            let (header, body) = split_front_matter(text).unwrap();
            assert_eq!(header, FrontMatter::default(), "{text:?}");
            assert_eq!(body, text);
        }
    }

    #[test]
    fn a_bad_date_names_its_line() {
        let err = split_front_matter("title: x\ndate: hier\n\ntext").unwrap_err();
        assert_eq!(err.line, 2);
        assert!(matches!(err.error, DocumentError::BadDate { .. }));
    }

    #[test]
    fn handles_crlf_line_ends() {
        let (header, body) = split_front_matter("title: x\r\n\r\nLe texte.").unwrap();
        assert_eq!(header.title.as_deref(), Some("x"));
        assert_eq!(body, "Le texte.");
    }
}

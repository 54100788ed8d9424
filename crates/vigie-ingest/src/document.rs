//! The document every source produces, ready to be coded and stored, and the small normalisations of its
//! metadata that all sources share.

use jiff::civil::Date;
use jiff::Timestamp;

/// One document read from a file, a JSONL line, a web page or a feed item. Only `text` and `origin` are
/// always present; the rest is what the source declares.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SourceDocument {
    /// The identifier a JSONL record gives, if any.
    pub id: Option<String>,
    /// The canonical URL of the article: the page's declared canonical URL, else the URL it was fetched
    /// from (after redirects), else the URL its file or record names.
    pub url: Option<String>,
    /// The publication (site name, newspaper).
    pub outlet: Option<String>,
    pub author: Option<String>,
    pub title: Option<String>,
    /// The declared language as a lower-case primary subtag ("fr", "en"); never guessed from the text.
    pub language: Option<String>,
    /// The publication date, against which relative dates in the text resolve.
    pub published: Option<Date>,
    /// When the document was fetched over HTTP; `None` for local files.
    pub fetched_at: Option<Timestamp>,
    /// The main text, boilerplate removed for HTML.
    pub text: String,
    /// Where the document came from, for messages: a path, `path:line` for a JSONL record, or a URL.
    pub origin: String,
    /// What went wrong without stopping the document, e.g. a feed item whose page could not be fetched
    /// and whose text is the feed's own summary.
    pub diagnostics: Vec<String>,
}

impl SourceDocument {
    /// The document as the coder takes it. Its id is the record's id, else the URL, else the origin, so
    /// that every coded event can be traced back; the outlet becomes the core document's `source`, and a
    /// language other than French or English is left for the coder to identify and report.
    pub fn into_core_document(self) -> vigie_core::Document {
        let lang = self.language.as_deref().and_then(|l| l.parse().ok());
        let id = self.id.or_else(|| self.url.clone()).or(Some(self.origin));
        vigie_core::Document {
            id,
            text: self.text,
            date: self.published,
            lang,
            title: self.title,
            url: self.url,
            source: self.outlet,
        }
    }
}

/// Reduces a language tag ("fr-FR", "en_GB", " EN ") to its lower-case primary subtag, or `None` when it
/// is not a plausible ISO 639 code.
pub(crate) fn normalize_language(tag: &str) -> Option<String> {
    let primary = tag.trim().split(['-', '_']).next().unwrap_or("");
    let plausible =
        (2..=3).contains(&primary.len()) && primary.bytes().all(|b| b.is_ascii_alphabetic());
    plausible.then(|| primary.to_ascii_lowercase())
}

/// Trims a metadata value and drops it when nothing is left.
pub(crate) fn non_empty(value: impl AsRef<str>) -> Option<String> {
    let value = value.as_ref().trim();
    (!value.is_empty()).then(|| value.to_string())
}

/// Reads a publication date from the forms pages and feeds use: `YYYY-MM-DD`, an RFC 3339 timestamp (its
/// date part, as the outlet wrote it), or an RFC 2822 date as in RSS.
pub(crate) fn parse_published(value: &str) -> Option<Date> {
    let value = value.trim();
    if let Ok(date) = vigie_core::document::parse_date(value) {
        return Some(date);
    }
    jiff::fmt::rfc2822::DateTimeParser::new()
        .parse_zoned_datetime(value)
        .ok()
        .map(|zoned| zoned.date())
}

/// The UTC calendar date of an instant, for feed timestamps that carry no offset any more.
pub(crate) fn utc_date(instant: Timestamp) -> Date {
    instant.to_zoned_datetime(jiff::tz::TimeZone::UTC).date()
}

/// Collapses the blank-line runs and trailing spaces that extracted text tends to carry, keeping
/// paragraphs apart so that sentence segmentation still sees them.
pub(crate) fn tidy_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank_run = 0usize;
    for line in text.lines() {
        let line = line.trim_end();
        if line.trim().is_empty() {
            blank_run += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank_run > 0 { "\n\n" } else { "\n" });
        }
        blank_run = 0;
        out.push_str(line.trim_start());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_language_tags() {
        assert_eq!(normalize_language("fr-FR").as_deref(), Some("fr"));
        assert_eq!(normalize_language(" EN_gb ").as_deref(), Some("en"));
        assert_eq!(normalize_language("français"), None);
        assert_eq!(normalize_language(""), None);
    }

    #[test]
    fn parses_publication_dates_in_page_and_feed_forms() {
        let day = jiff::civil::date(2025, 9, 16);
        assert_eq!(parse_published("2025-09-16"), Some(day));
        assert_eq!(parse_published("2025-09-16T23:30:00-05:00"), Some(day));
        assert_eq!(
            parse_published("Tue, 16 Sep 2025 08:00:00 +0200"),
            Some(day)
        );
        assert_eq!(parse_published("mardi"), None);
    }

    #[test]
    fn tidies_extracted_text() {
        assert_eq!(
            tidy_text("  Un.  \n\n\n\n  Deux.\nTrois.  \n\n"),
            "Un.\n\nDeux.\nTrois."
        );
    }

    #[test]
    fn converts_to_a_core_document() {
        let doc = SourceDocument {
            url: Some("https://example.invalid/a".into()),
            outlet: Some("Le Monde".into()),
            language: Some("fr".into()),
            text: "Bonjour".into(),
            origin: "a.html".into(),
            ..SourceDocument::default()
        };
        let core = doc.into_core_document();
        assert_eq!(core.id.as_deref(), Some("https://example.invalid/a"));
        assert_eq!(core.lang, Some(vigie_core::Lang::Fr));
        assert_eq!(core.source.as_deref(), Some("Le Monde"));
    }
}

//! Documents as vigie receives them: decoding raw bytes, and the JSONL batch record.

use jiff::civil::Date;
use serde::Deserialize;

use crate::language::Lang;

/// The largest document vigie accepts; larger inputs are refused with a clear message.
pub const MAX_DOCUMENT_BYTES: usize = 256 * 1024 * 1024;

/// One news document. Only `text` is required.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Document {
    pub id: Option<String>,
    pub text: String,
    /// Publication date; relative dates in the text resolve against it.
    pub date: Option<Date>,
    /// The language, when known in advance; otherwise it is identified from the text.
    pub lang: Option<Lang>,
    pub title: Option<String>,
    pub url: Option<String>,
    pub source: Option<String>,
}

impl Document {
    pub fn from_text(text: impl Into<String>) -> Self {
        Document {
            text: text.into(),
            ..Document::default()
        }
    }
}

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum DocumentError {
    #[error("the input looks binary (a NUL or control byte at byte {offset}), not text")]
    Binary { offset: usize },
    #[error("the input is not valid UTF-8: invalid bytes at line {line}, byte {offset}")]
    InvalidUtf8 { offset: usize, line: usize },
    #[error("the input is {size} bytes, more than the {limit}-byte limit for one document")]
    TooLarge { size: usize, limit: usize },
    #[error("invalid JSON: {message}")]
    Json { message: String },
    #[error("the record has no \"text\" string field")]
    MissingText,
    #[error("invalid date {value:?}: expected YYYY-MM-DD")]
    BadDate { value: String },
    #[error("{0}")]
    BadLang(String),
}

/// Decodes raw input as UTF-8 text, refusing binary data and invalid encodings with a precise position.
/// A leading byte-order mark is dropped.
pub fn decode_text(bytes: &[u8]) -> Result<&str, DocumentError> {
    if bytes.len() > MAX_DOCUMENT_BYTES {
        return Err(DocumentError::TooLarge {
            size: bytes.len(),
            limit: MAX_DOCUMENT_BYTES,
        });
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Some(offset) = binary_marker(bytes) {
        return Err(DocumentError::Binary { offset });
    }
    std::str::from_utf8(bytes).map_err(|e| {
        let offset = e.valid_up_to();
        let line = 1 + bytes[..offset].iter().filter(|&&b| b == b'\n').count();
        DocumentError::InvalidUtf8 { offset, line }
    })
}

/// Text never contains NUL, and contains few control characters; the first 8 KiB are enough to tell.
fn binary_marker(bytes: &[u8]) -> Option<usize> {
    let head = &bytes[..bytes.len().min(8192)];
    if let Some(p) = head.iter().position(|&b| b == 0) {
        return Some(p);
    }
    let is_control = |b: u8| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C);
    let controls = head.iter().filter(|&&b| is_control(b)).count();
    (controls * 20 > head.len().max(1))
        .then(|| head.iter().position(|&b| is_control(b)).unwrap_or(0))
}

#[derive(Deserialize)]
struct JsonDocument {
    #[serde(default)]
    id: Option<serde_json::Value>,
    #[serde(default)]
    text: Option<serde_json::Value>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    lang: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    source: Option<String>,
}

/// Parses one line of a JSONL batch: `{"id", "text", "date", "lang", "title", "url", "source"}`.
pub fn parse_json_document(line: &str) -> Result<Document, DocumentError> {
    let raw: JsonDocument = serde_json::from_str(line).map_err(|e| DocumentError::Json {
        message: e.to_string(),
    })?;
    let text = match raw.text {
        Some(serde_json::Value::String(s)) => s,
        _ => return Err(DocumentError::MissingText),
    };
    let id = raw.id.and_then(|v| match v {
        serde_json::Value::String(s) => Some(s),
        serde_json::Value::Null => None,
        other => Some(other.to_string()),
    });
    let date = raw.date.as_deref().map(parse_date).transpose()?;
    let lang = raw
        .lang
        .as_deref()
        .filter(|l| !l.is_empty())
        .map(|l| {
            l.parse::<Lang>()
                .map_err(|e| DocumentError::BadLang(e.to_string()))
        })
        .transpose()?;
    Ok(Document {
        id,
        text,
        date,
        lang,
        title: raw.title,
        url: raw.url,
        source: raw.source,
    })
}

/// Parses a publication date: `YYYY-MM-DD`, or the date part of an RFC 3339 timestamp.
pub fn parse_date(value: &str) -> Result<Date, DocumentError> {
    let v = value.trim();
    let day = v.get(..10).unwrap_or(v);
    day.parse::<Date>().map_err(|_| DocumentError::BadDate {
        value: value.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_text_and_rejects_binary_and_bad_utf8() {
        assert_eq!(decode_text("\u{feff}Bonjour".as_bytes()), Ok("Bonjour"));
        assert_eq!(
            decode_text(b"abc\0def"),
            Err(DocumentError::Binary { offset: 3 })
        );
        assert_eq!(
            decode_text(b"ligne un\nligne \xff deux"),
            Err(DocumentError::InvalidUtf8 {
                offset: 15,
                line: 2
            })
        );
        assert!(matches!(
            decode_text(&[1u8; 100]),
            Err(DocumentError::Binary { .. })
        ));
    }

    #[test]
    fn parses_jsonl_records_with_only_text_required() {
        let d = parse_json_document(r#"{"text": "Bonjour"}"#).unwrap();
        assert_eq!(d.text, "Bonjour");
        let d = parse_json_document(
            r#"{"id": 7, "text": "x", "date": "2025-09-16T08:00:00Z", "lang": "fr"}"#,
        )
        .unwrap();
        assert_eq!(d.id.as_deref(), Some("7"));
        assert_eq!(d.date, Some(jiff::civil::date(2025, 9, 16)));
        assert_eq!(d.lang, Some(Lang::Fr));
        assert_eq!(
            parse_json_document(r#"{"id": 1}"#),
            Err(DocumentError::MissingText)
        );
        assert!(matches!(
            parse_json_document("{"),
            Err(DocumentError::Json { .. })
        ));
        assert!(matches!(
            parse_json_document(r#"{"text": "x", "date": "hier"}"#),
            Err(DocumentError::BadDate { .. })
        ));
        assert!(matches!(
            parse_json_document(r#"{"text": "x", "lang": "de"}"#),
            Err(DocumentError::BadLang(_))
        ));
    }
}

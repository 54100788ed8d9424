//! JSONL batches: one document per line, with the fields the `vigie` command reads
//! (`id`, `text`, `date`, `lang`, `title`, `url`, `source`) plus `outlet` and `author`.

use std::io::{BufRead, BufReader, Read};

use serde::Deserialize;
use serde_json::Value;
use vigie_core::DocumentError;

use crate::document::{non_empty, SourceDocument};
use crate::error::SourceError;

/// The fields of one record; unknown fields are ignored, as the `vigie` command ignores them.
#[derive(Deserialize)]
struct JsonRecord {
    #[serde(default)]
    id: Option<Value>,
    #[serde(default)]
    text: Option<Value>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    lang: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    url: Option<String>,
    /// The outlet, under the name the `vigie` command's records use.
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    outlet: Option<String>,
    #[serde(default)]
    author: Option<String>,
}

/// Parses one record. The rules are the `vigie` command's: `text` must be a string, `date` is
/// `YYYY-MM-DD` or an RFC 3339 timestamp, `lang` is `fr` or `en`; a record valid for one is valid for the
/// other.
pub(crate) fn parse_record(line: &str, origin: String) -> Result<SourceDocument, DocumentError> {
    let record: JsonRecord = serde_json::from_str(line).map_err(|e| DocumentError::Json {
        message: e.to_string(),
    })?;
    let text = match record.text {
        Some(Value::String(text)) => text,
        _ => return Err(DocumentError::MissingText),
    };
    let id = record.id.and_then(|v| match v {
        Value::String(s) => Some(s),
        Value::Null => None,
        other => Some(other.to_string()),
    });
    let published = record
        .date
        .as_deref()
        .map(vigie_core::document::parse_date)
        .transpose()?;
    let language = record
        .lang
        .as_deref()
        .filter(|l| !l.is_empty())
        .map(|l| {
            l.parse::<vigie_core::Lang>()
                .map(|lang| lang.code().to_string())
                .map_err(|e| DocumentError::BadLang(e.to_string()))
        })
        .transpose()?;
    Ok(SourceDocument {
        id,
        url: record.url.and_then(non_empty),
        outlet: record.outlet.or(record.source).and_then(non_empty),
        author: record.author.and_then(non_empty),
        title: record.title.and_then(non_empty),
        language,
        published,
        fetched_at: None,
        text,
        origin,
        diagnostics: Vec::new(),
    })
}

/// Streams the documents of a JSONL batch, one line in memory at a time. A bad line yields an error
/// naming the line, and the following lines are still read; blank lines are skipped.
pub struct JsonlDocuments<R> {
    reader: BufReader<R>,
    origin: String,
    max_line_bytes: u64,
    line_number: usize,
    buffer: Vec<u8>,
    finished: bool,
}

impl<R: Read> JsonlDocuments<R> {
    /// Reads records from `reader`; `origin` names it in messages (a path, or "standard input"), and
    /// lines longer than `max_line_bytes` are reported and skipped.
    pub fn new(reader: R, origin: impl Into<String>, max_line_bytes: u64) -> Self {
        JsonlDocuments {
            reader: BufReader::with_capacity(1 << 16, reader),
            origin: origin.into(),
            max_line_bytes,
            line_number: 0,
            buffer: Vec::new(),
            finished: false,
        }
    }

    /// Skips the rest of an oversized line without keeping it.
    fn skip_rest_of_line(&mut self) -> std::io::Result<()> {
        loop {
            let available = self.reader.fill_buf()?;
            if available.is_empty() {
                return Ok(());
            }
            match available.iter().position(|&b| b == b'\n') {
                Some(end) => {
                    self.reader.consume(end + 1);
                    return Ok(());
                }
                None => {
                    let len = available.len();
                    self.reader.consume(len);
                }
            }
        }
    }
}

impl<R: Read> Iterator for JsonlDocuments<R> {
    type Item = Result<SourceDocument, SourceError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.finished {
            self.buffer.clear();
            self.line_number += 1;
            let read = (&mut self.reader)
                .take(self.max_line_bytes.saturating_add(1))
                .read_until(b'\n', &mut self.buffer);
            match read {
                Ok(0) => self.finished = true,
                Ok(_) => {}
                Err(source) => {
                    // A read error usually repeats; reporting it once and stopping avoids a flood.
                    self.finished = true;
                    return Some(Err(SourceError::Io {
                        origin: format!("{}:{}", self.origin, self.line_number),
                        source,
                    }));
                }
            }
            if self.finished {
                return None;
            }
            let complete = self.buffer.last() == Some(&b'\n');
            if !complete && self.buffer.len() as u64 > self.max_line_bytes {
                if let Err(source) = self.skip_rest_of_line() {
                    self.finished = true;
                    return Some(Err(SourceError::Io {
                        origin: format!("{}:{}", self.origin, self.line_number),
                        source,
                    }));
                }
                return Some(Err(SourceError::LineTooLong {
                    origin: self.origin.clone(),
                    line: self.line_number,
                    limit: self.max_line_bytes,
                }));
            }
            if self.buffer.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let origin = format!("{}:{}", self.origin, self.line_number);
            let result = vigie_core::document::decode_text(&self.buffer)
                .and_then(|line| parse_record(line, origin))
                .map_err(|source| SourceError::Line {
                    origin: self.origin.clone(),
                    line: self.line_number,
                    source,
                });
            return Some(result);
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(input: &str, limit: u64) -> Vec<Result<SourceDocument, SourceError>> {
        JsonlDocuments::new(input.as_bytes(), "batch.jsonl", limit).collect()
    }

    #[test]
    fn reads_records_with_the_command_fields_and_more() {
        let input = r#"{"id": 7, "text": "Bonjour", "date": "2025-09-16", "lang": "FR", "source": "Le Journal", "author": "A. B."}
{"text": "Hello", "outlet": "The Paper", "source": "ignored", "url": "https://example.invalid/x", "title": "T"}
"#;
        let docs: Vec<_> = read_all(input, 1 << 20)
            .into_iter()
            .map(Result::unwrap)
            .collect();
        assert_eq!(docs[0].id.as_deref(), Some("7"));
        assert_eq!(docs[0].language.as_deref(), Some("fr"));
        assert_eq!(docs[0].outlet.as_deref(), Some("Le Journal"));
        assert_eq!(docs[0].author.as_deref(), Some("A. B."));
        assert_eq!(docs[0].origin, "batch.jsonl:1");
        assert_eq!(docs[1].outlet.as_deref(), Some("The Paper"));
        assert_eq!(docs[1].title.as_deref(), Some("T"));
    }

    #[test]
    fn a_bad_line_is_reported_and_the_batch_goes_on() {
        let input = "{\"text\": \"un\"}\n\n{\"text\": \n{\"id\": 3}\n{\"text\": \"x\", \"lang\": \"de\"}\n{\"text\": \"cinq\"}";
        let results = read_all(input, 1 << 20);
        assert_eq!(results.len(), 5);
        let messages: Vec<String> = results
            .iter()
            .filter_map(|r| r.as_ref().err().map(ToString::to_string))
            .collect();
        assert!(
            messages[0].starts_with("batch.jsonl:3: invalid JSON"),
            "{messages:?}"
        );
        assert_eq!(
            messages[1],
            "batch.jsonl:4: the record has no \"text\" string field"
        );
        assert!(
            messages[2].starts_with("batch.jsonl:5: unknown language"),
            "{messages:?}"
        );
        assert_eq!(results[4].as_ref().unwrap().text, "cinq");
    }

    #[test]
    fn an_overlong_line_is_skipped_without_losing_the_next() {
        let long = format!(
            "{{\"text\": \"{}\"}}\n{{\"text\": \"court\"}}\n",
            "a".repeat(200)
        );
        let results = read_all(&long, 64);
        assert_eq!(
            results[0].as_ref().unwrap_err().to_string(),
            "batch.jsonl:1: the line is longer than the 64-byte limit"
        );
        assert_eq!(results[1].as_ref().unwrap().text, "court");
        assert_eq!(results[1].as_ref().unwrap().origin, "batch.jsonl:2");
    }

    #[test]
    fn a_line_exactly_at_the_limit_is_read() {
        let line = r#"{"text": "au ras"}"#;
        let input = format!("{line}\n{line}");
        let results = read_all(&input, line.len() as u64);
        assert_eq!(results.len(), 2);
        assert!(results.iter().all(Result::is_ok));
    }
}

//! Reading documents from files and standard input: plain text, or JSONL batches read line by line.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use clap::ValueEnum;
use vigie_core::document::{decode_text, parse_json_document, MAX_DOCUMENT_BYTES};
use vigie_core::Document;

/// Where documents come from and what is known of them, shared by the commands that read documents.
#[derive(clap::Args)]
pub struct DocumentArgs {
    /// The input file; `-` or nothing reads standard input.
    pub file: Option<PathBuf>,
    /// Publication date (YYYY-MM-DD) against which relative dates resolve, unless the document has one.
    #[arg(long, value_parser = parse_date)]
    pub date: Option<jiff::civil::Date>,
    /// The document language (fr or en); identified from the text when absent.
    #[arg(long)]
    pub lang: Option<vigie_core::Lang>,
    /// The input format.
    #[arg(long, value_enum, default_value_t = InputFormat::Text)]
    pub input: InputFormat,
}

impl DocumentArgs {
    pub fn options(&self) -> vigie_core::AnalyzeOptions {
        vigie_core::AnalyzeOptions {
            lang: self.lang,
            date: self.date,
        }
    }
}

pub fn parse_date(s: &str) -> Result<jiff::civil::Date, String> {
    vigie_core::document::parse_date(s).map_err(|e| e.to_string())
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    /// The whole input is one document.
    #[default]
    Text,
    /// One JSON document per line: {"id", "text", "date", "lang", "title", "url", "source"}.
    Jsonl,
}

fn open(path: Option<&Path>) -> Result<Box<dyn Read>> {
    match path {
        None => Ok(Box::new(io::stdin().lock())),
        Some(p) if p == Path::new("-") => Ok(Box::new(io::stdin().lock())),
        Some(p) => {
            if p.is_dir() {
                bail!("{} is a directory, not a file", p.display());
            }
            let f = File::open(p).with_context(|| format!("cannot open {}", p.display()))?;
            Ok(Box::new(f))
        }
    }
}

fn describe(path: Option<&Path>) -> String {
    match path {
        Some(p) if p != Path::new("-") => p.display().to_string(),
        _ => "standard input".to_string(),
    }
}

/// Reads a whole plain-text document, refusing binary data, invalid UTF-8 and oversized input.
pub fn read_text_document(path: Option<&PathBuf>) -> Result<Document> {
    let path = path.map(PathBuf::as_path);
    let mut bytes = Vec::new();
    open(path)?
        .take(MAX_DOCUMENT_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .with_context(|| format!("cannot read {}", describe(path)))?;
    let text = decode_text(&bytes).with_context(|| describe(path))?;
    let mut doc = Document::from_text(text);
    if let Some(p) = path.filter(|p| *p != Path::new("-")) {
        doc.id = p.file_name().map(|n| n.to_string_lossy().into_owned());
    }
    Ok(doc)
}

/// Streams the documents of a JSONL batch. A bad line yields an error naming the line; the following
/// lines are still read.
pub fn jsonl_documents(path: Option<&PathBuf>) -> Result<impl Iterator<Item = Result<Document>>> {
    let path = path.map(PathBuf::as_path);
    let name = describe(path);
    let mut reader = BufReader::with_capacity(1 << 16, open(path)?);
    let mut line_no = 0usize;
    let mut buf = Vec::new();
    Ok(std::iter::from_fn(move || loop {
        buf.clear();
        line_no += 1;
        match reader
            .by_ref()
            .take(MAX_DOCUMENT_BYTES as u64 + 1)
            .read_until(b'\n', &mut buf)
        {
            Ok(0) => return None,
            Ok(_) => {}
            Err(e) => {
                return Some(Err(
                    anyhow::Error::new(e).context(format!("{name}: cannot read line {line_no}"))
                ))
            }
        }
        if buf.len() > MAX_DOCUMENT_BYTES {
            // Skip the rest of the oversized line before reporting it.
            let mut rest = Vec::new();
            let _ = reader.read_until(b'\n', &mut rest);
            return Some(Err(anyhow::anyhow!(
                "{name}:{line_no}: the line is longer than {MAX_DOCUMENT_BYTES} bytes"
            )));
        }
        if buf.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let result = decode_text(&buf)
            .map_err(anyhow::Error::from)
            .and_then(|line| parse_json_document(line).map_err(anyhow::Error::from))
            .map_err(|e| e.context(format!("{name}:{line_no}")));
        return Some(result);
    }))
}

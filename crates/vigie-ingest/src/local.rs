//! Local sources: files and directories walked lazily in sorted order, each file read as plain text,
//! HTML or a JSONL batch according to its extension or, failing that, its content.

use std::ffi::OsStr;
use std::fs::{self, File};
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::document::SourceDocument;
use crate::error::SourceError;
use crate::html::extract_article;
use crate::jsonl::JsonlDocuments;
use crate::plain_text::split_front_matter;

/// Limits for reading local files.
#[derive(Clone, Debug)]
pub struct LocalOptions {
    /// The largest text or HTML file read, and the longest JSONL line; larger ones are reported and
    /// skipped without being read.
    pub max_document_bytes: u64,
}

impl Default for LocalOptions {
    fn default() -> Self {
        LocalOptions {
            max_document_bytes: 16 * 1024 * 1024,
        }
    }
}

/// How one document's bytes are read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DocumentKind {
    /// Plain text with optional front matter (`.txt`, `.text`, `.md`, `.markdown`).
    Text,
    /// An HTML page (`.html`, `.htm`, `.xhtml`).
    Html,
}

impl DocumentKind {
    /// The kind a file name's extension announces, if any.
    pub fn from_path(path: &Path) -> Option<DocumentKind> {
        match lowercase_extension(path)?.as_str() {
            "txt" | "text" | "md" | "markdown" => Some(DocumentKind::Text),
            "html" | "htm" | "xhtml" => Some(DocumentKind::Html),
            _ => None,
        }
    }
}

/// Whether a file name announces a JSONL batch (`.jsonl`, `.ndjson`): one JSON document per line.
pub fn is_jsonl_path(path: &Path) -> bool {
    matches!(
        lowercase_extension(path).as_deref(),
        Some("jsonl" | "ndjson")
    )
}

fn lowercase_extension(path: &Path) -> Option<String> {
    Some(path.extension()?.to_str()?.to_ascii_lowercase())
}

/// Streams the documents of files and directories. Directories are walked recursively, entries sorted
/// by name, hidden entries (names starting with a dot) skipped, and symbolic links to directories not
/// followed so that a link cycle cannot loop. Only the names of the directories being walked are held
/// in memory, and one file or JSONL line at a time.
pub fn local_documents<I, P>(paths: I, options: LocalOptions) -> LocalDocuments
where
    I: IntoIterator<Item = P>,
    P: Into<PathBuf>,
{
    LocalDocuments {
        roots: paths
            .into_iter()
            .map(Into::into)
            .collect::<Vec<_>>()
            .into_iter(),
        open_directories: Vec::new(),
        batch: None,
        options,
    }
}

/// The iterator [`local_documents`] returns.
pub struct LocalDocuments {
    roots: std::vec::IntoIter<PathBuf>,
    /// The entries still to visit in each directory being walked, the innermost last.
    open_directories: Vec<std::vec::IntoIter<Entry>>,
    /// The JSONL batch being read, if any.
    batch: Option<JsonlDocuments<File>>,
    options: LocalOptions,
}

/// A directory entry to visit, or an error met while listing the directory.
enum Entry {
    Path(PathBuf),
    Unlisted(SourceError),
}

/// What visiting one path gives.
enum Visit {
    Skip,
    Item(Result<SourceDocument, SourceError>),
    Batch(JsonlDocuments<File>),
    Directory(Vec<Entry>),
}

impl Iterator for LocalDocuments {
    type Item = Result<SourceDocument, SourceError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(batch) = &mut self.batch {
                match batch.next() {
                    Some(item) => return Some(item),
                    None => self.batch = None,
                }
            }
            let (path, walked) = match self.open_directories.last_mut() {
                Some(entries) => match entries.next() {
                    Some(Entry::Path(path)) => (path, true),
                    Some(Entry::Unlisted(error)) => return Some(Err(error)),
                    None => {
                        self.open_directories.pop();
                        continue;
                    }
                },
                None => (self.roots.next()?, false),
            };
            match self.visit(&path, walked) {
                Visit::Skip => {}
                Visit::Item(item) => return Some(item),
                Visit::Batch(batch) => self.batch = Some(batch),
                Visit::Directory(entries) => self.open_directories.push(entries.into_iter()),
            }
        }
    }
}

impl LocalDocuments {
    /// Visits a path given by the caller (`walked == false`) or found in a directory.
    fn visit(&self, path: &Path, walked: bool) -> Visit {
        let origin = path.display().to_string();
        let io_error = |source| {
            Visit::Item(Err(SourceError::Io {
                origin: origin.clone(),
                source,
            }))
        };
        // Inside a walk a link is followed to a file but never to a directory.
        let metadata = if walked {
            fs::symlink_metadata(path)
        } else {
            fs::metadata(path)
        };
        let metadata = match metadata {
            Ok(metadata) => metadata,
            Err(source) => return io_error(source),
        };
        let metadata = if metadata.file_type().is_symlink() {
            match fs::metadata(path) {
                Ok(target) if target.is_file() => target,
                Ok(_) => return Visit::Skip,
                Err(source) => return io_error(source),
            }
        } else {
            metadata
        };
        if metadata.is_dir() {
            return match list_directory(path) {
                Ok(entries) => Visit::Directory(entries),
                Err(source) => io_error(source),
            };
        }
        if !metadata.is_file() {
            // Sockets, pipes and devices found in a walk are not documents.
            if walked {
                return Visit::Skip;
            }
            return io_error(std::io::Error::other("not a regular file or a directory"));
        }
        let limit = self.options.max_document_bytes;
        if is_jsonl_path(path) {
            return match File::open(path) {
                Ok(file) => Visit::Batch(JsonlDocuments::new(file, origin, limit)),
                Err(source) => io_error(source),
            };
        }
        if metadata.len() > limit {
            return Visit::Item(Err(SourceError::FileTooLarge {
                origin,
                size: metadata.len(),
                limit,
            }));
        }
        let mut bytes = Vec::new();
        // The file may have grown since its size was read; the limit holds all the same.
        let read =
            File::open(path).and_then(|f| f.take(limit.saturating_add(1)).read_to_end(&mut bytes));
        if let Err(source) = read {
            return io_error(source);
        }
        if bytes.len() as u64 > limit {
            return Visit::Item(Err(SourceError::FileTooLarge {
                origin,
                size: bytes.len() as u64,
                limit,
            }));
        }
        Visit::Item(document_from_bytes(
            &bytes,
            origin,
            DocumentKind::from_path(path),
        ))
    }
}

/// Lists a directory's visible entries sorted by name, so walks are deterministic.
fn list_directory(path: &Path) -> std::io::Result<Vec<Entry>> {
    let mut paths = Vec::new();
    let mut errors = Vec::new();
    for entry in fs::read_dir(path)? {
        match entry {
            Ok(entry) => {
                let name = entry.file_name();
                if !is_hidden(&name) {
                    paths.push(entry.path());
                }
            }
            Err(source) => errors.push(Entry::Unlisted(SourceError::Io {
                origin: path.display().to_string(),
                source,
            })),
        }
    }
    paths.sort();
    errors.extend(paths.into_iter().map(Entry::Path));
    Ok(errors)
}

fn is_hidden(name: &OsStr) -> bool {
    name.as_encoded_bytes().first() == Some(&b'.')
}

/// Builds a document from the bytes of a text or HTML file (or standard input). `kind` is what the file
/// name announces; without it, content that starts like an HTML page is read as HTML and anything else
/// as plain text. Binary data and invalid UTF-8 are refused with their position.
pub fn document_from_bytes(
    bytes: &[u8],
    origin: impl Into<String>,
    kind: Option<DocumentKind>,
) -> Result<SourceDocument, SourceError> {
    let origin = origin.into();
    let text = match vigie_core::document::decode_text(bytes) {
        Ok(text) => text,
        Err(source) => return Err(SourceError::Decode { origin, source }),
    };
    match kind.unwrap_or_else(|| sniff_kind(text)) {
        DocumentKind::Html => html_document(text, origin),
        DocumentKind::Text => text_document(text, origin),
    }
}

/// Tells HTML from plain text by how the content starts.
fn sniff_kind(text: &str) -> DocumentKind {
    let head: String = text
        .trim_start()
        .chars()
        .take(512)
        .collect::<String>()
        .to_ascii_lowercase();
    let looks_html = head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || (head.starts_with('<') && (head.contains("<html") || head.contains("<body")));
    if looks_html {
        DocumentKind::Html
    } else {
        DocumentKind::Text
    }
}

fn text_document(text: &str, origin: String) -> Result<SourceDocument, SourceError> {
    let (header, body) = split_front_matter(text).map_err(|e| SourceError::Line {
        origin: origin.clone(),
        line: e.line,
        source: e.error,
    })?;
    if body.trim().is_empty() {
        return Err(SourceError::NoText { origin });
    }
    Ok(SourceDocument {
        url: header.url,
        outlet: header.outlet,
        author: header.author,
        title: header.title,
        language: header.lang,
        published: header.date,
        text: body.to_string(),
        origin,
        ..SourceDocument::default()
    })
}

fn html_document(html: &str, origin: String) -> Result<SourceDocument, SourceError> {
    let Some(article) = extract_article(html, None) else {
        return Err(SourceError::NoText { origin });
    };
    Ok(SourceDocument {
        url: article.canonical_url,
        outlet: article.outlet,
        author: article.author,
        title: article.title,
        language: article.language,
        published: article.published,
        text: article.text,
        origin,
        ..SourceDocument::default()
    })
}

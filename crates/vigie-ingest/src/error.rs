//! What can go wrong with one source item, each message naming the file, line or URL concerned.

use std::fmt;
use std::io;
use std::time::Duration;

use vigie_core::DocumentError;

/// An unusable source item. Every variant names where it happened, so a caller can print it as is and
/// go on with the next item.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    /// A file or directory could not be opened or read.
    #[error("{origin}: cannot read: {source}")]
    Io {
        origin: String,
        #[source]
        source: io::Error,
    },
    /// The bytes are not usable text: binary data or invalid UTF-8.
    #[error("{origin}: {source}")]
    Decode {
        origin: String,
        #[source]
        source: DocumentError,
    },
    /// A local file is larger than the configured limit; it is not read.
    #[error("{origin}: the file is {size} bytes, more than the {limit}-byte limit")]
    FileTooLarge {
        origin: String,
        size: u64,
        limit: u64,
    },
    /// One line of a JSONL batch, or one front-matter line of a text file, is unusable.
    #[error("{origin}:{line}: {source}")]
    Line {
        origin: String,
        line: usize,
        #[source]
        source: DocumentError,
    },
    /// A JSONL line is longer than the limit; it is skipped without being held in memory.
    #[error("{origin}:{line}: the line is longer than the {limit}-byte limit")]
    LineTooLong {
        origin: String,
        line: usize,
        limit: u64,
    },
    /// Nothing readable was found: an empty file, or an HTML page without main text.
    #[error("{origin}: no text found")]
    NoText { origin: String },
    /// The input is not an absolute http or https URL.
    #[error("{url}: not a usable URL: {reason}")]
    BadUrl { url: String, reason: String },
    /// The server did not answer in time.
    #[error("{url}: timed out: {limit} of {after:?} was exceeded")]
    Timeout {
        url: String,
        limit: TimeoutLimit,
        after: Duration,
    },
    /// The server answered with an error status.
    #[error("{url}: the server answered HTTP {status}{}", reason_suffix(.reason))]
    HttpStatus {
        url: String,
        status: u16,
        reason: Option<String>,
    },
    /// The response body is larger than the configured limit; reading stopped there.
    #[error("{url}: the response is larger than the {limit}-byte limit; it was not read further")]
    ResponseTooLarge { url: String, limit: u64 },
    /// The server redirected more times than allowed.
    #[error("{url}: more than {max} redirects")]
    TooManyRedirects { url: String, max: u32 },
    /// The response is neither an HTML page, plain text nor a feed (a PDF, an image…).
    #[error("{url}: the response is {content_type}, not an HTML page or a feed; it was not read")]
    UnsupportedContent { url: String, content_type: String },
    /// The response is not an RSS, Atom or JSON feed that can be parsed.
    #[error("{url}: not a readable RSS or Atom feed: {reason}")]
    BadFeed { url: String, reason: String },
    /// The connection failed: unknown host, refused connection, TLS failure, broken transfer.
    #[error("{url}: {reason}")]
    Network { url: String, reason: String },
}

impl SourceError {
    /// Where the error happened: a path, `path:line` for a JSONL or front-matter line, or a URL.
    pub fn location(&self) -> String {
        match self {
            SourceError::Line { origin, line, .. }
            | SourceError::LineTooLong { origin, line, .. } => {
                format!("{origin}:{line}")
            }
            SourceError::Io { origin, .. }
            | SourceError::Decode { origin, .. }
            | SourceError::FileTooLarge { origin, .. }
            | SourceError::NoText { origin } => origin.clone(),
            SourceError::BadUrl { url, .. }
            | SourceError::Timeout { url, .. }
            | SourceError::HttpStatus { url, .. }
            | SourceError::ResponseTooLarge { url, .. }
            | SourceError::TooManyRedirects { url, .. }
            | SourceError::UnsupportedContent { url, .. }
            | SourceError::BadFeed { url, .. }
            | SourceError::Network { url, .. } => url.clone(),
        }
    }
}

fn reason_suffix(reason: &Option<String>) -> String {
    reason
        .as_deref()
        .map(|r| format!(" {r}"))
        .unwrap_or_default()
}

/// Which time limit a request exceeded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeoutLimit {
    /// Resolving the host and opening the connection.
    Connect,
    /// The whole exchange: connection, redirects, headers and body.
    Overall,
}

impl fmt::Display for TimeoutLimit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TimeoutLimit::Connect => "the connect timeout",
            TimeoutLimit::Overall => "the overall timeout",
        })
    }
}

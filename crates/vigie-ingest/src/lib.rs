//! Document sources: files, directories, JSONL batches, HTML pages and RSS/Atom feeds fetched over HTTP.
//!
//! Every source yields `Result<SourceDocument, SourceError>` items one at a time, so one bad file, line,
//! page or feed is reported with its path, line or URL and the rest of the run goes on. This crate only
//! turns inputs into documents: it codes nothing and stores nothing, and it is the only vigie crate that
//! touches the network.
//!
//! - Local paths: [`local_documents`] walks files and directories lazily, in sorted order.
//! - Pages and feeds: [`HttpClient`] fetches a page, a feed (with conditional GET through
//!   [`FeedValidators`]) or any URL, under the limits of [`HttpOptions`].
//! - Watching: [`WatchConfig`] reads `feeds.toml`, and [`Watcher`] polls its feeds until asked to stop.
//! - Mixed inputs: [`documents`] takes paths and URLs as a command line gives them.

mod document;
mod error;
mod feed;
mod html;
mod http;
mod jsonl;
mod local;
mod plain_text;
mod sources;
mod watch;

pub use document::SourceDocument;
pub use error::{SourceError, TimeoutLimit};
pub use feed::{Feed, FeedDocuments, FeedFetch, FeedItem, FeedSettings, FeedValidators};
pub use http::{HttpClient, HttpOptions, UrlContent, USER_AGENT};
pub use jsonl::JsonlDocuments;
pub use local::{
    document_from_bytes, is_jsonl_path, local_documents, DocumentKind, LocalDocuments, LocalOptions,
};
pub use sources::{documents, is_url, url_documents};
pub use watch::{
    FeedConfig, FeedPoll, WatchConfig, WatchConfigError, WatchHandler, Watcher, DEFAULT_INTERVAL,
};

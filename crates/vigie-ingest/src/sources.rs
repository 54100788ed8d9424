//! Mixed inputs as a command line gives them: local paths and http(s) URLs, read in the order given.

use std::ffi::OsString;
use std::path::PathBuf;

use crate::document::SourceDocument;
use crate::error::SourceError;
use crate::feed::FeedSettings;
use crate::http::{HttpClient, UrlContent};
use crate::local::{local_documents, LocalOptions};

/// Whether an input names a URL to fetch rather than a local path.
pub fn is_url(input: &str) -> bool {
    let lower = input.get(..8).unwrap_or(input).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// Streams the documents of every input: a URL is fetched when reached (a feed gives the documents of
/// its items, any other page one document), and a path is read as [`local_documents`] reads it.
pub fn documents<'a, I, S>(
    inputs: I,
    local: LocalOptions,
    client: &'a HttpClient,
) -> impl Iterator<Item = Result<SourceDocument, SourceError>> + 'a
where
    I: IntoIterator<Item = S>,
    I::IntoIter: 'a,
    S: Into<OsString>,
{
    inputs.into_iter().flat_map(
        move |input| -> Box<dyn Iterator<Item = Result<SourceDocument, SourceError>> + 'a> {
            let input: OsString = input.into();
            match input.to_str().filter(|s| is_url(s)) {
                Some(url) => url_documents(client, url),
                None => Box::new(local_documents([PathBuf::from(input)], local.clone())),
            }
        },
    )
}

/// The documents of one URL: the page itself, or each item of a feed.
pub fn url_documents<'a>(
    client: &'a HttpClient,
    url: &str,
) -> Box<dyn Iterator<Item = Result<SourceDocument, SourceError>> + 'a> {
    match client.fetch_url(url) {
        Ok(UrlContent::Page(document)) => Box::new(std::iter::once(Ok(document))),
        Ok(UrlContent::Feed(feed)) => Box::new(feed.documents(client, FeedSettings::default())),
        Err(error) => Box::new(std::iter::once(Err(error))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_urls_from_paths() {
        assert!(is_url("https://example.invalid/feed"));
        assert!(is_url("HTTP://example.invalid"));
        assert!(!is_url("articles/https.txt"));
        assert!(!is_url("é"));
        assert!(!is_url(""));
    }
}

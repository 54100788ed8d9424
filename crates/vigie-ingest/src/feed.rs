//! RSS, Atom and JSON feeds: conditional fetching with validators, the items a feed lists, and each
//! item's page turned into a document (the feed's own summary standing in when the page fails).

use jiff::Timestamp;

use crate::document::{non_empty, normalize_language, utc_date, SourceDocument};
use crate::error::SourceError;
use crate::html::fragment_text;
use crate::http::{HttpBody, HttpClient, HttpResponse};

/// What a server said about a feed's version, sent back on the next fetch so that an unchanged feed is
/// answered `304 Not Modified`. The caller keeps them between runs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FeedValidators {
    /// The `ETag` header, sent back as `If-None-Match`.
    pub etag: Option<String>,
    /// The `Last-Modified` header, sent back as `If-Modified-Since`.
    pub last_modified: Option<String>,
}

impl FeedValidators {
    pub fn is_empty(&self) -> bool {
        self.etag.is_none() && self.last_modified.is_none()
    }
}

/// The outcome of a feed fetch.
#[derive(Debug)]
pub enum FeedFetch {
    /// The server answered `304 Not Modified`: nothing new, and the validators stay as they were.
    Unchanged,
    /// The feed, with the validators to keep for the next fetch.
    Fetched(Feed),
}

/// A fetched feed and the items it lists.
#[derive(Clone, Debug)]
pub struct Feed {
    /// The URL the feed was requested at.
    pub url: String,
    pub title: Option<String>,
    pub language: Option<String>,
    /// The validators of this version; empty when the server sends none.
    pub validators: FeedValidators,
    pub fetched_at: Timestamp,
    pub items: Vec<FeedItem>,
}

/// One entry of a feed.
#[derive(Clone, Debug, PartialEq)]
pub struct FeedItem {
    /// The entry's identifier (its GUID or Atom id, else one derived from its link and title).
    pub id: String,
    /// The article's URL.
    pub link: Option<String>,
    pub title: Option<String>,
    pub author: Option<String>,
    pub published: Option<Timestamp>,
    pub language: Option<String>,
    /// The entry's content or summary as plain text, used when its page cannot be.
    pub summary: Option<String>,
}

impl FeedItem {
    /// What identifies the item across fetches: its link, else its id.
    pub fn key(&self) -> &str {
        self.link.as_deref().unwrap_or(&self.id)
    }
}

/// What the configuration says about a feed's documents; it wins over what the pages declare.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FeedSettings {
    pub outlet: Option<String>,
    pub language: Option<String>,
}

impl HttpClient {
    /// Fetches a feed. `validators` are those of the previous fetch (empty the first time); a `304`
    /// answer gives [`FeedFetch::Unchanged`]. A body that is not a feed is an error naming the URL.
    pub fn fetch_feed(
        &self,
        url: &str,
        validators: &FeedValidators,
    ) -> Result<FeedFetch, SourceError> {
        match self.get_feed(url, validators)? {
            HttpResponse::NotModified => Ok(FeedFetch::Unchanged),
            HttpResponse::Body(body) => parse_feed(url, body).map(FeedFetch::Fetched),
        }
    }

    /// Fetches an item's page and makes it a document with the item's metadata. When the page fails
    /// (an error status, a timeout, no main text…) and the feed carries the item's content or summary,
    /// that text is used instead and the failure is kept in the document's diagnostics.
    pub fn fetch_item(
        &self,
        feed: &Feed,
        item: &FeedItem,
        settings: &FeedSettings,
    ) -> Result<SourceDocument, SourceError> {
        let page = match &item.link {
            Some(link) => self.fetch_page(link),
            None => Err(SourceError::NoText {
                origin: format!("{} (item {} has no link)", feed.url, item.id),
            }),
        };
        let mut document = match page {
            Ok(page) => page,
            Err(error) => match &item.summary {
                Some(summary) => SourceDocument {
                    url: item.link.clone(),
                    fetched_at: Some(feed.fetched_at),
                    text: summary.clone(),
                    origin: item
                        .link
                        .clone()
                        .unwrap_or_else(|| format!("{} (item {})", feed.url, item.id)),
                    diagnostics: vec![format!(
                        "the page was not used ({error}); the text is the feed's summary"
                    )],
                    ..SourceDocument::default()
                },
                None => return Err(error),
            },
        };
        // The feed's title, author and date are the publisher's own; a page's are guessed from markup.
        document.title = item.title.clone().or(document.title);
        document.author = item.author.clone().or(document.author);
        document.published = item.published.map(utc_date).or(document.published);
        document.outlet = settings
            .outlet
            .clone()
            .or(document.outlet)
            .or_else(|| feed.title.clone());
        document.language = settings
            .language
            .clone()
            .or(document.language)
            .or_else(|| item.language.clone())
            .or_else(|| feed.language.clone());
        Ok(document)
    }
}

impl Feed {
    /// The documents of the feed's items, each page fetched when the iterator reaches it.
    pub fn documents(self, client: &HttpClient, settings: FeedSettings) -> FeedDocuments<'_> {
        FeedDocuments {
            feed: self,
            next: 0,
            client,
            settings,
        }
    }
}

/// The iterator [`Feed::documents`] returns.
pub struct FeedDocuments<'a> {
    feed: Feed,
    next: usize,
    client: &'a HttpClient,
    settings: FeedSettings,
}

impl Iterator for FeedDocuments<'_> {
    type Item = Result<SourceDocument, SourceError>;

    fn next(&mut self) -> Option<Self::Item> {
        let item = self.feed.items.get(self.next)?;
        self.next += 1;
        Some(self.client.fetch_item(&self.feed, item, &self.settings))
    }
}

/// Parses a feed body; relative links resolve against the URL the feed was served from.
pub(crate) fn parse_feed(url: &str, body: HttpBody) -> Result<Feed, SourceError> {
    let parsed = feed_rs::parser::Builder::new()
        .base_uri(Some(&body.final_url))
        .build()
        .parse(body.bytes.as_slice())
        .map_err(|e| SourceError::BadFeed {
            url: url.to_string(),
            reason: e.to_string(),
        })?;
    let base = url::Url::parse(&body.final_url).ok();
    let items = parsed
        .entries
        .into_iter()
        .map(|entry| feed_item(entry, base.as_ref()))
        .collect();
    Ok(Feed {
        url: url.to_string(),
        title: parsed.title.and_then(|t| non_empty(t.content)),
        language: parsed.language.as_deref().and_then(normalize_language),
        validators: body.validators,
        fetched_at: body.fetched_at,
        items,
    })
}

fn feed_item(entry: feed_rs::model::Entry, base: Option<&url::Url>) -> FeedItem {
    let link = entry
        .links
        .iter()
        .find(|l| matches!(l.rel.as_deref(), None | Some("alternate")))
        .or_else(|| entry.links.first())
        .and_then(|l| resolve_link(&l.href, base));
    let published = entry
        .published
        .or(entry.updated)
        .and_then(|t| Timestamp::from_second(t.timestamp()).ok());
    let content = entry.content.and_then(|c| {
        let is_html = is_html_type(&c.content_type);
        c.body.map(|body| text_of(&body, is_html))
    });
    let summary = entry
        .summary
        .map(|s| text_of(&s.content, is_html_type(&s.content_type)));
    FeedItem {
        id: entry.id,
        link,
        title: entry
            .title
            .and_then(|t| non_empty(text_of(&t.content, is_html_type(&t.content_type)))),
        author: entry
            .authors
            .into_iter()
            .find_map(|a| a.name.and_then(non_empty)),
        published,
        language: entry.language.as_deref().and_then(normalize_language),
        summary: content
            .and_then(non_empty)
            .or_else(|| summary.and_then(non_empty)),
    }
}

fn is_html_type(media_type: &impl std::fmt::Display) -> bool {
    media_type.to_string().contains("html")
}

/// Feed texts are often HTML even when labelled plain; markup is stripped whenever it appears.
fn text_of(content: &str, is_html: bool) -> String {
    if is_html || content.contains('<') {
        fragment_text(content)
    } else {
        crate::document::tidy_text(content)
    }
}

fn resolve_link(href: &str, base: Option<&url::Url>) -> Option<String> {
    let resolved = match base {
        Some(base) => base.join(href.trim()).ok()?,
        None => url::Url::parse(href.trim()).ok()?,
    };
    matches!(resolved.scheme(), "http" | "https").then(|| resolved.to_string())
}

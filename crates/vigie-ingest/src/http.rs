//! HTTP fetching under fixed rules (timeouts, a response size limit, bounded redirects, a clear user
//! agent, conditional GET), and web pages turned into documents.

use std::io;
use std::time::Duration;

use jiff::Timestamp;
use ureq::http::{header, StatusCode};
use ureq::ResponseExt;

use crate::document::{non_empty, SourceDocument};
use crate::error::{SourceError, TimeoutLimit};
use crate::feed::{parse_feed, Feed, FeedValidators};
use crate::html::extract_article;

/// The user agent every request sends, so that site operators can tell who is fetching.
pub const USER_AGENT: &str = concat!(
    "vigie/",
    env!("CARGO_PKG_VERSION"),
    " (+https://example.invalid/vigie)"
);

const ACCEPT_PAGE: &str = "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.5";
const ACCEPT_FEED: &str =
    "application/rss+xml,application/atom+xml,application/feed+json;q=0.9,application/xml;q=0.8,text/xml;q=0.8";
const ACCEPT_ANY: &str = "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,text/plain;q=0.5";

/// The rules every request follows.
#[derive(Clone, Debug)]
pub struct HttpOptions {
    /// The longest wait for resolving the host and opening the connection.
    pub connect_timeout: Duration,
    /// The longest a whole request may take: connection, redirects, headers and body.
    pub timeout: Duration,
    /// The largest response body read; reading stops past it.
    pub max_response_bytes: u64,
    /// How many redirects are followed before giving up.
    pub max_redirects: u32,
    pub user_agent: String,
    /// Whether the usual proxy variables (`HTTPS_PROXY`, `NO_PROXY`…) are obeyed.
    pub use_env_proxy: bool,
}

impl Default for HttpOptions {
    fn default() -> Self {
        HttpOptions {
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            max_response_bytes: 5 * 1024 * 1024,
            max_redirects: 5,
            user_agent: USER_AGENT.to_string(),
            use_env_proxy: true,
        }
    }
}

/// A blocking HTTP client for pages and feeds. Cheap to share by reference; connections are reused.
pub struct HttpClient {
    agent: ureq::Agent,
    options: HttpOptions,
}

/// What a URL turned out to hold.
#[derive(Debug)]
pub enum UrlContent {
    /// An HTML or plain-text page, as one document.
    Page(SourceDocument),
    /// An RSS, Atom or JSON feed, whose items are still to be fetched.
    Feed(Feed),
}

/// A successful response read within the limits.
pub(crate) struct HttpBody {
    /// The URL after redirects.
    pub final_url: String,
    /// The media type without parameters, lower-cased.
    pub media_type: Option<String>,
    pub charset: Option<String>,
    pub validators: FeedValidators,
    pub bytes: Vec<u8>,
    pub fetched_at: Timestamp,
}

pub(crate) enum HttpResponse {
    NotModified,
    Body(HttpBody),
}

/// How a response body is read, from its declared type and, when that says little, its first bytes.
#[derive(Debug, PartialEq)]
enum BodyKind {
    Html,
    PlainText,
    Feed,
    Unsupported,
}

impl HttpClient {
    pub fn new(options: HttpOptions) -> Self {
        let mut config = ureq::Agent::config_builder()
            .timeout_connect(Some(options.connect_timeout))
            .timeout_global(Some(options.timeout))
            .max_redirects(options.max_redirects)
            .max_redirects_will_error(true)
            // Statuses are read here so that 304 and error pages get messages of our own.
            .http_status_as_error(false)
            .user_agent(options.user_agent.as_str());
        if !options.use_env_proxy {
            config = config.proxy(None);
        }
        HttpClient {
            agent: config.build().into(),
            options,
        }
    }

    pub fn options(&self) -> &HttpOptions {
        &self.options
    }

    /// Fetches one web page and extracts its main text and metadata.
    pub fn fetch_page(&self, url: &str) -> Result<SourceDocument, SourceError> {
        let body = self.get_body(url, ACCEPT_PAGE)?;
        match classify(&body) {
            BodyKind::Html => page_document(url, &body, true),
            BodyKind::PlainText => page_document(url, &body, false),
            BodyKind::Feed | BodyKind::Unsupported => Err(unsupported(url, &body)),
        }
    }

    /// Fetches a URL that may be a page or a feed, and tells which it was from the response.
    pub fn fetch_url(&self, url: &str) -> Result<UrlContent, SourceError> {
        let body = self.get_body(url, ACCEPT_ANY)?;
        match classify(&body) {
            BodyKind::Html => page_document(url, &body, true).map(UrlContent::Page),
            BodyKind::PlainText => page_document(url, &body, false).map(UrlContent::Page),
            BodyKind::Feed => parse_feed(url, body).map(UrlContent::Feed),
            BodyKind::Unsupported => Err(unsupported(url, &body)),
        }
    }

    /// Fetches a feed's body, sending the validators of the previous fetch so that an unchanged feed
    /// costs the server nothing.
    pub(crate) fn get_feed(
        &self,
        url: &str,
        validators: &FeedValidators,
    ) -> Result<HttpResponse, SourceError> {
        let response = self.get(url, ACCEPT_FEED, Some(validators))?;
        if let HttpResponse::Body(body) = &response {
            if classify(body) == BodyKind::Unsupported {
                return Err(unsupported(url, body));
            }
        }
        Ok(response)
    }

    fn get_body(&self, url: &str, accept: &str) -> Result<HttpBody, SourceError> {
        match self.get(url, accept, None)? {
            HttpResponse::Body(body) => Ok(body),
            // Without validators no server should answer 304; it is an error status here.
            HttpResponse::NotModified => Err(SourceError::HttpStatus {
                url: url.to_string(),
                status: 304,
                reason: Some("Not Modified".to_string()),
            }),
        }
    }

    fn get(
        &self,
        url: &str,
        accept: &str,
        validators: Option<&FeedValidators>,
    ) -> Result<HttpResponse, SourceError> {
        check_url(url)?;
        let mut request = self.agent.get(url).header(header::ACCEPT, accept);
        if let Some(validators) = validators {
            if let Some(etag) = &validators.etag {
                request = request.header(header::IF_NONE_MATCH, etag.as_str());
            }
            if let Some(last_modified) = &validators.last_modified {
                request = request.header(header::IF_MODIFIED_SINCE, last_modified.as_str());
            }
        }
        let mut response = request.call().map_err(|e| self.describe(url, e))?;
        let status = response.status();
        if status == StatusCode::NOT_MODIFIED {
            return Ok(HttpResponse::NotModified);
        }
        if status.is_redirection() {
            // Only reached when redirects are turned off (a maximum of 0).
            return Err(SourceError::TooManyRedirects {
                url: url.to_string(),
                max: self.options.max_redirects,
            });
        }
        if !status.is_success() {
            return Err(SourceError::HttpStatus {
                url: url.to_string(),
                status: status.as_u16(),
                reason: status.canonical_reason().map(str::to_string),
            });
        }
        let final_url = response.get_uri().to_string();
        let header_text = |name: header::HeaderName| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .and_then(non_empty)
        };
        let validators = FeedValidators {
            etag: header_text(header::ETAG),
            last_modified: header_text(header::LAST_MODIFIED),
        };
        let limit = self.options.max_response_bytes;
        let too_large = || SourceError::ResponseTooLarge {
            url: url.to_string(),
            limit,
        };
        let body = response.body_mut();
        if body.content_length().is_some_and(|length| length > limit) {
            return Err(too_large());
        }
        let media_type = body.mime_type().map(str::to_ascii_lowercase);
        let charset = body.charset().map(str::to_ascii_lowercase);
        let bytes = body
            .with_config()
            .limit(limit)
            .read_to_vec()
            .map_err(|e| match e {
                ureq::Error::BodyExceedsLimit(_) => too_large(),
                other => self.describe(url, other),
            })?;
        Ok(HttpResponse::Body(HttpBody {
            final_url,
            media_type,
            charset,
            validators,
            bytes,
            fetched_at: Timestamp::now(),
        }))
    }

    /// Turns a transport error into a message about `url`.
    fn describe(&self, url: &str, error: ureq::Error) -> SourceError {
        let url = url.to_string();
        let timeout = |limit| {
            let after = match limit {
                TimeoutLimit::Connect => self.options.connect_timeout,
                TimeoutLimit::Overall => self.options.timeout,
            };
            SourceError::Timeout {
                url: url.clone(),
                limit,
                after,
            }
        };
        let network = |reason: String| SourceError::Network {
            url: url.clone(),
            reason,
        };
        match error {
            ureq::Error::Timeout(kind) => match kind {
                ureq::Timeout::Connect | ureq::Timeout::Resolve => timeout(TimeoutLimit::Connect),
                _ => timeout(TimeoutLimit::Overall),
            },
            ureq::Error::Io(e) if e.kind() == io::ErrorKind::TimedOut => {
                timeout(TimeoutLimit::Overall)
            }
            ureq::Error::TooManyRedirects => SourceError::TooManyRedirects {
                url,
                max: self.options.max_redirects,
            },
            ureq::Error::BodyExceedsLimit(_) => SourceError::ResponseTooLarge {
                url,
                limit: self.options.max_response_bytes,
            },
            ureq::Error::HostNotFound => network("host not found".to_string()),
            ureq::Error::ConnectionFailed => network("cannot connect to the server".to_string()),
            ureq::Error::Io(e) => network(format!("connection failed: {e}")),
            ureq::Error::BadUri(reason) => SourceError::BadUrl { url, reason },
            ureq::Error::RedirectFailed => network("a redirect could not be followed".to_string()),
            other => network(other.to_string()),
        }
    }
}

/// Refuses anything but an absolute http or https URL before any connection is tried.
fn check_url(url: &str) -> Result<(), SourceError> {
    let bad = |reason: &str| SourceError::BadUrl {
        url: url.to_string(),
        reason: reason.to_string(),
    };
    let parsed = url::Url::parse(url).map_err(|e| bad(&e.to_string()))?;
    match parsed.scheme() {
        "http" | "https" => Ok(()),
        _ => Err(bad("only http and https URLs are fetched")),
    }
}

fn classify(body: &HttpBody) -> BodyKind {
    let head = sniff_head(&body.bytes);
    let looks_like_feed = head.starts_with("<rss")
        || head.starts_with("<feed")
        || head.starts_with("<rdf:rdf")
        || (head.starts_with("<?xml")
            && (head.contains("<rss") || head.contains("<feed") || head.contains("<rdf:rdf")));
    let looks_like_html = head.starts_with("<!doctype html") || head.contains("<html");
    match body.media_type.as_deref() {
        Some("text/html" | "application/xhtml+xml") => {
            // Some servers label their feeds as HTML.
            if looks_like_feed {
                BodyKind::Feed
            } else {
                BodyKind::Html
            }
        }
        Some("text/plain") => BodyKind::PlainText,
        Some(
            "application/rss+xml"
            | "application/atom+xml"
            | "application/rdf+xml"
            | "application/feed+json"
            | "application/json",
        ) => BodyKind::Feed,
        Some("application/xml" | "text/xml") => {
            if looks_like_html && !looks_like_feed {
                BodyKind::Html
            } else {
                BodyKind::Feed
            }
        }
        Some(_) => BodyKind::Unsupported,
        None if looks_like_feed => BodyKind::Feed,
        None if looks_like_html => BodyKind::Html,
        None => BodyKind::Unsupported,
    }
}

/// The first bytes of a body, lower-cased, past any byte-order mark, white space and comments that
/// precede the root element.
fn sniff_head(bytes: &[u8]) -> String {
    let head = &bytes[..bytes.len().min(1024)];
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    String::from_utf8_lossy(head)
        .trim_start()
        .to_ascii_lowercase()
}

fn unsupported(url: &str, body: &HttpBody) -> SourceError {
    SourceError::UnsupportedContent {
        url: url.to_string(),
        content_type: body
            .media_type
            .clone()
            .unwrap_or_else(|| "of no declared type".to_string()),
    }
}

/// Builds the document of a fetched page: its main text for HTML, the whole text otherwise.
fn page_document(url: &str, body: &HttpBody, is_html: bool) -> Result<SourceDocument, SourceError> {
    let text = decode_body(body, is_html).map_err(|source| SourceError::Decode {
        origin: url.to_string(),
        source,
    })?;
    let mut document = SourceDocument {
        url: Some(body.final_url.clone()),
        fetched_at: Some(body.fetched_at),
        origin: url.to_string(),
        ..SourceDocument::default()
    };
    if is_html {
        let article =
            extract_article(&text, Some(&body.final_url)).ok_or_else(|| SourceError::NoText {
                origin: url.to_string(),
            })?;
        document.url = article.canonical_url.or(document.url);
        document.outlet = article.outlet;
        document.author = article.author;
        document.title = article.title;
        document.language = article.language;
        document.published = article.published;
        document.text = article.text;
    } else {
        if text.trim().is_empty() {
            return Err(SourceError::NoText {
                origin: url.to_string(),
            });
        }
        document.text = text;
    }
    Ok(document)
}

/// Decodes a body to text: the byte-order mark, else the declared charset, else for HTML a `<meta>`
/// charset, else UTF-8. UTF-8 bodies are checked as local files are (binary data, invalid bytes);
/// legacy encodings such as windows-1252 are decoded, any unmappable byte replaced.
fn decode_body(body: &HttpBody, is_html: bool) -> Result<String, vigie_core::DocumentError> {
    let bytes = &body.bytes;
    let label = body
        .charset
        .clone()
        .or_else(|| is_html.then(|| meta_charset(bytes)).flatten());
    let encoding = encoding_rs::Encoding::for_bom(bytes)
        .map(|(encoding, _)| encoding)
        .or_else(|| label.and_then(|l| encoding_rs::Encoding::for_label(l.as_bytes())))
        .unwrap_or(encoding_rs::UTF_8);
    if encoding == encoding_rs::UTF_8 {
        return vigie_core::document::decode_text(bytes).map(str::to_string);
    }
    // Binary content is refused whatever the declared charset.
    if let Err(e @ vigie_core::DocumentError::Binary { .. }) =
        vigie_core::document::decode_text(bytes)
    {
        return Err(e);
    }
    Ok(encoding.decode(bytes).0.into_owned())
}

/// The charset a page declares in its first kilobytes (`<meta charset=…>` or the `http-equiv` form).
fn meta_charset(bytes: &[u8]) -> Option<String> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let start = head.find("charset=")? + "charset=".len();
    let value: String = head[start..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
        .collect();
    non_empty(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(media_type: Option<&str>, bytes: &[u8]) -> HttpBody {
        HttpBody {
            final_url: "https://example.invalid/".to_string(),
            media_type: media_type.map(str::to_string),
            charset: None,
            validators: FeedValidators::default(),
            bytes: bytes.to_vec(),
            fetched_at: Timestamp::UNIX_EPOCH,
        }
    }

    #[test]
    fn classifies_bodies_by_type_then_content() {
        let html = b"<!DOCTYPE html><html><body>x</body></html>";
        let rss = b"<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel/></rss>";
        assert_eq!(classify(&body(Some("text/html"), html)), BodyKind::Html);
        assert_eq!(classify(&body(Some("text/html"), rss)), BodyKind::Feed);
        assert_eq!(classify(&body(Some("text/xml"), rss)), BodyKind::Feed);
        assert_eq!(
            classify(&body(Some("application/xml"), html)),
            BodyKind::Html
        );
        assert_eq!(classify(&body(None, rss)), BodyKind::Feed);
        assert_eq!(classify(&body(None, b"%PDF-1.7")), BodyKind::Unsupported);
        assert_eq!(
            classify(&body(Some("application/pdf"), b"%PDF-1.7")),
            BodyKind::Unsupported
        );
        assert_eq!(
            classify(&body(Some("image/png"), html)),
            BodyKind::Unsupported
        );
    }

    #[test]
    fn decodes_declared_and_meta_charsets() {
        let mut latin = body(Some("text/html"), b"<html><body>\xe9t\xe9</body></html>");
        latin.charset = Some("iso-8859-1".to_string());
        assert!(decode_body(&latin, true).unwrap().contains("été"));
        let meta = body(
            Some("text/html"),
            b"<html><head><meta charset=\"windows-1252\"></head><body>\x93oui\x94</body></html>",
        );
        assert!(decode_body(&meta, true)
            .unwrap()
            .contains("\u{201c}oui\u{201d}"));
        let invalid = body(Some("text/html"), b"<html>\xff</html>");
        assert!(matches!(
            decode_body(&invalid, true),
            Err(vigie_core::DocumentError::InvalidUtf8 { .. })
        ));
    }

    #[test]
    fn refuses_urls_that_are_not_http() {
        assert!(matches!(
            check_url("file:///etc/passwd"),
            Err(SourceError::BadUrl { .. })
        ));
        assert!(matches!(
            check_url("not a url"),
            Err(SourceError::BadUrl { .. })
        ));
        assert!(check_url("https://example.invalid/a").is_ok());
    }

    #[test]
    fn the_user_agent_names_vigie_and_its_version() {
        assert!(USER_AGENT.starts_with(concat!("vigie/", env!("CARGO_PKG_VERSION"), " (+")));
    }
}

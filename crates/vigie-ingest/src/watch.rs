//! Watching feeds: the `feeds.toml` configuration, and a polling loop that hands new documents to the
//! caller and stops promptly when a flag is raised.
//!
//! ```toml
//! interval = "15m"          # or a number of seconds; 15 minutes when absent
//!
//! [[feed]]
//! url = "https://example.invalid/rss.xml"
//! outlet = "Le Journal"     # optional; wins over what the pages declare
//! lang = "fr"               # optional: fr or en
//! ```

use std::collections::HashSet;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use serde::Deserialize;
use toml::Spanned;

use crate::document::{non_empty, SourceDocument};
use crate::error::SourceError;
use crate::feed::{FeedFetch, FeedItem, FeedSettings, FeedValidators};
use crate::http::HttpClient;

/// The polling interval when the configuration gives none.
pub const DEFAULT_INTERVAL: Duration = Duration::from_secs(15 * 60);

/// The feeds to watch and how often.
#[derive(Clone, Debug, PartialEq)]
pub struct WatchConfig {
    /// Time between the starts of two polling rounds.
    pub interval: Duration,
    pub feeds: Vec<FeedConfig>,
}

/// One `[[feed]]` entry.
#[derive(Clone, Debug, PartialEq)]
pub struct FeedConfig {
    pub url: String,
    pub outlet: Option<String>,
    /// `fr` or `en`.
    pub lang: Option<String>,
}

impl FeedConfig {
    /// What this entry says about its documents.
    pub fn settings(&self) -> FeedSettings {
        FeedSettings {
            outlet: self.outlet.clone(),
            language: self.lang.clone(),
        }
    }
}

/// An unusable watch configuration; the message names the file and, where it can, the line.
#[derive(Debug, thiserror::Error)]
pub enum WatchConfigError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    /// Not valid TOML, or a key or value of the wrong kind (the parser's message shows where).
    #[error("{origin}: {message}")]
    Syntax { origin: String, message: String },
    /// Valid TOML whose values make no sense.
    #[error("{origin}{}: {message}", line_suffix(.line))]
    Invalid {
        origin: String,
        line: Option<usize>,
        message: String,
    },
}

fn line_suffix(line: &Option<usize>) -> String {
    line.map(|l| format!(":{l}")).unwrap_or_default()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    interval: Option<Spanned<RawInterval>>,
    #[serde(default, rename = "feed")]
    feeds: Vec<RawFeed>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawInterval {
    Seconds(i64),
    Text(String),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFeed {
    url: Spanned<String>,
    #[serde(default)]
    outlet: Option<String>,
    #[serde(default)]
    lang: Option<Spanned<String>>,
}

impl WatchConfig {
    /// Reads a configuration file.
    pub fn load(path: &Path) -> Result<WatchConfig, WatchConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| WatchConfigError::Io {
            path: path.display().to_string(),
            source,
        })?;
        WatchConfig::parse(&text, &path.display().to_string())
    }

    /// Parses a configuration; `origin` names it in messages.
    pub fn parse(text: &str, origin: &str) -> Result<WatchConfig, WatchConfigError> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| WatchConfigError::Syntax {
            origin: origin.to_string(),
            message: e.to_string().trim_end().to_string(),
        })?;
        let invalid =
            |span: Option<std::ops::Range<usize>>, message: String| WatchConfigError::Invalid {
                origin: origin.to_string(),
                line: span.map(|s| line_of(text, s.start)),
                message,
            };
        let interval = match raw.interval {
            None => DEFAULT_INTERVAL,
            Some(value) => {
                let span = value.span();
                parse_interval(value.into_inner()).map_err(|m| invalid(Some(span), m))?
            }
        };
        if raw.feeds.is_empty() {
            return Err(invalid(
                None,
                "no feeds: list each one as [[feed]] with url = \"https://…\"".to_string(),
            ));
        }
        let mut feeds = Vec::with_capacity(raw.feeds.len());
        let mut seen = HashSet::new();
        for feed in raw.feeds {
            let span = feed.url.span();
            let url = feed.url.into_inner().trim().to_string();
            let usable = url::Url::parse(&url)
                .is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.has_host());
            if !usable {
                return Err(invalid(
                    Some(span),
                    format!("feed url {url:?} is not an absolute http or https URL"),
                ));
            }
            if !seen.insert(url.clone()) {
                return Err(invalid(
                    Some(span),
                    format!("feed url {url:?} is listed twice"),
                ));
            }
            let lang = match feed.lang {
                None => None,
                Some(lang) => {
                    let span = lang.span();
                    let code = lang
                        .get_ref()
                        .trim()
                        .parse::<vigie_core::Lang>()
                        .map_err(|e| invalid(Some(span), format!("lang: {e}")))?;
                    Some(code.code().to_string())
                }
            };
            feeds.push(FeedConfig {
                url,
                outlet: feed.outlet.and_then(non_empty),
                lang,
            });
        }
        Ok(WatchConfig { interval, feeds })
    }
}

fn parse_interval(value: RawInterval) -> Result<Duration, String> {
    let hint = "use a number of seconds (900) or a duration such as \"15m\" or \"1h30m\"";
    let seconds = match value {
        RawInterval::Seconds(seconds) => seconds as f64,
        RawInterval::Text(text) => match text.trim().parse::<u64>() {
            Ok(seconds) => seconds as f64,
            Err(_) => text
                .trim()
                .parse::<jiff::SignedDuration>()
                .map_err(|_| format!("interval {text:?} is not a duration: {hint}"))?
                .as_secs_f64(),
        },
    };
    if seconds < 1.0 {
        return Err(format!("the interval must be at least one second; {hint}"));
    }
    Ok(Duration::from_secs_f64(seconds))
}

fn line_of(text: &str, offset: usize) -> usize {
    1 + text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
}

/// What the caller does with what the watcher finds. Only `document` and `error` are required.
pub trait WatchHandler {
    /// The validators kept from an earlier run, asked once per feed before its first fetch.
    fn saved_validators(&mut self, _feed: &FeedConfig) -> FeedValidators {
        FeedValidators::default()
    }

    /// Whether an item is already stored; a known item's page is not fetched.
    fn is_known(&mut self, _feed: &FeedConfig, _item: &FeedItem) -> bool {
        false
    }

    /// A new document from one of the feed's items.
    fn document(&mut self, feed: &FeedConfig, document: SourceDocument);

    /// A feed or one of its items failed; the watch goes on.
    fn error(&mut self, feed: &FeedConfig, error: SourceError);

    /// A feed was polled and all its new items handed over: the time to persist its validators. It is
    /// not called for a poll interrupted by the stop flag, so that the next run fetches the feed again.
    fn polled(&mut self, _feed: &FeedConfig, _poll: &FeedPoll) {}
}

/// The outcome of one poll of one feed.
#[derive(Clone, Debug, PartialEq)]
pub enum FeedPoll {
    /// `304 Not Modified`.
    Unchanged,
    Fetched {
        /// The validators to keep for the next fetch.
        validators: FeedValidators,
        /// How many items the feed lists.
        items: usize,
        /// How many of them were new, and so handed over as documents or errors.
        new_items: usize,
    },
}

/// Polls the configured feeds on their interval.
pub struct Watcher {
    config: WatchConfig,
    client: HttpClient,
    states: Vec<FeedState>,
    sleep_step: Duration,
}

/// What the watcher remembers of a feed between polls.
#[derive(Default)]
struct FeedState {
    /// `None` until the handler's saved validators are asked for.
    validators: Option<FeedValidators>,
    /// The keys of the items handled in the latest version of the feed, so that they are not fetched
    /// again; only the items still listed are kept, which bounds the set.
    handled: HashSet<String>,
}

impl Watcher {
    pub fn new(config: WatchConfig, client: HttpClient) -> Self {
        let states = config.feeds.iter().map(|_| FeedState::default()).collect();
        Watcher {
            config,
            client,
            states,
            sleep_step: Duration::from_millis(200),
        }
    }

    /// How often the stop flag is checked while waiting for the next round (200 ms by default).
    pub fn with_sleep_step(mut self, step: Duration) -> Self {
        self.sleep_step = step.max(Duration::from_millis(1));
        self
    }

    pub fn config(&self) -> &WatchConfig {
        &self.config
    }

    /// Polls until `stop` is raised: a round over every feed, then a wait until the interval since the
    /// round's start has passed. The flag is checked between feeds, between items and every sleep step,
    /// so a stop takes effect after at most one request.
    pub fn run<H: WatchHandler + ?Sized>(&mut self, handler: &mut H, stop: &AtomicBool) {
        while !stop.load(Ordering::Relaxed) {
            let round_start = Instant::now();
            self.poll_once(handler, stop);
            // An interval too long to add to the clock means waiting until stopped.
            let deadline = round_start.checked_add(self.config.interval);
            while !stop.load(Ordering::Relaxed) {
                let now = Instant::now();
                let remaining = match deadline {
                    Some(deadline) if now >= deadline => break,
                    Some(deadline) => deadline - now,
                    None => self.sleep_step,
                };
                std::thread::sleep(self.sleep_step.min(remaining));
            }
        }
    }

    /// One round: every feed once, in the configuration's order.
    pub fn poll_once<H: WatchHandler + ?Sized>(&mut self, handler: &mut H, stop: &AtomicBool) {
        for (feed, state) in self.config.feeds.iter().zip(&mut self.states) {
            if stop.load(Ordering::Relaxed) {
                return;
            }
            poll_feed(&self.client, feed, state, handler, stop);
        }
    }
}

fn poll_feed<H: WatchHandler + ?Sized>(
    client: &HttpClient,
    config: &FeedConfig,
    state: &mut FeedState,
    handler: &mut H,
    stop: &AtomicBool,
) {
    let validators = state
        .validators
        .get_or_insert_with(|| handler.saved_validators(config))
        .clone();
    let feed = match client.fetch_feed(&config.url, &validators) {
        Ok(FeedFetch::Unchanged) => {
            handler.polled(config, &FeedPoll::Unchanged);
            return;
        }
        Ok(FeedFetch::Fetched(feed)) => feed,
        Err(error) => {
            handler.error(config, error);
            return;
        }
    };
    let settings = config.settings();
    let mut handled = HashSet::with_capacity(feed.items.len());
    let mut new_items = 0;
    for item in &feed.items {
        let key = item.key().to_string();
        let seen = handled.contains(&key) || state.handled.contains(&key);
        if seen || handler.is_known(config, item) {
            handled.insert(key);
            continue;
        }
        if stop.load(Ordering::Relaxed) {
            // Items not reached stay unhandled, and the validators unchanged, so none is lost.
            state.handled.extend(handled);
            return;
        }
        new_items += 1;
        match client.fetch_item(&feed, item, &settings) {
            Ok(document) => handler.document(config, document),
            Err(error) => handler.error(config, error),
        }
        handled.insert(key);
    }
    state.handled = handled;
    state.validators = Some(feed.validators.clone());
    handler.polled(
        config,
        &FeedPoll::Fetched {
            validators: feed.validators,
            items: feed.items.len(),
            new_items,
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_configuration() {
        let config = WatchConfig::parse(
            r#"interval = "1h30m"

[[feed]]
url = "https://example.invalid/rss.xml"
outlet = "Le Journal"
lang = "FR"

[[feed]]
url = "https://example.invalid/atom"
"#,
            "feeds.toml",
        )
        .unwrap();
        assert_eq!(config.interval, Duration::from_secs(5400));
        assert_eq!(config.feeds.len(), 2);
        assert_eq!(config.feeds[0].lang.as_deref(), Some("fr"));
        assert_eq!(config.feeds[0].outlet.as_deref(), Some("Le Journal"));
        assert_eq!(config.feeds[1].outlet, None);
    }

    #[test]
    fn the_interval_is_seconds_or_a_duration() {
        let interval = |value: &str| {
            WatchConfig::parse(
                &format!("interval = {value}\n[[feed]]\nurl = \"https://example.invalid/\"\n"),
                "feeds.toml",
            )
            .map(|c| c.interval)
        };
        assert_eq!(interval("900").unwrap(), Duration::from_secs(900));
        assert_eq!(interval("\"15m\"").unwrap(), Duration::from_secs(900));
        assert_eq!(interval("\"90s\"").unwrap(), Duration::from_secs(90));
        assert_eq!(interval("\"600\"").unwrap(), Duration::from_secs(600));
        let error = interval("\"soon\"").unwrap_err().to_string();
        assert!(
            error.starts_with("feeds.toml:1: interval \"soon\" is not a duration"),
            "{error}"
        );
        assert!(interval("0").is_err());
        assert!(interval("\"-5m\"").is_err());
    }

    #[test]
    fn bad_configurations_name_the_line() {
        let error = |text: &str| {
            WatchConfig::parse(text, "feeds.toml")
                .unwrap_err()
                .to_string()
        };
        assert_eq!(
            error("[[feed]]\nurl = \"ftp://example.invalid/\"\n"),
            "feeds.toml:2: feed url \"ftp://example.invalid/\" is not an absolute http or https URL"
        );
        assert_eq!(
            error(
                "[[feed]]\nurl = \"https://a.invalid/\"\n[[feed]]\nurl = \"https://a.invalid/\"\n"
            ),
            "feeds.toml:4: feed url \"https://a.invalid/\" is listed twice"
        );
        assert!(
            error("[[feed]]\nurl = \"https://a.invalid/\"\nlang = \"de\"\n")
                .starts_with("feeds.toml:3: lang: unknown language code \"de\"")
        );
        assert!(error("interval = \"15m\"\n").starts_with("feeds.toml: no feeds"));
        let typo = error("[[feed]]\nurl = \"https://a.invalid/\"\noutlett = \"x\"\n");
        assert!(typo.contains("outlett"), "{typo}");
        assert!(typo.contains("line 3"), "{typo}");
        let syntax = error("[[feed]\nurl = 1\n");
        assert!(
            syntax.starts_with("feeds.toml: TOML parse error"),
            "{syntax}"
        );
    }
}

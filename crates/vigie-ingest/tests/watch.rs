//! The watcher against a server on 127.0.0.1: validators carried between polls, items handled once,
//! errors reported without stopping, and a stop flag obeyed promptly.

mod common;

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

use common::{fixture_site, start, test_client, Reply, TestServer};
use vigie_ingest::{
    FeedConfig, FeedItem, FeedPoll, FeedValidators, SourceDocument, SourceError, WatchConfig,
    WatchHandler, Watcher,
};

/// Records what the watcher hands over, as short lines, and raises the stop flag when told to.
#[derive(Default)]
struct Recorder {
    events: Vec<String>,
    stop: Arc<AtomicBool>,
    stop_after_polls: Option<usize>,
    stop_on_first_document: bool,
    known_links: Vec<String>,
    validators_asked: usize,
    polls: usize,
    polled_signal: Option<mpsc::Sender<()>>,
}

fn last_segment(s: &str) -> &str {
    s.rsplit('/').next().unwrap_or(s)
}

impl WatchHandler for Recorder {
    fn saved_validators(&mut self, _feed: &FeedConfig) -> FeedValidators {
        self.validators_asked += 1;
        FeedValidators::default()
    }

    fn is_known(&mut self, _feed: &FeedConfig, item: &FeedItem) -> bool {
        self.known_links
            .iter()
            .any(|known| item.link.as_deref().is_some_and(|l| l.ends_with(known)))
    }

    fn document(&mut self, feed: &FeedConfig, document: SourceDocument) {
        self.events.push(format!(
            "{} document {}",
            last_segment(&feed.url),
            last_segment(&document.origin)
        ));
        if self.stop_on_first_document {
            self.stop.store(true, Ordering::Relaxed);
        }
    }

    fn error(&mut self, feed: &FeedConfig, error: SourceError) {
        self.events.push(format!(
            "{} error {}",
            last_segment(&feed.url),
            last_segment(&error.location())
        ));
    }

    fn polled(&mut self, feed: &FeedConfig, poll: &FeedPoll) {
        self.polls += 1;
        let line = match poll {
            FeedPoll::Unchanged => "unchanged".to_string(),
            FeedPoll::Fetched {
                validators,
                items,
                new_items,
            } => format!(
                "fetched etag={} items={items} new={new_items}",
                validators.etag.as_deref().unwrap_or("-")
            ),
        };
        self.events
            .push(format!("{} {line}", last_segment(&feed.url)));
        if let Some(signal) = &self.polled_signal {
            let _ = signal.send(());
        }
        if self.stop_after_polls.is_some_and(|n| self.polls >= n) {
            self.stop.store(true, Ordering::Relaxed);
        }
    }
}

fn config(server: &TestServer, paths: &[&str], interval: &str) -> WatchConfig {
    let mut text = format!("interval = \"{interval}\"\n");
    for path in paths {
        text.push_str(&format!(
            "[[feed]]\nurl = \"{}\"\noutlet = \"Le Journal du Sahel\"\nlang = \"fr\"\n",
            server.url(path)
        ));
    }
    WatchConfig::parse(&text, "feeds.toml").unwrap()
}

#[test]
fn rounds_send_validators_and_report_errors_without_stopping() {
    let server = start(fixture_site);
    let mut watcher = Watcher::new(
        config(
            &server,
            &["/feeds/conditional.xml", "/feeds/gone.xml"],
            "15m",
        ),
        test_client(),
    );
    let mut recorder = Recorder::default();
    let stop = AtomicBool::new(false);
    watcher.poll_once(&mut recorder, &stop);
    watcher.poll_once(&mut recorder, &stop);
    assert_eq!(
        recorder.events,
        [
            "conditional.xml document mali.html",
            "conditional.xml document missing.html",
            "conditional.xml error report.pdf",
            "conditional.xml document niger.html",
            "conditional.xml fetched etag=\"v1\" items=4 new=4",
            "gone.xml error gone.xml",
            "conditional.xml unchanged",
            "gone.xml error gone.xml",
        ]
    );
    // Saved validators are asked for once per feed, and the second fetch sent the new ones.
    assert_eq!(recorder.validators_asked, 2);
    let fetches = server.requests_for("/feeds/conditional.xml");
    assert_eq!(fetches.len(), 2);
    assert_eq!(fetches[0].header("If-None-Match"), None);
    assert_eq!(fetches[1].header("If-None-Match"), Some("\"v1\""));
}

#[test]
fn items_are_handled_once_and_known_items_are_not_fetched() {
    // A feed whose validator changes on every fetch, so it is never answered 304.
    let version = AtomicUsize::new(0);
    let server = start(move |request, base| {
        if request.path == "/feeds/changing.xml" {
            let etag = format!("\"v{}\"", version.fetch_add(1, Ordering::Relaxed));
            let body = common::fixture("rss.xml").replace("{{base}}", base);
            Reply::new(200, "application/rss+xml", body).header("ETag", &etag)
        } else {
            fixture_site(request, base)
        }
    });
    let mut watcher = Watcher::new(
        config(&server, &["/feeds/changing.xml"], "15m"),
        test_client(),
    );
    let mut recorder = Recorder {
        known_links: vec!["/articles/niger.html".to_string()],
        ..Recorder::default()
    };
    let stop = AtomicBool::new(false);
    watcher.poll_once(&mut recorder, &stop);
    watcher.poll_once(&mut recorder, &stop);
    assert_eq!(
        recorder.events,
        [
            "changing.xml document mali.html",
            "changing.xml document missing.html",
            "changing.xml error report.pdf",
            "changing.xml fetched etag=\"v0\" items=4 new=3",
            "changing.xml fetched etag=\"v1\" items=4 new=0",
        ]
    );
    assert_eq!(server.requests_for("/articles/mali.html").len(), 1);
    assert!(server.requests_for("/articles/niger.html").is_empty());
}

#[test]
fn a_poll_stopped_midway_keeps_the_old_validators_so_nothing_is_lost() {
    let server = start(fixture_site);
    let mut watcher = Watcher::new(
        config(&server, &["/feeds/conditional.xml"], "15m"),
        test_client(),
    );
    let stop = Arc::new(AtomicBool::new(false));
    let mut recorder = Recorder {
        stop: Arc::clone(&stop),
        stop_on_first_document: true,
        ..Recorder::default()
    };
    watcher.poll_once(&mut recorder, &stop);
    assert_eq!(recorder.events, ["conditional.xml document mali.html"]);

    stop.store(false, Ordering::Relaxed);
    recorder.stop_on_first_document = false;
    watcher.poll_once(&mut recorder, &stop);
    assert_eq!(
        recorder.events[1..],
        [
            "conditional.xml document missing.html",
            "conditional.xml error report.pdf",
            "conditional.xml document niger.html",
            "conditional.xml fetched etag=\"v1\" items=4 new=3",
        ]
    );
    let fetches = server.requests_for("/feeds/conditional.xml");
    assert_eq!(fetches[1].header("If-None-Match"), None);
}

#[test]
fn run_polls_on_the_interval_until_stopped() {
    let server = start(fixture_site);
    let mut watcher = Watcher::new(
        config(&server, &["/feeds/conditional.xml"], "1s"),
        test_client(),
    )
    .with_sleep_step(Duration::from_millis(20));
    let stop = Arc::new(AtomicBool::new(false));
    let mut recorder = Recorder {
        stop: Arc::clone(&stop),
        stop_after_polls: Some(2),
        ..Recorder::default()
    };
    let started = Instant::now();
    watcher.run(&mut recorder, &stop);
    let elapsed = started.elapsed();
    assert_eq!(
        recorder.events.last().map(String::as_str),
        Some("conditional.xml unchanged")
    );
    assert_eq!(recorder.polls, 2);
    assert!(elapsed >= Duration::from_secs(1), "{elapsed:?}");
    assert!(elapsed < Duration::from_secs(10), "{elapsed:?}");
}

#[test]
fn a_stop_during_the_wait_is_obeyed_promptly() {
    let server = start(fixture_site);
    // An interval too long for the clock: the wait can only end with the flag.
    let config = config(&server, &["/feeds/conditional.xml"], "9223372036854775807");
    let stop = Arc::new(AtomicBool::new(false));
    let (signal, polled) = mpsc::channel();
    let watcher_stop = Arc::clone(&stop);
    let watching = std::thread::spawn(move || {
        let mut watcher =
            Watcher::new(config, test_client()).with_sleep_step(Duration::from_millis(50));
        let mut recorder = Recorder {
            polled_signal: Some(signal),
            ..Recorder::default()
        };
        watcher.run(&mut recorder, &watcher_stop);
        recorder.polls
    });
    polled
        .recv_timeout(Duration::from_secs(30))
        .expect("the first poll finishes");
    // Now the watcher waits; the flag must end that wait within a few sleep steps.
    std::thread::sleep(Duration::from_millis(100));
    let raised = Instant::now();
    stop.store(true, Ordering::Relaxed);
    let polls = watching.join().unwrap();
    assert_eq!(polls, 1);
    assert!(
        raised.elapsed() < Duration::from_secs(1),
        "{:?}",
        raised.elapsed()
    );
}

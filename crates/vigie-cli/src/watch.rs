//! `vigie watch`: polls the feeds of a `feeds.toml` on their interval, codes and stores what is new, and
//! stops cleanly on Ctrl-C.

use std::cell::RefCell;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use vigie_core::{AnalyzeOptions, Pipeline};
use vigie_ingest::{
    FeedConfig, FeedItem, FeedPoll, FeedValidators, HttpClient, HttpOptions, SourceDocument,
    SourceError, WatchConfig, WatchHandler, Watcher,
};
use vigie_store::{EventStore, FeedState, SqliteStore};

use crate::ingest::{code_source, open_for_writing, BatchWriter};

#[derive(clap::Args)]
pub struct Args {
    /// The feeds to follow and the polling interval (see README: `interval`, `[[feed]] url, outlet, lang`).
    #[arg(long)]
    pub feeds: PathBuf,
    /// The event store (an SQLite file, created when missing).
    #[arg(long, default_value = vigie_store::DEFAULT_PATH)]
    pub db: PathBuf,
    /// Poll every feed once and stop, instead of polling on the interval.
    #[arg(long)]
    pub once: bool,
    /// The longest wait for a page or feed, in seconds.
    #[arg(long, default_value_t = 30)]
    pub timeout: u64,
}

/// Codes and stores each new item as it arrives. Every item is stored in its own transaction before
/// the feed's validators are saved, so an interrupted poll is fetched again and nothing is lost; an item
/// stored twice is recognised by its URL or text and not doubled.
struct Storing<'a> {
    pipeline: &'a Pipeline,
    store: &'a RefCell<SqliteStore>,
    writer: BatchWriter<'a>,
    failed: usize,
}

impl WatchHandler for Storing<'_> {
    fn saved_validators(&mut self, feed: &FeedConfig) -> FeedValidators {
        match self.store.borrow().feed_state(&feed.url) {
            Ok(Some(state)) => FeedValidators {
                etag: state.etag,
                last_modified: state.last_modified,
            },
            _ => FeedValidators::default(),
        }
    }

    fn is_known(&mut self, _feed: &FeedConfig, item: &FeedItem) -> bool {
        item.link.as_deref().is_some_and(|url| {
            matches!(
                self.store.borrow().find_document(Some(url), None),
                Ok(Some(_))
            )
        })
    }

    fn document(&mut self, feed: &FeedConfig, document: SourceDocument) {
        let coded = code_source(self.pipeline, document, AnalyzeOptions::default());
        if let Err(e) = self.writer.push(coded).and_then(|()| self.writer.flush()) {
            self.failed += 1;
            eprintln!("vigie: {}: {e:#}", feed.url);
        }
    }

    fn error(&mut self, _feed: &FeedConfig, error: SourceError) {
        self.failed += 1;
        eprintln!("vigie: skipped: {error}");
    }

    fn polled(&mut self, feed: &FeedConfig, poll: &FeedPoll) {
        let previous = self.saved_validators(feed);
        let validators = match poll {
            FeedPoll::Unchanged => previous,
            FeedPoll::Fetched { validators, .. } => validators.clone(),
        };
        let state = FeedState {
            url: feed.url.clone(),
            etag: validators.etag,
            last_modified: validators.last_modified,
            last_polled: Some(jiff::Timestamp::now()),
        };
        if let Err(e) = self.store.borrow_mut().set_feed_state(&state) {
            eprintln!("vigie: {}: cannot save the feed's state: {e}", feed.url);
        }
    }
}

pub fn run(args: Args) -> Result<ExitCode> {
    let started = Instant::now();
    let config = WatchConfig::load(&args.feeds)?;
    let pipeline = Pipeline::new().context("the embedded knowledge base is invalid")?;
    let store = RefCell::new(open_for_writing(&args.db)?);
    let client = HttpClient::new(HttpOptions {
        timeout: Duration::from_secs(args.timeout.max(1)),
        ..HttpOptions::default()
    });
    let stop = Arc::new(AtomicBool::new(false));
    {
        let stop = Arc::clone(&stop);
        ctrlc::set_handler(move || stop.store(true, Ordering::Relaxed))
            .context("cannot install the Ctrl-C handler")?;
    }
    eprintln!(
        "vigie: watching {} feeds every {} s (Ctrl-C stops)",
        config.feeds.len(),
        config.interval.as_secs()
    );
    let mut handler = Storing {
        pipeline: &pipeline,
        store: &store,
        writer: BatchWriter::new(&store, 1),
        failed: 0,
    };
    let mut watcher = Watcher::new(config, client);
    if args.once {
        watcher.poll_once(&mut handler, &stop);
    } else {
        watcher.run(&mut handler, &stop);
    }
    handler.writer.flush()?;
    let mut tally = std::mem::take(&mut handler.writer.tally);
    tally.failed = handler.failed;
    eprintln!("vigie: {}", tally.summary(started.elapsed()));
    Ok(ExitCode::SUCCESS)
}

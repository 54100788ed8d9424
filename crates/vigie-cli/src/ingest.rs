//! `vigie ingest`: reads files, directories, JSONL batches, pages and feeds, codes every new document on
//! several threads and stores documents and events in batches, each batch in one transaction.

use std::cell::RefCell;
use std::ffi::OsString;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use vigie_core::coder::record::EventRecord;
use vigie_core::{AnalyzeOptions, Pipeline};
use vigie_ingest::{HttpClient, HttpOptions, LocalOptions, SourceDocument, SourceError};
use vigie_store::{EventStore, NewDocument, PutOutcome, SqliteStore};

use crate::batch::map_ordered;
use crate::input::parse_date;

#[derive(clap::Args)]
pub struct Args {
    /// Files, directories (read recursively), JSONL batches, web pages or RSS/Atom feeds (http/https).
    #[arg(required = true)]
    pub inputs: Vec<OsString>,
    /// The event store (an SQLite file, created when missing).
    #[arg(long, default_value = vigie_store::DEFAULT_PATH)]
    pub db: PathBuf,
    /// Publication date (YYYY-MM-DD) for documents that do not give one.
    #[arg(long, value_parser = parse_date)]
    pub date: Option<jiff::civil::Date>,
    /// The language (fr or en) of documents that do not declare one; identified from the text otherwise.
    #[arg(long)]
    pub lang: Option<vigie_core::Lang>,
    /// Coding threads.
    #[arg(long, default_value_t = default_threads())]
    pub threads: usize,
    /// Documents stored per transaction.
    #[arg(long, default_value_t = 64)]
    pub batch: usize,
    /// The longest wait for a web page or feed, in seconds.
    #[arg(long, default_value_t = 30)]
    pub timeout: u64,
    /// The largest web page or file read, in bytes.
    #[arg(long, default_value_t = 5 * 1024 * 1024)]
    pub max_bytes: u64,
    /// No progress bar and no summary.
    #[arg(long, short)]
    pub quiet: bool,
}

pub fn default_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// What a run did, for the summary line.
#[derive(Default)]
pub struct Tally {
    pub stored: usize,
    pub events: usize,
    pub known: usize,
    pub failed: usize,
}

impl Tally {
    pub fn summary(&self, elapsed: Duration) -> String {
        let secs = elapsed.as_secs_f64().max(1e-9);
        format!(
            "{} new documents stored with {} events, {} already stored, {} failed, in {:.1} s ({:.0} documents/s)",
            self.stored,
            self.events,
            self.known,
            self.failed,
            secs,
            (self.stored + self.known) as f64 / secs
        )
    }
}

/// A document coded and ready to be stored.
pub struct Coded {
    pub document: NewDocument,
    pub events: Vec<EventRecord>,
}

/// Codes one document read from a source. The declared language wins; otherwise the language the
/// coder identified is stored.
pub fn code_source(pipeline: &Pipeline, source: SourceDocument, options: AnalyzeOptions) -> Coded {
    let declared_language = source.language.clone();
    let fetched_at = source.fetched_at;
    let author = source.author.clone();
    let doc = source.into_core_document();
    let (lang, events) = pipeline.code_records_with_language(&doc, options);
    let document = NewDocument {
        url: doc.url,
        outlet: doc.source,
        author,
        title: doc.title,
        language: declared_language.or_else(|| lang.map(|l| l.code().to_string())),
        published: doc.date.or(options.date),
        fetched_at,
        text: doc.text,
    };
    Coded { document, events }
}

/// Stores coded documents in batches, each batch in one transaction: a killed process loses at most
/// the batch in flight, and a rerun skips what was stored.
pub struct BatchWriter<'s> {
    store: &'s RefCell<SqliteStore>,
    pending: Vec<Coded>,
    size: usize,
    pub tally: Tally,
}

impl<'s> BatchWriter<'s> {
    pub fn new(store: &'s RefCell<SqliteStore>, size: usize) -> Self {
        BatchWriter {
            store,
            pending: Vec::new(),
            size: size.max(1),
            tally: Tally::default(),
        }
    }

    pub fn push(&mut self, coded: Coded) -> Result<()> {
        self.pending.push(coded);
        if self.pending.len() >= self.size {
            self.flush()?;
        }
        Ok(())
    }

    pub fn flush(&mut self) -> Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let batch: Vec<(&NewDocument, &[EventRecord])> = self
            .pending
            .iter()
            .map(|c| (&c.document, c.events.as_slice()))
            .collect();
        let outcomes = self
            .store
            .borrow_mut()
            .put_documents(&batch)
            .context("cannot store the documents")?;
        for (outcome, coded) in outcomes.iter().zip(&self.pending) {
            match outcome {
                PutOutcome::Inserted(_) => {
                    self.tally.stored += 1;
                    self.tally.events += coded.events.len();
                }
                PutOutcome::Duplicate(_) => self.tally.known += 1,
            }
        }
        self.pending.clear();
        Ok(())
    }
}

/// Opens the store for writing, creating it (and its directory) when missing.
pub fn open_for_writing(path: &Path) -> Result<SqliteStore> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create the directory {}", dir.display()))?;
    }
    SqliteStore::open(path).with_context(|| format!("cannot open {}", path.display()))
}

/// A progress bar on standard error when it is a terminal: documents, rate and, when the number of
/// documents is known, the time left.
pub fn progress(total: Option<u64>, quiet: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = match total {
        Some(n) => ProgressBar::new(n).with_style(
            ProgressStyle::with_template(
                "{bar:30} {pos}/{len} documents, {per_sec}, {elapsed} elapsed, {eta} left",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
        ),
        None => ProgressBar::new_spinner().with_style(
            ProgressStyle::with_template("{spinner} {pos} documents, {per_sec}, {elapsed} elapsed")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        ),
    };
    bar.set_draw_target(ProgressDrawTarget::stderr_with_hz(4));
    bar
}

/// How many documents local inputs hold, for the progress bar: files found by walking directories,
/// lines of JSONL files. `None` when an input is a URL, whose documents are known only once fetched.
fn count_local_documents(inputs: &[OsString]) -> Option<u64> {
    let mut total = 0u64;
    for input in inputs {
        if input.to_str().is_some_and(vigie_ingest::is_url) {
            return None;
        }
        total += count_path(Path::new(input));
    }
    Some(total)
}

fn count_path(path: &Path) -> u64 {
    if path.is_dir() {
        let Ok(entries) = std::fs::read_dir(path) else {
            return 0;
        };
        entries
            .flatten()
            .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
            .map(|e| count_path(&e.path()))
            .sum()
    } else if vigie_ingest::is_jsonl_path(path) {
        std::fs::read(path).map_or(0, |bytes| bytecount_lines(&bytes))
    } else {
        1
    }
}

fn bytecount_lines(bytes: &[u8]) -> u64 {
    let lines = bytes.iter().filter(|&&b| b == b'\n').count() as u64;
    lines + u64::from(bytes.last().is_some_and(|&b| b != b'\n'))
}

pub fn run(args: Args) -> Result<ExitCode> {
    let started = Instant::now();
    let pipeline = Pipeline::new().context("the embedded knowledge base is invalid")?;
    let store = RefCell::new(open_for_writing(&args.db)?);
    let client = HttpClient::new(HttpOptions {
        timeout: Duration::from_secs(args.timeout.max(1)),
        max_response_bytes: args.max_bytes,
        ..HttpOptions::default()
    });
    let local = LocalOptions {
        max_document_bytes: args.max_bytes,
    };
    let options = AnalyzeOptions {
        lang: args.lang,
        date: args.date,
    };
    let bar = progress(count_local_documents(&args.inputs), args.quiet);
    let mut writer = BatchWriter::new(&store, args.batch);
    let mut failed = 0usize;
    let mut known = 0usize;
    // Documents the store already has are not coded again: the lookup runs here, before the workers.
    let sources = vigie_ingest::documents(args.inputs.iter().cloned(), local, &client).map(
        |item| -> Result<Option<SourceDocument>, SourceError> {
            let source = item?;
            let found = store
                .borrow()
                .find_document(source.url.as_deref(), Some(&source.text));
            Ok(match found {
                Ok(Some(_)) => None,
                _ => Some(source),
            })
        },
    );
    map_ordered(
        sources,
        args.threads,
        |source: Option<SourceDocument>| {
            source.map(|s| {
                for d in &s.diagnostics {
                    eprintln!("vigie: {}: {d}", s.origin);
                }
                code_source(&pipeline, s, options)
            })
        },
        |result| {
            bar.inc(1);
            match result {
                Ok(Some(coded)) => writer.push(coded)?,
                Ok(None) => known += 1,
                Err(e) => {
                    failed += 1;
                    bar.suspend(|| eprintln!("vigie: skipped: {e}"));
                }
            }
            Ok(())
        },
    )?;
    writer.flush()?;
    bar.finish_and_clear();
    let mut tally = writer.tally;
    tally.known += known;
    tally.failed = failed;
    if !args.quiet {
        eprintln!("vigie: {}", tally.summary(started.elapsed()));
    }
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

//! `vigie recode`: codes every stored document again (after a dictionary change) and replaces its
//! events; clusters and the relations index follow.

use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result};
use vigie_core::{AnalyzeOptions, Document, Pipeline};
use vigie_store::{EventStore, StoredDocument};

use crate::batch::map_ordered;
use crate::database::DatabaseArgs;
use crate::ingest::{default_threads, progress};

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub database: DatabaseArgs,
    /// Coding threads.
    #[arg(long, default_value_t = default_threads())]
    pub threads: usize,
    /// No progress bar and no summary.
    #[arg(long, short)]
    pub quiet: bool,
}

/// Documents read from the store per round.
const PAGE: usize = 256;

pub fn run(args: Args) -> Result<ExitCode> {
    let started = Instant::now();
    let pipeline = Pipeline::new().context("the embedded knowledge base is invalid")?;
    let mut store = args.database.open_existing()?;
    let bar = progress(None, args.quiet);
    let mut after = None;
    let (mut documents, mut now) = (0usize, 0usize);
    loop {
        let page = store
            .documents_after(after, PAGE)
            .context("cannot read the stored documents")?;
        let Some(last) = page.last() else {
            break;
        };
        after = Some(last.meta.id);
        let mut replaced = Vec::with_capacity(page.len());
        map_ordered(
            page.into_iter().map(Ok::<_, std::convert::Infallible>),
            args.threads,
            |stored: StoredDocument| {
                let doc = Document {
                    id: Some(stored.meta.id.to_string()),
                    text: stored.text,
                    date: stored.meta.published,
                    lang: stored.meta.language.as_deref().and_then(|l| l.parse().ok()),
                    title: stored.meta.title,
                    url: stored.meta.url,
                    source: stored.meta.outlet,
                };
                (
                    stored.meta.id,
                    pipeline.code_records(&doc, AnalyzeOptions::default()),
                )
            },
            |result| {
                let Ok(pair) = result;
                replaced.push(pair);
                Ok(())
            },
        )?;
        for (id, events) in replaced {
            now += events.len();
            store
                .replace_events(id, &events)
                .with_context(|| format!("cannot replace the events of document {id}"))?;
            documents += 1;
            bar.inc(1);
        }
    }
    bar.finish_and_clear();
    if !args.quiet {
        eprintln!(
            "vigie: {documents} documents coded again, {now} events, in {:.1} s",
            started.elapsed().as_secs_f64()
        );
    }
    Ok(ExitCode::SUCCESS)
}

//! The `vigie` command line: parses arguments and hands over to one command module per subcommand.

mod analyze;
mod batch;
mod code;
mod database;
mod dyads;
mod eval;
mod explain;
mod export;
mod ingest;
mod input;
mod recode;
mod relations;
mod serve;
mod watch;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// vigie: political event data from French and English news.
#[derive(Parser)]
#[command(name = "vigie", version, about, long_about = None, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Show, per sentence, the actors, places and dates vigie recognises.
    Analyze(analyze::Args),
    /// Code the events of documents (PLOVER and CAMEO, with modality, date, place and evidence).
    Code(code::Args),
    /// Explain how a text is coded: the rule behind each event, and the rejected candidates.
    Explain(explain::Args),
    /// Score the coder against a gold file (precision, recall, F1, misses, false positives).
    Eval(eval::Args),
    /// Read files, directories, JSONL batches, web pages or feeds, code the new documents and store
    /// them with their events in the event store.
    Ingest(ingest::Args),
    /// Code every stored document again (after a dictionary change) and replace its events.
    Recode(recode::Args),
    /// Poll the feeds of a feeds.toml on their interval and ingest what is new, until Ctrl-C.
    Watch(watch::Args),
    /// The relations of two actors over time, from the event store: events per quad class, Goldstein
    /// and intensity, a smoothed score, and the notable points with the events behind them.
    Relations(relations::Args),
    /// The most active pairs of actors in the event store, and those whose relation changed most.
    Dyads(dyads::Args),
    /// Export the events of the event store as PLOVER JSON lines, a GDELT-style table or CSV.
    Export(export::Args),
    /// Serve the JSON API and the web dashboard over the event store.
    Serve(serve::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Analyze(args) => analyze::run(args),
        Command::Code(args) => code::run(args),
        Command::Explain(args) => explain::run(args),
        Command::Eval(args) => eval::run(args),
        Command::Ingest(args) => ingest::run(args),
        Command::Recode(args) => recode::run(args),
        Command::Watch(args) => watch::run(args),
        Command::Relations(args) => relations::run(args),
        Command::Dyads(args) => dyads::run(args),
        Command::Export(args) => export::run(args),
        Command::Serve(args) => serve::run(args),
    };
    match result {
        Ok(code) => code,
        // A closed pipe ("vigie code ... | head") is the reader's choice, not a failure.
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("vigie: error: {e:#}");
            ExitCode::from(1)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

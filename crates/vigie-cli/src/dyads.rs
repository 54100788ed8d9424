//! `vigie dyads`: the most active pairs of actors in the event store over a date range, and the pairs
//! whose relation changed the most between the recent window and the rest of the range.

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use anyhow::Result;
use clap::ValueEnum;
use vigie_store::{DyadRanking, DyadsQuery, EventStore};

use crate::database::DatabaseArgs;
use crate::input::parse_date;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Two readable tables.
    Table,
    /// One JSON object.
    Json,
}

#[derive(clap::Args)]
pub struct Args {
    /// The first day (YYYY-MM-DD); the store's first event when absent.
    #[arg(long, value_parser = parse_date)]
    pub from: Option<jiff::civil::Date>,
    /// The last day (YYYY-MM-DD); the store's last event when absent.
    #[arg(long, value_parser = parse_date)]
    pub to: Option<jiff::civil::Date>,
    /// How many pairs each list shows.
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    /// The recent window: the last days of the range, compared with the rest of it.
    #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u32).range(1..))]
    pub recent_days: u32,
    /// Events with a Goldstein score a pair needs in each part of the range to count as changing.
    #[arg(long, default_value_t = 3)]
    pub min_events: u64,
    /// Keep the direction of the events (actor → recipient).
    #[arg(long)]
    pub directed: bool,
    /// The output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    #[command(flatten)]
    pub database: DatabaseArgs,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let store = args.database.open_existing()?;
    let ranking = store.dyads(&DyadsQuery {
        from: args.from,
        to: args.to,
        recent_days: args.recent_days,
        limit: args.limit,
        min_events: args.min_events,
        directed: args.directed,
    })?;
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    match args.format {
        Format::Table => write_table(&mut out, &ranking)?,
        Format::Json => {
            let json = serde_json::to_string_pretty(&ranking)?;
            writeln!(out, "{json}")?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn write_table(out: &mut impl Write, r: &DyadRanking) -> Result<()> {
    let (Some(from), Some(to), Some(recent_from)) = (r.from, r.to, r.recent_from) else {
        writeln!(out, "no events in the store")?;
        return Ok(());
    };
    let arrow = if r.directed { "→" } else { "↔" };
    let pair = |a: &str, b: &str| format!("{a} {arrow} {b}");
    let mean = |v: Option<f64>| v.map_or_else(|| "-".to_string(), |v| format!("{v:+.2}"));
    writeln!(
        out,
        "most active pairs, {from} to {to} (real-world events):"
    )?;
    writeln!(
        out,
        "{:<11} {:>7} {:>6} {:>6} {:>6} {:>6} {:>9}",
        "pair", "events", "vcoop", "mcoop", "vconf", "mconf", "goldstein"
    )?;
    for d in &r.most_active {
        writeln!(
            out,
            "{:<11} {:>7} {:>6} {:>6} {:>6} {:>6} {:>9}",
            pair(&d.actor, &d.recipient),
            d.clusters,
            d.quad[0],
            d.quad[1],
            d.quad[2],
            d.quad[3],
            mean(d.mean_goldstein)
        )?;
    }
    if r.most_active.is_empty() {
        writeln!(out, "(none)")?;
    }
    writeln!(out)?;
    writeln!(
        out,
        "fastest-changing pairs: mean Goldstein score per event from {recent_from} against {from} to the day before:"
    )?;
    writeln!(
        out,
        "{:<11} {:>8} {:>8} {:>8} {:>8} {:>8}",
        "pair", "before", "recent", "change", "events", "recent"
    )?;
    for d in &r.fastest_changing {
        writeln!(
            out,
            "{:<11} {:>+8.2} {:>+8.2} {:>+8.2} {:>8} {:>8}",
            pair(&d.actor, &d.recipient),
            d.baseline,
            d.recent,
            d.change,
            d.baseline_clusters,
            d.recent_clusters
        )?;
    }
    if r.fastest_changing.is_empty() {
        writeln!(out, "(none with enough events in both parts)")?;
    }
    Ok(())
}

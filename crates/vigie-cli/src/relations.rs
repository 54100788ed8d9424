//! `vigie relations`: the relations of a pair of actors over time, from the event store — events per
//! quad class, Goldstein and intensity sums, the smoothed score with a sparkline, and the notable
//! points with the events behind them.

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use anyhow::Result;
use clap::ValueEnum;
use vigie_store::{ClusterSummary, Dyad, EventStore, Period, Relations, RelationsQuery};

use crate::database::{parse_code, DatabaseArgs};
use crate::input::parse_date;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum By {
    Day,
    Week,
    Month,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A readable table with sparklines and the notable points.
    Table,
    /// One line per period, with a header line.
    Csv,
    /// The whole series as one JSON object.
    Json,
}

#[derive(clap::Args)]
pub struct Args {
    /// The first actor's code (ISO 3166-1 alpha-3, or IGO, NGO, IMG, MNC).
    #[arg(value_parser = parse_code)]
    pub actor: String,
    /// The second actor's code.
    #[arg(value_parser = parse_code)]
    pub recipient: String,
    /// The length of a period.
    #[arg(long, value_enum, default_value_t = By::Month)]
    pub by: By,
    /// The first day (YYYY-MM-DD); the pair's first event when absent.
    #[arg(long, value_parser = parse_date)]
    pub from: Option<jiff::civil::Date>,
    /// The last day (YYYY-MM-DD); the pair's last event when absent.
    #[arg(long, value_parser = parse_date)]
    pub to: Option<jiff::civil::Date>,
    /// Only the events of the first actor towards the second (both directions otherwise).
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
    let query = RelationsQuery {
        dyad: Dyad {
            actor: args.actor,
            recipient: args.recipient,
            directed: args.directed,
        },
        period: match args.by {
            By::Day => Period::Day,
            By::Week => Period::Week,
            By::Month => Period::Month,
        },
        from: args.from,
        to: args.to,
    };
    let relations = store.relations(&query)?;
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    match args.format {
        Format::Table => write_table(&mut out, &relations)?,
        Format::Csv => write_csv(&mut out, &relations)?,
        Format::Json => {
            let json = serde_json::to_string_pretty(&relations)?;
            writeln!(out, "{json}")?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn arrow(directed: bool) -> &'static str {
    if directed {
        "→"
    } else {
        "↔"
    }
}

fn signed(value: Option<f64>, decimals: usize) -> String {
    value.map_or_else(|| "-".to_string(), |v| format!("{v:+.decimals$}"))
}

/// One line for a cluster: "#12 2025-01-05 ASSAULT MLI→FRA [asserted] goldstein −10.0, 2 articles
/// from 2 sources: «sentence»".
pub fn describe_cluster(c: &ClusterSummary) -> String {
    let plural = |n: u64, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!(
        "#{} {} {}{} {}→{} [{}] goldstein {}, {} from {}: «{}»",
        c.id,
        c.date.map_or_else(|| "?".to_string(), |d| d.to_string()),
        c.event,
        c.mode
            .as_deref()
            .map(|m| format!("/{m}"))
            .unwrap_or_default(),
        if c.actors.is_empty() {
            "?".to_string()
        } else {
            c.actors.join("+")
        },
        if c.recipients.is_empty() {
            "?".to_string()
        } else {
            c.recipients.join("+")
        },
        c.modality.as_str(),
        signed(c.goldstein, 1),
        plural(c.articles, "article"),
        plural(c.sources, "source"),
        c.text.split_whitespace().collect::<Vec<_>>().join(" ")
    )
}

fn write_table(out: &mut impl Write, r: &Relations) -> Result<()> {
    let title = format!(
        "{} {} {} by {}",
        r.dyad.actor,
        arrow(r.dyad.directed),
        r.dyad.recipient,
        r.period.name()
    );
    let (Some(from), Some(to)) = (r.from, r.to) else {
        writeln!(out, "{title}: no events in the store")?;
        return Ok(());
    };
    writeln!(
        out,
        "{title}, {from} to {to}; events are real-world events (clusters of reports)"
    )?;
    writeln!(out, "score  {}", r.score_sparkline)?;
    writeln!(out, "events {}", r.activity_sparkline)?;
    writeln!(out)?;
    writeln!(
        out,
        "{:<10} {:>6} {:>6} {:>6} {:>6} {:>6} {:>9} {:>9} {:>6} {:>6}",
        "period",
        "events",
        "vcoop",
        "mcoop",
        "vconf",
        "mconf",
        "goldstein",
        "intensity",
        "mean",
        "score"
    )?;
    let mut empty = 0;
    for p in &r.points {
        if p.clusters == 0 {
            empty += 1;
            continue;
        }
        writeln!(
            out,
            "{:<10} {:>6} {:>6} {:>6} {:>6} {:>6} {:>9.1} {:>9.1} {:>6} {:>6}",
            p.period,
            p.clusters,
            p.quad[0],
            p.quad[1],
            p.quad[2],
            p.quad[3],
            p.goldstein,
            p.intensity,
            signed(p.mean_goldstein, 1),
            signed(p.score, 2)
        )?;
    }
    if empty > 0 {
        writeln!(
            out,
            "({empty} periods without events are left out of the table; the sparklines show them)"
        )?;
    }
    writeln!(out)?;
    if r.notable.is_empty() {
        writeln!(out, "notable points: none")?;
        return Ok(());
    }
    writeln!(out, "notable points:")?;
    for n in &r.notable {
        writeln!(
            out,
            "{:<10} score {}  {}",
            n.period,
            signed(n.score, 2),
            n.description
        )?;
        let ids: Vec<String> = n.cluster_ids.iter().map(|id| format!("#{id}")).collect();
        writeln!(out, "           events {}", ids.join(" "))?;
        for c in &n.clusters {
            writeln!(out, "           {}", describe_cluster(c))?;
        }
        if n.cluster_ids.len() > n.clusters.len() {
            writeln!(
                out,
                "           … and {} more",
                n.cluster_ids.len() - n.clusters.len()
            )?;
        }
    }
    Ok(())
}

fn write_csv(out: &mut impl Write, r: &Relations) -> Result<()> {
    writeln!(
        out,
        "period,start,events,verbal_cooperation,material_cooperation,verbal_conflict,material_conflict,goldstein,intensity,mean_goldstein,score,notable,event_ids"
    )?;
    let number = |v: Option<f64>| v.map(|v| format!("{v:.4}")).unwrap_or_default();
    for p in &r.points {
        let notable: Vec<_> = r.notable.iter().filter(|n| n.start == p.start).collect();
        let descriptions: Vec<&str> = notable.iter().map(|n| n.description.as_str()).collect();
        // Every notable point of a period lists the same events: the period's.
        let ids: Vec<String> = notable
            .first()
            .map(|n| n.cluster_ids.iter().map(|id| id.to_string()).collect())
            .unwrap_or_default();
        writeln!(
            out,
            "{},{},{},{},{},{},{},{:.2},{:.2},{},{},{},{}",
            p.period,
            p.start,
            p.clusters,
            p.quad[0],
            p.quad[1],
            p.quad[2],
            p.quad[3],
            p.goldstein,
            p.intensity,
            number(p.mean_goldstein),
            number(p.score),
            crate::export::csv_field(&descriptions.join("; ")),
            ids.join(" ")
        )?;
    }
    Ok(())
}

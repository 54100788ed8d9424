//! `vigie eval`: precision, recall and F1 against a gold file, with the misses and false positives.

use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use vigie_core::eval::{score, GoldDocument, Prediction};
use vigie_core::{AnalyzeOptions, Document, Pipeline};

#[derive(clap::Args)]
pub struct Args {
    /// A gold file: one {"id", "lang", "date", "text", "events"} document per line.
    pub gold: PathBuf,
    /// Print the figures per event type.
    #[arg(long)]
    pub by_type: bool,
    /// Print the figures as one JSON object.
    #[arg(long)]
    pub json: bool,
    /// Do not list the misses and false positives.
    #[arg(long)]
    pub quiet: bool,
    /// Also write the coded events as JSONL (for the reference scorer).
    #[arg(long)]
    pub write_predictions: Option<PathBuf>,
    /// Worker threads.
    #[arg(long, default_value_t = 1)]
    pub threads: usize,
    /// Exit with status 1 when F1 is below this floor.
    #[arg(long)]
    pub min_f1: Option<f64>,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let pipeline = Pipeline::new().context("the embedded knowledge base is invalid")?;
    let file = std::fs::File::open(&args.gold)
        .with_context(|| format!("cannot open {}", args.gold.display()))?;
    let mut gold = Vec::new();
    for (i, line) in BufReader::new(file).lines().enumerate() {
        let line = line.with_context(|| format!("{}:{}", args.gold.display(), i + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        let doc: GoldDocument = serde_json::from_str(&line)
            .with_context(|| format!("{}:{}: not a gold document", args.gold.display(), i + 1))?;
        gold.push(doc);
    }
    let code_one = |g: &GoldDocument| -> Vec<vigie_core::coder::record::EventRecord> {
        let doc = Document {
            id: Some(g.id_string()),
            text: g.text.clone(),
            date: g
                .date
                .as_deref()
                .and_then(|d| vigie_core::document::parse_date(d).ok()),
            lang: g.lang.as_deref().and_then(|l| l.parse().ok()),
            ..Document::default()
        };
        pipeline.code_records(&doc, AnalyzeOptions::default())
    };
    let threads = args.threads.max(1);
    let records: Vec<Vec<_>> = if threads == 1 {
        gold.iter().map(code_one).collect()
    } else {
        let per = gold.len().div_ceil(threads).max(1);
        std::thread::scope(|s| {
            let hs: Vec<_> = gold
                .chunks(per)
                .map(|c| s.spawn(|| c.iter().map(code_one).collect::<Vec<_>>()))
                .collect();
            hs.into_iter()
                .flat_map(|h| h.join().unwrap_or_default())
                .collect()
        })
    };
    if let Some(path) = &args.write_predictions {
        let mut w = BufWriter::new(
            std::fs::File::create(path)
                .with_context(|| format!("cannot create {}", path.display()))?,
        );
        for r in records.iter().flatten() {
            serde_json::to_writer(&mut w, r)?;
            writeln!(w)?;
        }
        w.flush()?;
    }
    let predictions: Vec<Vec<Prediction>> = records
        .iter()
        .map(|rs| rs.iter().map(Prediction::from_record).collect())
        .collect();
    let s = score(&gold, &predictions);
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if args.json {
        serde_json::to_writer(&mut out, &s)?;
        writeln!(out)?;
    } else {
        writeln!(out, "docs: {}", s.docs)?;
        writeln!(out, "gold_events: {}", s.gold_events)?;
        writeln!(out, "predicted_events: {}", s.predicted_events)?;
        writeln!(out, "precision: {}", s.precision)?;
        writeln!(out, "recall: {}", s.recall)?;
        writeln!(out, "f1: {}", s.f1)?;
        writeln!(out, "type_only_f1: {}", s.type_only_f1)?;
        writeln!(out, "no_event_docs: {}", s.no_event_docs)?;
        writeln!(
            out,
            "no_event_docs_with_predictions: {}",
            s.no_event_docs_with_predictions
        )?;
        if args.by_type {
            writeln!(
                out,
                "\n{:<10} {:>5} {:>8} {:>9} {:>7}",
                "type", "gold", "recalled", "predicted", "correct"
            )?;
            for (t, v) in &s.by_type {
                writeln!(
                    out,
                    "{:<10} {:>5} {:>8} {:>9} {:>7}",
                    t, v.gold, v.recalled, v.predicted, v.correct
                )?;
            }
        }
        if !args.quiet {
            let texts: std::collections::HashMap<String, &str> = gold
                .iter()
                .map(|g| (g.id_string(), g.text.as_str()))
                .collect();
            writeln!(out, "\nmisses ({}):", s.misses.len())?;
            for (id, g) in &s.misses {
                writeln!(
                    out,
                    "  {id}: {} {}>{}  | {}",
                    g.event,
                    g.source.join("+"),
                    g.target.join("+"),
                    texts
                        .get(id)
                        .map(|t| t.chars().take(160).collect::<String>())
                        .unwrap_or_default()
                )?;
            }
            writeln!(out, "\nfalse positives ({}):", s.false_positives.len())?;
            for (id, p) in &s.false_positives {
                writeln!(
                    out,
                    "  {id}: {} {}>{} ({})  | {}",
                    p.event,
                    p.actor.join("+"),
                    p.recipient.join("+"),
                    p.rule,
                    p.text.chars().take(160).collect::<String>()
                )?;
            }
        }
    }
    out.flush()?;
    Ok(match args.min_f1 {
        Some(min) if s.f1 < min => {
            eprintln!("vigie: F1 {} is below the floor {min}", s.f1);
            ExitCode::from(1)
        }
        _ => ExitCode::SUCCESS,
    })
}

//! `vigie analyze`: per sentence, the recognised actors, places and dates, as a table or JSON.

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use anyhow::{Context, Result};
use vigie_core::report::{report, AnalysisReport};
use vigie_core::{Document, Pipeline};

use crate::input::{jsonl_documents, read_text_document, DocumentArgs, InputFormat};

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub documents: DocumentArgs,
    /// Print one JSON object per document instead of a table.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let pipeline = Pipeline::new().context("the embedded knowledge base is invalid")?;
    let options = args.documents.options();
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut failures = 0usize;
    let emit = |doc: &Document, out: &mut BufWriter<io::StdoutLock<'_>>| -> Result<()> {
        let analysis = pipeline.analyze(doc, options);
        let rep = report(&analysis, doc.id.as_deref());
        if args.json {
            serde_json::to_writer(&mut *out, &rep)?;
            writeln!(out)?;
        } else {
            write_table(out, &rep)?;
        }
        Ok(())
    };
    match args.documents.input {
        InputFormat::Text => {
            let doc = read_text_document(args.documents.file.as_ref())?;
            emit(&doc, &mut out)?;
        }
        InputFormat::Jsonl => {
            for doc in jsonl_documents(args.documents.file.as_ref())? {
                match doc {
                    Ok(doc) => emit(&doc, &mut out)?,
                    Err(e) => {
                        failures += 1;
                        eprintln!("vigie: skipped: {e:#}");
                    }
                }
            }
        }
    }
    out.flush()?;
    Ok(if failures > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn opt<T: std::fmt::Display>(v: Option<T>) -> String {
    v.map_or_else(|| "-".to_string(), |v| v.to_string())
}

fn write_table(out: &mut impl Write, rep: &AnalysisReport<'_>) -> io::Result<()> {
    if let Some(id) = rep.doc_id {
        writeln!(out, "# document {id}")?;
    }
    writeln!(
        out,
        "# language: {} ({:?}){}",
        rep.lang.map_or("none", |l| l.code()),
        rep.lang_source,
        rep.date
            .as_deref()
            .map(|d| format!(", published {d}"))
            .unwrap_or_default()
    )?;
    for d in rep.diagnostics {
        writeln!(out, "! {}: {}", d.code, d.message)?;
    }
    for s in &rep.sentences {
        if s.actors.is_empty() && s.places.is_empty() && s.dates.is_empty() {
            continue;
        }
        let text: String = s.text.split_whitespace().collect::<Vec<_>>().join(" ");
        writeln!(out, "\n[{}] {}", s.index + 1, text)?;
        for a in &s.actors {
            let who = a
                .person
                .map(|p| format!(" = {p}"))
                .or(a.organisation.map(|o| format!(" = {o}")))
                .unwrap_or_default();
            writeln!(
                out,
                "    actor  {:<4} {:<4} {:<13} {:?}{}{}",
                opt(a.code),
                opt(a.sector),
                format!("{:?}", a.kind).to_lowercase(),
                a.name,
                who,
                if a.country_inferred {
                    "  (country from context)"
                } else {
                    ""
                }
            )?;
        }
        for p in &s.places {
            writeln!(
                out,
                "    place  {:<4} {:<18} {:?} -> {} ({:.3}, {:.3})",
                opt(p.country),
                p.kind,
                p.name,
                p.place,
                p.lat,
                p.lon
            )?;
        }
        for d in &s.dates {
            writeln!(
                out,
                "    date   {:<10} {:<9} {:?}{}",
                d.value.as_deref().unwrap_or("?"),
                d.precision
                    .map(|p| format!("{p:?}").to_lowercase())
                    .unwrap_or_default(),
                d.text,
                if matches!(d.role, vigie_core::dates::DateRole::Deadline) {
                    "  (deadline)"
                } else {
                    ""
                }
            )?;
        }
    }
    Ok(())
}

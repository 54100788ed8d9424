//! `vigie code`: the events of documents, as PLOVER-style JSONL, TSV or a readable table.

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::ValueEnum;
use vigie_core::coder::record::EventRecord;
use vigie_core::Pipeline;

use crate::batch::run_ordered;
use crate::input::{jsonl_documents, read_text_document, DocumentArgs, InputFormat};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// One JSON event record per line.
    Jsonl,
    /// Tab-separated values with a header line.
    Tsv,
    /// A readable summary.
    Table,
}

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub documents: DocumentArgs,
    /// The output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Jsonl)]
    pub format: OutputFormat,
    /// Worker threads for batches (the output order does not depend on it).
    #[arg(long, default_value_t = 1)]
    pub threads: usize,
}

pub const TSV_HEADER: &str = "id\tdoc_id\tdate\tdate_precision\tend_date\tevent\tmode\tcameo\tquad_code\tgoldstein\tevent_scale\tmodality\tactor_code\tactor_sector\tactor_name\trecipient_code\trecipient_sector\trecipient_name\tplace\tlat\tlon\trule\ttext\n";

fn codes(
    side: &[vigie_core::coder::record::ActorRecord],
    f: impl Fn(&vigie_core::coder::record::ActorRecord) -> String,
) -> String {
    side.iter().map(f).collect::<Vec<_>>().join(";")
}

fn clean(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

/// One side of an event for people: "MLI GOV «la junte malienne»", `*` when inferred, `?` when empty.
pub fn describe_side(side: &[vigie_core::coder::record::ActorRecord]) -> String {
    if side.is_empty() {
        return "?".to_string();
    }
    side.iter()
        .map(|a| {
            format!(
                "{}{}{} «{}»",
                a.code.map(|c| c.to_string()).unwrap_or_else(|| "?".into()),
                a.sector.map(|c| format!(" {c}")).unwrap_or_default(),
                if a.inferred { "*" } else { "" },
                a.name
            )
        })
        .collect::<Vec<_>>()
        .join(" + ")
}

pub fn write_records(
    out: &mut Vec<u8>,
    records: &[EventRecord],
    format: OutputFormat,
) -> Result<()> {
    for r in records {
        match format {
            OutputFormat::Jsonl => {
                serde_json::to_writer(&mut *out, r)?;
                out.push(b'\n');
            }
            OutputFormat::Tsv => {
                let opt = |v: Option<String>| v.unwrap_or_default();
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                    r.id,
                    opt(r.doc_id.clone()),
                    opt(r.date.clone()),
                    r.date_precision.map(|p| format!("{p:?}").to_lowercase()).unwrap_or_default(),
                    opt(r.end_date.clone()),
                    r.event,
                    opt(r.mode.clone()),
                    r.cameo,
                    r.quad_code,
                    r.goldstein.map(|g| g.to_string()).unwrap_or_default(),
                    r.event_scale,
                    r.modality.as_str(),
                    codes(&r.actor, |a| a.code.map(|c| c.to_string()).unwrap_or_default()),
                    codes(&r.actor, |a| a.sector.map(|c| c.to_string()).unwrap_or_default()),
                    clean(&codes(&r.actor, |a| a.name.clone())),
                    codes(&r.recipient, |a| a.code.map(|c| c.to_string()).unwrap_or_default()),
                    codes(&r.recipient, |a| a.sector.map(|c| c.to_string()).unwrap_or_default()),
                    clean(&codes(&r.recipient, |a| a.name.clone())),
                    r.event_loc.as_ref().map(|p| clean(&p.name)).unwrap_or_default(),
                    r.event_loc.as_ref().map(|p| p.lat.to_string()).unwrap_or_default(),
                    r.event_loc.as_ref().map(|p| p.lon.to_string()).unwrap_or_default(),
                    r.rule,
                    clean(&r.text)
                )?;
            }
            OutputFormat::Table => {
                writeln!(
                    out,
                    "{:<10} {}{} [{}] {} -> {}  ({}, cameo {}, {}{})",
                    r.date.as_deref().unwrap_or("?"),
                    r.event,
                    r.mode
                        .as_deref()
                        .map(|m| format!("/{m}"))
                        .unwrap_or_default(),
                    r.modality.as_str(),
                    describe_side(&r.actor),
                    describe_side(&r.recipient),
                    r.rule,
                    r.cameo,
                    r.event_loc
                        .as_ref()
                        .map(|p| format!("at {}, ", p.name))
                        .unwrap_or_default(),
                    if r.mentions > 1 {
                        format!("{} mentions", r.mentions)
                    } else {
                        "1 mention".into()
                    }
                )?;
                writeln!(
                    out,
                    "           {}",
                    r.text.split_whitespace().collect::<Vec<_>>().join(" ")
                )?;
            }
        }
    }
    Ok(())
}

pub fn run(args: Args) -> Result<ExitCode> {
    let pipeline = Pipeline::new().context("the embedded knowledge base is invalid")?;
    let options = args.documents.options();
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if args.format == OutputFormat::Tsv {
        out.write_all(TSV_HEADER.as_bytes())?;
    }
    let work = |doc: &vigie_core::Document| -> Result<Vec<u8>> {
        let records = pipeline.code_records(doc, options);
        let mut buf = Vec::new();
        write_records(&mut buf, &records, args.format)?;
        Ok(buf)
    };
    let failures = match args.documents.input {
        InputFormat::Text => {
            let doc = read_text_document(args.documents.file.as_ref())?;
            out.write_all(&work(&doc)?)?;
            0
        }
        InputFormat::Jsonl => run_ordered(
            jsonl_documents(args.documents.file.as_ref())?,
            args.threads,
            &mut out,
            work,
        )?,
    };
    out.flush()?;
    Ok(if failures > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

//! `vigie explain`: why each event was coded (the rule that fired, the roles, the modality) and why the
//! other candidates were rejected, sentence by sentence.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use vigie_core::coder::record::records;
use vigie_core::{AnalyzeOptions, Document, Lang, Pipeline};

use crate::code::describe_side;
use crate::input::parse_date;
use crate::input::read_text_document;

#[derive(clap::Args)]
pub struct Args {
    /// The input file; `-` or nothing reads standard input.
    pub file: Option<PathBuf>,
    /// Explain this text instead of a file.
    #[arg(long, conflicts_with = "file")]
    pub text: Option<String>,
    /// Publication date (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    pub date: Option<jiff::civil::Date>,
    /// The document language (fr or en); identified from the text when absent.
    #[arg(long)]
    pub lang: Option<Lang>,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let pipeline = Pipeline::new().context("the embedded knowledge base is invalid")?;
    let doc = match args.text {
        Some(t) => Document::from_text(t),
        None => read_text_document(args.file.as_ref())?,
    };
    let options = AnalyzeOptions {
        lang: args.lang,
        date: args.date,
    };
    let (analysis, coding) = pipeline.code(&doc, options);
    let recs = records(
        &analysis,
        &coding.events,
        &pipeline.ontology,
        doc.id.as_deref(),
    );
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    writeln!(
        out,
        "language: {}",
        analysis.lang.map_or("none", |l| l.code())
    )?;
    for d in &analysis.diagnostics {
        writeln!(out, "! {}: {}", d.code, d.message)?;
    }
    for (si, s) in analysis.sentences.iter().enumerate() {
        let text: String = analysis.text[s.span.range()]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        writeln!(out, "\n[{}] {}", si + 1, text)?;
        for a in analysis.entities[si].actors.iter() {
            writeln!(
                out,
                "    actor     {:<4} {:<4} {:?}{}{}",
                a.code.map(|c| c.to_string()).unwrap_or_else(|| "?".into()),
                a.sector
                    .map(|c| c.to_string())
                    .unwrap_or_else(|| "-".into()),
                analysis.surface(a.tokens.clone()),
                if a.locative { "  (place)" } else { "" },
                if a.country_inferred {
                    "  (country from context)"
                } else {
                    ""
                }
            )?;
        }
        if let Some(lang) = analysis.lang {
            let resources = pipeline.resources(lang);
            for g in vigie_core::coder::sentence_verb_groups(
                &analysis,
                si,
                lang,
                &resources.coder,
                &resources.grammar,
            ) {
                let span = s.tokens.start + g.tokens.start..s.tokens.start + g.tokens.end;
                writeln!(
                    out,
                    "    verb      {:<14} {} {} {}{}{}{} {:?}",
                    g.lemma,
                    g.voice.as_str(),
                    g.tense.as_str(),
                    g.mood.as_str(),
                    if g.negated { " negated" } else { "" },
                    g.modal
                        .as_deref()
                        .map(|m| format!(" modal={m}"))
                        .unwrap_or_default(),
                    if g.participle_adjective {
                        " participle"
                    } else if g.infinitive {
                        " infinitive"
                    } else {
                        ""
                    },
                    analysis.surface(span)
                )?;
            }
        }
        for d in &analysis.entities[si].dates {
            writeln!(
                out,
                "    date      {:<10} {:?} {:?}",
                d.value.map(|v| v.iso()).unwrap_or_else(|| "?".into()),
                d.role,
                analysis.surface(d.tokens.clone())
            )?;
        }
        for (e, r) in coding.events.iter().zip(&recs) {
            for ev in e.evidence.iter().filter(|ev| ev.sentence == si) {
                writeln!(
                    out,
                    "    EVENT     {}{} [{}] {} -> {}\n              trigger {:?}, rule {}, cameo {}, date {}{}{}",
                    r.event,
                    r.mode.as_deref().map(|m| format!("/{m}")).unwrap_or_default(),
                    r.modality.as_str(),
                    describe_side(&r.actor),
                    describe_side(&r.recipient),
                    analysis.surface(ev.trigger.clone()),
                    r.rule,
                    r.cameo,
                    r.date.as_deref().unwrap_or("?"),
                    r.end_date.as_deref().map(|d| format!(", until {d}")).unwrap_or_default(),
                    r.promoted_from.zip(e.promotion).map(|(t, why)| format!(", {t} coded {} ({why})", r.event)).unwrap_or_default()
                )?;
            }
        }
        for rj in coding.rejections.iter().filter(|r| r.sentence == si) {
            writeln!(
                out,
                "    rejected  {:?} ({}): {}",
                analysis.surface(rj.trigger.clone()),
                rj.rule,
                rj.reason
            )?;
        }
    }
    writeln!(out, "\n* inferred from the context")?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

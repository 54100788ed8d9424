//! Golden files of the coder's output on the bundled example articles: any change in what vigie codes
//! shows up as a reviewed snapshot diff (`INSTA_UPDATE=always cargo test` rewrites them).

use vigie_core::{AnalyzeOptions, Document, Pipeline};

fn coded(text: &str) -> Vec<serde_json::Value> {
    let pipeline = Pipeline::new().expect("knowledge base");
    let doc = Document {
        id: Some("example".into()),
        text: text.to_string(),
        date: Some(jiff::civil::date(2025, 9, 16)),
        ..Document::default()
    };
    pipeline
        .code_records(&doc, AnalyzeOptions::default())
        .iter()
        .map(|r| {
            let side = |s: &[vigie_core::coder::record::ActorRecord]| {
                s.iter()
                    .map(|a| {
                        format!(
                            "{} {} «{}»",
                            a.code.map(|c| c.to_string()).unwrap_or_default(),
                            a.sector.map(|c| c.to_string()).unwrap_or_default(),
                            a.name
                        )
                    })
                    .collect::<Vec<_>>()
            };
            serde_json::json!({
                "event": r.event,
                "mode": r.mode,
                "modality": r.modality,
                "actor": side(&r.actor),
                "recipient": side(&r.recipient),
                "date": r.date,
                "end_date": r.end_date,
                "place": r.event_loc.as_ref().map(|p| &p.name),
                "rule": r.rule,
                "mentions": r.mentions,
            })
        })
        .collect()
}

#[test]
fn french_example_article() {
    insta::assert_json_snapshot!(coded(include_str!(
        "../../../examples/france-mali-2025.txt"
    )));
}

#[test]
fn english_example_article() {
    insta::assert_json_snapshot!(coded(include_str!(
        "../../../examples/mali-france-2025.en.txt"
    )));
}

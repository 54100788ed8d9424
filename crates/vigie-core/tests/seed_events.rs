//! The seed article's events (gold in `../shared/gold/seed.jsonl`, present in CI but not shipped): all
//! seven gold events with the right types and actor codes, the Malian expulsion marked `reported`, and
//! at most two other events. Skipped when the file is absent.

mod common;

use common::shared_dir;
use vigie_core::eval::{matches, GoldDocument, Prediction};
use vigie_core::{AnalyzeOptions, Document, Pipeline};

#[test]
fn seed_article_yields_the_seven_gold_events() {
    let path = shared_dir().join("gold/seed.jsonl");
    let Ok(content) = std::fs::read_to_string(&path) else {
        eprintln!("skipped: {} is not present", path.display());
        return;
    };
    let gold: GoldDocument =
        serde_json::from_str(content.lines().next().expect("one document")).expect("gold document");
    let pipeline = Pipeline::new().expect("knowledge base");
    let doc = Document {
        id: Some(gold.id_string()),
        text: gold.text.clone(),
        date: Some(jiff::civil::date(2025, 9, 16)),
        ..Document::default()
    };
    let records = pipeline.code_records(&doc, AnalyzeOptions::default());
    let preds: Vec<(Prediction, &str)> = records
        .iter()
        .map(|r| (Prediction::from_record(r), r.modality.as_str()))
        .collect();
    let listing = preds
        .iter()
        .map(|(p, m)| {
            format!(
                "{} {}>{} [{m}] {}",
                p.event,
                p.actor.join("+"),
                p.recipient.join("+"),
                p.rule
            )
        })
        .collect::<Vec<_>>()
        .join("\n  ");
    let missing: Vec<_> = gold
        .events
        .iter()
        .filter(|g| !preds.iter().any(|(p, _)| matches(p, g)))
        .map(|g| format!("{} {:?}>{:?} {:?}", g.event, g.source, g.target, g.mode))
        .collect();
    assert!(
        missing.is_empty(),
        "missing gold events: {missing:?}\ncoded:\n  {listing}"
    );
    // The Malian expulsion of French diplomats is only reported, by a security source.
    let expulsion = gold
        .events
        .iter()
        .find(|g| {
            g.event == "SANCTION" && g.source == ["MLI"] && g.mode.as_deref() == Some("expel")
        })
        .expect("gold has the Malian expulsion");
    assert!(
        preds
            .iter()
            .any(|(p, m)| matches(p, expulsion) && *m == "reported"),
        "the Malian expulsion must be marked reported\ncoded:\n  {listing}"
    );
    let extra = preds
        .iter()
        .filter(|(p, _)| !gold.events.iter().any(|g| matches(p, g)))
        .count();
    assert!(
        extra <= 2,
        "{extra} events beyond the gold ones\ncoded:\n  {listing}"
    );
}

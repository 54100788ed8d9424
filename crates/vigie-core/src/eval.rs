//! Scoring coded events against a gold standard, with exactly the rules of the reference scorer: an
//! event matches when the types agree (old PLOVER names mapped) and each non-empty gold side shares a
//! code with the predicted side.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// One gold document: its text, publication date, language and events.
#[derive(Clone, Debug, Deserialize)]
pub struct GoldDocument {
    pub id: serde_json::Value,
    #[serde(default)]
    pub lang: Option<String>,
    #[serde(default)]
    pub date: Option<String>,
    pub text: String,
    #[serde(default)]
    pub events: Vec<GoldEvent>,
}

impl GoldDocument {
    pub fn id_string(&self) -> String {
        match &self.id {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        }
    }
}

#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct GoldEvent {
    #[serde(default)]
    pub source: Vec<String>,
    #[serde(default)]
    pub target: Vec<String>,
    pub event: String,
    #[serde(default)]
    pub mode: Option<String>,
    #[serde(default)]
    pub modality: Option<String>,
}

/// What the scorer needs of a predicted event.
#[derive(Clone, Debug, Serialize)]
pub struct Prediction {
    pub event: String,
    pub actor: Vec<String>,
    pub recipient: Vec<String>,
    pub rule: String,
    pub text: String,
}

impl Prediction {
    /// What the scorer reads of an output record.
    pub fn from_record(r: &crate::coder::record::EventRecord) -> Prediction {
        let codes = |side: &[crate::coder::record::ActorRecord]| {
            side.iter()
                .filter_map(|a| a.code.map(|c| c.to_string()))
                .collect()
        };
        Prediction {
            event: r.event.to_string(),
            actor: codes(&r.actor),
            recipient: codes(&r.recipient),
            rule: r.rule.clone(),
            text: r.text.clone(),
        }
    }
}

/// Maps the PLOVER 0.5 names of the gold files to PLOVER 2.0.
pub fn normalize_type(t: &str) -> String {
    let t = t.to_uppercase();
    match t.as_str() {
        "DEMAND" => "REQUEST".into(),
        "DISAPPROVE" | "INVESTIGATE" => "ACCUSE".into(),
        "FIGHT" => "ASSAULT".into(),
        _ => t,
    }
}

fn side_matches(gold: &[String], predicted: &[String]) -> bool {
    gold.is_empty()
        || gold
            .iter()
            .any(|g| predicted.iter().any(|p| p.eq_ignore_ascii_case(g)))
}

pub fn matches(p: &Prediction, g: &GoldEvent) -> bool {
    normalize_type(&p.event) == normalize_type(&g.event)
        && side_matches(&g.source, &p.actor)
        && side_matches(&g.target, &p.recipient)
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct TypeScore {
    pub gold: usize,
    pub recalled: usize,
    pub predicted: usize,
    pub correct: usize,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct Score {
    pub docs: usize,
    pub gold_events: usize,
    pub predicted_events: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub type_only_f1: f64,
    pub no_event_docs: usize,
    pub no_event_docs_with_predictions: usize,
    pub by_type: BTreeMap<String, TypeScore>,
    /// Gold events no prediction matched: (document id, event).
    #[serde(skip)]
    pub misses: Vec<(String, GoldEvent)>,
    /// Predictions that matched no gold event: (document id, prediction).
    #[serde(skip)]
    pub false_positives: Vec<(String, Prediction)>,
}

fn prf(tp_pred: usize, n_pred: usize, tp_gold: usize, n_gold: usize) -> (f64, f64, f64) {
    let p = if n_pred > 0 {
        tp_pred as f64 / n_pred as f64
    } else {
        0.0
    };
    let r = if n_gold > 0 {
        tp_gold as f64 / n_gold as f64
    } else {
        0.0
    };
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// Scores the predictions of each gold document (`predictions[i]` belongs to `gold[i]`).
pub fn score(gold: &[GoldDocument], predictions: &[Vec<Prediction>]) -> Score {
    let mut s = Score {
        docs: gold.len(),
        ..Score::default()
    };
    let (mut tp_gold, mut tp_pred, mut t_gold, mut t_pred) = (0, 0, 0, 0);
    for (doc, preds) in gold.iter().zip(predictions) {
        let id = doc.id_string();
        if doc.events.is_empty() {
            s.no_event_docs += 1;
            s.no_event_docs_with_predictions += usize::from(!preds.is_empty());
        }
        for g in &doc.events {
            s.gold_events += 1;
            let hit = preds.iter().any(|p| matches(p, g));
            tp_gold += usize::from(hit);
            t_gold += usize::from(
                preds
                    .iter()
                    .any(|p| normalize_type(&p.event) == normalize_type(&g.event)),
            );
            let entry = s.by_type.entry(normalize_type(&g.event)).or_default();
            entry.gold += 1;
            entry.recalled += usize::from(hit);
            if !hit {
                s.misses.push((id.clone(), g.clone()));
            }
        }
        for p in preds {
            s.predicted_events += 1;
            let hit = doc.events.iter().any(|g| matches(p, g));
            tp_pred += usize::from(hit);
            t_pred += usize::from(
                doc.events
                    .iter()
                    .any(|g| normalize_type(&p.event) == normalize_type(&g.event)),
            );
            let entry = s.by_type.entry(normalize_type(&p.event)).or_default();
            entry.predicted += 1;
            entry.correct += usize::from(hit);
            if !hit {
                s.false_positives.push((id.clone(), p.clone()));
            }
        }
    }
    let (p, r, f) = prf(tp_pred, s.predicted_events, tp_gold, s.gold_events);
    let (_, _, tf) = prf(t_pred, s.predicted_events, t_gold, s.gold_events);
    s.precision = round4(p);
    s.recall = round4(r);
    s.f1 = round4(f);
    s.type_only_f1 = round4(tf);
    s
}

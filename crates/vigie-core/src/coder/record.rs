//! The output record of an event: PLOVER JSON field names where PLOVER has one, plus CAMEO, Goldstein,
//! modality and the evidence that explains where each event came from.

use serde::Serialize;

use crate::codes::Code;
use crate::dates::Precision;
use crate::language::Lang;
use crate::pipeline::Analysis;
use crate::recognize::PlaceRef;

use super::ontology::Ontology;
use super::{CodedEvent, Modality, Participant};

#[derive(Clone, Debug, Serialize)]
pub struct ActorRecord {
    /// ISO 3166-1 alpha-3 country, or IGO/NGO/IMG/MNC/ISM.
    pub code: Option<Code>,
    pub country: Option<Code>,
    pub sector: Option<Code>,
    /// The surface text of the mention.
    pub name: String,
    /// Character offsets `[start, end)` in the document.
    pub span: [u32; 2],
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub inferred: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct PlaceRecord {
    pub name: String,
    pub country: Option<Code>,
    pub lat: f64,
    pub lon: f64,
}

#[derive(Clone, Debug, Serialize)]
pub struct TextInfo {
    /// Character offsets of the sentence.
    pub sentence: [u32; 2],
    /// Character offsets of the trigger words.
    pub trigger: [u32; 2],
}

#[derive(Clone, Debug, Serialize)]
pub struct EvidenceRecord {
    pub text: String,
    pub sentence: [u32; 2],
    pub trigger: [u32; 2],
}

#[derive(Clone, Debug, Serialize)]
pub struct EventRecord {
    pub id: String,
    pub doc_id: Option<String>,
    /// The event date at its precision (`2025-09-20`, `2025-W37`, `2025-08`, `2025`).
    pub date: Option<String>,
    pub date_precision: Option<Precision>,
    /// `text` when the sentence dates the event, `publication` when the publication date stands in.
    pub date_source: &'static str,
    pub end_date: Option<String>,
    pub actor: Vec<ActorRecord>,
    pub recipient: Vec<ActorRecord>,
    pub event: &'static str,
    pub mode: Option<String>,
    pub context: Vec<String>,
    /// 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
    pub quad_code: u8,
    /// PLOVER intensity, from -10 (most conflictual) to +10.
    pub event_scale: f64,
    pub cameo: String,
    pub goldstein: Option<f64>,
    pub modality: Modality,
    pub event_loc: Option<PlaceRecord>,
    pub text: String,
    pub text_info: TextInfo,
    /// How many times the document reports the event.
    pub mentions: usize,
    pub evidence: Vec<EvidenceRecord>,
    /// The pattern that fired.
    pub rule: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub promoted_from: Option<&'static str>,
    pub lang: Lang,
}

fn participant(analysis: &Analysis<'_>, p: &Participant) -> ActorRecord {
    ActorRecord {
        code: p.mention.code,
        country: p.mention.country,
        sector: p.mention.sector,
        name: analysis.surface(p.mention.tokens.clone()).to_string(),
        span: analysis.char_span(p.mention.tokens.clone()),
        inferred: p.inferred || p.mention.country_inferred,
    }
}

/// Builds the records of a document's events, numbered in document order.
pub fn records(
    analysis: &Analysis<'_>,
    events: &[CodedEvent],
    ontology: &Ontology,
    doc_id: Option<&str>,
) -> Vec<EventRecord> {
    let kb = analysis.kb;
    events
        .iter()
        .enumerate()
        .map(|(n, e)| {
            let first = &e.evidence[0];
            let sentence = &analysis.sentences[first.sentence];
            let (quad_code, event_scale) = ontology.scale(e.event, e.mode.as_deref());
            let event_loc = e.place.as_ref().map(|(_, p)| match p.place {
                PlaceRef::City(c) => {
                    let c = &kb.cities[c as usize];
                    PlaceRecord {
                        name: c.name.clone(),
                        country: Some(c.country),
                        lat: c.lat as f64,
                        lon: c.lon as f64,
                    }
                }
                PlaceRef::Region(r) => {
                    let r = &kb.regions[r as usize];
                    PlaceRecord {
                        name: r.name.clone(),
                        country: r.country,
                        lat: r.lat as f64,
                        lon: r.lon as f64,
                    }
                }
                PlaceRef::Country(code) => {
                    let info = kb.country(code);
                    PlaceRecord {
                        name: info.map(|i| i.name_en.clone()).unwrap_or_default(),
                        country: Some(code),
                        lat: info.map_or(0.0, |i| i.lat),
                        lon: info.map_or(0.0, |i| i.lon),
                    }
                }
            });
            EventRecord {
                id: format!("{}-{}", doc_id.unwrap_or("doc"), n + 1),
                doc_id: doc_id.map(str::to_string),
                date: e.date.map(|d| d.iso()),
                date_precision: e.date.map(|d| d.precision),
                date_source: if e.date_in_text {
                    "text"
                } else {
                    "publication"
                },
                end_date: e.end_date.map(|d| d.iso()),
                actor: e.actor.iter().map(|p| participant(analysis, p)).collect(),
                recipient: e
                    .recipient
                    .iter()
                    .map(|p| participant(analysis, p))
                    .collect(),
                event: e.event,
                mode: e.mode.clone(),
                context: e.context.clone(),
                quad_code,
                event_scale,
                cameo: e.cameo.clone(),
                goldstein: ontology.goldstein(&e.cameo),
                modality: e.modality,
                event_loc,
                text: analysis.text[sentence.span.range()].to_string(),
                text_info: TextInfo {
                    sentence: [sentence.chars.start, sentence.chars.end],
                    trigger: analysis.char_span(first.trigger.clone()),
                },
                mentions: e.evidence.len(),
                evidence: e
                    .evidence
                    .iter()
                    .map(|ev| {
                        let s = &analysis.sentences[ev.sentence];
                        EvidenceRecord {
                            text: analysis.text[s.span.range()].to_string(),
                            sentence: [s.chars.start, s.chars.end],
                            trigger: analysis.char_span(ev.trigger.clone()),
                        }
                    })
                    .collect(),
                rule: e.rule.clone(),
                promoted_from: e.promoted_from,
                lang: e.lang,
            }
        })
        .collect()
}

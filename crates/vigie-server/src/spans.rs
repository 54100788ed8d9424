//! The coded spans of a stored document: event triggers and the actors of its events (from the stored
//! records), and the actors, places and dates vigie recognises in its text. Offsets are characters
//! (Unicode scalar values) into the document, as everywhere in vigie.

use serde::{Deserialize, Serialize};
use vigie_core::report::report;
use vigie_core::{AnalyzeOptions, Document, Pipeline};
use vigie_store::{DocumentDetail, EventId, StoredEvent};

/// Documents longer than this are shown without recognition spans: analysing them on every view would
/// cost more than the page is worth.
const MAX_ANALYSED_BYTES: usize = 400_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SpanKind {
    /// Listed first: where spans overlap, the trigger is what a reader most needs to see.
    Trigger,
    Actor,
    Place,
    Date,
}

impl SpanKind {
    pub fn class(self) -> &'static str {
        match self {
            SpanKind::Trigger => "hl-trigger",
            SpanKind::Actor => "hl-actor",
            SpanKind::Place => "hl-place",
            SpanKind::Date => "hl-date",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CodedSpan {
    pub kind: SpanKind,
    pub start: u32,
    pub end: u32,
    pub text: String,
    /// A short description: the actor's codes, the event type and CAMEO code, the place, the date.
    pub label: String,
    /// The event whose record holds the span; absent for spans from recognition.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event_id: Option<EventId>,
}

/// The parts of a stored PLOVER record the pages read. Every field is optional, so that a record
/// written by an older or newer vigie still shows what it has.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct RecordView {
    pub actor: Vec<SideView>,
    pub recipient: Vec<SideView>,
    pub evidence: Vec<EvidenceView>,
    pub text: String,
    pub text_info: Option<TextInfoView>,
    pub event_loc: Option<PlaceView>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct SideView {
    pub code: Option<String>,
    pub sector: Option<String>,
    pub name: String,
    pub span: Option<[u32; 2]>,
    pub inferred: bool,
}

impl SideView {
    /// "MLI GOV", "FRA", "?" when the coder could not tell.
    pub fn codes(&self) -> String {
        match (&self.code, &self.sector) {
            (Some(c), Some(s)) => format!("{c} {s}"),
            (Some(c), None) => c.clone(),
            (None, Some(s)) => s.clone(),
            (None, None) => "?".into(),
        }
    }
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct EvidenceView {
    pub text: String,
    pub sentence: [u32; 2],
    pub trigger: [u32; 2],
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct TextInfoView {
    pub sentence: [u32; 2],
    pub trigger: [u32; 2],
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct PlaceView {
    pub name: String,
    pub country: Option<String>,
}

impl RecordView {
    pub fn of(event: &StoredEvent) -> RecordView {
        RecordView::deserialize(&event.record).unwrap_or_default()
    }

    /// The first piece of evidence: the sentence and the trigger, as document offsets.
    pub fn first_evidence(&self) -> Option<EvidenceView> {
        self.evidence.first().cloned().or_else(|| {
            self.text_info.as_ref().map(|info| EvidenceView {
                text: self.text.clone(),
                sentence: info.sentence,
                trigger: info.trigger,
            })
        })
    }
}

/// Character offsets of a text mapped to byte offsets, for slicing by character spans.
pub struct CharIndex<'t> {
    text: &'t str,
    bytes: Vec<usize>,
}

impl<'t> CharIndex<'t> {
    pub fn new(text: &'t str) -> CharIndex<'t> {
        let mut bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        bytes.push(text.len());
        CharIndex { text, bytes }
    }

    pub fn chars(&self) -> u32 {
        (self.bytes.len() - 1) as u32
    }

    /// The text of `[start, end)`, or `None` when the span is empty or outside the text.
    pub fn slice(&self, start: u32, end: u32) -> Option<&'t str> {
        if start >= end {
            return None;
        }
        let from = *self.bytes.get(start as usize)?;
        let to = *self.bytes.get(end as usize)?;
        self.text.get(from..to)
    }
}

/// Splits a sentence around its trigger: the text before, the trigger and the text after. Offsets
/// are the document's; a trigger outside the sentence leaves the whole sentence unmarked.
pub fn split_trigger(sentence: &str, sentence_span: [u32; 2], trigger: [u32; 2]) -> [&str; 3] {
    let index = CharIndex::new(sentence);
    let relative = |offset: u32| offset.checked_sub(sentence_span[0]);
    let parts = relative(trigger[0])
        .zip(relative(trigger[1]))
        .and_then(|(s, e)| {
            let before = if s == 0 { "" } else { index.slice(0, s)? };
            let marked = index.slice(s, e)?;
            let after = if e == index.chars() {
                ""
            } else {
                index.slice(e, index.chars())?
            };
            Some([before, marked, after])
        });
    parts.unwrap_or([sentence, "", ""])
}

/// Every coded span of a document, sorted by position; `pipeline` adds what recognition finds in the
/// text. Spans outside the text are dropped.
pub fn document_spans(detail: &DocumentDetail, pipeline: Option<&Pipeline>) -> Vec<CodedSpan> {
    let text = &detail.document.text;
    let index = CharIndex::new(text);
    let mut spans = Vec::new();
    let mut push = |kind, [start, end]: [u32; 2], label: String, event_id| {
        if let Some(surface) = index.slice(start, end) {
            spans.push(CodedSpan {
                kind,
                start,
                end,
                text: surface.to_string(),
                label,
                event_id,
            });
        }
    };
    for event in &detail.events {
        let record = RecordView::of(event);
        let label = match &event.mode {
            Some(mode) => format!("{} / {mode} (CAMEO {})", event.event, event.cameo),
            None => format!("{} (CAMEO {})", event.event, event.cameo),
        };
        for evidence in &record.evidence {
            push(
                SpanKind::Trigger,
                evidence.trigger,
                label.clone(),
                Some(event.id),
            );
        }
        for side in record.actor.iter().chain(&record.recipient) {
            if let Some(span) = side.span {
                push(SpanKind::Actor, span, side.codes(), Some(event.id));
            }
        }
    }
    if let Some(pipeline) = pipeline.filter(|_| text.len() <= MAX_ANALYSED_BYTES) {
        let document = Document {
            text: text.clone(),
            date: detail.document.meta.published,
            lang: detail
                .document
                .meta
                .language
                .as_deref()
                .and_then(|l| l.parse().ok()),
            ..Document::default()
        };
        let analysis = pipeline.analyze(&document, AnalyzeOptions::default());
        let recognised = report(&analysis, None);
        for sentence in &recognised.sentences {
            for actor in &sentence.actors {
                let codes = [actor.code, actor.sector]
                    .iter()
                    .flatten()
                    .map(|c| c.to_string())
                    .collect::<Vec<_>>()
                    .join(" ");
                let label = match actor.person {
                    Some(person) => format!("{codes}: {person}"),
                    None => codes,
                };
                push(SpanKind::Actor, actor.span, label, None);
            }
            for place in &sentence.places {
                let label = match place.country {
                    Some(c) => format!("{} ({c})", place.place),
                    None => place.place.to_string(),
                };
                push(SpanKind::Place, place.span, label, None);
            }
            for date in &sentence.dates {
                let label = date.value.clone().unwrap_or_else(|| date.text.to_string());
                push(SpanKind::Date, date.span, label, None);
            }
        }
    }
    spans.sort_by(|a, b| {
        (a.start, a.end, a.kind, a.event_id).cmp(&(b.start, b.end, b.kind, b.event_id))
    });
    // A span both a record and recognition report is kept once, with the record's event.
    spans.dedup_by(|later, earlier| {
        later.start == earlier.start && later.end == earlier.end && later.kind == earlier.kind
    });
    spans
}

/// One stretch of text with at most one highlight.
#[derive(Debug, PartialEq)]
pub struct Segment<'t> {
    pub text: &'t str,
    /// The span shown on this stretch (an index into the spans), the most important when several
    /// overlap: a trigger before an actor, a place or a date, then the shortest.
    pub span: Option<usize>,
    /// Anchors that start here.
    pub anchors: Vec<String>,
}

/// Cuts `text` at every span boundary and anchor so that each piece carries one highlight; anchors are
/// `(character offset, id)`.
pub fn segments<'t>(
    text: &'t str,
    spans: &[CodedSpan],
    anchors: &[(u32, String)],
) -> Vec<Segment<'t>> {
    let index = CharIndex::new(text);
    let total = index.chars();
    let mut cuts: Vec<u32> = vec![0, total];
    for s in spans {
        cuts.extend([s.start.min(total), s.end.min(total)]);
    }
    cuts.extend(anchors.iter().map(|(at, _)| (*at).min(total)));
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = Vec::new();
    for pair in cuts.windows(2) {
        let (start, end) = (pair[0], pair[1]);
        let Some(piece) = index.slice(start, end) else {
            continue;
        };
        let span = spans
            .iter()
            .enumerate()
            .filter(|(_, s)| s.start <= start && s.end >= end)
            .min_by_key(|(_, s)| (s.kind, s.end.saturating_sub(s.start)))
            .map(|(i, _)| i);
        let anchors = anchors
            .iter()
            .filter(|(at, _)| *at == start)
            .map(|(_, id)| id.clone())
            .collect();
        out.push(Segment {
            text: piece,
            span,
            anchors,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(kind: SpanKind, start: u32, end: u32) -> CodedSpan {
        CodedSpan {
            kind,
            start,
            end,
            text: String::new(),
            label: String::new(),
            event_id: None,
        }
    }

    #[test]
    fn slices_by_characters_not_bytes() {
        let index = CharIndex::new("Hé, à Bamako");
        assert_eq!(index.chars(), 12);
        assert_eq!(index.slice(6, 12), Some("Bamako"));
        assert_eq!(index.slice(1, 2), Some("é"));
        assert_eq!(index.slice(6, 13), None);
        assert_eq!(index.slice(3, 3), None);
    }

    #[test]
    fn triggers_split_their_sentence() {
        let sentence = "Le Mali a expulsé l'ambassadeur.";
        assert_eq!(
            split_trigger(sentence, [100, 132], [110, 117]),
            ["Le Mali a ", "expulsé", " l'ambassadeur."]
        );
        assert_eq!(
            split_trigger(sentence, [100, 132], [90, 95]),
            [sentence, "", ""]
        );
    }

    #[test]
    fn overlapping_spans_show_the_most_important() {
        let text = "La France expulse deux diplomates.";
        let spans = [
            span(SpanKind::Actor, 3, 9),
            span(SpanKind::Place, 3, 9),
            span(SpanKind::Trigger, 10, 17),
            span(SpanKind::Date, 50, 60),
        ];
        let segs = segments(text, &spans, &[(0, "event-1".into())]);
        let shown: Vec<(&str, Option<SpanKind>)> = segs
            .iter()
            .map(|s| (s.text, s.span.map(|i| spans[i].kind)))
            .collect();
        assert_eq!(
            shown,
            vec![
                ("La ", None),
                ("France", Some(SpanKind::Actor)),
                (" ", None),
                ("expulse", Some(SpanKind::Trigger)),
                (" deux diplomates.", None),
            ]
        );
        assert_eq!(segs[0].anchors, vec!["event-1".to_string()]);
        let joined: String = segs.iter().map(|s| s.text).collect();
        assert_eq!(joined, text);
    }
}

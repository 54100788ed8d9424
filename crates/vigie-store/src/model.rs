//! The values the store takes and returns, the same for every backend: plain structs that serialise
//! with serde, so that an HTTP API can hand them out as they are.

use std::fmt;

use jiff::civil::Date;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use vigie_core::coder::Modality;
use vigie_core::dates::Precision;

use crate::calendar::Period;
use crate::dyad_ranking::{DyadActivity, DyadChange};
use crate::series::{NotableKind, SeriesPoint};

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}", self.0)
            }
        }
    };
}

id_type!(
    /// A stored document.
    DocId
);
id_type!(
    /// A stored event record (one document's report of an event).
    EventId
);
id_type!(
    /// A real-world event: the cluster of the records that report it.
    ClusterId
);

/// A document to store. The store computes its content hash; `published` is the publication date
/// (relative dates in the text resolve against it), `fetched_at` when it was read.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct NewDocument {
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub author: Option<String>,
    pub title: Option<String>,
    /// ISO 639-1 (`fr`, `en`).
    pub language: Option<String>,
    pub published: Option<Date>,
    pub fetched_at: Option<Timestamp>,
    pub text: String,
}

/// What [`crate::EventStore::put_document`] did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", content = "id", rename_all = "snake_case")]
pub enum PutOutcome {
    Inserted(DocId),
    /// The store already had the document (same URL or same content hash), under this id; nothing was
    /// written.
    Duplicate(DocId),
}

impl PutOutcome {
    pub fn id(self) -> DocId {
        match self {
            PutOutcome::Inserted(id) | PutOutcome::Duplicate(id) => id,
        }
    }
}

/// A stored document without its text.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DocumentMeta {
    pub id: DocId,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub author: Option<String>,
    pub title: Option<String>,
    pub language: Option<String>,
    pub published: Option<Date>,
    pub fetched_at: Option<Timestamp>,
    pub content_hash: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StoredDocument {
    #[serde(flatten)]
    pub meta: DocumentMeta,
    pub text: String,
}

/// The conditional-GET validators of a feed, kept between polls.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedState {
    pub url: String,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub last_polled: Option<Timestamp>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Order {
    /// By event day, then by id (undated events first).
    #[default]
    OldestFirst,
    NewestFirst,
}

/// Which events to list. Every field narrows the list; `None` leaves it open.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EventFilter {
    /// A code on the actor side (any participant).
    pub actor: Option<String>,
    /// A code on the recipient side (any participant).
    pub recipient: Option<String>,
    /// The PLOVER event type (`ASSAULT`).
    pub event: Option<String>,
    pub mode: Option<String>,
    pub modality: Option<Modality>,
    pub quad: Option<u8>,
    /// Events whose day is on or after.
    pub from: Option<Date>,
    /// Events whose day is on or before.
    pub to: Option<Date>,
    /// Words that must all occur in the event's document (title or text); a trailing `*` matches a
    /// prefix.
    pub text: Option<String>,
    pub order: Order,
}

/// A page request for keyset pagination: `after` is the `next` cursor of the previous page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageRequest {
    pub after: Option<String>,
    pub limit: usize,
}

/// The largest page the store returns.
pub const MAX_PAGE: usize = 10_000;

impl Default for PageRequest {
    fn default() -> PageRequest {
        PageRequest {
            after: None,
            limit: 100,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// The cursor of the next page, `None` on the last one.
    pub next: Option<String>,
}

/// Where an event was read.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EventSource {
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub title: Option<String>,
    pub published: Option<Date>,
    pub fetched_at: Option<Timestamp>,
}

/// The counts of the cluster an event belongs to, in GDELT's terms.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct ClusterCounts {
    pub mentions: u64,
    pub articles: u64,
    pub sources: u64,
}

/// One stored event record: its indexed fields and the full record as vigie coded it (PLOVER JSON).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StoredEvent {
    pub id: EventId,
    pub doc_id: DocId,
    pub cluster_id: Option<ClusterId>,
    /// The event date at its precision, as coded (`2025-09-20`, `2025-W38`, `2025-09`, `2025`).
    pub date: Option<String>,
    /// The precision of `day`: the coded date's, or `day` when the publication day stands in.
    pub date_precision: Option<Precision>,
    /// The day the store places the event on: the first day of its date, else the publication day.
    pub day: Option<Date>,
    pub event: String,
    pub mode: Option<String>,
    pub cameo: String,
    pub modality: Modality,
    pub quad: u8,
    pub goldstein: Option<f64>,
    pub event_scale: f64,
    pub mentions: u64,
    /// The first actor's and recipient's codes and sectors.
    pub actor_code: Option<String>,
    pub actor_sector: Option<String>,
    pub recipient_code: Option<String>,
    pub recipient_sector: Option<String>,
    pub source: EventSource,
    pub cluster: Option<ClusterCounts>,
    /// The record exactly as it was stored.
    pub record: serde_json::Value,
}

/// One piece of evidence: character offsets `[start, end)` in the document and the sentence.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EvidenceSpan {
    pub sentence: [u32; 2],
    pub trigger: [u32; 2],
    pub text: String,
}

/// What a table row of events shows and links to: the article and the first evidence of an event,
/// without its record or the article's text.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ReportHead {
    pub event_id: EventId,
    pub doc_id: DocId,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub evidence: Option<EvidenceSpan>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EventDetail {
    pub event: StoredEvent,
    pub evidence: Vec<EvidenceSpan>,
    pub document: StoredDocument,
    pub cluster: Option<ClusterSummary>,
}

/// A real-world event as the store merged it from one or more reports.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ClusterSummary {
    pub id: ClusterId,
    pub event: String,
    pub mode: Option<String>,
    pub actors: Vec<String>,
    pub recipients: Vec<String>,
    pub actor_sector: Option<String>,
    pub recipient_sector: Option<String>,
    /// The representative report's day.
    pub date: Option<Date>,
    /// The strongest modality among the reports.
    pub modality: Modality,
    pub quad: u8,
    pub goldstein: Option<f64>,
    pub event_scale: f64,
    pub mentions: u64,
    pub articles: u64,
    pub sources: u64,
    pub first_report: Option<Date>,
    pub last_report: Option<Date>,
    pub representative: EventId,
    /// The representative report's sentence.
    pub text: String,
}

/// One article's report of a cluster.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ClusterReport {
    pub event_id: EventId,
    pub modality: Modality,
    pub date: Option<String>,
    pub document: DocumentMeta,
    pub evidence: Vec<EvidenceSpan>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ClusterDetail {
    pub cluster: ClusterSummary,
    pub reports: Vec<ClusterReport>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DocumentDetail {
    pub document: StoredDocument,
    pub events: Vec<StoredEvent>,
}

/// A document that matches a full-text search.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DocumentHit {
    pub document: DocumentMeta,
    /// A passage around the matches, the matched words in `[` `]`.
    pub snippet: String,
    /// The search engine's relevance (higher is more relevant).
    pub relevance: f64,
}

/// Which of a pair's real-world events (clusters) a table shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClusterFilter {
    pub event: Option<String>,
    pub modality: Option<Modality>,
    pub quad: Option<u8>,
}

/// A pair of actor codes: `actor` → `recipient` when directed, either way otherwise.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Dyad {
    pub actor: String,
    pub recipient: String,
    pub directed: bool,
}

impl Dyad {
    /// The pair with upper-case codes, the smaller code first when undirected (as the index keys it).
    pub fn normalized(&self) -> Dyad {
        let (a, r) = (
            self.actor.trim().to_ascii_uppercase(),
            self.recipient.trim().to_ascii_uppercase(),
        );
        let (actor, recipient) = if !self.directed && r < a {
            (r, a)
        } else {
            (a, r)
        };
        Dyad {
            actor,
            recipient,
            directed: self.directed,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct RelationsQuery {
    pub dyad: Dyad,
    pub period: Period,
    /// The range of the series (whole periods: the ones containing these days); the pair's first and
    /// last event days when absent.
    pub from: Option<Date>,
    pub to: Option<Date>,
}

/// A notable point of a relations series with the events behind it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NotablePoint {
    pub period: String,
    pub start: Date,
    pub score: Option<f64>,
    #[serde(flatten)]
    pub kind: NotableKind,
    /// "lowest score in 2 years", "score fell 4.1 points below its 6-month baseline (+2.3)".
    pub description: String,
    /// Every cluster of the period, the most conflictual first.
    pub cluster_ids: Vec<ClusterId>,
    /// The first few of them, described.
    pub clusters: Vec<ClusterSummary>,
}

/// How many clusters a notable point describes.
pub const NOTABLE_CLUSTERS_SHOWN: usize = 5;

/// The relations of a pair of actors over time.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Relations {
    pub dyad: Dyad,
    pub period: Period,
    pub from: Option<Date>,
    pub to: Option<Date>,
    pub points: Vec<SeriesPoint>,
    /// The smoothed score, one character per period.
    pub score_sparkline: String,
    /// The number of events, one character per period.
    pub activity_sparkline: String,
    pub notable: Vec<NotablePoint>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct DyadsQuery {
    /// The range; the first and last event days in the index when absent.
    pub from: Option<Date>,
    pub to: Option<Date>,
    /// The recent window is the range's last `recent_days` days; the baseline the rest.
    pub recent_days: u32,
    pub limit: usize,
    /// Scored events a pair needs in the baseline and in the recent window to rank as changing.
    pub min_events: u64,
    pub directed: bool,
}

impl Default for DyadsQuery {
    fn default() -> DyadsQuery {
        DyadsQuery {
            from: None,
            to: None,
            recent_days: 30,
            limit: 10,
            min_events: 3,
            directed: false,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DyadRanking {
    pub from: Option<Date>,
    pub to: Option<Date>,
    pub recent_from: Option<Date>,
    pub directed: bool,
    pub most_active: Vec<DyadActivity>,
    pub fastest_changing: Vec<DyadChange>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn undirected_pairs_put_the_smaller_code_first() {
        let d = |a: &str, r: &str, directed| Dyad {
            actor: a.into(),
            recipient: r.into(),
            directed,
        };
        assert_eq!(d("mli", "fra", false).normalized(), d("FRA", "MLI", false));
        assert_eq!(d("mli", "fra", true).normalized(), d("MLI", "FRA", true));
    }

    #[test]
    fn outcomes_serialise_with_their_id() {
        let json = serde_json::to_string(&PutOutcome::Duplicate(DocId(7))).expect("json");
        assert_eq!(json, r#"{"outcome":"duplicate","id":7}"#);
    }
}

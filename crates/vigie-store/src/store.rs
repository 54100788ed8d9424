//! The interface every backend implements ([`EventStore`]): writes, queries, and the relations index's
//! primitives. Relations series and dyad rankings are computed here, once, from those primitives.

use jiff::civil::Date;
use jiff::SignedDuration;
use vigie_core::coder::record::EventRecord;

use crate::calendar::Period;
use crate::dyad_ranking::{fastest_changing, most_active, DyadTotals};
use crate::error::StoreError;
use crate::model::{
    ClusterDetail, ClusterFilter, ClusterId, ClusterSummary, DocId, DocumentDetail, DocumentHit,
    Dyad, DyadRanking, DyadsQuery, EventDetail, EventFilter, EventId, FeedState, NewDocument,
    NotablePoint, Page, PageRequest, PutOutcome, Relations, RelationsQuery, ReportHead,
    StoredDocument, StoredEvent, NOTABLE_CLUSTERS_SHOWN,
};
use crate::series::{build_series, describe, notable_points, sparkline, DayCounts, SeriesRules};

/// The last day of the period that contains `day`.
fn period_end(period: Period, day: Date) -> Date {
    let start = period.start_of(day);
    period
        .next(start)
        .and_then(|next| next.checked_sub(SignedDuration::from_hours(24)).ok())
        .unwrap_or(start)
}

/// A store of documents, coded events, clusters and the relations index.
///
/// Writes are atomic per call: a document, its events and every cluster and index update they cause
/// are stored together or not at all, so an interrupted ingest that is run again ends with the same
/// store as an uninterrupted one.
pub trait EventStore {
    /// Stores a document and its events. A document with the URL or the content hash of a stored one
    /// is not stored again: the outcome is `Duplicate` with the stored id, and `events` are ignored.
    fn put_document(
        &mut self,
        doc: &NewDocument,
        events: &[EventRecord],
    ) -> Result<PutOutcome, StoreError>;

    /// Stores several documents in one transaction: all of them or none, and much faster than one by
    /// one, since a commit writes every page it touched. The outcomes are in the order of `batch`; a
    /// document repeated within the batch is a duplicate of its first copy.
    fn put_documents(
        &mut self,
        batch: &[(&NewDocument, &[EventRecord])],
    ) -> Result<Vec<PutOutcome>, StoreError> {
        batch
            .iter()
            .map(|(doc, events)| self.put_document(doc, events))
            .collect()
    }

    /// The stored document with this URL or, failing that, this text (by content hash): what
    /// `put_document` would call a duplicate. Lets a caller skip coding or fetching what is already
    /// stored.
    fn find_document(
        &self,
        url: Option<&str>,
        text: Option<&str>,
    ) -> Result<Option<DocId>, StoreError>;

    /// Replaces a document's events (re-coding after a dictionary change); clusters and the relations
    /// index follow.
    fn replace_events(&mut self, doc: DocId, events: &[EventRecord]) -> Result<(), StoreError>;

    /// Up to `limit` stored documents with an id above `after`, in id order: a full pass over the store
    /// for re-coding, one batch at a time.
    fn documents_after(
        &self,
        after: Option<DocId>,
        limit: usize,
    ) -> Result<Vec<StoredDocument>, StoreError>;

    fn feed_state(&self, feed_url: &str) -> Result<Option<FeedState>, StoreError>;

    /// Creates or replaces the state of `state.url`.
    fn set_feed_state(&mut self, state: &FeedState) -> Result<(), StoreError>;

    /// Events that pass `filter`, one page at a time (keyset pagination: pages stay consistent while
    /// documents are added).
    fn events(
        &self,
        filter: &EventFilter,
        page: &PageRequest,
    ) -> Result<Page<StoredEvent>, StoreError>;

    fn event(&self, id: EventId) -> Result<Option<EventDetail>, StoreError>;

    /// The article and first evidence of each event, in the order of `ids`; unknown ids are left
    /// out. Much lighter than [`EventStore::event`] for a table of events.
    fn report_heads(&self, ids: &[EventId]) -> Result<Vec<ReportHead>, StoreError>;

    /// A cluster with every article and sentence that reported it.
    fn cluster(&self, id: ClusterId) -> Result<Option<ClusterDetail>, StoreError>;

    fn document(&self, id: DocId) -> Result<Option<DocumentDetail>, StoreError>;

    /// Documents whose title or text contain every word of `query` (a trailing `*` matches a prefix),
    /// the most relevant first.
    fn search_documents(&self, query: &str, limit: usize) -> Result<Vec<DocumentHit>, StoreError>;

    /// The relations index of a pair, one entry per day with events, in day order.
    fn dyad_days(
        &self,
        dyad: &Dyad,
        from: Option<Date>,
        to: Option<Date>,
    ) -> Result<Vec<DayCounts>, StoreError>;

    /// The relations index of a pair summed by `period`, one entry per period with events dated
    /// its first day, up to the period of `to`. Weekly and monthly series read these instead of
    /// every day; a backend without such sums may return the days, which series bin the same way.
    fn dyad_period_sums(
        &self,
        dyad: &Dyad,
        _period: Period,
        to: Option<Date>,
    ) -> Result<Vec<DayCounts>, StoreError> {
        self.dyad_days(dyad, None, to)
    }

    /// The clusters a pair's index counts between two days (inclusive), the most conflictual first
    /// (lowest Goldstein score, then id).
    fn dyad_cluster_ids(
        &self,
        dyad: &Dyad,
        from: Date,
        to: Date,
    ) -> Result<Vec<ClusterId>, StoreError>;

    /// A pair's counted clusters that pass `filter`, with days from `from` to `to` (inclusive),
    /// newest first (day, then id), at most `limit`. Read in date order from the index, so that a page
    /// costs about its own length.
    fn dyad_clusters(
        &self,
        dyad: &Dyad,
        from: Option<Date>,
        to: Option<Date>,
        filter: &ClusterFilter,
        limit: usize,
    ) -> Result<Vec<ClusterSummary>, StoreError>;

    /// Summaries of clusters, in the order of `ids`; unknown ids are left out.
    fn cluster_summaries(&self, ids: &[ClusterId]) -> Result<Vec<ClusterSummary>, StoreError>;

    /// Every pair's totals between two days, split at `recent_from`. Pairs of a code with itself
    /// (domestic events) are left out.
    fn dyad_totals(
        &self,
        from: Date,
        to: Date,
        recent_from: Date,
        directed: bool,
    ) -> Result<Vec<DyadTotals>, StoreError>;

    /// The first and last days in the relations index.
    fn index_extent(&self) -> Result<Option<(Date, Date)>, StoreError>;

    /// The relations of a pair over time: the series, its sparklines and its notable points, each
    /// with the clusters behind it. Points are whole periods, from the one containing `from` to the one
    /// containing `to`; scores and notable points are computed over the pair's whole history before
    /// `to`, so that they do not depend on where the range starts.
    fn relations(&self, query: &RelationsQuery) -> Result<Relations, StoreError> {
        let dyad = query.dyad.normalized();
        if let (Some(from), Some(to)) = (query.from, query.to) {
            if from > to {
                return Err(StoreError::InvalidArgument(format!(
                    "the range starts ({from}) after it ends ({to})"
                )));
            }
        }
        // The whole history up to `to` is read, so that a period's score and how far back a low
        // reaches do not depend on where the requested range starts.
        let last_day = query.to.map(|to| period_end(query.period, to));
        let (days, from, to) = if query.period != Period::Day {
            // Period sums: the pair's first and last days with events are read from the days of
            // the first and last periods only.
            let sums = self.dyad_period_sums(&dyad, query.period, last_day)?;
            let edge_days = |sum: Option<&DayCounts>| -> Result<Vec<DayCounts>, StoreError> {
                match sum {
                    Some(s) => {
                        self.dyad_days(&dyad, Some(s.day), Some(period_end(query.period, s.day)))
                    }
                    None => Ok(Vec::new()),
                }
            };
            let from = match query.from {
                Some(from) => Some(from),
                None => edge_days(sums.first())?.first().map(|d| d.day),
            };
            let to = match query.to {
                Some(to) => Some(to),
                None => edge_days(sums.last())?.last().map(|d| d.day),
            };
            (sums, from, to)
        } else {
            let days = self.dyad_days(&dyad, None, last_day)?;
            let from = query.from.or(days.first().map(|d| d.day));
            let to = query.to.or(days.last().map(|d| d.day));
            (days, from, to)
        };
        let (points, notable) = match (from, to) {
            (Some(from), Some(to)) => {
                let history_start = days.first().map_or(from, |d| d.day.min(from));
                let last_day = period_end(query.period, to);
                let mut points = build_series(&days, history_start, last_day, query.period);
                let rules = SeriesRules::for_period(query.period);
                let first_shown = query.period.start_of(from);
                let hidden = points.iter().take_while(|p| p.start < first_shown).count();
                let mut notable = Vec::new();
                for n in notable_points(&points, rules) {
                    if n.index < hidden {
                        continue;
                    }
                    let point = &points[n.index];
                    let end = period_end(query.period, point.start);
                    let cluster_ids = self.dyad_cluster_ids(&dyad, point.start, end)?;
                    let shown = &cluster_ids[..cluster_ids.len().min(NOTABLE_CLUSTERS_SHOWN)];
                    notable.push(NotablePoint {
                        period: point.period.clone(),
                        start: point.start,
                        score: point.score,
                        description: describe(&n.kind, query.period, rules),
                        kind: n.kind,
                        clusters: self.cluster_summaries(shown)?,
                        cluster_ids,
                    });
                }
                points.drain(..hidden);
                (points, notable)
            }
            _ => (Vec::new(), Vec::new()),
        };
        let scores: Vec<Option<f64>> = points.iter().map(|p| p.score).collect();
        let activity: Vec<Option<f64>> = points.iter().map(|p| Some(p.clusters as f64)).collect();
        Ok(Relations {
            dyad: Dyad {
                actor: query.dyad.actor.trim().to_ascii_uppercase(),
                recipient: query.dyad.recipient.trim().to_ascii_uppercase(),
                directed: query.dyad.directed,
            },
            period: query.period,
            from,
            to,
            score_sparkline: sparkline(&scores),
            activity_sparkline: sparkline(&activity),
            points,
            notable,
        })
    }

    /// The most active and the fastest-changing pairs over a date range.
    fn dyads(&self, query: &DyadsQuery) -> Result<DyadRanking, StoreError> {
        let extent = self.index_extent()?;
        let from = query.from.or(extent.map(|e| e.0));
        let to = query.to.or(extent.map(|e| e.1));
        let (Some(from), Some(to)) = (from, to) else {
            return Ok(DyadRanking {
                from,
                to,
                recent_from: None,
                directed: query.directed,
                most_active: Vec::new(),
                fastest_changing: Vec::new(),
            });
        };
        if from > to {
            return Err(StoreError::InvalidArgument(format!(
                "the range starts ({from}) after it ends ({to})"
            )));
        }
        let back = i64::from(query.recent_days.max(1)) - 1;
        let recent_from = to
            .checked_sub(SignedDuration::from_hours(24 * back))
            .unwrap_or(from)
            .max(from);
        let totals = self.dyad_totals(from, to, recent_from, query.directed)?;
        Ok(DyadRanking {
            from: Some(from),
            to: Some(to),
            recent_from: Some(recent_from),
            directed: query.directed,
            most_active: most_active(&totals, query.limit),
            fastest_changing: fastest_changing(&totals, query.min_events, query.limit),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SqliteStore;

    fn assert_send<T: Send>() {}

    #[test]
    fn a_server_can_hold_any_backend_behind_the_trait() {
        assert_send::<SqliteStore>();
        let mut store: Box<dyn EventStore + Send> =
            Box::new(SqliteStore::open_in_memory().expect("memory store"));
        let doc = NewDocument {
            text: "Le Mali a expulsé l'ambassadeur.".into(),
            ..NewDocument::default()
        };
        let id = store.put_document(&doc, &[]).expect("put").id();
        assert_eq!(
            store.put_document(&doc, &[]).expect("again"),
            PutOutcome::Duplicate(id)
        );
        assert_eq!(store.index_extent().expect("extent"), None);
        let empty = store
            .relations(&RelationsQuery {
                dyad: Dyad {
                    actor: "FRA".into(),
                    recipient: "MLI".into(),
                    directed: false,
                },
                period: Period::Month,
                from: None,
                to: None,
            })
            .expect("relations");
        assert!(empty.points.is_empty() && empty.notable.is_empty());
    }
}

//! Queries on the SQLite store: events with filters and keyset pagination, one event, cluster or
//! document with what belongs to it, full-text search, and the relations index's primitives.

use jiff::civil::Date;
use jiff::Timestamp;
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Row};

use crate::calendar::{
    date_of_day, day_number, month_number, month_start, parse_precision, week_start, Period,
};
use crate::clustering::{modality_of_rank, modality_rank, split_side_key};
use crate::dyad_ranking::DyadTotals;
use crate::error::StoreError;
use crate::model::{
    ClusterCounts, ClusterDetail, ClusterFilter, ClusterId, ClusterReport, ClusterSummary, DocId,
    DocumentDetail, DocumentHit, DocumentMeta, Dyad, EventDetail, EventFilter, EventId,
    EventSource, EvidenceSpan, FeedState, Order, Page, PageRequest, ReportHead, StoredDocument,
    StoredEvent, MAX_PAGE,
};
use crate::series::DayCounts;

use super::fts::match_expression;
use super::schema::UNDATED_DAY;

fn corrupt(what: &'static str, detail: impl ToString) -> StoreError {
    StoreError::Corrupt {
        what,
        detail: detail.to_string(),
    }
}

fn parse_date(text: Option<String>) -> Result<Option<Date>, StoreError> {
    text.map(|t| {
        t.parse::<Date>()
            .map_err(|e| corrupt("date", format!("{t:?}: {e}")))
    })
    .transpose()
}

fn parse_timestamp(text: Option<String>) -> Result<Option<Timestamp>, StoreError> {
    text.map(|t| {
        t.parse::<Timestamp>()
            .map_err(|e| corrupt("timestamp", format!("{t:?}: {e}")))
    })
    .transpose()
}

fn day_date(day: Option<i64>) -> Result<Option<Date>, StoreError> {
    day.map(|d| date_of_day(d).ok_or_else(|| corrupt("day", d)))
        .transpose()
}

fn modality(rank: u8) -> Result<vigie_core::coder::Modality, StoreError> {
    modality_of_rank(rank).ok_or_else(|| corrupt("modality", format!("rank {rank}")))
}

const DOCUMENT_COLUMNS: &str =
    "d.id, d.url, d.outlet, d.author, d.title, d.language, d.published, d.fetched_at, d.content_hash";

/// The raw columns of [`DOCUMENT_COLUMNS`] from `offset` on, before parsing.
type DocumentRow = (
    i64,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    String,
);

fn document_row(r: &Row<'_>, offset: usize) -> rusqlite::Result<DocumentRow> {
    Ok((
        r.get(offset)?,
        r.get(offset + 1)?,
        r.get(offset + 2)?,
        r.get(offset + 3)?,
        r.get(offset + 4)?,
        r.get(offset + 5)?,
        r.get(offset + 6)?,
        r.get(offset + 7)?,
        r.get(offset + 8)?,
    ))
}

fn document_meta(row: DocumentRow) -> Result<DocumentMeta, StoreError> {
    let (id, url, outlet, author, title, language, published, fetched_at, content_hash) = row;
    Ok(DocumentMeta {
        id: DocId(id),
        url,
        outlet,
        author,
        title,
        language,
        published: parse_date(published)?,
        fetched_at: parse_timestamp(fetched_at)?,
        content_hash,
    })
}

const EVENT_COLUMNS: &str =
    "e.id, e.doc_id, e.cluster_id, e.date, e.date_precision, e.day, e.event,
    e.mode, e.cameo, e.modality_rank, e.quad, e.goldstein, e.event_scale, e.mentions, e.actor_code,
    e.actor_sector, e.recipient_code, e.recipient_sector, e.record, d.url, d.outlet, d.title,
    d.published, d.fetched_at, c.mentions, c.articles, c.sources";

const EVENT_FROM: &str =
    "FROM events e JOIN documents d ON d.id = e.doc_id LEFT JOIN clusters c ON c.id = e.cluster_id";

/// The raw columns of [`EVENT_COLUMNS`], parsed outside of rusqlite's row callback so that a bad
/// stored value is a typed error.
struct EventRow {
    id: i64,
    doc_id: i64,
    cluster_id: Option<i64>,
    date: Option<String>,
    date_precision: Option<String>,
    day: Option<i64>,
    event: String,
    mode: Option<String>,
    cameo: String,
    modality_rank: u8,
    quad: u8,
    goldstein: Option<f64>,
    event_scale: f64,
    mentions: i64,
    actor_code: Option<String>,
    actor_sector: Option<String>,
    recipient_code: Option<String>,
    recipient_sector: Option<String>,
    record: String,
    url: Option<String>,
    outlet: Option<String>,
    title: Option<String>,
    published: Option<String>,
    fetched_at: Option<String>,
    cluster_counts: Option<(i64, i64, i64)>,
}

fn event_row(r: &Row<'_>) -> rusqlite::Result<EventRow> {
    let counts: (Option<i64>, Option<i64>, Option<i64>) = (r.get(24)?, r.get(25)?, r.get(26)?);
    Ok(EventRow {
        id: r.get(0)?,
        doc_id: r.get(1)?,
        cluster_id: r.get(2)?,
        date: r.get(3)?,
        date_precision: r.get(4)?,
        day: r.get(5)?,
        event: r.get(6)?,
        mode: r.get(7)?,
        cameo: r.get(8)?,
        modality_rank: r.get(9)?,
        quad: r.get(10)?,
        goldstein: r.get(11)?,
        event_scale: r.get(12)?,
        mentions: r.get(13)?,
        actor_code: r.get(14)?,
        actor_sector: r.get(15)?,
        recipient_code: r.get(16)?,
        recipient_sector: r.get(17)?,
        record: r.get(18)?,
        url: r.get(19)?,
        outlet: r.get(20)?,
        title: r.get(21)?,
        published: r.get(22)?,
        fetched_at: r.get(23)?,
        cluster_counts: match counts {
            (Some(m), Some(a), Some(s)) => Some((m, a, s)),
            _ => None,
        },
    })
}

fn stored_event(row: EventRow) -> Result<StoredEvent, StoreError> {
    let record = serde_json::from_str(&row.record)
        .map_err(|e| corrupt("event record", format!("event {}: {e}", row.id)))?;
    let date_precision = match row.date_precision {
        Some(p) => Some(parse_precision(&p).ok_or_else(|| corrupt("date precision", p))?),
        None => None,
    };
    let count = |n: i64| n.max(0) as u64;
    Ok(StoredEvent {
        id: EventId(row.id),
        doc_id: DocId(row.doc_id),
        cluster_id: row.cluster_id.map(ClusterId),
        date: row.date,
        date_precision,
        day: day_date(row.day)?,
        event: row.event,
        mode: row.mode,
        cameo: row.cameo,
        modality: modality(row.modality_rank)?,
        quad: row.quad,
        goldstein: row.goldstein,
        event_scale: row.event_scale,
        mentions: count(row.mentions),
        actor_code: row.actor_code,
        actor_sector: row.actor_sector,
        recipient_code: row.recipient_code,
        recipient_sector: row.recipient_sector,
        source: EventSource {
            url: row.url,
            outlet: row.outlet,
            title: row.title,
            published: parse_date(row.published)?,
            fetched_at: parse_timestamp(row.fetched_at)?,
        },
        cluster: row.cluster_counts.map(|(m, a, s)| ClusterCounts {
            mentions: count(m),
            articles: count(a),
            sources: count(s),
        }),
        record,
    })
}

/// A page cursor: the last event's day (`-` when undated) and id.
fn parse_cursor(cursor: &str) -> Result<(Option<i64>, i64), StoreError> {
    let bad = || StoreError::BadCursor(cursor.to_string());
    let (day, id) = cursor.split_once(':').ok_or_else(bad)?;
    let id = id.parse().map_err(|_| bad())?;
    let day = match day {
        "-" => None,
        d => Some(d.parse().map_err(|_| bad())?),
    };
    Ok((day, id))
}

fn cursor_of(event: &StoredEvent) -> String {
    match event.day {
        Some(d) => format!("{}:{}", day_number(d), event.id),
        None => format!("-:{}", event.id),
    }
}

/// The most documents a full-text query may match for its events to be read through the documents
/// (then sorted); above it, events are read in date order and each one's document is checked.
const NARROW_TEXT_QUERY: i64 = 1_000;

/// The table a filtered list of events is read from, in (day, id) order, so that the first page
/// costs about its own length whatever the size of the store.
#[derive(Clone, Debug, PartialEq)]
enum Driver {
    /// `events` through one of its indexes by a column and the day.
    Events(EventIndex),
    /// The events of the documents a narrow full-text query (the expression) matches, sorted
    /// afterwards.
    Documents(String),
    /// `event_codes`: the events with a code on one side.
    Code { code: String, side: i64 },
    /// `event_pairs`: the events with an actor code and a recipient code.
    Pair { actor: String, recipient: String },
}

/// The indexes of `events` that end with the day, so that they give events in date order.
#[derive(Clone, Copy, Debug, PartialEq)]
enum EventIndex {
    Day,
    Type,
    Mode,
    Modality,
    Quad,
}

impl EventIndex {
    fn name(self) -> &'static str {
        match self {
            EventIndex::Day => "events_by_day",
            EventIndex::Type => "events_by_type_day",
            EventIndex::Mode => "events_by_mode",
            EventIndex::Modality => "events_by_modality",
            EventIndex::Quad => "events_by_quad",
        }
    }
}

impl Driver {
    /// The FROM clause, the driving table first (CROSS JOIN and INDEXED BY keep SQLite to it).
    fn from(&self) -> String {
        let rest =
            "JOIN documents d ON d.id = e.doc_id LEFT JOIN clusters c ON c.id = e.cluster_id";
        match self {
            Driver::Events(index) => format!("FROM events e INDEXED BY {} {rest}", index.name()),
            Driver::Documents(_) => {
                format!("FROM documents_fts f CROSS JOIN events e ON e.doc_id = f.rowid {rest}")
            }
            Driver::Code { .. } => {
                format!("FROM event_codes k CROSS JOIN events e ON e.id = k.event_id {rest}")
            }
            Driver::Pair { .. } => {
                format!("FROM event_pairs k CROSS JOIN events e ON e.id = k.event_id {rest}")
            }
        }
    }

    /// The day and id columns the order and the cursor follow.
    fn keys(&self) -> (&'static str, &'static str) {
        match self {
            Driver::Events(_) | Driver::Documents(_) => ("e.day", "e.id"),
            Driver::Code { .. } | Driver::Pair { .. } => ("k.day", "k.event_id"),
        }
    }

    /// Whether undated events are NULL days (`events`) or [`UNDATED_DAY`] (the lookup tables).
    fn null_days(&self) -> bool {
        matches!(self, Driver::Events(_) | Driver::Documents(_))
    }

    /// How many events, up to `cap`, the driving table holds for the filter: the selectivity probe
    /// that picks the driver. The count stops at `cap`, so a probe costs at most `cap` index entries.
    fn probe(
        &self,
        conn: &Connection,
        filter: &EventFilter,
        range: (i64, i64),
        cap: i64,
    ) -> Result<i64, StoreError> {
        let (low, high) = range;
        let count = |sql: &str, key: Vec<Value>| -> Result<i64, StoreError> {
            let mut values = key;
            values.extend([
                Value::Integer(low),
                Value::Integer(high),
                Value::Integer(cap),
            ]);
            Ok(conn
                .prepare_cached(sql)?
                .query_row(params_from_iter(values), |r| r.get(0))?)
        };
        let text = |s: &Option<String>| Value::Text(s.as_deref().unwrap_or("").trim().to_string());
        match self {
            Driver::Code { code, side } => count(
                "SELECT count(*) FROM (SELECT 1 FROM event_codes
                 WHERE code = ? AND side = ? AND day BETWEEN ? AND ? LIMIT ?)",
                vec![Value::Text(code.clone()), Value::Integer(*side)],
            ),
            Driver::Pair { actor, recipient } => count(
                "SELECT count(*) FROM (SELECT 1 FROM event_pairs
                 WHERE actor = ? AND recipient = ? AND day BETWEEN ? AND ? LIMIT ?)",
                vec![Value::Text(actor.clone()), Value::Text(recipient.clone())],
            ),
            Driver::Events(EventIndex::Type) => count(
                "SELECT count(*) FROM (SELECT 1 FROM events INDEXED BY events_by_type_day
                 WHERE event = ? AND day BETWEEN ? AND ? LIMIT ?)",
                vec![Value::Text(
                    filter
                        .event
                        .as_deref()
                        .unwrap_or("")
                        .trim()
                        .to_ascii_uppercase(),
                )],
            ),
            Driver::Events(EventIndex::Mode) => count(
                "SELECT count(*) FROM (SELECT 1 FROM events INDEXED BY events_by_mode
                 WHERE mode = ? AND day BETWEEN ? AND ? LIMIT ?)",
                vec![text(&filter.mode)],
            ),
            Driver::Events(EventIndex::Modality) => count(
                "SELECT count(*) FROM (SELECT 1 FROM events INDEXED BY events_by_modality
                 WHERE modality_rank = ? AND day BETWEEN ? AND ? LIMIT ?)",
                vec![Value::Integer(
                    filter.modality.map_or(0, |m| i64::from(modality_rank(m))),
                )],
            ),
            Driver::Events(EventIndex::Quad) => count(
                "SELECT count(*) FROM (SELECT 1 FROM events INDEXED BY events_by_quad
                 WHERE quad = ? AND day BETWEEN ? AND ? LIMIT ?)",
                vec![Value::Integer(filter.quad.map_or(0, i64::from))],
            ),
            Driver::Events(EventIndex::Day) => count(
                "SELECT count(*) FROM (SELECT 1 FROM events INDEXED BY events_by_day
                 WHERE day BETWEEN ? AND ? LIMIT ?)",
                Vec::new(),
            ),
            Driver::Documents(_) => Ok(0),
        }
    }
}

/// The most index entries a selectivity probe reads.
const PROBE_CAP: i64 = 2_000;

/// Picks the driver: a narrow full-text query, else the candidate whose probe counts the fewest
/// events, else (every probe at its cap) the first candidate, codes before columns. With one
/// candidate no probe runs.
fn choose_driver(
    conn: &Connection,
    filter: &EventFilter,
    narrow_text: Option<&str>,
) -> Result<Driver, StoreError> {
    if let Some(text) = narrow_text {
        return Ok(Driver::Documents(text.to_string()));
    }
    let (actor, recipient) = party_codes(filter);
    let mut candidates = Vec::new();
    match (&actor, &recipient) {
        (Some(a), Some(r)) => candidates.push(Driver::Pair {
            actor: a.clone(),
            recipient: r.clone(),
        }),
        (Some(a), None) => candidates.push(Driver::Code {
            code: a.clone(),
            side: 0,
        }),
        (None, Some(r)) => candidates.push(Driver::Code {
            code: r.clone(),
            side: 1,
        }),
        (None, None) => {}
    }
    for (present, index) in [
        (filter.event.is_some(), EventIndex::Type),
        (filter.mode.is_some(), EventIndex::Mode),
        (filter.modality.is_some(), EventIndex::Modality),
        (filter.quad.is_some(), EventIndex::Quad),
    ] {
        if present {
            candidates.push(Driver::Events(index));
        }
    }
    if filter.from.is_some() || filter.to.is_some() || candidates.is_empty() {
        candidates.push(Driver::Events(EventIndex::Day));
    }
    if candidates.len() == 1 {
        return Ok(candidates.remove(0));
    }
    let range = day_bounds(filter.from, filter.to);
    let mut best: Option<(i64, Driver)> = None;
    for candidate in candidates {
        let n = candidate.probe(conn, filter, range, PROBE_CAP)?;
        if best.as_ref().is_none_or(|(m, _)| n < *m) {
            best = Some((n, candidate));
        }
    }
    Ok(best
        .map(|(_, d)| d)
        .unwrap_or(Driver::Events(EventIndex::Day)))
}

/// A party filter checked on each event: one seek into its participants.
const ACTOR_CHECK: &str =
    "EXISTS (SELECT 1 FROM event_parties x WHERE x.event_id = e.id AND x.side = 0 AND x.code = ?)";
const RECIPIENT_CHECK: &str =
    "EXISTS (SELECT 1 FROM event_parties x WHERE x.event_id = e.id AND x.side = 1 AND x.code = ?)";

fn text_matches(conn: &Connection, expression: &str, limit: i64) -> Result<i64, StoreError> {
    Ok(conn
        .prepare_cached(
            "SELECT count(*) FROM (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?1
             LIMIT ?2)",
        )?
        .query_row(params![expression, limit], |r| r.get(0))?)
}

pub fn events(
    conn: &Connection,
    filter: &EventFilter,
    page: &PageRequest,
) -> Result<Page<StoredEvent>, StoreError> {
    if page.limit == 0 || page.limit > MAX_PAGE {
        return Err(StoreError::InvalidArgument(format!(
            "a page holds 1 to {MAX_PAGE} events, not {}",
            page.limit
        )));
    }
    let cursor = page.after.as_deref().map(parse_cursor).transpose()?;
    let text_query = filter.text.as_deref().map(match_expression).transpose()?;
    let rows: Vec<EventRow> = match text_query {
        Some(q) if text_matches(conn, &q, NARROW_TEXT_QUERY + 1)? > NARROW_TEXT_QUERY => {
            let ids = broad_text_page(conn, filter, &q, cursor, page.limit + 1)?;
            let mut rows = Vec::with_capacity(ids.len());
            let sql = format!("SELECT {EVENT_COLUMNS} {EVENT_FROM} WHERE e.id = ?1");
            let mut stmt = conn.prepare_cached(&sql)?;
            for id in ids {
                rows.extend(stmt.query_row([id], event_row).optional()?);
            }
            rows
        }
        narrow => ordered_rows(
            conn,
            filter,
            &choose_driver(conn, filter, narrow.as_deref())?,
            cursor,
            page.limit + 1,
            EVENT_COLUMNS,
            event_row,
        )?,
    };
    let mut items = rows
        .into_iter()
        .map(stored_event)
        .collect::<Result<Vec<_>, _>>()?;
    let next = if items.len() > page.limit {
        items.truncate(page.limit);
        items.last().map(cursor_of)
    } else {
        None
    };
    Ok(Page { items, next })
}

/// Events examined at a time for a full-text query that matches many documents.
const TEXT_CHUNK: usize = 256;

/// The ids of the next `wanted` events that pass `filter` with a full-text query that matches many
/// documents: the other filters give events in date order, a chunk at a time, and one query on the
/// full-text index per chunk keeps those whose document matches. Looking up each event's document
/// in the index would cost a query per event.
fn broad_text_page(
    conn: &Connection,
    filter: &EventFilter,
    query: &str,
    mut cursor: Option<(Option<i64>, i64)>,
    wanted: usize,
) -> Result<Vec<i64>, StoreError> {
    let key = |r: &Row<'_>| -> rusqlite::Result<(Option<i64>, i64, i64)> {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?))
    };
    let driver = choose_driver(conn, filter, None)?;
    let mut found = Vec::new();
    loop {
        let chunk = ordered_rows(
            conn,
            filter,
            &driver,
            cursor,
            TEXT_CHUNK,
            "e.day, e.id, e.doc_id",
            key,
        )?;
        let Some(&(day, id, _)) = chunk.last() else {
            return Ok(found);
        };
        let matching = matching_documents(conn, query, chunk.iter().map(|&(_, _, doc)| doc))?;
        for &(_, event, doc) in &chunk {
            if matching.binary_search(&doc).is_ok() {
                found.push(event);
                if found.len() == wanted {
                    return Ok(found);
                }
            }
        }
        if chunk.len() < TEXT_CHUNK {
            return Ok(found);
        }
        cursor = Some((day, id));
    }
}

/// Which of `documents` the full-text query matches, sorted: one scan of the index over the range of
/// their ids, or a lookup each when they are few and far apart.
fn matching_documents(
    conn: &Connection,
    query: &str,
    documents: impl Iterator<Item = i64>,
) -> Result<Vec<i64>, StoreError> {
    let mut documents: Vec<i64> = documents.collect();
    documents.sort_unstable();
    documents.dedup();
    let (Some(&low), Some(&high)) = (documents.first(), documents.last()) else {
        return Ok(Vec::new());
    };
    let mut matching = Vec::new();
    if (high - low) as usize > 64 * documents.len() {
        let mut stmt = conn.prepare_cached(
            "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?1 AND rowid = ?2",
        )?;
        for doc in documents {
            matching.extend(
                stmt.query_row(params![query, doc], |r| r.get::<_, i64>(0))
                    .optional()?,
            );
        }
    } else {
        let mut stmt = conn.prepare_cached(
            "SELECT rowid FROM documents_fts
             WHERE documents_fts MATCH ?1 AND rowid BETWEEN ?2 AND ?3",
        )?;
        for doc in stmt.query_map(params![query, low, high], |r| r.get::<_, i64>(0))? {
            let doc = doc?;
            if documents.binary_search(&doc).is_ok() {
                matching.push(doc);
            }
        }
    }
    matching.sort_unstable();
    Ok(matching)
}

/// The actor and recipient codes a filter asks for, upper case.
fn party_codes(filter: &EventFilter) -> (Option<String>, Option<String>) {
    let code = |c: &Option<String>| {
        c.as_deref()
            .map(|c| c.trim().to_ascii_uppercase())
            .filter(|c| !c.is_empty())
    };
    (code(&filter.actor), code(&filter.recipient))
}

/// Up to `wanted` rows of `columns` for the events that pass `filter` after `cursor`, in the
/// filter's order, read through `driver` (the full-text query is applied only by a
/// [`Driver::Documents`]).
fn ordered_rows<T>(
    conn: &Connection,
    filter: &EventFilter,
    driver: &Driver,
    cursor: Option<(Option<i64>, i64)>,
    wanted: usize,
    columns: &str,
    row: impl Fn(&Row<'_>) -> rusqlite::Result<T>,
) -> Result<Vec<T>, StoreError> {
    let (actor, recipient) = party_codes(filter);
    let (day, id) = driver.keys();

    // Only fixed SQL fragments are assembled; every value is a parameter.
    let mut conditions: Vec<String> = Vec::new();
    let mut values: Vec<Value> = Vec::new();
    match driver {
        Driver::Events(_) => {}
        Driver::Documents(text) => {
            conditions.push("f.documents_fts MATCH ?".into());
            values.push(Value::Text(text.clone()));
        }
        Driver::Code { code, side } => {
            conditions.push("k.code = ? AND k.side = ?".into());
            values.extend([Value::Text(code.clone()), Value::Integer(*side)]);
        }
        Driver::Pair { actor, recipient } => {
            conditions.push("k.actor = ? AND k.recipient = ?".into());
            values.extend([Value::Text(actor.clone()), Value::Text(recipient.clone())]);
        }
    }
    let driven_by_codes = matches!(driver, Driver::Code { .. } | Driver::Pair { .. });
    if let Some(a) = actor.filter(|_| !driven_by_codes) {
        conditions.push(ACTOR_CHECK.into());
        values.push(Value::Text(a));
    }
    if let Some(r) = recipient.filter(|_| !matches!(driver, Driver::Pair { .. })) {
        // With an actor code driving, the recipient is checked on each event.
        if !matches!(driver, Driver::Code { side: 1, .. }) {
            conditions.push(RECIPIENT_CHECK.into());
            values.push(Value::Text(r));
        }
    }
    let text = |s: &str| Value::Text(s.trim().to_string());
    if let Some(event) = &filter.event {
        conditions.push("e.event = ?".into());
        values.push(Value::Text(event.trim().to_ascii_uppercase()));
    }
    if let Some(mode) = &filter.mode {
        conditions.push("e.mode = ?".into());
        values.push(text(mode));
    }
    if let Some(m) = filter.modality {
        conditions.push("e.modality_rank = ?".into());
        values.push(Value::Integer(i64::from(modality_rank(m))));
    }
    if let Some(quad) = filter.quad {
        conditions.push("e.quad = ?".into());
        values.push(Value::Integer(i64::from(quad)));
    }
    if let Some(from) = filter.from {
        conditions.push(format!("{day} >= ?"));
        values.push(Value::Integer(day_number(from)));
    }
    if let Some(to) = filter.to {
        conditions.push(format!("{day} <= ?"));
        values.push(Value::Integer(day_number(to)));
    }
    let newest_first = filter.order == Order::NewestFirst;
    // Events sort by (day, id), undated ones first (SQLite's NULL order), and a page may span the
    // undated and the dated segments. Each segment is read with a condition the day index can seek
    // to, so that a page deep into the store costs as little as the first.
    let mut segments: Vec<(Segment, Option<(i64, i64)>)> = Vec::new();
    match (cursor, newest_first) {
        (None, false) => segments.extend([(Segment::Undated, None), (Segment::Dated, None)]),
        (Some((None, id)), false) => {
            segments.extend([(Segment::Undated, Some((0, id))), (Segment::Dated, None)])
        }
        (Some((Some(day), id)), false) => segments.push((Segment::Dated, Some((day, id)))),
        (None, true) => segments.extend([(Segment::Dated, None), (Segment::Undated, None)]),
        (Some((Some(day), id)), true) => {
            segments.extend([(Segment::Dated, Some((day, id))), (Segment::Undated, None)])
        }
        (Some((None, id)), true) => segments.push((Segment::Undated, Some((0, id)))),
    }
    let from_clause = driver.from();
    let mut rows: Vec<T> = Vec::new();
    for (segment, after) in segments {
        let wanted = wanted - rows.len();
        if wanted == 0 {
            break;
        }
        let mut conditions = conditions.clone();
        let mut values = values.clone();
        let direction = if newest_first { "DESC" } else { "ASC" };
        let (comparison, order) = match (segment, newest_first) {
            (Segment::Undated, false) => (format!("{id} > ?"), format!("{id} ASC")),
            (Segment::Undated, true) => (format!("{id} < ?"), format!("{id} DESC")),
            (Segment::Dated, false) => (
                format!("({day}, {id}) > (?, ?)"),
                format!("{day} {direction}, {id} {direction}"),
            ),
            (Segment::Dated, true) => (
                format!("({day}, {id}) < (?, ?)"),
                format!("{day} {direction}, {id} {direction}"),
            ),
        };
        match (segment, driver.null_days()) {
            (Segment::Undated, true) => conditions.push(format!("{day} IS NULL")),
            (Segment::Dated, true) => conditions.push(format!("{day} IS NOT NULL")),
            (Segment::Undated, false) => {
                conditions.push(format!("{day} = ?"));
                values.push(Value::Integer(UNDATED_DAY));
            }
            (Segment::Dated, false) => {
                conditions.push(format!("{day} > ?"));
                values.push(Value::Integer(UNDATED_DAY));
            }
        }
        if let Some((after_day, after_id)) = after {
            conditions.push(comparison);
            if segment == Segment::Dated {
                values.push(Value::Integer(after_day));
            }
            values.push(Value::Integer(after_id));
        }
        let sql = format!(
            "SELECT {columns} {from_clause} WHERE {} ORDER BY {order} LIMIT ?",
            conditions.join(" AND ")
        );
        values.push(Value::Integer(wanted as i64));
        let mut stmt = conn.prepare_cached(&sql)?;
        let found = stmt.query_map(params_from_iter(values), &row)?;
        for row in found {
            rows.push(row?);
        }
    }
    Ok(rows)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Segment {
    Undated,
    Dated,
}

fn events_where(
    conn: &Connection,
    condition: &str,
    id: i64,
) -> Result<Vec<StoredEvent>, StoreError> {
    let sql = format!("SELECT {EVENT_COLUMNS} {EVENT_FROM} WHERE {condition}");
    let rows: Vec<EventRow> = conn
        .prepare_cached(&sql)?
        .query_map([id], event_row)?
        .collect::<Result<_, _>>()?;
    rows.into_iter().map(stored_event).collect()
}

fn evidence(conn: &Connection, event: i64) -> Result<Vec<EvidenceSpan>, StoreError> {
    Ok(conn
        .prepare_cached(
            "SELECT sentence_start, sentence_end, trigger_start, trigger_end, text
             FROM evidence WHERE event_id = ?1 ORDER BY position",
        )?
        .query_map([event], |r| {
            Ok(EvidenceSpan {
                sentence: [r.get(0)?, r.get(1)?],
                trigger: [r.get(2)?, r.get(3)?],
                text: r.get(4)?,
            })
        })?
        .collect::<Result<_, _>>()?)
}

fn stored_document(conn: &Connection, id: i64) -> Result<Option<StoredDocument>, StoreError> {
    let sql = format!("SELECT {DOCUMENT_COLUMNS}, d.text FROM documents d WHERE d.id = ?1");
    let row = conn
        .prepare_cached(&sql)?
        .query_row([id], |r| Ok((document_row(r, 0)?, r.get::<_, String>(9)?)))
        .optional()?;
    row.map(|(meta, text)| {
        Ok(StoredDocument {
            meta: document_meta(meta)?,
            text,
        })
    })
    .transpose()
}

pub fn event(conn: &Connection, id: EventId) -> Result<Option<EventDetail>, StoreError> {
    let Some(event) = events_where(conn, "e.id = ?1", id.0)?.pop() else {
        return Ok(None);
    };
    let document = stored_document(conn, event.doc_id.0)?
        .ok_or_else(|| corrupt("event", format!("event {id} has no document")))?;
    let cluster = match event.cluster_id {
        Some(c) => cluster_summaries(conn, &[c])?.pop(),
        None => None,
    };
    Ok(Some(EventDetail {
        evidence: evidence(conn, id.0)?,
        event,
        document,
        cluster,
    }))
}

pub fn report_heads(conn: &Connection, ids: &[EventId]) -> Result<Vec<ReportHead>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT e.id, e.doc_id, d.title, d.outlet, v.sentence_start, v.sentence_end,
                v.trigger_start, v.trigger_end, v.text
         FROM events e JOIN documents d ON d.id = e.doc_id
         LEFT JOIN evidence v ON v.event_id = e.id AND v.position = 0
         WHERE e.id = ?1",
    )?;
    let mut heads = Vec::with_capacity(ids.len());
    for id in ids {
        let head = stmt
            .query_row([id.0], |r| {
                let evidence = match r.get::<_, Option<u32>>(4)? {
                    Some(start) => Some(EvidenceSpan {
                        sentence: [start, r.get(5)?],
                        trigger: [r.get(6)?, r.get(7)?],
                        text: r.get(8)?,
                    }),
                    None => None,
                };
                Ok(ReportHead {
                    event_id: EventId(r.get(0)?),
                    doc_id: DocId(r.get(1)?),
                    title: r.get(2)?,
                    outlet: r.get(3)?,
                    evidence,
                })
            })
            .optional()?;
        heads.extend(head);
    }
    Ok(heads)
}

pub fn document(conn: &Connection, id: DocId) -> Result<Option<DocumentDetail>, StoreError> {
    let Some(document) = stored_document(conn, id.0)? else {
        return Ok(None);
    };
    let mut events = events_where(conn, "e.doc_id = ?1", id.0)?;
    events.sort_by_key(|e| e.id);
    Ok(Some(DocumentDetail { document, events }))
}

pub fn documents_after(
    conn: &Connection,
    after: Option<DocId>,
    limit: usize,
) -> Result<Vec<StoredDocument>, StoreError> {
    let sql = format!(
        "SELECT {DOCUMENT_COLUMNS}, d.text FROM documents d WHERE d.id > ?1 ORDER BY d.id LIMIT ?2"
    );
    let rows: Vec<(DocumentRow, String)> = conn
        .prepare_cached(&sql)?
        .query_map(
            params![after.map_or(i64::MIN, |d| d.0), limit.min(MAX_PAGE) as i64],
            |r| Ok((document_row(r, 0)?, r.get(9)?)),
        )?
        .collect::<Result<_, _>>()?;
    rows.into_iter()
        .map(|(meta, text)| {
            Ok(StoredDocument {
                meta: document_meta(meta)?,
                text,
            })
        })
        .collect()
}

struct ClusterRow {
    id: i64,
    event: String,
    mode: Option<String>,
    actor_key: String,
    recipient_key: String,
    actor_sector: Option<String>,
    recipient_sector: Option<String>,
    day: Option<i64>,
    modality_rank: u8,
    quad: u8,
    goldstein: Option<f64>,
    event_scale: f64,
    mentions: i64,
    articles: i64,
    sources: i64,
    first_report: Option<i64>,
    last_report: Option<i64>,
    representative: Option<i64>,
    text: Option<String>,
}

/// The columns of a cluster summary, with [`CLUSTER_EVIDENCE`] joined as `v`.
const CLUSTER_COLUMNS: &str =
    "c.id, c.event, c.mode, c.actor_key, c.recipient_key, c.actor_sector, c.recipient_sector, c.day,
     c.modality_rank, c.quad, c.goldstein, c.event_scale, c.mentions, c.articles, c.sources,
     c.first_report, c.last_report, c.representative,
     coalesce(v.text, (SELECT json_extract(record, '$.text') FROM events
                       WHERE id = c.representative))";

/// The representative's first evidence, whose sentence a summary shows.
const CLUSTER_EVIDENCE: &str =
    "LEFT JOIN evidence v ON v.event_id = c.representative AND v.position = 0";

fn cluster_row(r: &Row<'_>) -> rusqlite::Result<ClusterRow> {
    Ok(ClusterRow {
        id: r.get(0)?,
        event: r.get(1)?,
        mode: r.get(2)?,
        actor_key: r.get(3)?,
        recipient_key: r.get(4)?,
        actor_sector: r.get(5)?,
        recipient_sector: r.get(6)?,
        day: r.get(7)?,
        modality_rank: r.get(8)?,
        quad: r.get(9)?,
        goldstein: r.get(10)?,
        event_scale: r.get(11)?,
        mentions: r.get(12)?,
        articles: r.get(13)?,
        sources: r.get(14)?,
        first_report: r.get(15)?,
        last_report: r.get(16)?,
        representative: r.get(17)?,
        text: r.get(18)?,
    })
}

fn cluster_summary(c: ClusterRow) -> Result<ClusterSummary, StoreError> {
    let count = |n: i64| n.max(0) as u64;
    Ok(ClusterSummary {
        id: ClusterId(c.id),
        event: c.event,
        mode: c.mode,
        actors: split_side_key(&c.actor_key),
        recipients: split_side_key(&c.recipient_key),
        actor_sector: c.actor_sector,
        recipient_sector: c.recipient_sector,
        date: day_date(c.day)?,
        modality: modality(c.modality_rank)?,
        quad: c.quad,
        goldstein: c.goldstein,
        event_scale: c.event_scale,
        mentions: count(c.mentions),
        articles: count(c.articles),
        sources: count(c.sources),
        first_report: day_date(c.first_report)?,
        last_report: day_date(c.last_report)?,
        representative: EventId(c.representative.ok_or_else(|| {
            corrupt("cluster", format!("cluster {} has no representative", c.id))
        })?),
        text: c.text.unwrap_or_default(),
    })
}

pub fn cluster_summaries(
    conn: &Connection,
    ids: &[ClusterId],
) -> Result<Vec<ClusterSummary>, StoreError> {
    let sql =
        format!("SELECT {CLUSTER_COLUMNS} FROM clusters c {CLUSTER_EVIDENCE} WHERE c.id = ?1");
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut summaries = Vec::with_capacity(ids.len());
    for id in ids {
        if let Some(row) = stmt.query_row([id.0], cluster_row).optional()? {
            summaries.push(cluster_summary(row)?);
        }
    }
    Ok(summaries)
}

pub fn cluster(conn: &Connection, id: ClusterId) -> Result<Option<ClusterDetail>, StoreError> {
    let Some(cluster) = cluster_summaries(conn, &[id])?.pop() else {
        return Ok(None);
    };
    let sql = format!(
        "SELECT e.id, e.modality_rank, e.date, {DOCUMENT_COLUMNS}
         FROM events e JOIN documents d ON d.id = e.doc_id
         WHERE e.cluster_id = ?1 ORDER BY d.report_day, e.id"
    );
    let rows: Vec<(i64, u8, Option<String>, DocumentRow)> = conn
        .prepare_cached(&sql)?
        .query_map([id.0], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, document_row(r, 3)?))
        })?
        .collect::<Result<_, _>>()?;
    let mut reports = Vec::with_capacity(rows.len());
    for (event_id, rank, date, document) in rows {
        reports.push(ClusterReport {
            event_id: EventId(event_id),
            modality: modality(rank)?,
            date,
            document: document_meta(document)?,
            evidence: evidence(conn, event_id)?,
        });
    }
    Ok(Some(ClusterDetail { cluster, reports }))
}

pub fn search_documents(
    conn: &Connection,
    query: &str,
    limit: usize,
) -> Result<Vec<DocumentHit>, StoreError> {
    let expression = match_expression(query)?;
    let sql = format!(
        "SELECT {DOCUMENT_COLUMNS}, snippet(documents_fts, -1, '[', ']', '…', 16),
                bm25(documents_fts)
         FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid
         WHERE documents_fts MATCH ?1
         ORDER BY bm25(documents_fts), d.id LIMIT ?2"
    );
    let rows: Vec<(DocumentRow, String, f64)> = conn
        .prepare_cached(&sql)?
        .query_map(params![expression, limit.min(MAX_PAGE) as i64], |r| {
            Ok((document_row(r, 0)?, r.get(9)?, r.get(10)?))
        })?
        .collect::<Result<_, _>>()?;
    rows.into_iter()
        .map(|(document, snippet, rank)| {
            Ok(DocumentHit {
                document: document_meta(document)?,
                snippet,
                // bm25() is lower for better matches.
                relevance: -rank,
            })
        })
        .collect()
}

pub fn feed_state(conn: &Connection, url: &str) -> Result<Option<FeedState>, StoreError> {
    type FeedRow = (String, Option<String>, Option<String>, Option<String>);
    let row: Option<FeedRow> = conn
        .prepare_cached("SELECT url, etag, last_modified, last_polled FROM feeds WHERE url = ?1")?
        .query_row([url], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .optional()?;
    row.map(|(url, etag, last_modified, last_polled)| {
        Ok(FeedState {
            url,
            etag,
            last_modified,
            last_polled: parse_timestamp(last_polled)?,
        })
    })
    .transpose()
}

fn day_bounds(from: Option<Date>, to: Option<Date>) -> (i64, i64) {
    (
        from.map_or(i64::MIN, day_number),
        to.map_or(i64::MAX, day_number),
    )
}

/// One row of the relations index as read: the period's first day number and its sums.
type IndexRow = (i64, [i64; 6], i64, i64);

fn index_row(r: &Row<'_>) -> rusqlite::Result<IndexRow> {
    Ok((
        r.get(0)?,
        [
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
            r.get(5)?,
            r.get(6)?,
        ],
        r.get(7)?,
        r.get(8)?,
    ))
}

fn day_counts(rows: Vec<IndexRow>) -> Result<Vec<DayCounts>, StoreError> {
    let count = |n: i64| n.max(0) as u64;
    rows.into_iter()
        .map(
            |(day, [clusters, q1, q2, q3, q4, scored], goldstein, intensity)| {
                Ok(DayCounts {
                    day: date_of_day(day).ok_or_else(|| corrupt("day", day))?,
                    clusters: count(clusters),
                    quad: [count(q1), count(q2), count(q3), count(q4)],
                    scored: count(scored),
                    goldstein: goldstein as f64 / 100.0,
                    intensity: intensity as f64 / 100.0,
                })
            },
        )
        .collect()
}

pub fn dyad_days(
    conn: &Connection,
    dyad: &Dyad,
    from: Option<Date>,
    to: Option<Date>,
) -> Result<Vec<DayCounts>, StoreError> {
    let (low, high) = day_bounds(from, to);
    let rows: Vec<IndexRow> = conn
        .prepare_cached(
            "SELECT day, clusters, quad1, quad2, quad3, quad4, scored, goldstein, intensity
             FROM dyad_days
             WHERE directed = ?1 AND actor = ?2 AND recipient = ?3 AND day BETWEEN ?4 AND ?5
             ORDER BY day",
        )?
        .query_map(
            params![dyad.directed, dyad.actor, dyad.recipient, low, high],
            index_row,
        )?
        .collect::<Result<_, _>>()?;
    day_counts(rows)
}

/// A pair's weekly or monthly sums up to the period of `to`, each dated its period's first day.
pub fn dyad_period_sums(
    conn: &Connection,
    dyad: &Dyad,
    period: Period,
    to: Option<Date>,
) -> Result<Vec<DayCounts>, StoreError> {
    let to = to.map(day_number);
    let (sql, last) = match period {
        Period::Day => return dyad_days(conn, dyad, None, to.and_then(date_of_day)),
        Period::Week => (
            "SELECT week, clusters, quad1, quad2, quad3, quad4, scored, goldstein, intensity
             FROM dyad_weeks
             WHERE directed = ?1 AND actor = ?2 AND recipient = ?3 AND week <= ?4
             ORDER BY week",
            to.map_or(i64::MAX, week_start),
        ),
        Period::Month => (
            "SELECT month, clusters, quad1, quad2, quad3, quad4, scored, goldstein, intensity
             FROM dyad_months INDEXED BY dyad_months_by_pair
             WHERE directed = ?1 AND actor = ?2 AND recipient = ?3 AND month <= ?4
             ORDER BY month",
            to.and_then(month_number).unwrap_or(i64::MAX),
        ),
    };
    let rows: Vec<IndexRow> = conn
        .prepare_cached(sql)?
        .query_map(
            params![dyad.directed, dyad.actor, dyad.recipient, last],
            index_row,
        )?
        .collect::<Result<_, _>>()?;
    if period == Period::Week {
        return day_counts(rows);
    }
    let rows = rows
        .into_iter()
        .map(|(month, sums, goldstein, intensity)| {
            let day = month_start(month).ok_or_else(|| corrupt("month", month))?;
            Ok((day, sums, goldstein, intensity))
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    day_counts(rows)
}

pub fn dyad_cluster_ids(
    conn: &Connection,
    dyad: &Dyad,
    from: Date,
    to: Date,
) -> Result<Vec<ClusterId>, StoreError> {
    // The index carries each cluster's score, so no cluster is read; the few rows of a period are
    // ranked here rather than by a sort in SQLite, which costs more for so few.
    let mut stmt = conn.prepare_cached(
        "SELECT goldstein, cluster_id FROM cluster_dyads
         WHERE actor = ?1 AND recipient = ?2 AND day BETWEEN ?3 AND ?4",
    )?;
    let (low, high) = (day_number(from), day_number(to));
    let mut rows: Vec<(Option<i64>, i64)> = stmt
        .query_map(params![dyad.actor, dyad.recipient, low, high], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?
        .collect::<Result<_, _>>()?;
    if !dyad.directed && dyad.actor != dyad.recipient {
        for row in stmt.query_map(params![dyad.recipient, dyad.actor, low, high], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })? {
            rows.push(row?);
        }
    }
    // Unscored clusters last; a cluster counted in both directions (or for several code pairs)
    // once.
    rows.sort_unstable_by_key(|&(goldstein, id)| (goldstein.is_none(), goldstein, id));
    rows.dedup_by_key(|&mut (_, id)| id);
    Ok(rows.into_iter().map(|(_, id)| ClusterId(id)).collect())
}

pub fn dyad_clusters(
    conn: &Connection,
    dyad: &Dyad,
    (from, to): (Option<Date>, Option<Date>),
    filter: &ClusterFilter,
    limit: usize,
) -> Result<Vec<ClusterSummary>, StoreError> {
    let (low, high) = day_bounds(from, to);
    let event = filter
        .event
        .as_deref()
        .map(|e| e.trim().to_ascii_uppercase());
    let modality = filter.modality.map(|m| i64::from(modality_rank(m)));
    let quad = filter.quad.map(i64::from);
    // One direction's clusters in index order; an undirected pair merges both directions.
    let sql = format!(
        "SELECT {CLUSTER_COLUMNS}, cd.day FROM cluster_dyads cd
         CROSS JOIN clusters c ON c.id = cd.cluster_id {CLUSTER_EVIDENCE}
         WHERE cd.actor = ?1 AND cd.recipient = ?2 AND cd.day BETWEEN ?3 AND ?4
           AND (?5 IS NULL OR cd.event = ?5) AND (?7 IS NULL OR cd.quad = ?7)
           AND (?6 IS NULL OR c.modality_rank = ?6)
         ORDER BY cd.day DESC, cd.cluster_id DESC LIMIT ?8"
    );
    let one_direction =
        |actor: &str, recipient: &str| -> Result<Vec<(i64, ClusterRow)>, StoreError> {
            Ok(conn
                .prepare_cached(&sql)?
                .query_map(
                    params![
                        actor,
                        recipient,
                        low,
                        high,
                        event,
                        modality,
                        quad,
                        limit as i64
                    ],
                    |r| Ok((r.get(19)?, cluster_row(r)?)),
                )?
                .collect::<Result<_, _>>()?)
        };
    let mut rows = one_direction(&dyad.actor, &dyad.recipient)?;
    if !dyad.directed && dyad.actor != dyad.recipient {
        // A cluster counted both ways has the same day in both: sorting by (day, id) and dropping
        // repeats merges the two lists.
        rows.extend(one_direction(&dyad.recipient, &dyad.actor)?);
        rows.sort_unstable_by_key(|(day, c)| std::cmp::Reverse((*day, c.id)));
        rows.dedup_by_key(|(day, c)| (*day, c.id));
    }
    rows.truncate(limit);
    rows.into_iter().map(|(_, c)| cluster_summary(c)).collect()
}

/// One pair's sums over some range, before they are merged into [`DyadTotals`].
struct PairSums {
    actor: String,
    recipient: String,
    clusters: u64,
    quad: [u64; 4],
    scored: u64,
    goldstein: f64,
}

fn pair_sums(
    conn: &Connection,
    sql: &str,
    directed: bool,
    low: i64,
    high: i64,
) -> Result<Vec<PairSums>, StoreError> {
    let count = |n: i64| n.max(0) as u64;
    let rows = conn
        .prepare_cached(sql)?
        .query_map(params![directed, low, high], |r| {
            Ok(PairSums {
                actor: r.get(0)?,
                recipient: r.get(1)?,
                clusters: count(r.get(2)?),
                quad: [
                    count(r.get(3)?),
                    count(r.get(4)?),
                    count(r.get(5)?),
                    count(r.get(6)?),
                ],
                scored: count(r.get(7)?),
                goldstein: r.get::<_, i64>(8)? as f64 / 100.0,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

const DAY_SUMS: &str = "SELECT actor, recipient, SUM(clusters), SUM(quad1), SUM(quad2), SUM(quad3),
        SUM(quad4), SUM(scored), SUM(goldstein)
    FROM dyad_days
    WHERE directed = ?1 AND day BETWEEN ?2 AND ?3 AND actor <> recipient
    GROUP BY actor, recipient";

const MONTH_SUMS: &str = "SELECT actor, recipient, SUM(clusters), SUM(quad1), SUM(quad2),
        SUM(quad3), SUM(quad4), SUM(scored), SUM(goldstein)
    FROM dyad_months
    WHERE directed = ?1 AND month BETWEEN ?2 AND ?3 AND actor <> recipient
    GROUP BY actor, recipient";

/// Every pair's totals over `[from, to]` and over its recent part `[recent_from, to]`: whole months
/// from the monthly index, the partial months at either end and the recent window from the daily one.
pub fn dyad_totals(
    conn: &Connection,
    from: Date,
    to: Date,
    recent_from: Date,
    directed: bool,
) -> Result<Vec<DyadTotals>, StoreError> {
    let (from, to) = (day_number(from), day_number(to));
    let recent_from = day_number(recent_from).max(from);
    let out_of_range = || StoreError::InvalidArgument("a date out of range".into());
    let from_month = month_number(from).ok_or_else(out_of_range)?;
    let to_month = month_number(to).ok_or_else(out_of_range)?;
    // Whole months lie between the first month starting on or after `from` and the last one ending on
    // or before `to`.
    let first_whole = if month_start(from_month) == Some(from) {
        from_month
    } else {
        from_month + 1
    };
    let last_whole = if month_number(to + 1) == Some(to_month + 1) {
        to_month
    } else {
        to_month - 1
    };
    let mut parts = Vec::new();
    if first_whole <= last_whole {
        let whole_start = month_start(first_whole).ok_or_else(out_of_range)?;
        let after_whole = month_start(last_whole + 1).ok_or_else(out_of_range)?;
        parts.extend(pair_sums(
            conn,
            MONTH_SUMS,
            directed,
            first_whole,
            last_whole,
        )?);
        if from < whole_start {
            parts.extend(pair_sums(conn, DAY_SUMS, directed, from, whole_start - 1)?);
        }
        if after_whole <= to {
            parts.extend(pair_sums(conn, DAY_SUMS, directed, after_whole, to)?);
        }
    } else {
        parts.extend(pair_sums(conn, DAY_SUMS, directed, from, to)?);
    }
    let mut totals: std::collections::BTreeMap<(String, String), DyadTotals> =
        std::collections::BTreeMap::new();
    for p in parts {
        let t = totals
            .entry((p.actor.clone(), p.recipient.clone()))
            .or_insert_with(|| DyadTotals {
                actor: p.actor,
                recipient: p.recipient,
                ..DyadTotals::default()
            });
        t.clusters += p.clusters;
        for (total, n) in t.quad.iter_mut().zip(p.quad) {
            *total += n;
        }
        t.scored += p.scored;
        t.goldstein += p.goldstein;
    }
    for p in pair_sums(conn, DAY_SUMS, directed, recent_from, to)? {
        if let Some(t) = totals.get_mut(&(p.actor, p.recipient)) {
            t.recent_clusters = p.clusters;
            t.recent_scored = p.scored;
            t.recent_goldstein = p.goldstein;
        }
    }
    Ok(totals.into_values().collect())
}

pub fn index_extent(conn: &Connection) -> Result<Option<(Date, Date)>, StoreError> {
    let (low, high): (Option<i64>, Option<i64>) = conn
        // Two sub-queries, because SQLite answers a lone MIN or MAX from the index without a scan.
        .prepare_cached(
            "SELECT (SELECT MIN(day) FROM dyad_days WHERE directed = 0),
                    (SELECT MAX(day) FROM dyad_days WHERE directed = 0)",
        )?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(match (day_date(low)?, day_date(high)?) {
        (Some(low), Some(high)) => Some((low, high)),
        _ => None,
    })
}

//! Writes to the SQLite store: documents, events with their participants and evidence, cluster
//! maintenance and the relations index. Every function runs inside the caller's transaction.

use rusqlite::{params, Connection, OptionalExtension};
use vigie_core::coder::record::EventRecord;

use crate::calendar::{
    day_number, day_of_timestamp, month_number, parse_event_date, parse_precision, precision_name,
    week_start, DayInterval,
};
use crate::clustering::{
    anchor_search_range, choose_cluster, cluster_state, contribution, hundredths, mergeable_date,
    modality_of_rank, modality_rank, pairs, participant_code, side_codes, side_key, ClusterShape,
    ClusterState, Contribution, EventShape, Member,
};
use crate::error::StoreError;
use crate::identity::{content_hash, source_key};
use crate::model::{DocId, NewDocument, PutOutcome};
use crate::sqlite::schema::UNDATED_DAY;

fn non_empty(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|v| !v.is_empty())
}

/// The stored document with this URL, else with this content hash.
pub fn find_document(
    conn: &Connection,
    url: Option<&str>,
    hash: Option<&str>,
) -> Result<Option<DocId>, StoreError> {
    if let Some(url) = non_empty(url) {
        let found: Option<i64> = conn
            .prepare_cached("SELECT id FROM documents WHERE url = ?1")?
            .query_row([url], |r| r.get(0))
            .optional()?;
        if let Some(id) = found {
            return Ok(Some(DocId(id)));
        }
    }
    let Some(hash) = hash else {
        return Ok(None);
    };
    let found: Option<i64> = conn
        .prepare_cached("SELECT id FROM documents WHERE content_hash = ?1")?
        .query_row([hash], |r| r.get(0))
        .optional()?;
    Ok(found.map(DocId))
}

/// Stores a document unless the store has its URL or its content hash.
pub fn insert_document(conn: &Connection, doc: &NewDocument) -> Result<PutOutcome, StoreError> {
    let url = non_empty(doc.url.as_deref());
    let hash = content_hash(&doc.text);
    if let Some(id) = find_document(conn, url, Some(&hash))? {
        return Ok(PutOutcome::Duplicate(id));
    }
    let report_day = doc
        .published
        .map(day_number)
        .or(doc.fetched_at.map(day_of_timestamp));
    conn.prepare_cached(
        "INSERT INTO documents (url, outlet, source, author, title, language, published, fetched_at,
                                report_day, content_hash, text)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        url,
        non_empty(doc.outlet.as_deref()),
        source_key(doc.outlet.as_deref(), url),
        non_empty(doc.author.as_deref()),
        non_empty(doc.title.as_deref()),
        non_empty(doc.language.as_deref()),
        doc.published.map(|d| d.to_string()),
        doc.fetched_at.map(|t| t.to_string()),
        report_day,
        hash,
        doc.text,
    ])?;
    let id = conn.last_insert_rowid();
    conn.prepare_cached("INSERT INTO documents_fts (rowid, title, text) VALUES (?1, ?2, ?3)")?
        .execute(params![id, non_empty(doc.title.as_deref()), doc.text])?;
    Ok(PutOutcome::Inserted(DocId(id)))
}

/// The day a document reports on, when the store has the document.
pub fn report_day(conn: &Connection, doc: DocId) -> Result<Option<Option<i64>>, StoreError> {
    Ok(conn
        .prepare_cached("SELECT report_day FROM documents WHERE id = ?1")?
        .query_row([doc.0], |r| r.get(0))
        .optional()?)
}

fn finite(value: f64) -> Option<f64> {
    value.is_finite().then_some(value)
}

/// Stores a document's events in order, each joining or founding a cluster.
pub fn insert_events(
    conn: &Connection,
    doc: DocId,
    report_day: Option<i64>,
    events: &[EventRecord],
) -> Result<(), StoreError> {
    for (position, record) in events.iter().enumerate() {
        insert_event(conn, doc, position, report_day, record)?;
    }
    Ok(())
}

fn insert_event(
    conn: &Connection,
    doc: DocId,
    position: usize,
    report_day: Option<i64>,
    record: &EventRecord,
) -> Result<(), StoreError> {
    let date = record
        .date
        .as_deref()
        .and_then(parse_event_date)
        .or(report_day.map(DayInterval::day));
    let actor_codes = side_codes(&record.actor);
    let recipient_codes = side_codes(&record.recipient);
    let (actor_key, recipient_key) = (side_key(&actor_codes), side_key(&recipient_codes));
    let first_actor = record.actor.first();
    let first_recipient = record.recipient.first();
    let sector = |a: Option<&vigie_core::coder::record::ActorRecord>| {
        a.and_then(|a| a.sector).map(|s| s.as_str().to_string())
    };
    let (actor_sector, recipient_sector) = (sector(first_actor), sector(first_recipient));
    let mode = non_empty(record.mode.as_deref());

    let mut cluster = None;
    if mergeable_date(date) && !(actor_key.is_empty() && recipient_key.is_empty()) {
        if let Some(date) = date {
            let shape = EventShape {
                mode,
                actor_sector: actor_sector.as_deref(),
                recipient_sector: recipient_sector.as_deref(),
                date,
            };
            let candidates =
                candidate_clusters(conn, record.event, &actor_key, &recipient_key, date)?;
            cluster = choose_cluster(&candidates, &shape);
        }
    }
    let cluster = match cluster {
        Some(id) => id,
        None => {
            conn.prepare_cached(
                "INSERT INTO clusters (event, actor_key, recipient_key) VALUES (?1, ?2, ?3)",
            )?
            .execute(params![record.event, actor_key, recipient_key])?;
            conn.last_insert_rowid()
        }
    };

    let json = serde_json::to_string(record)
        .map_err(|e| StoreError::InvalidArgument(format!("event record {}: {e}", record.id)))?;
    conn.prepare_cached(
        "INSERT INTO events (doc_id, position, cluster_id, date, date_precision, day, day_end, event,
                             mode, cameo, modality_rank, quad, goldstein, event_scale, mentions,
                             actor_code, actor_sector, recipient_code, recipient_sector, record)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
                 ?19, ?20)",
    )?
    .execute(params![
        doc.0,
        position as i64,
        cluster,
        record.date,
        date.map(|d| precision_name(d.precision)),
        date.map(|d| d.start),
        date.map(|d| d.end),
        record.event,
        mode,
        record.cameo,
        modality_rank(record.modality),
        record.quad_code,
        record.goldstein.and_then(finite),
        finite(record.event_scale).unwrap_or(0.0),
        record.mentions as i64,
        first_actor.and_then(participant_code),
        actor_sector,
        first_recipient.and_then(participant_code),
        recipient_sector,
        json,
    ])?;
    let event_id = conn.last_insert_rowid();

    let mut party = conn.prepare_cached(
        "INSERT INTO event_parties (event_id, side, position, code, country, sector, name,
                                    span_start, span_end, inferred)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    for (side, participants) in [(0, &record.actor), (1, &record.recipient)] {
        for (i, p) in participants.iter().enumerate() {
            party.execute(params![
                event_id,
                side,
                i as i64,
                participant_code(p),
                p.country.map(|c| c.as_str().to_string()),
                p.sector.map(|c| c.as_str().to_string()),
                p.name,
                p.span[0],
                p.span[1],
                p.inferred,
            ])?;
        }
    }
    index_event_codes(conn, event_id, date.map(|d| d.start), record)?;
    let mut evidence = conn.prepare_cached(
        "INSERT INTO evidence (event_id, position, sentence_start, sentence_end, trigger_start,
                               trigger_end, text)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for (i, e) in record.evidence.iter().enumerate() {
        evidence.execute(params![
            event_id,
            i as i64,
            e.sentence[0],
            e.sentence[1],
            e.trigger[0],
            e.trigger[1],
            e.text,
        ])?;
    }
    refresh_cluster(conn, cluster)
}

/// Adds an event to the lookup tables of party codes and of code pairs (schema, `SCHEMA_2`).
fn index_event_codes(
    conn: &Connection,
    event_id: i64,
    day: Option<i64>,
    record: &EventRecord,
) -> Result<(), StoreError> {
    let day = day.unwrap_or(UNDATED_DAY);
    let actors = side_codes(&record.actor);
    let recipients = side_codes(&record.recipient);
    let mut code = conn.prepare_cached(
        "INSERT OR IGNORE INTO event_codes (code, side, day, event_id) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (side, codes) in [(0, &actors), (1, &recipients)] {
        for c in codes {
            code.execute(params![c, side, day, event_id])?;
        }
    }
    let mut pair = conn.prepare_cached(
        "INSERT OR IGNORE INTO event_pairs (actor, recipient, day, event_id)
         VALUES (?1, ?2, ?3, ?4)",
    )?;
    for a in &actors {
        for r in &recipients {
            pair.execute(params![a, r, day, event_id])?;
        }
    }
    Ok(())
}

fn interval(
    start: Option<i64>,
    end: Option<i64>,
    precision: Option<String>,
) -> Option<DayInterval> {
    Some(DayInterval {
        start: start?,
        end: end?,
        precision: parse_precision(precision.as_deref()?)?,
    })
}

fn candidate_clusters(
    conn: &Connection,
    event: &str,
    actor_key: &str,
    recipient_key: &str,
    date: DayInterval,
) -> Result<Vec<ClusterShape>, StoreError> {
    let (low, high) = anchor_search_range(date);
    let mut stmt = conn.prepare_cached(
        "SELECT id, mode, actor_sector, recipient_sector, anchor_start, anchor_end, anchor_precision
         FROM clusters
         WHERE event = ?1 AND actor_key = ?2 AND recipient_key = ?3
           AND anchor_start BETWEEN ?4 AND ?5",
    )?;
    let rows = stmt.query_map(params![event, actor_key, recipient_key, low, high], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, Option<String>>(1)?,
            r.get::<_, Option<String>>(2)?,
            r.get::<_, Option<String>>(3)?,
            interval(r.get(4)?, r.get(5)?, r.get(6)?),
        ))
    })?;
    let mut candidates = Vec::new();
    for row in rows {
        let (id, mode, actor_sector, recipient_sector, anchor) = row?;
        if let Some(anchor) = anchor {
            candidates.push(ClusterShape {
                id,
                mode,
                actor_sector,
                recipient_sector,
                anchor,
            });
        }
    }
    Ok(candidates)
}

fn members(conn: &Connection, cluster: i64) -> Result<Vec<Member>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT e.id, e.doc_id, d.source, d.report_day, e.modality_rank, e.day, e.day_end,
                e.date_precision, e.quad, e.goldstein, e.event_scale, e.mentions, e.mode,
                e.actor_sector, e.recipient_sector
         FROM events e JOIN documents d ON d.id = e.doc_id
         WHERE e.cluster_id = ?1",
    )?;
    let rows = stmt.query_map([cluster], |r| {
        Ok((
            r.get::<_, u8>(4)?,
            Member {
                event_id: r.get(0)?,
                doc_id: r.get(1)?,
                source: r.get(2)?,
                report_day: r.get(3)?,
                // Read from the rank below, outside the row callback, so that a bad rank is a typed
                // error.
                modality: vigie_core::coder::Modality::Asserted,
                date: interval(r.get(5)?, r.get(6)?, r.get(7)?),
                quad: r.get(8)?,
                goldstein: r.get(9)?,
                event_scale: r.get(10)?,
                mentions: r.get::<_, i64>(11)?.max(0) as u64,
                mode: r.get(12)?,
                actor_sector: r.get(13)?,
                recipient_sector: r.get(14)?,
            },
        ))
    })?;
    let mut members = Vec::new();
    for row in rows {
        let (rank, mut member) = row?;
        member.modality = modality_of_rank(rank).ok_or_else(|| StoreError::Corrupt {
            what: "event modality",
            detail: format!("rank {rank} of event {}", member.event_id),
        })?;
        members.push(member);
    }
    Ok(members)
}

/// A stored cluster's side keys and what it currently adds to the relations index, or `None` when the
/// cluster does not exist.
type StoredCluster = (String, String, Option<Contribution>);

fn stored_cluster(conn: &Connection, cluster: i64) -> Result<Option<StoredCluster>, StoreError> {
    let row = conn
        .prepare_cached(
            "SELECT actor_key, recipient_key, counted, day, quad, goldstein, event_scale
             FROM clusters WHERE id = ?1",
        )?
        .query_row([cluster], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, bool>(2)?,
                r.get::<_, Option<i64>>(3)?,
                r.get::<_, u8>(4)?,
                r.get::<_, Option<f64>>(5)?,
                r.get::<_, f64>(6)?,
            ))
        })
        .optional()?;
    let Some((actor_key, recipient_key, counted, day, quad, goldstein, scale)) = row else {
        return Ok(None);
    };
    let contribution = match (counted, day) {
        (true, Some(day)) => {
            let (directed, undirected) = pairs(&actor_key, &recipient_key);
            Some(Contribution {
                day,
                quad,
                goldstein_hundredths: goldstein.map(hundredths),
                scale_hundredths: hundredths(scale),
                directed,
                undirected,
            })
        }
        _ => None,
    };
    Ok(Some((actor_key, recipient_key, contribution)))
}

/// The statement that adds a contribution to one of the relations index tables (per day, week, month),
/// which share their columns; `$conflict` is the table's unique key. Built at compile time from
/// constants: no value ever reaches the SQL text.
macro_rules! index_upsert {
    ($table:literal, $period:literal, $conflict:literal) => {
        concat!(
            "INSERT INTO ",
            $table,
            " (directed, actor, recipient, ",
            $period,
            ", clusters, quad1, quad2, quad3, quad4, scored, goldstein, intensity)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
             ON CONFLICT (",
            $conflict,
            ") DO UPDATE SET
                 clusters = clusters + excluded.clusters,
                 quad1 = quad1 + excluded.quad1,
                 quad2 = quad2 + excluded.quad2,
                 quad3 = quad3 + excluded.quad3,
                 quad4 = quad4 + excluded.quad4,
                 scored = scored + excluded.scored,
                 goldstein = goldstein + excluded.goldstein,
                 intensity = intensity + excluded.intensity"
        )
    };
}

/// The statement that drops an index row whose contributions were all removed.
macro_rules! index_prune {
    ($table:literal, $period:literal) => {
        concat!(
            "DELETE FROM ",
            $table,
            " WHERE directed = ?1 AND actor = ?2 AND recipient = ?3 AND ",
            $period,
            " = ?4 AND clusters <= 0"
        )
    };
}

/// The relations index tables, per day, week and month: each one's upsert and prune statements.
const INDEX_LEVELS: [(&str, &str); 3] = [
    (
        index_upsert!("dyad_days", "day", "directed, actor, recipient, day"),
        index_prune!("dyad_days", "day"),
    ),
    (
        index_upsert!("dyad_weeks", "week", "directed, actor, recipient, week"),
        index_prune!("dyad_weeks", "week"),
    ),
    (
        index_upsert!("dyad_months", "month", "directed, month, actor, recipient"),
        index_prune!("dyad_months", "month"),
    ),
];

/// Adds (`sign` 1) or removes (`sign` −1) a cluster's contribution to the relations index.
fn apply_contribution(
    conn: &Connection,
    cluster: i64,
    c: &Contribution,
    sign: i64,
) -> Result<(), StoreError> {
    let week = week_start(c.day);
    let month = month_number(c.day).ok_or_else(|| StoreError::Corrupt {
        what: "cluster day",
        detail: format!("day {} of cluster {cluster}", c.day),
    })?;
    let periods = [c.day, week, month];
    let quad = |q: u8| sign * i64::from(c.quad == q);
    let directed = c.directed.iter().map(|p| (1, p));
    let undirected = c.undirected.iter().map(|p| (0, p));
    for (flag, (actor, recipient)) in directed.chain(undirected) {
        for ((upsert, prune), period) in INDEX_LEVELS.iter().zip(periods) {
            conn.prepare_cached(upsert)?.execute(params![
                flag,
                actor,
                recipient,
                period,
                sign,
                quad(1),
                quad(2),
                quad(3),
                quad(4),
                sign * i64::from(c.goldstein_hundredths.is_some()),
                sign * c.goldstein_hundredths.unwrap_or(0),
                sign * c.scale_hundredths,
            ])?;
            if sign < 0 {
                conn.prepare_cached(prune)?
                    .execute(params![flag, actor, recipient, period])?;
            }
        }
    }
    if sign > 0 {
        let mut link = conn.prepare_cached(
            "INSERT INTO cluster_dyads (actor, recipient, day, cluster_id, goldstein, event, quad)
             VALUES (?1, ?2, ?3, ?4, ?5, (SELECT event FROM clusters WHERE id = ?4), ?6)",
        )?;
        for (actor, recipient) in &c.directed {
            link.execute(params![
                actor,
                recipient,
                c.day,
                cluster,
                c.goldstein_hundredths,
                c.quad
            ])?;
        }
    } else {
        conn.prepare_cached("DELETE FROM cluster_dyads WHERE cluster_id = ?1")?
            .execute([cluster])?;
    }
    Ok(())
}

/// Recomputes a cluster from its members, moves its contribution to the relations index if it
/// changed, and deletes the cluster when no member is left.
pub fn refresh_cluster(conn: &Connection, cluster: i64) -> Result<(), StoreError> {
    let Some((actor_key, recipient_key, old)) = stored_cluster(conn, cluster)? else {
        return Ok(());
    };
    let members = members(conn, cluster)?;
    let state: Option<ClusterState> = cluster_state(&members);
    let new = state
        .as_ref()
        .and_then(|s| contribution(&actor_key, &recipient_key, s));
    if old != new {
        if let Some(old) = &old {
            apply_contribution(conn, cluster, old, -1)?;
        }
        if let Some(new) = &new {
            apply_contribution(conn, cluster, new, 1)?;
        }
    }
    let Some(s) = state else {
        conn.prepare_cached("DELETE FROM clusters WHERE id = ?1")?
            .execute([cluster])?;
        return Ok(());
    };
    conn.prepare_cached(
        "UPDATE clusters SET anchor_start = ?2, anchor_end = ?3, anchor_precision = ?4, mode = ?5,
             actor_sector = ?6, recipient_sector = ?7, representative = ?8, modality_rank = ?9,
             day = ?10, quad = ?11, goldstein = ?12, event_scale = ?13, mentions = ?14,
             articles = ?15, sources = ?16, first_report = ?17, last_report = ?18, counted = ?19
         WHERE id = ?1",
    )?
    .execute(params![
        cluster,
        s.anchor.map(|a| a.start),
        s.anchor.map(|a| a.end),
        s.anchor.map(|a| precision_name(a.precision)),
        s.mode,
        s.actor_sector,
        s.recipient_sector,
        s.representative,
        modality_rank(s.modality),
        s.day,
        s.quad,
        s.goldstein,
        s.event_scale,
        s.mentions as i64,
        s.articles as i64,
        s.sources as i64,
        s.first_report,
        s.last_report,
        new.is_some(),
    ])?;
    Ok(())
}

/// Removes a document's events and updates the clusters they belonged to.
pub fn delete_events(conn: &Connection, doc: DocId) -> Result<(), StoreError> {
    let clusters: Vec<i64> = conn
        .prepare_cached(
            "SELECT DISTINCT cluster_id FROM events WHERE doc_id = ?1 AND cluster_id IS NOT NULL",
        )?
        .query_map([doc.0], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    // The lookup tables have no foreign key (a cascade would scan them): their rows go first.
    conn.prepare_cached(
        "DELETE FROM event_codes WHERE (code, side, day, event_id) IN (
             SELECT p.code, p.side, coalesce(e.day, ?2), e.id
             FROM events e JOIN event_parties p ON p.event_id = e.id
             WHERE e.doc_id = ?1 AND p.code IS NOT NULL)",
    )?
    .execute(params![doc.0, UNDATED_DAY])?;
    conn.prepare_cached(
        "DELETE FROM event_pairs WHERE (actor, recipient, day, event_id) IN (
             SELECT a.code, r.code, coalesce(e.day, ?2), e.id
             FROM events e
             JOIN event_parties a ON a.event_id = e.id AND a.side = 0
             JOIN event_parties r ON r.event_id = e.id AND r.side = 1
             WHERE e.doc_id = ?1 AND a.code IS NOT NULL AND r.code IS NOT NULL)",
    )?
    .execute(params![doc.0, UNDATED_DAY])?;
    conn.prepare_cached("DELETE FROM events WHERE doc_id = ?1")?
        .execute([doc.0])?;
    for cluster in clusters {
        refresh_cluster(conn, cluster)?;
    }
    Ok(())
}

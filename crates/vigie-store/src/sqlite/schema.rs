//! The SQLite schema and its migrations: an ordered list of SQL scripts, the database's
//! `PRAGMA user_version` counting how many have run. A migration and the version bump commit together,
//! so an interrupted upgrade leaves the previous version intact.

use rusqlite::{Connection, TransactionBehavior};

use crate::error::StoreError;

/// Migration `n` (from 0) brings a database from version `n` to `n + 1`. Append only: a released
/// migration is never edited.
pub const MIGRATIONS: &[&str] = &[SCHEMA_1, SCHEMA_2];

/// The first schema. Day columns are day numbers (days since 1970-01-01); Goldstein and intensity sums
/// in `dyad_days` are integer hundredths, so that subtracting an event restores the exact total.
const SCHEMA_1: &str = "
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    url TEXT UNIQUE,
    outlet TEXT,
    -- The outlet, else the URL's host: what a cluster's number of sources counts.
    source TEXT,
    author TEXT,
    title TEXT,
    language TEXT,
    published TEXT,
    fetched_at TEXT,
    -- The publication day, else the day of fetching: a cluster's first and last report.
    report_day INTEGER,
    content_hash TEXT NOT NULL UNIQUE,
    text TEXT NOT NULL
);

CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, text,
    content = 'documents', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TABLE clusters (
    id INTEGER PRIMARY KEY,
    event TEXT NOT NULL,
    -- Sorted codes joined by ';'.
    actor_key TEXT NOT NULL,
    recipient_key TEXT NOT NULL,
    anchor_start INTEGER,
    anchor_end INTEGER,
    anchor_precision TEXT,
    mode TEXT,
    actor_sector TEXT,
    recipient_sector TEXT,
    representative INTEGER,
    modality_rank INTEGER NOT NULL DEFAULT 0,
    day INTEGER,
    quad INTEGER NOT NULL DEFAULT 0,
    goldstein REAL,
    event_scale REAL NOT NULL DEFAULT 0,
    mentions INTEGER NOT NULL DEFAULT 0,
    articles INTEGER NOT NULL DEFAULT 0,
    sources INTEGER NOT NULL DEFAULT 0,
    first_report INTEGER,
    last_report INTEGER,
    -- 1 when the cluster is in dyad_days and cluster_dyads.
    counted INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX clusters_by_match ON clusters (event, actor_key, recipient_key, anchor_start);

CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    doc_id INTEGER NOT NULL REFERENCES documents (id),
    position INTEGER NOT NULL,
    cluster_id INTEGER REFERENCES clusters (id),
    -- The record's date as coded, and the interval of days the store places the event on.
    date TEXT,
    date_precision TEXT,
    day INTEGER,
    day_end INTEGER,
    event TEXT NOT NULL,
    mode TEXT,
    cameo TEXT NOT NULL,
    modality_rank INTEGER NOT NULL,
    quad INTEGER NOT NULL,
    goldstein REAL,
    event_scale REAL NOT NULL,
    mentions INTEGER NOT NULL,
    actor_code TEXT,
    actor_sector TEXT,
    recipient_code TEXT,
    recipient_sector TEXT,
    -- The full record as vigie coded it (PLOVER JSON).
    record TEXT NOT NULL
);
CREATE INDEX events_by_doc ON events (doc_id);
CREATE INDEX events_by_cluster ON events (cluster_id);
CREATE INDEX events_by_day ON events (day);
CREATE INDEX events_by_type ON events (event, mode, day);
CREATE INDEX events_by_modality ON events (modality_rank, day);
CREATE INDEX events_by_quad ON events (quad, day);

-- Every participant of every event, side 0 the actors and 1 the recipients.
CREATE TABLE event_parties (
    event_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    side INTEGER NOT NULL,
    position INTEGER NOT NULL,
    code TEXT,
    country TEXT,
    sector TEXT,
    name TEXT NOT NULL,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    inferred INTEGER NOT NULL,
    PRIMARY KEY (event_id, side, position)
) WITHOUT ROWID;
CREATE INDEX event_parties_by_code ON event_parties (code, side, sector, event_id);

CREATE TABLE evidence (
    event_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    sentence_start INTEGER NOT NULL,
    sentence_end INTEGER NOT NULL,
    trigger_start INTEGER NOT NULL,
    trigger_end INTEGER NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (event_id, position)
) WITHOUT ROWID;

-- The counted clusters of each directed pair and day: the events behind a point of a series.
CREATE TABLE cluster_dyads (
    actor TEXT NOT NULL,
    recipient TEXT NOT NULL,
    day INTEGER NOT NULL,
    cluster_id INTEGER NOT NULL REFERENCES clusters (id),
    PRIMARY KEY (actor, recipient, day, cluster_id)
) WITHOUT ROWID;
CREATE INDEX cluster_dyads_by_cluster ON cluster_dyads (cluster_id);

-- The relations index: per pair and day, directed (1) or with the smaller code first (0).
CREATE TABLE dyad_days (
    directed INTEGER NOT NULL,
    actor TEXT NOT NULL,
    recipient TEXT NOT NULL,
    day INTEGER NOT NULL,
    clusters INTEGER NOT NULL,
    quad1 INTEGER NOT NULL,
    quad2 INTEGER NOT NULL,
    quad3 INTEGER NOT NULL,
    quad4 INTEGER NOT NULL,
    scored INTEGER NOT NULL,
    goldstein INTEGER NOT NULL,
    intensity INTEGER NOT NULL,
    PRIMARY KEY (directed, actor, recipient, day)
) WITHOUT ROWID;
CREATE INDEX dyad_days_by_day ON dyad_days (directed, day);

-- The same sums per month (year * 12 + month - 1), so that rankings over years read few rows.
CREATE TABLE dyad_months (
    directed INTEGER NOT NULL,
    month INTEGER NOT NULL,
    actor TEXT NOT NULL,
    recipient TEXT NOT NULL,
    clusters INTEGER NOT NULL,
    quad1 INTEGER NOT NULL,
    quad2 INTEGER NOT NULL,
    quad3 INTEGER NOT NULL,
    quad4 INTEGER NOT NULL,
    scored INTEGER NOT NULL,
    goldstein INTEGER NOT NULL,
    intensity INTEGER NOT NULL,
    PRIMARY KEY (directed, month, actor, recipient)
) WITHOUT ROWID;

CREATE TABLE feeds (
    url TEXT PRIMARY KEY,
    etag TEXT,
    last_modified TEXT,
    last_polled TEXT
) WITHOUT ROWID;
";

/// The day that stands for "undated" in the lookup tables below, whose key columns cannot be NULL:
/// it sorts first, as NULL does in `events.day`.
pub const UNDATED_DAY: i64 = i64::MIN;

/// Lookup tables that let a filtered list of events be read in date order from an index, instead of
/// gathering every event of a party and sorting them: the events of each party code and side, and of
/// each pair of actor and recipient codes, keyed by day. A code appears once per event and side
/// whatever the number of participants that carry it. Weekly totals join the daily and monthly
/// ones, a pair's clusters carry their score, type and quad class, the month totals gain an index by pair, and
/// events indexes by type and by mode that end with the day.
const SCHEMA_2: &str = "
CREATE TABLE event_codes (
    code TEXT NOT NULL,
    side INTEGER NOT NULL,
    day INTEGER NOT NULL,
    event_id INTEGER NOT NULL,
    PRIMARY KEY (code, side, day, event_id)
) WITHOUT ROWID;

CREATE TABLE event_pairs (
    actor TEXT NOT NULL,
    recipient TEXT NOT NULL,
    day INTEGER NOT NULL,
    event_id INTEGER NOT NULL,
    PRIMARY KEY (actor, recipient, day, event_id)
) WITHOUT ROWID;

INSERT OR IGNORE INTO event_codes (code, side, day, event_id)
    SELECT p.code, p.side, coalesce(e.day, -9223372036854775807 - 1), p.event_id
    FROM event_parties p JOIN events e ON e.id = p.event_id
    WHERE p.code IS NOT NULL;

INSERT OR IGNORE INTO event_pairs (actor, recipient, day, event_id)
    SELECT a.code, r.code, coalesce(e.day, -9223372036854775807 - 1), e.id
    FROM events e
    JOIN event_parties a ON a.event_id = e.id AND a.side = 0
    JOIN event_parties r ON r.event_id = e.id AND r.side = 1
    WHERE a.code IS NOT NULL AND r.code IS NOT NULL;

-- The relations index per week (its Monday's day number), so that weekly series read few rows.
CREATE TABLE dyad_weeks (
    directed INTEGER NOT NULL,
    actor TEXT NOT NULL,
    recipient TEXT NOT NULL,
    week INTEGER NOT NULL,
    clusters INTEGER NOT NULL,
    quad1 INTEGER NOT NULL,
    quad2 INTEGER NOT NULL,
    quad3 INTEGER NOT NULL,
    quad4 INTEGER NOT NULL,
    scored INTEGER NOT NULL,
    goldstein INTEGER NOT NULL,
    intensity INTEGER NOT NULL,
    PRIMARY KEY (directed, actor, recipient, week)
) WITHOUT ROWID;

-- 1970-01-05 (day 4) was a Monday.
INSERT INTO dyad_weeks
    SELECT directed, actor, recipient, day - (((day - 4) % 7) + 7) % 7, sum(clusters), sum(quad1),
           sum(quad2), sum(quad3), sum(quad4), sum(scored), sum(goldstein), sum(intensity)
    FROM dyad_days GROUP BY 1, 2, 3, 4;

-- The cluster's Goldstein score in hundredths, type and quad class, so that the events behind a
-- point of a series are ranked, and a pair's events filtered, from the index alone.
ALTER TABLE cluster_dyads ADD COLUMN goldstein INTEGER;
ALTER TABLE cluster_dyads ADD COLUMN event TEXT;
ALTER TABLE cluster_dyads ADD COLUMN quad INTEGER;
UPDATE cluster_dyads SET (goldstein, event, quad) = (
    SELECT CAST(round(c.goldstein * 100) AS INTEGER), c.event, c.quad FROM clusters c
    WHERE c.id = cluster_dyads.cluster_id);

CREATE INDEX events_by_type_day ON events (event, day);
CREATE INDEX events_by_mode ON events (mode, day);
CREATE INDEX dyad_months_by_pair ON dyad_months (directed, actor, recipient, month);
";

pub fn schema_version(conn: &Connection) -> Result<i64, StoreError> {
    Ok(conn.query_row("PRAGMA user_version", [], |row| row.get(0))?)
}

/// Runs the migrations a database has not had yet, each in its own transaction with its version bump.
pub fn migrate(conn: &mut Connection, migrations: &[&str]) -> Result<(), StoreError> {
    let supported = migrations.len() as i64;
    let found = schema_version(conn)?;
    if found > supported {
        return Err(StoreError::NewerSchema { found, supported });
    }
    for (n, sql) in migrations.iter().enumerate().skip(found.max(0) as usize) {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        // The version is re-read inside the write lock: another process may have migrated meanwhile.
        if schema_version(&tx)? > n as i64 {
            continue;
        }
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", n as i64 + 1)?;
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_run_once_and_in_order() {
        let mut conn = Connection::open_in_memory().expect("memory database");
        let first = ["CREATE TABLE a (x INTEGER);"];
        migrate(&mut conn, &first).expect("first");
        assert_eq!(schema_version(&conn).expect("version"), 1);
        conn.execute("INSERT INTO a VALUES (1)", [])
            .expect("insert");
        // Running the same list again changes nothing (a second CREATE TABLE a would fail).
        migrate(&mut conn, &first).expect("again");
        let both = [
            "CREATE TABLE a (x INTEGER);",
            "ALTER TABLE a ADD COLUMN y TEXT;",
        ];
        migrate(&mut conn, &both).expect("second");
        assert_eq!(schema_version(&conn).expect("version"), 2);
        let row: (i64, Option<String>) = conn
            .query_row("SELECT x, y FROM a", [], |r| Ok((r.get(0)?, r.get(1)?)))
            .expect("row kept");
        assert_eq!(row, (1, None));
        assert!(matches!(
            migrate(&mut conn, &first),
            Err(StoreError::NewerSchema {
                found: 2,
                supported: 1
            })
        ));
    }

    #[test]
    fn a_failed_migration_keeps_the_previous_version() {
        let mut conn = Connection::open_in_memory().expect("memory database");
        let broken = [
            "CREATE TABLE a (x INTEGER);",
            "CREATE TABLE b (y INTEGER); SELECT nonsense FROM nowhere;",
        ];
        assert!(migrate(&mut conn, &broken).is_err());
        assert_eq!(schema_version(&conn).expect("version"), 1);
        let b_exists: i64 = conn
            .query_row(
                "SELECT COUNT(*) FROM sqlite_master WHERE name = 'b'",
                [],
                |r| r.get(0),
            )
            .expect("count");
        assert_eq!(b_exists, 0);
    }

    #[test]
    fn the_schema_applies_to_an_empty_database() {
        let mut conn = Connection::open_in_memory().expect("memory database");
        migrate(&mut conn, MIGRATIONS).expect("schema");
        assert_eq!(
            schema_version(&conn).expect("version"),
            MIGRATIONS.len() as i64
        );
    }
}

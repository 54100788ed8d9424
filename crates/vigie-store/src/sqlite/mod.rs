//! The SQLite backend: one database file in WAL mode, the schema migrated on opening. The only code
//! of the project that knows SQL.

mod fts;
mod read;
pub mod schema;
mod write;

use std::path::Path;
use std::time::Duration;

use jiff::civil::Date;
use rusqlite::{params, Connection, TransactionBehavior};
use vigie_core::coder::record::EventRecord;

use crate::calendar::Period;
use crate::dyad_ranking::DyadTotals;
use crate::error::StoreError;
use crate::model::{
    ClusterDetail, ClusterFilter, ClusterId, ClusterSummary, DocId, DocumentDetail, DocumentHit,
    Dyad, EventDetail, EventFilter, EventId, FeedState, NewDocument, Page, PageRequest, PutOutcome,
    ReportHead, StoredDocument, StoredEvent,
};
use crate::series::DayCounts;
use crate::store::EventStore;

/// The database file the command line uses unless told otherwise.
pub const DEFAULT_PATH: &str = "vigie.db";

/// An [`EventStore`] in one SQLite file.
pub struct SqliteStore {
    conn: Connection,
}

impl SqliteStore {
    /// Opens the database at `path`, creating it if needed, and brings its schema up to date.
    pub fn open(path: impl AsRef<Path>) -> Result<SqliteStore, StoreError> {
        SqliteStore::with_connection(Connection::open(path)?)
    }

    /// A store that lives in memory and vanishes with the value.
    pub fn open_in_memory() -> Result<SqliteStore, StoreError> {
        SqliteStore::with_connection(Connection::open_in_memory()?)
    }

    fn with_connection(mut conn: Connection) -> Result<SqliteStore, StoreError> {
        // Another process writing (an ingest next to a query) makes us wait rather than fail.
        conn.busy_timeout(Duration::from_secs(10))?;
        // WAL lets readers run during a write; synchronous=NORMAL keeps every committed transaction
        // across a killed process (only a power loss may drop the last ones, never corrupt the file).
        let _mode: String =
            conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", true)?;
        // A 64 MiB page cache keeps the indexes a write touches in memory on a large store, and a
        // checkpoint every 4,000 pages (16 MiB of log) writes a page back once for many commits.
        conn.pragma_update(None, "cache_size", -65_536)?;
        conn.pragma_update(None, "wal_autocheckpoint", 4_000)?;
        // The bundled SQLite re-plans a statement whenever a bound value could change its plan (STAT4);
        // the store's statements have one right plan, so it is kept.
        conn.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
            true,
        )?;
        conn.set_prepared_statement_cache_capacity(64);
        schema::migrate(&mut conn, schema::MIGRATIONS)?;
        Ok(SqliteStore { conn })
    }

    /// The schema version of the database (`PRAGMA user_version`).
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        schema::schema_version(&self.conn)
    }

    /// Runs SQLite's own consistency check; the list of problems is empty for a sound file.
    pub fn integrity_problems(&self) -> Result<Vec<String>, StoreError> {
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        let rows: Vec<String> = stmt
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        Ok(rows.into_iter().filter(|r| r != "ok").collect())
    }
}

impl EventStore for SqliteStore {
    fn put_document(
        &mut self,
        doc: &NewDocument,
        events: &[EventRecord],
    ) -> Result<PutOutcome, StoreError> {
        let mut outcomes = self.put_documents(&[(doc, events)])?;
        outcomes
            .pop()
            .ok_or_else(|| StoreError::InvalidArgument("no document was stored".into()))
    }

    fn find_document(
        &self,
        url: Option<&str>,
        text: Option<&str>,
    ) -> Result<Option<DocId>, StoreError> {
        let hash = text.map(crate::identity::content_hash);
        write::find_document(&self.conn, url, hash.as_deref())
    }

    fn put_documents(
        &mut self,
        batch: &[(&NewDocument, &[EventRecord])],
    ) -> Result<Vec<PutOutcome>, StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut outcomes = Vec::with_capacity(batch.len());
        for (doc, events) in batch {
            let outcome = write::insert_document(&tx, doc)?;
            if let PutOutcome::Inserted(id) = outcome {
                let day = write::report_day(&tx, id)?.flatten();
                write::insert_events(&tx, id, day, events)?;
            }
            outcomes.push(outcome);
        }
        tx.commit()?;
        Ok(outcomes)
    }

    fn replace_events(&mut self, doc: DocId, events: &[EventRecord]) -> Result<(), StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let day = write::report_day(&tx, doc)?.ok_or(StoreError::NoSuchDocument(doc))?;
        write::delete_events(&tx, doc)?;
        write::insert_events(&tx, doc, day, events)?;
        tx.commit()?;
        Ok(())
    }

    fn documents_after(
        &self,
        after: Option<DocId>,
        limit: usize,
    ) -> Result<Vec<StoredDocument>, StoreError> {
        read::documents_after(&self.conn, after, limit)
    }

    fn feed_state(&self, feed_url: &str) -> Result<Option<FeedState>, StoreError> {
        read::feed_state(&self.conn, feed_url)
    }

    fn set_feed_state(&mut self, state: &FeedState) -> Result<(), StoreError> {
        self.conn
            .prepare_cached(
                "INSERT INTO feeds (url, etag, last_modified, last_polled) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (url) DO UPDATE SET etag = excluded.etag,
                     last_modified = excluded.last_modified, last_polled = excluded.last_polled",
            )?
            .execute(params![
                state.url,
                state.etag,
                state.last_modified,
                state.last_polled.map(|t| t.to_string()),
            ])?;
        Ok(())
    }

    fn events(
        &self,
        filter: &EventFilter,
        page: &PageRequest,
    ) -> Result<Page<StoredEvent>, StoreError> {
        read::events(&self.conn, filter, page)
    }

    fn event(&self, id: EventId) -> Result<Option<EventDetail>, StoreError> {
        read::event(&self.conn, id)
    }

    fn cluster(&self, id: ClusterId) -> Result<Option<ClusterDetail>, StoreError> {
        read::cluster(&self.conn, id)
    }

    fn report_heads(&self, ids: &[EventId]) -> Result<Vec<ReportHead>, StoreError> {
        read::report_heads(&self.conn, ids)
    }

    fn document(&self, id: DocId) -> Result<Option<DocumentDetail>, StoreError> {
        read::document(&self.conn, id)
    }

    fn search_documents(&self, query: &str, limit: usize) -> Result<Vec<DocumentHit>, StoreError> {
        read::search_documents(&self.conn, query, limit)
    }

    fn dyad_days(
        &self,
        dyad: &Dyad,
        from: Option<Date>,
        to: Option<Date>,
    ) -> Result<Vec<DayCounts>, StoreError> {
        read::dyad_days(&self.conn, &dyad.normalized(), from, to)
    }

    fn dyad_period_sums(
        &self,
        dyad: &Dyad,
        period: Period,
        to: Option<Date>,
    ) -> Result<Vec<DayCounts>, StoreError> {
        read::dyad_period_sums(&self.conn, &dyad.normalized(), period, to)
    }

    fn dyad_cluster_ids(
        &self,
        dyad: &Dyad,
        from: Date,
        to: Date,
    ) -> Result<Vec<ClusterId>, StoreError> {
        read::dyad_cluster_ids(&self.conn, &dyad.normalized(), from, to)
    }

    fn dyad_clusters(
        &self,
        dyad: &Dyad,
        from: Option<Date>,
        to: Option<Date>,
        filter: &ClusterFilter,
        limit: usize,
    ) -> Result<Vec<ClusterSummary>, StoreError> {
        read::dyad_clusters(&self.conn, &dyad.normalized(), (from, to), filter, limit)
    }

    fn cluster_summaries(&self, ids: &[ClusterId]) -> Result<Vec<ClusterSummary>, StoreError> {
        read::cluster_summaries(&self.conn, ids)
    }

    fn dyad_totals(
        &self,
        from: Date,
        to: Date,
        recent_from: Date,
        directed: bool,
    ) -> Result<Vec<DyadTotals>, StoreError> {
        read::dyad_totals(&self.conn, from, to, recent_from, directed)
    }

    fn index_extent(&self) -> Result<Option<(Date, Date)>, StoreError> {
        read::index_extent(&self.conn)
    }
}

//! The store's typed errors, the same for every backend.

use crate::model::DocId;

pub type BackendError = Box<dyn std::error::Error + Send + Sync>;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database itself failed: it cannot be opened, is locked, full or corrupt.
    #[error("database error: {0}")]
    Database(#[source] BackendError),
    /// The database was written by a newer vigie.
    #[error(
        "the database has schema version {found}, newer than the {supported} this program knows"
    )]
    NewerSchema { found: i64, supported: i64 },
    /// A stored value cannot be read back (a hand-edited or damaged row).
    #[error("stored {what} is invalid: {detail}")]
    Corrupt { what: &'static str, detail: String },
    #[error("document {0} is not in the store")]
    NoSuchDocument(DocId),
    #[error("invalid page cursor {0:?}")]
    BadCursor(String),
    #[error("invalid argument: {0}")]
    InvalidArgument(String),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> StoreError {
        StoreError::Database(Box::new(e))
    }
}

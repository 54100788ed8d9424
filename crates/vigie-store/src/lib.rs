//! The event store: documents, coded events with evidence, clusters and the relations index.
//!
//! [`EventStore`] is the interface; [`SqliteStore`] implements it in one SQLite file. Only the
//! `sqlite` module knows SQL. The rules that do not depend on a database — which reports are the same
//! event ([`clustering`]), relations series analysis ([`series`]) and dyad rankings
//! ([`dyad_ranking`]) — are plain functions shared by every backend.

pub mod calendar;
pub mod clustering;
pub mod dyad_ranking;
mod error;
pub mod identity;
mod model;
pub mod series;
pub mod sqlite;
mod store;

pub use calendar::Period;
pub use error::{BackendError, StoreError};
pub use model::*;
pub use sqlite::{SqliteStore, DEFAULT_PATH};
pub use store::EventStore;

//! The `--db` option of the commands that read the event store, and opening the store it names.

use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use vigie_store::SqliteStore;

#[derive(clap::Args)]
pub struct DatabaseArgs {
    /// The event store (an SQLite file).
    #[arg(long, default_value = vigie_store::DEFAULT_PATH)]
    pub db: PathBuf,
}

impl DatabaseArgs {
    /// Opens an existing store; a missing file is an error rather than a new empty store.
    pub fn open_existing(&self) -> Result<SqliteStore> {
        if !self.db.is_file() {
            bail!(
                "no event store at {} (give another one with --db)",
                self.db.display()
            );
        }
        SqliteStore::open(&self.db).with_context(|| format!("cannot open {}", self.db.display()))
    }
}

/// Parses an actor code argument: three letters, upper-cased.
pub fn parse_code(s: &str) -> Result<String, String> {
    let code = s.trim();
    if code.len() == 3 && code.bytes().all(|b| b.is_ascii_alphabetic()) {
        Ok(code.to_ascii_uppercase())
    } else {
        Err(format!(
            "{s:?} is not an actor code (three letters: FRA, MLI, IGO…)"
        ))
    }
}

//! `vigie serve`: the HTTP API and the web dashboard over the event store, until Ctrl-C.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{bail, Context, Result};
use vigie_server::{BoxedStore, ServerConfig, StoreOpener};
use vigie_store::SqliteStore;

use crate::database::DatabaseArgs;

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub database: DatabaseArgs,
    /// The address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// A file holding the bearer token that allows POST /api/documents (else the VIGIE_TOKEN
    /// environment variable). Without a token the server is read-only and such requests get 403.
    #[arg(long)]
    pub token_file: Option<PathBuf>,
    /// The largest request body, in bytes (larger ones get 413).
    #[arg(long, default_value_t = vigie_server::DEFAULT_MAX_BODY)]
    pub max_body: usize,
    /// Store connections: how many store queries run at once.
    #[arg(long, default_value_t = 4)]
    pub connections: usize,
    /// Seconds a rendered page or API answer is reused (0 turns the cache off).
    #[arg(long, default_value_t = 5)]
    pub cache_seconds: u64,
}

fn token(args: &Args) -> Result<Option<String>> {
    let token = match &args.token_file {
        Some(path) => Some(
            std::fs::read_to_string(path)
                .with_context(|| format!("cannot read the token file {}", path.display()))?,
        ),
        None => std::env::var("VIGIE_TOKEN").ok(),
    };
    match token.map(|t| t.trim().to_string()) {
        Some(t) if t.is_empty() => bail!("the token is empty"),
        other => Ok(other),
    }
}

pub fn run(args: Args) -> Result<ExitCode> {
    let token = token(&args)?;
    // A read-only server needs a store to show; one that accepts documents may start empty.
    if token.is_none() {
        args.database.open_existing()?;
    }
    let path = args.database.db.clone();
    let opener_path = path.clone();
    let open: StoreOpener =
        Arc::new(move || Ok(Box::new(SqliteStore::open(&opener_path)?) as BoxedStore));
    let writable = token.is_some();
    let config = ServerConfig {
        addr: args.addr,
        token,
        max_body_bytes: args.max_body,
        connections: args.connections.max(1),
        cache_ttl: Duration::from_secs(args.cache_seconds),
        store_path: Some(path.clone()),
    };
    vigie_server::serve(config, open, |addr| {
        eprintln!(
            "vigie: serving {} on http://{addr} ({})",
            path.display(),
            if writable {
                "POST /api/documents needs the bearer token"
            } else {
                "read-only"
            }
        );
    })?;
    Ok(ExitCode::SUCCESS)
}

//! vigie's HTTP server: the JSON API and the web dashboard over an event store.
//!
//! [`serve`] runs until interrupted; [`start`] runs the server on a thread of its own and returns its
//! address, for tests and embedding. Both take a [`StoreOpener`], so that any backend of
//! [`vigie_store::EventStore`] can be served; each request gets a connection of its own from a small
//! pool. Everything the dashboard needs (style sheet, icon) is in the binary; the server makes no
//! outside request.
//!
//! Module map: `routes` (the route list, middleware), `api` (JSON handlers), `pages` (HTML pages),
//! `chart` (the SVG chart), `spans` (highlighting), `params` (query validation), `i18n` (French and
//! English), `openapi`, `metrics`, `cache`, `pool`, `state`, `error`.

mod api;
mod assets;
mod cache;
mod chart;
mod error;
mod i18n;
mod metrics;
mod openapi;
mod pages;
mod params;
mod pool;
mod routes;
mod spans;
mod state;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use tokio::sync::oneshot;
use vigie_core::Pipeline;

pub use error::{ApiError, ServerError};
pub use pool::{BoxedStore, StoreOpener};
pub use routes::{routes, Route, CONTENT_SECURITY_POLICY};

/// The most memory the response cache holds.
const CACHE_BYTES: usize = 64 * 1024 * 1024;

/// The default largest request body (a posted document).
pub const DEFAULT_MAX_BODY: usize = 2 * 1024 * 1024;

#[derive(Clone, Debug)]
pub struct ServerConfig {
    pub addr: SocketAddr,
    /// The bearer token that allows `POST /api/documents`; without one the server is read-only.
    pub token: Option<String>,
    pub max_body_bytes: usize,
    /// Store connections, and so store calls that run at once.
    pub connections: usize,
    /// How long a rendered response is reused; zero turns the cache off.
    pub cache_ttl: Duration,
    /// The store's file, for the size `/metrics` reports.
    pub store_path: Option<PathBuf>,
}

impl Default for ServerConfig {
    fn default() -> ServerConfig {
        ServerConfig {
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            token: None,
            max_body_bytes: DEFAULT_MAX_BODY,
            connections: 4,
            cache_ttl: Duration::from_secs(5),
            store_path: None,
        }
    }
}

fn state(config: &ServerConfig, open: StoreOpener) -> Result<Arc<state::AppState>, ServerError> {
    if config.token.as_deref().is_some_and(|t| t.trim().is_empty()) {
        return Err(ServerError::Config("the token is empty".into()));
    }
    let pool = pool::StorePool::new(open, config.connections)?;
    let pipeline = Arc::new(Pipeline::new()?);
    Ok(Arc::new(state::AppState {
        pool,
        pipeline,
        token: config.token.as_ref().map(|t| t.trim().to_string()),
        max_body_bytes: config.max_body_bytes,
        store_path: config.store_path.clone(),
        metrics: metrics::Metrics::default(),
        cache: cache::ResponseCache::new(config.cache_ttl, 4_096, CACHE_BYTES),
        in_flight: std::sync::Mutex::new(std::collections::HashMap::new()),
    }))
}

fn bind(addr: SocketAddr) -> Result<std::net::TcpListener, ServerError> {
    let listener =
        std::net::TcpListener::bind(addr).map_err(|source| ServerError::Bind { addr, source })?;
    listener
        .set_nonblocking(true)
        .map_err(|source| ServerError::Bind { addr, source })?;
    Ok(listener)
}

async fn run(
    listener: std::net::TcpListener,
    state: Arc<state::AppState>,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<(), ServerError> {
    let listener = tokio::net::TcpListener::from_std(listener)?;
    axum::serve(listener, routes::router(state))
        .with_graceful_shutdown(shutdown)
        .await?;
    Ok(())
}

fn runtime() -> Result<tokio::runtime::Runtime, ServerError> {
    Ok(tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?)
}

/// Serves until Ctrl-C or SIGTERM. `ready` is called with the bound address once the server listens.
pub fn serve(
    config: ServerConfig,
    open: StoreOpener,
    ready: impl FnOnce(SocketAddr),
) -> Result<(), ServerError> {
    let state = state(&config, open)?;
    let listener = bind(config.addr)?;
    let addr = listener.local_addr()?;
    let runtime = runtime()?;
    ready(addr);
    runtime.block_on(run(listener, state, stop_signal()))
}

async fn stop_signal() {
    let interrupt = async {
        // Without a signal handler the server runs until killed, which is still correct.
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = interrupt => {},
        _ = terminate => {},
    }
}

/// A server running on a thread of its own; dropping it stops the server.
pub struct RunningServer {
    addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<Result<(), ServerError>>>,
}

impl RunningServer {
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT`
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Stops the server and waits for it to finish the requests in flight.
    pub fn stop(mut self) -> Result<(), ServerError> {
        self.shutdown()
    }

    fn shutdown(&mut self) -> Result<(), ServerError> {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        match self.thread.take() {
            Some(thread) => thread.join().map_err(|_| ServerError::Crashed)?,
            None => Ok(()),
        }
    }
}

impl Drop for RunningServer {
    fn drop(&mut self) {
        let _ = self.shutdown();
    }
}

/// Starts a server in the background (port 0 picks a free port); the store and the knowledge base are
/// opened and the port bound before this returns, so that their errors come back here.
pub fn start(config: ServerConfig, open: StoreOpener) -> Result<RunningServer, ServerError> {
    let state = state(&config, open)?;
    let listener = bind(config.addr)?;
    let addr = listener.local_addr()?;
    let runtime = runtime()?;
    let (stop, stopped) = oneshot::channel::<()>();
    let thread = std::thread::Builder::new()
        .name("vigie-server".into())
        .spawn(move || {
            runtime.block_on(run(listener, state, async {
                let _ = stopped.await;
            }))
        })?;
    Ok(RunningServer {
        addr,
        stop: Some(stop),
        thread: Some(thread),
    })
}

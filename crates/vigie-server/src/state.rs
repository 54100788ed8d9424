//! What every request shares: the store pool, the coding pipeline, the settings, the metrics and the
//! response cache; and the helpers that turn a computed body into a cached response.

use std::collections::HashMap;
use std::future::Future;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use tokio::sync::OnceCell;
use vigie_core::Pipeline;

use crate::cache::{Cached, Lookup, ResponseCache};
use crate::error::ApiError;
use crate::metrics::Metrics;
use crate::pool::StorePool;

pub const JSON: &str = "application/json";
pub const HTML: &str = "text/html; charset=utf-8";

pub struct AppState {
    pub pool: StorePool,
    pub pipeline: Arc<Pipeline>,
    /// The bearer token that allows writes; `None` makes the server read-only.
    pub token: Option<String>,
    pub max_body_bytes: usize,
    /// The store's file, for the size the metrics report.
    pub store_path: Option<PathBuf>,
    pub metrics: Metrics,
    pub cache: ResponseCache,
    /// The computations of cached responses under way, by key.
    pub in_flight: Mutex<HashMap<String, Arc<OnceCell<Cached>>>>,
}

impl AppState {
    /// The cached body under `key`, or the one `compute` returns (kept when it succeeds).
    pub async fn cached<F, Fut>(&self, key: String, compute: F) -> Result<Cached, ApiError>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<Cached, ApiError>>,
    {
        if !self.cache.enabled() {
            return compute().await;
        }
        let (expired, generation) = match self.cache.get(&key) {
            Lookup::Hit(cached) => return Ok(cached),
            Lookup::Expired(cached, generation) => (Some(cached), generation),
            Lookup::Miss(generation) => (None, generation),
        };
        // Requests that miss the same key together wait for one computation rather than each running
        // it: when a popular page expires under load, the store does its work once. While it runs,
        // the others get the expired response, so that pages expiring together stall nobody.
        let cell = match self.in_flight.lock() {
            Ok(mut in_flight) => {
                if let (Some(cached), Some(_)) = (&expired, in_flight.get(&key)) {
                    return Ok(cached.clone());
                }
                in_flight.entry(key.clone()).or_default().clone()
            }
            Err(_) => Arc::new(OnceCell::new()),
        };
        let result = cell
            .get_or_try_init(|| async {
                let fresh = compute().await?;
                self.cache.insert(key.clone(), fresh.clone(), generation);
                Ok::<Cached, ApiError>(fresh)
            })
            .await
            .cloned();
        if let Ok(mut in_flight) = self.in_flight.lock() {
            if in_flight.get(&key).is_some_and(|c| Arc::ptr_eq(c, &cell)) {
                in_flight.remove(&key);
            }
        }
        result
    }

    /// The size in bytes of the store's files (the database and its write-ahead log).
    pub fn store_bytes(&self) -> Option<u64> {
        let path = self.store_path.as_ref()?;
        let main = std::fs::metadata(path).ok()?.len();
        let mut wal = path.clone().into_os_string();
        wal.push("-wal");
        let wal = std::fs::metadata(PathBuf::from(wal)).map_or(0, |m| m.len());
        Some(main + wal)
    }
}

pub fn json_body<T: serde::Serialize>(value: &T) -> Result<Cached, ApiError> {
    let body = serde_json::to_vec(value).map_err(|e| ApiError::Internal(e.to_string()))?;
    Ok(Cached {
        content_type: JSON,
        body: Bytes::from(body),
    })
}

pub fn html_body(markup: maud::Markup) -> Cached {
    Cached {
        content_type: HTML,
        body: Bytes::from(markup.into_string()),
    }
}

pub fn respond(status: StatusCode, cached: Cached) -> Response {
    (
        status,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static(cached.content_type),
        )],
        cached.body,
    )
        .into_response()
}

/// A failed API request as JSON: `{"error": "..."}` with the error's status.
pub fn json_error(error: &ApiError) -> Response {
    let body = serde_json::json!({ "error": error.to_string() }).to_string();
    let mut response = (
        error.status(),
        [(header::CONTENT_TYPE, HeaderValue::from_static(JSON))],
        body,
    )
        .into_response();
    if matches!(error, ApiError::Unauthorized(_)) {
        response.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            HeaderValue::from_static("Bearer realm=\"vigie\""),
        );
    }
    if let ApiError::Internal(message) = error {
        // The client sees the message too; the operator needs it in the log.
        eprintln!("vigie serve: {message}");
    }
    response
}

/// An API answer: the body with 200, or the error as JSON.
pub fn api_response(result: Result<Cached, ApiError>) -> Response {
    match result {
        Ok(body) => respond(StatusCode::OK, body),
        Err(e) => json_error(&e),
    }
}

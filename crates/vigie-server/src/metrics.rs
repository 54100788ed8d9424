//! Prometheus metrics in the text exposition format: requests per route, method and status, a
//! latency histogram per route, and gauges of the store and the response cache.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::Response;

use crate::state::AppState;

/// The upper bounds of the latency buckets, in seconds.
const BUCKETS: [f64; 12] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
];

#[derive(Default)]
struct RouteStats {
    by_status: BTreeMap<u16, u64>,
    /// Non-cumulative counts per bucket; the last one is above every bound.
    buckets: [u64; BUCKETS.len() + 1],
    sum: f64,
    count: u64,
}

#[derive(Default)]
pub struct Metrics {
    routes: Mutex<BTreeMap<(String, String), RouteStats>>,
    pub unmatched: AtomicU64,
    pub documents_stored: AtomicU64,
}

impl Metrics {
    pub fn observe(&self, route: &str, method: &str, status: u16, seconds: f64) {
        let Ok(mut routes) = self.routes.lock() else {
            return;
        };
        let stats = routes
            .entry((route.to_string(), method.to_string()))
            .or_default();
        *stats.by_status.entry(status).or_default() += 1;
        let bucket = BUCKETS
            .iter()
            .position(|&b| seconds <= b)
            .unwrap_or(BUCKETS.len());
        stats.buckets[bucket] += 1;
        stats.sum += seconds;
        stats.count += 1;
    }

    /// The exposition text; `store_bytes` is the size of the store's files when known.
    pub fn render(&self, store_bytes: Option<u64>, cache: (usize, u64, u64)) -> String {
        let mut out = String::new();
        let routes = match self.routes.lock() {
            Ok(routes) => routes,
            Err(poisoned) => poisoned.into_inner(),
        };
        out.push_str(
            "# HELP vigie_http_requests_total HTTP requests by route, method and status.\n",
        );
        out.push_str("# TYPE vigie_http_requests_total counter\n");
        for ((route, method), stats) in routes.iter() {
            for (status, n) in &stats.by_status {
                let _ = writeln!(
                    out,
                    "vigie_http_requests_total{{route=\"{}\",method=\"{}\",status=\"{status}\"}} {n}",
                    label(route),
                    label(method)
                );
            }
        }
        let _ = writeln!(
            out,
            "vigie_http_requests_total{{route=\"unmatched\",method=\"any\",status=\"404\"}} {}",
            self.unmatched.load(Ordering::Relaxed)
        );
        out.push_str(
            "# HELP vigie_http_request_duration_seconds Time to answer a request, by route.\n",
        );
        out.push_str("# TYPE vigie_http_request_duration_seconds histogram\n");
        for ((route, method), stats) in routes.iter() {
            let labels = format!("route=\"{}\",method=\"{}\"", label(route), label(method));
            let mut cumulative = 0;
            for (bound, n) in BUCKETS.iter().zip(&stats.buckets) {
                cumulative += n;
                let _ = writeln!(
                    out,
                    "vigie_http_request_duration_seconds_bucket{{{labels},le=\"{bound}\"}} {cumulative}"
                );
            }
            let _ = writeln!(
                out,
                "vigie_http_request_duration_seconds_bucket{{{labels},le=\"+Inf\"}} {}",
                stats.count
            );
            let _ = writeln!(
                out,
                "vigie_http_request_duration_seconds_sum{{{labels}}} {}",
                stats.sum
            );
            let _ = writeln!(
                out,
                "vigie_http_request_duration_seconds_count{{{labels}}} {}",
                stats.count
            );
        }
        drop(routes);
        if let Some(bytes) = store_bytes {
            out.push_str("# HELP vigie_store_bytes Size of the event store's files.\n");
            out.push_str("# TYPE vigie_store_bytes gauge\n");
            let _ = writeln!(out, "vigie_store_bytes {bytes}");
        }
        out.push_str("# HELP vigie_documents_stored_total Documents stored through the API.\n");
        out.push_str("# TYPE vigie_documents_stored_total counter\n");
        let _ = writeln!(
            out,
            "vigie_documents_stored_total {}",
            self.documents_stored.load(Ordering::Relaxed)
        );
        let (entries, hits, misses) = cache;
        out.push_str("# HELP vigie_cache_entries Responses in the response cache.\n");
        out.push_str("# TYPE vigie_cache_entries gauge\n");
        let _ = writeln!(out, "vigie_cache_entries {entries}");
        out.push_str("# HELP vigie_cache_lookups_total Response cache lookups by result.\n");
        out.push_str("# TYPE vigie_cache_lookups_total counter\n");
        let _ = writeln!(out, "vigie_cache_lookups_total{{result=\"hit\"}} {hits}");
        let _ = writeln!(out, "vigie_cache_lookups_total{{result=\"miss\"}} {misses}");
        out
    }
}

/// Escapes a label value (backslash, quote, newline), as the exposition format requires.
fn label(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

/// Middleware on every matched route: counts the request and times it.
pub async fn track(State(state): State<Arc<AppState>>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_string(), |p| p.as_str().to_string());
    let method = request.method().as_str().to_string();
    let response = next.run(request).await;
    state.metrics.observe(
        &route,
        &method,
        response.status().as_u16(),
        started.elapsed().as_secs_f64(),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_counts_and_cumulative_buckets() {
        let m = Metrics::default();
        m.observe("/api/events", "GET", 200, 0.002);
        m.observe("/api/events", "GET", 200, 0.2);
        m.observe("/api/events", "GET", 400, 0.0001);
        let text = m.render(Some(4096), (1, 2, 3));
        assert!(text.contains(
            "vigie_http_requests_total{route=\"/api/events\",method=\"GET\",status=\"200\"} 2"
        ));
        assert!(text.contains(
            "vigie_http_request_duration_seconds_bucket{route=\"/api/events\",method=\"GET\",le=\"0.005\"} 2"
        ));
        assert!(text.contains(
            "vigie_http_request_duration_seconds_bucket{route=\"/api/events\",method=\"GET\",le=\"+Inf\"} 3"
        ));
        assert!(text.contains("vigie_store_bytes 4096"));
        assert_eq!(label("a\"b\\"), "a\\\"b\\\\");
    }
}

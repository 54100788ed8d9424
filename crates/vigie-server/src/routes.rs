//! The router: every route in one list, built by one builder that records each route it adds, so that
//! the OpenAPI description can be checked against the routes the server really has. Also the
//! middleware every response passes through (security headers) and the answers for unknown paths and
//! methods.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::handler::Handler;
use axum::http::{header, HeaderValue};
use axum::middleware::{from_fn, from_fn_with_state, Next};
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;

use crate::error::ApiError;
use crate::state::{json_error, AppState};
use crate::{api, assets, metrics, pages};

/// A route: its method and its path, in the syntax shared by axum and OpenAPI (`/api/events/{id}`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Route {
    pub method: &'static str,
    pub path: &'static str,
}

/// The content security policy of every response: our own files only, no inline script, no plugin,
/// no framing.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; \
     style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; \
     form-action 'self'; frame-ancestors 'none'";

struct Builder {
    router: Router<Arc<AppState>>,
    routes: Vec<Route>,
}

impl Builder {
    fn get<H, T>(mut self, path: &'static str, handler: H) -> Builder
    where
        H: Handler<T, Arc<AppState>>,
        T: 'static,
    {
        self.router = self.router.route(path, get(handler));
        self.routes.push(Route {
            method: "GET",
            path,
        });
        self
    }

    fn post<H, T>(mut self, path: &'static str, handler: H) -> Builder
    where
        H: Handler<T, Arc<AppState>>,
        T: 'static,
    {
        self.router = self.router.route(path, post(handler));
        self.routes.push(Route {
            method: "POST",
            path,
        });
        self
    }
}

fn build() -> Builder {
    Builder {
        router: Router::new(),
        routes: Vec::new(),
    }
    // The dashboard.
    .get("/", pages::overview::page)
    .get("/pair/{actor}/{recipient}", pages::pair::page)
    .get("/article/{id}", pages::article::page)
    .get("/cluster/{id}", pages::cluster::page)
    .get("/search", pages::search::page)
    .get("/static/vigie.css", assets::css)
    .get("/static/favicon.svg", assets::favicon)
    // The API.
    .get("/api/events", api::events)
    .get("/api/events/{id}", api::event)
    .get("/api/clusters/{id}", api::cluster)
    .get("/api/relations/{actor}/{recipient}", api::relations)
    .get("/api/dyads", api::dyads)
    .get("/api/documents", api::documents)
    .post("/api/documents", api::post_document)
    .get("/api/documents/{id}", api::document)
    .get("/api/openapi.json", api::openapi)
    // Operations.
    .get("/healthz", api::healthz)
    .get("/metrics", api::metrics)
}

/// Every route of the server, in the order they are declared.
pub fn routes() -> Vec<Route> {
    build().routes
}

pub fn router(state: Arc<AppState>) -> Router {
    build()
        .router
        .route_layer(from_fn_with_state(state.clone(), metrics::track))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(from_fn(security_headers))
        .with_state(state)
}

/// Unknown paths: JSON under `/api/`, a page elsewhere.
async fn not_found(State(state): State<Arc<AppState>>, request: Request) -> Response {
    state
        .metrics
        .unmatched
        .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let path = request.uri().path().to_string();
    if path.starts_with("/api/") {
        json_error(&ApiError::NotFound(format!("no route {path}")))
    } else {
        pages::not_found(request.uri(), request.headers())
    }
}

async fn method_not_allowed() -> Response {
    json_error(&ApiError::MethodNotAllowed)
}

/// Adds the security headers to every response, errors included.
async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CONTENT_SECURITY_POLICY),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_are_unique() {
        let mut all = routes();
        let n = all.len();
        all.sort();
        all.dedup();
        assert_eq!(all.len(), n);
    }
}

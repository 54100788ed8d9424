//! The JSON API: events with filters and cursor pages, one event, one real-world event (cluster), the
//! relations of a pair, the pair rankings, documents with their coded spans, storing a new document,
//! and the health check.

use std::sync::atomic::Ordering;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Path, RawQuery, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use vigie_core::{AnalyzeOptions, Document};
use vigie_store::{
    ClusterId, DocId, DocumentDetail, DocumentHit, DocumentMeta, Dyad, DyadsQuery, EventFilter,
    EventId, NewDocument, Order, PageRequest, Period, PutOutcome, RelationsQuery,
};

use crate::error::ApiError;
use crate::params::{check_range, parse_code, parse_id, Params};
use crate::spans::{document_spans, CodedSpan};
use crate::state::{api_response, json_body, json_error, respond, AppState};

/// The largest search result list.
const MAX_HITS: u64 = 1_000;

fn cache_key(uri: &Uri) -> String {
    format!("api|{uri}")
}

/// A full-text query must hold a word, or the store refuses it; the message names the parameter.
pub fn check_query(name: &str, query: &str) -> Result<(), ApiError> {
    if query.chars().any(char::is_alphanumeric) {
        Ok(())
    } else {
        Err(ApiError::bad_parameter(
            name,
            format!("{query:?} holds no word to look for"),
        ))
    }
}

pub fn event_filter(p: &mut Params) -> Result<EventFilter, ApiError> {
    let filter = EventFilter {
        actor: p.code("actor")?,
        recipient: p.code("recipient")?,
        event: p.event_type("type")?,
        mode: p.mode("mode")?,
        modality: p.modality("modality")?,
        quad: p.integer("quad", 1, 4)?.map(|q| q as u8),
        from: p.date("from")?,
        to: p.date("to")?,
        text: p.string("q")?,
        order: match p.choice("order", &["newest", "oldest"])? {
            Some("oldest") => Order::OldestFirst,
            _ => Order::NewestFirst,
        },
    };
    check_range(filter.from, filter.to)?;
    if let Some(q) = &filter.text {
        check_query("q", q)?;
    }
    Ok(filter)
}

pub async fn events(State(state): State<Arc<AppState>>, uri: Uri) -> Response {
    let result = async {
        let mut p = Params::parse(uri.query());
        let filter = event_filter(&mut p)?;
        let page = PageRequest {
            after: p.string("after")?,
            limit: p.limit(100)?,
        };
        p.finish()?;
        state
            .cached(cache_key(&uri), || {
                state
                    .pool
                    .run(move |store| json_body(&store.events(&filter, &page)?))
            })
            .await
    };
    api_response(result.await)
}

pub async fn event(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
    RawQuery(query): RawQuery,
) -> Response {
    let result = async {
        Params::parse(query.as_deref()).finish()?;
        let id = EventId(parse_id("id", &id)?);
        state
            .pool
            .run(move |store| match store.event(id)? {
                Some(detail) => json_body(&detail),
                None => Err(ApiError::NotFound(format!("no event {id}"))),
            })
            .await
    };
    api_response(result.await)
}

pub async fn cluster(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
    RawQuery(query): RawQuery,
) -> Response {
    let result = async {
        Params::parse(query.as_deref()).finish()?;
        let id = ClusterId(parse_id("id", &id)?);
        state
            .pool
            .run(move |store| match store.cluster(id)? {
                Some(detail) => json_body(&detail),
                None => Err(ApiError::NotFound(format!("no cluster {id}"))),
            })
            .await
    };
    api_response(result.await)
}

pub fn period_param(p: &mut Params) -> Result<Period, ApiError> {
    Ok(match p.choice("by", &["day", "week", "month"])? {
        Some("day") => Period::Day,
        Some("week") => Period::Week,
        _ => Period::Month,
    })
}

pub async fn relations(
    State(state): State<Arc<AppState>>,
    Path((actor, recipient)): Path<(String, String)>,
    uri: Uri,
) -> Response {
    let result = async {
        let dyad = Dyad {
            actor: parse_code("actor", &actor)?,
            recipient: parse_code("recipient", &recipient)?,
            directed: false,
        };
        let mut p = Params::parse(uri.query());
        let period = period_param(&mut p)?;
        let (from, to) = (p.date("from")?, p.date("to")?);
        check_range(from, to)?;
        let directed = p.boolean("directed")?.unwrap_or(false);
        p.finish()?;
        let query = RelationsQuery {
            dyad: Dyad { directed, ..dyad },
            period,
            from,
            to,
        };
        state
            .cached(cache_key(&uri), || {
                state
                    .pool
                    .run(move |store| json_body(&store.relations(&query)?))
            })
            .await
    };
    api_response(result.await)
}

pub fn dyads_query(p: &mut Params) -> Result<DyadsQuery, ApiError> {
    let defaults = DyadsQuery::default();
    let query = DyadsQuery {
        from: p.date("from")?,
        to: p.date("to")?,
        recent_days: p
            .integer("recent_days", 1, 3_660)?
            .map_or(defaults.recent_days, |n| n as u32),
        limit: p
            .integer("limit", 1, 1_000)?
            .map_or(defaults.limit, |n| n as usize),
        min_events: p
            .integer("min_events", 1, 1_000_000)?
            .unwrap_or(defaults.min_events),
        directed: p.boolean("directed")?.unwrap_or(false),
    };
    check_range(query.from, query.to)?;
    Ok(query)
}

pub async fn dyads(State(state): State<Arc<AppState>>, uri: Uri) -> Response {
    let result = async {
        let mut p = Params::parse(uri.query());
        let query = dyads_query(&mut p)?;
        p.finish()?;
        state
            .cached(cache_key(&uri), || {
                state
                    .pool
                    .run(move |store| json_body(&store.dyads(&query)?))
            })
            .await
    };
    api_response(result.await)
}

/// One item of the document list: the document without its text, and for a search the passage that
/// matched and its relevance.
#[derive(Serialize)]
struct DocumentItem {
    document: DocumentMeta,
    #[serde(skip_serializing_if = "Option::is_none")]
    snippet: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    relevance: Option<f64>,
}

#[derive(Serialize)]
struct DocumentList {
    items: Vec<DocumentItem>,
    next: Option<String>,
}

pub async fn documents(State(state): State<Arc<AppState>>, uri: Uri) -> Response {
    let result = async {
        let mut p = Params::parse(uri.query());
        let query = p.string("q")?;
        if let Some(q) = &query {
            check_query("q", q)?;
        }
        let after = p.integer("after", 0, i64::MAX as u64)?.map(|n| n as i64);
        let limit = p.integer("limit", 1, MAX_HITS)?.unwrap_or(100) as usize;
        p.finish()?;
        if query.is_some() && after.is_some() {
            return Err(ApiError::bad_parameter(
                "after",
                "search results come in one page: give `q` or `after`, not both",
            ));
        }
        state
            .cached(cache_key(&uri), || {
                state.pool.run(move |store| {
                    let list = match query {
                        Some(q) => DocumentList {
                            items: store
                                .search_documents(&q, limit)?
                                .into_iter()
                                .map(
                                    |DocumentHit {
                                         document,
                                         snippet,
                                         relevance,
                                     }| DocumentItem {
                                        document,
                                        snippet: Some(snippet),
                                        relevance: Some(relevance),
                                    },
                                )
                                .collect(),
                            next: None,
                        },
                        None => {
                            let found = store.documents_after(after.map(DocId), limit)?;
                            let next = (found.len() == limit)
                                .then(|| found.last().map(|d| d.meta.id.to_string()))
                                .flatten();
                            DocumentList {
                                items: found
                                    .into_iter()
                                    .map(|d| DocumentItem {
                                        document: d.meta,
                                        snippet: None,
                                        relevance: None,
                                    })
                                    .collect(),
                                next,
                            }
                        }
                    };
                    json_body(&list)
                })
            })
            .await
    };
    api_response(result.await)
}

#[derive(Serialize)]
struct DocumentWithSpans {
    #[serde(flatten)]
    detail: DocumentDetail,
    spans: Vec<CodedSpan>,
}

pub async fn document(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
    uri: Uri,
) -> Response {
    let result = async {
        let mut p = Params::parse(uri.query());
        let recognised = p.boolean("recognition")?.unwrap_or(true);
        p.finish()?;
        let id = DocId(parse_id("id", &id)?);
        let pipeline = state.pipeline.clone();
        state
            .cached(cache_key(&uri), || {
                state.pool.run(move |store| {
                    let Some(detail) = store.document(id)? else {
                        return Err(ApiError::NotFound(format!("no document {id}")));
                    };
                    let spans = document_spans(&detail, recognised.then_some(&*pipeline));
                    json_body(&DocumentWithSpans { detail, spans })
                })
            })
            .await
    };
    api_response(result.await)
}

/// A document to code and store, as `POST /api/documents` takes it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PostedDocument {
    text: String,
    title: Option<String>,
    url: Option<String>,
    outlet: Option<String>,
    author: Option<String>,
    /// The publication date (YYYY-MM-DD), against which relative dates resolve.
    date: Option<String>,
    /// `fr` or `en`; identified from the text when absent.
    lang: Option<String>,
}

#[derive(Serialize)]
struct Stored {
    #[serde(flatten)]
    outcome: PutOutcome,
    /// The events coded and stored (0 for a duplicate, whose events were stored before).
    events: usize,
    language: Option<String>,
}

/// Compares without stopping at the first difference, so that timing does not reveal the token.
fn same_secret(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn authorize(headers: &HeaderMap, token: &str) -> Result<(), ApiError> {
    let Some(value) = headers.get(header::AUTHORIZATION) else {
        return Err(ApiError::Unauthorized(
            "missing bearer token (send Authorization: Bearer <token>)",
        ));
    };
    let given = value
        .to_str()
        .ok()
        .and_then(|v| v.split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, t)| t.trim());
    match given {
        Some(t) if same_secret(t.as_bytes(), token.as_bytes()) => Ok(()),
        Some(_) => Err(ApiError::Unauthorized("wrong bearer token")),
        None => Err(ApiError::Unauthorized(
            "the Authorization header is not a bearer token",
        )),
    }
}

fn parse_posted(body: &[u8]) -> Result<(Document, NewDocument), ApiError> {
    let posted: PostedDocument =
        serde_json::from_slice(body).map_err(|e| ApiError::BadBody(e.to_string()))?;
    if posted.text.trim().is_empty() {
        return Err(ApiError::BadBody("`text` is empty".into()));
    }
    let date = posted
        .date
        .as_deref()
        .map(|d| {
            d.trim()
                .parse::<jiff::civil::Date>()
                .map_err(|_| ApiError::BadBody(format!("`date` {d:?} is not a date (YYYY-MM-DD)")))
        })
        .transpose()?;
    let lang = posted
        .lang
        .as_deref()
        .map(|l| {
            l.parse::<vigie_core::Lang>()
                .map_err(|_| ApiError::BadBody(format!("`lang` {l:?} is not fr or en")))
        })
        .transpose()?;
    let clean = |v: Option<String>| v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    let url = clean(posted.url);
    let new = NewDocument {
        url: url.clone(),
        outlet: clean(posted.outlet),
        author: clean(posted.author),
        title: clean(posted.title),
        language: lang.map(|l| l.code().to_string()),
        published: date,
        fetched_at: Some(jiff::Timestamp::now()),
        text: posted.text,
    };
    let document = Document {
        id: url.clone(),
        text: new.text.clone(),
        date,
        lang,
        title: new.title.clone(),
        url,
        source: new.outlet.clone(),
    };
    Ok((document, new))
}

pub async fn post_document(State(state): State<Arc<AppState>>, request: Request<Body>) -> Response {
    let result = async {
        let Some(token) = &state.token else {
            return Err(ApiError::ReadOnly);
        };
        authorize(request.headers(), token)?;
        if let Some(kind) = request.headers().get(header::CONTENT_TYPE) {
            let kind = kind.to_str().unwrap_or("?");
            let essence = kind.split(';').next().unwrap_or("").trim();
            if !essence.eq_ignore_ascii_case("application/json") {
                return Err(ApiError::UnsupportedMediaType(kind.to_string()));
            }
        }
        let limit = state.max_body_bytes;
        let declared = request
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<u64>().ok());
        if declared.is_some_and(|n| n > limit as u64) {
            return Err(ApiError::TooLarge { limit });
        }
        let body = axum::body::to_bytes(request.into_body(), limit)
            .await
            .map_err(|e| {
                let inner = e.into_inner();
                if inner.is::<http_body_util::LengthLimitError>() {
                    ApiError::TooLarge { limit }
                } else {
                    ApiError::BadBody(format!("cannot read the body: {inner}"))
                }
            })?;
        let (document, mut new) = parse_posted(&body)?;
        let pipeline = state.pipeline.clone();
        let (language, records) = tokio::task::spawn_blocking(move || {
            let (lang, records) =
                pipeline.code_records_with_language(&document, AnalyzeOptions::default());
            (lang.map(|l| l.code().to_string()), records)
        })
        .await
        .map_err(|e| ApiError::Internal(format!("coding failed: {e}")))?;
        new.language = new.language.or(language.clone());
        let count = records.len();
        let outcome = state
            .pool
            .run(move |store| Ok(store.put_document(&new, &records)?))
            .await?;
        let stored = Stored {
            outcome,
            events: if matches!(outcome, PutOutcome::Inserted(_)) {
                count
            } else {
                0
            },
            language,
        };
        if let PutOutcome::Inserted(_) = outcome {
            state.cache.clear();
            state
                .metrics
                .documents_stored
                .fetch_add(1, Ordering::Relaxed);
        }
        Ok(stored)
    };
    match result.await {
        Ok(stored) => {
            let status = match stored.outcome {
                PutOutcome::Inserted(_) => StatusCode::CREATED,
                PutOutcome::Duplicate(_) => StatusCode::OK,
            };
            let location = format!("/api/documents/{}", stored.outcome.id());
            match json_body(&stored) {
                Ok(body) => {
                    let mut response = respond(status, body);
                    if let Ok(value) = HeaderValue::from_str(&location) {
                        response.headers_mut().insert(header::LOCATION, value);
                    }
                    response
                }
                Err(e) => json_error(&e),
            }
        }
        Err(e) => json_error(&e),
    }
}

pub async fn healthz(State(state): State<Arc<AppState>>, RawQuery(query): RawQuery) -> Response {
    if let Err(e) = Params::parse(query.as_deref()).finish() {
        return json_error(&e);
    }
    match state.pool.run(|store| Ok(store.index_extent()?)).await {
        Ok(_) => (
            StatusCode::OK,
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static(crate::state::JSON),
            )],
            r#"{"status":"ok"}"#,
        )
            .into_response(),
        Err(e) => {
            let body = serde_json::json!({ "status": "unavailable", "error": e.to_string() });
            (
                StatusCode::SERVICE_UNAVAILABLE,
                [(
                    header::CONTENT_TYPE,
                    HeaderValue::from_static(crate::state::JSON),
                )],
                body.to_string(),
            )
                .into_response()
        }
    }
}

pub async fn metrics(State(state): State<Arc<AppState>>) -> Response {
    let cache = (
        state.cache.len(),
        state.cache.hits.load(Ordering::Relaxed),
        state.cache.misses.load(Ordering::Relaxed),
    );
    let text = state.metrics.render(state.store_bytes(), cache);
    (
        StatusCode::OK,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"),
        )],
        text,
    )
        .into_response()
}

pub async fn openapi() -> Response {
    match json_body(&crate::openapi::spec()) {
        Ok(body) => respond(StatusCode::OK, body),
        Err(e) => json_error(&e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bearer_tokens_are_checked() {
        let mut headers = HeaderMap::new();
        assert!(matches!(
            authorize(&headers, "s3cret"),
            Err(ApiError::Unauthorized(_))
        ));
        headers.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("Bearer nope"),
        );
        assert!(authorize(&headers, "s3cret").is_err());
        headers.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("bearer s3cret"),
        );
        assert!(authorize(&headers, "s3cret").is_ok());
        headers.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("Basic s3cret"),
        );
        assert!(authorize(&headers, "s3cret").is_err());
        assert!(!same_secret(b"abc", b"abd") && same_secret(b"abc", b"abc"));
    }

    #[test]
    fn posted_documents_are_validated() {
        assert!(parse_posted(br#"{"text": "  "}"#).is_err());
        assert!(parse_posted(br#"{"text": "x", "date": "hier"}"#).is_err());
        assert!(parse_posted(br#"{"text": "x", "lang": "de"}"#).is_err());
        assert!(parse_posted(br#"{"text": "x", "colour": "red"}"#).is_err());
        let (doc, new) = parse_posted(
            r#"{"text": "Le Mali a expulsé l'ambassadeur.", "date": "2025-09-20", "lang": "fr", "url": " https://a.example/1 "}"#
                .as_bytes(),
        )
        .expect("valid");
        assert_eq!(doc.lang, Some(vigie_core::Lang::Fr));
        assert_eq!(new.url.as_deref(), Some("https://a.example/1"));
        assert_eq!(new.language.as_deref(), Some("fr"));
    }
}

//! The article page: the stored text with its actors, places, dates and event triggers highlighted,
//! an anchor at the sentence of each coded event, and the table of those events.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::{HeaderMap, Uri};
use axum::response::Response;
use maud::html;
use vigie_store::DocId;

use crate::error::ApiError;
use crate::params::{parse_id, Params};
use crate::spans::{document_spans, segments, RecordView, SpanKind};
use crate::state::{html_body, AppState};

use super::{events_table, layout, safe_url, PageContext};

pub async fn page(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let ctx = PageContext::new(&uri, &headers);
    let result = async {
        let id = DocId(parse_id("id", &id)?);
        let mut p = Params::parse(uri.query());
        p.allow("lang");
        p.finish()?;
        let pipeline = state.pipeline.clone();
        let page_ctx = ctx.clone();
        state
            .cached(ctx.cache_key(&uri), || {
                state.pool.run(move |store| {
                    let Some(detail) = store.document(id)? else {
                        return Err(ApiError::NotFound(format!("no document {id}")));
                    };
                    let spans = document_spans(&detail, Some(&pipeline));
                    let anchors: Vec<(u32, String)> = detail
                        .events
                        .iter()
                        .filter_map(|e| {
                            let evidence = RecordView::of(e).first_evidence()?;
                            Some((evidence.sentence[0], format!("event-{}", e.id)))
                        })
                        .collect();
                    let doc = &detail.document;
                    let pieces = segments(&doc.text, &spans, &anchors);
                    let lang = page_ctx.lang;
                    let t = lang.texts();
                    let title = doc.meta.title.as_deref().unwrap_or(t.untitled);
                    let body = html! {
                        article.document {
                            h1 { (title) }
                            dl.meta {
                                @if let Some(outlet) = &doc.meta.outlet {
                                    dt { (t.outlet) } dd { (outlet) }
                                }
                                @if let Some(author) = &doc.meta.author {
                                    dt { (t.author) } dd { (author) }
                                }
                                @if let Some(published) = doc.meta.published {
                                    dt { (t.published) } dd { time datetime=(published) { (published) } }
                                }
                                @if let Some(url) = safe_url(doc.meta.url.as_deref()) {
                                    dt { (t.original) }
                                    dd { a href=(url) rel="noopener noreferrer nofollow" { (url) } }
                                }
                            }
                            p.legend {
                                (t.legend) ": "
                                mark.hl-actor { (t.actor) } " "
                                mark.hl-place { (t.place) } " "
                                mark.hl-date { "date" } " "
                                mark.hl-trigger { (t.trigger) }
                            }
                            h2.visually-hidden { (t.text) }
                            div.article-text lang=[doc.meta.language.as_deref()] {
                                @for piece in &pieces {
                                    @for anchor in &piece.anchors {
                                        span.anchor id=(anchor) {}
                                    }
                                    @match piece.span.map(|i| &spans[i]) {
                                        Some(span) => {
                                            mark class=(span.kind.class()) title=(span.label)
                                                data-kind=(kind_name(span.kind)) { (piece.text) }
                                        }
                                        None => (piece.text),
                                    }
                                }
                            }
                        }
                        section aria-labelledby="coded-heading" {
                            h2 #coded-heading { (t.coded_events) }
                            @if detail.events.is_empty() {
                                p { (t.no_coded_events) }
                            } @else {
                                (events_table(lang, &detail.events, false))
                            }
                            p { a href={"/api/documents/" (id)} { "JSON" } }
                        }
                    };
                    Ok(html_body(layout(&page_ctx, title, body)))
                })
            })
            .await
    };
    ctx.finish(result.await)
}

fn kind_name(kind: SpanKind) -> &'static str {
    match kind {
        SpanKind::Trigger => "trigger",
        SpanKind::Actor => "actor",
        SpanKind::Place => "place",
        SpanKind::Date => "date",
    }
}

//! The event page (`/cluster/{id}`): one real-world event as the store merged it, and every article
//! and sentence that reported it.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::{HeaderMap, Uri};
use axum::response::Response;
use maud::html;
use vigie_store::ClusterId;

use crate::error::ApiError;
use crate::params::{parse_id, Params};
use crate::state::{html_body, AppState};

use super::{
    event_label, evidence_sentence, layout, modality_badge, quad_badge, score, side, PageContext,
};

pub async fn page(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let ctx = PageContext::new(&uri, &headers);
    let result = async {
        let id = ClusterId(parse_id("id", &id)?);
        let mut p = Params::parse(uri.query());
        p.allow("lang");
        p.finish()?;
        let page_ctx = ctx.clone();
        state
            .cached(ctx.cache_key(&uri), || {
                state.pool.run(move |store| {
                    let Some(detail) = store.cluster(id)? else {
                        return Err(ApiError::NotFound(format!("no event {id}")));
                    };
                    let lang = page_ctx.lang;
                    let t = lang.texts();
                    let c = &detail.cluster;
                    let title = format!("{} #{} · {}", t.event_title, c.id, c.event);
                    let body = html! {
                        h1 { (t.event_title) " #" (c.id) ": " (event_label(&c.event, c.mode.as_deref(), None)) }
                        dl.meta {
                            dt { (t.date) } dd { (c.date.map(|d| d.to_string()).unwrap_or_else(|| t.unknown.to_string())) }
                            dt { (t.modality) } dd { (modality_badge(lang, c.modality)) }
                            dt { (t.quad) } dd { (quad_badge(lang, c.quad)) }
                            dt { "Goldstein" } dd { (score(c.goldstein)) }
                            dt { (t.actors) }
                            dd {
                                (side(&c.actors)) " → " (side(&c.recipients))
                                @if let (Some(a), Some(r)) = (c.actors.first(), c.recipients.first()) {
                                    @if a != r {
                                        " · " a href={"/pair/" (a) "/" (r)} { (t.view_pair) }
                                    }
                                }
                            }
                            dt { (t.reports) } dd { (lang.reports(c.articles, c.sources)) }
                        }
                        section aria-labelledby="reports-heading" {
                            h2 #reports-heading { (t.every_report) }
                            ol.reports {
                                @for r in &detail.reports {
                                    li {
                                        a href={"/article/" (r.document.id) "#event-" (r.event_id)} {
                                            (r.document.title.as_deref().unwrap_or(t.untitled))
                                        }
                                        " "
                                        span.outlet {
                                            (r.document.outlet.as_deref().unwrap_or(""))
                                            @if let Some(p) = r.document.published { " · " (p) }
                                        }
                                        " " (modality_badge(lang, r.modality))
                                        @for ev in &r.evidence {
                                            blockquote { (evidence_sentence(&ev.text, ev.sentence, ev.trigger)) }
                                        }
                                    }
                                }
                            }
                        }
                        p { a href={"/api/clusters/" (c.id)} { "JSON" } }
                    };
                    Ok(html_body(layout(&page_ctx, &title, body)))
                })
            })
            .await
    };
    ctx.finish(result.await)
}

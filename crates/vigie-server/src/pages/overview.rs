//! The overview page: a search box, the most active and the fastest-changing pairs, and the latest
//! events.

use std::sync::Arc;

use axum::extract::State;
use axum::http::{HeaderMap, Uri};
use axum::response::Response;
use maud::html;
use vigie_store::{EventFilter, Order, PageRequest};

use crate::api::dyads_query;
use crate::params::Params;
use crate::state::{html_body, AppState};

use super::{actor_name, events_table, layout, score, PageContext};

const LATEST: usize = 15;

pub async fn page(State(state): State<Arc<AppState>>, uri: Uri, headers: HeaderMap) -> Response {
    let ctx = PageContext::new(&uri, &headers);
    let result = async {
        let mut p = Params::parse(uri.query());
        p.allow("lang");
        let query = dyads_query(&mut p)?;
        p.finish()?;
        let lang = ctx.lang;
        let pipeline = state.pipeline.clone();
        let page_ctx = ctx.clone();
        state
            .cached(ctx.cache_key(&uri), || {
                state.pool.run(move |store| {
                    let ranking = store.dyads(&query)?;
                    let latest = store.events(
                        &EventFilter {
                            order: Order::NewestFirst,
                            ..EventFilter::default()
                        },
                        &PageRequest {
                            after: None,
                            limit: LATEST,
                        },
                    )?;
                    let t = lang.texts();
                    let name = |code: &str| actor_name(&pipeline, lang, code);
                    let pair_title = |a: &str, r: &str| format!("{} – {}", name(a), name(r));
                    let body = html! {
                        h1 { (t.overview) }
                        form.search role="search" action="/search" method="get" {
                            label for="q" { (t.search_label) }
                            input #q type="search" name="q" required;
                            button type="submit" { (t.search_button) }
                        }
                        @if let (Some(from), Some(to)) = (ranking.from, ranking.to) {
                            p.range {
                                (t.range) " " time datetime=(from) { (from) } " → " time datetime=(to) { (to) }
                                @if let Some(recent) = ranking.recent_from {
                                    " (" (t.recent_from) " " time datetime=(recent) { (recent) } ")"
                                }
                            }
                        }
                        div.columns {
                            section aria-labelledby="active-title" {
                                h2 #active-title { (t.most_active) }
                                @if ranking.most_active.is_empty() {
                                    p { (t.empty_store) }
                                } @else {
                                    table.pairs {
                                        thead { tr {
                                            th scope="col" { (t.pair) }
                                            th scope="col" class="num" { (t.events) }
                                            th scope="col" class="num" { (t.mean_goldstein) }
                                        } }
                                        tbody {
                                            @for d in &ranking.most_active {
                                                tr {
                                                    td { a href={"/pair/" (d.actor) "/" (d.recipient)} { (pair_title(&d.actor, &d.recipient)) } }
                                                    td.num { (d.clusters) }
                                                    td.num { (score(d.mean_goldstein)) }
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                            section aria-labelledby="changing-title" {
                                h2 #changing-title { (t.fastest_changing) }
                                @if ranking.fastest_changing.is_empty() {
                                    p { (t.no_pairs) }
                                } @else {
                                    table.pairs {
                                        thead { tr {
                                            th scope="col" { (t.pair) }
                                            th scope="col" class="num" { (t.before) }
                                            th scope="col" class="num" { (t.recent) }
                                            th scope="col" class="num" { (t.change) }
                                        } }
                                        tbody {
                                            @for d in &ranking.fastest_changing {
                                                tr {
                                                    td { a href={"/pair/" (d.actor) "/" (d.recipient)} { (pair_title(&d.actor, &d.recipient)) } }
                                                    td.num { (score(Some(d.baseline))) }
                                                    td.num { (score(Some(d.recent))) }
                                                    td.num class=(if d.change < 0.0 { "down" } else { "up" }) { (score(Some(d.change))) }
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                        section aria-labelledby="latest-title" {
                            h2 #latest-title { (t.latest_events) }
                            @if latest.items.is_empty() {
                                p { (t.empty_store) }
                            } @else {
                                (events_table(lang, &latest.items, true))
                                p { a href="/api/events?order=newest" { "JSON" } }
                            }
                        }
                    };
                    Ok(html_body(layout(&page_ctx, t.overview, body)))
                })
            })
            .await
    };
    ctx.finish(result.await)
}

//! The pair page (`/pair/FRA/MLI`): the relations chart over time, the notable points with the events
//! behind them, filters, and the table of the pair's real-world events, newest first.
//!
//! The table reads the relations index (the pair's clusters by day) rather than filtering all events
//! by actor, so that a page costs the same on a store of a thousand events or of millions: the series'
//! counts say how far back the newest `PAGE` events go, and older pages start at the day before the
//! last one shown (`before=`).

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::{HeaderMap, Uri};
use axum::response::Response;
use jiff::civil::Date;
use maud::{html, Markup};
use vigie_core::coder::ontology::EVENT_TYPES;
use vigie_store::{
    ClusterFilter, ClusterSummary, Dyad, EventId, EventStore, NotablePoint, Period, Relations,
    RelationsQuery, ReportHead,
};

use crate::api::period_param;
use crate::chart::relations_chart;
use crate::error::ApiError;
use crate::i18n::UiLang;
use crate::params::{check_range, parse_code, Params, MODALITIES};
use crate::state::{html_body, AppState};

use super::{
    actor_name, event_label, events_head, evidence_sentence, layout, modality_badge, score, side,
    PageContext,
};

/// Events per page of the table.
const PAGE: usize = 50;

/// One row of the table: the cluster and its representative report.
struct ClusterRow {
    pub summary: ClusterSummary,
    pub report: Option<ReportHead>,
}

struct ClusterPage {
    pub rows: Vec<ClusterRow>,
    /// The `before` of the next page, when older events remain.
    pub older: Option<Date>,
}

/// The pair's events that pass the request's filters, newest first, from the days before its
/// `before` (all when `None`) within its range. A page ends with a whole day, so that the next one
/// can start at the day before: it holds `limit` events and the rest of the last one's day.
fn pair_clusters(
    store: &mut dyn EventStore,
    request: &PairRequest,
    limit: usize,
) -> Result<ClusterPage, ApiError> {
    let PairRequest {
        dyad,
        from,
        to,
        before,
        filter,
        ..
    } = request;
    let upper = match before {
        Some(b) => match b.yesterday() {
            Ok(last) => Some(to.map_or(last, |t| t.min(last))),
            Err(_) => {
                return Ok(ClusterPage {
                    rows: Vec::new(),
                    older: None,
                })
            }
        },
        None => *to,
    };
    let mut summaries = store.dyad_clusters(dyad, *from, upper, filter, limit + 1)?;
    let mut older = None;
    if summaries.len() > limit {
        let last_date = summaries[limit - 1].date;
        let beyond = summaries[limit].date;
        summaries.truncate(limit);
        if let Some(day) = last_date {
            if beyond == last_date {
                // The rest of the last day, then whether any older day remains.
                let whole_day =
                    store.dyad_clusters(dyad, Some(day), Some(day), filter, usize::MAX >> 1)?;
                summaries.retain(|c| c.date != last_date);
                summaries.extend(whole_day);
                let earlier = day.yesterday().ok();
                if earlier.is_some_and(|e| from.is_none_or(|f| f <= e))
                    && !store
                        .dyad_clusters(dyad, *from, earlier, filter, 1)?
                        .is_empty()
                {
                    older = Some(day);
                }
            } else {
                older = Some(day);
            }
        }
    }
    let representatives: Vec<EventId> = summaries.iter().map(|c| c.representative).collect();
    let mut reports = store.report_heads(&representatives)?.into_iter().peekable();
    let mut rows = Vec::with_capacity(summaries.len());
    for summary in summaries {
        let report = reports.next_if(|r| r.event_id == summary.representative);
        rows.push(ClusterRow { summary, report });
    }
    Ok(ClusterPage { rows, older })
}

/// What the page was asked for.
struct PairRequest {
    dyad: Dyad,
    period: Period,
    from: Option<Date>,
    to: Option<Date>,
    before: Option<Date>,
    filter: ClusterFilter,
}

fn parse_request(actor: &str, recipient: &str, uri: &Uri) -> Result<PairRequest, ApiError> {
    let actor = parse_code("actor", actor)?;
    let recipient = parse_code("recipient", recipient)?;
    let mut p = Params::parse(uri.query());
    p.allow("lang");
    let period = period_param(&mut p)?;
    let (from, to) = (p.date("from")?, p.date("to")?);
    check_range(from, to)?;
    let directed = p.boolean("directed")?.unwrap_or(false);
    let filter = ClusterFilter {
        event: p.event_type("type")?,
        modality: p.modality("modality")?,
        quad: p.integer("quad", 1, 4)?.map(|q| q as u8),
    };
    let before = p.date("before")?;
    p.finish()?;
    Ok(PairRequest {
        dyad: Dyad {
            actor,
            recipient,
            directed,
        },
        period,
        from,
        to,
        before,
        filter,
    })
}

pub async fn page(
    State(state): State<Arc<AppState>>,
    Path((actor, recipient)): Path<(String, String)>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let ctx = PageContext::new(&uri, &headers);
    let result = async {
        let request = parse_request(&actor, &recipient, &uri)?;
        let pipeline = state.pipeline.clone();
        let page_ctx = ctx.clone();
        state
            .cached(ctx.cache_key(&uri), || {
                state.pool.run(move |store| {
                    let relations = store.relations(&RelationsQuery {
                        dyad: request.dyad.clone(),
                        period: request.period,
                        from: request.from,
                        to: request.to,
                    })?;
                    let table = pair_clusters(store, &request, PAGE)?;
                    let name = |code: &str| actor_name(&pipeline, page_ctx.lang, code);
                    let names = (name(&request.dyad.actor), name(&request.dyad.recipient));
                    Ok(html_body(render(
                        &page_ctx, &request, &relations, &table, names,
                    )))
                })
            })
            .await
    };
    ctx.finish(result.await)
}

fn render(
    ctx: &PageContext,
    request: &PairRequest,
    relations: &Relations,
    table: &ClusterPage,
    (actor_name, recipient_name): (String, String),
) -> Markup {
    let lang = ctx.lang;
    let t = lang.texts();
    let dyad = &request.dyad;
    let arrow = if dyad.directed { "→" } else { "–" };
    let title = format!("{actor_name} {arrow} {recipient_name}");
    let total: u64 = relations.points.iter().map(|p| p.clusters).sum();
    let body = html! {
        h1 {
            (t.relations) " " (actor_name) " (" (dyad.actor) ") " (arrow) " " (recipient_name) " (" (dyad.recipient) ")"
        }
        nav.periods aria-label=(t.by) {
            (t.by) " "
            @for period in [Period::Day, Period::Week, Period::Month] {
                @let current = period == request.period;
                a href=(ctx.link_with(&[("by", Some(period.name())), ("before", None)]))
                    aria-current=[current.then_some("page")] { (lang.period(period)) }
                " "
            }
        }
        section aria-labelledby="chart-heading" {
            h2 #chart-heading { (t.chart_title) }
            @if relations.points.is_empty() {
                p { (t.no_series) }
            } @else {
                p.summary {
                    (relations.points.first().map(|p| p.period.as_str()).unwrap_or(""))
                    " → "
                    (relations.points.last().map(|p| p.period.as_str()).unwrap_or(""))
                    " · " (lang.count(total, ("événement", "événements"), ("event", "events")))
                    " · " (relations.points.len()) " " (t.periods_shown)
                }
                figure.chart {
                    (relations_chart(relations, lang))
                    figcaption {
                        ul.legend {
                            @for q in 1..=4u8 {
                                li { span class={"swatch q" (q)} {} (lang.quad(q)) }
                            }
                            li { span.swatch.score-line {} (t.score) }
                            li { span.swatch.notable-mark {} (t.notable_marker) }
                        }
                    }
                }
            }
        }
        section aria-labelledby="notable-heading" {
            h2 #notable-heading { (t.notable_points) }
            @if relations.notable.is_empty() {
                p { (t.no_notable) }
            } @else {
                ol.notable {
                    @for group in notable_groups(relations) {
                        li {
                            strong { (group[0].period) } " · " (t.score) " " (score(group[0].score)) " · "
                            @for (k, n) in group.iter().enumerate() {
                                @if k > 0 { "; " }
                                (lang.notable(&n.kind, relations.period))
                            }
                            @if !group[0].clusters.is_empty() {
                                ul {
                                    @for c in &group[0].clusters {
                                        li {
                                            a href={"/cluster/" (c.id)} { (c.event) }
                                            " " (c.date.map(|d| d.to_string()).unwrap_or_default()) " · "
                                            q { (c.text) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        section aria-labelledby="events-heading" {
            h2 #events-heading { (t.events) }
            (filter_form(ctx, request))
            @if table.rows.is_empty() {
                p { (t.no_events) }
            } @else {
                (clusters_table(lang, &table.rows))
            }
            nav.pager aria-label=(t.events) {
                @if request.before.is_some() {
                    a href=(ctx.link_with(&[("before", None)])) { "« " (t.newest) }
                    " "
                }
                @if let Some(older) = table.older {
                    a rel="next" href=(ctx.link_with(&[("before", Some(&older.to_string()))])) { (t.older) " »" }
                }
            }
            p {
                a href={"/api/relations/" (dyad.actor) "/" (dyad.recipient) "?by=" (request.period.name())
                    @if dyad.directed { "&directed=true" } } { "JSON" }
            }
        }
    };
    layout(ctx, &title, body)
}

/// The notable points, those of the same period together (a period can be both the lowest in a long
/// time and a sharp drop; its events are listed once).
fn notable_groups(relations: &Relations) -> Vec<Vec<&NotablePoint>> {
    let mut groups: Vec<Vec<&NotablePoint>> = Vec::new();
    for n in &relations.notable {
        match groups.last_mut() {
            Some(group) if group[0].start == n.start => group.push(n),
            _ => groups.push(vec![n]),
        }
    }
    groups
}

fn filter_form(ctx: &PageContext, request: &PairRequest) -> Markup {
    let t = ctx.lang.texts();
    let lang = ctx.lang;
    let dyad = &request.dyad;
    let f = &request.filter;
    html! {
        form.filters method="get" action=(ctx.path) {
            fieldset {
                legend { (t.filters) }
                input type="hidden" name="by" value=(request.period.name());
                @if ctx.chosen { input type="hidden" name="lang" value=(lang.code()); }
                div.field {
                    label for="f-type" { (t.event_type) }
                    select #f-type name="type" {
                        option value="" { (t.any) }
                        @for e in EVENT_TYPES {
                            option value=(e) selected[f.event.as_deref() == Some(e)] { (e) }
                        }
                    }
                }
                div.field {
                    label for="f-modality" { (t.modality) }
                    select #f-modality name="modality" {
                        option value="" { (t.any) }
                        @for m in MODALITIES {
                            option value=(m.as_str()) selected[f.modality == Some(m)] { (lang.modality(m)) }
                        }
                    }
                }
                div.field {
                    label for="f-quad" { (t.quad) }
                    select #f-quad name="quad" {
                        option value="" { (t.any) }
                        @for q in 1..=4u8 {
                            option value=(q) selected[f.quad == Some(q)] { (lang.quad(q)) }
                        }
                    }
                }
                div.field {
                    label for="f-directed" { (t.direction) }
                    select #f-directed name="directed" {
                        option value="false" selected[!dyad.directed] { (t.both_directions) }
                        option value="true" selected[dyad.directed] { (dyad.actor) " → " (dyad.recipient) }
                    }
                }
                div.field {
                    label for="f-from" { (t.from) }
                    input #f-from type="date" name="from" value=[request.from.map(|d| d.to_string())];
                }
                div.field {
                    label for="f-to" { (t.to) }
                    input #f-to type="date" name="to" value=[request.to.map(|d| d.to_string())];
                }
                div.actions {
                    button type="submit" { (t.apply) }
                    " "
                    a href=(ctx.path) { (t.reset) }
                }
            }
        }
    }
}

fn clusters_table(lang: UiLang, rows: &[ClusterRow]) -> Markup {
    let t = lang.texts();
    html! {
        div.table-wrap {
            table.events #events {
                (events_head(lang, true))
                tbody {
                    @for row in rows {
                        @let c = &row.summary;
                        tr {
                            td.date { (c.date.map(|d| d.to_string()).unwrap_or_default()) }
                            td { (event_label(&c.event, c.mode.as_deref(), None)) }
                            td { (modality_badge(lang, c.modality)) }
                            td.sides { (side(&c.actors)) " → " (side(&c.recipients)) }
                            td {
                                @match row.report.as_ref().and_then(|r| r.evidence.as_ref()) {
                                    Some(ev) => (evidence_sentence(&ev.text, ev.sentence, ev.trigger)),
                                    None => q.evidence { (c.text) },
                                }
                            }
                            td {
                                @if let Some(report) = &row.report {
                                    a.article-link href={"/article/" (report.doc_id) "#event-" (report.event_id)} {
                                        (report.title.as_deref().unwrap_or(t.untitled))
                                    }
                                    @if let Some(outlet) = &report.outlet { br; span.outlet { (outlet) } }
                                }
                            }
                            td.num {
                                a href={"/cluster/" (c.id)} title=(lang.reports(c.articles, c.sources)) {
                                    (c.articles)
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

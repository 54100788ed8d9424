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
use vigie_core::coder::Modality;
use vigie_store::series::SeriesPoint;
use vigie_store::{
    ClusterSummary, DocId, Dyad, EventId, EventStore, EvidenceSpan, NotablePoint, Period,
    Relations, RelationsQuery,
};

use crate::api::period_param;
use crate::chart::relations_chart;
use crate::error::ApiError;
use crate::i18n::UiLang;
use crate::params::{check_range, parse_code, Params, MODALITIES};
use crate::state::{html_body, AppState};

use super::{
    actor_name, event_label, evidence_sentence, layout, modality_badge, score, side, PageContext,
};

/// Events per page of the table.
const PAGE: usize = 50;
/// The most clusters one page reads while looking for events that pass the filters.
const MAX_EXAMINED: usize = 2_000;

/// The table's filters on real-world events.
#[derive(Clone, Debug, Default)]
pub struct ClusterFilter {
    pub event: Option<String>,
    pub modality: Option<Modality>,
    pub quad: Option<u8>,
}

impl ClusterFilter {
    fn accepts(&self, c: &ClusterSummary) -> bool {
        self.event.as_deref().is_none_or(|e| c.event == e)
            && self.modality.is_none_or(|m| c.modality == m)
            && self.quad.is_none_or(|q| c.quad == q)
    }
}

/// The report a row shows and links to: the cluster's representative event record.
struct Representative {
    pub event_id: EventId,
    pub doc_id: DocId,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub evidence: Option<EvidenceSpan>,
}

/// One row of the table: the cluster and its representative report.
struct ClusterRow {
    pub summary: ClusterSummary,
    pub report: Option<Representative>,
}

struct ClusterPage {
    pub rows: Vec<ClusterRow>,
    /// The `before` of the next page, when older events remain.
    pub older: Option<Date>,
}

/// The last day of the period that starts on `start`.
fn period_end(period: Period, start: Date) -> Date {
    period
        .next(start)
        .and_then(|next| next.yesterday().ok())
        .unwrap_or(start)
}

/// The pair's events that pass the request's filters, newest first, from the days before its
/// `before` (all when `None`) within its range. `points` is the pair's series over that range: its
/// counts choose how far back each read of the index goes, so that a page reads about `limit` events
/// whatever the period.
fn pair_clusters(
    store: &mut dyn EventStore,
    request: &PairRequest,
    points: &[SeriesPoint],
    limit: usize,
) -> Result<ClusterPage, ApiError> {
    let PairRequest {
        dyad,
        period,
        from,
        to,
        before,
        filter,
    } = request;
    let (period, from, to) = (*period, *from, *to);
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
        None => to,
    };
    let mut next = points.len();
    while next > 0 && upper.is_some_and(|u| points[next - 1].start > u) {
        next -= 1;
    }
    let mut summaries: Vec<ClusterSummary> = Vec::new();
    let mut examined = 0;
    while next > 0 && summaries.len() < limit && examined < MAX_EXAMINED {
        let wanted = (limit - summaries.len()) as u64;
        let last = period_end(period, points[next - 1].start);
        let end = upper.map_or(last, |u| u.min(last));
        let mut counted = 0;
        while next > 0 && counted < wanted {
            next -= 1;
            counted += points[next].clusters;
        }
        let start = from.map_or(points[next].start, |f| f.max(points[next].start));
        if counted == 0 || start > end {
            continue;
        }
        let ids = store.dyad_cluster_ids(dyad, start, end)?;
        examined += ids.len();
        let mut found: Vec<ClusterSummary> = store
            .cluster_summaries(&ids)?
            .into_iter()
            .filter(|c| filter.accepts(c))
            .collect();
        found.sort_by_key(|c| std::cmp::Reverse((c.date, c.id)));
        summaries.extend(found);
    }
    // A page ends with a whole day, so that the next one can start at the day before.
    let mut older = (next > 0).then(|| points[next].start);
    if summaries.len() > limit {
        let last_date = summaries[limit - 1].date;
        let keep = limit
            + summaries[limit..]
                .iter()
                .take_while(|c| c.date == last_date)
                .count();
        if keep < summaries.len() {
            summaries.truncate(keep);
            older = last_date;
        }
    }
    let mut rows = Vec::with_capacity(summaries.len());
    for summary in summaries {
        let report = store
            .event(summary.representative)?
            .map(|detail| Representative {
                event_id: detail.event.id,
                doc_id: detail.event.doc_id,
                title: detail.event.source.title,
                outlet: detail.event.source.outlet,
                evidence: detail.evidence.into_iter().next(),
            });
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
                    let table = pair_clusters(store, &request, &relations.points, PAGE)?;
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
                thead {
                    tr {
                        th scope="col" { (t.date) }
                        th scope="col" { (t.event) }
                        th scope="col" { (t.modality) }
                        th scope="col" { (t.actors) }
                        th scope="col" { (t.evidence) }
                        th scope="col" { (t.article) }
                        th scope="col" { (t.reports) }
                    }
                }
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

#[cfg(test)]
mod tests {
    use super::*;
    use vigie_store::ClusterId;

    fn summary(event: &str, quad: u8, modality: Modality) -> ClusterSummary {
        ClusterSummary {
            id: ClusterId(1),
            event: event.into(),
            mode: None,
            actors: vec!["FRA".into()],
            recipients: vec!["MLI".into()],
            actor_sector: None,
            recipient_sector: None,
            date: None,
            modality,
            quad,
            goldstein: None,
            event_scale: 0.0,
            mentions: 1,
            articles: 1,
            sources: 1,
            first_report: None,
            last_report: None,
            representative: vigie_store::EventId(1),
            text: String::new(),
        }
    }

    #[test]
    fn filters_narrow_clusters() {
        let c = summary("ASSAULT", 4, Modality::Asserted);
        assert!(ClusterFilter::default().accepts(&c));
        let f = ClusterFilter {
            event: Some("ASSAULT".into()),
            modality: Some(Modality::Asserted),
            quad: Some(4),
        };
        assert!(f.accepts(&c));
        assert!(!ClusterFilter {
            quad: Some(1),
            ..ClusterFilter::default()
        }
        .accepts(&c));
        assert!(!ClusterFilter {
            modality: Some(Modality::Alleged),
            ..ClusterFilter::default()
        }
        .accepts(&c));
    }
}

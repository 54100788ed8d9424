//! The dashboard's server-rendered pages: the language of each request, the common layout, error
//! pages, and the small pieces every page shows (badges, actors, evidence sentences). Pages are maud
//! templates, which escape every value they print; nothing here writes raw HTML from data.

pub mod article;
pub mod cluster;
pub mod overview;
pub mod pair;
pub mod search;

use axum::http::{header, HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::Response;
use maud::{html, Markup, DOCTYPE};
use vigie_core::coder::Modality;
use vigie_core::codes::Code;
use vigie_core::Pipeline;
use vigie_store::StoredEvent;

use crate::cache::Cached;
use crate::error::ApiError;
use crate::i18n::{negotiate, UiLang, COOKIE};
use crate::spans::{split_trigger, RecordView, SideView};
use crate::state::{html_body, respond};

/// The language and address of the page being rendered.
#[derive(Clone)]
pub struct PageContext {
    pub lang: UiLang,
    pub path: String,
    /// The query's parameters, in order.
    pub query: Vec<(String, String)>,
    /// `?lang=` chose the language: the answer remembers it in a cookie.
    pub chosen: bool,
}

impl PageContext {
    pub fn new(uri: &Uri, headers: &HeaderMap) -> PageContext {
        let query: Vec<(String, String)> =
            form_urlencoded::parse(uri.query().unwrap_or("").as_bytes())
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect();
        let asked = query
            .iter()
            .find(|(k, _)| k == "lang")
            .and_then(|(_, v)| UiLang::parse(v));
        PageContext {
            lang: negotiate(asked.map(UiLang::code), headers),
            path: uri.path().to_string(),
            query,
            chosen: asked.is_some(),
        }
    }

    /// The key of this page in the response cache: the address and the language it is shown in.
    pub fn cache_key(&self, uri: &Uri) -> String {
        format!("page|{}|{uri}", self.lang.code())
    }

    /// This page's address with `changes` applied to its query (`None` removes a parameter).
    pub fn link_with(&self, changes: &[(&str, Option<&str>)]) -> String {
        let mut out = form_urlencoded::Serializer::new(String::new());
        for (k, v) in &self.query {
            if !changes.iter().any(|(name, _)| name == k) {
                out.append_pair(k, v);
            }
        }
        for (name, value) in changes {
            if let Some(v) = value {
                out.append_pair(name, v);
            }
        }
        let query = out.finish();
        if query.is_empty() {
            self.path.clone()
        } else {
            format!("{}?{query}", self.path)
        }
    }

    /// The answer: the page, or an error page in the reader's language.
    pub fn finish(&self, result: Result<Cached, ApiError>) -> Response {
        let mut response = match result {
            Ok(body) => respond(StatusCode::OK, body),
            Err(e) => error_page(self, &e),
        };
        if self.chosen {
            let cookie = format!(
                "{COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
                self.lang.code()
            );
            if let Ok(value) = HeaderValue::from_str(&cookie) {
                response.headers_mut().append(header::SET_COOKIE, value);
            }
        }
        response
    }
}

/// The frame of every page: skip link, header with navigation and the language switch, main content,
/// footer.
pub fn layout(ctx: &PageContext, title: &str, body: Markup) -> Markup {
    let t = ctx.lang.texts();
    let other = ctx.lang.other();
    html! {
        (DOCTYPE)
        html lang=(ctx.lang.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · vigie" }
                link rel="stylesheet" href="/static/vigie.css";
                link rel="icon" href="/static/favicon.svg" type="image/svg+xml";
            }
            body {
                a.skip href="#main" { (t.skip) }
                header.site {
                    a.brand href="/" { "vigie" }
                    nav aria-label=(t.nav_label) {
                        ul {
                            li { a href="/" { (t.overview) } }
                            li { a href="/search" { (t.search) } }
                            li { a href="/api/openapi.json" { (t.api) } }
                        }
                    }
                    a.lang-switch href=(ctx.link_with(&[("lang", Some(other.code()))]))
                        hreflang=(other.code()) lang=(other.code())
                        title=(match ctx.lang {
                            UiLang::Fr => format!("{} : {}", t.language, other.name()),
                            UiLang::En => format!("{}: {}", t.language, other.name()),
                        }) { (other.name()) }
                }
                main #main tabindex="-1" { (body) }
                footer.site { p { (t.footer) } }
            }
        }
    }
}

pub fn error_page(ctx: &PageContext, error: &ApiError) -> Response {
    let t = ctx.lang.texts();
    let status = error.status();
    let title = match status {
        StatusCode::NOT_FOUND => t.not_found,
        s if s.is_client_error() => t.bad_request,
        _ => t.server_error,
    };
    if let ApiError::Internal(message) = error {
        eprintln!("vigie serve: {message}");
    }
    let page = layout(
        ctx,
        title,
        html! {
            h1 { (title) }
            p.error { (error.to_string()) }
            p { a href="/" { (t.back_home) } }
        },
    );
    respond(status, html_body(page))
}

pub fn not_found(uri: &Uri, headers: &HeaderMap) -> Response {
    let ctx = PageContext::new(uri, headers);
    let error = ApiError::NotFound(format!("no page {}", uri.path()));
    error_page(&ctx, &error)
}

/// The name of an actor code in the reader's language ("France", "Mali"), or the code itself.
pub fn actor_name(pipeline: &Pipeline, lang: UiLang, code: &str) -> String {
    Code::parse(code)
        .and_then(|c| pipeline.kb.country(c))
        .map(|info| match lang {
            UiLang::Fr => info.name_fr.clone(),
            UiLang::En => info.name_en.clone(),
        })
        .filter(|name| !name.is_empty())
        .unwrap_or_else(|| code.to_string())
}

pub fn modality_badge(lang: UiLang, modality: Modality) -> Markup {
    html! {
        span class={"badge modality-" (modality.as_str())} title=(modality.as_str()) {
            (lang.modality(modality))
        }
    }
}

pub fn quad_badge(lang: UiLang, quad: u8) -> Markup {
    html! {
        span class={"quad quad-" (quad)} { (lang.quad(quad)) }
    }
}

/// "ASSAULT / air_strike" with the CAMEO code.
pub fn event_label(event: &str, mode: Option<&str>, cameo: Option<&str>) -> Markup {
    html! {
        span.event-type { (event) }
        @if let Some(mode) = mode { " / " span.event-mode { (mode) } }
        @if let Some(cameo) = cameo { " " span.cameo { "CAMEO " (cameo) } }
    }
}

/// A sentence with its trigger marked.
pub fn evidence_sentence(sentence: &str, sentence_span: [u32; 2], trigger: [u32; 2]) -> Markup {
    let [before, marked, after] = split_trigger(sentence, sentence_span, trigger);
    html! {
        q.evidence {
            (before)
            @if !marked.is_empty() { mark.hl-trigger { (marked) } }
            (after)
        }
    }
}

/// Codes joined for a side of an event ("MLI", "FRA + DZA"), "?" when empty.
pub fn side(codes: &[String]) -> String {
    if codes.is_empty() {
        "?".to_string()
    } else {
        codes.join(" + ")
    }
}

/// A Goldstein score or mean with its sign, with a true minus sign.
pub fn score(value: Option<f64>) -> String {
    value.map_or_else(|| "–".to_string(), |v| format!("{v:+.1}").replace('-', "−"))
}

/// A link to an article's original address, only for web addresses: a `javascript:` or `data:` URL
/// stored with a document must never become a link.
pub fn safe_url(url: Option<&str>) -> Option<&str> {
    url.filter(|u| {
        let lower = u.trim_start().to_ascii_lowercase();
        lower.starts_with("https://") || lower.starts_with("http://")
    })
}

/// The header row of the event tables (stored records here, real-world events on the pair page).
pub fn events_head(lang: UiLang, show_article: bool) -> Markup {
    let t = lang.texts();
    html! {
        thead {
            tr {
                th scope="col" { (t.date) }
                th scope="col" { (t.event) }
                th scope="col" { (t.modality) }
                th scope="col" { (t.actors) }
                th scope="col" { (t.evidence) }
                @if show_article { th scope="col" { (t.article) } }
                th scope="col" { (t.reports) }
            }
        }
    }
}

/// A table of stored event records: date, type, modality, sides, the evidence with its trigger, and
/// the article (linked to the sentence). `show_article` is false on the article's own page.
pub fn events_table(lang: UiLang, events: &[StoredEvent], show_article: bool) -> Markup {
    let t = lang.texts();
    html! {
        div.table-wrap {
            table.events {
                (events_head(lang, show_article))
                tbody {
                    @for e in events {
                        @let record = RecordView::of(e);
                        @let actors: Vec<String> = record.actor.iter().map(SideView::codes).collect();
                        @let recipients: Vec<String> = record.recipient.iter().map(SideView::codes).collect();
                        tr id={"event-row-" (e.id)} {
                            td.date { (e.date.clone().or(e.day.map(|d| d.to_string())).unwrap_or_default()) }
                            td { (event_label(&e.event, e.mode.as_deref(), Some(&e.cameo))) }
                            td { (modality_badge(lang, e.modality)) }
                            td.sides {
                                @match (&e.actor_code, &e.recipient_code) {
                                    (Some(a), Some(r)) if a != r => {
                                        a href={"/pair/" (a) "/" (r)} { (side(&actors)) " → " (side(&recipients)) }
                                    }
                                    _ => { (side(&actors)) " → " (side(&recipients)) }
                                }
                            }
                            td {
                                @if let Some(ev) = record.first_evidence() {
                                    (evidence_sentence(&ev.text, ev.sentence, ev.trigger))
                                }
                            }
                            @if show_article {
                                td {
                                    a href={"/article/" (e.doc_id) "#event-" (e.id)} {
                                        (e.source.title.as_deref().unwrap_or(t.untitled))
                                    }
                                    @if let Some(outlet) = &e.source.outlet { br; span.outlet { (outlet) } }
                                }
                            }
                            td.num {
                                @if let (Some(id), Some(counts)) = (e.cluster_id, e.cluster) {
                                    a href={"/cluster/" (id)} title=(lang.reports(counts.articles, counts.sources)) {
                                        (counts.articles)
                                    }
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

    #[test]
    fn only_web_addresses_become_links() {
        assert_eq!(
            safe_url(Some("https://a.example/x")),
            Some("https://a.example/x")
        );
        assert_eq!(safe_url(Some("javascript:alert(1)")), None);
        assert_eq!(safe_url(Some(" JaVaScRiPt:alert(1)")), None);
        assert_eq!(safe_url(Some("data:text/html,x")), None);
    }

    #[test]
    fn language_links_keep_the_query() {
        let uri: Uri = "/pair/FRA/MLI?by=week&lang=fr".parse().expect("uri");
        let ctx = PageContext::new(&uri, &HeaderMap::new());
        assert_eq!(ctx.lang, UiLang::Fr);
        assert!(ctx.chosen);
        assert_eq!(
            ctx.link_with(&[("lang", Some("en"))]),
            "/pair/FRA/MLI?by=week&lang=en"
        );
        assert_eq!(ctx.link_with(&[("by", None)]), "/pair/FRA/MLI?lang=fr");
    }

    #[test]
    fn markup_escapes_article_text() {
        let page = evidence_sentence("<script>alert(1)</script> a expulsé", [0, 35], [28, 35]);
        let html = page.into_string();
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{html}"
        );
        assert!(!html.contains("<script>"));
        assert!(
            html.contains("<mark class=\"hl-trigger\">expulsé</mark>"),
            "{html}"
        );
    }
}

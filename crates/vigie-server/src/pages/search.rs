//! The search page: full-text search over the stored articles, with the matching passages.

use std::sync::Arc;

use axum::extract::State;
use axum::http::{HeaderMap, Uri};
use axum::response::Response;
use maud::{html, Markup};

use crate::api::check_query;
use crate::params::Params;
use crate::state::{html_body, AppState};

use super::{layout, PageContext};

const HITS: usize = 50;

/// A search passage with the matched words (between `[` and `]`) marked.
fn snippet(text: &str) -> Markup {
    let mut parts: Vec<(bool, String)> = vec![(false, String::new())];
    for ch in text.chars() {
        match ch {
            '[' => parts.push((true, String::new())),
            ']' => parts.push((false, String::new())),
            c => {
                if let Some((_, s)) = parts.last_mut() {
                    s.push(c);
                }
            }
        }
    }
    html! {
        @for (matched, s) in &parts {
            @if *matched { mark { (s) } } @else { (s) }
        }
    }
}

pub async fn page(State(state): State<Arc<AppState>>, uri: Uri, headers: HeaderMap) -> Response {
    let ctx = PageContext::new(&uri, &headers);
    let result = async {
        let mut p = Params::parse(uri.query());
        p.allow("lang");
        let query = p.string("q")?;
        p.finish()?;
        if let Some(q) = &query {
            check_query("q", q)?;
        }
        let page_ctx = ctx.clone();
        state
            .cached(ctx.cache_key(&uri), || {
                state.pool.run(move |store| {
                    let hits = match &query {
                        Some(q) => store.search_documents(q, HITS)?,
                        None => Vec::new(),
                    };
                    let t = page_ctx.lang.texts();
                    let body = html! {
                        h1 { (t.search) }
                        form.search role="search" action="/search" method="get" {
                            label for="q" { (t.search_label) }
                            input #q type="search" name="q" value=[query.as_deref()] required;
                            button type="submit" { (t.search_button) }
                        }
                        p.hint { (t.search_hint) }
                        @if let Some(q) = &query {
                            h2 { (t.results_for) " « " (q) " »" }
                            @if hits.is_empty() {
                                p { (t.no_results) }
                            } @else {
                                ol.hits {
                                    @for hit in &hits {
                                        li {
                                            a href={"/article/" (hit.document.id)} {
                                                (hit.document.title.as_deref().unwrap_or(t.untitled))
                                            }
                                            " "
                                            span.outlet {
                                                (hit.document.outlet.as_deref().unwrap_or(""))
                                                @if let Some(p) = hit.document.published { " · " (p) }
                                            }
                                            p.snippet { (snippet(&hit.snippet)) }
                                        }
                                    }
                                }
                            }
                        }
                    };
                    Ok(html_body(layout(&page_ctx, t.search, body)))
                })
            })
            .await
    };
    ctx.finish(result.await)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_mark_matches_and_escape_the_rest() {
        let html = snippet("la [junte] <b>malienne</b>").into_string();
        assert_eq!(html, "la <mark>junte</mark> &lt;b&gt;malienne&lt;/b&gt;");
    }
}

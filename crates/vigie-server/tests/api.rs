//! The HTTP API end to end: a real server on a loopback port over a store filled with the example
//! corpus, queried with a real HTTP client — every route, filters and pages, bad parameters, unknown
//! ids, the token, body limits, metrics, headers, and the agreement of the OpenAPI description with the
//! router.

mod common;

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::OnceLock;

use common::{answer, client, get, get_with, Answer, HOSTILE_TEXT, TOKEN};
use serde_json::Value;
use vigie_server::RunningServer;
use vigie_store::DocId;

struct Fixture {
    _dir: tempfile::TempDir,
    db: PathBuf,
    /// A copy of the store, for the server that accepts documents.
    writable_db: PathBuf,
    server: RunningServer,
    hostile: DocId,
}

/// One read-only server for the whole file: coding the corpus once is enough.
fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temporary directory");
        let db = dir.path().join("corpus.db");
        let hostile = common::fill_store(&db);
        let writable_db = dir.path().join("writable.db");
        std::fs::copy(&db, &writable_db).expect("copy");
        let server = common::start(&db, None, 64 * 1024);
        Fixture {
            _dir: dir,
            db,
            writable_db,
            server,
            hostile,
        }
    })
}

fn base() -> String {
    fixture().server.url()
}

fn api(path: &str) -> Answer {
    get(&base(), path)
}

fn ok_json(path: &str) -> Value {
    let a = api(path);
    assert_eq!(a.status, 200, "{path}: {}", a.body);
    assert_eq!(a.header("content-type"), Some("application/json"), "{path}");
    a.json()
}

/// Asserts a 400 whose JSON message names `parameter`.
fn bad(path: &str, parameter: &str) {
    let a = api(path);
    assert_eq!(a.status, 400, "{path}: {}", a.body);
    assert_eq!(a.header("content-type"), Some("application/json"), "{path}");
    let message = a.json()["error"]
        .as_str()
        .expect("error message")
        .to_string();
    assert!(
        message.contains(&format!("`{parameter}`")),
        "{path}: the message should name `{parameter}`: {message}"
    );
}

fn not_found_json(path: &str) {
    let a = api(path);
    assert_eq!(a.status, 404, "{path}: {}", a.body);
    assert!(a.json()["error"].is_string(), "{path}");
}

/// Every event of a filter, page by page.
fn all_pages(query: &str, limit: usize) -> Vec<Value> {
    let mut items = Vec::new();
    let mut after: Option<String> = None;
    for _ in 0..1_000 {
        let mut path = format!("/api/events?{query}&limit={limit}");
        if let Some(cursor) = &after {
            path.push_str(&format!("&after={cursor}"));
        }
        let page = ok_json(&path);
        items.extend(page["items"].as_array().expect("items").iter().cloned());
        match page["next"].as_str() {
            Some(next) => after = Some(next.to_string()),
            None => return items,
        }
    }
    panic!("pagination does not end");
}

fn ids(items: &[Value]) -> Vec<i64> {
    items
        .iter()
        .map(|e| e["id"].as_i64().expect("id"))
        .collect()
}

fn codes(side: &Value) -> Vec<String> {
    side.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|p| p["code"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn every_route_is_in_the_openapi_description_and_every_described_route_answers() {
    let spec = ok_json("/api/openapi.json");
    assert_eq!(spec["openapi"], "3.0.3");
    let mut described = BTreeSet::new();
    for (path, item) in spec["paths"].as_object().expect("paths") {
        for method in item.as_object().expect("path item").keys() {
            described.insert((method.to_ascii_uppercase(), path.clone()));
        }
    }
    let routed: BTreeSet<(String, String)> = vigie_server::routes()
        .into_iter()
        .map(|r| (r.method.to_string(), r.path.to_string()))
        .collect();
    assert_eq!(
        routed.difference(&described).collect::<Vec<_>>(),
        Vec::<&(String, String)>::new(),
        "routes missing from the description"
    );
    assert_eq!(
        described.difference(&routed).collect::<Vec<_>>(),
        Vec::<&(String, String)>::new(),
        "described routes the router does not have"
    );
    // Every described GET answers 200 with real ids; the POST is exercised by its own tests.
    let event = ok_json("/api/events?limit=1")["items"][0].clone();
    let event_id = event["id"].as_i64().expect("id").to_string();
    let cluster_id = event["cluster_id"].as_i64().expect("cluster").to_string();
    let doc_id = event["doc_id"].as_i64().expect("doc").to_string();
    for (method, path) in &described {
        if method != "GET" {
            continue;
        }
        let id = if path.contains("cluster") {
            &cluster_id
        } else if path.contains("article") || path.contains("documents") {
            &doc_id
        } else {
            &event_id
        };
        let concrete = path
            .replace("{actor}", "FRA")
            .replace("{recipient}", "MLI")
            .replace("{id}", id);
        let a = api(&concrete);
        assert_eq!(a.status, 200, "GET {concrete}: {}", a.body);
    }
}

#[test]
fn events_are_filtered_and_paged_without_gaps_or_repeats() {
    let everything = all_pages("order=oldest", 10_000);
    assert!(everything.len() > 200, "{} events", everything.len());
    // Small pages, both orders: the same events, each once, in order.
    let oldest = all_pages("order=oldest", 7);
    assert_eq!(ids(&oldest), ids(&everything));
    let mut newest = ids(&all_pages("order=newest", 13));
    newest.reverse();
    assert_eq!(newest, ids(&everything));
    let days: Vec<&str> = oldest.iter().filter_map(|e| e["day"].as_str()).collect();
    assert!(days.windows(2).all(|w| w[0] <= w[1]), "oldest first");

    for event in all_pages("actor=FRA&recipient=mli", 5) {
        assert!(codes(&event["record"]["actor"]).contains(&"FRA".to_string()));
        assert!(codes(&event["record"]["recipient"]).contains(&"MLI".to_string()));
    }
    let sanctions = all_pages("type=sanction", 50);
    assert!(!sanctions.is_empty());
    assert!(sanctions.iter().all(|e| e["event"] == "SANCTION"));
    let alleged = all_pages("modality=alleged", 50);
    assert!(!alleged.is_empty());
    assert!(alleged.iter().all(|e| e["modality"] == "alleged"));
    let material_conflict = all_pages("quad=4", 50);
    assert!(!material_conflict.is_empty());
    assert!(material_conflict.iter().all(|e| e["quad"] == 4));
    let september = all_pages("from=2025-09-01&to=2025-09-30", 50);
    assert!(september.len() >= 10, "{}", september.len());
    assert!(september.iter().all(|e| {
        let day = e["day"].as_str().unwrap_or("");
        ("2025-09-01"..="2025-09-30").contains(&day)
    }));
    let with_mode = all_pages("type=ACCUSE&mode=allege", 50);
    assert!(!with_mode.is_empty());
    assert!(with_mode.iter().all(|e| e["mode"] == "allege"));
    let text = all_pages("q=persona", 50);
    assert!(!text.is_empty());
    assert!(text.len() < everything.len());
}

#[test]
fn bad_parameters_are_400_with_the_parameter_named() {
    bad("/api/events?quad=9", "quad");
    bad("/api/events?quad=x", "quad");
    bad("/api/events?from=2025-13-01", "from");
    bad("/api/events?to=yesterday", "to");
    bad("/api/events?from=2025-09-30&to=2025-09-01", "from");
    bad("/api/events?actor=FRANCE", "actor");
    bad("/api/events?recipient=M1I", "recipient");
    bad("/api/events?type=INVADE", "type");
    bad("/api/events?modality=sure", "modality");
    bad("/api/events?mode=a%20b", "mode");
    bad("/api/events?limit=0", "limit");
    bad("/api/events?limit=1000000", "limit");
    bad("/api/events?order=up", "order");
    bad("/api/events?after=garbage", "after");
    bad("/api/events?q=%2A%2A", "q");
    bad("/api/events?quad=1&quad=2", "quad");
    bad("/api/events?colour=red", "colour");
    bad("/api/events/abc", "id");
    bad("/api/events/-3", "id");
    bad("/api/clusters/0", "id");
    bad("/api/documents/x1", "id");
    bad("/api/documents?limit=-1", "limit");
    bad("/api/documents?q=mali&after=3", "after");
    bad("/api/documents/1?recognition=maybe", "recognition");
    bad("/api/relations/FR/MLI", "actor");
    bad("/api/relations/FRA/MALI", "recipient");
    bad("/api/relations/FRA/MLI?by=year", "by");
    bad("/api/relations/FRA/MLI?directed=sometimes", "directed");
    bad("/api/relations/FRA/MLI?from=2025-02-30", "from");
    bad("/api/dyads?recent_days=0", "recent_days");
    bad("/api/dyads?limit=many", "limit");
    bad("/api/dyads?min_events=0", "min_events");
    bad("/healthz?verbose=1", "verbose");
    // Pages answer bad parameters with a page that names them.
    for path in [
        "/pair/FRA/MLI?by=year",
        "/pair/FRANCE/MLI",
        "/pair/FRA/MLI?quad=7",
        "/article/abc",
        "/cluster/0",
        "/search?q=%2B",
    ] {
        let a = api(path);
        assert_eq!(a.status, 400, "{path}");
        assert!(a
            .header("content-type")
            .is_some_and(|c| c.starts_with("text/html")));
        assert!(a.body.contains("invalid parameter `"), "{path}: {}", a.body);
    }
}

#[test]
fn unknown_ids_and_routes_are_404() {
    not_found_json("/api/events/99999999");
    not_found_json("/api/clusters/99999999");
    not_found_json("/api/documents/99999999");
    not_found_json("/api/nothing/here");
    for path in ["/article/99999999", "/cluster/99999999", "/nothing/here"] {
        let a = api(path);
        assert_eq!(a.status, 404, "{path}");
        assert!(a
            .header("content-type")
            .is_some_and(|c| c.starts_with("text/html")));
    }
    let a = answer(
        client()
            .delete(&format!("{}/api/events", base()))
            .call()
            .expect("request"),
    );
    assert_eq!(a.status, 405);
    assert!(a.json()["error"].is_string());
}

#[test]
fn one_event_comes_with_its_evidence_article_and_cluster() {
    let first = ok_json("/api/events?type=SANCTION&from=2025-09-01&limit=1");
    let id = first["items"][0]["id"].as_i64().expect("an event");
    let detail = ok_json(&format!("/api/events/{id}"));
    assert_eq!(detail["event"]["id"], id);
    let text = detail["document"]["text"].as_str().expect("article text");
    let evidence = detail["evidence"].as_array().expect("evidence");
    assert!(!evidence.is_empty());
    for e in evidence {
        let sentence = e["text"].as_str().expect("sentence");
        assert!(text.contains(sentence.trim()), "{sentence}");
    }
    let cluster = detail["cluster"]["id"].as_i64().expect("cluster");
    let reports = ok_json(&format!("/api/clusters/{cluster}"));
    assert!(reports["reports"]
        .as_array()
        .expect("reports")
        .iter()
        .any(|r| r["event_id"] == id));
}

#[test]
fn relations_and_pair_rankings() {
    let relations = ok_json("/api/relations/fra/mli?by=month");
    let points = relations["points"].as_array().expect("points");
    assert!(points
        .iter()
        .any(|p| p["period"] == "2025-09" && p["clusters"].as_u64() > Some(3)));
    assert!(!relations["notable"].as_array().expect("notable").is_empty());
    let week =
        ok_json("/api/relations/MLI/FRA?by=week&from=2025-08-01&to=2025-09-30&directed=true");
    assert_eq!(week["dyad"]["directed"], true);
    assert!(week["points"].as_array().expect("points").len() >= 8);
    let dyads = ok_json("/api/dyads?limit=5");
    let active = dyads["most_active"].as_array().expect("most active");
    assert!(active
        .iter()
        .any(|d| d["actor"] == "FRA" && d["recipient"] == "MLI"));
    assert!(dyads["fastest_changing"].is_array());
}

#[test]
fn documents_are_listed_searched_and_shown_with_their_spans() {
    let first = ok_json("/api/documents?limit=10");
    let items = first["items"].as_array().expect("items");
    assert_eq!(items.len(), 10);
    assert!(
        items[0]["document"]["text"].is_null(),
        "lists leave the text out"
    );
    let next = first["next"].as_str().expect("a next page");
    let second = ok_json(&format!("/api/documents?limit=10&after={next}"));
    assert_ne!(
        second["items"][0]["document"]["id"],
        items[0]["document"]["id"]
    );
    let hits = ok_json("/api/documents?q=persona%20grata");
    let hits = hits["items"].as_array().expect("hits");
    assert!(!hits.is_empty());
    assert!(hits[0]["snippet"].as_str().is_some_and(|s| s.contains('[')));

    let doc = hits[0]["document"]["id"].as_i64().expect("id");
    let detail = ok_json(&format!("/api/documents/{doc}"));
    let text: Vec<char> = detail["document"]["text"]
        .as_str()
        .expect("text")
        .chars()
        .collect();
    let spans = detail["spans"].as_array().expect("spans");
    let kinds: BTreeSet<&str> = spans.iter().filter_map(|s| s["kind"].as_str()).collect();
    for kind in ["trigger", "actor", "place", "date"] {
        assert!(kinds.contains(kind), "no {kind} span in {kinds:?}");
    }
    for s in spans {
        let (start, end) = (
            s["start"].as_u64().expect("start") as usize,
            s["end"].as_u64().expect("end") as usize,
        );
        let surface: String = text[start..end].iter().collect();
        assert_eq!(surface, s["text"].as_str().expect("span text"));
    }
    assert!(!detail["events"].as_array().expect("events").is_empty());
    let bare = ok_json(&format!("/api/documents/{doc}?recognition=false"));
    assert!(bare["spans"]
        .as_array()
        .expect("spans")
        .iter()
        .all(|s| s["kind"] == "trigger" || s["kind"] == "actor"));
}

#[test]
fn a_read_only_server_refuses_documents_with_403() {
    let a = answer(
        client()
            .post(&format!("{}/api/documents", base()))
            .header("Authorization", format!("Bearer {TOKEN}"))
            .content_type("application/json")
            .send(r#"{"text": "Le Mali a expulsé l'ambassadeur de France."}"#)
            .expect("request"),
    );
    assert_eq!(a.status, 403, "{}", a.body);
    assert!(a.json()["error"]
        .as_str()
        .expect("message")
        .contains("read-only"));
}

#[test]
fn posting_a_document_needs_the_token_and_respects_the_body_limit() {
    let f = fixture();
    let server = common::start(&f.writable_db, Some(TOKEN), 64 * 1024);
    let url = format!("{}/api/documents", server.url());
    let body = r#"{"text": "La France a expulsé mardi deux diplomates maliens en poste à Paris.",
        "title": "Paris expulse deux diplomates", "url": "https://test.example/posted",
        "outlet": "Test", "date": "2025-09-30", "lang": "fr"}"#;
    let post = |auth: Option<&str>, content_type: &str, body: &[u8]| {
        let mut request = client().post(&url).content_type(content_type);
        if let Some(auth) = auth {
            request = request.header("Authorization", auth);
        }
        answer(request.send(body).expect("request"))
    };

    let missing = post(None, "application/json", body.as_bytes());
    assert_eq!(missing.status, 401, "{}", missing.body);
    assert!(missing
        .header("www-authenticate")
        .is_some_and(|h| h.starts_with("Bearer")));
    assert!(missing.json()["error"]
        .as_str()
        .expect("message")
        .contains("missing"));
    let wrong = post(
        Some("Bearer not-the-token"),
        "application/json",
        body.as_bytes(),
    );
    assert_eq!(wrong.status, 401);
    assert!(wrong.json()["error"]
        .as_str()
        .expect("message")
        .contains("wrong"));
    let basic = post(
        Some("Basic dXNlcjpwYXNz"),
        "application/json",
        body.as_bytes(),
    );
    assert_eq!(basic.status, 401);

    let bearer = format!("Bearer {TOKEN}");
    let stored = post(Some(&bearer), "application/json", body.as_bytes());
    assert_eq!(stored.status, 201, "{}", stored.body);
    let json = stored.json();
    assert_eq!(json["outcome"], "inserted");
    assert!(json["events"].as_u64() > Some(0), "{json}");
    let id = json["id"].as_i64().expect("id");
    assert_eq!(
        stored.header("location"),
        Some(format!("/api/documents/{id}").as_str())
    );
    let again = post(Some(&bearer), "application/json", body.as_bytes());
    assert_eq!(again.status, 200);
    assert_eq!(again.json()["outcome"], "duplicate");
    let shown = answer(
        client()
            .get(&format!("{}/api/documents/{id}", server.url()))
            .call()
            .expect("request"),
    );
    assert_eq!(shown.status, 200);
    assert_eq!(
        shown.json()["document"]["title"],
        "Paris expulse deux diplomates"
    );
    assert!(!shown.json()["events"]
        .as_array()
        .expect("events")
        .is_empty());

    let invalid = post(Some(&bearer), "application/json", b"{\"text\": 3}");
    assert_eq!(invalid.status, 400);
    let empty = post(Some(&bearer), "application/json", br#"{"text": " "}"#);
    assert_eq!(empty.status, 400);
    let form = post(
        Some(&bearer),
        "application/x-www-form-urlencoded",
        b"text=x",
    );
    assert_eq!(form.status, 415);

    // A declared length over the limit, and a chunked body that grows past it.
    let large = format!(r#"{{"text": "{}"}}"#, "a".repeat(100 * 1024));
    let too_large = post(Some(&bearer), "application/json", large.as_bytes());
    assert_eq!(too_large.status, 413, "{}", too_large.body);
    assert!(too_large.json()["error"]
        .as_str()
        .expect("message")
        .contains("65536"));
    let chunked = answer(
        client()
            .post(&url)
            .header("Authorization", &bearer)
            .content_type("application/json")
            .send(ureq::SendBody::from_owned_reader(std::io::Cursor::new(
                large.into_bytes(),
            )))
            .expect("request"),
    );
    assert_eq!(chunked.status, 413, "{}", chunked.body);
    // Without the token, the size of the body does not matter: 401 comes first.
    let anonymous_large = post(None, "application/json", &[b' '; 100 * 1024]);
    assert_eq!(anonymous_large.status, 401);
    server.stop().expect("stops");
}

#[test]
fn metrics_count_requests_per_route() {
    for _ in 0..3 {
        ok_json("/api/events?limit=1");
    }
    api("/api/events?quad=0");
    let a = api("/metrics");
    assert_eq!(a.status, 200);
    assert!(a
        .header("content-type")
        .is_some_and(|c| c.starts_with("text/plain")));
    let m = &a.body;
    let count = |status: &str| -> u64 {
        let prefix = format!(
            "vigie_http_requests_total{{route=\"/api/events\",method=\"GET\",status=\"{status}\"}} "
        );
        m.lines()
            .find_map(|l| l.strip_prefix(&prefix))
            .and_then(|n| n.parse().ok())
            .unwrap_or(0)
    };
    assert!(count("200") >= 3, "{m}");
    assert!(count("400") >= 1, "{m}");
    assert!(m.contains(
        "vigie_http_request_duration_seconds_bucket{route=\"/api/events\",method=\"GET\",le=\"+Inf\"}"
    ));
    assert!(m.contains(
        "vigie_http_request_duration_seconds_count{route=\"/api/events\",method=\"GET\"}"
    ));
    let size: u64 = m
        .lines()
        .find_map(|l| l.strip_prefix("vigie_store_bytes "))
        .and_then(|n| n.parse().ok())
        .expect("store size");
    assert!(size >= std::fs::metadata(&fixture().db).expect("db").len());
    assert!(m.contains("# TYPE vigie_http_request_duration_seconds histogram"));
}

#[test]
fn every_response_carries_the_security_headers() {
    for path in [
        "/",
        "/api/events?limit=1",
        "/api/events?quad=9",
        "/nothing",
        "/static/vigie.css",
        "/metrics",
    ] {
        let a = api(path);
        let csp = a.header("content-security-policy").unwrap_or("");
        assert!(csp.contains("default-src 'self'"), "{path}: {csp}");
        assert!(!csp.contains("unsafe-inline"), "{path}");
        assert_eq!(
            a.header("x-content-type-options"),
            Some("nosniff"),
            "{path}"
        );
    }
}

#[test]
fn pages_follow_the_reader_s_language() {
    let b = base();
    let french = get_with(&b, "/", &[("Accept-Language", "fr-FR,fr;q=0.9,en;q=0.5")]);
    assert_eq!(french.status, 200);
    assert!(french.body.contains("<html lang=\"fr\">"));
    assert!(french.body.contains("Paires les plus actives"));
    let english = get_with(&b, "/?lang=en", &[("Accept-Language", "fr")]);
    assert!(english.body.contains("<html lang=\"en\">"));
    assert!(english.body.contains("Most active pairs"));
    assert!(english
        .header("set-cookie")
        .is_some_and(|c| c.starts_with("vigie_lang=en")));
    let remembered = get_with(
        &b,
        "/pair/FRA/MLI",
        &[("Cookie", "vigie_lang=fr"), ("Accept-Language", "en")],
    );
    assert!(remembered.body.contains("Classe"), "French filter labels");
    assert!(
        remembered.body.contains("href=\"/pair/FRA/MLI?lang=en\""),
        "a switch to English"
    );
    let default = api("/search?q=ambassadeur");
    assert!(default.body.contains("<html lang=\"en\">"));
    assert!(default.body.contains("<mark>"));
}

#[test]
fn pages_show_the_pair_chart_the_article_and_the_event() {
    let pair = api("/pair/FRA/MLI?by=month");
    assert_eq!(pair.status, 200);
    assert!(pair.body.contains("<svg class=\"chart\""));
    assert!(pair.body.contains("class=\"q4\""));
    assert!(pair.body.contains("<td class=\"date\">2025-09-"));
    for by in ["day", "week"] {
        let a = api(&format!("/pair/FRA/MLI?by={by}"));
        assert_eq!(a.status, 200, "{by}");
        assert!(a.body.contains("<svg class=\"chart\""));
    }
    let filtered = api("/pair/FRA/MLI?type=SANCTION&modality=asserted&quad=4&from=2025-01-01");
    assert_eq!(filtered.status, 200);
    assert!(filtered.body.contains("SANCTION"));
    assert!(!filtered
        .body
        .contains("<span class=\"event-type\">CONSULT</span>"));
    let empty_pair = api("/pair/CHN/BRA");
    assert_eq!(empty_pair.status, 200);

    let event = ok_json("/api/events?type=SANCTION&from=2025-09-01&limit=1")["items"][0].clone();
    let article = api(&format!("/article/{}", event["doc_id"]));
    assert_eq!(article.status, 200);
    assert!(article
        .body
        .contains(&format!("id=\"event-{}\"", event["id"])));
    assert!(article.body.contains("class=\"hl-trigger\""));
    assert!(article.body.contains("class=\"hl-actor\""));
    let cluster = api(&format!("/cluster/{}", event["cluster_id"]));
    assert_eq!(cluster.status, 200);
    assert!(cluster.body.contains(&format!("#event-{}", event["id"])));
}

/// The clusters and dates of a pair page's table, and the address of its next page.
fn pair_table(path: &str) -> (Vec<(String, i64)>, Option<String>) {
    let page = api(path);
    assert_eq!(page.status, 200, "{path}: {}", page.body);
    let body = &page.body;
    let Some(start) = body.find("<table class=\"events\" id=\"events\">") else {
        return (Vec::new(), None);
    };
    let end = start + body[start..].find("</table>").expect("table end");
    let mut rows = Vec::new();
    for row in body[start..end].split("<tr>").skip(2) {
        let date = row
            .split("<td class=\"date\">")
            .nth(1)
            .and_then(|r| r.split('<').next())
            .expect("date")
            .to_string();
        let cluster = row
            .split("href=\"/cluster/")
            .nth(1)
            .and_then(|r| r.split('"').next())
            .and_then(|n| n.parse().ok())
            .expect("cluster link");
        rows.push((date, cluster));
    }
    let next = body
        .split("rel=\"next\" href=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .map(|h| h.replace("&amp;", "&"));
    (rows, next)
}

#[test]
fn the_pair_table_pages_through_every_event_of_the_pair_once() {
    let relations = ok_json("/api/relations/FRA/MLI?by=day");
    let total: u64 = relations["points"]
        .as_array()
        .expect("points")
        .iter()
        .map(|p| p["clusters"].as_u64().expect("clusters"))
        .sum();
    assert!(total > 60, "{total}");
    let mut seen_by_period = Vec::new();
    for by in ["month", "week", "day"] {
        let mut all: Vec<(String, i64)> = Vec::new();
        let mut path = Some(format!("/pair/FRA/MLI?by={by}"));
        let mut pages = 0;
        while let Some(p) = path {
            let (rows, next) = pair_table(&p);
            assert!(!rows.is_empty(), "{p}: an empty page");
            all.extend(rows);
            path = next;
            pages += 1;
            assert!(pages < 20, "too many pages");
        }
        assert!(pages >= 2, "{by}: {pages} page(s)");
        let dates: Vec<&String> = all.iter().map(|(d, _)| d).collect();
        assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{by}: newest first");
        let mut ids: Vec<i64> = all.iter().map(|(_, id)| *id).collect();
        ids.sort_unstable();
        let n = ids.len();
        ids.dedup();
        assert_eq!(ids.len(), n, "{by}: a cluster shown twice");
        assert_eq!(n as u64, total, "{by}: every cluster of the pair");
        seen_by_period.push(ids);
    }
    assert!(seen_by_period.windows(2).all(|w| w[0] == w[1]));
    let (filtered, _) = pair_table("/pair/FRA/MLI?type=SANCTION");
    assert!(!filtered.is_empty());
    let (old, _) = pair_table("/pair/FRA/MLI?before=2013-01-01");
    assert!(old.iter().all(|(d, _)| d.as_str() < "2013-01-01"));
}

#[test]
fn hostile_article_text_is_escaped_everywhere() {
    let f = fixture();
    let article = api(&format!("/article/{}", f.hostile));
    assert_eq!(article.status, 200);
    let body = &article.body;
    assert!(
        body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{body}"
    );
    assert!(!body.contains("<script"), "no script element at all");
    assert!(!body.contains("<img"), "the title's markup stays text");
    assert!(!body.contains("<b onmouseover"));
    assert!(!body.contains("href=\"javascript:"), "no javascript: link");
    assert!(body.contains("&lt;img src=x onerror=alert(2)&gt;"));
    assert!(body.contains("&lt;i&gt;Outlet&lt;/i&gt;"));
    // The document's own JSON keeps the text as it is.
    let json = ok_json(&format!("/api/documents/{}", f.hostile));
    assert_eq!(json["document"]["text"], HOSTILE_TEXT);
    // Lists that show its title escape it too.
    let search = api("/search?q=onmouseover");
    assert!(search.body.contains("&lt;img"), "{}", search.body);
    assert!(!search.body.contains("<img"));
    let overview = api("/");
    assert!(!overview.body.contains("<img"));
    assert!(!overview.body.contains("<script"));
}

#[test]
fn health_and_static_files() {
    assert_eq!(ok_json("/healthz")["status"], "ok");
    let css = api("/static/vigie.css");
    assert_eq!(css.header("content-type"), Some("text/css; charset=utf-8"));
    assert!(css.body.contains(":focus-visible"));
    let icon = api("/static/favicon.svg");
    assert_eq!(icon.header("content-type"), Some("image/svg+xml"));
}

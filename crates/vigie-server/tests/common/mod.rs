//! What the server's tests share: a store filled with the example corpus (coded with the real
//! pipeline) plus a hostile article, a server on an ephemeral loopback port, and an HTTP client.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use vigie_core::{AnalyzeOptions, Document, Pipeline};
use vigie_ingest::{local_documents, LocalOptions};
use vigie_server::{BoxedStore, RunningServer, ServerConfig, StoreOpener};
use vigie_store::{DocId, EventStore, NewDocument, SqliteStore};

pub const TOKEN: &str = "test-token-5f2a";

/// The title and text of the hostile article: markup that must stay text on every page.
pub const HOSTILE_TITLE: &str = "<img src=x onerror=alert(2)>Mali: <b>bold</b> claims";
pub const HOSTILE_TEXT: &str = "La France a expulsé deux diplomates maliens mardi. \
<script>alert(1)</script> Le texte contient aussi <b onmouseover=\"alert(3)\">du HTML</b> \
et <a href=\"javascript:alert(5)\">un lien</a> que personne ne doit voir interprétés.";

pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The corpus's articles (its README is not one).
fn corpus_files() -> Vec<PathBuf> {
    let dir = workspace().join("examples/corpus");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("examples/corpus")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "html"))
        .collect();
    files.sort();
    files
}

/// A test database: the 57 corpus articles and the hostile one, coded and stored. Returns the hostile
/// article's id.
pub fn fill_store(path: &Path) -> DocId {
    let pipeline = Pipeline::new().expect("pipeline");
    let mut store = SqliteStore::open(path).expect("store");
    for source in local_documents(corpus_files(), LocalOptions::default()) {
        let source = source.expect("a corpus article");
        let author = source.author.clone();
        let language = source.language.clone();
        let fetched_at = source.fetched_at;
        let doc = source.into_core_document();
        let records = pipeline.code_records(&doc, AnalyzeOptions::default());
        let new = NewDocument {
            url: doc.url.clone(),
            outlet: doc.source.clone(),
            author,
            title: doc.title.clone(),
            language,
            published: doc.date,
            fetched_at,
            text: doc.text.clone(),
        };
        store.put_document(&new, &records).expect("put");
    }
    let hostile = Document {
        text: HOSTILE_TEXT.into(),
        date: Some(jiff::civil::date(2025, 9, 23)),
        lang: Some(vigie_core::Lang::Fr),
        ..Document::default()
    };
    let records = pipeline.code_records(&hostile, AnalyzeOptions::default());
    assert!(!records.is_empty(), "the hostile article codes an event");
    store
        .put_document(
            &NewDocument {
                url: Some("javascript:alert(4)".into()),
                outlet: Some("<i>Outlet</i>".into()),
                title: Some(HOSTILE_TITLE.into()),
                language: Some("fr".into()),
                published: hostile.date,
                text: HOSTILE_TEXT.into(),
                ..NewDocument::default()
            },
            &records,
        )
        .expect("put")
        .id()
}

pub fn opener(path: &Path) -> StoreOpener {
    let path = path.to_path_buf();
    Arc::new(move || Ok(Box::new(SqliteStore::open(&path)?) as BoxedStore))
}

pub fn start(path: &Path, token: Option<&str>, max_body_bytes: usize) -> RunningServer {
    let config = ServerConfig {
        addr: "127.0.0.1:0".parse().expect("address"),
        token: token.map(str::to_string),
        max_body_bytes,
        connections: 2,
        cache_ttl: Duration::from_secs(5),
        store_path: Some(path.to_path_buf()),
    };
    vigie_server::start(config, opener(path)).expect("server starts")
}

/// A client that reads error statuses as answers rather than failures, and never uses a proxy.
pub fn client() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .proxy(None)
        .timeout_global(Some(Duration::from_secs(60)))
        .build()
        .into()
}

pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Answer {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

pub fn answer(mut response: ureq::http::Response<ureq::Body>) -> Answer {
    let status = response.status().as_u16();
    let headers = response
        .headers()
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or("").to_string()))
        .collect();
    let body = response
        .body_mut()
        .with_config()
        .limit(64 * 1024 * 1024)
        .read_to_string()
        .expect("body");
    Answer {
        status,
        headers,
        body,
    }
}

pub fn get(base: &str, path: &str) -> Answer {
    answer(
        client()
            .get(&format!("{base}{path}"))
            .call()
            .expect("request"),
    )
}

pub fn get_with(base: &str, path: &str, headers: &[(&str, &str)]) -> Answer {
    let mut request = client().get(&format!("{base}{path}"));
    for (k, v) in headers {
        request = request.header(*k, *v);
    }
    answer(request.call().expect("request"))
}

//! `vigie ingest`, `vigie recode` and `vigie watch` end to end, through the real binary: the example
//! corpus stored once however often it is ingested, a SIGKILL in the middle of a large ingest, and feeds
//! served on 127.0.0.1.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn vigie(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vigie"))
        .args(args)
        .output()
        .expect("vigie runs")
}

fn ok(out: Output) -> (String, String) {
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "exit {:?}: {stderr}", out.status);
    (String::from_utf8(out.stdout).expect("UTF-8"), stderr)
}

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/corpus")
}

fn db_in(dir: &tempfile::TempDir, name: &str) -> String {
    dir.path().join(name).to_string_lossy().into_owned()
}

/// Every stored event, with the store's ids, as JSON lines: two stores that print the same are the same.
fn export(db: &str) -> String {
    ok(vigie(&["export", "--db", db, "--format", "plover-jsonl"])).0
}

#[test]
fn ingesting_the_corpus_twice_stores_every_document_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_in(&dir, "v.db");
    let corpus = corpus();
    let corpus = corpus.to_str().unwrap();
    let (_, first) = ok(vigie(&["ingest", "--db", &db, corpus]));
    assert!(first.contains("57 new documents"), "{first}");
    let events = export(&db);
    let (_, second) = ok(vigie(&["ingest", "--db", &db, corpus]));
    assert!(
        second.contains("0 new documents") && second.contains("57 already stored"),
        "{second}"
    );
    assert_eq!(export(&db), events, "a second ingest changed the store");
}

#[test]
fn the_example_corpus_shows_france_and_mali_at_their_lowest_in_september_2025() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_in(&dir, "v.db");
    ok(vigie(&["ingest", "--db", &db, corpus().to_str().unwrap()]));
    let (json, _) = ok(vigie(&[
        "relations",
        "--db",
        &db,
        "FRA",
        "MLI",
        "--by",
        "month",
        "--format",
        "json",
    ]));
    let relations: serde_json::Value = serde_json::from_str(&json).unwrap();
    let lowest = relations["points"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["score"].is_number())
        .min_by(|a, b| {
            a["score"]
                .as_f64()
                .unwrap()
                .total_cmp(&b["score"].as_f64().unwrap())
        })
        .unwrap();
    assert_eq!(lowest["period"], "2025-09", "{lowest}");
    let notable = relations["notable"].as_array().unwrap();
    assert!(
        notable
            .iter()
            .any(|n| n["period"] == "2025-09" && n["kind"] == "lowest"),
        "{notable:?}"
    );
}

/// Many distinct documents in one JSONL file: the corpus's texts, each made unique.
fn large_batch(path: &Path, copies: usize) {
    let mut texts = Vec::new();
    for entry in std::fs::read_dir(corpus()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            let text = std::fs::read_to_string(&path).unwrap();
            let body = text.split_once("\n\n").map_or(text.as_str(), |(_, b)| b);
            texts.push(body.to_string());
        }
    }
    texts.sort();
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    for n in 0..copies {
        let text = &texts[n % texts.len()];
        let line = serde_json::json!({
            "id": format!("doc-{n}"),
            "url": format!("https://news.example.org/batch/{n}"),
            "date": "2025-09-16",
            "text": format!("{text}\n\nDépêche numéro {n}."),
        });
        writeln!(out, "{line}").unwrap();
    }
}

#[test]
fn a_killed_ingest_run_again_ends_with_the_same_store_as_an_uninterrupted_one() {
    let dir = tempfile::tempdir().unwrap();
    let batch = dir.path().join("batch.jsonl");
    let documents = 3000;
    large_batch(&batch, documents);
    let batch = batch.to_str().unwrap();
    let whole = db_in(&dir, "whole.db");
    ok(vigie(&[
        "ingest", "--db", &whole, "--batch", "16", "--quiet", batch,
    ]));

    let killed = db_in(&dir, "killed.db");
    let mut child = Command::new(env!("CARGO_BIN_EXE_vigie"))
        .args(["ingest", "--db", &killed, "--batch", "16", "--quiet", batch])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Wait until some documents are stored, then kill the process without warning.
    let started = Instant::now();
    loop {
        std::thread::sleep(Duration::from_millis(20));
        let stored = Path::new(&killed).exists()
            && vigie(&["export", "--db", &killed, "--format", "csv"])
                .stdout
                .len()
                > 1000;
        if stored || started.elapsed() > Duration::from_secs(60) {
            break;
        }
    }
    child.kill().unwrap(); // SIGKILL on Unix.
    child.wait().unwrap();
    let partial = export(&killed);
    let complete = export(&whole);
    assert!(
        !partial.is_empty() && partial.len() < complete.len(),
        "the ingest was not interrupted midway ({} of {} bytes exported)",
        partial.len(),
        complete.len()
    );
    let (_, rerun) = ok(vigie(&["ingest", "--db", &killed, batch]));
    assert!(rerun.contains("already stored"), "{rerun}");
    assert_eq!(export(&killed), complete, "nothing lost, nothing doubled");
    let relations = |db: &str| {
        ok(vigie(&[
            "relations",
            "--db",
            db,
            "FRA",
            "MLI",
            "--format",
            "json",
        ]))
        .0
    };
    assert_eq!(relations(&killed), relations(&whole));
}

/// Serves `routes` (path → status, content type, body) on 127.0.0.1 until the test ends; a request
/// with `If-None-Match` equal to a route's ETag gets 304.
fn serve(routes: Vec<(&'static str, u16, &'static str, String)>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut request_line = String::new();
            if reader.read_line(&mut request_line).is_err() {
                continue;
            }
            let mut if_none_match = None;
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line.trim().is_empty() {
                    break;
                }
                if let Some((name, value)) = line.split_once(':') {
                    if name.eq_ignore_ascii_case("if-none-match") {
                        if_none_match = Some(value.trim().to_string());
                    }
                }
            }
            let path = request_line.split_whitespace().nth(1).unwrap_or("/");
            let reply = match routes.iter().find(|r| r.0 == path) {
                Some((_, status, kind, body)) => {
                    let etag = format!("\"{}\"", body.len());
                    if if_none_match.as_deref() == Some(etag.as_str()) {
                        "HTTP/1.1 304 Not Modified\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                            .to_string()
                    } else {
                        format!(
                            "HTTP/1.1 {status} X\r\nContent-Type: {kind}\r\nETag: {etag}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                            body.len()
                        )
                    }
                }
                None => "HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\nContent-Length: 9\r\nConnection: close\r\n\r\nnot found".to_string(),
            };
            let _ = stream.write_all(reply.as_bytes());
        }
    });
    base
}

fn article(title: &str, text: &str) -> String {
    format!(
        "<html><head><title>{title}</title><meta property=\"article:published_time\" content=\"2025-09-19T08:00:00Z\"></head>\
         <body><nav>Accueil | Monde | Sport</nav><article><h1>{title}</h1><p>{text}</p></article>\
         <footer>© Le Veilleur du Sahel</footer></body></html>"
    )
}

fn feed(base: &str) -> String {
    format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Le Veilleur</title><link>{base}/</link>\
         <item><title>Paris expulse deux diplomates</title><link>{base}/a1</link><pubDate>Fri, 19 Sep 2025 08:00:00 GMT</pubDate></item>\
         <item><title>Bamako répond</title><link>{base}/missing</link><pubDate>Sat, 20 Sep 2025 08:00:00 GMT</pubDate></item>\
         </channel></rss>"
    )
}

#[test]
fn feeds_are_ingested_and_a_missing_page_is_reported_without_stopping_the_run() {
    let listener_base = serve_feed_site();
    let dir = tempfile::tempdir().unwrap();
    let db = db_in(&dir, "v.db");
    let out = vigie(&[
        "ingest",
        "--db",
        &db,
        "--timeout",
        "5",
        &format!("{listener_base}/feed.xml"),
        &format!("{listener_base}/not-there"),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("404"), "{stderr}");
    let events = export(&db);
    assert!(
        events.contains("\"SANCTION\""),
        "the feed's article was coded: {events}"
    );
}

#[test]
fn watch_keeps_feed_validators_and_stores_nothing_twice() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_in(&dir, "v.db");
    let feeds = feeds_file(&dir, "1m");
    let feeds = feeds.as_str();
    let (_, first) = ok(vigie(&["watch", "--db", &db, "--feeds", feeds, "--once"]));
    assert!(first.contains("new documents stored"), "{first}");
    let stored = export(&db);
    assert!(!stored.is_empty(), "{first}");
    let (_, second) = ok(vigie(&["watch", "--db", &db, "--feeds", feeds, "--once"]));
    assert!(second.contains("0 new documents"), "{second}");
    assert_eq!(export(&db), stored);
}

/// A `feeds.toml` in `dir` following the test site's feed, polled every `interval`.
fn feeds_file(dir: &tempfile::TempDir, interval: &str) -> String {
    let base = serve_feed_site();
    let path = dir.path().join("feeds.toml");
    std::fs::write(
        &path,
        format!("interval = \"{interval}\"\n[[feed]]\nurl = \"{base}/feed.xml\"\noutlet = \"Le Veilleur du Sahel\"\nlang = \"fr\"\n"),
    )
    .unwrap();
    path.to_string_lossy().into_owned()
}

fn serve_feed_site() -> String {
    // The feed names its own server, which is known only once it listens: serve the feed from a
    // second listener that points at the first.
    let pages = serve(vec![(
        "/a1",
        200,
        "text/html; charset=utf-8",
        article(
            "Paris expulse deux diplomates maliens",
            "La France a déclaré vendredi persona non grata deux diplomates maliens en poste à Paris.",
        ),
    )]);
    let feed_body: &'static str = Box::leak(feed(&pages).into_boxed_str());
    serve(vec![
        (
            "/feed.xml",
            200,
            "application/rss+xml",
            feed_body.to_string(),
        ),
        ("/not-there", 404, "text/html", "gone".to_string()),
    ])
}

#[test]
fn recode_replaces_every_event_and_leaves_the_store_as_a_fresh_ingest() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_in(&dir, "v.db");
    ok(vigie(&["ingest", "--db", &db, corpus().to_str().unwrap()]));
    let before = export(&db);
    let (_, summary) = ok(vigie(&["recode", "--db", &db]));
    assert!(summary.contains("57 documents coded again"), "{summary}");
    let after = export(&db);
    // The same dictionaries give the same events; only the store's event ids are new.
    let strip_ids = |s: &str| {
        let mut lines: Vec<serde_json::Value> = s
            .lines()
            .map(|l| {
                let mut v: serde_json::Value = serde_json::from_str(l).unwrap();
                let o = v.as_object_mut().unwrap();
                o.remove("id");
                o.remove("cluster_id");
                v
            })
            .collect();
        lines.sort_by_key(|v| v.to_string());
        lines
    };
    assert_eq!(strip_ids(&after), strip_ids(&before));
    assert!(
        vigie(&[
            "recode",
            "--db",
            &dir.path().join("none.db").to_string_lossy()
        ])
        .status
        .code()
            == Some(1)
    );
}

#[test]
fn watch_stops_cleanly_on_ctrl_c_and_a_rerun_adds_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_in(&dir, "v.db");
    let feeds = feeds_file(&dir, "1h");
    let feeds = feeds.as_str();
    let child = Command::new(env!("CARGO_BIN_EXE_vigie"))
        .args(["watch", "--db", &db, "--feeds", feeds])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Wait for the first poll to store the feed's article, then interrupt as Ctrl-C does.
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(50));
        if Path::new(&db).exists() && !export(&db).is_empty() {
            break;
        }
    }
    let status = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("new documents stored"), "{stderr}");
    let stored = export(&db);
    assert!(!stored.is_empty());
    let (_, rerun) = ok(vigie(&["watch", "--db", &db, "--feeds", feeds, "--once"]));
    assert!(rerun.contains("0 new documents"), "{rerun}");
    assert_eq!(export(&db), stored);
}

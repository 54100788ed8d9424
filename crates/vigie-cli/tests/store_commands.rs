//! `vigie relations`, `vigie dyads` and `vigie export` end to end: a store filled through the store's
//! API in a temporary directory, then the real binary run on it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use vigie_core::coder::record::{ActorRecord, EventRecord, EvidenceRecord, TextInfo};
use vigie_core::coder::Modality;
use vigie_core::codes::Code;
use vigie_core::dates::Precision;
use vigie_core::Lang;
use vigie_store::{EventStore, NewDocument, SqliteStore};

fn vigie(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vigie"))
        .args(args)
        .output()
        .expect("vigie runs")
}

fn stdout(out: &Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).expect("UTF-8 output")
}

fn participant(code: &str) -> ActorRecord {
    let code = Code::parse(code).expect("code");
    ActorRecord {
        code: Some(code),
        country: Some(code),
        sector: Code::parse("GOV"),
        name: format!("{code}, the government"),
        span: [0, 3],
        inferred: false,
    }
}

fn record(event: &'static str, actor: &str, recipient: &str, day: &str) -> EventRecord {
    let (quad_code, event_scale, cameo, goldstein) = match event {
        "ASSAULT" => (4, -9.0, "190", -10.0),
        "CONSULT" => (1, 2.5, "040", 1.0),
        "AID" => (2, 6.0, "070", 7.0),
        _ => (2, 5.0, "060", 6.0),
    };
    let text = format!("{actor} and {recipient}, {event}.");
    EventRecord {
        id: "doc-1".into(),
        doc_id: None,
        date: Some(day.into()),
        date_precision: Some(Precision::Day),
        date_source: "text",
        end_date: None,
        actor: vec![participant(actor)],
        recipient: vec![participant(recipient)],
        event,
        mode: None,
        context: Vec::new(),
        quad_code,
        event_scale,
        cameo: cameo.into(),
        goldstein: Some(goldstein),
        modality: Modality::Asserted,
        event_loc: None,
        text_info: TextInfo {
            sentence: [0, 10],
            trigger: [0, 3],
        },
        evidence: vec![EvidenceRecord {
            text: text.clone(),
            sentence: [0, 10],
            trigger: [0, 3],
        }],
        text,
        mentions: 1,
        rule: "test".into(),
        promoted_from: None,
        lang: Lang::Fr,
    }
}

/// Two years of French-Malian cooperation, then four attacks in January 2025, each reported by two
/// outlets; and a few Russian-Malian events.
fn populated_store() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("vigie.db");
    let mut store = SqliteStore::open(&path).expect("store");
    let mut n = 0;
    let mut put = |store: &mut SqliteStore, day: &str, r: EventRecord| {
        n += 1;
        let doc = NewDocument {
            url: Some(format!("https://news.example/{n}")),
            outlet: Some(if n % 2 == 0 { "A" } else { "B" }.into()),
            published: Some(day.parse().expect("date")),
            fetched_at: Some(format!("{day}T08:30:00Z").parse().expect("timestamp")),
            text: format!("Article {n}: {}", r.text),
            ..NewDocument::default()
        };
        store.put_document(&doc, &[r]).expect("put");
    };
    for year in [2023, 2024] {
        for month in 1..=12 {
            for (day, event) in [(3, "CONSULT"), (12, "AID"), (21, "COOPERATE")] {
                let d = format!("{year}-{month:02}-{day:02}");
                put(&mut store, &d, record(event, "FRA", "MLI", &d));
            }
        }
    }
    for day in [5, 12, 19, 26] {
        let d = format!("2025-01-{day:02}");
        for _ in 0..2 {
            put(&mut store, &d, record("ASSAULT", "MLI", "FRA", &d));
        }
    }
    for d in ["2024-03-01", "2024-06-01", "2024-09-01"] {
        put(&mut store, d, record("AID", "RUS", "MLI", d));
    }
    for d in ["2025-01-10", "2025-01-20", "2025-01-30"] {
        put(&mut store, d, record("ASSAULT", "RUS", "MLI", d));
    }
    (dir, path)
}

fn db(path: &Path) -> String {
    path.display().to_string()
}

#[test]
fn the_store_commands_have_help() {
    for command in ["relations", "dyads", "export"] {
        let out = vigie(&[command, "--help"]);
        let text = stdout(&out);
        assert!(text.contains("Usage") && text.contains("--db"), "{command}");
    }
}

#[test]
fn relations_table_shows_the_series_and_the_notable_low() {
    let (_dir, path) = populated_store();
    let text = stdout(&vigie(&[
        "relations",
        "FRA",
        "mli",
        "--db",
        &db(&path),
        "--from",
        "2023-01-01",
        "--to",
        "2025-01-31",
    ]));
    assert!(
        text.starts_with("FRA ↔ MLI by month, 2023-01-01 to 2025-01-31"),
        "{text}"
    );
    let score_line = text
        .lines()
        .find(|l| l.starts_with("score "))
        .expect("sparkline");
    assert_eq!(score_line["score".len()..].trim_start().chars().count(), 25);
    assert!(score_line.ends_with('▁'), "{score_line}");
    assert!(
        text.contains("2023-01         3      1      2      0      0"),
        "{text}"
    );
    assert!(
        text.contains("2025-01         4      0      0      0      4"),
        "{text}"
    );
    let notable = text
        .split("notable points:")
        .nth(1)
        .expect("notable points");
    assert!(
        notable.contains("lowest score on record (2 years of data)"),
        "{notable}"
    );
    assert!(
        notable.contains("ASSAULT MLI→FRA [asserted] goldstein -10.0, 2 articles from 2 sources")
    );
    // The low and the drop of January 2025 each list its four attacks.
    assert_eq!(notable.matches("ASSAULT MLI→FRA").count(), 8, "{notable}");
}

#[test]
fn relations_as_csv_and_json() {
    let (_dir, path) = populated_store();
    let base = [
        "relations",
        "FRA",
        "MLI",
        "--db",
        &db(&path),
        "--from",
        "2023-01-01",
        "--to",
        "2025-01-31",
    ];
    let csv = stdout(&vigie(&[&base[..], &["--format", "csv"]].concat()));
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 26);
    assert!(lines[0].starts_with("period,start,events,verbal_cooperation"));
    let last: Vec<&str> = lines[25].split(',').collect();
    assert_eq!(
        &last[..7],
        ["2025-01", "2025-01-01", "4", "0", "0", "0", "4"]
    );
    assert!(lines[25].contains("lowest score on record"));
    assert_eq!(last.last().expect("ids").split(' ').count(), 4);

    let json: serde_json::Value = serde_json::from_str(&stdout(&vigie(
        &[&base[..], &["--format", "json"]].concat(),
    )))
    .expect("JSON");
    assert_eq!(json["points"].as_array().expect("points").len(), 25);
    let low = json["notable"]
        .as_array()
        .expect("notable")
        .iter()
        .find(|n| n["kind"] == "lowest")
        .expect("a low");
    assert_eq!(low["period"], "2025-01");
    assert_eq!(low["cluster_ids"].as_array().expect("ids").len(), 4);

    // Directed by week: Mali towards France only has the attacks.
    let weekly = stdout(&vigie(&[
        "relations",
        "MLI",
        "FRA",
        "--db",
        &db(&path),
        "--by",
        "week",
        "--directed",
        "--format",
        "json",
    ]));
    let weekly: serde_json::Value = serde_json::from_str(&weekly).expect("JSON");
    let total: u64 = weekly["points"]
        .as_array()
        .expect("points")
        .iter()
        .map(|p| p["clusters"].as_u64().expect("count"))
        .sum();
    assert_eq!(total, 4);
    // 2025-01-05 is a Sunday: its ISO week began on Monday 30 December 2024.
    assert_eq!(weekly["points"][0]["period"], "2025-W01");
}

#[test]
fn relations_refuse_a_missing_store_and_bad_codes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("none.db");
    let out = vigie(&["relations", "FRA", "MLI", "--db", &db(&missing)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no event store"));
    assert!(!missing.exists(), "a query does not create a store");
    let out = vigie(&["relations", "FRANCE", "MLI", "--db", &db(&missing)]);
    assert_eq!(out.status.code(), Some(2));
    let (_dir, path) = populated_store();
    let out = vigie(&[
        "relations",
        "FRA",
        "MLI",
        "--db",
        &db(&path),
        "--from",
        "2025-02-01",
        "--to",
        "2025-01-01",
    ]);
    assert_eq!(out.status.code(), Some(1));
    // A pair without events is not an error.
    let text = stdout(&vigie(&["relations", "DEU", "CHN", "--db", &db(&path)]));
    assert!(text.contains("no events"), "{text}");
}

#[test]
fn dyads_rank_the_active_and_the_changing_pairs() {
    let (_dir, path) = populated_store();
    let base = [
        "dyads",
        "--db",
        &db(&path),
        "--from",
        "2023-01-01",
        "--to",
        "2025-01-31",
        "--recent-days",
        "31",
    ];
    let text = stdout(&vigie(&base));
    let active = text.split("fastest-changing").next().expect("first table");
    let fra = active.find("FRA ↔ MLI").expect("FRA ↔ MLI listed");
    let rus = active.find("MLI ↔ RUS").expect("MLI ↔ RUS listed");
    assert!(fra < rus, "{text}");
    let json: serde_json::Value = serde_json::from_str(&stdout(&vigie(
        &[&base[..], &["--format", "json"]].concat(),
    )))
    .expect("JSON");
    assert_eq!(json["most_active"][0]["clusters"], 76);
    assert_eq!(json["fastest_changing"][0]["recipient"], "RUS");
    assert_eq!(json["fastest_changing"][0]["recent"], -10.0);
    let limited = stdout(&vigie(
        &[&base[..], &["--format", "json", "--limit", "1"]].concat(),
    ));
    let limited: serde_json::Value = serde_json::from_str(&limited).expect("JSON");
    assert_eq!(limited["most_active"].as_array().expect("list").len(), 1);
}

#[test]
fn export_streams_plover_json_lines_with_filters() {
    let (_dir, path) = populated_store();
    let all = stdout(&vigie(&["export", "--db", &db(&path)]));
    assert_eq!(all.lines().count(), 72 + 8 + 6);
    let text = stdout(&vigie(&[
        "export",
        "--db",
        &db(&path),
        "--actor",
        "MLI",
        "--recipient",
        "fra",
        "--type",
        "ASSAULT",
        "--modality",
        "asserted",
        "--from",
        "2025-01-10",
        "--to",
        "2025-01-31",
    ]));
    let records: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON record per line"))
        .collect();
    assert_eq!(records.len(), 6);
    for r in &records {
        assert_eq!(r["event"], "ASSAULT");
        assert_eq!(r["actor"][0]["code"], "MLI");
        assert!(r["cluster_id"].is_string() && r["url"].is_string());
        assert!(r["date"].as_str().expect("date") >= "2025-01-10");
    }
    // The two reports of one attack share their cluster.
    assert_eq!(records[0]["cluster_id"], records[1]["cluster_id"]);
    assert_ne!(records[0]["id"], records[1]["id"]);
    let out = vigie(&["export", "--db", &db(&path), "--modality", "certain"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn export_as_a_gdelt_table_and_as_csv() {
    let (_dir, path) = populated_store();
    let text = stdout(&vigie(&[
        "export",
        "--db",
        &db(&path),
        "--format",
        "gdelt-tsv",
        "--type",
        "ASSAULT",
        "--actor",
        "MLI",
    ]));
    let rows: Vec<Vec<&str>> = text.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), 1 + 8);
    assert!(rows.iter().all(|r| r.len() == 61));
    let column = |name: &str| rows[0].iter().position(|c| *c == name).expect(name);
    let first = &rows[1];
    assert_eq!(first[column("Day")], "20250105");
    assert_eq!(first[column("MonthYear")], "202501");
    assert_eq!(first[column("FractionDate")], "2025.0959");
    assert_eq!(first[column("Actor1Code")], "MLIGOV");
    assert_eq!(first[column("Actor1CountryCode")], "MLI");
    assert_eq!(first[column("Actor1Type1Code")], "GOV");
    assert_eq!(first[column("Actor2Name")], "FRA, the government");
    assert_eq!(
        [
            first[column("EventCode")],
            first[column("EventBaseCode")],
            first[column("EventRootCode")]
        ],
        ["190", "190", "19"]
    );
    assert_eq!(first[column("QuadClass")], "4");
    assert_eq!(first[column("GoldsteinScale")], "-10.0");
    assert_eq!(
        [
            first[column("NumMentions")],
            first[column("NumSources")],
            first[column("NumArticles")]
        ],
        ["2", "2", "2"]
    );
    assert_eq!(first[column("DATEADDED")], "20250105083000");
    assert!(first[column("SOURCEURL")].starts_with("https://news.example/"));
    assert_eq!(first[column("AvgTone")], "");

    let csv = stdout(&vigie(&[
        "export",
        "--db",
        &db(&path),
        "--format",
        "csv",
        "--actor",
        "RUS",
    ]));
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 1 + 6);
    assert!(lines[0].starts_with("event_id,cluster_id,doc_id,date,"));
    // The actor's name holds a comma, so it is quoted.
    assert!(
        lines[1].contains(",\"RUS, the government\","),
        "{}",
        lines[1]
    );
}

//! The `vigie` binary end to end: real processes, real files, exit codes and messages.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn vigie(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_vigie"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("vigie runs");
    let mut input = child.stdin.take().expect("stdin");
    let data = stdin.map(<[u8]>::to_vec);
    let writer = std::thread::spawn(move || {
        if let Some(d) = data {
            let _ = input.write_all(&d);
        }
    });
    let out = child.wait_with_output().expect("vigie finishes");
    writer.join().expect("stdin writer");
    out
}

fn temp_file(name: &str, content: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("vigie-cli-tests-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, content).expect("temp file");
    path
}

fn stdout_json(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect()
}

fn example(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples")
        .join(name)
        .display()
        .to_string()
}

#[test]
fn every_subcommand_has_help() {
    for args in [
        &["--help"][..],
        &["analyze", "--help"],
        &["code", "--help"],
        &["explain", "--help"],
        &["eval", "--help"],
    ] {
        let out = vigie(args, None);
        assert!(out.status.success(), "{args:?}");
        assert!(String::from_utf8_lossy(&out.stdout).contains("Usage"));
    }
}

#[test]
fn bundled_example_yields_actors_places_and_dates() {
    let out = vigie(
        &[
            "analyze",
            "--json",
            "--date",
            "2025-09-16",
            &example("france-mali-2025.txt"),
        ],
        None,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let docs = stdout_json(&out);
    let doc = &docs[0];
    assert_eq!(doc["lang"], "fr");
    let all = |key: &str| -> Vec<serde_json::Value> {
        doc["sentences"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|s| s[key].as_array().unwrap().clone())
            .collect()
    };
    let actors = all("actors");
    let has = |code: &str, sector: &str, name: &str| {
        actors.iter().any(|a| {
            a["code"] == code && a["sector"] == sector && a["name"].as_str().unwrap().contains(name)
        })
    };
    assert!(has("MLI", "GOV", "junte malienne"), "{actors:?}");
    assert!(has("FRA", "GOV", "diplomate français"));
    assert!(has("FRA", "GOV", "Quai d'Orsay"));
    let dates = all("dates");
    assert!(dates
        .iter()
        .any(|d| d["value"] == "2025-09-20" && d["role"] == "deadline"));
    assert!(dates.iter().any(|d| d["value"] == "2025-08"));
    let places = all("places");
    assert!(places
        .iter()
        .any(|p| p["place"] == "Bamako" && p["lat"].as_f64().unwrap() > 12.0));
}

#[test]
fn standard_input_and_language_override() {
    let out = vigie(
        &["analyze", "--json", "--lang", "en", "-"],
        Some(b"Malian soldiers arrested a French diplomat."),
    );
    assert!(out.status.success());
    let docs = stdout_json(&out);
    assert_eq!(docs[0]["lang"], "en");
    assert_eq!(docs[0]["lang_source"], "given");
}

#[test]
fn empty_input_is_a_diagnostic_not_an_error() {
    let path = temp_file("empty.txt", b"");
    let out = vigie(&["analyze", "--json", path.to_str().unwrap()], None);
    assert!(out.status.success());
    let docs = stdout_json(&out);
    assert_eq!(docs[0]["diagnostics"][0]["code"], "empty-document");
}

#[test]
fn binary_input_is_refused_with_a_clear_message() {
    let path = temp_file("image.bin", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    let out = vigie(&["analyze", path.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("binary"), "{err}");
    assert!(!err.contains("panicked"));
}

#[test]
fn invalid_utf8_names_the_line_and_byte() {
    let path = temp_file("latin1.txt", b"Premi\xe8re ligne\nseconde");
    let out = vigie(&["analyze", path.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("not valid UTF-8") && err.contains("line 1"),
        "{err}"
    );
}

#[test]
fn missing_file_directory_and_bad_arguments() {
    let out = vigie(&["analyze", "/nonexistent/vigie/file.txt"], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot open"));
    let out = vigie(&["analyze", std::env::temp_dir().to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("directory"));
    let out = vigie(&["analyze", "--date", "hier", "-"], Some(b""));
    assert_eq!(out.status.code(), Some(2));
    let out = vigie(&["analyze", "--lang", "de", "-"], Some(b""));
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn jsonl_batch_reports_bad_lines_and_goes_on() {
    let batch = concat!(
        r#"{"id": "a", "text": "La France et le Mali.", "date": "2025-09-16"}"#,
        "\n{not json}\n",
        r#"{"id": "b"}"#,
        "\n\n",
        r#"{"id": "c", "text": "Mali's junta expelled the French ambassador.", "lang": "en"}"#,
        "\n"
    );
    let out = vigie(
        &["analyze", "--json", "--input", "jsonl", "-"],
        Some(batch.as_bytes()),
    );
    assert_eq!(out.status.code(), Some(1));
    let docs = stdout_json(&out);
    let ids: Vec<_> = docs
        .iter()
        .map(|d| d["doc_id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, ["a", "c"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(":2:") && err.contains(":3:") && err.contains("\"text\""),
        "{err}"
    );
}

#[test]
fn fifty_megabyte_line_without_punctuation_is_cut_not_fatal() {
    let line = "mot ".repeat(50 * 1024 * 1024 / 4);
    let path = temp_file("huge.txt", line.as_bytes());
    let out = vigie(
        &["analyze", "--json", "--lang", "fr", path.to_str().unwrap()],
        None,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let docs = stdout_json(&out);
    assert!(docs[0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["code"] == "sentence-truncated"));
}

#[test]
fn foreign_language_is_a_diagnostic() {
    let out = vigie(
        &["analyze", "--json", "-"],
        Some("Die Bundesregierung hat heute beschlossen, die Botschaft in Bamako vorübergehend zu schließen.".as_bytes()),
    );
    assert!(out.status.success());
    let docs = stdout_json(&out);
    assert_eq!(docs[0]["diagnostics"][0]["code"], "language-unsupported");
}

#[test]
fn code_output_is_the_same_with_one_or_two_threads() {
    let mut batch = String::new();
    for (i, text) in ["france-mali-2025.txt", "mali-france-2025.en.txt"]
        .iter()
        .cycle()
        .take(300)
        .enumerate()
    {
        let content = std::fs::read_to_string(example(text)).unwrap();
        batch.push_str(
            &serde_json::json!({"id": format!("d{i}"), "text": content, "date": "2025-09-16"})
                .to_string(),
        );
        batch.push('\n');
    }
    let path = temp_file("batch.jsonl", batch.as_bytes());
    let one = vigie(
        &[
            "code",
            "--input",
            "jsonl",
            "--threads",
            "1",
            path.to_str().unwrap(),
        ],
        None,
    );
    let two = vigie(
        &[
            "code",
            "--input",
            "jsonl",
            "--threads",
            "2",
            path.to_str().unwrap(),
        ],
        None,
    );
    assert!(one.status.success() && two.status.success());
    assert_eq!(one.stdout, two.stdout);
}

#[test]
fn code_formats_and_explain() {
    let file = example("france-mali-2025.txt");
    for format in ["jsonl", "tsv", "table"] {
        let out = vigie(
            &["code", "--date", "2025-09-16", "--format", format, &file],
            None,
        );
        assert!(
            out.status.success(),
            "{format}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let out = vigie(&["code", "--format", "tsv", &file], None);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("id\tdoc_id\tdate"));
    let out = vigie(
        &[
            "explain",
            "--lang",
            "fr",
            "--text",
            "La junte malienne a arrêté un diplomate français.",
        ],
        None,
    );
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("EVENT") && text.contains("COERCE"), "{text}");
}

#[test]
fn eval_scores_a_gold_file_like_the_reference_scorer() {
    let gold = concat!(
        r#"{"id": "a", "lang": "fr", "date": "2025-09-16", "text": "La junte malienne a arrêté un diplomate français.", "events": [{"source": ["MLI"], "target": ["FRA"], "event": "COERCE"}]}"#,
        "\n",
        r#"{"id": "b", "lang": "en", "date": "2025-09-16", "text": "Heavy rain fell on Paris.", "events": []}"#,
        "\n"
    );
    let path = temp_file("gold.jsonl", gold.as_bytes());
    let out = vigie(&["eval", "--json", path.to_str().unwrap()], None);
    assert!(out.status.success());
    let s: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(s["gold_events"], 1);
    assert_eq!(s["recall"], 1.0);
    assert_eq!(s["no_event_docs"], 1);
    let out = vigie(&["eval", "--min-f1", "1.01", path.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(1));
}

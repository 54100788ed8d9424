//! Data-driven recognition tests: every case in `fixtures/recognize/*.txt` is a sentence and the
//! actors, places and dates vigie must (or must not) find in it.
//!
//! Format: `date: YYYY-MM-DD` sets the publication date for the cases that follow; `> text` starts a
//! case; then one expectation per line:
//!   actor CODE SECTOR "surface"      (SECTOR `-` for none, `*` for any; the surface is optional)
//!   place COUNTRY KIND "surface"     (KIND city, region or country)
//!   date VALUE ROLE "surface"        (VALUE as printed: 2025-09-20, 2025-08, 2025-W37, 2025; ROLE point or deadline)
//!   no-actor "surface"   no-place "surface"   no-date "surface"

use std::path::Path;
use std::sync::OnceLock;

use vigie_core::report::{report, AnalysisReport};
use vigie_core::{AnalyzeOptions, Document, Lang, Pipeline};

fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(|| Pipeline::new().expect("embedded knowledge base"))
}

struct Case {
    line: usize,
    text: String,
    date: Option<jiff::civil::Date>,
    expectations: Vec<(usize, String)>,
}

fn parse_cases(content: &str) -> Vec<Case> {
    let mut cases: Vec<Case> = Vec::new();
    let mut date = None;
    for (i, raw) in content.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(d) = line.strip_prefix("date:") {
            date = Some(d.trim().parse().expect("fixture date"));
        } else if let Some(t) = line.strip_prefix('>') {
            cases.push(Case {
                line: i + 1,
                text: t.trim().to_string(),
                date,
                expectations: Vec::new(),
            });
        } else {
            cases
                .last_mut()
                .expect("an expectation before any case")
                .expectations
                .push((i + 1, line.to_string()));
        }
    }
    cases
}

/// Splits `kind A B "surface"` into its words and the quoted surface.
fn split_expectation(e: &str) -> (Vec<&str>, Option<&str>) {
    match e.find('"') {
        Some(q) => (
            e[..q].split_whitespace().collect(),
            Some(e[q + 1..].trim_end().trim_end_matches('"')),
        ),
        None => (e.split_whitespace().collect(), None),
    }
}

fn field_matches(expected: &str, actual: Option<String>) -> bool {
    match expected {
        "*" => true,
        "-" => actual.is_none(),
        e => actual.as_deref() == Some(e),
    }
}

fn check(rep: &AnalysisReport<'_>, expectation: &str) -> Result<(), String> {
    let (words, surface) = split_expectation(expectation);
    let surface_ok = |s: &str| surface.is_none_or(|x| x == s);
    let actors = || rep.sentences.iter().flat_map(|s| &s.actors);
    let places = || rep.sentences.iter().flat_map(|s| &s.places);
    let dates = || rep.sentences.iter().flat_map(|s| &s.dates);
    let found = match words.as_slice() {
        ["actor", code, sector] => actors().any(|a| {
            field_matches(code, a.code.map(|c| c.to_string()))
                && field_matches(sector, a.sector.map(|c| c.to_string()))
                && surface_ok(a.name)
        }),
        ["place", country, kind] => places().any(|p| {
            field_matches(country, p.country.map(|c| c.to_string()))
                && field_matches(kind, Some(p.kind.to_string()))
                && surface_ok(p.name)
        }),
        ["date", value, role] => dates().any(|d| {
            field_matches(value, d.value.clone())
                && field_matches(role, Some(format!("{:?}", d.role).to_lowercase()))
                && surface_ok(d.text)
        }),
        ["no-actor"] => {
            !actors().any(|a| surface_ok(a.name) || surface.is_some_and(|s| a.name.contains(s)))
        }
        ["no-place"] => !places().any(|p| surface_ok(p.name)),
        ["no-date"] => !dates().any(|d| surface_ok(d.text)),
        _ => return Err(format!("malformed expectation {expectation:?}")),
    };
    if found {
        Ok(())
    } else {
        Err("not satisfied".into())
    }
}

fn run_fixture(file: &str, lang: Lang) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/recognize")
        .join(file);
    let content = std::fs::read_to_string(&path).expect("fixture file");
    let cases = parse_cases(&content);
    assert!(!cases.is_empty(), "{file} has no cases");
    let mut failures = Vec::new();
    for case in &cases {
        let doc = Document {
            text: case.text.clone(),
            date: case.date,
            lang: Some(lang),
            ..Document::default()
        };
        let analysis = pipeline().analyze(&doc, AnalyzeOptions::default());
        let rep = report(&analysis, None);
        for (line, e) in &case.expectations {
            if let Err(why) = check(&rep, e) {
                let got = serde_json::to_string(
                    &rep.sentences
                        .iter()
                        .map(|s| (&s.actors, &s.places, &s.dates))
                        .collect::<Vec<_>>(),
                )
                .unwrap_or_default();
                failures.push(format!(
                    "{file}:{line} (case at line {}): {e} — {why}\n    text: {}\n    got: {got}",
                    case.line, case.text
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failed expectations:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn french_fixtures() {
    run_fixture("fr.txt", Lang::Fr);
}

#[test]
fn english_fixtures() {
    run_fixture("en.txt", Lang::En);
}

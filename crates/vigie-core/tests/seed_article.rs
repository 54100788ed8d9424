//! The seed article (in `../shared/seed`, present in CI but not shipped): every actor mention, the Sahel
//! as a region, and the two dates the foundation must resolve. Skipped when the file is absent.

mod common;

use common::shared_dir;
use vigie_core::report::report;
use vigie_core::{AnalyzeOptions, Document, Pipeline};

#[test]
fn seed_article_actors_places_and_dates() {
    let path = shared_dir().join("seed/wakat-sera-france-mali.txt");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("skipped: {} is not present", path.display());
        return;
    };
    let pipeline = Pipeline::new().expect("knowledge base");
    let doc = Document::from_text(text);
    let options = AnalyzeOptions {
        date: Some(jiff::civil::date(2025, 9, 16)),
        ..AnalyzeOptions::default()
    };
    let analysis = pipeline.analyze(&doc, options);
    let rep = report(&analysis, None);
    let actors: Vec<_> = rep.sentences.iter().flat_map(|s| &s.actors).collect();
    let has_actor = |code: &str, sector: Option<&str>, surface: &str| {
        actors.iter().any(|a| {
            a.code.is_some_and(|c| c.as_str() == code)
                && sector.is_none_or(|s| a.sector.is_some_and(|x| x.as_str() == s))
                && a.name.contains(surface)
        })
    };
    let expected: &[(&str, Option<&str>, &str)] = &[
        ("FRA", None, "la France"),
        ("FRA", Some("GOV"), "Paris"),
        ("MLI", None, "le Mali"),
        ("MLI", Some("GOV"), "Bamako"),
        ("MLI", Some("GOV"), "la junte malienne"),
        ("FRA", Some("GOV"), "un diplomate français"),
        ("MLI", Some("GOV"), "deux diplomates maliens"),
        ("MLI", Some("SPY"), "services de renseignement"),
        ("MLI", Some("GOV"), "les autorités maliennes"),
        ("RUS", None, "la Russie"),
        ("RUS", None, "Wagner"),
    ];
    let missing: Vec<_> = expected
        .iter()
        .filter(|(c, s, t)| !has_actor(c, *s, t))
        .collect();
    assert!(
        missing.is_empty(),
        "missing actors: {missing:?}\nfound: {:?}",
        actors
            .iter()
            .map(|a| (a.code, a.sector, a.name))
            .collect::<Vec<_>>()
    );
    assert!(
        actors.iter().all(|a| !a.name.contains("Sahel")),
        "the Sahel is not an actor"
    );
    let places: Vec<_> = rep.sentences.iter().flat_map(|s| &s.places).collect();
    assert!(
        places
            .iter()
            .any(|p| p.name == "Sahel" && p.kind == "region" && p.country.is_none()),
        "the Sahel is a region: {:?}",
        places.iter().map(|p| (p.name, p.kind)).collect::<Vec<_>>()
    );
    let dates: Vec<_> = rep.sentences.iter().flat_map(|s| &s.dates).collect();
    let date = |text: &str| {
        dates
            .iter()
            .find(|d| d.text == text)
            .and_then(|d| d.value.clone())
    };
    assert_eq!(date("20 septembre 2025").as_deref(), Some("2025-09-20"));
    assert_eq!(date("le mois dernier").as_deref(), Some("2025-08"));
}

//! The SQLite store end to end on temporary database files: idempotent writes, re-coding, clustering
//! across articles, the relations index, dyads, pagination, full-text search, migrations and crash
//! safety.

mod common;

use std::collections::HashSet;
use std::process::Command;
use std::time::{Duration, Instant};

use common::{date, document, dump, participant, record, with_modality};
use vigie_core::coder::Modality;
use vigie_core::{AnalyzeOptions, Document, Pipeline};
use vigie_store::series::NotableKind;
use vigie_store::{
    DocId, Dyad, DyadsQuery, EventFilter, EventStore, FeedState, NewDocument, Order, PageRequest,
    Period, PutOutcome, RelationsQuery, SqliteStore, StoreError,
};

fn temp_store() -> (tempfile::TempDir, SqliteStore) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = SqliteStore::open(dir.path().join("vigie.db")).expect("open store");
    (dir, store)
}

fn count(store: &SqliteStore, filter: &EventFilter) -> usize {
    listed(store, filter, 1000).len()
}

/// The ids of every event that passes `filter`, read page by page.
fn listed(store: &SqliteStore, filter: &EventFilter, limit: usize) -> Vec<i64> {
    let mut ids = Vec::new();
    let mut page = PageRequest { after: None, limit };
    loop {
        let p = store.events(filter, &page).expect("events");
        ids.extend(p.items.iter().map(|e| e.id.0));
        match p.next {
            Some(next) => page.after = Some(next),
            None => return ids,
        }
    }
}

#[test]
fn the_same_url_or_the_same_text_is_stored_once() {
    let (_dir, mut store) = temp_store();
    let doc = document(
        "https://rfi.fr/a",
        "RFI",
        "2025-09-16",
        "Le Mali a expulsé l'ambassadeur.",
    );
    let events = [record("COERCE", "MLI", "FRA", "2025-09-15")];
    let first = store.put_document(&doc, &events).expect("first put");
    let PutOutcome::Inserted(id) = first else {
        panic!("the first put inserts, got {first:?}")
    };
    assert_eq!(
        store.put_document(&doc, &events).expect("again"),
        PutOutcome::Duplicate(id)
    );

    // Same URL, the article edited since.
    let mut edited = doc.clone();
    edited.text.push_str(" Bamako a confirmé.");
    assert_eq!(
        store.put_document(&edited, &events).expect("edited"),
        PutOutcome::Duplicate(id)
    );

    // Same text under another URL, with other line breaks.
    let mut syndicated = doc.clone();
    syndicated.url = Some("https://other.example/b".into());
    syndicated.text = "Le Mali a expulsé\n  l'ambassadeur.".into();
    assert_eq!(
        store
            .put_document(&syndicated, &events)
            .expect("syndicated"),
        PutOutcome::Duplicate(id)
    );

    assert_eq!(
        store.documents_after(None, 100).expect("documents").len(),
        1
    );
    assert_eq!(count(&store, &EventFilter::default()), 1);
    let detail = store.document(id).expect("document").expect("stored");
    assert_eq!(detail.events.len(), 1);
    let cluster = store
        .cluster(detail.events[0].cluster_id.expect("clustered"))
        .expect("cluster")
        .expect("stored");
    assert_eq!(cluster.cluster.articles, 1);
}

#[test]
fn a_batch_stores_its_documents_together_and_once() {
    let (_dir, mut store) = temp_store();
    let a = document("https://a.example/1", "A", "2025-09-16", "first text");
    let b = document("https://b.example/1", "B", "2025-09-16", "second text");
    let events = [record("ASSAULT", "MLI", "FRA", "2025-09-15")];
    let outcomes = store
        .put_documents(&[(&a, &events[..]), (&b, &events[..]), (&a, &events[..])])
        .expect("batch");
    let (PutOutcome::Inserted(first), PutOutcome::Inserted(second)) = (outcomes[0], outcomes[1])
    else {
        panic!("the first two are new: {outcomes:?}")
    };
    assert_ne!(first, second);
    assert_eq!(outcomes[2], PutOutcome::Duplicate(first));
    let again = store.put_documents(&[(&b, &events[..])]).expect("batch");
    assert_eq!(again, [PutOutcome::Duplicate(second)]);
    // Two outlets reporting the same attack: one cluster of two articles.
    let page = store
        .events(&EventFilter::default(), &PageRequest::default())
        .expect("events");
    assert_eq!(page.items.len(), 2);
    assert_eq!(page.items[0].cluster_id, page.items[1].cluster_id);
    assert_eq!(page.items[0].cluster.expect("counts").articles, 2);
}

#[test]
fn reports_from_several_outlets_are_one_event() {
    let (_dir, mut store) = temp_store();
    let reports = [
        ("https://rfi.fr/1", "RFI", "2025-09-16", "2025-09-15", 2),
        (
            "https://lemonde.fr/1",
            "Le Monde",
            "2025-09-17",
            "2025-09-14",
            1,
        ),
        ("https://rfi.fr/2", "RFI", "2025-09-18", "2025-09-17", 3),
    ];
    for (url, outlet, published, day, mentions) in reports {
        let mut r = record("ASSAULT", "MLI", "FRA", day);
        r.mentions = mentions;
        store
            .put_document(&document(url, outlet, published, url), &[r])
            .expect("put");
    }
    // Outside the window, another type, another recipient: three more clusters.
    let others = [
        record("ASSAULT", "MLI", "FRA", "2025-09-22"),
        record("ACCUSE", "MLI", "FRA", "2025-09-15"),
        record("ASSAULT", "MLI", "NER", "2025-09-15"),
    ];
    store
        .put_document(
            &document("https://x.example/9", "X", "2025-09-23", "others"),
            &others,
        )
        .expect("put");

    let events = store
        .events(&EventFilter::default(), &PageRequest::default())
        .expect("events")
        .items;
    assert_eq!(events.len(), 6);
    let clusters: HashSet<_> = events
        .iter()
        .map(|e| e.cluster_id.expect("clustered"))
        .collect();
    assert_eq!(clusters.len(), 4);
    let reported: Vec<_> = events
        .iter()
        .filter(|e| e.source.url.as_deref() != Some("https://x.example/9"))
        .collect();
    assert_eq!(reported.len(), 3);
    let shared = reported[0].cluster_id.expect("clustered");
    assert!(reported.iter().all(|e| e.cluster_id == Some(shared)));
    let detail = store.cluster(shared).expect("cluster").expect("stored");
    let c = &detail.cluster;
    assert_eq!((c.mentions, c.articles, c.sources), (6, 3, 2));
    assert_eq!(c.first_report, Some(date("2025-09-16")));
    assert_eq!(c.last_report, Some(date("2025-09-18")));
    assert_eq!(
        (c.actors.clone(), c.recipients.clone()),
        (vec!["MLI".to_string()], vec!["FRA".to_string()])
    );
    assert_eq!(detail.reports.len(), 3);
    assert!(detail.reports.iter().all(|r| r.evidence.len() == 1));
    assert_eq!(
        detail.reports[1].document.outlet.as_deref(),
        Some("Le Monde")
    );
    // The index counts one event for the three reports.
    let days = store
        .dyad_days(
            &Dyad {
                actor: "MLI".into(),
                recipient: "FRA".into(),
                directed: true,
            },
            None,
            None,
        )
        .expect("index");
    let total: u64 = days.iter().map(|d| d.clusters).sum();
    assert_eq!(total, 3, "{days:?}");
}

#[test]
fn a_confirmation_upgrades_an_alleged_event() {
    let (_dir, mut store) = temp_store();
    let alleged = with_modality(
        record("ASSAULT", "RUS", "UKR", "2025-03-02"),
        Modality::Alleged,
    );
    let id = store
        .put_document(
            &document("https://a.example/1", "A", "2025-03-02", "alleged"),
            &[alleged],
        )
        .expect("put")
        .id();
    let cluster_id = store.document(id).expect("doc").expect("stored").events[0]
        .cluster_id
        .expect("cluster");
    let summary = |store: &SqliteStore| {
        store
            .cluster(cluster_id)
            .expect("cluster")
            .expect("stored")
            .cluster
    };
    assert_eq!(summary(&store).modality, Modality::Alleged);
    let reported = with_modality(
        record("ASSAULT", "RUS", "UKR", "2025-03-03"),
        Modality::Reported,
    );
    store
        .put_document(
            &document("https://b.example/1", "B", "2025-03-03", "reported"),
            &[reported],
        )
        .expect("put");
    assert_eq!(summary(&store).modality, Modality::Reported);
    let asserted = record("ASSAULT", "RUS", "UKR", "2025-03-01");
    let asserted_id = store
        .put_document(
            &document("https://c.example/1", "C", "2025-03-04", "asserted"),
            &[asserted],
        )
        .expect("put")
        .id();
    let s = summary(&store);
    assert_eq!(
        (s.modality, s.articles, s.sources),
        (Modality::Asserted, 3, 3)
    );
    // The asserting report now represents the event, with its date.
    let asserting_event = store
        .document(asserted_id)
        .expect("doc")
        .expect("stored")
        .events[0]
        .id;
    assert_eq!(s.representative, asserting_event);
    assert_eq!(s.date, Some(date("2025-03-01")));
    let index = |store: &SqliteStore| {
        store
            .dyad_days(
                &Dyad {
                    actor: "UKR".into(),
                    recipient: "RUS".into(),
                    directed: false,
                },
                None,
                None,
            )
            .expect("index")
    };
    let days = index(&store);
    assert_eq!(days.len(), 1);
    assert_eq!((days[0].day, days[0].clusters), (date("2025-03-01"), 1));
    // A denial alone does not enter the relations index.
    let denied = with_modality(
        record("ASSAULT", "UKR", "RUS", "2025-05-01"),
        Modality::Negated,
    );
    store
        .put_document(
            &document("https://d.example/1", "D", "2025-05-01", "denied"),
            &[denied],
        )
        .expect("put");
    assert_eq!(index(&store).len(), 1);
}

#[test]
fn recoding_replaces_events_clusters_and_the_index() {
    let (_dir, mut store) = temp_store();
    let a = store
        .put_document(
            &document("https://a.example/1", "A", "2025-06-10", "a"),
            &[
                record("ASSAULT", "MLI", "FRA", "2025-06-09"),
                record("CONSULT", "FRA", "MLI", "2025-06-09"),
            ],
        )
        .expect("put")
        .id();
    let b = store
        .put_document(
            &document("https://b.example/1", "B", "2025-06-11", "b"),
            &[record("ASSAULT", "MLI", "FRA", "2025-06-10")],
        )
        .expect("put")
        .id();
    let shared = store.document(b).expect("doc").expect("stored").events[0]
        .cluster_id
        .expect("cluster");
    assert_eq!(
        store
            .cluster(shared)
            .expect("c")
            .expect("stored")
            .cluster
            .articles,
        2
    );

    // The new dictionary reads document a as an accusation only.
    store
        .replace_events(a, &[record("ACCUSE", "MLI", "FRA", "2025-06-09")])
        .expect("replace");
    let events = store.document(a).expect("doc").expect("stored").events;
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].event, "ACCUSE");
    assert_eq!(
        store
            .cluster(shared)
            .expect("c")
            .expect("stored")
            .cluster
            .articles,
        1
    );
    assert_eq!(count(&store, &EventFilter::default()), 2);
    let undirected = Dyad {
        actor: "FRA".into(),
        recipient: "MLI".into(),
        directed: false,
    };
    let days = store.dyad_days(&undirected, None, None).expect("index");
    let quads: Vec<(jiff::civil::Date, [u64; 4])> = days.iter().map(|d| (d.day, d.quad)).collect();
    assert_eq!(
        quads,
        [
            (date("2025-06-09"), [0, 0, 1, 0]),
            (date("2025-06-10"), [0, 0, 0, 1])
        ]
    );

    // Replacing with nothing removes the clusters that only document a reported.
    store.replace_events(a, &[]).expect("replace");
    assert_eq!(count(&store, &EventFilter::default()), 1);
    let days = store.dyad_days(&undirected, None, None).expect("index");
    assert_eq!(days.len(), 1);
    assert!(matches!(
        store.replace_events(DocId(999), &[]),
        Err(StoreError::NoSuchDocument(DocId(999)))
    ));
}

/// Two years of cooperation between France and Mali, then a month of attacks, each attack reported
/// by two outlets.
fn france_mali(store: &mut SqliteStore) -> Vec<DocId> {
    let mut n = 0;
    let mut put = |store: &mut SqliteStore,
                   published: &str,
                   events: &[vigie_core::coder::record::EventRecord]| {
        n += 1;
        let url = format!("https://news.example/{n}");
        store
            .put_document(
                &document(&url, if n % 2 == 0 { "A" } else { "B" }, published, &url),
                events,
            )
            .expect("put")
            .id()
    };
    for year in [2023, 2024] {
        for month in 1..=12 {
            for (day, event) in [(3, "CONSULT"), (12, "AID"), (21, "COOPERATE")] {
                let d = format!("{year}-{month:02}-{day:02}");
                put(store, &d, &[record(event, "FRA", "MLI", &d)]);
            }
        }
    }
    let mut attacks = Vec::new();
    for day in [5, 12, 19, 26] {
        let d = format!("2025-01-{day:02}");
        attacks.push(put(store, &d, &[record("ASSAULT", "MLI", "FRA", &d)]));
        put(store, &d, &[record("ASSAULT", "MLI", "FRA", &d)]);
    }
    attacks
}

#[test]
fn relations_series_count_events_and_find_the_lowest_point() {
    let (_dir, mut store) = temp_store();
    let attack_docs = france_mali(&mut store);
    let query = RelationsQuery {
        dyad: Dyad {
            actor: "fra".into(),
            recipient: "mli".into(),
            directed: false,
        },
        period: Period::Month,
        from: Some(date("2023-01-01")),
        to: Some(date("2025-01-31")),
    };
    let relations = store.relations(&query).expect("relations");
    assert_eq!(relations.points.len(), 25);
    assert_eq!(relations.score_sparkline.chars().count(), 25);
    let first = &relations.points[0];
    assert_eq!(
        (first.period.as_str(), first.clusters, first.quad),
        ("2023-01", 3, [1, 2, 0, 0])
    );
    assert!((first.goldstein - 14.0).abs() < 1e-9);
    assert!((first.intensity - 13.5).abs() < 1e-9);
    let last = relations.points.last().expect("points");
    // Eight articles, four events.
    assert_eq!((last.clusters, last.quad), (4, [0, 0, 0, 4]));
    // The smoothed score keeps two years of cooperation in memory: it falls, but stays above the
    // attacks' −10.
    let before = relations.points[..24].iter().filter_map(|p| p.score);
    let lowest_before = before.fold(f64::INFINITY, f64::min);
    let score = last.score.expect("score");
    assert!(
        score < lowest_before && score > -10.0,
        "{score} {lowest_before}"
    );
    assert!(
        relations.score_sparkline.ends_with('▁'),
        "{}",
        relations.score_sparkline
    );

    let low = relations
        .notable
        .iter()
        .find(|n| matches!(n.kind, NotableKind::Lowest { .. }))
        .expect("a lowest point");
    assert_eq!(low.period, "2025-01");
    assert_eq!(
        low.kind,
        NotableKind::Lowest {
            periods: 24,
            since: None
        }
    );
    assert_eq!(low.description, "lowest score on record (2 years of data)");
    assert_eq!(low.cluster_ids.len(), 4);
    assert_eq!(low.clusters.len(), 4);
    assert!(low
        .clusters
        .iter()
        .all(|c| c.event == "ASSAULT" && c.articles == 2));
    let attack_clusters: HashSet<_> = attack_docs
        .iter()
        .map(|d| {
            store.document(*d).expect("doc").expect("stored").events[0]
                .cluster_id
                .expect("cluster")
        })
        .collect();
    assert_eq!(
        low.cluster_ids.iter().copied().collect::<HashSet<_>>(),
        attack_clusters
    );
    assert!(relations
        .notable
        .iter()
        .any(|n| n.period == "2025-01" && matches!(n.kind, NotableKind::Drop { .. })));

    // Directed France → Mali has no attack; Mali → France has only them.
    let directed = |actor: &str, recipient: &str| {
        let mut q = query.clone();
        q.dyad = Dyad {
            actor: actor.into(),
            recipient: recipient.into(),
            directed: true,
        };
        store.relations(&q).expect("relations")
    };
    let fra_mli = directed("FRA", "MLI");
    assert_eq!(fra_mli.points.last().expect("points").clusters, 0);
    assert!(fra_mli.notable.is_empty());
    let mli_fra = directed("MLI", "FRA");
    assert_eq!(mli_fra.points.iter().map(|p| p.clusters).sum::<u64>(), 4);

    // Without a range, the series spans the pair's events; by week it has a point per week.
    let mut weekly = query.clone();
    weekly.period = Period::Week;
    weekly.from = None;
    weekly.to = None;
    let weekly = store.relations(&weekly).expect("weekly");
    assert_eq!(weekly.from, Some(date("2023-01-03")));
    assert_eq!(weekly.to, Some(date("2025-01-26")));
    assert_eq!(
        weekly.points.first().map(|p| p.period.as_str()),
        Some("2023-W01")
    );
    // A later start shows fewer periods with the same scores, and the low still reaches back two
    // years; a `to` inside a month shows the whole month.
    let mut window = query.clone();
    window.from = Some(date("2024-07-15"));
    window.to = Some(date("2025-01-10"));
    let narrow = store.relations(&window).expect("relations");
    assert_eq!(narrow.points.len(), 7);
    assert_eq!(narrow.points[0].period, "2024-07");
    assert_eq!(narrow.points[6].clusters, 4);
    for p in &narrow.points {
        let full = relations
            .points
            .iter()
            .find(|f| f.start == p.start)
            .expect("same period");
        assert_eq!(p.score, full.score, "{}", p.period);
    }
    let low = narrow
        .notable
        .iter()
        .find(|n| matches!(n.kind, NotableKind::Lowest { .. }))
        .expect("a lowest point");
    assert_eq!(
        low.kind,
        NotableKind::Lowest {
            periods: 24,
            since: None
        }
    );

    let mut reversed = query.clone();
    reversed.from = Some(date("2025-02-01"));
    assert!(matches!(
        store.relations(&reversed),
        Err(StoreError::InvalidArgument(_))
    ));
}

#[test]
fn weekly_and_monthly_relations_from_period_sums_equal_the_daily_series() {
    let (_dir, mut store) = temp_store();
    france_mali(&mut store);
    // Recoding removes contributions, which the period sums must follow.
    store
        .replace_events(DocId(2), &[record("ACCUSE", "MLI", "FRA", "2024-06-09")])
        .expect("replace");
    let dyad = Dyad {
        actor: "MLI".into(),
        recipient: "FRA".into(),
        directed: false,
    };
    let days = store.dyad_days(&dyad, None, None).expect("days");
    let (first, last) = (days[0].day, days[days.len() - 1].day);
    for period in [Period::Week, Period::Month] {
        let expected = vigie_store::series::build_series(&days, first, last, period);
        for (from, to) in [
            (None, None),
            (Some(date("2024-02-10")), Some(date("2025-01-05"))),
        ] {
            let relations = store
                .relations(&RelationsQuery {
                    dyad: dyad.clone(),
                    period,
                    from,
                    to,
                })
                .expect("relations");
            // The range reported is the pair's first and last days, not its periods' first days.
            assert_eq!(relations.from, from.or(Some(first)));
            assert_eq!(relations.to, to.or(Some(last)));
            let shown: Vec<_> = expected
                .iter()
                .filter(|p| {
                    from.is_none_or(|f| p.start >= period.start_of(f))
                        && to.is_none_or(|t| p.start <= t)
                })
                .cloned()
                .collect();
            assert_eq!(relations.points, shown, "{period:?} {from:?}");
        }
    }
}

#[test]
fn a_pairs_clusters_come_newest_first_through_the_filters() {
    let (_dir, mut store) = temp_store();
    france_mali(&mut store);
    for directed in [false, true] {
        let dyad = Dyad {
            actor: "fra".into(),
            recipient: "MLI".into(),
            directed,
        };
        let (first, last) = (date("2000-01-01"), date("2030-01-01"));
        let ids = store.dyad_cluster_ids(&dyad, first, last).expect("ids");
        let mut all = store.cluster_summaries(&ids).expect("summaries");
        all.sort_by_key(|c| std::cmp::Reverse((c.date, c.id)));
        assert!(all.len() > 5, "{}", all.len());
        let filters = [
            vigie_store::ClusterFilter::default(),
            vigie_store::ClusterFilter {
                quad: Some(4),
                ..Default::default()
            },
            vigie_store::ClusterFilter {
                event: Some("consult".into()),
                modality: Some(Modality::Asserted),
                ..Default::default()
            },
        ];
        for filter in &filters {
            let expected: Vec<_> = all
                .iter()
                .filter(|c| {
                    filter
                        .event
                        .as_ref()
                        .is_none_or(|e| c.event.eq_ignore_ascii_case(e))
                        && filter.modality.is_none_or(|m| c.modality == m)
                        && filter.quad.is_none_or(|q| c.quad == q)
                })
                .map(|c| c.id)
                .collect();
            for limit in [1, 3, 1000] {
                let got: Vec<_> = store
                    .dyad_clusters(&dyad, None, None, filter, limit)
                    .expect("clusters")
                    .iter()
                    .map(|c| c.id)
                    .collect();
                assert_eq!(
                    got,
                    expected[..expected.len().min(limit)],
                    "{filter:?} {limit}"
                );
            }
            let (from, to) = (date("2024-01-01"), date("2024-12-31"));
            let got: Vec<_> = store
                .dyad_clusters(&dyad, Some(from), Some(to), filter, 1000)
                .expect("clusters")
                .iter()
                .map(|c| c.id)
                .collect();
            let in_range: Vec<_> = all
                .iter()
                .filter(|c| {
                    expected.contains(&c.id) && c.date.is_some_and(|d| d >= from && d <= to)
                })
                .map(|c| c.id)
                .collect();
            assert_eq!(got, in_range, "{filter:?} in 2024");
        }
    }
}

#[test]
fn dyads_rank_activity_and_change() {
    let (_dir, mut store) = temp_store();
    france_mali(&mut store);
    let mut n = 0;
    let mut put = |store: &mut SqliteStore, d: &str, r| {
        n += 1;
        let url = format!("https://ru.example/{n}");
        store
            .put_document(&document(&url, "R", d, &url), &[r])
            .expect("put");
    };
    for d in ["2024-03-01", "2024-05-01", "2024-07-01", "2024-09-01"] {
        put(&mut store, d, record("AID", "RUS", "MLI", d));
    }
    for d in ["2025-01-04", "2025-01-14", "2025-01-24"] {
        put(&mut store, d, record("ASSAULT", "RUS", "MLI", d));
    }
    put(
        &mut store,
        "2024-02-02",
        record("CONSULT", "DEU", "FRA", "2024-02-02"),
    );
    // A domestic event is not a pair.
    put(
        &mut store,
        "2024-02-03",
        record("COERCE", "MLI", "MLI", "2024-02-03"),
    );

    let ranking = store
        .dyads(&DyadsQuery {
            from: Some(date("2023-01-01")),
            to: Some(date("2025-01-31")),
            recent_days: 31,
            limit: 10,
            min_events: 3,
            directed: false,
        })
        .expect("dyads");
    assert_eq!(ranking.recent_from, Some(date("2025-01-01")));
    let active: Vec<(&str, &str, u64)> = ranking
        .most_active
        .iter()
        .map(|d| (d.actor.as_str(), d.recipient.as_str(), d.clusters))
        .collect();
    assert_eq!(
        active,
        [("FRA", "MLI", 76), ("MLI", "RUS", 7), ("DEU", "FRA", 1)]
    );
    let changing: Vec<&str> = ranking
        .fastest_changing
        .iter()
        .map(|d| d.recipient.as_str())
        .collect();
    assert_eq!(changing, ["RUS", "MLI"]);
    let rus = &ranking.fastest_changing[0];
    assert!((rus.baseline - 7.0).abs() < 1e-9 && (rus.recent + 10.0).abs() < 1e-9);

    // Directed pairs keep the direction; the default range is the whole index.
    let directed = store
        .dyads(&DyadsQuery {
            directed: true,
            ..DyadsQuery::default()
        })
        .expect("dyads");
    assert_eq!(directed.from, Some(date("2023-01-03")));
    assert!(directed
        .most_active
        .iter()
        .any(|d| d.actor == "MLI" && d.recipient == "FRA" && d.clusters == 4));
}

#[test]
fn pages_follow_each_other_without_gaps_or_repeats() {
    let (_dir, mut store) = temp_store();
    for i in 0..25 {
        let day = format!("2025-02-{:02}", 1 + i / 2);
        let url = format!("https://p.example/{i}");
        let event = if i % 3 == 0 { "ASSAULT" } else { "CONSULT" };
        store
            .put_document(
                &document(&url, "P", &day, &url),
                &[record(event, "MLI", "FRA", &day)],
            )
            .expect("put");
    }
    // An undated document and event.
    let mut undated = document("https://p.example/undated", "P", "2025-01-01", "undated");
    undated.published = None;
    undated.fetched_at = None;
    let mut r = record("CONSULT", "MLI", "FRA", "2025-01-01");
    r.date = None;
    r.date_precision = None;
    store.put_document(&undated, &[r]).expect("put");

    // Page sizes that end a page on the undated event, just after it, and on the last event.
    for limit in [1, 7, 10, 26, 100] {
        for order in [Order::OldestFirst, Order::NewestFirst] {
            let filter = EventFilter {
                order,
                ..EventFilter::default()
            };
            let mut seen = Vec::new();
            let mut page = PageRequest { after: None, limit };
            let mut pages = 0;
            loop {
                let p = store.events(&filter, &page).expect("page");
                pages += 1;
                assert!(p.items.len() <= limit);
                seen.extend(p.items.iter().map(|e| (e.day, e.id)));
                match p.next {
                    Some(next) => page.after = Some(next),
                    None => break,
                }
            }
            assert_eq!(pages, 26usize.div_ceil(limit), "{limit} {order:?}");
            assert_eq!(seen.len(), 26);
            let mut sorted = seen.clone();
            sorted.sort();
            if order == Order::NewestFirst {
                sorted.reverse();
            }
            assert_eq!(seen, sorted, "{limit} {order:?}");
            // Undated events come first in ascending order, last in descending order.
            let undated_at = seen.iter().position(|(d, _)| d.is_none());
            assert_eq!(
                undated_at,
                Some(if order == Order::OldestFirst { 0 } else { 25 })
            );
        }
    }

    let assaults = EventFilter {
        actor: Some("mli".into()),
        recipient: Some("FRA".into()),
        event: Some("ASSAULT".into()),
        from: Some(date("2025-02-03")),
        to: Some(date("2025-02-10")),
        ..EventFilter::default()
    };
    let p = store
        .events(
            &assaults,
            &PageRequest {
                after: None,
                limit: 2,
            },
        )
        .expect("page");
    assert_eq!(p.items.len(), 2);
    assert!(p
        .items
        .iter()
        .all(|e| e.event == "ASSAULT" && e.day >= Some(date("2025-02-03"))));
    assert_eq!(count(&store, &assaults), 5);
    assert_eq!(
        count(
            &store,
            &EventFilter {
                quad: Some(1),
                ..EventFilter::default()
            }
        ),
        17
    );
    assert_eq!(
        count(
            &store,
            &EventFilter {
                modality: Some(Modality::Alleged),
                ..EventFilter::default()
            }
        ),
        0
    );
    assert_eq!(
        count(
            &store,
            &EventFilter {
                actor: Some("FRA".into()),
                ..EventFilter::default()
            }
        ),
        0
    );
    for bad in ["", "12", "x:1", "1:y"] {
        let request = PageRequest {
            after: Some(bad.into()),
            limit: 10,
        };
        assert!(matches!(
            store.events(&EventFilter::default(), &request),
            Err(StoreError::BadCursor(_))
        ));
    }
    let too_big = PageRequest {
        after: None,
        limit: 0,
    };
    assert!(matches!(
        store.events(&EventFilter::default(), &too_big),
        Err(StoreError::InvalidArgument(_))
    ));
}

#[test]
fn full_text_search_finds_documents_and_filters_events() {
    let (_dir, mut store) = temp_store();
    let texts = [
        (
            "https://t.example/1",
            "La junte malienne a expulsé l'ambassadeur de France.",
        ),
        (
            "https://t.example/2",
            "Le Niger et le Mali ont signé un accord de défense.",
        ),
        (
            "https://t.example/3",
            "Paris condamne l'expulsion de son ambassadeur par Bamako.",
        ),
    ];
    for (url, text) in texts {
        store
            .put_document(
                &document(url, "T", "2025-09-16", text),
                &[record("COERCE", "MLI", "FRA", "2025-09-15")],
            )
            .expect("put");
    }
    let hits = store.search_documents("ambassadeur", 10).expect("search");
    assert_eq!(hits.len(), 2);
    assert!(
        hits.iter().all(|h| h.snippet.contains("[ambassadeur]")),
        "{hits:?}"
    );
    // Accents are folded, and a trailing * searches a prefix.
    let hits = store.search_documents("expulse", 10).expect("search");
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].document.url.as_deref(), Some("https://t.example/1"));
    assert_eq!(
        store.search_documents("expuls*", 10).expect("search").len(),
        2
    );
    assert_eq!(
        store
            .search_documents("mali accord", 10)
            .expect("search")
            .len(),
        1
    );
    // FTS5 syntax in the input is read as words.
    assert!(store
        .search_documents("text:NEAR(mali", 10)
        .expect("search")
        .is_empty());
    assert!(matches!(
        store.search_documents(" * ", 10),
        Err(StoreError::InvalidArgument(_))
    ));
    let filter = EventFilter {
        text: Some("ambassadeur".into()),
        ..EventFilter::default()
    };
    assert_eq!(count(&store, &filter), 2);
}

#[test]
fn events_keep_their_record_and_evidence_from_real_coding() {
    let pipeline = Pipeline::new().expect("knowledge base");
    let text = "La junte malienne a arrêté un diplomate français à Bamako. \
                Paris a condamné l'arrestation du diplomate.";
    let mut doc = Document::from_text(text);
    doc.date = Some(date("2025-09-16"));
    let records = pipeline.code_records(&doc, AnalyzeOptions::default());
    assert!(!records.is_empty(), "the pipeline codes the text");
    let (_dir, mut store) = temp_store();
    let id = store
        .put_document(
            &document("https://real.example/1", "R", "2025-09-16", text),
            &records,
        )
        .expect("put")
        .id();
    let detail = store.document(id).expect("document").expect("stored");
    assert_eq!(detail.document.text, text);
    assert_eq!(detail.events.len(), records.len());
    for (stored, coded) in detail.events.iter().zip(&records) {
        assert_eq!(stored.record, serde_json::to_value(coded).expect("json"));
        assert_eq!(stored.event, coded.event);
        let event = store.event(stored.id).expect("event").expect("stored");
        assert_eq!(event.evidence.len(), coded.evidence.len());
        assert_eq!(event.evidence[0].text, coded.evidence[0].text);
        assert_eq!(event.document.meta.id, id);
        assert_eq!(event.cluster.expect("cluster").representative, stored.id);
    }
    assert!(store
        .event(vigie_store::EventId(10_000))
        .expect("event")
        .is_none());
}

#[test]
fn several_participants_and_international_codes() {
    let (_dir, mut store) = temp_store();
    let mut r = record("CONSULT", "FRA", "MLI", "2025-04-01");
    r.actor.push(participant("DEU", None));
    r.recipient = vec![participant("IGO", None)];
    store
        .put_document(
            &document("https://m.example/1", "M", "2025-04-01", "m"),
            &[r],
        )
        .expect("put");
    for actor in ["FRA", "DEU"] {
        let dyad = Dyad {
            actor: actor.into(),
            recipient: "IGO".into(),
            directed: true,
        };
        assert_eq!(
            store.dyad_days(&dyad, None, None).expect("index").len(),
            1,
            "{actor}"
        );
        let filter = EventFilter {
            actor: Some(actor.into()),
            ..EventFilter::default()
        };
        assert_eq!(count(&store, &filter), 1);
    }
}

#[test]
fn feed_state_and_iteration_for_recoding() {
    let (_dir, mut store) = temp_store();
    assert_eq!(store.feed_state("https://rfi.fr/rss").expect("state"), None);
    let state = FeedState {
        url: "https://rfi.fr/rss".into(),
        etag: Some("\"abc\"".into()),
        last_modified: Some("Tue, 16 Sep 2025 10:00:00 GMT".into()),
        last_polled: Some("2025-09-16T10:05:00Z".parse().expect("timestamp")),
    };
    store.set_feed_state(&state).expect("set");
    assert_eq!(
        store.feed_state(&state.url).expect("state"),
        Some(state.clone())
    );
    let newer = FeedState {
        etag: None,
        ..state.clone()
    };
    store.set_feed_state(&newer).expect("set");
    assert_eq!(store.feed_state(&state.url).expect("state"), Some(newer));

    for i in 0..7 {
        let url = format!("https://i.example/{i}");
        store
            .put_document(&document(&url, "I", "2025-01-01", &url), &[])
            .expect("put");
    }
    let mut after = None;
    let mut seen = Vec::new();
    loop {
        let batch = store.documents_after(after, 3).expect("batch");
        let Some(last) = batch.last() else { break };
        after = Some(last.meta.id);
        seen.extend(batch.iter().map(|d| d.text.clone()));
    }
    assert_eq!(seen.len(), 7);
    assert_eq!(seen[6], "https://i.example/6");
}

#[test]
fn an_existing_file_is_migrated_and_reopened() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("old.db");
    {
        let conn = rusqlite::Connection::open(&path).expect("plain sqlite");
        conn.execute_batch("CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('kept');")
            .expect("old content");
    }
    {
        let mut store = SqliteStore::open(&path).expect("migrate");
        assert_eq!(store.schema_version().expect("version"), 2);
        store
            .put_document(
                &document("https://o.example/1", "O", "2025-01-01", "o"),
                &[record("AID", "FRA", "MLI", "2025-01-01")],
            )
            .expect("put");
    }
    let store = SqliteStore::open(&path).expect("reopen");
    assert_eq!(store.schema_version().expect("version"), 2);
    assert_eq!(count(&store, &EventFilter::default()), 1);
    assert!(store.integrity_problems().expect("check").is_empty());
    drop(store);
    let conn = rusqlite::Connection::open(&path).expect("plain sqlite");
    let note: String = conn
        .query_row("SELECT text FROM notes", [], |r| r.get(0))
        .expect("note");
    assert_eq!(note, "kept");
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .expect("mode");
    assert_eq!(mode, "wal");

    // A file from a newer vigie is refused, and a file that is not a database is an error.
    conn.pragma_update(None, "user_version", 99).expect("bump");
    drop(conn);
    assert!(matches!(
        SqliteStore::open(&path),
        Err(StoreError::NewerSchema {
            found: 99,
            supported: 2
        })
    ));
    let garbage = dir.path().join("garbage.db");
    std::fs::write(&garbage, vec![b'x'; 8192]).expect("write");
    assert!(matches!(
        SqliteStore::open(&garbage),
        Err(StoreError::Database(_))
    ));
}

/// A deterministic ingest of `n` documents that cluster and repeat across outlets.
fn ingest(store: &mut SqliteStore, n: usize) {
    let events = ["ASSAULT", "CONSULT", "AID", "ACCUSE"];
    let pairs = [
        ("MLI", "FRA"),
        ("FRA", "MLI"),
        ("RUS", "UKR"),
        ("NER", "MLI"),
    ];
    for i in 0..n {
        let day = format!("2024-{:02}-{:02}", 1 + (i / 28) % 12, 1 + i % 28);
        let url = format!("https://crash.example/{i}");
        let doc = NewDocument {
            text: format!(
                "Article {i} about {day}. {}",
                "Lorem ipsum dolor. ".repeat(20)
            ),
            ..document(&url, ["A", "B", "C"][i % 3], &day, "")
        };
        let records: Vec<_> = (0..4)
            .map(|k| {
                let (a, r) = pairs[(i + k) % pairs.len()];
                let event_day = format!("2024-{:02}-{:02}", 1 + (i / 28) % 12, 1 + (i + k) % 28);
                record(events[(i * 7 + k) % events.len()], a, r, &event_day)
            })
            .collect();
        store.put_document(&doc, &records).expect("put");
    }
}

const CRASH_DOCUMENTS: usize = 1500;

/// Runs the ingest when the crash test starts this binary as a child process; a no-op otherwise.
#[test]
fn crash_child_ingest() {
    if let Ok(path) = std::env::var("VIGIE_STORE_CRASH_DB") {
        let mut store = SqliteStore::open(path).expect("open");
        ingest(&mut store, CRASH_DOCUMENTS);
    }
}

#[test]
fn a_killed_ingest_rerun_equals_an_uninterrupted_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    let reference = dir.path().join("reference.db");
    let killed = dir.path().join("killed.db");
    ingest(
        &mut SqliteStore::open(&reference).expect("open"),
        CRASH_DOCUMENTS,
    );

    let mut child = Command::new(std::env::current_exe().expect("test binary"))
        .args(["crash_child_ingest", "--exact", "--test-threads=1"])
        .env("VIGIE_STORE_CRASH_DB", &killed)
        .spawn()
        .expect("child ingest");
    let started = Instant::now();
    let mut stored = 0;
    while started.elapsed() < Duration::from_secs(120) {
        std::thread::sleep(Duration::from_millis(20));
        if !killed.exists() {
            continue;
        }
        if let Ok(conn) = rusqlite::Connection::open(&killed) {
            stored = conn
                .query_row("SELECT COUNT(*) FROM documents", [], |r| r.get::<_, i64>(0))
                .unwrap_or(0);
        }
        if stored >= 200 {
            break;
        }
    }
    // Child::kill sends SIGKILL: no destructor, no rollback, no WAL checkpoint runs.
    child.kill().expect("kill");
    let status = child.wait().expect("wait");
    assert!(!status.success(), "the child was killed before finishing");
    assert!(
        stored >= 200 && (stored as usize) < CRASH_DOCUMENTS,
        "killed after {stored} documents"
    );

    let mut store = SqliteStore::open(&killed).expect("reopen after kill");
    assert!(store.integrity_problems().expect("check").is_empty());
    ingest(&mut store, CRASH_DOCUMENTS);
    drop(store);
    assert_eq!(dump(&killed), dump(&reference));
}

#[test]
fn ranking_totals_from_months_equal_the_daily_sums() {
    let (_dir, mut store) = temp_store();
    let pairs = [
        ("FRA", "MLI"),
        ("MLI", "FRA"),
        ("RUS", "UKR"),
        ("NER", "MLI"),
    ];
    let events = ["ASSAULT", "CONSULT", "AID", "ACCUSE"];
    let start = date("2024-01-01");
    for i in 0..400i64 {
        let day = start
            .checked_add(jiff::SignedDuration::from_hours(24 * ((i * 37) % 500)))
            .expect("day")
            .to_string();
        let (a, r) = pairs[i as usize % pairs.len()];
        let url = format!("https://m.example/{i}");
        store
            .put_document(
                &document(&url, "M", &day, &url),
                &[record(events[i as usize % 4], a, r, &day)],
            )
            .expect("put");
    }
    let ranges = [
        ("2024-01-01", "2025-05-14", "2025-04-15"),
        ("2024-01-17", "2025-03-03", "2025-02-20"),
        ("2024-02-10", "2024-02-20", "2024-02-15"),
        ("2024-02-10", "2024-03-31", "2024-03-01"),
        ("2024-03-01", "2024-03-31", "2024-03-31"),
    ];
    for directed in [false, true] {
        for (from, to, recent) in ranges {
            let (from, to, recent) = (date(from), date(to), date(recent));
            let totals = store
                .dyad_totals(from, to, recent, directed)
                .expect("totals");
            assert!(!totals.is_empty());
            for t in &totals {
                let dyad = Dyad {
                    actor: t.actor.clone(),
                    recipient: t.recipient.clone(),
                    directed,
                };
                let days = store.dyad_days(&dyad, Some(from), Some(to)).expect("days");
                let recent_days: Vec<_> = days.iter().filter(|d| d.day >= recent).collect();
                assert_eq!(
                    t.clusters,
                    days.iter().map(|d| d.clusters).sum::<u64>(),
                    "{from} {to}"
                );
                assert_eq!(t.scored, days.iter().map(|d| d.scored).sum::<u64>());
                let goldstein: f64 = days.iter().map(|d| d.goldstein).sum();
                assert!((t.goldstein - goldstein).abs() < 1e-6, "{from} {to}");
                assert_eq!(
                    t.recent_clusters,
                    recent_days.iter().map(|d| d.clusters).sum::<u64>()
                );
                let quad4: u64 = days.iter().map(|d| d.quad[3]).sum();
                assert_eq!(t.quad[3], quad4);
            }
            let listed: u64 = totals.iter().map(|t| t.clusters).sum();
            let expected: u64 = pairs
                .iter()
                .map(|(a, r)| {
                    let dyad = Dyad {
                        actor: (*a).into(),
                        recipient: (*r).into(),
                        directed: true,
                    };
                    store
                        .dyad_days(&dyad, Some(from), Some(to))
                        .expect("days")
                        .iter()
                        .map(|d| d.clusters)
                        .sum::<u64>()
                })
                .sum();
            assert_eq!(listed, expected, "every pair is listed, {from} {to}");
        }
    }
}

/// The events a filter should list, from a plain scan of every event.
fn scan(all: &[vigie_store::StoredEvent], texts: &[String], filter: &EventFilter) -> Vec<i64> {
    let codes = |side: &serde_json::Value| -> Vec<String> {
        side.as_array()
            .into_iter()
            .flatten()
            .filter_map(|p| p["code"].as_str().or(p["country"].as_str()))
            .map(str::to_string)
            .collect()
    };
    let mut ids: Vec<(Option<jiff::civil::Date>, i64)> = all
        .iter()
        .filter(|e| {
            filter
                .actor
                .as_ref()
                .is_none_or(|a| codes(&e.record["actor"]).contains(a))
                && filter
                    .recipient
                    .as_ref()
                    .is_none_or(|r| codes(&e.record["recipient"]).contains(r))
                && filter.event.as_ref().is_none_or(|t| &e.event == t)
                && filter.quad.is_none_or(|q| e.quad == q)
                && filter.modality.is_none_or(|m| e.modality == m)
                && filter.from.is_none_or(|f| e.day.is_some_and(|d| d >= f))
                && filter.to.is_none_or(|t| e.day.is_some_and(|d| d <= t))
                && filter
                    .text
                    .as_ref()
                    .is_none_or(|w| texts[e.doc_id.0 as usize - 1].contains(w.as_str()))
        })
        .map(|e| (e.day, e.id.0))
        .collect();
    ids.sort();
    if filter.order == Order::NewestFirst {
        ids.reverse();
    }
    ids.into_iter().map(|(_, id)| id).collect()
}

#[test]
fn every_filter_lists_what_a_scan_of_all_events_finds() {
    let (dir, mut store) = temp_store();
    let countries = ["FRA", "MLI", "DZA", "NER"];
    let types = ["ASSAULT", "CONSULT", "AID", "ACCUSE"];
    // More documents share the common word than a narrow text query may match, so that both ways of
    // reading a text query are exercised; "rare" is in a few documents only.
    let n = 1_150;
    let mut texts = Vec::new();
    let mut batch = Vec::new();
    for i in 0..n {
        let rare = if i % 97 == 0 { " rare" } else { "" };
        // In more documents than a narrow query, but not all: a broad query that rejects some.
        let common = if i % 20 == 0 { "" } else { " common" };
        let text = format!("relations {i}{rare}{common}");
        let day = format!("2024-{:02}-{:02}", 1 + i % 12, 1 + i % 28);
        let mut events = Vec::new();
        for k in 0..1 + i % 3 {
            let actor = countries[(i + k) % 4];
            let recipient = countries[(i * 7 + k + 1) % 4];
            let mut r = record(types[(i + 2 * k) % 4], actor, recipient, &day);
            if (i + k) % 11 == 0 {
                // Two participants with one code, and a second actor.
                r.actor.push(participant(actor, Some("MIL")));
                r.actor.push(participant(countries[(i + 2) % 4], None));
            }
            if (i + k) % 13 == 0 {
                r.date = None;
                r.date_precision = None;
            }
            events.push(r);
        }
        let mut doc = document(&format!("https://f.example/{i}"), "F", &day, &text);
        if i % 50 == 0 {
            doc.published = None;
            doc.fetched_at = None;
        }
        texts.push(text);
        batch.push((doc, events));
    }
    let refs: Vec<(&NewDocument, &[vigie_core::coder::record::EventRecord])> =
        batch.iter().map(|(d, e)| (d, e.as_slice())).collect();
    store.put_documents(&refs).expect("put");
    // Re-coded documents leave nothing behind in the lookup tables.
    for i in [3i64, 40, 500] {
        store
            .replace_events(DocId(i + 1), &[record("AID", "NER", "DZA", "2023-05-05")])
            .expect("replace");
    }
    let all = {
        let mut all = Vec::new();
        let mut page = PageRequest {
            after: None,
            limit: 1000,
        };
        loop {
            let p = store.events(&EventFilter::default(), &page).expect("all");
            all.extend(p.items);
            match p.next {
                Some(next) => page.after = Some(next),
                None => break,
            }
        }
        all
    };
    assert!(all.iter().any(|e| e.day.is_none()));

    let code = |c: &str| Some(c.to_string());
    let mut filters = Vec::new();
    for actor in [None, code("FRA"), code("NER")] {
        for recipient in [None, code("MLI"), code("DZA")] {
            for (event, text) in [
                (None, None),
                (code("ASSAULT"), None),
                (None, code("rare")),
                (None, code("relations")),
                (None, code("common")),
            ] {
                filters.push(EventFilter {
                    actor: actor.clone(),
                    recipient: recipient.clone(),
                    event,
                    text,
                    ..EventFilter::default()
                });
            }
        }
    }
    for (actor, quad, modality) in [
        (code("FRA"), Some(4), None),
        (None, Some(1), Some(Modality::Asserted)),
        (code("DZA"), None, Some(Modality::Alleged)),
    ] {
        filters.push(EventFilter {
            actor,
            quad,
            modality,
            event: code("ASSAULT"),
            ..EventFilter::default()
        });
    }
    filters.push(EventFilter {
        actor: code("MLI"),
        from: Some(date("2024-03-01")),
        to: Some(date("2024-06-30")),
        ..EventFilter::default()
    });
    filters.push(EventFilter {
        recipient: code("FRA"),
        quad: Some(1),
        from: Some(date("2024-10-01")),
        ..EventFilter::default()
    });
    let mut found_some = 0;
    for filter in &filters {
        for order in [Order::OldestFirst, Order::NewestFirst] {
            let filter = EventFilter {
                order,
                ..filter.clone()
            };
            let expected = scan(&all, &texts, &filter);
            found_some += usize::from(!expected.is_empty());
            for limit in [7, 400] {
                assert_eq!(
                    listed(&store, &filter, limit),
                    expected,
                    "{filter:?} {limit}"
                );
            }
        }
    }
    assert!(found_some > filters.len(), "most filters select something");

    // A database from before the lookup tables gets them filled when it is opened.
    let path = dir.path().join("vigie.db");
    let weekly = RelationsQuery {
        dyad: Dyad {
            actor: "FRA".into(),
            recipient: "MLI".into(),
            directed: false,
        },
        period: Period::Week,
        from: None,
        to: None,
    };
    let before = store.relations(&weekly).expect("relations");
    assert!(before.points.iter().any(|p| p.clusters > 0));
    drop(store);
    let conn = rusqlite::Connection::open(&path).expect("plain sqlite");
    conn.execute_batch(
        "DROP TABLE event_codes; DROP TABLE event_pairs; DROP INDEX events_by_type_day;
         DROP INDEX events_by_mode; DROP INDEX dyad_months_by_pair; DROP TABLE dyad_weeks;
         ALTER TABLE cluster_dyads DROP COLUMN goldstein;
         ALTER TABLE cluster_dyads DROP COLUMN event; ALTER TABLE cluster_dyads DROP COLUMN quad;
         PRAGMA user_version = 1;",
    )
    .expect("downgrade");
    drop(conn);
    let store = SqliteStore::open(&path).expect("upgrade");
    assert_eq!(store.schema_version().expect("version"), 2);
    for filter in &filters[..12] {
        assert_eq!(
            listed(&store, filter, 50),
            scan(&all, &texts, filter),
            "{filter:?}"
        );
    }
}

//! Benchmark of the event store: fills a fresh database with generated events (1,000,000 by default,
//! over 200 pairs of actors and ten years) through `put_document`, then times the relations query for
//! the busiest pair and the dyads ranking. Run it with `scripts/bench/store.sh`.
//!
//! Usage: `relations_bench DB_PATH [EVENTS] [DOCUMENTS_PER_TRANSACTION]`; an existing file at DB_PATH is
//! reused without filling. One document per transaction (the default) is an ingest that commits every
//! document; more batches them with `put_documents`.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use jiff::civil::Date;
use jiff::SignedDuration;
use vigie_core::coder::record::{ActorRecord, EventRecord, EvidenceRecord, TextInfo};
use vigie_core::coder::Modality;
use vigie_core::codes::Code;
use vigie_core::dates::Precision;
use vigie_core::Lang;
use vigie_store::{Dyad, DyadsQuery, EventStore, NewDocument, Period, RelationsQuery, SqliteStore};

const EVENTS_PER_DOCUMENT: usize = 5;
const DYADS: usize = 200;
const YEARS: i64 = 10;

const COUNTRIES: [&str; 40] = [
    "FRA", "MLI", "NER", "BFA", "TCD", "RUS", "UKR", "USA", "CHN", "DEU", "GBR", "DZA", "MAR",
    "SEN", "CIV", "GIN", "TUR", "IRN", "ISR", "EGY", "LBY", "SDN", "ETH", "SOM", "KEN", "NGA",
    "CMR", "COD", "RWA", "BEL", "ITA", "ESP", "POL", "IND", "PAK", "SAU", "QAT", "SYR", "IRQ",
    "LBN",
];

/// Event types with their quad class, PLOVER intensity, CAMEO code and Goldstein score.
const EVENT_TYPES: [(&str, u8, f64, &str, f64); 8] = [
    ("CONSULT", 1, 2.5, "040", 1.0),
    ("AGREE", 1, 2.5, "030", 4.0),
    ("AID", 2, 6.0, "070", 7.0),
    ("COOPERATE", 2, 5.0, "060", 6.0),
    ("ACCUSE", 3, -3.0, "112", -2.0),
    ("THREATEN", 3, -4.0, "130", -4.4),
    ("COERCE", 4, -7.0, "170", -7.0),
    ("ASSAULT", 4, -9.0, "190", -10.0),
];

/// A small deterministic generator (SplitMix64), so that every run stores the same data.
struct Generator(u64);

impl Generator {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn participant(code: &str) -> ActorRecord {
    let code = Code::parse(code).expect("a country code");
    ActorRecord {
        code: Some(code),
        country: Some(code),
        sector: Code::parse("GOV"),
        name: code.to_string(),
        span: [0, 3],
        inferred: false,
    }
}

/// The 200 pairs, the first (FRA → MLI) the busiest: pair `k` is drawn with weight 1 / (k + 1).
fn dyads() -> Vec<(&'static str, &'static str)> {
    let mut pairs = vec![("FRA", "MLI"), ("MLI", "FRA")];
    let mut generator = Generator(7);
    while pairs.len() < DYADS {
        let a = COUNTRIES[generator.below(COUNTRIES.len())];
        let b = COUNTRIES[generator.below(COUNTRIES.len())];
        if a != b && !pairs.contains(&(a, b)) {
            pairs.push((a, b));
        }
    }
    pairs
}

fn add_days(date: Date, days: i64) -> Date {
    date.checked_add(SignedDuration::from_hours(24 * days))
        .expect("a date within range")
}

struct Story {
    dyad: usize,
    kind: usize,
    day: Date,
}

fn fill(store: &mut SqliteStore, events: usize, per_transaction: usize) -> Duration {
    let pairs = dyads();
    let weights: Vec<f64> = (0..pairs.len()).map(|k| 1.0 / (k as f64 + 1.0)).collect();
    let total: f64 = weights.iter().sum();
    let mut cumulative = Vec::with_capacity(weights.len());
    let mut sum = 0.0;
    for w in &weights {
        sum += w / total;
        cumulative.push(sum);
    }
    let start = Date::constant(2016, 1, 1);
    let days = YEARS * 365 + 2;
    let documents = events.div_ceil(EVENTS_PER_DOCUMENT);
    let mut generator = Generator(42);
    let mut recent: Vec<Story> = Vec::new();
    let started = Instant::now();
    let mut stored = 0;
    let mut batch: Vec<(NewDocument, Vec<EventRecord>)> = Vec::with_capacity(per_transaction);
    for n in 0..documents {
        let published = add_days(start, (n as i64 * days) / documents as i64);
        let mut records = Vec::with_capacity(EVENTS_PER_DOCUMENT);
        for _ in 0..EVENTS_PER_DOCUMENT.min(events - stored) {
            // A third of the reports repeat a story another outlet already told.
            let story = if !recent.is_empty() && generator.unit() < 0.33 {
                let s = &recent[generator.below(recent.len())];
                Story {
                    dyad: s.dyad,
                    kind: s.kind,
                    day: s.day,
                }
            } else {
                let u = generator.unit();
                let dyad = cumulative.partition_point(|&c| c < u).min(pairs.len() - 1);
                // Relations sour over the years: the conflict share grows from 30 % to 60 %.
                let conflict = 0.3 + 0.3 * (n as f64 / documents as f64);
                let kind = if generator.unit() < conflict {
                    4 + generator.below(4)
                } else {
                    generator.below(4)
                };
                let day = add_days(published, -(generator.below(3) as i64));
                Story { dyad, kind, day }
            };
            let (event, quad_code, event_scale, cameo, goldstein) = EVENT_TYPES[story.kind];
            let (actor, recipient) = pairs[story.dyad];
            let text = format!("{actor} {event} {recipient}.");
            records.push(EventRecord {
                id: format!("bench-{n}"),
                doc_id: None,
                date: Some(story.day.to_string()),
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
                cameo: cameo.to_string(),
                goldstein: Some(goldstein),
                modality: Modality::Asserted,
                event_loc: None,
                text_info: TextInfo {
                    sentence: [0, text.len() as u32],
                    trigger: [4, 4 + event.len() as u32],
                },
                evidence: vec![EvidenceRecord {
                    text: text.clone(),
                    sentence: [0, text.len() as u32],
                    trigger: [4, 4 + event.len() as u32],
                }],
                text,
                mentions: 1,
                rule: "bench".into(),
                promoted_from: None,
                lang: Lang::Fr,
            });
            recent.push(story);
            if recent.len() > 200 {
                recent.remove(0);
            }
        }
        stored += records.len();
        let doc = NewDocument {
            url: Some(format!("https://bench.example/{n}")),
            outlet: Some(format!("outlet {}", n % 20)),
            title: Some(format!("Article {n}")),
            language: Some("fr".into()),
            published: Some(published),
            text: format!(
                "Article {n} du {published}. {} Les relations entre les deux pays restent tendues.",
                records
                    .iter()
                    .map(|r| r.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            ),
            ..NewDocument::default()
        };
        batch.push((doc, records));
        if batch.len() == per_transaction || n + 1 == documents {
            let borrowed: Vec<(&NewDocument, &[EventRecord])> =
                batch.iter().map(|(d, r)| (d, r.as_slice())).collect();
            store.put_documents(&borrowed).expect("put");
            batch.clear();
        }
        if (n + 1) % 20_000 == 0 {
            eprintln!(
                "{stored} events in {:.1} s",
                started.elapsed().as_secs_f64()
            );
        }
    }
    started.elapsed()
}

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, Duration, Duration, T) {
    let mut times = Vec::with_capacity(runs);
    let mut last = None;
    for _ in 0..runs {
        let started = Instant::now();
        last = Some(f());
        times.push(started.elapsed());
    }
    times.sort();
    (
        times[0],
        times[runs / 2],
        times[runs - 1],
        last.expect("at least one run"),
    )
}

fn main() {
    let mut args = std::env::args().skip(1);
    let path = PathBuf::from(
        args.next()
            .unwrap_or_else(|| "target/bench/store.db".into()),
    );
    let events: usize = args
        .next()
        .map(|n| n.parse().expect("a number of events"))
        .unwrap_or(1_000_000);
    let per_transaction: usize = args
        .next()
        .map(|n| n.parse().expect("a number of documents"))
        .unwrap_or(1)
        .max(1);
    let fresh = !path.exists();
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).expect("bench directory");
    }
    let mut store = SqliteStore::open(&path).expect("open");
    if fresh {
        let elapsed = fill(&mut store, events, per_transaction);
        println!(
            "fill: {events} events in {} documents, {per_transaction} per transaction, {:.1} s ({:.0} events/s)",
            events.div_ceil(EVENTS_PER_DOCUMENT),
            elapsed.as_secs_f64(),
            events as f64 / elapsed.as_secs_f64()
        );
    } else {
        println!("fill: reusing {}", path.display());
    }
    drop(store);
    // Fold the write-ahead log into the file so that its size is the database's.
    let conn = rusqlite::Connection::open(&path).expect("open");
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
        .expect("checkpoint");
    let counts: (i64, i64, i64, i64) = conn
        .query_row(
            "SELECT (SELECT COUNT(*) FROM events), (SELECT COUNT(*) FROM clusters),
                    (SELECT COUNT(*) FROM documents), (SELECT COUNT(*) FROM dyad_days)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .expect("counts");
    drop(conn);
    let size = std::fs::metadata(&path).expect("size").len();
    println!(
        "database: {:.0} MiB; {} events, {} clusters, {} documents, {} dyad-day rows",
        size as f64 / (1024.0 * 1024.0),
        counts.0,
        counts.1,
        counts.2,
        counts.3
    );

    let opened = Instant::now();
    let store = SqliteStore::open(&path).expect("open");
    let dyad = Dyad {
        actor: "FRA".into(),
        recipient: "MLI".into(),
        directed: false,
    };
    let pair_events: u64 = store
        .dyad_days(&dyad, None, None)
        .expect("index")
        .iter()
        .map(|d| d.clusters)
        .sum();
    println!(
        "busiest pair FRA ↔ MLI: {pair_events} real-world events (open + first read {:.1} ms)",
        opened.elapsed().as_secs_f64() * 1000.0
    );
    for (period, directed) in [
        (Period::Day, false),
        (Period::Week, false),
        (Period::Month, false),
        (Period::Month, true),
    ] {
        let query = RelationsQuery {
            dyad: Dyad {
                directed,
                ..dyad.clone()
            },
            period,
            from: None,
            to: None,
        };
        let (min, median, max, relations) =
            time(20, || store.relations(&query).expect("relations"));
        println!(
            "relations FRA {} MLI by {:<5}: {} points, {} notable; min {:.1} ms, median {:.1} ms, max {:.1} ms",
            if directed { "→" } else { "↔" },
            period.name(),
            relations.points.len(),
            relations.notable.len(),
            min.as_secs_f64() * 1000.0,
            median.as_secs_f64() * 1000.0,
            max.as_secs_f64() * 1000.0
        );
    }
    let (min, median, max, ranking) =
        time(5, || store.dyads(&DyadsQuery::default()).expect("dyads"));
    println!(
        "dyads over ten years: {} active, {} changing; min {:.1} ms, median {:.1} ms, max {:.1} ms",
        ranking.most_active.len(),
        ranking.fastest_changing.len(),
        min.as_secs_f64() * 1000.0,
        median.as_secs_f64() * 1000.0,
        max.as_secs_f64() * 1000.0
    );
}

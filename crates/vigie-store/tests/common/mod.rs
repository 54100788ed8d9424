//! Building documents and event records for the store's tests, and comparing whole databases.

#![allow(dead_code)]

use std::path::Path;

use jiff::civil::Date;
use vigie_core::coder::record::{ActorRecord, EventRecord, EvidenceRecord, TextInfo};
use vigie_core::coder::Modality;
use vigie_core::codes::Code;
use vigie_core::dates::Precision;
use vigie_core::Lang;
use vigie_store::NewDocument;

pub fn date(text: &str) -> Date {
    text.parse().expect("a test date")
}

pub fn document(url: &str, outlet: &str, published: &str, text: &str) -> NewDocument {
    NewDocument {
        url: Some(url.to_string()),
        outlet: Some(outlet.to_string()),
        author: None,
        title: Some(format!("Title of {url}")),
        language: Some("fr".into()),
        published: Some(date(published)),
        fetched_at: Some(format!("{published}T12:00:00Z").parse().expect("timestamp")),
        text: text.to_string(),
    }
}

pub fn participant(code: &str, sector: Option<&str>) -> ActorRecord {
    let code = Code::parse(code).expect("a three-letter code");
    ActorRecord {
        code: Some(code),
        country: (!code.is_international()).then_some(code),
        sector: sector.and_then(Code::parse),
        name: code.to_string(),
        span: [0, 3],
        inferred: false,
    }
}

/// The quad class, PLOVER intensity, CAMEO code and Goldstein score of the event types tests use.
fn scale(event: &str) -> (u8, f64, &'static str, f64) {
    match event {
        "ASSAULT" => (4, -9.0, "190", -10.0),
        "COERCE" => (4, -7.0, "170", -7.0),
        "ACCUSE" => (3, -3.0, "112", -2.0),
        "CONSULT" => (1, 2.5, "040", 1.0),
        "AID" => (2, 6.0, "070", 7.0),
        "COOPERATE" => (2, 5.0, "060", 6.0),
        other => panic!("no test scale for {other}"),
    }
}

/// An asserted event at day precision with one actor and one recipient.
pub fn record(event: &'static str, actor: &str, recipient: &str, day: &str) -> EventRecord {
    let (quad_code, event_scale, cameo, goldstein) = scale(event);
    let text = format!("{actor} {event} {recipient} on {day}.");
    let precision = match day.len() {
        10 => Precision::Day,
        7 => Precision::Month,
        _ => Precision::Year,
    };
    EventRecord {
        id: "doc-1".into(),
        doc_id: None,
        date: Some(day.to_string()),
        date_precision: Some(precision),
        date_source: "text",
        end_date: None,
        actor: vec![participant(actor, Some("GOV"))],
        recipient: vec![participant(recipient, Some("GOV"))],
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
            sentence: [0, text.chars().count() as u32],
            trigger: [4, 4 + event.len() as u32],
        },
        evidence: vec![EvidenceRecord {
            text: text.clone(),
            sentence: [0, text.chars().count() as u32],
            trigger: [4, 4 + event.len() as u32],
        }],
        text,
        mentions: 1,
        rule: format!("test {event}"),
        promoted_from: None,
        lang: Lang::Fr,
    }
}

pub fn with_modality(mut r: EventRecord, modality: Modality) -> EventRecord {
    r.modality = modality;
    r
}

/// Every row of every table, sorted, as text: two databases with equal dumps hold the same data.
pub fn dump(path: &Path) -> Vec<(String, Vec<String>)> {
    let conn = rusqlite::Connection::open(path).expect("open for dump");
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .expect("tables")
        .query_map([], |r| r.get(0))
        .expect("tables")
        .collect::<Result<_, _>>()
        .expect("tables");
    tables
        .into_iter()
        .map(|table| {
            let mut stmt = conn
                .prepare(&format!("SELECT * FROM \"{table}\""))
                .expect("select");
            let columns = stmt.column_count();
            let mut rows: Vec<String> = stmt
                .query_map([], |r| {
                    let mut cells = Vec::with_capacity(columns);
                    for i in 0..columns {
                        let v: rusqlite::types::Value = r.get(i)?;
                        cells.push(format!("{v:?}"));
                    }
                    Ok(cells.join("|"))
                })
                .expect("rows")
                .collect::<Result<_, _>>()
                .expect("rows");
            rows.sort();
            (table, rows)
        })
        .collect()
}

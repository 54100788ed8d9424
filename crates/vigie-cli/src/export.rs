//! `vigie export`: streams the events of the store that pass the filters, as PLOVER JSON lines, as a
//! GDELT 2.0-style event table or as CSV.

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use anyhow::Result;
use clap::ValueEnum;
use serde_json::Value;
use vigie_core::coder::Modality;
use vigie_store::{EventFilter, EventStore, PageRequest, StoredEvent};

use crate::database::{parse_code, DatabaseArgs};
use crate::input::parse_date;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One PLOVER JSON record per line, as coded, with the store's ids, the cluster and the source.
    PloverJsonl,
    /// GDELT 2.0's event table columns, tab-separated, after a header line of their names.
    GdeltTsv,
    /// One event per line with the store's columns, after a header line.
    Csv,
}

#[derive(clap::Args)]
pub struct Args {
    /// The output format.
    #[arg(long, value_enum, default_value_t = Format::PloverJsonl)]
    pub format: Format,
    /// Only events with this code among the actors.
    #[arg(long, value_parser = parse_code)]
    pub actor: Option<String>,
    /// Only events with this code among the recipients.
    #[arg(long, value_parser = parse_code)]
    pub recipient: Option<String>,
    /// Only events of this PLOVER type (ASSAULT, CONSULT…).
    #[arg(long = "type")]
    pub event_type: Option<String>,
    /// Only events of this modality (asserted, reported, alleged, planned, threatened, hypothetical,
    /// negated).
    #[arg(long, value_parser = parse_modality)]
    pub modality: Option<Modality>,
    /// Only events on or after this day (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    pub from: Option<jiff::civil::Date>,
    /// Only events on or before this day (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    pub to: Option<jiff::civil::Date>,
    /// Only events of documents that contain all these words.
    #[arg(long)]
    pub text: Option<String>,
    #[command(flatten)]
    pub database: DatabaseArgs,
}

fn parse_modality(s: &str) -> Result<Modality, String> {
    vigie_store::clustering::parse_modality(s.trim()).ok_or_else(|| {
        format!("{s:?} is not a modality (asserted, reported, alleged, planned, threatened, hypothetical, negated)")
    })
}

pub fn run(args: Args) -> Result<ExitCode> {
    let store = args.database.open_existing()?;
    let filter = EventFilter {
        actor: args.actor,
        recipient: args.recipient,
        event: args.event_type,
        modality: args.modality,
        from: args.from,
        to: args.to,
        text: args.text,
        ..EventFilter::default()
    };
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    match args.format {
        Format::PloverJsonl => {}
        Format::GdeltTsv => writeln!(out, "{}", GDELT_COLUMNS.join("\t"))?,
        Format::Csv => writeln!(out, "{}", CSV_COLUMNS.join(","))?,
    }
    let mut page = PageRequest {
        after: None,
        limit: 1000,
    };
    loop {
        let events = store.events(&filter, &page)?;
        for e in &events.items {
            match args.format {
                Format::PloverJsonl => {
                    // Serialised first, so that a closed pipe is an io::Error the caller recognises.
                    let line = serde_json::to_string(&plover_record(e))?;
                    writeln!(out, "{line}")?;
                }
                Format::GdeltTsv => {
                    let row: Vec<String> = GDELT_COLUMNS
                        .iter()
                        .map(|column| tsv_field(&gdelt_value(column, e)))
                        .collect();
                    writeln!(out, "{}", row.join("\t"))?;
                }
                Format::Csv => {
                    let row: Vec<String> = CSV_COLUMNS
                        .iter()
                        .map(|column| csv_field(&csv_value(column, e)))
                        .collect();
                    writeln!(out, "{}", row.join(","))?;
                }
            }
        }
        match events.next {
            Some(next) => page.after = Some(next),
            None => break,
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// The record as coded, with the store's event and document ids in `id` and `doc_id`, and the cluster
/// and source added.
fn plover_record(e: &StoredEvent) -> Value {
    let mut record = e.record.clone();
    if let Value::Object(fields) = &mut record {
        fields.insert("id".into(), Value::String(e.id.to_string()));
        fields.insert("doc_id".into(), Value::String(e.doc_id.to_string()));
        fields.insert(
            "cluster_id".into(),
            e.cluster_id
                .map_or(Value::Null, |c| Value::String(c.to_string())),
        );
        fields.insert(
            "url".into(),
            e.source.url.clone().map_or(Value::Null, Value::String),
        );
        fields.insert(
            "outlet".into(),
            e.source.outlet.clone().map_or(Value::Null, Value::String),
        );
    }
    record
}

/// GDELT 2.0's event table, column for column (the "GDELT 2.0 Event Database" codebook), 61 columns.
/// vigie fills the columns it has and leaves the others empty:
/// - GlobalEventID is the stored event's id, one row per stored report; NumMentions, NumSources and
///   NumArticles are those of the report's cluster (the real-world event).
/// - Day, MonthYear, Year and FractionDate are the event's day (the first day of a week, month or year
///   when the text is that vague); FractionDate is GDELT's (MONTH × 30 + DAY) / 365.
/// - Actor1/Actor2 are the first actor and recipient: Code is CAMEO-style code + sector ("FRAGOV"),
///   CountryCode the ISO 3166-1 alpha-3 country, Type1Code the sector, or the international code
///   (IGO, NGO, IMG, MNC) with the sector as Type2Code.
/// - EventCode is the CAMEO code, EventBaseCode its first three digits, EventRootCode its first two.
/// - ActionGeo carries the event's place: FullName, CountryCode (ISO alpha-3, where GDELT uses FIPS
///   10-4), Lat and Long.
/// - DATEADDED is the time the document was fetched (UTC, YYYYMMDDHHMMSS), else its publication day.
/// - Empty: the known-group, ethnic and religion codes, IsRootEvent, AvgTone, the actors' own
///   geography, and every ADM and feature code.
pub const GDELT_COLUMNS: [&str; 61] = [
    "GlobalEventID",
    "Day",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
];

fn first<'a>(record: &'a Value, side: &str) -> Option<&'a Value> {
    record.get(side)?.as_array()?.first()
}

fn text_field(value: Option<&Value>, key: &str) -> String {
    match value.and_then(|v| v.get(key)) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

fn is_international(code: &str) -> bool {
    matches!(code, "IGO" | "NGO" | "IMG" | "MNC" | "ISM" | "UNO" | "EUR")
}

/// The GDELT actor columns of one side: Code, Name, CountryCode, Type1Code, Type2Code.
fn gdelt_actor(participant: Option<&Value>) -> [String; 5] {
    let code = text_field(participant, "code");
    let sector = text_field(participant, "sector");
    let (type1, type2) = if is_international(&code) {
        (code.clone(), sector.clone())
    } else {
        (sector.clone(), String::new())
    };
    [
        format!("{code}{sector}"),
        text_field(participant, "name"),
        text_field(participant, "country"),
        type1,
        type2,
    ]
}

fn gdelt_value(column: &str, e: &StoredEvent) -> String {
    let day = e.day;
    let actor = |i: usize| gdelt_actor(first(&e.record, "actor"))[i].clone();
    let recipient = |i: usize| gdelt_actor(first(&e.record, "recipient"))[i].clone();
    let place = e.record.get("event_loc");
    let cluster = e.cluster;
    match column {
        "GlobalEventID" => e.id.to_string(),
        "Day" => day
            .map(|d| d.strftime("%Y%m%d").to_string())
            .unwrap_or_default(),
        "MonthYear" => day
            .map(|d| d.strftime("%Y%m").to_string())
            .unwrap_or_default(),
        "Year" => day.map(|d| d.year().to_string()).unwrap_or_default(),
        "FractionDate" => day
            .map(|d| {
                let fraction = (f64::from(d.month()) * 30.0 + f64::from(d.day())) / 365.0;
                format!("{:.4}", f64::from(d.year()) + fraction)
            })
            .unwrap_or_default(),
        "Actor1Code" => actor(0),
        "Actor1Name" => actor(1),
        "Actor1CountryCode" => actor(2),
        "Actor1Type1Code" => actor(3),
        "Actor1Type2Code" => actor(4),
        "Actor2Code" => recipient(0),
        "Actor2Name" => recipient(1),
        "Actor2CountryCode" => recipient(2),
        "Actor2Type1Code" => recipient(3),
        "Actor2Type2Code" => recipient(4),
        "EventCode" => e.cameo.clone(),
        "EventBaseCode" => e.cameo.chars().take(3).collect(),
        "EventRootCode" => e.cameo.chars().take(2).collect(),
        "QuadClass" => e.quad.to_string(),
        "GoldsteinScale" => e.goldstein.map(|g| format!("{g:.1}")).unwrap_or_default(),
        "NumMentions" => cluster.map(|c| c.mentions.to_string()).unwrap_or_default(),
        "NumSources" => cluster.map(|c| c.sources.to_string()).unwrap_or_default(),
        "NumArticles" => cluster.map(|c| c.articles.to_string()).unwrap_or_default(),
        "ActionGeo_FullName" => text_field(place, "name"),
        "ActionGeo_CountryCode" => text_field(place, "country"),
        "ActionGeo_Lat" => text_field(place, "lat"),
        "ActionGeo_Long" => text_field(place, "lon"),
        "DATEADDED" => match (e.source.fetched_at, e.source.published) {
            (Some(t), _) => t.strftime("%Y%m%d%H%M%S").to_string(),
            (None, Some(d)) => d.strftime("%Y%m%d000000").to_string(),
            (None, None) => String::new(),
        },
        "SOURCEURL" => e.source.url.clone().unwrap_or_default(),
        _ => String::new(),
    }
}

/// The CSV export's columns.
pub const CSV_COLUMNS: [&str; 31] = [
    "event_id",
    "cluster_id",
    "doc_id",
    "date",
    "date_precision",
    "day",
    "event",
    "mode",
    "cameo",
    "quad_class",
    "goldstein",
    "event_scale",
    "modality",
    "actor_code",
    "actor_sector",
    "actor_name",
    "recipient_code",
    "recipient_sector",
    "recipient_name",
    "mentions",
    "cluster_mentions",
    "cluster_articles",
    "cluster_sources",
    "place",
    "lat",
    "lon",
    "url",
    "outlet",
    "published",
    "rule",
    "text",
];

fn csv_value(column: &str, e: &StoredEvent) -> String {
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    let place = e.record.get("event_loc");
    match column {
        "event_id" => e.id.to_string(),
        "cluster_id" => e.cluster_id.map(|c| c.to_string()).unwrap_or_default(),
        "doc_id" => e.doc_id.to_string(),
        "date" => opt(&e.date),
        "date_precision" => text_field(Some(&e.record), "date_precision"),
        "day" => e.day.map(|d| d.to_string()).unwrap_or_default(),
        "event" => e.event.clone(),
        "mode" => opt(&e.mode),
        "cameo" => e.cameo.clone(),
        "quad_class" => e.quad.to_string(),
        "goldstein" => e.goldstein.map(|g| g.to_string()).unwrap_or_default(),
        "event_scale" => e.event_scale.to_string(),
        "modality" => e.modality.as_str().to_string(),
        "actor_code" => opt(&e.actor_code),
        "actor_sector" => opt(&e.actor_sector),
        "actor_name" => text_field(first(&e.record, "actor"), "name"),
        "recipient_code" => opt(&e.recipient_code),
        "recipient_sector" => opt(&e.recipient_sector),
        "recipient_name" => text_field(first(&e.record, "recipient"), "name"),
        "mentions" => e.mentions.to_string(),
        "cluster_mentions" => e
            .cluster
            .map(|c| c.mentions.to_string())
            .unwrap_or_default(),
        "cluster_articles" => e
            .cluster
            .map(|c| c.articles.to_string())
            .unwrap_or_default(),
        "cluster_sources" => e.cluster.map(|c| c.sources.to_string()).unwrap_or_default(),
        "place" => text_field(place, "name"),
        "lat" => text_field(place, "lat"),
        "lon" => text_field(place, "lon"),
        "url" => opt(&e.source.url),
        "outlet" => opt(&e.source.outlet),
        "published" => e
            .source
            .published
            .map(|d| d.to_string())
            .unwrap_or_default(),
        "rule" => text_field(Some(&e.record), "rule"),
        "text" => text_field(Some(&e.record), "text"),
        _ => String::new(),
    }
}

/// A field of a tab-separated line: tabs and line breaks become spaces.
fn tsv_field(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

/// A CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break.
pub fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_when_needed() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(tsv_field("a\tb\nc"), "a b c");
    }

    #[test]
    fn gdelt_columns_are_distinct() {
        let mut names = GDELT_COLUMNS.to_vec();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), 61);
        assert_eq!(GDELT_COLUMNS[26], "EventCode");
        assert_eq!(GDELT_COLUMNS[60], "SOURCEURL");
    }
}

//! Serialisable views of an analysis, for the CLI's JSON and table output and for tests.

use serde::Serialize;

use crate::codes::Code;
use crate::dates::{DateRole, Precision};
use crate::language::Lang;
use crate::pipeline::{Analysis, Diagnostic, LangSource};
use crate::recognize::{ActorKind, PlaceRef};

#[derive(Serialize)]
pub struct AnalysisReport<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub doc_id: Option<&'a str>,
    pub lang: Option<Lang>,
    pub lang_source: LangSource,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang_confidence: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    pub sentences: Vec<SentenceReport<'a>>,
    pub diagnostics: &'a [Diagnostic],
}

#[derive(Serialize)]
pub struct SentenceReport<'a> {
    pub index: usize,
    /// Character offsets `[start, end)` in the original text.
    pub span: [u32; 2],
    pub text: &'a str,
    pub actors: Vec<ActorReport<'a>>,
    pub places: Vec<PlaceReport<'a>>,
    pub dates: Vec<DateReport<'a>>,
}

#[derive(Serialize)]
pub struct ActorReport<'a> {
    pub code: Option<Code>,
    pub country: Option<Code>,
    pub sector: Option<Code>,
    pub kind: ActorKind,
    /// The surface text of the whole mention.
    pub name: &'a str,
    pub span: [u32; 2],
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub country_inferred: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organisation: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub person: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<&'a str>,
}

#[derive(Serialize)]
pub struct PlaceReport<'a> {
    pub name: &'a str,
    pub span: [u32; 2],
    /// `city`, `region` or `country`.
    pub kind: &'static str,
    /// The gazetteer's name for the place.
    pub place: &'a str,
    pub country: Option<Code>,
    pub lat: f64,
    pub lon: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub geonameid: Option<u32>,
    pub locative: bool,
}

#[derive(Serialize)]
pub struct DateReport<'a> {
    pub text: &'a str,
    pub span: [u32; 2],
    pub value: Option<String>,
    pub precision: Option<Precision>,
    pub role: DateRole,
    pub relative: bool,
}

/// Builds the report of an analysis.
pub fn report<'a>(analysis: &'a Analysis<'a>, doc_id: Option<&'a str>) -> AnalysisReport<'a> {
    let kb = analysis.kb;
    let sentences = analysis
        .sentences
        .iter()
        .zip(&analysis.entities)
        .enumerate()
        .map(|(index, (s, e))| SentenceReport {
            index,
            span: [s.chars.start, s.chars.end],
            text: &analysis.text[s.span.range()],
            actors: e
                .actors
                .iter()
                .filter(|a| !a.locative)
                .map(|a| {
                    let person = a.person.map(|p| &kb.people[p as usize]);
                    ActorReport {
                        code: a.code,
                        country: a.country,
                        sector: a.sector,
                        kind: a.kind,
                        name: analysis.surface(a.tokens.clone()),
                        span: analysis.char_span(a.tokens.clone()),
                        country_inferred: a.country_inferred,
                        organisation: a
                            .organisation
                            .map(|o| kb.organisations[o as usize].id.as_str()),
                        person: person.map(|p| p.name.as_str()),
                        role: person
                            .and_then(|p| p.at(analysis.publication).role)
                            .filter(|r| !r.is_empty()),
                    }
                })
                .collect(),
            places: e
                .places
                .iter()
                .map(|p| {
                    let (kind, place, country, lat, lon, geonameid) = match p.place {
                        PlaceRef::City(c) => {
                            let c = &kb.cities[c as usize];
                            (
                                "city",
                                c.name.as_str(),
                                Some(c.country),
                                c.lat as f64,
                                c.lon as f64,
                                Some(c.geonameid),
                            )
                        }
                        PlaceRef::Region(r) => {
                            let r = &kb.regions[r as usize];
                            (
                                "region",
                                r.name.as_str(),
                                r.country,
                                r.lat as f64,
                                r.lon as f64,
                                None,
                            )
                        }
                        PlaceRef::Country(code) => {
                            let info = kb.country(code);
                            let name = info.map(|i| match analysis.lang {
                                Some(Lang::Fr) => i.name_fr.as_str(),
                                _ => i.name_en.as_str(),
                            });
                            (
                                "country",
                                name.unwrap_or(""),
                                Some(code),
                                info.map_or(0.0, |i| i.lat),
                                info.map_or(0.0, |i| i.lon),
                                None,
                            )
                        }
                    };
                    PlaceReport {
                        name: analysis.surface(p.tokens.clone()),
                        span: analysis.char_span(p.tokens.clone()),
                        kind,
                        place,
                        country,
                        lat,
                        lon,
                        geonameid,
                        locative: p.locative,
                    }
                })
                .collect(),
            dates: e
                .dates
                .iter()
                .map(|d| DateReport {
                    text: analysis.surface(d.tokens.clone()),
                    span: analysis.char_span(d.tokens.clone()),
                    value: d.value.map(|v| v.iso()),
                    precision: d.value.map(|v| v.precision),
                    role: d.role,
                    relative: d.relative,
                })
                .collect(),
        })
        .collect();
    AnalysisReport {
        doc_id,
        lang: analysis.lang,
        lang_source: analysis.lang_source,
        lang_confidence: analysis.lang_confidence,
        date: analysis.publication.map(|d| d.to_string()),
        sentences,
        diagnostics: &analysis.diagnostics,
    }
}

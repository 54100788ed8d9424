//! The knowledge base: countries, organisations, people, sector nouns and places, loaded from the embedded
//! data files and compiled once into the gazetteer automaton.

pub mod gazetteer;
pub mod tsv;

use std::collections::HashMap;

use jiff::civil::Date;

use crate::codes::{parse_sector, Code};
use crate::language::Lang;
pub use gazetteer::{CaseRule, Entry, EntryKind, Gazetteer, GazetteerBuilder};
pub use tsv::DataError;
use tsv::{records, Record};

/// The embedded data files, by path under `data/`.
pub mod files {
    macro_rules! data {
        ($path:literal) => {
            ($path, include_str!(concat!("../../../../data/", $path)))
        };
    }
    pub const COUNTRIES: (&str, &str) = data!("actors/countries.tsv");
    pub const SEATS: (&str, &str) = data!("actors/seats.tsv");
    pub const PEOPLES: (&str, &str) = data!("actors/peoples.tsv");
    pub const COUNTRY_INFO: (&str, &str) = data!("actors/country_info.tsv");
    pub const ORGANISATIONS: (&str, &str) = data!("actors/organisations.tsv");
    pub const SECTORS: (&str, &str) = data!("actors/sectors.tsv");
    pub const PEOPLE: (&str, &str) = data!("actors/people.tsv");
    pub const CITIES: (&str, &str) = data!("places/cities.tsv");
    pub const REGIONS: (&str, &str) = data!("places/regions.tsv");
    pub const COMMON_WORDS: (&str, &str) = data!("places/common_words.tsv");
}

#[derive(Clone, Debug)]
pub struct CountryInfo {
    pub code: Code,
    pub name_en: String,
    pub name_fr: String,
    pub lat: f64,
    pub lon: f64,
}

#[derive(Clone, Debug)]
pub struct Organisation {
    pub id: String,
    pub code: Code,
    pub country: Option<Code>,
    pub sector: Option<Code>,
    pub name: String,
}

/// One office a person held, with its tenure.
#[derive(Clone, Debug)]
pub struct Office {
    /// A country code, or `IGO`/`IMG` for international organisations.
    pub code: Code,
    pub sector: Option<Code>,
    pub role: String,
    pub start: Date,
    pub end: Option<Date>,
}

#[derive(Clone, Debug)]
pub struct Person {
    pub name: String,
    pub wikidata: Option<String>,
    pub offices: Vec<Office>,
}

/// What a person was at a given date.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PersonAt<'a> {
    pub code: Code,
    pub sector: Option<Code>,
    pub role: Option<&'a str>,
    /// The date fell within one of the person's tenures.
    pub in_office: bool,
}

impl Person {
    /// How many days separate `date` from the nearest of the person's tenures; 0 within one.
    pub fn days_from_office(&self, date: Date) -> i64 {
        self.offices
            .iter()
            .map(|o| {
                if date < o.start {
                    (o.start - date).get_days() as i64
                } else {
                    match o.end {
                        Some(end) if date > end => (date - end).get_days() as i64,
                        _ => 0,
                    }
                }
            })
            .min()
            .unwrap_or(i64::MAX)
    }

    /// Resolves the person at `date`: the office held then; after their last office the former official
    /// keeps the country with sector ELI; before the first, the country of the first office.
    pub fn at(&self, date: Option<Date>) -> PersonAt<'_> {
        let first = &self.offices[0];
        let Some(date) = date else {
            let current = self
                .offices
                .iter()
                .find(|o| o.end.is_none())
                .unwrap_or(first);
            return PersonAt {
                code: current.code,
                sector: current.sector,
                role: Some(&current.role),
                in_office: current.end.is_none(),
            };
        };
        if let Some(o) = self
            .offices
            .iter()
            .find(|o| o.start <= date && o.end.is_none_or(|e| date <= e))
        {
            return PersonAt {
                code: o.code,
                sector: o.sector,
                role: Some(&o.role),
                in_office: true,
            };
        }
        let last_before = self
            .offices
            .iter()
            .filter(|o| o.end.is_some_and(|e| e < date))
            .max_by_key(|o| o.end);
        match last_before {
            Some(o) => PersonAt {
                code: o.code,
                sector: Some(crate::codes::ELI),
                role: None,
                in_office: false,
            },
            None => PersonAt {
                code: first.code,
                sector: None,
                role: None,
                in_office: false,
            },
        }
    }

    /// True when the person held an office at `date`.
    pub fn in_office(&self, date: Date) -> bool {
        self.offices
            .iter()
            .any(|o| o.start <= date && o.end.is_none_or(|e| date <= e))
    }
}

#[derive(Clone, Debug)]
pub struct City {
    pub geonameid: u32,
    pub name: String,
    pub country: Code,
    pub lat: f32,
    pub lon: f32,
    pub population: u32,
    pub capital: bool,
}

#[derive(Clone, Debug)]
pub struct Region {
    pub id: String,
    pub kind: String,
    pub country: Option<Code>,
    pub lat: f32,
    pub lon: f32,
    pub name: String,
}

/// Everything vigie knows, compiled for matching.
pub struct KnowledgeBase {
    pub countries: HashMap<Code, CountryInfo>,
    pub organisations: Vec<Organisation>,
    pub people: Vec<Person>,
    pub cities: Vec<City>,
    pub regions: Vec<Region>,
    pub gazetteer: Gazetteer,
    common_words: HashMap<Lang, std::collections::HashSet<String>>,
}

impl KnowledgeBase {
    /// Loads and compiles the data embedded in the binary.
    pub fn embedded() -> Result<KnowledgeBase, DataError> {
        let mut builder = GazetteerBuilder::default();
        let countries = load_country_info(&mut builder)?;
        load_country_forms(files::COUNTRIES, &mut builder, &countries)?;
        load_country_forms(files::SEATS, &mut builder, &countries)?;
        load_country_forms(files::PEOPLES, &mut builder, &countries)?;
        let organisations = load_organisations(&mut builder)?;
        load_sectors(&mut builder)?;
        let people = load_people(&mut builder)?;
        let cities = load_cities(&mut builder)?;
        let regions = load_regions(&mut builder)?;
        let mut common_words: HashMap<Lang, std::collections::HashSet<String>> = HashMap::new();
        let (file, content) = files::COMMON_WORDS;
        for r in records(file, content) {
            let lang = parse_lang(&r, 0)?.ok_or_else(|| r.error("common words need a language"))?;
            common_words
                .entry(lang)
                .or_default()
                .insert(crate::text::normalize::fold_str(r.get(1)?));
        }
        Ok(KnowledgeBase {
            countries,
            organisations,
            people,
            cities,
            regions,
            gazetteer: builder.build(),
            common_words,
        })
    }

    /// True when `folded` is a common word of `lang` that must not be read as a place at a sentence start.
    pub fn is_common_word(&self, lang: Lang, folded: &str) -> bool {
        self.common_words
            .get(&lang)
            .is_some_and(|w| w.contains(folded))
    }

    pub fn country(&self, code: Code) -> Option<&CountryInfo> {
        self.countries.get(&code)
    }
}

fn parse_lang(r: &Record<'_>, i: usize) -> Result<Option<Lang>, DataError> {
    match r.get(i)? {
        "*" => Ok(None),
        l => l
            .parse::<Lang>()
            .map(Some)
            .map_err(|e| r.error(e.to_string())),
    }
}

fn parse_code(r: &Record<'_>, i: usize) -> Result<Code, DataError> {
    let v = r.get(i)?;
    Code::parse(v).ok_or_else(|| r.error(format!("{v:?} is not a three-letter code")))
}

fn parse_opt_code(r: &Record<'_>, i: usize) -> Result<Option<Code>, DataError> {
    r.opt(i)
        .map(|v| Code::parse(v).ok_or_else(|| r.error(format!("{v:?} is not a three-letter code"))))
        .transpose()
}

fn parse_opt_sector(r: &Record<'_>, i: usize) -> Result<Option<Code>, DataError> {
    r.opt(i)
        .map(|v| parse_sector(v).ok_or_else(|| r.error(format!("{v:?} is not a PLOVER sector"))))
        .transpose()
}

fn parse_f64(r: &Record<'_>, i: usize) -> Result<f64, DataError> {
    let v = r.get(i)?;
    v.parse()
        .map_err(|_| r.error(format!("{v:?} is not a number")))
}

/// Parses `YYYY-MM-DD`, `YYYY-MM` or `YYYY`; partial dates take their first (or, for ends, last) day.
fn parse_partial_date(r: &Record<'_>, v: &str, end: bool) -> Result<Date, DataError> {
    let bad = || r.error(format!("{v:?} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)"));
    let parts: Vec<&str> = v.split('-').collect();
    let num = |s: &str| s.parse::<i16>().map_err(|_| bad());
    let date = match parts.as_slice() {
        [y, m, d] => Date::new(num(y)?, num(m)? as i8, num(d)? as i8).map_err(|_| bad())?,
        [y, m] => {
            let first = Date::new(num(y)?, num(m)? as i8, 1).map_err(|_| bad())?;
            if end {
                first.last_of_month()
            } else {
                first
            }
        }
        [y] => Date::new(num(y)?, if end { 12 } else { 1 }, if end { 31 } else { 1 })
            .map_err(|_| bad())?,
        _ => return Err(bad()),
    };
    Ok(date)
}

fn load_country_info(
    _builder: &mut GazetteerBuilder,
) -> Result<HashMap<Code, CountryInfo>, DataError> {
    let (file, content) = files::COUNTRY_INFO;
    let mut out = HashMap::new();
    for r in records(file, content) {
        let code = parse_code(&r, 0)?;
        out.insert(
            code,
            CountryInfo {
                code,
                name_en: r.get(2)?.to_string(),
                name_fr: r.get(3)?.to_string(),
                lat: parse_f64(&r, 4)?,
                lon: parse_f64(&r, 5)?,
            },
        );
    }
    Ok(out)
}

fn load_country_forms(
    (file, content): (&'static str, &'static str),
    builder: &mut GazetteerBuilder,
    countries: &HashMap<Code, CountryInfo>,
) -> Result<(), DataError> {
    for r in records(file, content) {
        let code = parse_code(&r, 0)?;
        if !countries.contains_key(&code) {
            return Err(r.error(format!("{code} is not in country_info.tsv")));
        }
        let kind = match r.get(1)? {
            "name" => EntryKind::CountryName(code),
            "demonym" => EntryKind::Demonym(code),
            "capital" => EntryKind::Capital(code),
            "seat" => EntryKind::Seat(code),
            other => return Err(r.error(format!("unknown kind {other:?}"))),
        };
        let lang = parse_lang(&r, 2)?;
        for form in r.list(3) {
            builder.add(form, kind, lang);
        }
    }
    Ok(())
}

fn load_organisations(builder: &mut GazetteerBuilder) -> Result<Vec<Organisation>, DataError> {
    let (file, content) = files::ORGANISATIONS;
    let mut out: Vec<Organisation> = Vec::new();
    let mut index: HashMap<String, u32> = HashMap::new();
    for r in records(file, content) {
        let id = r.get(0)?;
        let idx = match index.get(id) {
            Some(&i) => i,
            None => {
                let i = out.len() as u32;
                out.push(Organisation {
                    id: id.to_string(),
                    code: parse_code(&r, 1)?,
                    country: parse_opt_code(&r, 2)?,
                    sector: parse_opt_sector(&r, 3)?,
                    name: r.list(5).next().unwrap_or(id).to_string(),
                });
                index.insert(id.to_string(), i);
                i
            }
        };
        let lang = parse_lang(&r, 4)?;
        for form in r.list(5) {
            builder.add(form, EntryKind::Organisation(idx), lang);
        }
    }
    Ok(out)
}

fn load_sectors(builder: &mut GazetteerBuilder) -> Result<(), DataError> {
    let (file, content) = files::SECTORS;
    for r in records(file, content) {
        let lang = parse_lang(&r, 0)?;
        let sector = parse_opt_sector(&r, 1)?.ok_or_else(|| r.error("a sector is required"))?;
        for form in r.list(2) {
            builder.add(form, EntryKind::Sector(sector), lang);
        }
    }
    Ok(())
}

fn load_people(builder: &mut GazetteerBuilder) -> Result<Vec<Person>, DataError> {
    let (file, content) = files::PEOPLE;
    let mut out: Vec<Person> = Vec::new();
    let mut index: HashMap<String, u32> = HashMap::new();
    for r in records(file, content) {
        let name = r.get(0)?;
        let start = match r.opt(4) {
            Some(v) => parse_partial_date(&r, v, false)?,
            None => Date::MIN,
        };
        let end = r
            .opt(5)
            .map(|v| parse_partial_date(&r, v, true))
            .transpose()?;
        let office = Office {
            code: parse_code(&r, 1)?,
            sector: parse_opt_sector(&r, 2)?,
            role: r.opt(3).unwrap_or("").to_string(),
            start,
            end,
        };
        let idx = *index.entry(name.to_string()).or_insert_with(|| {
            out.push(Person {
                name: name.to_string(),
                wikidata: r.opt(7).map(str::to_string),
                offices: Vec::new(),
            });
            (out.len() - 1) as u32
        });
        out[idx as usize].offices.push(office);
        builder.add(name, EntryKind::Person(idx), None);
        for alias in r.list(6) {
            builder.add(alias, EntryKind::Person(idx), None);
        }
    }
    for p in &mut out {
        p.offices.sort_by_key(|o| o.start);
    }
    Ok(out)
}

fn load_cities(builder: &mut GazetteerBuilder) -> Result<Vec<City>, DataError> {
    let (file, content) = files::CITIES;
    let mut out = Vec::new();
    for r in records(file, content) {
        let idx = out.len() as u32;
        let city = City {
            geonameid: r.get(0)?.parse().map_err(|_| r.error("bad geonameid"))?,
            name: r.get(1)?.to_string(),
            country: parse_code(&r, 2)?,
            lat: parse_f64(&r, 3)? as f32,
            lon: parse_f64(&r, 4)? as f32,
            population: r.get(5)?.parse().map_err(|_| r.error("bad population"))?,
            capital: r.opt(6) == Some("PPLC"),
        };
        builder.add(&city.name, EntryKind::City(idx), None);
        for alt in r.list(7) {
            builder.add(alt, EntryKind::City(idx), None);
        }
        out.push(city);
    }
    Ok(out)
}

fn load_regions(builder: &mut GazetteerBuilder) -> Result<Vec<Region>, DataError> {
    let (file, content) = files::REGIONS;
    let mut out: Vec<Region> = Vec::new();
    let mut index: HashMap<String, u32> = HashMap::new();
    for r in records(file, content) {
        let id = r.get(0)?;
        let idx = match index.get(id) {
            Some(&i) => i,
            None => {
                out.push(Region {
                    id: id.to_string(),
                    kind: r.get(1)?.to_string(),
                    country: parse_opt_code(&r, 2)?,
                    lat: parse_f64(&r, 3)? as f32,
                    lon: parse_f64(&r, 4)? as f32,
                    name: r.list(6).next().unwrap_or(id).to_string(),
                });
                let i = (out.len() - 1) as u32;
                index.insert(id.to_string(), i);
                i
            }
        };
        let lang = parse_lang(&r, 5)?;
        for form in r.list(6) {
            builder.add(form, EntryKind::Region(idx), lang);
        }
    }
    Ok(out)
}

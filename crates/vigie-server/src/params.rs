//! Query-string parameters: parsing, validation with messages that name the parameter, and refusal of
//! parameters a route does not know (a misspelt filter would otherwise silently match everything).

use jiff::civil::Date;
use vigie_core::coder::Modality;
use vigie_store::MAX_PAGE;

use crate::error::ApiError;

/// Every modality, in the order vigie ranks them (the store's ranking).
pub use vigie_store::clustering::MODALITY_ORDER as MODALITIES;

/// The parameters of one request, consumed one by one by the handler.
pub struct Params {
    pairs: Vec<(String, String, bool)>,
}

impl Params {
    pub fn parse(query: Option<&str>) -> Params {
        let pairs = form_urlencoded::parse(query.unwrap_or("").as_bytes())
            .map(|(k, v)| (k.into_owned(), v.into_owned(), false))
            .collect();
        Params { pairs }
    }

    /// The value of `name`, trimmed; an empty value is absent, as HTML forms send empty fields.
    pub fn string(&mut self, name: &str) -> Result<Option<String>, ApiError> {
        let mut found: Option<String> = None;
        for (key, value, used) in &mut self.pairs {
            if key != name {
                continue;
            }
            *used = true;
            let value = value.trim();
            if value.is_empty() {
                continue;
            }
            if found.is_some() {
                return Err(ApiError::bad_parameter(name, "given more than once"));
            }
            found = Some(value.to_string());
        }
        Ok(found)
    }

    /// An actor code: three letters (ISO 3166-1 alpha-3, or IGO, NGO, IMG, MNC…), upper-cased.
    pub fn code(&mut self, name: &str) -> Result<Option<String>, ApiError> {
        self.string(name)?.map(|v| parse_code(name, &v)).transpose()
    }

    pub fn date(&mut self, name: &str) -> Result<Option<Date>, ApiError> {
        self.string(name)?
            .map(|v| {
                v.parse::<Date>().map_err(|_| {
                    ApiError::bad_parameter(name, format!("{v:?} is not a date (YYYY-MM-DD)"))
                })
            })
            .transpose()
    }

    pub fn integer(&mut self, name: &str, min: u64, max: u64) -> Result<Option<u64>, ApiError> {
        self.string(name)?
            .map(|v| match v.parse::<u64>() {
                Ok(n) if (min..=max).contains(&n) => Ok(n),
                _ => Err(ApiError::bad_parameter(
                    name,
                    format!("{v:?} is not a whole number from {min} to {max}"),
                )),
            })
            .transpose()
    }

    pub fn boolean(&mut self, name: &str) -> Result<Option<bool>, ApiError> {
        self.string(name)?
            .map(|v| match v.as_str() {
                "true" | "1" | "yes" | "on" => Ok(true),
                "false" | "0" | "no" | "off" => Ok(false),
                _ => Err(ApiError::bad_parameter(
                    name,
                    format!("{v:?} is not true or false"),
                )),
            })
            .transpose()
    }

    /// One of a fixed set of words, matched without regard to case.
    pub fn choice(
        &mut self,
        name: &str,
        options: &[&'static str],
    ) -> Result<Option<&'static str>, ApiError> {
        self.string(name)?
            .map(|v| {
                options
                    .iter()
                    .find(|o| o.eq_ignore_ascii_case(&v))
                    .copied()
                    .ok_or_else(|| {
                        ApiError::bad_parameter(
                            name,
                            format!("{v:?} is not one of {}", options.join(", ")),
                        )
                    })
            })
            .transpose()
    }

    pub fn modality(&mut self, name: &str) -> Result<Option<Modality>, ApiError> {
        let names: Vec<&'static str> = MODALITIES.iter().map(|m| m.as_str()).collect();
        Ok(self.choice(name, &names)?.and_then(parse_modality))
    }

    /// A PLOVER event type (`ASSAULT`), upper-cased.
    pub fn event_type(&mut self, name: &str) -> Result<Option<String>, ApiError> {
        Ok(self
            .choice(name, &vigie_core::coder::ontology::EVENT_TYPES)?
            .map(str::to_string))
    }

    /// A PLOVER mode: a lower-case word with underscores, as the manual spells them.
    pub fn mode(&mut self, name: &str) -> Result<Option<String>, ApiError> {
        self.string(name)?
            .map(|v| {
                let ok = v.len() <= 40
                    && v.bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
                if ok {
                    Ok(v.to_ascii_lowercase())
                } else {
                    Err(ApiError::bad_parameter(
                        name,
                        format!("{v:?} is not a PLOVER mode (letters and underscores)"),
                    ))
                }
            })
            .transpose()
    }

    /// A page size, 1 to the store's largest page.
    pub fn limit(&mut self, default: usize) -> Result<usize, ApiError> {
        Ok(self
            .integer("limit", 1, MAX_PAGE as u64)?
            .map_or(default, |n| n as usize))
    }

    /// Marks `name` as known without reading it (a parameter another layer handles, such as `lang`).
    pub fn allow(&mut self, name: &str) {
        for (key, _, used) in &mut self.pairs {
            if key == name {
                *used = true;
            }
        }
    }

    /// Fails on the first parameter no reader asked for.
    pub fn finish(self) -> Result<(), ApiError> {
        match self.pairs.into_iter().find(|(_, _, used)| !used) {
            Some((key, _, _)) => Err(ApiError::UnknownParameter(key)),
            None => Ok(()),
        }
    }
}

pub fn parse_modality(name: &str) -> Option<Modality> {
    MODALITIES.into_iter().find(|m| m.as_str() == name)
}

/// Parses an actor code from a parameter or a path segment.
pub fn parse_code(name: &str, value: &str) -> Result<String, ApiError> {
    let v = value.trim();
    if v.len() == 3 && v.bytes().all(|b| b.is_ascii_alphabetic()) {
        Ok(v.to_ascii_uppercase())
    } else {
        Err(ApiError::bad_parameter(
            name,
            format!("{value:?} is not an actor code (three letters: FRA, MLI, IGO…)"),
        ))
    }
}

/// Parses a numeric id from a path segment.
pub fn parse_id(name: &str, value: &str) -> Result<i64, ApiError> {
    match value.parse::<i64>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err(ApiError::bad_parameter(
            name,
            format!("{value:?} is not an id (a positive whole number)"),
        )),
    }
}

/// Checks that a range does not end before it starts.
pub fn check_range(from: Option<Date>, to: Option<Date>) -> Result<(), ApiError> {
    match (from, to) {
        (Some(f), Some(t)) if f > t => Err(ApiError::bad_parameter(
            "from",
            format!("the range starts ({f}) after it ends (`to` = {t})"),
        )),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_validated_with_the_parameter_named() {
        let mut p = Params::parse(Some("quad=9&from=2025-13-01&actor=fr&type=assault&x=1"));
        let quad = p.integer("quad", 1, 4).expect_err("out of range");
        assert!(quad.to_string().contains("`quad`"), "{quad}");
        let from = p.date("from").expect_err("bad date");
        assert!(from.to_string().contains("`from`"), "{from}");
        assert!(p.code("actor").is_err());
        assert_eq!(
            p.event_type("type").expect("type").as_deref(),
            Some("ASSAULT")
        );
        match p.finish() {
            Err(ApiError::UnknownParameter(name)) => assert_eq!(name, "x"),
            other => panic!("expected an unknown parameter, got {other:?}"),
        }
    }

    #[test]
    fn empty_values_are_absent_and_repeats_refused() {
        let mut p = Params::parse(Some("modality=&mode=+&limit=5&limit=6"));
        assert_eq!(p.modality("modality").expect("empty"), None);
        assert_eq!(p.mode("mode").expect("blank"), None);
        assert!(p.limit(10).is_err());
        assert!(p.finish().is_ok());
    }

    #[test]
    fn modalities_and_codes_parse() {
        let mut p = Params::parse(Some("modality=Alleged&actor=mli"));
        assert_eq!(
            p.modality("modality").expect("modality"),
            Some(Modality::Alleged)
        );
        assert_eq!(p.code("actor").expect("code").as_deref(), Some("MLI"));
        assert!(parse_id("id", "0").is_err());
        assert!(parse_id("id", "abc").is_err());
        assert_eq!(parse_id("id", "12").expect("id"), 12);
        assert!(check_range(
            Some(Date::constant(2025, 2, 1)),
            Some(Date::constant(2025, 1, 1))
        )
        .is_err());
    }
}

//! Three-letter codes: ISO 3166-1 alpha-3 countries, PLOVER international codes and sector codes.

use std::fmt;

use serde::{Serialize, Serializer};

/// A three-letter upper-case code ("MLI", "IGO", "GOV"), stored inline so that copying is free.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Code([u8; 3]);

impl Code {
    /// Parses a code of exactly three ASCII letters, upper-casing it.
    pub fn parse(s: &str) -> Option<Code> {
        let b = s.as_bytes();
        if b.len() != 3 || !b.iter().all(u8::is_ascii_alphabetic) {
            return None;
        }
        Some(Code([
            b[0].to_ascii_uppercase(),
            b[1].to_ascii_uppercase(),
            b[2].to_ascii_uppercase(),
        ]))
    }

    pub const fn from_bytes(b: [u8; 3]) -> Code {
        Code(b)
    }

    pub fn as_str(&self) -> &str {
        // The constructor only accepts ASCII letters.
        std::str::from_utf8(&self.0).unwrap_or("???")
    }

    /// True for PLOVER's international actor codes, which are not states.
    pub fn is_international(&self) -> bool {
        matches!(
            self.as_str(),
            "IGO" | "NGO" | "IMG" | "MNC" | "ISM" | "UNO" | "EUR"
        )
    }
}

impl fmt::Debug for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// The PLOVER sector codes (manual, "Sector Codes").
pub const SECTORS: &[&str] = &[
    "COP", "GOV", "JUD", "LEG", "MIL", "PRM", "PTY", "REB", "SPY", "UAF", "UNK", "AGR", "BUS",
    "CRM", "CVL", "EDU", "ELI", "JRN", "LAB", "MED", "REF", "OPP", "PRE", "REL", "SOC",
];

pub const GOV: Code = Code::from_bytes(*b"GOV");
pub const ELI: Code = Code::from_bytes(*b"ELI");
pub const CVL: Code = Code::from_bytes(*b"CVL");

/// Parses a PLOVER sector code.
pub fn parse_sector(s: &str) -> Option<Code> {
    Code::parse(s).filter(|c| SECTORS.contains(&c.as_str()))
}

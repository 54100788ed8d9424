//! The PLOVER and CAMEO tables: quad class and intensity per type and mode, Goldstein score per CAMEO code.

use rustc_hash::FxHashMap;

use crate::knowledge::tsv::{records, DataError};

const PLOVER: (&str, &str) = (
    "ontology/plover.tsv",
    include_str!("../../../../data/ontology/plover.tsv"),
);
const CAMEO: (&str, &str) = (
    "ontology/cameo.tsv",
    include_str!("../../../../data/ontology/cameo.tsv"),
);

/// The sixteen PLOVER 2.0 event types.
pub const EVENT_TYPES: [&str; 16] = [
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
];

/// Modes that PLOVER shares between types (REJECT takes REQUEST's modes).
fn mode_owner(event: &str) -> &str {
    match event {
        "REJECT" => "REQUEST",
        other => other,
    }
}

pub struct Ontology {
    /// (type, mode or "-") → (quad class, intensity).
    plover: FxHashMap<(String, String), (u8, f64)>,
    /// CAMEO code → (Goldstein score, description).
    cameo: FxHashMap<String, (Option<f64>, String)>,
}

impl Ontology {
    pub fn embedded() -> Result<Ontology, DataError> {
        let mut plover = FxHashMap::default();
        let (file, content) = PLOVER;
        for r in records(file, content) {
            let quad: u8 = r.get(2)?.parse().map_err(|_| r.error("bad quad class"))?;
            let intensity: f64 = r.get(3)?.parse().map_err(|_| r.error("bad intensity"))?;
            plover.insert(
                (r.get(0)?.to_string(), r.get(1)?.to_string()),
                (quad, intensity),
            );
        }
        let mut cameo = FxHashMap::default();
        let (file, content) = CAMEO;
        for r in records(file, content) {
            let goldstein = r
                .opt(1)
                .map(|g| g.parse::<f64>())
                .transpose()
                .map_err(|_| r.error("bad Goldstein score"))?;
            cameo.insert(r.get(0)?.to_string(), (goldstein, r.get(2)?.to_string()));
        }
        Ok(Ontology { plover, cameo })
    }

    pub fn is_event_type(&self, event: &str) -> bool {
        EVENT_TYPES.contains(&event)
    }

    /// True when `mode` is one of the modes the manual lists for `event`.
    pub fn is_mode_of(&self, event: &str, mode: &str) -> bool {
        self.plover
            .contains_key(&(mode_owner(event).to_string(), mode.to_string()))
            || self
                .plover
                .contains_key(&(event.to_string(), mode.to_string()))
    }

    /// Quad class (1 to 4) and PLOVER intensity of a type and mode; the type's own values when the mode
    /// has none.
    pub fn scale(&self, event: &str, mode: Option<&str>) -> (u8, f64) {
        let own = self
            .plover
            .get(&(event.to_string(), "-".to_string()))
            .copied()
            .unwrap_or((0, 0.0));
        match mode {
            Some(m) => self
                .plover
                .get(&(event.to_string(), m.to_string()))
                .map(|&(_, i)| (own.0, i))
                .unwrap_or(own),
            None => own,
        }
    }

    pub fn is_cameo(&self, code: &str) -> bool {
        self.cameo.contains_key(code)
    }

    pub fn goldstein(&self, code: &str) -> Option<f64> {
        self.cameo.get(code).and_then(|(g, _)| *g)
    }

    pub fn cameo_description(&self, code: &str) -> Option<&str> {
        self.cameo.get(code).map(|(_, d)| d.as_str())
    }
}

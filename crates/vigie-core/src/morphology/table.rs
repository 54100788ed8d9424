//! Parsing helpers shared by the French and English irregular verb tables (cells, slots, spelling variants,
//! stem substitution for family derivation).

use super::{Lang, MorphologyError};

/// One non-comment line of a table: its 1-based line number and its tab-separated fields.
pub(crate) fn records(text: &str) -> impl Iterator<Item = (usize, Vec<&str>)> {
    text.lines().enumerate().filter_map(|(i, line)| {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            None
        } else {
            Some((i + 1, line.split('\t').map(str::trim).collect()))
        }
    })
}

/// A table cell: `-` (take the default), `none` (no such form), or slots separated by `|`, each holding
/// spelling variants separated by `/` (an empty slot, written `-`, is a form that does not exist).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) enum Cell {
    #[default]
    Default,
    None,
    Slots(Vec<Vec<String>>),
}

impl Cell {
    pub fn parse(text: &str) -> Cell {
        match text {
            "" | "-" => Cell::Default,
            "none" => Cell::None,
            _ => Cell::Slots(
                text.split('|')
                    .map(|slot| {
                        if slot == "-" {
                            Vec::new()
                        } else {
                            slot.split('/').map(str::to_owned).collect()
                        }
                    })
                    .collect(),
            ),
        }
    }

    /// The slots of the cell when it has exactly `n` of them.
    pub fn slots(&self, n: usize) -> Option<&[Vec<String>]> {
        match self {
            Cell::Slots(slots) if slots.len() == n => Some(slots),
            _ => None,
        }
    }

    pub fn slot_count(&self) -> usize {
        match self {
            Cell::Slots(slots) => slots.len(),
            _ => 0,
        }
    }

    /// Replaces the stem `from` by `to` at the start of every value; fails when a value does not start with it.
    pub fn substitute(&mut self, from: &str, to: &str) -> Result<(), String> {
        if let Cell::Slots(slots) = self {
            for value in slots.iter_mut().flatten() {
                let rest = value.strip_prefix(from).ok_or_else(|| {
                    format!("form {value:?} does not start with the stem {from:?}")
                })?;
                *value = format!("{to}{rest}");
            }
        }
        Ok(())
    }
}

/// The stems to swap when a verb is conjugated on another's model: the two lemmas minus the longest ending
/// they share ("craindre" → "contraindre" gives "c" → "cont"; "venir" → "intervenir" gives "" → "inter").
pub(crate) fn stems<'a, 'b>(model: &'a str, lemma: &'b str) -> (&'a str, &'b str) {
    let shared: usize = model
        .chars()
        .rev()
        .zip(lemma.chars().rev())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a.len_utf8())
        .sum();
    (
        &model[..model.len() - shared],
        &lemma[..lemma.len() - shared],
    )
}

pub(crate) fn table_error(lang: Lang, line: usize, message: impl Into<String>) -> MorphologyError {
    MorphologyError::Table {
        lang,
        line,
        message: message.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_parse_slots_and_variants() {
        assert_eq!(Cell::parse("-"), Cell::Default);
        assert_eq!(Cell::parse("none"), Cell::None);
        let cell = Cell::parse("peux/puis|-|peut");
        assert_eq!(
            cell,
            Cell::Slots(vec![
                vec!["peux".to_owned(), "puis".to_owned()],
                vec![],
                vec!["peut".to_owned()]
            ])
        );
        assert_eq!(cell.slot_count(), 3);
    }

    #[test]
    fn stems_strip_the_shared_ending() {
        assert_eq!(stems("craindre", "contraindre"), ("c", "cont"));
        assert_eq!(stems("venir", "intervenir"), ("", "inter"));
        assert_eq!(stems("écrire", "inscrire"), ("é", "ins"));
        assert_eq!(stems("rendre", "répandre"), ("re", "répa"));
    }
}

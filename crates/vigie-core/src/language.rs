//! Language identification per document: French or English, or a diagnostic when the text is neither.

use lingua::{Language, LanguageDetector, LanguageDetectorBuilder};

pub use crate::morphology::Lang;

/// How many bytes of a document are enough to identify its language; news openings are representative.
const SAMPLE_BYTES: usize = 1024;

/// Below this share of French or English function words, a text of some length is in another language.
const MIN_FUNCTION_WORD_SHARE: f64 = 0.15;
const MIN_WORDS_FOR_REJECTION: usize = 8;

const FRENCH_FUNCTION_WORDS: &[&str] = &[
    "le", "la", "les", "l'", "de", "des", "du", "d'", "un", "une", "et", "est", "à", "a", "au",
    "aux", "en", "que", "qu'", "qui", "dans", "pour", "sur", "par", "ne", "n'", "pas", "il",
    "elle", "ils", "ont", "sont", "avec", "ce", "cette", "se", "s'", "son", "sa", "ses", "leur",
    "plus", "mais", "été",
];
const ENGLISH_FUNCTION_WORDS: &[&str] = &[
    "the", "of", "and", "to", "in", "a", "an", "is", "was", "for", "on", "that", "with", "by",
    "as", "at", "said", "has", "have", "had", "it", "its", "from", "are", "were", "be", "been",
    "will", "not", "this", "his", "her", "their", "they", "he", "she", "after", "which", "who",
];

/// The outcome of identifying a document's language.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Identification {
    /// The language, with the detector's confidence in it (0 to 1).
    Identified(Lang, f64),
    /// The text has words but is in neither supported language.
    Unsupported,
    /// The text has too few letters to tell.
    Undetermined,
}

/// Identifies French and English; built once and shared.
pub struct LanguageIdentifier {
    detector: LanguageDetector,
}

impl Default for LanguageIdentifier {
    fn default() -> Self {
        Self::new()
    }
}

impl LanguageIdentifier {
    pub fn new() -> Self {
        let detector =
            LanguageDetectorBuilder::from_languages(&[Language::English, Language::French]).build();
        LanguageIdentifier { detector }
    }

    pub fn identify(&self, text: &str) -> Identification {
        let sample = prefix_on_char_boundary(text, SAMPLE_BYTES);
        let (words, fr, en) = count_function_words(sample);
        if words == 0 {
            return Identification::Undetermined;
        }
        if words >= MIN_WORDS_FOR_REJECTION
            && ((fr + en) as f64) / (words as f64) < MIN_FUNCTION_WORD_SHARE
        {
            return Identification::Unsupported;
        }
        // Running text carries so many function words that they settle the question; the statistical
        // detector is kept for headlines and short or mixed texts, where they are too few.
        if words >= 12 && fr >= 4 && fr >= 3 * en {
            return Identification::Identified(Lang::Fr, fr as f64 / (fr + en) as f64);
        }
        if words >= 12 && en >= 4 && en >= 3 * fr {
            return Identification::Identified(Lang::En, en as f64 / (fr + en) as f64);
        }
        let confidences = self.detector.compute_language_confidence_values(sample);
        match confidences.first() {
            Some((Language::French, c)) if *c > 0.0 => Identification::Identified(Lang::Fr, *c),
            Some((Language::English, c)) if *c > 0.0 => Identification::Identified(Lang::En, *c),
            _ if fr > en => Identification::Identified(Lang::Fr, 0.5),
            _ if en > fr => Identification::Identified(Lang::En, 0.5),
            _ => Identification::Undetermined,
        }
    }
}

fn prefix_on_char_boundary(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

fn count_function_words(sample: &str) -> (usize, usize, usize) {
    let (mut words, mut fr, mut en) = (0, 0, 0);
    for word in sample
        .split(|c: char| !(c.is_alphabetic() || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
    {
        words += 1;
        let lower = word.to_lowercase().replace('’', "'");
        let w = lower.as_str();
        fr += usize::from(FRENCH_FUNCTION_WORDS.contains(&w));
        en += usize::from(ENGLISH_FUNCTION_WORDS.contains(&w));
    }
    (words, fr, en)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_french_from_english_even_on_headlines() {
        let id = LanguageIdentifier::new();
        let lang = |t: &str| match id.identify(t) {
            Identification::Identified(l, _) => Some(l),
            _ => None,
        };
        assert_eq!(
            lang("La junte malienne expulse l'ambassadeur de France"),
            Some(Lang::Fr)
        );
        assert_eq!(lang("Mali junta expels French ambassador"), Some(Lang::En));
        assert_eq!(lang("Paris rappelle son ambassadeur"), Some(Lang::Fr));
    }

    #[test]
    fn other_languages_are_unsupported_not_misread() {
        let id = LanguageIdentifier::new();
        assert_eq!(
            id.identify("Die Bundesregierung hat heute beschlossen, die Botschaft in Bamako vorübergehend zu schließen."),
            Identification::Unsupported
        );
        assert_eq!(id.identify("1234 !!! ---"), Identification::Undetermined);
    }
}

//! Property tests: whatever the input, analysis never panics and every span points into the original
//! text, at character boundaries, with the surface it claims.

use std::sync::OnceLock;

use proptest::prelude::*;
use vigie_core::report::report;
use vigie_core::{AnalyzeOptions, Document, Lang, Pipeline};

fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(|| Pipeline::new().expect("knowledge base"))
}

/// Words that exercise the dictionaries, mixed with punctuation and odd characters.
const SOUP: &[&str] = &[
    "la",
    "France",
    "Mali",
    "junte",
    "malienne",
    "diplomate",
    "français",
    "l’",
    "d'",
    "Paris",
    "à",
    "Bamako",
    "le",
    "mois",
    "dernier",
    "20",
    "septembre",
    "2025",
    "jusqu'au",
    "Sahel",
    "U.S.",
    "Mali's",
    "soldiers",
    "of",
    "the",
    "Kremlin",
    "«",
    "»",
    ".",
    ",",
    "!",
    "?",
    "-",
    "—",
    "\n",
    "\n\n",
    "M.",
    "Mme",
    "3.5",
    "é",
    "\u{301}",
    "\u{a0}",
    "\u{202f}",
    "🇲🇱",
    "\u{200b}",
    "CEDEAO",
    "ONU",
    "Emmanuel",
    "Macron",
    "il",
    "y",
    "a",
    "trois",
    "jours",
    "last",
    "Tuesday",
    "12/03/2024",
    "2024-03-12",
    "'s",
    "n't",
    "’",
];

fn soup() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => prop::sample::select(SOUP).prop_map(str::to_string),
            1 => any::<String>(),
        ],
        0..60,
    )
    .prop_map(|words| {
        let mut s = String::new();
        for (i, w) in words.iter().enumerate() {
            if i % 3 != 2 {
                s.push(' ');
            }
            s.push_str(w);
        }
        s
    })
}

fn char_slice(text: &str, span: [u32; 2]) -> String {
    text.chars()
        .skip(span[0] as usize)
        .take((span[1] - span[0]) as usize)
        .collect()
}

fn check(text: &str, lang: Option<Lang>) -> Result<(), TestCaseError> {
    let doc = Document {
        text: text.to_string(),
        date: Some(jiff::civil::date(2025, 9, 16)),
        ..Document::default()
    };
    let analysis = pipeline().analyze(&doc, AnalyzeOptions { lang, date: None });
    for t in &analysis.tokens.tokens {
        prop_assert!(
            text.get(t.span.range()).is_some(),
            "token span off char boundary"
        );
        prop_assert_eq!(
            char_slice(text, [t.chars.start, t.chars.end]),
            &text[t.span.range()]
        );
    }
    let rep = report(&analysis, None);
    let records = pipeline().code_records(&doc, AnalyzeOptions { lang, date: None });
    for r in &records {
        prop_assert_eq!(char_slice(text, r.text_info.sentence), r.text.as_str());
        for a in r.actor.iter().chain(&r.recipient) {
            prop_assert_eq!(char_slice(text, a.span), a.name.as_str());
        }
        prop_assert!(r.text_info.trigger[0] >= r.text_info.sentence[0]);
        prop_assert!(r.text_info.trigger[1] <= r.text_info.sentence[1]);
    }
    for s in &rep.sentences {
        prop_assert_eq!(char_slice(text, s.span), s.text);
        for a in &s.actors {
            prop_assert_eq!(char_slice(text, a.span), a.name);
        }
        for p in &s.places {
            prop_assert_eq!(char_slice(text, p.span), p.name);
        }
        for d in &s.dates {
            prop_assert_eq!(char_slice(text, d.span), d.text);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn spans_point_into_the_original_text_for_any_unicode(text in any::<String>()) {
        check(&text, None)?;
    }

    #[test]
    fn spans_point_into_the_original_text_for_token_soups(text in soup()) {
        check(&text, Some(Lang::Fr))?;
        check(&text, Some(Lang::En))?;
    }
}

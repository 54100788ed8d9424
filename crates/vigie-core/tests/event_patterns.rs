//! Every event pattern codes its own examples: the pattern fires, with the actor and recipient codes the
//! example states (`-` for a side the example leaves empty). The data is specification and test suite.

use vigie_core::coder::patterns::EventPattern;
use vigie_core::{AnalyzeOptions, Document, Lang, Pipeline};

fn check_language(lang: Lang) -> (usize, Vec<String>) {
    let pipeline = Pipeline::new().expect("knowledge base");
    let set = &pipeline.resources(lang).coder.patterns;
    let mut checked = 0;
    let mut failures = Vec::new();
    let mut seen_lines = std::collections::HashSet::new();
    for p in &set.patterns {
        // Multi-form triggers share their line and examples; each example is checked once.
        if !seen_lines.insert(p.line) {
            continue;
        }
        for ex in &p.examples {
            checked += 1;
            if let Err(why) = check_example(&pipeline, lang, p, ex) {
                failures.push(format!(
                    "events/{}.tsv:{} {}\n    example: {}\n    {why}",
                    lang.code(),
                    p.line,
                    p.trigger_text,
                    ex.text
                ));
            }
        }
    }
    (checked, failures)
}

fn check_example(
    pipeline: &Pipeline,
    lang: Lang,
    p: &EventPattern,
    ex: &vigie_core::coder::patterns::Example,
) -> Result<(), String> {
    let doc = Document {
        text: ex.text.clone(),
        date: Some(jiff::civil::date(2025, 9, 16)),
        lang: Some(lang),
        ..Document::default()
    };
    let (analysis, coding) = pipeline.code(&doc, AnalyzeOptions::default());
    let set = &pipeline.resources(lang).coder.patterns;
    let describe = || {
        let events: Vec<String> = coding
            .events
            .iter()
            .map(|e| {
                let codes = |side: &[vigie_core::coder::Participant]| {
                    side.iter()
                        .filter_map(|p| p.mention.code.map(|c| c.to_string()))
                        .collect::<Vec<_>>()
                        .join("+")
                };
                format!(
                    "{} {}>{} ({})",
                    e.event,
                    codes(&e.actor),
                    codes(&e.recipient),
                    e.rule
                )
            })
            .collect();
        let rejected: Vec<String> = coding
            .rejections
            .iter()
            .map(|r| format!("{}: {}", r.rule, r.reason))
            .collect();
        let actors: Vec<String> = analysis
            .entities
            .iter()
            .flat_map(|e| &e.actors)
            .map(|a| format!("{:?}={}", a.code, analysis.surface(a.tokens.clone())))
            .collect();
        format!("got events {events:?}; rejected {rejected:?}; actors {actors:?}")
    };
    let fired: Vec<_> = coding
        .events
        .iter()
        .filter(|e| e.pattern.is_some_and(|i| set.get(i).line == p.line))
        .collect();
    if fired.is_empty() {
        return Err(format!("the pattern did not fire; {}", describe()));
    }
    let side_ok = |side: &[vigie_core::coder::Participant],
                   expected: Option<vigie_core::codes::Code>| match expected {
        Some(c) => side.iter().any(|p| p.mention.code == Some(c)),
        None => side.is_empty(),
    };
    if fired
        .iter()
        .any(|e| side_ok(&e.actor, ex.actor) && side_ok(&e.recipient, ex.recipient))
    {
        Ok(())
    } else {
        Err(format!("wrong actor or recipient; {}", describe()))
    }
}

fn run(lang: Lang) {
    let (checked, failures) = check_language(lang);
    eprintln!(
        "{}: {} examples checked, {} failed",
        lang.code(),
        checked,
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "{} of {checked} examples failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn french_patterns_code_their_examples() {
    run(Lang::Fr);
}

#[test]
fn english_patterns_code_their_examples() {
    run(Lang::En);
}

#[test]
fn every_plover_type_has_patterns_in_both_languages() {
    let pipeline = Pipeline::new().expect("knowledge base");
    for lang in [Lang::Fr, Lang::En] {
        let set = &pipeline.resources(lang).coder.patterns;
        let missing: Vec<_> = vigie_core::coder::ontology::EVENT_TYPES
            .iter()
            .filter(|t| !set.patterns.iter().any(|p| p.event == **t))
            .collect();
        assert!(
            missing.is_empty(),
            "{}: no pattern for {missing:?}",
            lang.code()
        );
    }
}

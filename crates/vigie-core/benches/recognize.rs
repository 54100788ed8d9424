//! Micro-benchmarks of the pipeline's stages on the bundled example articles (run with
//! `cargo bench -p vigie-core --bench recognize`); whole-process figures come from
//! `scripts/bench/recognize.sh`.

use divan::counter::BytesCount;
use divan::Bencher;
use vigie_core::text::{segment_sentences, tokenize};
use vigie_core::{AnalyzeOptions, Document, Lang, Pipeline};

fn main() {
    divan::main();
}

const FR: &str = include_str!("../../../examples/france-mali-2025.txt");
const EN: &str = include_str!("../../../examples/mali-france-2025.en.txt");

fn corpus(text: &str) -> String {
    text.repeat(50)
}

#[divan::bench(sample_count = 10)]
fn knowledge_base_start_up() -> Pipeline {
    Pipeline::new().expect("knowledge base")
}

#[divan::bench(args = ["fr", "en"])]
fn tokenize_and_segment(bencher: Bencher, lang: &str) {
    let text = corpus(if lang == "fr" { FR } else { EN });
    bencher
        .counter(BytesCount::new(text.len()))
        .bench(|| segment_sentences(&tokenize(divan::black_box(&text))).len());
}

#[divan::bench(args = ["fr", "en"])]
fn analyze(bencher: Bencher, lang: &str) {
    let pipeline = Pipeline::new().expect("knowledge base");
    let (text, l) = if lang == "fr" {
        (corpus(FR), Lang::Fr)
    } else {
        (corpus(EN), Lang::En)
    };
    let doc = Document {
        text,
        date: Some(jiff::civil::date(2025, 9, 16)),
        ..Document::default()
    };
    let options = AnalyzeOptions {
        lang: Some(l),
        date: None,
    };
    bencher.counter(BytesCount::new(doc.text.len())).bench(|| {
        pipeline
            .analyze(divan::black_box(&doc), options)
            .entities
            .len()
    });
}

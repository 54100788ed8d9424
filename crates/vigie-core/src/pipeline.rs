//! The pipeline: a document goes through language identification, tokenisation, segmentation and
//! recognition; the result keeps every stage's output, with offsets into the original text.

use jiff::civil::Date;

use crate::coder::ontology::Ontology;
use crate::coder::{code_document, record, Coder, Coding};
use crate::dates::DateLexicon;
use crate::document::Document;
use crate::grammar::Grammar;
use crate::knowledge::{DataError, KnowledgeBase};
use crate::language::{Identification, Lang, LanguageIdentifier};
use crate::recognize::{Recognizer, SentenceEntities};
use crate::text::{segment_sentences, tokenize, Sentence, Span, TokenizedText};

/// A remark about a document that is not an error: coding goes on, and the remark is reported.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Diagnostic {
    /// A stable identifier ("language-unsupported", "sentence-truncated").
    pub code: &'static str,
    pub message: String,
    /// Character offsets in the original text, when the remark concerns a part of it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub span: Option<[u32; 2]>,
}

/// How the document's language was decided.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LangSource {
    /// Given by the caller (`--lang`, or the JSONL record).
    Given,
    /// Identified from the text.
    Detected,
}

/// Everything the pipeline found in one document.
pub struct Analysis<'d> {
    pub kb: &'d KnowledgeBase,
    pub text: &'d str,
    pub publication: Option<Date>,
    /// `None` when the document is in no supported language; nothing is recognised then.
    pub lang: Option<Lang>,
    pub lang_source: LangSource,
    pub lang_confidence: Option<f64>,
    pub tokens: TokenizedText,
    pub sentences: Vec<Sentence>,
    pub entities: Vec<SentenceEntities>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Analysis<'_> {
    /// The original text of a token range.
    pub fn surface(&self, tokens: std::ops::Range<usize>) -> &str {
        let span = self.byte_span(tokens);
        &self.text[span.range()]
    }

    pub fn byte_span(&self, tokens: std::ops::Range<usize>) -> Span {
        if tokens.is_empty() {
            return Span::default();
        }
        Span {
            start: self.tokens.tokens[tokens.start].span.start,
            end: self.tokens.tokens[tokens.end - 1].span.end,
        }
    }

    /// Character offsets of a token range, as `[start, end)`.
    pub fn char_span(&self, tokens: std::ops::Range<usize>) -> [u32; 2] {
        if tokens.is_empty() {
            return [0, 0];
        }
        [
            self.tokens.tokens[tokens.start].chars.start,
            self.tokens.tokens[tokens.end - 1].chars.end,
        ]
    }
}

/// Options for one document.
#[derive(Clone, Copy, Debug, Default)]
pub struct AnalyzeOptions {
    /// Overrides both the document's language and identification.
    pub lang: Option<Lang>,
    /// The publication date, when the document does not carry one.
    pub date: Option<Date>,
}

/// The value of a finished scoped thread; a panic in it goes on in the caller.
fn joined<T>(result: std::thread::Result<T>) -> T {
    result.unwrap_or_else(|p| std::panic::resume_unwind(p))
}

/// The compiled knowledge and the per-language resources; built once, shared by every document and
/// thread.
pub struct Pipeline {
    pub kb: KnowledgeBase,
    pub ontology: Ontology,
    language: LanguageIdentifier,
    french: LanguageResources,
    english: LanguageResources,
}

/// What the pipeline needs for one language.
pub struct LanguageResources {
    pub dates: DateLexicon,
    pub grammar: Grammar,
    pub coder: Coder,
}

impl LanguageResources {
    fn embedded(lang: Lang, ontology: &Ontology) -> Result<LanguageResources, DataError> {
        let grammar = Grammar::embedded(lang)?;
        Ok(LanguageResources {
            dates: DateLexicon::embedded(lang)?,
            coder: Coder::embedded(lang, ontology, &grammar)?,
            grammar,
        })
    }
}

impl Pipeline {
    /// Compiles the embedded knowledge base.
    pub fn new() -> Result<Pipeline, DataError> {
        let ontology = Ontology::embedded()?;
        // The gazetteer and the two languages' resources are independent: compiling them side by side
        // halves the start-up on a machine with two cores. This is computation, not I/O.
        let (kb, french, english) = std::thread::scope(|scope| {
            let kb = scope.spawn(KnowledgeBase::embedded);
            let french = scope.spawn(|| LanguageResources::embedded(Lang::Fr, &ontology));
            let english = LanguageResources::embedded(Lang::En, &ontology);
            (joined(kb.join()), joined(french.join()), english)
        });
        Ok(Pipeline {
            kb: kb?,
            language: LanguageIdentifier::new(),
            french: french?,
            english: english?,
            ontology,
        })
    }

    pub fn resources(&self, lang: Lang) -> &LanguageResources {
        match lang {
            Lang::Fr => &self.french,
            Lang::En => &self.english,
        }
    }

    /// Runs every stage on a document. Never fails: messy text yields diagnostics.
    pub fn analyze<'d>(&'d self, doc: &'d Document, options: AnalyzeOptions) -> Analysis<'d> {
        let text = doc.text.as_str();
        let publication = doc.date.or(options.date);
        let mut diagnostics = Vec::new();
        let (lang, lang_source, lang_confidence) = match options.lang.or(doc.lang) {
            Some(l) => (Some(l), LangSource::Given, None),
            None => match self.language.identify(text) {
                Identification::Identified(l, c) => (Some(l), LangSource::Detected, Some(c)),
                Identification::Unsupported => {
                    diagnostics.push(Diagnostic {
                        code: "language-unsupported",
                        message: "the text is in neither French nor English; nothing was recognised (use --lang to force one)".into(),
                        span: None,
                    });
                    (None, LangSource::Detected, None)
                }
                Identification::Undetermined => {
                    if !text.trim().is_empty() {
                        diagnostics.push(Diagnostic {
                            code: "language-undetermined",
                            message:
                                "too few words to identify the language; nothing was recognised"
                                    .into(),
                            span: None,
                        });
                    }
                    (None, LangSource::Detected, None)
                }
            },
        };
        if text.trim().is_empty() {
            diagnostics.push(Diagnostic {
                code: "empty-document",
                message: "the document has no text".into(),
                span: None,
            });
        }
        let tokens = tokenize(text);
        let sentences = segment_sentences(&tokens);
        let mut truncated = sentences.iter().filter(|s| s.truncated);
        if let Some(first) = truncated.next() {
            diagnostics.push(Diagnostic {
                code: "sentence-truncated",
                message: format!(
                    "{} stretch(es) of text had no sentence boundary within {} tokens and were cut there",
                    1 + truncated.count(),
                    crate::text::segment::MAX_SENTENCE_TOKENS
                ),
                span: Some([first.chars.start, first.chars.end]),
            });
        }
        let entities = match lang {
            Some(l) => {
                let r = self.resources(l);
                Recognizer::new(&self.kb, &r.dates, &r.grammar).recognize(
                    &tokens,
                    &sentences,
                    publication,
                )
            }
            None => vec![SentenceEntities::default(); sentences.len()],
        };
        Analysis {
            kb: &self.kb,
            text,
            publication,
            lang,
            lang_source,
            lang_confidence,
            tokens,
            sentences,
            entities,
            diagnostics,
        }
    }
}

impl Pipeline {
    /// Analyses a document and codes its events.
    pub fn code<'d>(
        &'d self,
        doc: &'d Document,
        options: AnalyzeOptions,
    ) -> (Analysis<'d>, Coding) {
        let analysis = self.analyze(doc, options);
        let coding = match analysis.lang {
            Some(l) => {
                let r = self.resources(l);
                code_document(&analysis, &r.coder, &r.grammar)
            }
            None => Coding::default(),
        };
        (analysis, coding)
    }

    /// Codes a document into output records, with the language the document was read in (`None` when
    /// it is neither French nor English).
    pub fn code_records_with_language(
        &self,
        doc: &Document,
        options: AnalyzeOptions,
    ) -> (Option<Lang>, Vec<record::EventRecord>) {
        let (analysis, coding) = self.code(doc, options);
        let records = record::records(&analysis, &coding.events, &self.ontology, doc.id.as_deref());
        (analysis.lang, records)
    }

    /// Codes a document into output records.
    pub fn code_records(
        &self,
        doc: &Document,
        options: AnalyzeOptions,
    ) -> Vec<record::EventRecord> {
        let (analysis, coding) = self.code(doc, options);
        record::records(&analysis, &coding.events, &self.ontology, doc.id.as_deref())
    }
}

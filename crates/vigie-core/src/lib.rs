//! The vigie coding library: from raw news text to recognised actors, places and dates.

pub mod codes;
pub mod dates;
pub mod document;
pub mod knowledge;
pub mod language;
pub mod morphology;
pub mod pipeline;
pub mod recognize;
pub mod report;
pub mod text;

pub use document::{Document, DocumentError};
pub use language::Lang;
pub use pipeline::{Analysis, AnalyzeOptions, Diagnostic, Pipeline};
pub mod coder;
pub mod eval;
pub mod grammar;

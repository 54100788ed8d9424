//! Text stages: normalisation of characters, tokens with offsets, and sentence segmentation.

pub mod normalize;
pub mod segment;
pub mod token;

pub use segment::{segment_sentences, Sentence};
pub use token::{tokenize, Span, Token, TokenFlags, TokenKind, TokenizedText};

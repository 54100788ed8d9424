//! Turning a user's search words into an FTS5 match expression: every word becomes a quoted string,
//! so that FTS5's operators and column filters in user input are read as plain words, never as syntax.

use crate::error::StoreError;

/// `mali junte*` → `"mali" "junte"*`: every word required, a trailing `*` a prefix search. Words
/// without a letter or digit are dropped; an empty query is an error.
pub fn match_expression(query: &str) -> Result<String, StoreError> {
    let terms: Vec<String> = query
        .split_whitespace()
        .filter_map(|word| {
            let (body, prefix) = match word.strip_suffix('*') {
                Some(body) => (body, true),
                None => (word, false),
            };
            if !body.chars().any(char::is_alphanumeric) {
                return None;
            }
            let quoted = format!("\"{}\"", body.replace('"', "\"\""));
            Some(if prefix { quoted + "*" } else { quoted })
        })
        .collect();
    if terms.is_empty() {
        return Err(StoreError::InvalidArgument(format!(
            "the search {query:?} has no word to look for"
        )));
    }
    Ok(terms.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_quoted_and_prefixes_kept() {
        assert_eq!(
            match_expression("Mali junte*").expect("query"),
            "\"Mali\" \"junte\"*"
        );
        assert_eq!(
            match_expression("title:x OR \"y").expect("query"),
            "\"title:x\" \"OR\" \"\"\"y\""
        );
        assert!(match_expression("  * - ").is_err());
    }
}

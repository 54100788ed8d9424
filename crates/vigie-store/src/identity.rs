//! What makes two documents the same document (the content hash) and the same source (the outlet, or
//! the host of the URL), the same for every backend.

use sha2::{Digest, Sha256};

/// The SHA-256 of the text with its whitespace runs collapsed to one space and its ends trimmed, in
/// lower-case hexadecimal: a page fetched twice with different line breaks is still one document.
pub fn content_hash(text: &str) -> String {
    let mut hasher = Sha256::new();
    for (i, word) in text.split_whitespace().enumerate() {
        if i > 0 {
            hasher.update(b" ");
        }
        hasher.update(word.as_bytes());
    }
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The host of a URL, lower-cased and without a leading `www.`: `https://www.RFI.fr/x` → `rfi.fr`.
pub fn url_host(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?;
    let host = host.split(':').next()?.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (!host.is_empty()).then_some(host)
}

/// The source a document counts for in a cluster's number of sources: the outlet when known, else the
/// host of its URL.
pub fn source_key(outlet: Option<&str>, url: Option<&str>) -> Option<String> {
    outlet
        .map(str::trim)
        .filter(|o| !o.is_empty())
        .map(str::to_string)
        .or_else(|| url.and_then(url_host))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_does_not_change_the_hash() {
        assert_eq!(
            content_hash("Le Mali a  expulsé\nl'ambassadeur. "),
            content_hash("Le Mali a expulsé l'ambassadeur.")
        );
        assert_ne!(content_hash("Le Mali"), content_hash("Le Niger"));
        assert_eq!(content_hash("").len(), 64);
    }

    #[test]
    fn sources_are_outlets_or_hosts() {
        assert_eq!(
            url_host("https://www.RFI.fr/fr/afrique?x=1").as_deref(),
            Some("rfi.fr")
        );
        assert_eq!(
            url_host("http://user@example.org:8080").as_deref(),
            Some("example.org")
        );
        assert_eq!(url_host("https://"), None);
        assert_eq!(
            source_key(Some("Le Monde"), Some("https://lemonde.fr/a")).as_deref(),
            Some("Le Monde")
        );
        assert_eq!(
            source_key(Some(" "), Some("https://lemonde.fr/a")).as_deref(),
            Some("lemonde.fr")
        );
        assert_eq!(source_key(None, None), None);
    }
}

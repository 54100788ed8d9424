//! Local sources against the fixture files: walk order, hidden files, each file kind, and one clear
//! error per bad file while the walk goes on.

use std::path::{Path, PathBuf};

use vigie_ingest::{
    document_from_bytes, local_documents, DocumentKind, LocalOptions, SourceDocument, SourceError,
};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/local")
}

/// Every item of a walk, as the file name (with the JSONL line) and the document or error message.
fn walk(path: &Path, options: LocalOptions) -> Vec<(String, Result<SourceDocument, String>)> {
    let root = path.display().to_string();
    local_documents([path], options)
        .map(|item| {
            let origin = match &item {
                Ok(doc) => doc.origin.clone(),
                Err(error) => error.location(),
            };
            let relative = origin
                .strip_prefix(&root)
                .unwrap_or(&origin)
                .trim_start_matches('/')
                .to_string();
            (relative, item.map_err(|e| e.to_string()))
        })
        .collect()
}

fn document<'a>(
    items: &'a [(String, Result<SourceDocument, String>)],
    origin: &str,
) -> &'a SourceDocument {
    let (_, item) = items
        .iter()
        .find(|(o, _)| o == origin)
        .unwrap_or_else(|| panic!("no item {origin}"));
    item.as_ref().unwrap()
}

fn message<'a>(items: &'a [(String, Result<SourceDocument, String>)], origin: &str) -> &'a str {
    let (_, item) = items
        .iter()
        .find(|(o, _)| o == origin)
        .unwrap_or_else(|| panic!("no item {origin}"));
    item.as_ref().unwrap_err()
}

#[test]
fn walks_a_directory_in_sorted_order_skipping_hidden_entries() {
    let items = walk(&fixtures(), LocalOptions::default());
    let origins: Vec<&str> = items.iter().map(|(o, _)| o.as_str()).collect();
    assert_eq!(
        origins,
        [
            "article.html",
            "bad-date.txt:2",
            "batch.jsonl:1",
            "batch.jsonl:2",
            "batch.jsonl:3",
            "dossier/nested.md",
            "empty.html",
            "front-matter.txt",
            "image.bin",
            "invalid-utf8.txt",
            "malformed.html",
            "plain.txt",
        ]
    );
    // The same walk twice gives the same order.
    let again: Vec<String> = walk(&fixtures(), LocalOptions::default())
        .into_iter()
        .map(|(o, _)| o)
        .collect();
    assert_eq!(origins, again);
}

#[test]
fn reads_text_with_and_without_front_matter() {
    let items = walk(&fixtures(), LocalOptions::default());
    let with_header = document(&items, "front-matter.txt");
    assert_eq!(
        with_header.title.as_deref(),
        Some("Bamako expels the French ambassador")
    );
    assert_eq!(with_header.outlet.as_deref(), Some("Le Journal du Sahel"));
    assert_eq!(with_header.author.as_deref(), Some("Awa Traoré"));
    assert_eq!(with_header.published, Some(jiff::civil::date(2025, 9, 16)));
    assert_eq!(
        with_header.url.as_deref(),
        Some("https://journal.example/monde/mali-ambassadeur")
    );
    assert_eq!(with_header.language.as_deref(), Some("fr"));
    assert!(with_header.text.starts_with("La junte malienne"));
    assert_eq!(with_header.fetched_at, None);

    let without_header = document(&items, "plain.txt");
    assert_eq!(without_header.title, None);
    assert!(without_header
        .text
        .starts_with("Paris: the French government"));

    let nested = document(&items, "dossier/nested.md");
    assert_eq!(nested.title.as_deref(), Some("Nested note"));
    assert_eq!(nested.text, "A note in a subdirectory.\n");

    assert_eq!(
        message(&items, "bad-date.txt:2"),
        format!(
            "{}:2: invalid date \"yesterday\": expected YYYY-MM-DD",
            fixtures().join("bad-date.txt").display()
        )
    );
}

#[test]
fn extracts_html_main_text_and_metadata() {
    let items = walk(&fixtures(), LocalOptions::default());
    let article = document(&items, "article.html");
    assert!(article.text.contains("La junte malienne a ordonné mardi"));
    assert!(article.text.contains("drapeaux maliens et russes"));
    for boilerplate in [
        "Accueil",
        "Rechercher",
        "Mentions légales",
        "À lire aussi",
        "window.tracking",
    ] {
        assert!(
            !article.text.contains(boilerplate),
            "{boilerplate:?} in {:?}",
            article.text
        );
    }
    assert_eq!(article.outlet.as_deref(), Some("Le Journal du Sahel"));
    assert_eq!(article.author.as_deref(), Some("Awa Traoré"));
    assert_eq!(article.language.as_deref(), Some("fr"));
    assert_eq!(article.published, Some(jiff::civil::date(2025, 9, 16)));
    assert_eq!(
        article.url.as_deref(),
        Some("https://journal.example/monde/mali-ambassadeur")
    );
    assert_eq!(
        article.title.as_deref(),
        Some("Le Mali expulse l'ambassadeur de France")
    );

    // Broken markup is repaired rather than refused; a page with no text is refused.
    let malformed = document(&items, "malformed.html");
    assert!(malformed
        .text
        .contains("The ministers met in Dakar on Monday"));
    assert!(malformed.text.contains("late in the evening"));
    assert_eq!(
        message(&items, "empty.html"),
        format!("{}: no text found", fixtures().join("empty.html").display())
    );
}

#[test]
fn reads_jsonl_batches_line_by_line() {
    let items = walk(&fixtures(), LocalOptions::default());
    let first = document(&items, "batch.jsonl:1");
    assert_eq!(first.id.as_deref(), Some("a1"));
    assert_eq!(first.outlet.as_deref(), Some("Le Journal du Sahel"));
    assert_eq!(first.language.as_deref(), Some("fr"));
    assert_eq!(first.url.as_deref(), Some("https://journal.example/a1"));
    let bad = message(&items, "batch.jsonl:2");
    assert!(
        bad.starts_with(&format!(
            "{}:2: invalid JSON: EOF while parsing an object",
            fixtures().join("batch.jsonl").display()
        )),
        "{bad}"
    );
    let third = document(&items, "batch.jsonl:3");
    assert_eq!(third.published, Some(jiff::civil::date(2025, 9, 17)));
}

#[test]
fn refuses_binary_and_invalid_utf8_with_their_position() {
    let items = walk(&fixtures(), LocalOptions::default());
    assert_eq!(
        message(&items, "image.bin"),
        format!(
            "{}: the input looks binary (a NUL or control byte at byte 8), not text",
            fixtures().join("image.bin").display()
        )
    );
    assert_eq!(
        message(&items, "invalid-utf8.txt"),
        format!(
            "{}: the input is not valid UTF-8: invalid bytes at line 2, byte 47",
            fixtures().join("invalid-utf8.txt").display()
        )
    );
}

#[test]
fn refuses_files_over_the_size_limit_and_goes_on() {
    let options = LocalOptions {
        max_document_bytes: 150,
    };
    let items = walk(&fixtures(), options);
    assert_eq!(
        message(&items, "article.html"),
        format!(
            "{}: the file is 2170 bytes, more than the 150-byte limit",
            fixtures().join("article.html").display()
        )
    );
    // The JSONL lines are each under the limit except the first.
    assert!(message(&items, "batch.jsonl:1")
        .ends_with("batch.jsonl:1: the line is longer than the 150-byte limit"));
    assert!(message(&items, "front-matter.txt")
        .ends_with("the file is 292 bytes, more than the 150-byte limit"));
    assert!(document(&items, "plain.txt").text.starts_with("Paris:"));
    assert!(document(&items, "batch.jsonl:3")
        .text
        .starts_with("Paris a rappelé"));
}

#[test]
fn a_missing_path_is_an_error_and_the_next_input_is_read() {
    let missing = fixtures().join("no-such-file.txt");
    let items: Vec<_> = local_documents(
        [missing.clone(), fixtures().join("plain.txt")],
        LocalOptions::default(),
    )
    .collect();
    assert_eq!(items.len(), 2);
    let error = items[0].as_ref().unwrap_err();
    assert!(matches!(error, SourceError::Io { .. }));
    assert!(error
        .to_string()
        .starts_with(&format!("{}: cannot read: ", missing.display())));
    assert!(items[1].is_ok());
}

#[test]
fn a_hidden_file_given_explicitly_is_read() {
    let items: Vec<_> =
        local_documents([fixtures().join(".hidden.txt")], LocalOptions::default()).collect();
    assert_eq!(items[0].as_ref().unwrap().text, "hidden\n");
}

#[test]
fn bytes_without_a_name_are_sniffed() {
    let html = b"<!doctype html><html><body><p>The ministers met in Dakar on Monday to discuss the crisis in the Sahel.</p></body></html>";
    let doc = document_from_bytes(html, "standard input", None).unwrap();
    assert!(!doc.text.contains('<'));
    assert!(doc.text.contains("The ministers met in Dakar"));
    let text = document_from_bytes(b"<b> is not HTML here", "standard input", None).unwrap();
    assert_eq!(text.text, "<b> is not HTML here");
    let forced = document_from_bytes(b"plain words", "x", Some(DocumentKind::Html)).unwrap();
    assert_eq!(forced.text, "plain words");
}

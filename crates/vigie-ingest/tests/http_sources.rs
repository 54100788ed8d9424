//! Pages and feeds fetched from a server on 127.0.0.1: good RSS and Atom feeds, and every failure the
//! HTTP rules cover, each with a clear message while the rest of the run goes on.

mod common;

use std::path::Path;
use std::sync::OnceLock;

use common::{fixture_site, start, test_client, test_options, TestServer};
use vigie_ingest::{
    documents, FeedFetch, FeedSettings, FeedValidators, HttpClient, HttpOptions, LocalOptions,
    SourceError, UrlContent, USER_AGENT,
};

/// One fixture server shared by the tests of this file.
fn server() -> &'static TestServer {
    static SERVER: OnceLock<TestServer> = OnceLock::new();
    SERVER.get_or_init(|| start(fixture_site))
}

fn fetched(client: &HttpClient, path: &str) -> vigie_ingest::Feed {
    match client
        .fetch_feed(&server().url(path), &FeedValidators::default())
        .unwrap()
    {
        FeedFetch::Fetched(feed) => feed,
        FeedFetch::Unchanged => panic!("{path} reported unchanged"),
    }
}

#[test]
fn an_rss_feed_gives_one_document_per_item_and_survives_bad_items() {
    let client = test_client();
    let feed = fetched(&client, "/feeds/rss.xml");
    assert_eq!(feed.title.as_deref(), Some("Le Journal du Sahel — Monde"));
    assert_eq!(feed.language.as_deref(), Some("fr"));
    assert_eq!(feed.items.len(), 4);
    assert!(feed.validators.is_empty());
    let base = &server().base;

    let results: Vec<_> = feed.documents(&client, FeedSettings::default()).collect();
    assert_eq!(results.len(), 4);

    let mali = results[0].as_ref().unwrap();
    assert!(mali.text.starts_with("La junte malienne a ordonné mardi"));
    assert!(!mali.text.contains("Accueil"));
    assert_eq!(
        mali.title.as_deref(),
        Some("Le Mali expulse l'ambassadeur de France")
    );
    assert_eq!(mali.author.as_deref(), Some("Awa Traoré"));
    assert_eq!(mali.outlet.as_deref(), Some("Le Journal du Sahel"));
    assert_eq!(mali.language.as_deref(), Some("fr"));
    assert_eq!(mali.published, Some(jiff::civil::date(2025, 9, 16)));
    assert_eq!(
        mali.url.as_deref(),
        Some(format!("{base}/monde/mali-ambassadeur").as_str())
    );
    assert_eq!(mali.origin, format!("{base}/articles/mali.html"));
    assert!(mali.fetched_at.is_some());
    assert!(mali.diagnostics.is_empty());

    // The page is missing: the feed's summary stands in, and the document says why.
    let summit = results[1].as_ref().unwrap();
    assert_eq!(
        summit.text,
        "Les chefs d'État de la Cédéao se réunissent à Abuja.\n\nLe Mali n'y est pas invité."
    );
    assert_eq!(
        summit.diagnostics,
        [format!(
            "the page was not used ({base}/articles/missing.html: the server answered HTTP 404 Not Found); the text is the feed's summary"
        )]
    );
    assert_eq!(summit.published, Some(jiff::civil::date(2025, 9, 17)));

    // A PDF with no summary to fall back on is an error for that item only.
    let pdf = results[2].as_ref().unwrap_err();
    assert_eq!(
        pdf.to_string(),
        format!("{base}/files/report.pdf: the response is application/pdf, not an HTML page or a feed; it was not read")
    );

    // The page declares no outlet: the feed's title names it.
    let niger = results[3].as_ref().unwrap();
    assert!(niger
        .text
        .contains("Le gouvernement nigérien a rappelé jeudi"));
    assert_eq!(niger.outlet.as_deref(), Some("Le Journal du Sahel — Monde"));
}

#[test]
fn the_configuration_wins_over_what_pages_declare() {
    let client = test_client();
    let feed = fetched(&client, "/feeds/rss.xml");
    let settings = FeedSettings {
        outlet: Some("JDS".to_string()),
        language: Some("en".to_string()),
    };
    let first = feed.documents(&client, settings).next().unwrap().unwrap();
    assert_eq!(first.outlet.as_deref(), Some("JDS"));
    assert_eq!(first.language.as_deref(), Some("en"));
}

#[test]
fn an_atom_feed_resolves_relative_links_and_falls_back_on_a_slow_page() {
    let client = test_client();
    let feed = fetched(&client, "/feeds/atom.xml");
    let base = &server().base;
    assert_eq!(feed.title.as_deref(), Some("The Paper — World"));
    assert_eq!(feed.items.len(), 2);
    assert_eq!(
        feed.items[0].link.as_deref(),
        Some(format!("{base}/articles/dakar.html").as_str())
    );
    let results: Vec<_> = feed.documents(&client, FeedSettings::default()).collect();
    let dakar = results[0].as_ref().unwrap();
    assert!(dakar
        .text
        .starts_with("Foreign ministers from West Africa met in Dakar"));
    assert_eq!(dakar.author.as_deref(), Some("J. Smith"));
    assert_eq!(dakar.title.as_deref(), Some("Ministers meet in Dakar"));
    assert_eq!(dakar.outlet.as_deref(), Some("The Paper"));
    assert_eq!(dakar.language.as_deref(), Some("en"));
    assert_eq!(dakar.published, Some(jiff::civil::date(2025, 9, 18)));

    let slow = results[1].as_ref().unwrap();
    assert_eq!(
        slow.text,
        "The summary of the slow page, carried by the feed."
    );
    assert_eq!(
        slow.diagnostics,
        [format!(
            "the page was not used ({base}/slow: timed out: the overall timeout of 1s was exceeded); the text is the feed's summary"
        )]
    );
}

#[test]
fn a_malformed_feed_is_a_clear_error() {
    let error = test_client()
        .fetch_feed(
            &server().url("/feeds/malformed.xml"),
            &FeedValidators::default(),
        )
        .unwrap_err();
    assert!(matches!(error, SourceError::BadFeed { .. }));
    let message = error.to_string();
    assert!(
        message.starts_with(&format!(
            "{}/feeds/malformed.xml: not a readable RSS or Atom feed: ",
            server().base
        )),
        "{message}"
    );
}

#[test]
fn a_missing_feed_is_a_clear_error() {
    let error = test_client()
        .fetch_feed(&server().url("/feeds/gone.xml"), &FeedValidators::default())
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        format!(
            "{}/feeds/gone.xml: the server answered HTTP 404 Not Found",
            server().base
        )
    );
}

#[test]
fn conditional_get_reports_an_unchanged_feed() {
    let client = test_client();
    let url = server().url("/feeds/conditional.xml");
    let first = match client.fetch_feed(&url, &FeedValidators::default()).unwrap() {
        FeedFetch::Fetched(feed) => feed,
        FeedFetch::Unchanged => panic!("the first fetch cannot be unchanged"),
    };
    assert_eq!(
        first.validators,
        FeedValidators {
            etag: Some("\"v1\"".to_string()),
            last_modified: Some("Tue, 16 Sep 2025 08:00:00 GMT".to_string()),
        }
    );
    let second = client.fetch_feed(&url, &first.validators).unwrap();
    assert!(matches!(second, FeedFetch::Unchanged));

    let requests = server().requests_for("/feeds/conditional.xml");
    let last = requests.last().unwrap();
    assert_eq!(last.header("If-None-Match"), Some("\"v1\""));
    assert_eq!(
        last.header("If-Modified-Since"),
        Some("Tue, 16 Sep 2025 08:00:00 GMT")
    );
    // A changed validator fetches the feed again.
    let stale = FeedValidators {
        etag: Some("\"v0\"".to_string()),
        last_modified: None,
    };
    assert!(matches!(
        client.fetch_feed(&url, &stale).unwrap(),
        FeedFetch::Fetched(_)
    ));
}

#[test]
fn pages_are_fetched_within_the_rules() {
    let client = test_client();
    let base = &server().base;
    let message = |path: &str| {
        client
            .fetch_page(&server().url(path))
            .unwrap_err()
            .to_string()
    };

    let page = client
        .fetch_page(&server().url("/articles/dakar.html"))
        .unwrap();
    assert!(page.text.contains("met in Dakar on Thursday"));
    assert_eq!(
        page.url.as_deref(),
        Some(format!("{base}/articles/dakar.html").as_str())
    );

    assert_eq!(
        message("/nowhere"),
        format!("{base}/nowhere: the server answered HTTP 404 Not Found")
    );
    assert_eq!(
        message("/broken"),
        format!("{base}/broken: the server answered HTTP 500 Internal Server Error")
    );
    assert_eq!(
        message("/slow"),
        format!("{base}/slow: timed out: the overall timeout of 1s was exceeded")
    );
    for huge in ["/huge", "/huge-stream"] {
        assert_eq!(
            message(huge),
            format!("{base}{huge}: the response is larger than the 65536-byte limit; it was not read further")
        );
    }
    assert_eq!(
        message("/files/report.pdf"),
        format!("{base}/files/report.pdf: the response is application/pdf, not an HTML page or a feed; it was not read")
    );
    assert_eq!(
        message("/files/photo.png"),
        format!("{base}/files/photo.png: the response is image/png, not an HTML page or a feed; it was not read")
    );
    assert_eq!(
        message("/feeds/rss.xml"),
        format!("{base}/feeds/rss.xml: the response is application/rss+xml, not an HTML page or a feed; it was not read")
    );
}

#[test]
fn redirects_are_followed_up_to_the_bound() {
    let client = test_client();
    let base = &server().base;
    let page = client.fetch_page(&server().url("/redirect/3")).unwrap();
    assert!(page.text.contains("met in Dakar on Thursday"));
    // The document's URL is where the redirects led, its origin what was asked for.
    assert_eq!(
        page.url.as_deref(),
        Some(format!("{base}/articles/dakar.html").as_str())
    );
    assert_eq!(page.origin, format!("{base}/redirect/3"));

    let error = client.fetch_page(&server().url("/redirect/7")).unwrap_err();
    assert_eq!(
        error.to_string(),
        format!("{base}/redirect/7: more than 5 redirects")
    );

    let no_redirects = HttpClient::new(HttpOptions {
        max_redirects: 0,
        ..test_options()
    });
    let error = no_redirects
        .fetch_page(&server().url("/redirect/0"))
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        format!("{base}/redirect/0: more than 0 redirects")
    );
}

#[test]
fn plain_text_and_legacy_charsets_are_read() {
    let client = test_client();
    let notes = client.fetch_page(&server().url("/notes.txt")).unwrap();
    assert_eq!(notes.text, "The ministers met in Dakar.\n");
    let latin = client
        .fetch_page(&server().url("/articles/latin1.html"))
        .unwrap();
    assert_eq!(
        latin.text,
        "Le président a reçu l'ambassadeur à l'Élysée mardi."
    );
}

#[test]
fn every_request_names_vigie() {
    let client = test_client();
    client
        .fetch_page(&server().url("/articles/niger.html"))
        .unwrap();
    let requests = server().requests_for("/articles/niger.html");
    assert!(!requests.is_empty());
    for request in requests {
        assert_eq!(request.header("User-Agent"), Some(USER_AGENT));
    }
}

#[test]
fn unreachable_servers_and_bad_urls_are_clear_errors() {
    let client = test_client();
    // A port that was just free: nothing listens there.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("http://127.0.0.1:{port}/feed.xml");
    let error = client
        .fetch_feed(&url, &FeedValidators::default())
        .unwrap_err();
    assert!(matches!(error, SourceError::Network { .. }), "{error:?}");
    assert!(
        error.to_string().starts_with(&format!("{url}: ")),
        "{error}"
    );

    let error = client
        .fetch_page("ftp://example.invalid/a.html")
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "ftp://example.invalid/a.html: not a usable URL: only http and https URLs are fetched"
    );
}

#[test]
fn a_url_is_read_as_a_feed_or_a_page_from_its_response() {
    let client = test_client();
    match client.fetch_url(&server().url("/feeds/atom.xml")).unwrap() {
        UrlContent::Feed(feed) => assert_eq!(feed.items.len(), 2),
        UrlContent::Page(_) => panic!("the Atom feed was read as a page"),
    }
    match client
        .fetch_url(&server().url("/articles/mali.html"))
        .unwrap()
    {
        UrlContent::Page(page) => assert!(page.text.contains("La junte malienne")),
        UrlContent::Feed(_) => panic!("the page was read as a feed"),
    }
}

#[test]
fn mixed_inputs_are_read_in_order_and_errors_do_not_stop_the_run() {
    let client = test_client();
    let local = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/local/plain.txt");
    let inputs = vec![
        server().url("/articles/niger.html"),
        server().url("/nowhere"),
        local.display().to_string(),
        server().url("/feeds/rss.xml"),
    ];
    let results: Vec<_> = documents(inputs, LocalOptions::default(), &client).collect();
    let summary: Vec<String> = results
        .iter()
        .map(|r| match r {
            Ok(doc) => format!("ok {}", doc.origin.rsplit('/').next().unwrap()),
            Err(e) => format!("error {}", e.location().rsplit('/').next().unwrap()),
        })
        .collect();
    assert_eq!(
        summary,
        [
            "ok niger.html",
            "error nowhere",
            "ok plain.txt",
            "ok mali.html",
            "ok missing.html",
            "error report.pdf",
            "ok niger.html",
        ]
    );
}

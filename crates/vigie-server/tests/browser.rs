//! The dashboard in a real browser: headless Chromium against a server loaded with the example corpus.
//! It renders the France–Mali pair page (chart and event table with the September 2025 events), goes
//! to the article an event row links to, checks that a hostile article stays inert, and saves
//! screenshots under `target/screenshots/` for a person to look at. Skipped, with a message, when
//! Chromium is not installed (`apt-get install -y chromium`).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

/// The browser: `$CHROMIUM`, else the first of the usual names found on the `PATH`.
fn chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    let names = ["chromium", "chromium-browser", "google-chrome", "chrome"];
    let dirs = std::env::var_os("PATH")?;
    std::env::split_paths(&dirs)
        .flat_map(|dir| names.iter().map(move |n| dir.join(n)))
        .find(|p| p.is_file())
}

fn screenshot_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| common::workspace().join("target"));
    let dir = target.join("screenshots");
    std::fs::create_dir_all(&dir).expect("screenshot directory");
    dir.canonicalize().unwrap_or(dir)
}

struct Browser {
    binary: PathBuf,
}

impl Browser {
    /// Runs Chromium once on `url` with a fresh profile and no background traffic; `what` is
    /// `--dump-dom` or `--screenshot=…`.
    fn run(&self, what: &str, url: &str) -> String {
        let profile = tempfile::tempdir().expect("profile directory");
        let output = Command::new(&self.binary)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                "--window-size=1280,2000",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg(what)
            .arg(url)
            .output()
            .expect("chromium runs");
        assert!(
            output.status.success(),
            "chromium failed on {url}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    fn dom(&self, url: &str) -> String {
        self.run("--dump-dom", url)
    }

    fn screenshot(&self, url: &str, path: &Path) {
        let _ = std::fs::remove_file(path);
        self.run(&format!("--screenshot={}", path.display()), url);
        let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
        assert!(size > 10_000, "{} is {size} bytes", path.display());
        println!("screenshot: {}", path.display());
    }
}

/// The text between `start` and the next `end` after it.
fn between<'a>(text: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let from = text.find(start)? + start.len();
    let len = text[from..].find(end)?;
    Some(&text[from..from + len])
}

#[test]
fn the_dashboard_renders_in_headless_chromium() {
    let Some(binary) = chromium() else {
        println!(
            "skipped: Chromium is not installed (apt-get install -y chromium, or set CHROMIUM)"
        );
        return;
    };
    let browser = Browser { binary };
    let dir = tempfile::tempdir().expect("temporary directory");
    let db = dir.path().join("corpus.db");
    let hostile = common::fill_store(&db);
    let server = common::start(&db, None, 64 * 1024);
    let base = server.url();
    let shots = screenshot_dir();

    // The pair page: the chart and the event table, newest first, with the September 2025 events.
    let pair_url = format!("{base}/pair/FRA/MLI?lang=en");
    let dom = browser.dom(&pair_url);
    assert!(
        dom.contains("<svg class=\"chart\""),
        "the chart is rendered"
    );
    let chart = between(&dom, "<svg class=\"chart\"", "</svg>").expect("the chart's markup");
    assert!(chart.matches("<rect").count() >= 20, "bars in the chart");
    assert!(chart.contains("<polyline"), "the score line");
    assert!(chart.contains("class=\"notable\""), "notable points");
    let table = between(&dom, "<table class=\"events\" id=\"events\">", "</table>")
        .expect("the event table");
    let september_rows = table.matches("<td class=\"date\">2025-09-").count();
    assert!(
        september_rows >= 5,
        "{september_rows} September 2025 events"
    );
    assert!(
        table.contains("<mark class=\"hl-trigger\">"),
        "triggers are highlighted"
    );
    assert!(table.contains("class=\"badge modality-"), "modality badges");
    browser.screenshot(&pair_url, &shots.join("pair-fra-mli.png"));
    browser.screenshot(
        &format!("{base}/pair/FRA/MLI?lang=fr&by=week&from=2025-01-01"),
        &shots.join("pair-fra-mli-weeks-fr.png"),
    );

    // Follow the first event's article link.
    let href = between(table, "<a class=\"article-link\" href=\"", "\"").expect("an article link");
    assert!(
        href.starts_with("/article/") && href.contains("#event-"),
        "{href}"
    );
    let title = between(table, &format!("href=\"{href}\">"), "</a>").expect("link text");
    let article_url = format!("{base}{href}");
    let article = browser.dom(&article_url);
    let h1 = between(&article, "<h1>", "</h1>").expect("the article's title");
    assert_eq!(h1.trim(), title.trim());
    let anchor = href.split('#').nth(1).expect("an anchor");
    assert!(
        article.contains(&format!("id=\"{anchor}\"")),
        "the event's sentence is anchored"
    );
    let text = between(&article, "<div class=\"article-text\"", "</div>").expect("the text");
    for kind in ["hl-trigger", "hl-actor"] {
        assert!(
            text.contains(&format!("<mark class=\"{kind}\"")),
            "{kind} highlighted"
        );
    }
    browser.screenshot(&article_url, &shots.join("article.png"));
    browser.screenshot(&format!("{base}/?lang=fr"), &shots.join("overview-fr.png"));

    // The hostile article: its markup is text in the DOM, and nothing of it became an element.
    let hostile_url = format!("{base}/article/{hostile}");
    let hostile_dom = browser.dom(&hostile_url);
    assert!(hostile_dom.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(hostile_dom.contains("&lt;img src=x onerror=alert(2)&gt;"));
    assert!(!hostile_dom.contains("<script"), "no script element");
    assert!(!hostile_dom.contains("<img"), "no image element");
    assert!(
        !hostile_dom.contains("<b onmouseover"),
        "no injected bold element"
    );
    // The text's own `<a href="javascript:…">` is serialised as text (`&lt;a href=…`); a link element
    // would show as `<a … href="javascript:`.
    for (at, _) in hostile_dom.match_indices("href=\"javascript:") {
        assert!(
            hostile_dom[..at].ends_with("&lt;a "),
            "a javascript: link element: {}",
            &hostile_dom[at.saturating_sub(80)..at + 40]
        );
    }
    browser.screenshot(&hostile_url, &shots.join("article-hostile.png"));
    server.stop().expect("stops");
}

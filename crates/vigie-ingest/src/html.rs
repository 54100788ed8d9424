//! HTML articles: the main text without navigation, footers and other boilerplate (Readability's
//! algorithm), and the metadata a page declares about itself.

use dom_query::Document;
use dom_smoothie::{Config, Readability, TextMode};
use jiff::civil::Date;

use crate::document::{non_empty, normalize_language, parse_published, tidy_text};

/// What a page says about itself, besides its main text.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct HtmlArticle {
    pub title: Option<String>,
    pub author: Option<String>,
    pub outlet: Option<String>,
    pub language: Option<String>,
    pub published: Option<Date>,
    pub canonical_url: Option<String>,
    pub text: String,
}

/// Extracts the article of a page, or `None` when the page has no main text. `page_url`, when known,
/// resolves relative canonical links; without it only absolute ones are kept. HTML parsing itself never
/// fails: malformed markup is repaired the way browsers repair it.
pub(crate) fn extract_article(html: &str, page_url: Option<&str>) -> Option<HtmlArticle> {
    let page_url = page_url.and_then(|u| url::Url::parse(u).ok());
    let document = Document::from(html);
    // Readability edits the tree it reads, so the links and times it does not look at are read first.
    let canonical_url = first_attr(&document, "link[rel~=canonical][href]", "href")
        .or_else(|| first_attr(&document, "meta[property=\"og:url\"][content]", "content"))
        .and_then(|href| absolute_url(&href, page_url.as_ref()));
    let time_published = first_attr(&document, "time[datetime]", "datetime")
        .or_else(|| first_attr(&document, "[itemprop=datePublished][content]", "content"))
        .or_else(|| first_attr(&document, "[itemprop=datePublished][datetime]", "datetime"));
    let config = Config {
        text_mode: TextMode::Formatted,
        ..Config::default()
    };
    let mut readability = Readability::with_document(
        document,
        page_url.as_ref().map(url::Url::as_str),
        Some(config),
    )
    .ok()?;
    let article = readability.parse().ok()?;
    let text = tidy_text(&article.text_content);
    if text.is_empty() {
        return None;
    }
    let published = article
        .published_time
        .as_deref()
        .and_then(parse_published)
        .or_else(|| time_published.as_deref().and_then(parse_published));
    let outlet = article.site_name.as_deref().and_then(non_empty);
    Some(HtmlArticle {
        title: non_empty(without_outlet_suffix(&article.title, outlet.as_deref())),
        author: article.byline.as_deref().and_then(non_empty),
        outlet,
        language: article.lang.as_deref().and_then(normalize_language),
        published,
        canonical_url,
        text,
    })
}

/// Drops the " | Outlet" or " - Outlet" that pages append to their titles, when the outlet is known.
fn without_outlet_suffix<'a>(title: &'a str, outlet: Option<&str>) -> &'a str {
    let title = title.trim();
    let Some(outlet) = outlet else {
        return title;
    };
    let Some(rest) = title.strip_suffix(outlet) else {
        return title;
    };
    let rest = rest.trim_end();
    for separator in ["|", "-", "\u{2013}", "\u{2014}", "::", "\u{b7}", "/"] {
        if let Some(headline) = rest.strip_suffix(separator) {
            if !headline.trim().is_empty() {
                return headline.trim_end();
            }
        }
    }
    title
}

/// The text of an HTML fragment such as a feed item's content, paragraphs kept apart.
pub(crate) fn fragment_text(html: &str) -> String {
    tidy_text(&Document::fragment(html).formatted_text())
}

fn first_attr(document: &Document, selector: &str, attr: &str) -> Option<String> {
    document
        .try_select(selector)?
        .first()
        .attr(attr)
        .and_then(|v| non_empty(&*v))
}

/// Resolves a link against the page's URL; a relative link with no page URL to resolve it is dropped.
fn absolute_url(href: &str, page_url: Option<&url::Url>) -> Option<String> {
    let resolved = match page_url {
        Some(base) => base.join(href).ok()?,
        None => url::Url::parse(href).ok()?,
    };
    matches!(resolved.scheme(), "http" | "https").then(|| resolved.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!DOCTYPE html>
<html lang="fr-FR"><head>
<title>Le Mali expulse l'ambassadeur - Le Journal</title>
<meta property="og:site_name" content="Le Journal">
<meta property="article:published_time" content="2025-09-16T08:00:00+02:00">
<meta name="author" content="Awa Traoré">
<link rel="canonical" href="/monde/mali-ambassadeur">
</head><body>
<nav><a href="/">Accueil</a> <a href="/monde">Monde</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Le Mali expulse l'ambassadeur</h1>
<p>La junte malienne a ordonné mardi l'expulsion de l'ambassadeur de France, accusé d'ingérence dans
les affaires intérieures du pays. Le diplomate dispose de soixante-douze heures pour quitter le territoire,
selon un communiqué lu à la télévision nationale.</p>
<p>Paris a aussitôt dénoncé une décision « injustifiée » et annoncé le rappel de son propre ambassadeur
pour consultations, tout en appelant au dialogue avec les autorités de transition.</p>
</article>
<footer>© Le Journal — Mentions légales — Abonnez-vous à notre lettre</footer>
</body></html>"#;

    #[test]
    fn extracts_text_and_metadata() {
        let article = extract_article(PAGE, Some("https://journal.example/monde/123")).unwrap();
        assert!(article.text.contains("La junte malienne a ordonné mardi"));
        assert!(article.text.contains("\n\nParis a aussitôt dénoncé"));
        assert!(!article.text.contains("Accueil"), "{}", article.text);
        assert!(
            !article.text.contains("Mentions légales"),
            "{}",
            article.text
        );
        assert_eq!(article.outlet.as_deref(), Some("Le Journal"));
        assert_eq!(article.author.as_deref(), Some("Awa Traoré"));
        assert_eq!(article.language.as_deref(), Some("fr"));
        assert_eq!(article.published, Some(jiff::civil::date(2025, 9, 16)));
        assert_eq!(
            article.canonical_url.as_deref(),
            Some("https://journal.example/monde/mali-ambassadeur")
        );
        assert!(article.title.unwrap().contains("Le Mali expulse"));
    }

    #[test]
    fn relative_canonical_links_need_a_page_url() {
        let article = extract_article(PAGE, None).unwrap();
        assert_eq!(article.canonical_url, None);
    }

    #[test]
    fn an_empty_page_has_no_article() {
        assert_eq!(
            extract_article("<html><body><nav></nav></body></html>", None),
            None
        );
        assert_eq!(extract_article("", None), None);
    }

    #[test]
    fn titles_lose_the_outlet_suffix() {
        let strip = without_outlet_suffix;
        assert_eq!(
            strip("Ministers meet | The Paper", Some("The Paper")),
            "Ministers meet"
        );
        assert_eq!(
            strip("Un titre \u{2014} Le Journal", Some("Le Journal")),
            "Un titre"
        );
        assert_eq!(strip("The Paper", Some("The Paper")), "The Paper");
        assert_eq!(strip("Read The Paper", Some("The Paper")), "Read The Paper");
        assert_eq!(
            strip("Ministers meet | The Paper", None),
            "Ministers meet | The Paper"
        );
    }

    #[test]
    fn fragments_keep_their_paragraphs() {
        assert_eq!(
            fragment_text("<p>Un.</p><p>Deux <b>trois</b>.</p>"),
            "Un.\n\nDeux trois."
        );
    }
}

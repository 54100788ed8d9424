//! The dashboard's two languages: choosing one per request (`?lang=`, then the `vigie_lang` cookie,
//! then the browser's `Accept-Language`), and every text the pages show, in French and English.

use axum::http::{header, HeaderMap};
use vigie_core::coder::Modality;
use vigie_store::series::NotableKind;
use vigie_store::Period;

/// The cookie that remembers a reader's choice of language.
pub const COOKIE: &str = "vigie_lang";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UiLang {
    Fr,
    En,
}

impl UiLang {
    pub fn code(self) -> &'static str {
        match self {
            UiLang::Fr => "fr",
            UiLang::En => "en",
        }
    }

    pub fn parse(code: &str) -> Option<UiLang> {
        let primary = code.trim().split(['-', '_']).next().unwrap_or("");
        if primary.eq_ignore_ascii_case("fr") {
            Some(UiLang::Fr)
        } else if primary.eq_ignore_ascii_case("en") {
            Some(UiLang::En)
        } else {
            None
        }
    }

    pub fn other(self) -> UiLang {
        match self {
            UiLang::Fr => UiLang::En,
            UiLang::En => UiLang::Fr,
        }
    }

    /// The language's own name, for the switch link.
    pub fn name(self) -> &'static str {
        match self {
            UiLang::Fr => "Français",
            UiLang::En => "English",
        }
    }

    pub fn texts(self) -> &'static Texts {
        match self {
            UiLang::Fr => &FR,
            UiLang::En => &EN,
        }
    }

    pub fn modality(self, m: Modality) -> &'static str {
        let fr = self == UiLang::Fr;
        match m {
            Modality::Asserted => pick(fr, "affirmé", "asserted"),
            Modality::Reported => pick(fr, "rapporté", "reported"),
            Modality::Alleged => pick(fr, "allégué", "alleged"),
            Modality::Planned => pick(fr, "prévu", "planned"),
            Modality::Threatened => pick(fr, "menacé", "threatened"),
            Modality::Hypothetical => pick(fr, "hypothétique", "hypothetical"),
            Modality::Negated => pick(fr, "démenti", "negated"),
        }
    }

    /// The name of a quad class (1 to 4).
    pub fn quad(self, quad: u8) -> &'static str {
        let t = self.texts();
        match quad {
            1 => t.quad1,
            2 => t.quad2,
            3 => t.quad3,
            4 => t.quad4,
            _ => "?",
        }
    }

    pub fn period(self, period: Period) -> &'static str {
        let fr = self == UiLang::Fr;
        match period {
            Period::Day => pick(fr, "jour", "day"),
            Period::Week => pick(fr, "semaine", "week"),
            Period::Month => pick(fr, "mois", "month"),
        }
    }

    fn periods(self, period: Period, n: usize) -> String {
        let fr = self == UiLang::Fr;
        let word = match (period, n > 1) {
            (Period::Day, false) => pick(fr, "jour", "day"),
            (Period::Day, true) => pick(fr, "jours", "days"),
            (Period::Week, false) => pick(fr, "semaine", "week"),
            (Period::Week, true) => pick(fr, "semaines", "weeks"),
            (Period::Month, _) if fr => "mois",
            (Period::Month, false) => "month",
            (Period::Month, true) => "months",
        };
        format!("{n} {word}")
    }

    /// Why a point of a series is notable, in words.
    pub fn notable(self, kind: &NotableKind, period: Period) -> String {
        match (self, kind) {
            (UiLang::Fr, NotableKind::Lowest { since: None, .. }) => {
                "score le plus bas jamais relevé".to_string()
            }
            (UiLang::En, NotableKind::Lowest { since: None, .. }) => {
                "lowest score on record".to_string()
            }
            (UiLang::Fr, NotableKind::Lowest { periods, .. }) => {
                format!(
                    "score le plus bas depuis {}",
                    self.periods(period, *periods)
                )
            }
            (UiLang::En, NotableKind::Lowest { periods, .. }) => {
                format!("lowest score in {}", self.periods(period, *periods))
            }
            (UiLang::Fr, NotableKind::Drop { baseline, drop }) => format!(
                "chute de {drop:.1} points sous la moyenne des périodes précédentes ({baseline:+.1})"
            ),
            (UiLang::En, NotableKind::Drop { baseline, drop }) => format!(
                "score fell {drop:.1} points below the mean of the previous periods ({baseline:+.1})"
            ),
        }
    }

    /// `n` and its noun, singular or plural by each language's rule (French: 0 and 1 are singular).
    pub fn count(self, n: u64, fr: (&str, &str), en: (&str, &str)) -> String {
        let ((one, many), singular) = match self {
            UiLang::Fr => (fr, n <= 1),
            UiLang::En => (en, n == 1),
        };
        format!("{n} {}", if singular { one } else { many })
    }

    pub fn reports(self, articles: u64, sources: u64) -> String {
        let articles = self.count(articles, ("article", "articles"), ("article", "articles"));
        let sources = self.count(sources, ("source", "sources"), ("source", "sources"));
        match self {
            UiLang::Fr => format!("rapporté par {articles} de {sources}"),
            UiLang::En => format!("reported by {articles} from {sources}"),
        }
    }
}

fn pick(fr: bool, french: &'static str, english: &'static str) -> &'static str {
    if fr {
        french
    } else {
        english
    }
}

/// The language of a request: `?lang=` wins, then the cookie, then `Accept-Language`; English when
/// nothing says.
pub fn negotiate(query_lang: Option<&str>, headers: &HeaderMap) -> UiLang {
    if let Some(lang) = query_lang.and_then(UiLang::parse) {
        return lang;
    }
    if let Some(lang) = cookie_lang(headers) {
        return lang;
    }
    headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(accept_language)
        .unwrap_or(UiLang::En)
}

fn cookie_lang(headers: &HeaderMap) -> Option<UiLang> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .and_then(|(_, value)| UiLang::parse(value))
}

/// The supported language with the highest weight in an `Accept-Language` header.
fn accept_language(header: &str) -> Option<UiLang> {
    let mut best: Option<(f32, UiLang)> = None;
    for item in header.split(',') {
        let mut parts = item.split(';');
        let Some(lang) = parts.next().and_then(UiLang::parse) else {
            continue;
        };
        let weight = parts
            .filter_map(|p| p.trim().strip_prefix("q="))
            .find_map(|q| q.trim().parse::<f32>().ok())
            .unwrap_or(1.0);
        if weight > 0.0 && best.is_none_or(|(w, _)| weight > w) {
            best = Some((weight, lang));
        }
    }
    best.map(|(_, lang)| lang)
}

/// Every fixed text of the dashboard.
pub struct Texts {
    pub skip: &'static str,
    pub nav_label: &'static str,
    pub overview: &'static str,
    pub search: &'static str,
    pub api: &'static str,
    pub language: &'static str,
    pub footer: &'static str,
    pub most_active: &'static str,
    pub fastest_changing: &'static str,
    pub latest_events: &'static str,
    pub search_label: &'static str,
    pub search_button: &'static str,
    pub pair: &'static str,
    pub events: &'static str,
    pub mean_goldstein: &'static str,
    pub before: &'static str,
    pub recent: &'static str,
    pub change: &'static str,
    pub empty_store: &'static str,
    pub no_pairs: &'static str,
    pub range: &'static str,
    pub recent_from: &'static str,
    pub relations: &'static str,
    pub chart_title: &'static str,
    pub chart_desc: &'static str,
    pub quad1: &'static str,
    pub quad2: &'static str,
    pub quad3: &'static str,
    pub quad4: &'static str,
    pub score: &'static str,
    pub notable_marker: &'static str,
    pub notable_points: &'static str,
    pub no_notable: &'static str,
    pub by: &'static str,
    pub direction: &'static str,
    pub both_directions: &'static str,
    pub filters: &'static str,
    pub event_type: &'static str,
    pub modality: &'static str,
    pub quad: &'static str,
    pub from: &'static str,
    pub to: &'static str,
    pub any: &'static str,
    pub apply: &'static str,
    pub reset: &'static str,
    pub date: &'static str,
    pub event: &'static str,
    pub actors: &'static str,
    pub evidence: &'static str,
    pub article: &'static str,
    pub reports: &'static str,
    pub older: &'static str,
    pub newest: &'static str,
    pub no_events: &'static str,
    pub no_series: &'static str,
    pub published: &'static str,
    pub outlet: &'static str,
    pub author: &'static str,
    pub original: &'static str,
    pub legend: &'static str,
    pub actor: &'static str,
    pub place: &'static str,
    pub trigger: &'static str,
    pub coded_events: &'static str,
    pub no_coded_events: &'static str,
    pub text: &'static str,
    pub event_title: &'static str,
    pub every_report: &'static str,
    pub results_for: &'static str,
    pub no_results: &'static str,
    pub search_hint: &'static str,
    pub not_found: &'static str,
    pub bad_request: &'static str,
    pub server_error: &'static str,
    pub back_home: &'static str,
    pub untitled: &'static str,
    pub view_pair: &'static str,
    pub unknown: &'static str,
    pub periods_shown: &'static str,
}

pub static EN: Texts = Texts {
    skip: "Skip to content",
    nav_label: "Main",
    overview: "Overview",
    search: "Search",
    api: "API",
    language: "Language",
    footer: "vigie: political events from French and English news. Data as coded, with its evidence.",
    most_active: "Most active pairs",
    fastest_changing: "Fastest-changing pairs",
    latest_events: "Latest events",
    search_label: "Search the articles",
    search_button: "Search",
    pair: "Pair",
    events: "Events",
    mean_goldstein: "Mean Goldstein",
    before: "Before",
    recent: "Recent",
    change: "Change",
    empty_store: "The store holds no events yet.",
    no_pairs: "No pair has enough events in both windows.",
    range: "Period",
    recent_from: "recent window from",
    relations: "Relations",
    chart_title: "Events per period by quad class, and the smoothed Goldstein score",
    chart_desc: "Stacked bars count the real-world events of each period by quad class; the line is the smoothed Goldstein score from −10 (conflict) to +10 (cooperation); triangles mark notable low points.",
    quad1: "Verbal cooperation",
    quad2: "Material cooperation",
    quad3: "Verbal conflict",
    quad4: "Material conflict",
    score: "Score",
    notable_marker: "Notable low point",
    notable_points: "Notable points",
    no_notable: "No notable point in this range.",
    by: "By",
    direction: "Direction",
    both_directions: "Both directions",
    filters: "Filter the events",
    event_type: "Event type",
    modality: "Modality",
    quad: "Quad class",
    from: "From",
    to: "To",
    any: "Any",
    apply: "Apply",
    reset: "Reset",
    date: "Date",
    event: "Event",
    actors: "Actors",
    evidence: "Evidence",
    article: "Article",
    reports: "Reports",
    older: "Older events",
    newest: "Latest events",
    no_events: "No events match.",
    no_series: "No events for this pair in this range.",
    published: "Published",
    outlet: "Outlet",
    author: "Author",
    original: "Original article",
    legend: "Highlighted",
    actor: "actor",
    place: "place",
    trigger: "event trigger",
    coded_events: "Coded events",
    no_coded_events: "No event was coded in this article.",
    text: "Text",
    event_title: "Event",
    every_report: "Every report",
    results_for: "Results for",
    no_results: "No article matches.",
    search_hint: "Every word must occur; end a word with * to match its beginning.",
    not_found: "Not found",
    bad_request: "Bad request",
    server_error: "Server error",
    back_home: "Back to the overview",
    untitled: "(untitled)",
    view_pair: "relations",
    unknown: "unknown",
    periods_shown: "periods",
};

pub static FR: Texts = Texts {
    skip: "Aller au contenu",
    nav_label: "Principale",
    overview: "Vue d'ensemble",
    search: "Recherche",
    api: "API",
    language: "Langue",
    footer: "vigie : événements politiques tirés de la presse en français et en anglais. Données telles que codées, avec leurs extraits.",
    most_active: "Paires les plus actives",
    fastest_changing: "Relations qui changent le plus vite",
    latest_events: "Derniers événements",
    search_label: "Rechercher dans les articles",
    search_button: "Rechercher",
    pair: "Paire",
    events: "Événements",
    mean_goldstein: "Goldstein moyen",
    before: "Avant",
    recent: "Récent",
    change: "Évolution",
    empty_store: "La base ne contient encore aucun événement.",
    no_pairs: "Aucune paire n'a assez d'événements dans les deux fenêtres.",
    range: "Période",
    recent_from: "fenêtre récente depuis le",
    relations: "Relations",
    chart_title: "Événements par période et par classe, et score de Goldstein lissé",
    chart_desc: "Les barres empilées comptent les événements réels de chaque période par classe ; la ligne est le score de Goldstein lissé, de −10 (conflit) à +10 (coopération) ; les triangles marquent les points bas notables.",
    quad1: "Coopération verbale",
    quad2: "Coopération matérielle",
    quad3: "Conflit verbal",
    quad4: "Conflit matériel",
    score: "Score",
    notable_marker: "Point bas notable",
    notable_points: "Points notables",
    no_notable: "Aucun point notable sur cette période.",
    by: "Par",
    direction: "Sens",
    both_directions: "Dans les deux sens",
    filters: "Filtrer les événements",
    event_type: "Type d'événement",
    modality: "Modalité",
    quad: "Classe",
    from: "Du",
    to: "Au",
    any: "Tous",
    apply: "Appliquer",
    reset: "Réinitialiser",
    date: "Date",
    event: "Événement",
    actors: "Acteurs",
    evidence: "Extrait",
    article: "Article",
    reports: "Articles",
    older: "Événements plus anciens",
    newest: "Derniers événements",
    no_events: "Aucun événement ne correspond.",
    no_series: "Aucun événement pour cette paire sur cette période.",
    published: "Publié le",
    outlet: "Média",
    author: "Auteur",
    original: "Article original",
    legend: "En surbrillance",
    actor: "acteur",
    place: "lieu",
    trigger: "déclencheur de l'événement",
    coded_events: "Événements codés",
    no_coded_events: "Aucun événement n'a été codé dans cet article.",
    text: "Texte",
    event_title: "Événement",
    every_report: "Tous les articles qui le rapportent",
    results_for: "Résultats pour",
    no_results: "Aucun article ne correspond.",
    search_hint: "Chaque mot doit figurer ; terminez un mot par * pour en chercher le début.",
    not_found: "Page introuvable",
    bad_request: "Requête invalide",
    server_error: "Erreur du serveur",
    back_home: "Retour à la vue d'ensemble",
    untitled: "(sans titre)",
    view_pair: "relations",
    unknown: "inconnu",
    periods_shown: "périodes",
};

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(header::HeaderName, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (name, value) in pairs {
            h.append(name.clone(), HeaderValue::from_static(value));
        }
        h
    }

    #[test]
    fn query_then_cookie_then_accept_language() {
        let browser = headers(&[(header::ACCEPT_LANGUAGE, "fr-FR,fr;q=0.9,en;q=0.8")]);
        assert_eq!(negotiate(None, &browser), UiLang::Fr);
        assert_eq!(negotiate(Some("en"), &browser), UiLang::En);
        let cookie = headers(&[
            (header::ACCEPT_LANGUAGE, "fr"),
            (header::COOKIE, "a=b; vigie_lang=en"),
        ]);
        assert_eq!(negotiate(None, &cookie), UiLang::En);
        assert_eq!(negotiate(Some("de"), &cookie), UiLang::En);
        let weighted = headers(&[(header::ACCEPT_LANGUAGE, "de, en;q=0.5, fr;q=0.7")]);
        assert_eq!(negotiate(None, &weighted), UiLang::Fr);
        assert_eq!(negotiate(None, &HeaderMap::new()), UiLang::En);
        let refused = headers(&[(header::ACCEPT_LANGUAGE, "fr;q=0, en;q=0.1")]);
        assert_eq!(negotiate(None, &refused), UiLang::En);
    }

    #[test]
    fn notable_points_in_both_languages() {
        let low = NotableKind::Lowest {
            periods: 24,
            since: Some(jiff::civil::date(2023, 9, 1)),
        };
        assert_eq!(
            UiLang::Fr.notable(&low, Period::Month),
            "score le plus bas depuis 24 mois"
        );
        assert_eq!(
            UiLang::En.notable(&low, Period::Month),
            "lowest score in 24 months"
        );
        assert_eq!(
            UiLang::Fr.reports(2, 1),
            "rapporté par 2 articles de 1 source"
        );
    }
}

//! Cross-article deduplication rules: when two coded events are the same real-world event, the order
//! of modalities, and what a cluster shows (its representative event, counts and report dates) as a
//! pure function of its members. Storage backends apply these rules; they do not restate them.
//!
//! An event joins an existing cluster when all of these hold:
//! - the same PLOVER event type;
//! - the same set of actor codes and the same set of recipient codes (a participant's code, else its
//!   country; an empty side only matches an empty side, and an event with both sides empty is never
//!   merged);
//! - compatible sectors on each side and compatible modes: equal, or one of them missing;
//! - compatible dates against the cluster's anchor (the date of its first member): two day-precision
//!   dates at most [`DAY_WINDOW`] days apart; otherwise the two intervals overlap once each
//!   day-precision date is widened by [`DAY_WINDOW`] days (a day falls in a week or month, two months
//!   must be the same month, two weeks the same week). Year-precision and undated events are never
//!   merged: a year is too coarse to tell two events apart.
//!
//! Among several compatible clusters the one whose anchor is nearest in time wins, then the oldest.

use vigie_core::coder::record::ActorRecord;
use vigie_core::coder::Modality;
use vigie_core::dates::Precision;

use crate::calendar::DayInterval;

/// How many days apart two reports of one event may date it.
pub const DAY_WINDOW: i64 = 3;

/// Modalities from the strongest (the text states the event happened) to the weakest. A cluster
/// carries the strongest modality among its reports, so an alleged event that a later article
/// asserts becomes asserted. Reported speech ranks below the outlet's own assertion, an allegation
/// below a report, and events that have not happened (planned, threatened, hypothetical) or are denied
/// (negated) come last. This is the declaration order of [`Modality`].
pub const MODALITY_ORDER: [Modality; 7] = [
    Modality::Asserted,
    Modality::Reported,
    Modality::Alleged,
    Modality::Planned,
    Modality::Threatened,
    Modality::Hypothetical,
    Modality::Negated,
];

/// The rank of a modality in [`MODALITY_ORDER`]: 0 is the strongest.
pub fn modality_rank(modality: Modality) -> u8 {
    MODALITY_ORDER
        .iter()
        .position(|&m| m == modality)
        .map_or(u8::MAX, |p| p as u8)
}

pub fn modality_of_rank(rank: u8) -> Option<Modality> {
    MODALITY_ORDER.get(usize::from(rank)).copied()
}

pub fn parse_modality(name: &str) -> Option<Modality> {
    MODALITY_ORDER.into_iter().find(|m| m.as_str() == name)
}

/// Whether a cluster of this modality counts in the relations index. Hypothetical and negated events
/// did not happen and were not announced, so they do not weigh on a relation; every other modality does
/// (a threat or a plan is itself a signal).
pub fn counts_in_relations(modality: Modality) -> bool {
    !matches!(modality, Modality::Hypothetical | Modality::Negated)
}

/// The code that identifies a participant: its own code (country or international), else its country.
pub fn participant_code(actor: &ActorRecord) -> Option<String> {
    actor.code.or(actor.country).map(|c| c.as_str().to_string())
}

/// The sorted, distinct codes of one side of an event.
pub fn side_codes(side: &[ActorRecord]) -> Vec<String> {
    let mut codes: Vec<String> = side.iter().filter_map(participant_code).collect();
    codes.sort();
    codes.dedup();
    codes
}

/// One side's codes as the single text key clusters are matched on (`"DEU;FRA"`, `""` when none).
pub fn side_key(codes: &[String]) -> String {
    codes.join(";")
}

pub fn split_side_key(key: &str) -> Vec<String> {
    key.split(';')
        .filter(|c| !c.is_empty())
        .map(str::to_string)
        .collect()
}

/// Two optional values agree when they are equal or one is missing.
pub fn compatible(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a == b,
        _ => true,
    }
}

/// Whether an event may be merged into any cluster at all, from its date.
pub fn mergeable_date(date: Option<DayInterval>) -> bool {
    date.is_some_and(|d| d.precision != Precision::Year)
}

fn widened(d: DayInterval) -> (i64, i64) {
    if d.precision == Precision::Day {
        (d.start - DAY_WINDOW, d.end + DAY_WINDOW)
    } else {
        (d.start, d.end)
    }
}

/// The date rule of the module documentation.
pub fn dates_compatible(anchor: DayInterval, event: DayInterval) -> bool {
    if !mergeable_date(Some(anchor)) || !mergeable_date(Some(event)) {
        return false;
    }
    if anchor.precision == Precision::Day && event.precision == Precision::Day {
        return (anchor.start - event.start).abs() <= DAY_WINDOW;
    }
    let (a0, a1) = widened(anchor);
    let (e0, e1) = widened(event);
    a0 <= e1 && e0 <= a1
}

/// The range of anchor start days a compatible cluster can have, for a coarse indexed look-up before
/// [`dates_compatible`] decides. Anchors are at most a month long (years never anchor a cluster).
pub fn anchor_search_range(event: DayInterval) -> (i64, i64) {
    (event.start - DAY_WINDOW - 31, event.end + DAY_WINDOW)
}

/// What the matching rules look at in an event about to be stored.
#[derive(Clone, Debug)]
pub struct EventShape<'a> {
    pub mode: Option<&'a str>,
    pub actor_sector: Option<&'a str>,
    pub recipient_sector: Option<&'a str>,
    pub date: DayInterval,
}

/// What the matching rules look at in a cluster already stored (same type and codes as the event).
#[derive(Clone, Debug)]
pub struct ClusterShape {
    pub id: i64,
    pub mode: Option<String>,
    pub actor_sector: Option<String>,
    pub recipient_sector: Option<String>,
    pub anchor: DayInterval,
}

/// The cluster an event joins among candidates of the same type and codes, if any.
pub fn choose_cluster(candidates: &[ClusterShape], event: &EventShape<'_>) -> Option<i64> {
    let midpoint = |d: DayInterval| d.start + d.end;
    candidates
        .iter()
        .filter(|c| {
            compatible(c.mode.as_deref(), event.mode)
                && compatible(c.actor_sector.as_deref(), event.actor_sector)
                && compatible(c.recipient_sector.as_deref(), event.recipient_sector)
                && dates_compatible(c.anchor, event.date)
        })
        .min_by_key(|c| ((midpoint(c.anchor) - midpoint(event.date)).abs(), c.id))
        .map(|c| c.id)
}

/// One stored event as a member of its cluster.
#[derive(Clone, Debug, PartialEq)]
pub struct Member {
    pub event_id: i64,
    pub doc_id: i64,
    /// The outlet (else the URL's host) of the member's document.
    pub source: Option<String>,
    /// The document's publication day, else the day it was fetched.
    pub report_day: Option<i64>,
    pub modality: Modality,
    pub date: Option<DayInterval>,
    pub quad: u8,
    pub goldstein: Option<f64>,
    pub event_scale: f64,
    pub mentions: u64,
    pub mode: Option<String>,
    pub actor_sector: Option<String>,
    pub recipient_sector: Option<String>,
}

/// A cluster as its members make it.
#[derive(Clone, Debug, PartialEq)]
pub struct ClusterState {
    /// The member that stands for the cluster: strongest modality, then the most precise date, then
    /// the first stored. Its date, quad class, Goldstein score and intensity are the cluster's.
    pub representative: i64,
    pub modality: Modality,
    pub day: Option<i64>,
    pub quad: u8,
    pub goldstein: Option<f64>,
    pub event_scale: f64,
    /// The first member's date: later events are matched against it, so the cluster cannot drift.
    pub anchor: Option<DayInterval>,
    /// The first mode and sectors any member gives (matching needs them to stay put).
    pub mode: Option<String>,
    pub actor_sector: Option<String>,
    pub recipient_sector: Option<String>,
    /// GDELT's NumMentions: the sum of the members' mentions.
    pub mentions: u64,
    /// GDELT's NumArticles: distinct documents.
    pub articles: u64,
    /// GDELT's NumSources: distinct outlets.
    pub sources: u64,
    pub first_report: Option<i64>,
    pub last_report: Option<i64>,
}

fn precision_rank(date: Option<DayInterval>) -> u8 {
    match date.map(|d| d.precision) {
        Some(Precision::Day) => 0,
        Some(Precision::Week) => 1,
        Some(Precision::Month) => 2,
        Some(Precision::Year) => 3,
        None => 4,
    }
}

/// The state of a cluster from its members, or `None` when it has none left.
pub fn cluster_state(members: &[Member]) -> Option<ClusterState> {
    let mut members: Vec<&Member> = members.iter().collect();
    members.sort_by_key(|m| m.event_id);
    let first = *members.first()?;
    let representative = *members
        .iter()
        .min_by_key(|m| {
            (
                modality_rank(m.modality),
                precision_rank(m.date),
                m.event_id,
            )
        })
        .unwrap_or(&first);
    let first_some = |f: fn(&Member) -> Option<&String>| members.iter().find_map(|m| f(m)).cloned();
    let mut documents: Vec<i64> = members.iter().map(|m| m.doc_id).collect();
    documents.sort_unstable();
    documents.dedup();
    let mut sources: Vec<&str> = members.iter().filter_map(|m| m.source.as_deref()).collect();
    sources.sort_unstable();
    sources.dedup();
    Some(ClusterState {
        representative: representative.event_id,
        modality: representative.modality,
        day: representative.date.map(|d| d.start),
        quad: representative.quad,
        goldstein: representative.goldstein,
        event_scale: representative.event_scale,
        anchor: first.date,
        mode: first_some(|m| m.mode.as_ref()),
        actor_sector: first_some(|m| m.actor_sector.as_ref()),
        recipient_sector: first_some(|m| m.recipient_sector.as_ref()),
        mentions: members.iter().map(|m| m.mentions).sum(),
        articles: documents.len() as u64,
        sources: sources.len() as u64,
        first_report: members.iter().filter_map(|m| m.report_day).min(),
        last_report: members.iter().filter_map(|m| m.report_day).max(),
    })
}

/// What one cluster adds to the relations index: one event on its day, for every pair of its codes.
/// Sums are kept in hundredths so that removing a cluster restores the exact previous totals.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Contribution {
    pub day: i64,
    pub quad: u8,
    pub goldstein_hundredths: Option<i64>,
    pub scale_hundredths: i64,
    /// Directed pairs (actor code, recipient code).
    pub directed: CodePairs,
    /// Unordered pairs, the smaller code first.
    pub undirected: CodePairs,
}

pub fn hundredths(value: f64) -> i64 {
    (value * 100.0).round() as i64
}

/// Pairs of codes, actor first (or the smaller code first when undirected).
pub type CodePairs = Vec<(String, String)>;

/// The pairs a cluster links, directed and undirected: every actor code with every recipient code.
pub fn pairs(actor_key: &str, recipient_key: &str) -> (CodePairs, CodePairs) {
    let actors = split_side_key(actor_key);
    let recipients = split_side_key(recipient_key);
    let mut directed = Vec::new();
    let mut undirected = Vec::new();
    for a in &actors {
        for r in &recipients {
            directed.push((a.clone(), r.clone()));
            let pair = if a <= r {
                (a.clone(), r.clone())
            } else {
                (r.clone(), a.clone())
            };
            undirected.push(pair);
        }
    }
    directed.sort();
    directed.dedup();
    undirected.sort();
    undirected.dedup();
    (directed, undirected)
}

/// The contribution of a cluster with these keys and state, `None` when it does not count: no pair,
/// no date, or a modality [`counts_in_relations`] excludes.
pub fn contribution(
    actor_key: &str,
    recipient_key: &str,
    state: &ClusterState,
) -> Option<Contribution> {
    let day = state.day?;
    if !counts_in_relations(state.modality) {
        return None;
    }
    let (directed, undirected) = pairs(actor_key, recipient_key);
    if directed.is_empty() {
        return None;
    }
    Some(Contribution {
        day,
        quad: state.quad,
        goldstein_hundredths: state.goldstein.map(hundredths),
        scale_hundredths: hundredths(state.event_scale),
        directed,
        undirected,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: i64) -> DayInterval {
        DayInterval::day(d)
    }

    fn month(start: i64, end: i64) -> DayInterval {
        DayInterval {
            start,
            end,
            precision: Precision::Month,
        }
    }

    fn member(id: i64, doc: i64, source: &str, modality: Modality) -> Member {
        Member {
            event_id: id,
            doc_id: doc,
            source: Some(source.to_string()),
            report_day: Some(100 + id),
            modality,
            date: Some(day(100)),
            quad: 4,
            goldstein: Some(-10.0),
            event_scale: -9.0,
            mentions: 2,
            mode: None,
            actor_sector: None,
            recipient_sector: None,
        }
    }

    #[test]
    fn modality_order_runs_from_asserted_to_negated() {
        assert_eq!(modality_rank(Modality::Asserted), 0);
        assert!(modality_rank(Modality::Reported) < modality_rank(Modality::Alleged));
        assert_eq!(modality_rank(Modality::Negated), 6);
        for m in MODALITY_ORDER {
            assert_eq!(modality_of_rank(modality_rank(m)), Some(m));
            assert_eq!(parse_modality(m.as_str()), Some(m));
        }
        assert_eq!(parse_modality("certain"), None);
        assert!(!counts_in_relations(Modality::Negated));
        assert!(counts_in_relations(Modality::Alleged));
    }

    #[test]
    fn day_dates_merge_within_three_days() {
        assert!(dates_compatible(day(100), day(103)));
        assert!(dates_compatible(day(100), day(97)));
        assert!(!dates_compatible(day(100), day(104)));
    }

    #[test]
    fn coarser_dates_merge_when_they_overlap() {
        // September 2025 as days 20332..=20361.
        let september = month(20332, 20361);
        let october = month(20362, 20392);
        assert!(dates_compatible(september, day(20340)));
        assert!(dates_compatible(day(20340), september));
        assert!(dates_compatible(september, september));
        assert!(!dates_compatible(september, october));
        assert!(!dates_compatible(september, day(20380)));
        let year = DayInterval {
            start: 20089,
            end: 20453,
            precision: Precision::Year,
        };
        assert!(!dates_compatible(year, day(20340)));
        assert!(!dates_compatible(day(20340), year));
        let (low, high) = anchor_search_range(day(20340));
        assert!(low <= september.start && september.start <= high);
    }

    #[test]
    fn modes_and_sectors_match_when_equal_or_missing() {
        assert!(compatible(None, Some("seize")));
        assert!(compatible(Some("seize"), Some("seize")));
        assert!(!compatible(Some("seize"), Some("restrict")));
        let event = EventShape {
            mode: Some("seize"),
            actor_sector: Some("MIL"),
            recipient_sector: None,
            date: day(100),
        };
        let cluster = |id, mode: Option<&str>, sector: Option<&str>, anchor| ClusterShape {
            id,
            mode: mode.map(str::to_string),
            actor_sector: sector.map(str::to_string),
            recipient_sector: Some("GOV".into()),
            anchor: day(anchor),
        };
        let candidates = [
            cluster(1, Some("restrict"), Some("MIL"), 100),
            cluster(2, None, Some("GOV"), 100),
            cluster(3, None, Some("MIL"), 98),
            cluster(4, Some("seize"), None, 101),
            cluster(5, Some("seize"), None, 110),
        ];
        // 1 has another mode, 2 another sector, 5 is out of the window; 4 is nearer than 3.
        assert_eq!(choose_cluster(&candidates, &event), Some(4));
        assert_eq!(choose_cluster(&candidates[..3], &event), Some(3));
        assert_eq!(choose_cluster(&candidates[..2], &event), None);
    }

    #[test]
    fn a_confirmation_upgrades_the_cluster_modality() {
        let alleged = member(1, 10, "lemonde.fr", Modality::Alleged);
        let state = cluster_state(std::slice::from_ref(&alleged)).expect("one member");
        assert_eq!(state.modality, Modality::Alleged);
        let mut asserted = member(2, 11, "rfi.fr", Modality::Asserted);
        asserted.mentions = 3;
        let mut same_outlet = member(3, 12, "rfi.fr", Modality::Reported);
        same_outlet.mode = Some("seize".into());
        let state = cluster_state(&[same_outlet, asserted, alleged]).expect("members");
        assert_eq!(state.modality, Modality::Asserted);
        assert_eq!(state.representative, 2);
        assert_eq!((state.mentions, state.articles, state.sources), (7, 3, 2));
        assert_eq!(
            (state.first_report, state.last_report),
            (Some(101), Some(103))
        );
        assert_eq!(state.mode.as_deref(), Some("seize"));
        assert_eq!(cluster_state(&[]), None);
    }

    #[test]
    fn contributions_pair_every_actor_with_every_recipient() {
        let (directed, undirected) = pairs("DEU;FRA", "MLI");
        assert_eq!(
            directed,
            [("DEU".into(), "MLI".into()), ("FRA".into(), "MLI".into())]
        );
        assert_eq!(undirected, directed);
        let (directed, undirected) = pairs("MLI", "FRA");
        assert_eq!(directed, [("MLI".into(), "FRA".into())]);
        assert_eq!(undirected, [("FRA".into(), "MLI".into())]);
        let state = cluster_state(&[member(1, 1, "a", Modality::Negated)]).expect("state");
        assert_eq!(contribution("FRA", "MLI", &state), None);
        let state = cluster_state(&[member(1, 1, "a", Modality::Asserted)]).expect("state");
        let c = contribution("FRA", "MLI", &state).expect("counts");
        assert_eq!(
            (c.day, c.goldstein_hundredths, c.scale_hundredths),
            (100, Some(-1000), -900)
        );
        assert_eq!(contribution("FRA", "", &state), None);
    }
}

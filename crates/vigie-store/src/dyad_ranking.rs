//! Ranking pairs of actors over a date range, independent of any database: the most active pairs
//! (most real-world events), and the fastest-changing ones — the change of the mean Goldstein score per
//! event between the recent window (the last days of the range) and the baseline (the rest of it).

use serde::Serialize;

/// What the relations index holds for one pair over a date range, split at the start of the recent
/// window.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct DyadTotals {
    pub actor: String,
    pub recipient: String,
    pub clusters: u64,
    pub quad: [u64; 4],
    pub scored: u64,
    pub goldstein: f64,
    pub recent_clusters: u64,
    pub recent_scored: u64,
    pub recent_goldstein: f64,
}

/// An active pair.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DyadActivity {
    pub actor: String,
    pub recipient: String,
    pub clusters: u64,
    pub quad: [u64; 4],
    pub mean_goldstein: Option<f64>,
}

/// A pair whose relation changed: mean Goldstein per event in the baseline and in the recent window.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DyadChange {
    pub actor: String,
    pub recipient: String,
    pub baseline: f64,
    pub recent: f64,
    /// `recent − baseline`: negative when the relation worsened.
    pub change: f64,
    pub baseline_clusters: u64,
    pub recent_clusters: u64,
}

/// The `limit` pairs with the most events, ties broken by the pair's codes.
pub fn most_active(totals: &[DyadTotals], limit: usize) -> Vec<DyadActivity> {
    let mut ranked: Vec<&DyadTotals> = totals.iter().filter(|t| t.clusters > 0).collect();
    ranked.sort_by(|a, b| {
        b.clusters
            .cmp(&a.clusters)
            .then_with(|| (&a.actor, &a.recipient).cmp(&(&b.actor, &b.recipient)))
    });
    ranked
        .into_iter()
        .take(limit)
        .map(|t| DyadActivity {
            actor: t.actor.clone(),
            recipient: t.recipient.clone(),
            clusters: t.clusters,
            quad: t.quad,
            mean_goldstein: (t.scored > 0).then(|| t.goldstein / t.scored as f64),
        })
        .collect()
}

/// The `limit` pairs whose mean Goldstein score moved the most between the baseline and the recent
/// window (largest absolute change first), among pairs with at least `min_events` scored events in
/// each part.
pub fn fastest_changing(totals: &[DyadTotals], min_events: u64, limit: usize) -> Vec<DyadChange> {
    let min_events = min_events.max(1);
    let mut changes: Vec<DyadChange> = totals
        .iter()
        .filter_map(|t| {
            let baseline_scored = t.scored.checked_sub(t.recent_scored)?;
            if baseline_scored < min_events || t.recent_scored < min_events {
                return None;
            }
            let baseline = (t.goldstein - t.recent_goldstein) / baseline_scored as f64;
            let recent = t.recent_goldstein / t.recent_scored as f64;
            Some(DyadChange {
                actor: t.actor.clone(),
                recipient: t.recipient.clone(),
                baseline,
                recent,
                change: recent - baseline,
                baseline_clusters: t.clusters.saturating_sub(t.recent_clusters),
                recent_clusters: t.recent_clusters,
            })
        })
        .collect();
    changes.sort_by(|a, b| {
        b.change
            .abs()
            .total_cmp(&a.change.abs())
            .then_with(|| (&a.actor, &a.recipient).cmp(&(&b.actor, &b.recipient)))
    });
    changes.truncate(limit);
    changes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn totals(pair: (&str, &str), all: (u64, f64), recent: (u64, f64)) -> DyadTotals {
        DyadTotals {
            actor: pair.0.into(),
            recipient: pair.1.into(),
            clusters: all.0,
            quad: [all.0, 0, 0, 0],
            scored: all.0,
            goldstein: all.1,
            recent_clusters: recent.0,
            recent_scored: recent.0,
            recent_goldstein: recent.1,
        }
    }

    #[test]
    fn most_active_pairs_come_first() {
        let all = [
            totals(("FRA", "MLI"), (10, 0.0), (0, 0.0)),
            totals(("DEU", "FRA"), (30, 30.0), (0, 0.0)),
            totals(("MLI", "RUS"), (10, -5.0), (0, 0.0)),
            totals(("NER", "TCD"), (0, 0.0), (0, 0.0)),
        ];
        let ranked = most_active(&all, 10);
        let pairs: Vec<(&str, &str)> = ranked
            .iter()
            .map(|d| (d.actor.as_str(), d.recipient.as_str()))
            .collect();
        assert_eq!(pairs, [("DEU", "FRA"), ("FRA", "MLI"), ("MLI", "RUS")]);
        assert_eq!(ranked[0].mean_goldstein, Some(1.0));
        assert_eq!(most_active(&all, 1).len(), 1);
    }

    #[test]
    fn the_largest_change_either_way_comes_first() {
        let all = [
            // Baseline +3, recent −7: worsened by 10.
            totals(("FRA", "MLI"), (10, -20.0), (5, -35.0)),
            // Baseline 0, recent +2.
            totals(("DEU", "FRA"), (10, 10.0), (5, 10.0)),
            // Too few recent events.
            totals(("MLI", "RUS"), (10, 50.0), (1, -10.0)),
        ];
        let ranked = fastest_changing(&all, 3, 10);
        assert_eq!(ranked.len(), 2);
        assert_eq!(ranked[0].actor, "FRA");
        assert!((ranked[0].baseline - 3.0).abs() < 1e-9);
        assert!((ranked[0].change + 10.0).abs() < 1e-9);
        assert_eq!(
            (ranked[0].baseline_clusters, ranked[0].recent_clusters),
            (5, 5)
        );
        assert!((ranked[1].change - 2.0).abs() < 1e-9);
    }
}

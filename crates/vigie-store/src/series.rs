//! Relations series analysis, independent of any database: daily counts cut into periods, the smoothed
//! score, the notable points (lowest in a long time, abrupt drops) and sparklines.
//!
//! The score of a period is an exponentially weighted mean Goldstein score per event (cluster), shrunk
//! towards neutral by a prior of [`PRIOR_EVENTS`] neutral events:
//! `score(p) = Σ_{q≤p} w^(p−q)·G(q) / (k + Σ_{q≤p} w^(p−q)·n(q))`, where `G(q)` is the summed Goldstein
//! score of the clusters of period `q` that have one, `n(q)` their number, `k` the prior and
//! `w = 0.5^(1/h)` for a half-life `h` of 7 days, 4 weeks or 3 months. A busy period weighs more than a
//! quiet one, a single event does not swing a relation (one harsh word is not a crisis; a month of
//! expulsions is), and an empty period adds no evidence either way (silence is not cooperation): what
//! was seen fades with the half-life. The score ranges over Goldstein's −10 (most conflictual) to +10.

use jiff::civil::Date;
use serde::Serialize;

use crate::calendar::Period;

/// What the relations index holds for one pair and one day.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct DayCounts {
    pub day: Date,
    /// Real-world events (clusters).
    pub clusters: u64,
    /// Clusters per quad class: verbal cooperation, material cooperation, verbal conflict, material
    /// conflict.
    pub quad: [u64; 4],
    /// Clusters with a Goldstein score.
    pub scored: u64,
    pub goldstein: f64,
    /// Summed PLOVER intensity (`event_scale`).
    pub intensity: f64,
}

/// One point of a relations series.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SeriesPoint {
    pub start: Date,
    /// `2025-09-16`, `2025-W38` or `2025-09`.
    pub period: String,
    pub clusters: u64,
    pub quad: [u64; 4],
    pub scored: u64,
    pub goldstein: f64,
    pub intensity: f64,
    /// The period's own mean Goldstein score per scored cluster.
    pub mean_goldstein: Option<f64>,
    /// The smoothed score (module documentation); `None` before the first scored event.
    pub score: Option<f64>,
}

/// The constants of the analysis for one period length.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SeriesRules {
    /// Half-life of the smoothing, in periods.
    pub half_life: f64,
    /// A score is "lowest in N periods" only when N reaches this (90 days, 26 weeks, 6 months).
    pub lowest_min_periods: usize,
    /// The trailing baseline of the drop detector, in periods (30 days, 12 weeks, 6 months).
    pub baseline_periods: usize,
    /// The smallest drop below the baseline that counts, in Goldstein points; it must also exceed
    /// twice the baseline's standard deviation.
    pub min_drop: f64,
    /// A new low must be below the earlier scores by this many points, so that rounding noise in a
    /// steady relation does not make one.
    pub low_margin: f64,
}

impl SeriesRules {
    pub fn for_period(period: Period) -> SeriesRules {
        let (half_life, lowest_min_periods, baseline_periods) = match period {
            Period::Day => (7.0, 90, 30),
            Period::Week => (4.0, 26, 12),
            Period::Month => (3.0, 6, 6),
        };
        SeriesRules {
            half_life,
            lowest_min_periods,
            baseline_periods,
            min_drop: 2.0,
            low_margin: 0.05,
        }
    }
}

/// Cuts daily counts into every period from the one containing `from` to the one containing `to`,
/// empty periods included, and computes the smoothed score. Days outside the range are ignored.
pub fn build_series(days: &[DayCounts], from: Date, to: Date, period: Period) -> Vec<SeriesPoint> {
    let mut points = Vec::new();
    let last = period.start_of(to);
    let mut start = Some(period.start_of(from));
    while let Some(s) = start.filter(|s| *s <= last) {
        points.push(SeriesPoint {
            start: s,
            period: period.label(s),
            clusters: 0,
            quad: [0; 4],
            scored: 0,
            goldstein: 0.0,
            intensity: 0.0,
            mean_goldstein: None,
            score: None,
        });
        start = period.next(s);
    }
    for d in days {
        if d.day < from || d.day > to {
            continue;
        }
        let s = period.start_of(d.day);
        let Ok(i) = points.binary_search_by(|p| p.start.cmp(&s)) else {
            continue;
        };
        let p = &mut points[i];
        p.clusters += d.clusters;
        for (total, n) in p.quad.iter_mut().zip(d.quad) {
            *total += n;
        }
        p.scored += d.scored;
        p.goldstein += d.goldstein;
        p.intensity += d.intensity;
    }
    for p in &mut points {
        p.mean_goldstein = (p.scored > 0).then(|| p.goldstein / p.scored as f64);
    }
    smooth(&mut points, SeriesRules::for_period(period).half_life);
    points
}

/// How many neutral events the score assumes besides the real ones, so that the tone of a few events
/// moves it less than the tone of many.
pub const PRIOR_EVENTS: f64 = 2.0;

/// Sets each point's score to the exponentially weighted mean Goldstein score, shrunk towards neutral
/// (module documentation).
pub fn smooth(points: &mut [SeriesPoint], half_life: f64) {
    let weight = 0.5f64.powf(1.0 / half_life);
    let (mut sum, mut count) = (0.0, 0.0);
    for p in points {
        sum = sum * weight + p.goldstein;
        count = count * weight + p.scored as f64;
        p.score = (count > 0.0).then(|| sum / (count + PRIOR_EVENTS));
    }
}

/// Why a point of a series is notable.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum NotableKind {
    /// The score is the lowest in `periods` periods: since `since`, the last period at least as low,
    /// or since the series began when `since` is `None` (lowest on record).
    Lowest { periods: usize, since: Option<Date> },
    /// The score fell `drop` points below the mean of the trailing baseline.
    Drop { baseline: f64, drop: f64 },
}

/// A notable point: the index of the point in its series and why.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Notable {
    pub index: usize,
    #[serde(flatten)]
    pub kind: NotableKind,
}

/// Keeps one flagged index per run of flagged periods (a run ends at the first period with events
/// that is not flagged): the last of a run for lows (it is the lowest), the first for drops (the onset).
fn one_per_run(points: &[SeriesPoint], flagged: &[usize], keep_last: bool) -> Vec<usize> {
    let mut kept: Vec<usize> = Vec::new();
    let mut previous: Option<usize> = None;
    for &i in flagged {
        let continues = previous.is_some_and(|p| points[p + 1..i].iter().all(|q| q.clusters == 0));
        match (continues, keep_last) {
            (true, true) => {
                if let Some(last) = kept.last_mut() {
                    *last = i;
                }
            }
            (true, false) => {}
            (false, _) => kept.push(i),
        }
        previous = Some(i);
    }
    kept
}

/// The notable points of a scored series, in time order.
pub fn notable_points(points: &[SeriesPoint], rules: SeriesRules) -> Vec<Notable> {
    let Some(first_scored) = points.iter().position(|p| p.score.is_some()) else {
        return Vec::new();
    };
    let mut lows = Vec::new();
    let mut low_kinds = Vec::new();
    let mut drops = Vec::new();
    let mut drop_kinds = Vec::new();
    for (i, p) in points.iter().enumerate() {
        let Some(score) = p.score.filter(|_| p.clusters > 0 && i > first_scored) else {
            continue;
        };
        let at_least_as_low = (first_scored..i).rev().find(|&j| {
            points[j]
                .score
                .is_some_and(|s| s <= score + rules.low_margin)
        });
        let periods = i - at_least_as_low.unwrap_or(first_scored);
        if periods >= rules.lowest_min_periods {
            lows.push(i);
            low_kinds.push(NotableKind::Lowest {
                periods,
                since: at_least_as_low.map(|j| points[j].start),
            });
        }
        let window: Vec<f64> = points[i.saturating_sub(rules.baseline_periods)..i]
            .iter()
            .filter_map(|q| q.score)
            .collect();
        if window.len() >= (rules.baseline_periods / 2).max(2) {
            let n = window.len() as f64;
            let baseline = window.iter().sum::<f64>() / n;
            let spread = (window.iter().map(|s| (s - baseline).powi(2)).sum::<f64>() / n).sqrt();
            let drop = baseline - score;
            if drop >= rules.min_drop.max(2.0 * spread) {
                drops.push(i);
                drop_kinds.push(NotableKind::Drop { baseline, drop });
            }
        }
    }
    let mut notable: Vec<Notable> = Vec::new();
    for (flagged, kinds, keep_last) in [(lows, low_kinds, true), (drops, drop_kinds, false)] {
        for index in one_per_run(points, &flagged, keep_last) {
            let k = flagged.iter().position(|&f| f == index).unwrap_or(0);
            notable.push(Notable {
                index,
                kind: kinds[k].clone(),
            });
        }
    }
    notable.sort_by_key(|n| (n.index, matches!(n.kind, NotableKind::Drop { .. })));
    notable
}

/// A span of periods in words, rounded down to whole years or months where that reads better: 30
/// months is "2 years", 95 days "3 months".
pub fn span_in_words(periods: usize, period: Period) -> String {
    let (years, months) = match period {
        Period::Day => (periods / 365, periods / 30),
        Period::Week => (periods / 52, 0),
        Period::Month => (periods / 12, periods),
    };
    let plural = |n: usize, unit: &str| format!("{n} {unit}{}", if n == 1 { "" } else { "s" });
    if years >= 2 {
        plural(years, "year")
    } else if months >= 2 && period != Period::Month {
        plural(months, "month")
    } else {
        plural(periods, period.name())
    }
}

/// One line that says why a point is notable.
pub fn describe(kind: &NotableKind, period: Period, rules: SeriesRules) -> String {
    match kind {
        NotableKind::Lowest {
            periods,
            since: None,
        } => format!(
            "lowest score on record ({} of data)",
            span_in_words(*periods, period)
        ),
        NotableKind::Lowest {
            periods,
            since: Some(since),
        } => format!(
            "lowest score in {} (since {})",
            span_in_words(*periods, period),
            period.label(*since)
        ),
        NotableKind::Drop { baseline, drop } => format!(
            "score fell {drop:.1} points below its {} baseline ({baseline:+.1})",
            span_in_words(rules.baseline_periods, period)
                .replace(' ', "-")
                .trim_end_matches('s')
        ),
    }
}

/// A one-line chart of values with the eight block characters `▁▂▃▄▅▆▇█`, lowest to highest; a
/// missing value is a space, and a flat series sits in the middle.
pub fn sparkline(values: &[Option<f64>]) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let present = values.iter().flatten().copied().filter(|v| v.is_finite());
    let (low, high) = present.fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), v| {
        (l.min(v), h.max(v))
    });
    values
        .iter()
        .map(|v| match v {
            Some(v) if v.is_finite() => {
                if (high - low).abs() < f64::EPSILON {
                    BARS[3]
                } else {
                    let level = ((v - low) / (high - low) * 7.0).round() as usize;
                    BARS[level.min(7)]
                }
            }
            _ => ' ',
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn day_counts(day: Date, goldstein: &[f64]) -> DayCounts {
        DayCounts {
            day,
            clusters: goldstein.len() as u64,
            quad: [0, 0, 0, goldstein.len() as u64],
            scored: goldstein.len() as u64,
            goldstein: goldstein.iter().sum(),
            intensity: -5.0 * goldstein.len() as f64,
        }
    }

    /// A monthly series with one event a month scored as given (`None`: no event).
    fn monthly(scores: &[Option<f64>]) -> Vec<SeriesPoint> {
        let months: Vec<Vec<f64>> = scores.iter().map(|s| s.iter().copied().collect()).collect();
        monthly_events(&months)
    }

    /// A monthly series whose months hold events scored as given.
    fn monthly_events(months: &[Vec<f64>]) -> Vec<SeriesPoint> {
        let mut days = Vec::new();
        let mut month = date(2020, 1, 1);
        for events in months {
            if !events.is_empty() {
                days.push(day_counts(
                    month.saturating_add(jiff::SignedDuration::from_hours(24 * 9)),
                    events,
                ));
            }
            month = Period::Month.next(month).expect("next month");
        }
        let last = month.saturating_sub(jiff::SignedDuration::from_hours(24));
        build_series(&days, date(2020, 1, 1), last, Period::Month)
    }

    #[test]
    fn days_fall_into_their_periods_and_gaps_are_kept() {
        let days = [
            day_counts(date(2025, 1, 30), &[-10.0]),
            day_counts(date(2025, 3, 2), &[3.0, 1.0]),
            day_counts(date(2025, 5, 1), &[9.0]),
        ];
        let points = build_series(&days, date(2025, 1, 15), date(2025, 4, 3), Period::Month);
        let labels: Vec<&str> = points.iter().map(|p| p.period.as_str()).collect();
        assert_eq!(labels, ["2025-01", "2025-02", "2025-03", "2025-04"]);
        let clusters: Vec<u64> = points.iter().map(|p| p.clusters).collect();
        assert_eq!(clusters, [1, 0, 2, 0]);
        assert_eq!(points[2].mean_goldstein, Some(2.0));
        assert_eq!(points[1].mean_goldstein, None);
        assert_eq!(points[2].quad, [0, 0, 0, 2]);
        let weeks = build_series(&days, date(2025, 1, 27), date(2025, 2, 9), Period::Week);
        assert_eq!(weeks.len(), 2);
        assert_eq!(weeks[0].period, "2025-W05");
    }

    #[test]
    fn the_score_is_an_exponentially_weighted_mean() {
        let points = monthly(&[Some(4.0), None, None, Some(-2.0)]);
        let k = PRIOR_EVENTS;
        let first = points[0].score.expect("score");
        assert!((first - 4.0 / (1.0 + k)).abs() < 1e-9, "{first}");
        // An empty period leaves the evidence where it was, only older.
        let w = 0.5f64.powf(1.0 / 3.0);
        let third = points[2].score.expect("score");
        assert!((third - 4.0 * w * w / (w * w + k)).abs() < 1e-9, "{third}");
        // Three months on, the first event weighs half as much as the new one.
        let s = points[3].score.expect("score");
        assert!((s - (0.5 * 4.0 - 2.0) / (1.5 + k)).abs() < 1e-9, "{s}");
        assert_eq!(monthly(&[None, None])[1].score, None);
    }

    #[test]
    fn a_lowest_point_names_how_far_back_it_reaches() {
        // A month of several harsh events, not a single one, makes a relation's low point.
        let mut months = vec![vec![3.0]; 12];
        months.push(vec![-8.0; 4]);
        months.push(vec![3.0]);
        let points = monthly_events(&months);
        let notable = notable_points(&points, SeriesRules::for_period(Period::Month));
        let lows: Vec<&Notable> = notable
            .iter()
            .filter(|n| matches!(n.kind, NotableKind::Lowest { .. }))
            .collect();
        assert_eq!(lows.len(), 1, "{notable:?}");
        assert_eq!(lows[0].index, 12);
        assert_eq!(
            lows[0].kind,
            NotableKind::Lowest {
                periods: 12,
                since: None
            }
        );
        let drop = notable
            .iter()
            .find(|n| matches!(n.kind, NotableKind::Drop { .. }))
            .expect("a drop");
        assert_eq!(drop.index, 12);
    }

    #[test]
    fn a_single_harsh_event_is_no_drop() {
        let mut scores = vec![Some(3.0); 12];
        scores.push(Some(-8.0));
        let points = monthly(&scores);
        let notable = notable_points(&points, SeriesRules::for_period(Period::Month));
        assert!(
            !notable
                .iter()
                .any(|n| matches!(n.kind, NotableKind::Drop { .. })),
            "{notable:?}"
        );
    }

    #[test]
    fn a_steady_decline_is_one_low_and_a_stable_series_none() {
        let mut scores: Vec<Option<f64>> = vec![Some(5.0); 10];
        scores.extend([Some(4.0), Some(3.0), Some(2.0), Some(1.0)]);
        let points = monthly(&scores);
        let rules = SeriesRules::for_period(Period::Month);
        let lows: Vec<usize> = notable_points(&points, rules)
            .into_iter()
            .filter(|n| matches!(n.kind, NotableKind::Lowest { .. }))
            .map(|n| n.index)
            .collect();
        assert_eq!(lows, [13]);
        let flat = monthly(&[Some(2.0); 24]);
        assert!(notable_points(&flat, rules).is_empty());
    }

    #[test]
    fn lowest_since_a_date_when_an_earlier_period_was_as_low() {
        let mut scores = vec![Some(-9.0)];
        scores.extend(vec![Some(6.0); 20]);
        scores.push(Some(-9.5));
        let points = monthly(&scores);
        let low = notable_points(&points, SeriesRules::for_period(Period::Month))
            .into_iter()
            .find(|n| matches!(n.kind, NotableKind::Lowest { .. }))
            .expect("low");
        let NotableKind::Lowest { periods, since } = low.kind else {
            unreachable!("filtered above")
        };
        // One −9.5 event after twenty months at +6 brings the smoothed score to about +2.7: the lowest
        // since the third month, when the score was still climbing out of the first month's −9.
        assert_eq!((periods, since), (19, Some(date(2020, 3, 1))));
    }

    #[test]
    fn spans_read_as_years_months_or_periods() {
        assert_eq!(span_in_words(30, Period::Month), "2 years");
        assert_eq!(span_in_words(12, Period::Month), "12 months");
        assert_eq!(span_in_words(95, Period::Day), "3 months");
        assert_eq!(span_in_words(26, Period::Week), "26 weeks");
        assert_eq!(span_in_words(1, Period::Day), "1 day");
        let rules = SeriesRules::for_period(Period::Month);
        let drop = NotableKind::Drop {
            baseline: 2.31,
            drop: 4.1,
        };
        assert_eq!(
            describe(&drop, Period::Month, rules),
            "score fell 4.1 points below its 6-month baseline (+2.3)"
        );
        let low = NotableKind::Lowest {
            periods: 30,
            since: None,
        };
        assert_eq!(
            describe(&low, Period::Month, rules),
            "lowest score on record (2 years of data)"
        );
    }

    #[test]
    fn sparkline_spans_the_eight_levels() {
        assert_eq!(
            sparkline(&[Some(0.0), Some(7.0), None, Some(3.5), Some(1.0)]),
            "▁█ ▅▂"
        );
        assert_eq!(sparkline(&[Some(2.0), Some(2.0)]), "▄▄");
        assert_eq!(sparkline(&[None]), " ");
        assert_eq!(sparkline(&[]), "");
    }
}

//! The relations chart, drawn on the server as SVG: stacked bars of events per period by quad class,
//! the smoothed Goldstein score as a line on its own axis, and the notable low points marked. It stays
//! readable with thousands of periods: bars thin down to a fraction of a pixel and the axis labels
//! every N periods, N chosen so that labels never overlap.

use jiff::civil::Date;
use maud::{html, Markup, PreEscaped};
use vigie_store::{Period, Relations};

use crate::i18n::UiLang;

const WIDTH: f64 = 1000.0;
const HEIGHT: f64 = 340.0;
const LEFT: f64 = 44.0;
const RIGHT: f64 = 44.0;
const TOP: f64 = 14.0;
const BOTTOM: f64 = 40.0;
/// The least room a label needs, in chart units, so that "2025-09-16" does not touch its neighbour.
const LABEL_ROOM: f64 = 80.0;
/// Above this many periods, bars carry no tooltip of their own: the page would grow by megabytes.
const MAX_TOOLTIPS: usize = 400;

/// A round number at or above `n` for the top of the count axis (1, 2, 5 × 10^k).
fn nice_ceiling(n: u64) -> u64 {
    let mut magnitude = 1u64;
    loop {
        for step in [1, 2, 5] {
            if step * magnitude >= n {
                return step * magnitude;
            }
        }
        magnitude = magnitude.saturating_mul(10);
        if magnitude == u64::MAX {
            return n;
        }
    }
}

/// Where the axis labels go: every N periods while a label fits in less than a month, then at the
/// first period of every Nth month, then of every Nth year — so that labels fall on round dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rhythm {
    Periods(i64),
    Months(i64),
    Years(i64),
}

/// The finest rhythm that leaves each label `LABEL_ROOM` (`slot` is the width of one period).
pub fn rhythm(period: Period, slot: f64) -> Rhythm {
    let (fine, per_month): (&[i64], f64) = match period {
        Period::Day => (&[1, 2, 7, 14], 30.44),
        Period::Week => (&[1, 2], 4.35),
        Period::Month => (&[], 1.0),
    };
    if let Some(&n) = fine.iter().find(|&&n| n as f64 * slot >= LABEL_ROOM) {
        return Rhythm::Periods(n);
    }
    if let Some(&k) = [1, 2, 3, 6]
        .iter()
        .find(|&&k| k as f64 * per_month * slot >= LABEL_ROOM)
    {
        return Rhythm::Months(k);
    }
    let k = [1, 2, 5, 10, 20, 50]
        .into_iter()
        .find(|&k| k as f64 * 12.0 * per_month * slot >= LABEL_ROOM)
        .unwrap_or(100);
    Rhythm::Years(k)
}

/// The label of the period starting on `start`, if it gets one; `previous` is the start of the period
/// before it in the chart.
pub fn axis_label(
    period: Period,
    rhythm: Rhythm,
    previous: Option<Date>,
    start: Date,
) -> Option<String> {
    // The first period of a month: the one whose start is in a new month, or for the chart's first
    // period one that starts in the first days of its month.
    let opens_month = match previous {
        Some(p) => (p.year(), p.month()) != (start.year(), start.month()),
        None => match period {
            Period::Day => start.day() == 1,
            Period::Week => start.day() <= 7,
            Period::Month => true,
        },
    };
    let month = i64::from(start.year()) * 12 + i64::from(start.month()) - 1;
    match rhythm {
        Rhythm::Periods(n) => (ordinal(period, start) % n == 0).then(|| period.label(start)),
        Rhythm::Months(k) => (opens_month && month % k == 0)
            .then(|| format!("{:04}-{:02}", start.year(), start.month())),
        Rhythm::Years(k) => (opens_month && start.month() == 1 && i64::from(start.year()) % k == 0)
            .then(|| start.year().to_string()),
    }
}

const QUAD_CLASSES: [&str; 4] = ["q1", "q2", "q3", "q4"];

/// One period's stacked bar: its left edge, tooltip, and a rectangle per quad class present.
struct Bar {
    x: f64,
    tooltip: Option<String>,
    rects: Vec<(&'static str, f64, f64)>,
}

/// The bars' rectangles as one path outline per quad class.
fn bar_paths(bars: &[Bar], width: f64) -> Vec<(&'static str, String)> {
    let mut paths: Vec<(&'static str, String)> =
        QUAD_CLASSES.iter().map(|c| (*c, String::new())).collect();
    for bar in bars {
        for (class, y, h) in &bar.rects {
            let Some((_, d)) = paths.iter_mut().find(|(c, _)| c == class) else {
                continue;
            };
            d.push('M');
            fmt(bar.x).write_to(d);
            d.push(',');
            fmt(*y).write_to(d);
            d.push('h');
            fmt(width).write_to(d);
            d.push('v');
            fmt(*h).write_to(d);
            d.push('h');
            fmt(-width).write_to(d);
            d.push('z');
        }
    }
    paths.retain(|(_, d)| !d.is_empty());
    paths
}

/// The number of a period counted from a fixed origin, so that labels every N periods fall on the
/// calendar's round values (every January for a yearly step of months) wherever the series starts.
fn ordinal(period: Period, start: Date) -> i64 {
    let days = vigie_store::calendar::day_number(start);
    match period {
        Period::Day => days,
        // 1970-01-05 was a Monday, so that weeks count from a week start.
        Period::Week => (days - 4).div_euclid(7),
        Period::Month => i64::from(start.year()) * 12 + i64::from(start.month()) - 1,
    }
}

/// A chart coordinate, written with two decimals straight into the page: digits need no escaping,
/// and formatting integers without an allocation per number keeps a chart of hundreds of periods
/// cheap.
#[derive(Clone, Copy)]
struct Coord(f64);

impl Coord {
    fn write_to(self, out: &mut String) {
        let hundredths = (self.0 * 100.0).round() as i64;
        if hundredths < 0 {
            out.push('-');
        }
        let h = hundredths.unsigned_abs();
        let mut digits = [0u8; 24];
        let mut start = digits.len();
        let mut n = h / 100;
        loop {
            start -= 1;
            digits[start] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        out.push_str(std::str::from_utf8(&digits[start..]).unwrap_or("0"));
        out.push('.');
        out.push(char::from(b'0' + (h % 100 / 10) as u8));
        out.push(char::from(b'0' + (h % 10) as u8));
    }
}

impl maud::Render for Coord {
    fn render_to(&self, buffer: &mut String) {
        self.write_to(buffer);
    }
}

fn fmt(v: f64) -> Coord {
    Coord(v)
}

/// The chart as an inline SVG element.
pub fn relations_chart(relations: &Relations, lang: UiLang) -> Markup {
    let t = lang.texts();
    let points = &relations.points;
    let n = points.len().max(1);
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let slot = plot_w / n as f64;
    // Bars fill their slot when thin (a gap would hide them), and keep a gap when wide.
    let bar_w = if slot < 3.0 { slot } else { slot * 0.8 };
    let totals: Vec<u64> = points
        .iter()
        .map(|p| p.quad.iter().sum::<u64>().max(p.clusters))
        .collect();
    // Four or five gridlines at round counts: the step is round, the top a multiple of it.
    let most = totals.iter().copied().max().unwrap_or(0).max(1);
    let tick = nice_ceiling(most.div_ceil(4));
    let top = most.div_ceil(tick) * tick;
    let y_count = |c: f64| TOP + plot_h - c / top as f64 * plot_h;
    let y_score = |s: f64| TOP + plot_h / 2.0 - s.clamp(-10.0, 10.0) / 10.0 * (plot_h / 2.0);
    let x_of = |i: usize| LEFT + i as f64 * slot;
    let rhythm = rhythm(relations.period, slot);
    let labels: Vec<(usize, String)> = points
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            let previous = i.checked_sub(1).map(|j| points[j].start);
            axis_label(relations.period, rhythm, previous, p.start).map(|l| (i, l))
        })
        .collect();
    let count_ticks: Vec<u64> = (0..=top / tick).map(|k| k * tick).collect();
    // The score line, broken where there is no score yet.
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for (i, p) in points.iter().enumerate() {
        match p.score {
            Some(s) => {
                if !current.is_empty() {
                    current.push(' ');
                }
                fmt(x_of(i) + slot / 2.0).write_to(&mut current);
                current.push(',');
                fmt(y_score(s)).write_to(&mut current);
            }
            None if !current.is_empty() => lines.push(std::mem::take(&mut current)),
            None => {}
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }
    let notable: Vec<(usize, f64, String)> = relations
        .notable
        .iter()
        .filter_map(|np| {
            let i = points.iter().position(|p| p.start == np.start)?;
            let score = np.score.or(points[i].score)?;
            Some((
                i,
                score,
                format!(
                    "{}: {}",
                    np.period,
                    lang.notable(&np.kind, relations.period)
                ),
            ))
        })
        .collect();
    let tooltips = points.len() <= MAX_TOOLTIPS;
    let bars: Vec<Bar> = points
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let mut base = 0u64;
            let mut rects = Vec::new();
            for (q, &count) in p.quad.iter().enumerate() {
                if count > 0 {
                    let (low, high) = (y_count(base as f64), y_count((base + count) as f64));
                    rects.push((QUAD_CLASSES[q], high, low - high));
                    base += count;
                }
            }
            let tooltip = tooltips.then(|| {
                let events =
                    lang.count(totals[i], ("événement", "événements"), ("event", "events"));
                match p.score {
                    Some(s) => format!("{}: {events}, {} {s:+.1}", p.period, t.score),
                    None => format!("{}: {events}", p.period),
                }
            });
            Bar {
                x: x_of(i) + (slot - bar_w) / 2.0,
                tooltip,
                rects,
            }
        })
        .collect();
    html! {
        svg.chart viewBox={"0 0 " (WIDTH) " " (HEIGHT)} role="img"
            aria-labelledby="chart-title chart-desc" xmlns="http://www.w3.org/2000/svg" {
            title #chart-title { (t.chart_title) }
            desc #chart-desc { (t.chart_desc) }
            g.grid {
                @for c in &count_ticks {
                    line x1=(fmt(LEFT)) x2=(fmt(WIDTH - RIGHT)) y1=(fmt(y_count(*c as f64)))
                        y2=(fmt(y_count(*c as f64))) {}
                    text.axis-left x=(fmt(LEFT - 6.0)) y=(fmt(y_count(*c as f64) + 4.0)) { (c) }
                }
                @for s in [-10.0f64, -5.0, 0.0, 5.0, 10.0] {
                    text.axis-right x=(fmt(WIDTH - RIGHT + 6.0)) y=(fmt(y_score(s) + 4.0)) {
                        (format!("{s:+}").replace('-', "−"))
                    }
                }
                line.zero x1=(fmt(LEFT)) x2=(fmt(WIDTH - RIGHT)) y1=(fmt(y_score(0.0)))
                    y2=(fmt(y_score(0.0))) {}
            }
            g.bars {
                @if tooltips {
                    @for bar in &bars {
                        g {
                            @if let Some(tip) = &bar.tooltip {
                                title { (tip) }
                            }
                            @for (class, y, h) in &bar.rects {
                                rect class=(class) x=(fmt(bar.x)) width=(fmt(bar_w)) y=(fmt(*y))
                                    height=(fmt(*h)) {}
                            }
                        }
                    }
                } @else {
                    // Without tooltips, one path per quad class draws every bar: a fraction of the
                    // markup of a rectangle each.
                    @for (class, d) in bar_paths(&bars, bar_w) {
                        // Only numbers and path commands: nothing to escape.
                        path class=(class) d=(PreEscaped(d)) {}
                    }
                }
            }
            g.score {
                @for line in &lines {
                    polyline points=(PreEscaped(line)) {}
                }
            }
            g.notable {
                @for (i, score, label) in &notable {
                    @let cx = x_of(*i) + slot / 2.0;
                    @let cy = y_score(*score);
                    path d={"M" (fmt(cx)) "," (fmt(cy + 2.0)) " l-6,10 h12 z"} {
                        title { (label) }
                    }
                }
            }
            g.labels {
                @for (i, label) in &labels {
                    line x1=(fmt(x_of(*i))) x2=(fmt(x_of(*i))) y1=(fmt(TOP + plot_h))
                        y2=(fmt(TOP + plot_h + 4.0)) {}
                    text x=(fmt(x_of(*i))) y=(fmt(TOP + plot_h + 18.0)) { (label) }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coordinates_have_two_decimals() {
        let text = |v: f64| {
            let mut s = String::new();
            fmt(v).write_to(&mut s);
            s
        };
        assert_eq!(text(0.0), "0.00");
        assert_eq!(text(12.345_6), "12.35");
        assert_eq!(text(-3.2), "-3.20");
        assert_eq!(text(1000.0), "1000.00");
        assert_eq!(text(-0.004), "0.00");
    }

    fn days(n: usize) -> Relations {
        let first: Date = "2020-01-01".parse().expect("date");
        let points = (0..n)
            .map(|i| {
                let start = first
                    .checked_add(jiff::Span::new().days(i as i64))
                    .expect("day");
                vigie_store::series::SeriesPoint {
                    start,
                    period: start.to_string(),
                    clusters: 3,
                    quad: [1, 0, 0, 2],
                    scored: 3,
                    goldstein: -5.0,
                    intensity: -5.0,
                    mean_goldstein: Some(-5.0 / 3.0),
                    score: Some(-1.0),
                }
            })
            .collect();
        Relations {
            dyad: vigie_store::Dyad {
                actor: "FRA".into(),
                recipient: "MLI".into(),
                directed: false,
            },
            period: Period::Day,
            from: Some(first),
            to: None,
            points,
            score_sparkline: String::new(),
            activity_sparkline: String::new(),
            notable: Vec::new(),
        }
    }

    #[test]
    fn long_series_draw_one_path_per_quad_class() {
        let short = relations_chart(&days(30), UiLang::En).into_string();
        assert_eq!(
            short.matches("<rect").count(),
            60,
            "a rectangle per bar and class"
        );
        assert_eq!(short.matches("<title>").count(), 30, "a tooltip per bar");
        let long = relations_chart(&days(MAX_TOOLTIPS + 1), UiLang::En).into_string();
        assert_eq!(long.matches("<rect").count(), 0);
        let paths: Vec<&str> = long.split("<path class=\"").skip(1).collect();
        assert_eq!(paths.len(), 2, "classes 1 and 4");
        assert!(paths[0].starts_with("q1\""));
        assert_eq!(paths[1].matches('M').count(), MAX_TOOLTIPS + 1);
        assert!(long.len() < short.len() * 10, "{} bytes", long.len());
    }

    #[test]
    fn count_axis_tops_are_round() {
        assert_eq!(nice_ceiling(1), 1);
        assert_eq!(nice_ceiling(3), 5);
        assert_eq!(nice_ceiling(7), 10);
        assert_eq!(nice_ceiling(11), 20);
        assert_eq!(nice_ceiling(480), 500);
    }

    #[test]
    fn label_rhythms_follow_the_room() {
        // Ten years of days on 912 units: a label every year at most.
        assert_eq!(rhythm(Period::Day, 912.0 / 3654.0), Rhythm::Years(1));
        assert_eq!(rhythm(Period::Day, 912.0 / 90.0), Rhythm::Periods(14));
        assert_eq!(rhythm(Period::Week, 912.0 / 523.0), Rhythm::Years(1));
        assert_eq!(rhythm(Period::Week, 912.0 / 39.0), Rhythm::Months(1));
        assert_eq!(rhythm(Period::Month, 912.0 / 12.0), Rhythm::Months(2));
        assert_eq!(rhythm(Period::Month, 912.0 / 163.0), Rhythm::Years(2));
    }

    #[test]
    fn labels_fall_on_round_dates() {
        let d = jiff::civil::date;
        let day = |prev, start| axis_label(Period::Day, Rhythm::Years(1), prev, start);
        assert_eq!(day(None, d(2015, 12, 30)), None);
        assert_eq!(
            day(Some(d(2015, 12, 31)), d(2016, 1, 1)).as_deref(),
            Some("2016")
        );
        assert_eq!(day(Some(d(2016, 1, 1)), d(2016, 1, 2)), None);
        assert_eq!(day(None, d(2016, 1, 1)).as_deref(), Some("2016"));
        let week = |prev, start| axis_label(Period::Week, Rhythm::Months(3), prev, start);
        assert_eq!(week(Some(d(2025, 3, 24)), d(2025, 3, 31)), None);
        assert_eq!(
            week(Some(d(2025, 3, 31)), d(2025, 4, 7)).as_deref(),
            Some("2025-04")
        );
        assert_eq!(week(Some(d(2025, 4, 28)), d(2025, 5, 5)), None);
        let month = axis_label(Period::Month, Rhythm::Periods(1), None, d(2025, 9, 1));
        assert_eq!(month.as_deref(), Some("2025-09"));
    }

    #[test]
    fn yearly_labels_fall_on_january() {
        let january = jiff::civil::date(2016, 1, 1);
        let march = jiff::civil::date(2016, 3, 1);
        assert_eq!(ordinal(Period::Month, january) % 12, 0);
        assert_ne!(ordinal(Period::Month, march) % 12, 0);
        let monday = jiff::civil::date(2025, 9, 15);
        assert_eq!(
            ordinal(Period::Week, monday) + 1,
            ordinal(Period::Week, jiff::civil::date(2025, 9, 22))
        );
        assert_eq!(
            ordinal(Period::Week, monday),
            ordinal(Period::Week, jiff::civil::date(2025, 9, 21))
        );
        assert_eq!(
            ordinal(Period::Week, monday),
            ordinal(Period::Week, jiff::civil::date(2025, 9, 14)) + 1
        );
    }
}

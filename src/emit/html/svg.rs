//! Geometry of the report's inline SVG, in whole viewBox units (integers, so
//! the bytes never depend on float formatting): the findings-by-rule bar chart
//! and the membership timelines.

use super::kit::{date, thousands};
use crate::finding::{Finding, Severity};
use crate::plan::OrgPlan;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use std::collections::HashMap;

/// Width of the small overlap bar in the index's organisation table.
pub const BAR_WIDTH: u32 = 120;

/// Width of a bar of `days` when `scale_days` fills [`BAR_WIDTH`]; never so
/// thin that a short overlap disappears.
pub fn bar_width(days: u32, scale_days: u32) -> u32 {
    if days == 0 || scale_days == 0 {
        return 0;
    }
    let w = u64::from(days) * u64::from(BAR_WIDTH) / u64::from(scale_days.max(days));
    (w as u32).clamp(3, BAR_WIDTH)
}

#[derive(Debug, Serialize)]
pub struct Chart {
    width: u32,
    height: u32,
    label_x: u32,
    bar_x: u32,
    bars: Vec<ChartBar>,
}

#[derive(Debug, Serialize)]
struct ChartBar {
    rule: &'static str,
    severity: &'static str,
    count: String,
    y: u32,
    text_y: u32,
    width: u32,
    count_x: u32,
}

const CHART_WIDTH: u32 = 760;
const CHART_LABEL_X: u32 = 196;
const CHART_BAR_X: u32 = 206;
const CHART_BAR_MAX: u32 = CHART_WIDTH - CHART_BAR_X - 80;
const CHART_PITCH: u32 = 28;
const CHART_BAR_HEIGHT: u32 = 18;
const CHART_PAD: u32 = 6;

/// Findings counted per rule (and severity, which `--strict` may raise),
/// errors first (`Severity` orders error < warning < info), then by count,
/// then by rule id. `None` when there are none.
pub fn findings_chart(findings: &[Finding]) -> Option<Chart> {
    let mut counts: HashMap<(&'static str, Severity), usize> = HashMap::new();
    for f in findings {
        *counts.entry((f.rule.id(), f.severity)).or_default() += 1;
    }
    if counts.is_empty() {
        return None;
    }
    let mut rows: Vec<((&'static str, Severity), usize)> = counts.into_iter().collect();
    rows.sort_by(|((ra, sa), na), ((rb, sb), nb)| {
        (sa, std::cmp::Reverse(na), ra).cmp(&(sb, std::cmp::Reverse(nb), rb))
    });
    let max = rows.iter().map(|r| r.1).max().unwrap_or(1).max(1) as u64;
    let bars = rows
        .into_iter()
        .enumerate()
        .map(|(i, ((rule, severity), n))| {
            let y = CHART_PAD + i as u32 * CHART_PITCH;
            let width = ((n as u64 * u64::from(CHART_BAR_MAX) / max) as u32).max(2);
            ChartBar {
                rule,
                severity: severity.as_str(),
                count: thousands(n),
                y,
                text_y: y + CHART_BAR_HEIGHT / 2 + 4,
                width,
                count_x: CHART_BAR_X + width + 6,
            }
        })
        .collect::<Vec<_>>();
    Some(Chart {
        width: CHART_WIDTH,
        height: 2 * CHART_PAD + bars.len() as u32 * CHART_PITCH - (CHART_PITCH - CHART_BAR_HEIGHT),
        label_x: CHART_LABEL_X,
        bar_x: CHART_BAR_X,
        bars,
    })
}

/// One organisation's memberships on a shared date axis.
#[derive(Debug, Serialize)]
pub struct Timeline {
    width: u32,
    height: u32,
    plot_x: u32,
    plot_end: u32,
    axis_y: u32,
    lanes: Vec<Lane>,
    cutover: Marker,
    ticks: Vec<Tick>,
    expired: bool,
}

#[derive(Debug, Serialize)]
struct Lane {
    label: &'static str,
    class: &'static str,
    y: u32,
    text_y: u32,
    /// `None` for an empty lane (no overlap: expired).
    bar: Option<Bar>,
}

#[derive(Debug, Serialize)]
struct Bar {
    x: u32,
    width: u32,
    start: String,
    end: String,
    text_x: u32,
    anchor: &'static str,
    inside: bool,
}

#[derive(Debug, Serialize)]
struct Marker {
    x: u32,
    label: String,
    label_x: u32,
    anchor: &'static str,
}

#[derive(Debug, Serialize)]
struct Tick {
    x: u32,
    label: String,
}

const TL_WIDTH: u32 = 1100;
const TL_PLOT_X: u32 = 170;
const TL_PLOT_END: u32 = 1080;
const TL_TOP: u32 = 28;
const TL_PITCH: u32 = 34;
const TL_LANE: u32 = 20;
/// Room a "YYYY-MM-DD → YYYY-MM-DD" label needs.
const TL_TEXT: u32 = 164;

struct Axis {
    lo: NaiveDate,
    days: i64,
}

impl Axis {
    fn x(&self, d: NaiveDate) -> u32 {
        let off = (d - self.lo).num_days().clamp(0, self.days);
        TL_PLOT_X + (off * i64::from(TL_PLOT_END - TL_PLOT_X) / self.days) as u32
    }

    /// The bar from `start` to `end`, both inclusive.
    fn bar(&self, start: NaiveDate, end: NaiveDate) -> Bar {
        let x = self.x(start);
        let to = self.x(end.succ_opt().unwrap_or(end)).max(x + 2);
        let width = to - x;
        let (text_x, anchor, inside) = if width >= TL_TEXT + 12 {
            (x + 8, "start", true)
        } else if to + 6 + TL_TEXT <= TL_WIDTH {
            (to + 6, "start", false)
        } else {
            (x.saturating_sub(6), "end", false)
        };
        Bar { x, width, start: date(start), end: date(end), text_x, anchor, inside }
    }
}

pub fn timeline(o: &OrgPlan) -> Timeline {
    let lo = o.pmc_start.min(o.pc_start);
    let hi = o.pc_end.max(o.pmc_end).succ_opt().unwrap_or(o.pc_end);
    let axis = Axis { lo, days: (hi - lo).num_days().max(1) };
    let lane = |i: u32, label, class, bar| Lane {
        label,
        class,
        y: TL_TOP + i * TL_PITCH,
        text_y: TL_TOP + i * TL_PITCH + TL_LANE / 2 + 5,
        bar,
    };
    let overlap = match (o.overlap_start, o.overlap_end) {
        (Some(s), Some(e)) if !o.expired => Some(axis.bar(s, e)),
        _ => None,
    };
    let lanes = vec![
        lane(0, "PMC membership", "pmc", Some(axis.bar(o.pmc_start, o.pmc_end))),
        lane(1, "Partner Center", "pc", Some(axis.bar(o.pc_start, o.pc_end))),
        lane(2, "Both systems", "overlap", overlap),
    ];
    let axis_y = TL_TOP + 3 * TL_PITCH;
    let cut = axis.x(o.pc_start);
    let (label_x, anchor) = if cut < TL_PLOT_X + 80 {
        (cut.saturating_sub(4), "start")
    } else if cut + 80 > TL_PLOT_END {
        (cut + 4, "end")
    } else {
        (cut, "middle")
    };
    Timeline {
        width: TL_WIDTH,
        height: axis_y + 26,
        plot_x: TL_PLOT_X,
        plot_end: TL_PLOT_END,
        axis_y,
        lanes,
        cutover: Marker { x: cut, label: format!("cutover {}", date(o.pc_start)), label_x, anchor },
        ticks: year_ticks(&axis, hi),
        expired: o.expired,
    }
}

/// 1 January of each year inside the axis (every few years on a long axis).
fn year_ticks(axis: &Axis, hi: NaiveDate) -> Vec<Tick> {
    let first = axis.lo.year() + 1;
    let last = hi.year();
    if last < first {
        return Vec::new();
    }
    let step = ((last - first) / 8 + 1).max(1);
    (first..=last)
        .step_by(step as usize)
        .filter_map(|y| NaiveDate::from_ymd_opt(y, 1, 1))
        .filter(|d| *d < hi)
        .map(|d| Tick { x: axis.x(d), label: d.year().to_string() })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Rule;

    #[test]
    fn bars_scale_and_stay_visible() {
        assert_eq!(bar_width(0, 100), 0);
        assert_eq!(bar_width(100, 100), BAR_WIDTH);
        assert_eq!(bar_width(50, 100), BAR_WIDTH / 2);
        assert_eq!(bar_width(1, 10_000), 3);
    }

    #[test]
    fn chart_orders_errors_first_then_by_count() {
        let f = |rule| Finding::new("a.csv", 2, 1, rule, "m".into());
        let findings = vec![
            f(Rule::ExactDuplicate),
            f(Rule::ExactDuplicate),
            f(Rule::ExactDuplicate),
            f(Rule::InvalidEmail),
            f(Rule::MembershipExpired),
            f(Rule::InvalidDate),
            f(Rule::InvalidDate),
        ];
        let chart = findings_chart(&findings).unwrap();
        let order: Vec<_> = chart.bars.iter().map(|b| b.rule).collect();
        assert_eq!(order, vec!["invalid-date", "invalid-email", "membership-expired", "exact-duplicate"]);
        assert_eq!(chart.bars[3].width, CHART_BAR_MAX);
        assert!(findings_chart(&[]).is_none());
    }
}

//! Geometry of the report's inline SVG, in whole pixels and hundredths of a
//! percent (integers, so the bytes never depend on float formatting): the
//! findings-by-rule bar chart and the membership timelines. Neither scales
//! its text with the page: lengths along the width are percentages, so a
//! chart fills a phone or a desktop with its labels at their CSS size.

use super::kit::{date, thousands};
use crate::core::finding::{Finding, Severity};
use crate::pipeline::plan::OrgPlan;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use std::collections::HashMap;

/// Width of the small overlap bar in the index's organisation table.
pub(crate) const BAR_WIDTH: u32 = 120;

/// Width of a bar of `days` when `scale_days` fills [`BAR_WIDTH`]; never so
/// thin that a short overlap disappears.
pub(crate) fn bar_width(days: u32, scale_days: u32) -> u32 {
    if days == 0 || scale_days == 0 {
        return 0;
    }
    let w = u64::from(days) * u64::from(BAR_WIDTH) / u64::from(scale_days.max(days));
    (w as u32).clamp(3, BAR_WIDTH)
}

/// A length along a chart's width: `bp` hundredths of a percent, written as a
/// percentage ("12.34%") so that the chart spans whatever width the page gives
/// it while its text keeps its CSS size (no viewBox scaling: a phone shows
/// the same 12 px labels as a desktop).
fn pct(bp: u32) -> String {
    format!("{}.{:02}%", bp / 100, bp % 100)
}

/// The whole width, in hundredths of a percent.
const FULL: u32 = 10_000;

#[derive(Debug, Serialize)]
pub(crate) struct Chart {
    height: u32,
    /// Width of the rule labels' column, in px: sized for the longest label.
    label_width: u32,
    bars: Vec<ChartBar>,
}

#[derive(Debug, Serialize)]
struct ChartBar {
    rule: &'static str,
    severity: &'static str,
    count: String,
    y: u32,
    text_y: u32,
    /// Of the bars' column ("37.50%"); the count follows the bar's end.
    width: String,
}

const CHART_PITCH: u32 = 28;
const CHART_BAR_HEIGHT: u32 = 18;
const CHART_PAD: u32 = 6;
/// Room per character of a 12.5 px label, generous for wide sans-serif fonts.
const CHART_CHAR: u32 = 8;
const CHART_GAP: u32 = 10;

/// Findings counted per rule (and severity, which `--strict` may raise),
/// errors first (`Severity` orders error < warning < info), then by count,
/// then by rule id. `None` when there are none.
pub(crate) fn findings_chart(findings: &[Finding]) -> Option<Chart> {
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
    let longest = rows.iter().map(|((rule, _), _)| rule.chars().count() as u32).max().unwrap_or(0);
    let bars = rows
        .into_iter()
        .enumerate()
        .map(|(i, ((rule, severity), n))| {
            let y = CHART_PAD + i as u32 * CHART_PITCH;
            let bp = ((n as u64 * u64::from(FULL) / max) as u32).max(100);
            ChartBar {
                rule,
                severity: severity.as_str(),
                count: thousands(n),
                y,
                text_y: y + CHART_BAR_HEIGHT / 2 + 4,
                width: pct(bp),
            }
        })
        .collect::<Vec<_>>();
    Some(Chart {
        height: 2 * CHART_PAD + bars.len() as u32 * CHART_PITCH - (CHART_PITCH - CHART_BAR_HEIGHT),
        label_width: longest * CHART_CHAR + CHART_GAP,
        bars,
    })
}

/// One organisation's memberships on a shared date axis, one lane per
/// membership: its name and dates on a line of text, the bar under it. Text
/// never shares a line with a bar, so nothing collides at any width.
#[derive(Debug, Serialize)]
pub(crate) struct Timeline {
    height: u32,
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
    /// Top of the bar.
    y: u32,
    /// Baseline of the lane's text line.
    text_y: u32,
    /// `None` for an empty lane (no overlap: expired).
    bar: Option<Bar>,
}

#[derive(Debug, Serialize)]
struct Bar {
    x: String,
    width: String,
    start: String,
    end: String,
}

#[derive(Debug, Serialize)]
struct Marker {
    x: String,
    /// The cutover day; the page words the label in its language.
    date: String,
    anchor: &'static str,
}

#[derive(Debug, Serialize)]
struct Tick {
    x: String,
    label: String,
}

const TL_TOP: u32 = 22;
const TL_PITCH: u32 = 44;
const TL_TEXT: u32 = 13;
const TL_BAR: u32 = 19;

struct Axis {
    lo: NaiveDate,
    days: i64,
}

impl Axis {
    /// Where `d` falls, in hundredths of a percent of the width.
    fn at(&self, d: NaiveDate) -> u32 {
        let off = (d - self.lo).num_days().clamp(0, self.days);
        (off * i64::from(FULL) / self.days) as u32
    }

    /// The bar from `start` to `end`, both inclusive; never too thin to see.
    fn bar(&self, start: NaiveDate, end: NaiveDate) -> Bar {
        let x = self.at(start);
        let to = self.at(end.succ_opt().unwrap_or(end)).max(x + 30);
        Bar { x: pct(x), width: pct(to - x), start: date(start), end: date(end) }
    }
}

pub(crate) fn timeline(o: &OrgPlan) -> Timeline {
    let lo = o.pmc_start.min(o.pc_start);
    let hi = o.pc_end.max(o.pmc_end).succ_opt().unwrap_or(o.pc_end);
    let axis = Axis { lo, days: (hi - lo).num_days().max(1) };
    let lane = |i: u32, label, class, bar| Lane {
        label,
        class,
        y: TL_TOP + i * TL_PITCH + TL_BAR,
        text_y: TL_TOP + i * TL_PITCH + TL_TEXT,
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
    let axis_y = TL_TOP + 3 * TL_PITCH + 2;
    let cut = axis.at(o.pc_start);
    // The label centres on the line unless that would push it past an edge
    // of a phone-wide chart.
    let anchor = match cut {
        c if c < FULL / 4 => "start",
        c if c > FULL * 3 / 4 => "end",
        _ => "middle",
    };
    Timeline {
        height: axis_y + 24,
        axis_y,
        lanes,
        cutover: Marker { x: pct(cut), date: date(o.pc_start), anchor },
        ticks: year_ticks(&axis, hi),
        expired: o.expired,
    }
}

/// 1 January of each year inside the axis (every few years on a long axis,
/// so that the labels fit a phone).
fn year_ticks(axis: &Axis, hi: NaiveDate) -> Vec<Tick> {
    let first = axis.lo.year() + 1;
    let last = hi.year();
    if last < first {
        return Vec::new();
    }
    let step = ((last - first) / 6 + 1).max(1);
    (first..=last)
        .step_by(step as usize)
        .filter_map(|y| NaiveDate::from_ymd_opt(y, 1, 1))
        .filter(|d| *d < hi)
        .map(|d| Tick { x: pct(axis.at(d)), label: d.year().to_string() })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::finding::Rule;

    #[test]
    fn bars_scale_and_stay_visible() {
        assert_eq!(bar_width(0, 100), 0);
        assert_eq!(bar_width(100, 100), BAR_WIDTH);
        assert_eq!(bar_width(50, 100), BAR_WIDTH / 2);
        assert_eq!(bar_width(1, 10_000), 3);
    }

    /// An organisation as R1–R4 plan it: Partner Center from the cutover to a
    /// year after the PMC end (or after the cutover once expired).
    fn org(pmc_start: &str, pmc_end: &str, as_of: &str) -> OrgPlan {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let (start, end, cut) = (d(pmc_start), d(pmc_end), d(as_of));
        let expired = end < cut;
        let pc_end = if expired { cut } else { end }.with_year(if expired { cut } else { end }.year() + 1).unwrap();
        OrgPlan {
            mpn_id: crate::core::ids::MpnId::parse("1234567").unwrap(),
            organization: "Contoso".into(),
            membership: "Gold".into(),
            pmc_start: start,
            pmc_end: end,
            renewed: false,
            pc_start: cut,
            pc_end,
            overlap_start: (!expired).then_some(cut),
            overlap_end: (!expired).then_some(end),
            overlap_days: if expired { 0 } else { (end - cut).num_days() as u32 + 1 },
            expired,
            tenant_domain: "contoso.onmicrosoft.com".into(),
            country: None,
            creation: crate::core::options::Creation::Bulk,
            enrolment: crate::pipeline::plan::Enrolment::New,
            accounts: Vec::new(),
            line: 2,
        }
    }

    #[test]
    fn timeline_lengths_are_percentages_of_the_width() {
        // PMC 2025-01-01..2025-12-31, cutover 2025-07-02 (day 182): the axis
        // runs to the Partner Center end, 2026-12-31, 730 days in all.
        let t = timeline(&org("2025-01-01", "2025-12-31", "2025-07-02"));
        let pmc = t.lanes[0].bar.as_ref().unwrap();
        assert_eq!((pmc.x.as_str(), pmc.width.as_str()), ("0.00%", "50.00%"));
        let pc = t.lanes[1].bar.as_ref().unwrap();
        assert_eq!((pc.x.as_str(), pc.width.as_str()), ("24.93%", "75.07%"));
        assert_eq!(t.cutover.x, "24.93%");
        assert_eq!(t.cutover.anchor, "start", "near the left edge the label runs right");
        let ticks: Vec<(&str, &str)> = t.ticks.iter().map(|t| (t.label.as_str(), t.x.as_str())).collect();
        assert_eq!(ticks, [("2026", "50.00%")]);
        // Lanes do not overlap: each text line sits above its own bar.
        for pair in t.lanes.windows(2) {
            assert!(pair[0].y + 16 < pair[1].text_y - 12, "{:?}", t.lanes);
        }
        let expired = timeline(&org("2024-01-01", "2024-12-31", "2025-07-02"));
        assert!(expired.lanes[2].bar.is_none());
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
        assert_eq!(chart.bars[3].width, "100.00%");
        assert_eq!(chart.bars[0].width, "66.66%");
        assert_eq!(chart.label_width, 18 * CHART_CHAR + CHART_GAP, "room for membership-expired");
        assert!(findings_chart(&[]).is_none());
    }
}

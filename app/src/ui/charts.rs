//! SVG charts rendered on the server, so they show without JavaScript and in print.
//! The geometry comes from `ui::chart`; these components only draw it.
//!
//! Points are focusable and show their value on hover or focus through CSS alone, which
//! works before (and without) the WASM.

use super::chart::{self, fmt, Frame};
use crate::areas::format_with_unit;
use crate::areas::outcomes::{period_of, Milestone};
use leptos::prelude::*;

/// A milestone placed on a chart's axis: its number on the chart, the axis period it marks,
/// and its text.
#[derive(Clone, Debug, PartialEq)]
pub struct PlacedMilestone {
    pub number: usize,
    pub period: String,
    pub label: String,
}

/// Puts each milestone at the first period on the axis that holds its date (years or months,
/// as the axis has them). Milestones before the first or after the last period are left out:
/// the chart has no place for them.
pub fn place_milestones(axis: &[String], milestones: &[Milestone]) -> Vec<PlacedMilestone> {
    let (Some(first), Some(last)) = (axis.first(), axis.last()) else {
        return Vec::new();
    };
    let monthly = first.len() == 7;
    let mut placed = Vec::new();
    for milestone in milestones {
        let period = period_of(&milestone.date, monthly);
        if period < first.as_str() || period > last.as_str() {
            continue;
        }
        if let Some(on_axis) = axis.iter().find(|p| p.as_str() >= period) {
            placed.push(PlacedMilestone {
                number: placed.len() + 1,
                period: on_axis.clone(),
                label: milestone.label.clone(),
            });
        }
    }
    placed
}

/// One line in a chart; `class` picks its colour and dash in the stylesheet.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartLine {
    pub label: String,
    pub class: &'static str,
    pub points: Vec<(String, f64)>,
    /// A line to compare with (city average, peer median): drawn as a plain line, without
    /// focusable points, so the keyboard visits only the subject's values; the table under
    /// the chart has every number.
    pub reference: bool,
}

/// How values of one indicator are written.
#[derive(Clone, Debug, PartialEq)]
pub struct ValueFormat {
    pub decimals: u8,
    pub unit: String,
}

impl ValueFormat {
    pub fn format(&self, value: f64) -> String {
        format_with_unit(value, self.decimals, &self.unit)
    }
}

const LINE_FRAME: Frame = Frame {
    width: 640.0,
    height: 240.0,
    left: 64.0,
    right: 16.0,
    top: 16.0,
    bottom: 32.0,
};

/// A line chart of one indicator over time: several lines on a shared axis, a legend,
/// and values on hover/focus. `label` is the chart's accessible name.
#[component]
pub fn LineChart(
    label: String,
    lines: Vec<ChartLine>,
    format: ValueFormat,
    /// Moments marked with a numbered line (see [`place_milestones`]).
    #[prop(default = Vec::new())]
    milestones: Vec<PlacedMilestone>,
) -> impl IntoView {
    let series: Vec<&[(String, f64)]> = lines.iter().map(|l| l.points.as_slice()).collect();
    let Some(layout) = chart::line_layout(LINE_FRAME, &series) else {
        return view! { <p class="chart-empty">"Nog geen cijfers om te tonen."</p> }.into_any();
    };
    let marks = milestones
        .iter()
        .filter_map(|m| {
            let x = fmt(layout.x_of_period(&m.period)?);
            let (top, bottom) = (
                fmt(layout.frame.top),
                fmt(layout.frame.height - layout.frame.bottom),
            );
            Some(view! {
                <g class="chart__milestone">
                    <line x1=x.clone() x2=x.clone() y1=top y2=bottom/>
                    <text x=x y=fmt(layout.frame.top - 4.0) text-anchor="middle">{m.number}</text>
                </g>
            })
        })
        .collect_view();
    let milestone_list = (!milestones.is_empty()).then(|| {
        view! {
            <ol class="chart-milestones">
                {milestones.iter().map(|m| view! { <li>{m.label.clone()}</li> }).collect_view()}
            </ol>
        }
    });
    let frame = layout.frame;
    let view_box = format!("0 0 {} {}", fmt(frame.width), fmt(frame.height));
    let x0 = fmt(frame.left);
    let x1 = fmt(frame.width - frame.right);
    let y_bottom = fmt(frame.height - frame.bottom + 18.0);
    let grid = layout
        .y_ticks
        .iter()
        .map(|(value, y)| {
            let y = fmt(*y);
            let text = format.format(*value);
            view! {
                <line class="chart__grid" x1=x0.clone() x2=x1.clone() y1=y.clone() y2=y.clone()/>
                <text class="chart__axis" x=fmt(frame.left - 8.0) y=y dy="0.32em" text-anchor="end">{text}</text>
            }
        })
        .collect_view();
    let x_labels = layout
        .x_labels
        .iter()
        .map(|(period, x)| {
            view! { <text class="chart__axis" x=fmt(*x) y=y_bottom.clone() text-anchor="middle">{period.clone()}</text> }
        })
        .collect_view();
    let drawn = layout
        .lines
        .iter()
        .zip(&lines)
        .map(|(plotted, line)| {
            let class = format!("chart__line {}", line.class);
            if line.reference {
                return view! { <g class=class><path d=plotted.path.clone() fill="none"/></g> }.into_any();
            }
            let points = plotted
                .points
                .iter()
                .map(|p| {
                    let text = format!("{} {}: {}", line.label, p.period, format.format(p.value));
                    let aria_label = text.clone();
                    let (x, y) = (fmt(p.x), fmt(p.y));
                    // The tip sits above the point, kept inside the drawing.
                    let tip_x = fmt(p.x.clamp(frame.left + 60.0, frame.width - 60.0));
                    let tip_y = fmt((p.y - 12.0).max(12.0));
                    view! {
                        <g class="chart__point" tabindex="0" role="img" aria-label=aria_label>
                            <circle cx=x cy=y r="4"/>
                            <text class="chart__tip" x=tip_x y=tip_y text-anchor="middle">{text}</text>
                        </g>
                    }
                })
                .collect_view();
            view! {
                <g class=class>
                    <path d=plotted.path.clone() fill="none"/>
                    {points}
                </g>
            }
            .into_any()
        })
        .collect_view();
    let legend = lines
        .iter()
        .filter(|l| !l.points.is_empty())
        .map(|l| {
            let class = format!("chart-legend__swatch {}", l.class);
            view! { <li><span class=class aria-hidden="true"></span>{l.label.clone()}</li> }
        })
        .collect_view();
    view! {
        <figure class="chart">
            <svg class="chart__svg" viewBox=view_box role="group" aria-label=label>
                {grid}
                {x_labels}
                {marks}
                {drawn}
            </svg>
            <ul class="chart-legend">{legend}</ul>
            {milestone_list}
        </figure>
    }
    .into_any()
}

/// A chart under its own heading, with its data table in a disclosure below it.
#[component]
pub fn ChartCard(
    heading: String,
    /// Heading level (3 or 4), so the card fits the page's outline.
    #[prop(default = 3)]
    level: u8,
    /// A remark under the heading, e.g. that months are shown as yearly averages.
    #[prop(default = None)]
    note: Option<&'static str>,
    label: String,
    caption: String,
    lines: Vec<ChartLine>,
    format: ValueFormat,
    /// Opgaves' starts and ends to mark on the chart and in its table.
    #[prop(default = Vec::new())]
    milestones: Vec<Milestone>,
) -> impl IntoView {
    // Rendered once per set of inputs and kept as HTML (see `ui::fragments`): the charts are
    // most of a profile's and the monitor's HTML and render time, and their inputs change
    // only with the figures or their wording.
    #[cfg(feature = "ssr")]
    {
        use super::fragments::FragmentCache;
        static CARDS: FragmentCache = FragmentCache::new(2_000);
        let inputs = card_inputs(
            &heading,
            level,
            note,
            &label,
            &caption,
            &lines,
            &format,
            &milestones,
        );
        CARDS.get_or_render(inputs, || {
            chart_card(
                heading, level, note, label, caption, lines, format, milestones,
            )
            .to_html()
        })
    }
    #[cfg(not(feature = "ssr"))]
    chart_card(
        heading, level, note, label, caption, lines, format, milestones,
    )
}

/// A hash of everything [`chart_card`] reads.
#[cfg(feature = "ssr")]
#[allow(clippy::too_many_arguments)]
fn card_inputs(
    heading: &str,
    level: u8,
    note: Option<&str>,
    label: &str,
    caption: &str,
    lines: &[ChartLine],
    format: &ValueFormat,
    milestones: &[Milestone],
) -> u64 {
    use super::fragments::{hash_points, inputs_hasher};
    use std::hash::{Hash, Hasher};
    let mut hasher = inputs_hasher();
    (heading, level, note, label, caption).hash(&mut hasher);
    (&format.unit, format.decimals).hash(&mut hasher);
    lines.len().hash(&mut hasher);
    for line in lines {
        (&line.label, line.class, line.reference).hash(&mut hasher);
        hash_points(&mut hasher, &line.points);
    }
    milestones.len().hash(&mut hasher);
    for milestone in milestones {
        (&milestone.date, &milestone.label).hash(&mut hasher);
    }
    hasher.finish()
}

#[allow(clippy::too_many_arguments)]
fn chart_card(
    heading: String,
    level: u8,
    note: Option<&'static str>,
    label: String,
    caption: String,
    lines: Vec<ChartLine>,
    format: ValueFormat,
    milestones: Vec<Milestone>,
) -> impl IntoView {
    let series: Vec<&[(String, f64)]> = lines.iter().map(|l| l.points.as_slice()).collect();
    let axis = chart::period_axis(&series);
    let placed = place_milestones(&axis, &milestones);
    // Moments outside the measured periods are told in words, so none goes missing.
    let outside: Vec<String> = milestones
        .iter()
        .filter(|m| !placed.iter().any(|p| p.label == m.label))
        .map(|m| m.label.clone())
        .collect();
    let outside = (!outside.is_empty() && !axis.is_empty()).then(|| {
        view! { <p class="muted chart-outside">{format!("Buiten de gemeten periode: {}.", outside.join("; "))}</p> }
    });
    let heading = match level {
        4 => view! { <h4>{heading}</h4> }.into_any(),
        _ => view! { <h3>{heading}</h3> }.into_any(),
    };
    view! {
        <section class="chart-card">
            {heading}
            {note.map(|n| view! { <p class="muted">{n}</p> })}
            <LineChart label lines=lines.clone() format=format.clone() milestones=placed.clone()/>
            {outside}
            <details class="chart-details">
                <summary>"Toon als tabel"</summary>
                <ChartTable caption lines format milestones=placed/>
            </details>
        </section>
    }
}

/// The values behind a line chart as a table, for screen readers and for reading exact numbers.
#[component]
pub fn ChartTable(
    caption: String,
    lines: Vec<ChartLine>,
    format: ValueFormat,
    /// Shown in an extra column, in the row of the period they fall in.
    #[prop(default = Vec::new())]
    milestones: Vec<PlacedMilestone>,
) -> impl IntoView {
    let series: Vec<&[(String, f64)]> = lines.iter().map(|l| l.points.as_slice()).collect();
    let periods = chart::period_axis(&series);
    let region_label = caption.clone();
    view! {
        // Focusable, so a keyboard user can scroll a wide table.
        <div class="table-scroll" tabindex="0" role="region" aria-label=region_label>
            <table class="chart-table">
                <caption>{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">"Periode"</th>
                        {lines.iter().map(|l| view! { <th scope="col" class="numeric">{l.label.clone()}</th> }).collect_view()}
                        {(!milestones.is_empty()).then(|| view! { <th scope="col">"Opgaves"</th> })}
                    </tr>
                </thead>
                <tbody>
                    {periods.into_iter().rev().map(|period| {
                        let cells = lines.iter().map(|l| {
                            let text = l.points.iter().find(|(p, _)| *p == period)
                                .map(|(_, v)| format.format(*v))
                                .unwrap_or_else(|| "–".to_string());
                            view! { <td class="numeric">{text}</td> }
                        }).collect_view();
                        let marks = (!milestones.is_empty()).then(|| {
                            let text: Vec<String> = milestones.iter().filter(|m| m.period == period)
                                .map(|m| format!("{}. {}", m.number, m.label)).collect();
                            view! { <td>{text.join("; ")}</td> }
                        });
                        view! { <tr><th scope="row">{period}</th>{cells}{marks}</tr> }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// A small trend line for tables; decorative, the number beside it carries the meaning.
#[component]
pub fn SparklineSvg(values: Vec<f64>) -> impl IntoView {
    // The monitor draws one per area and key indicator: kept as HTML like the chart cards.
    #[cfg(feature = "ssr")]
    {
        use super::fragments::{hash_f64, inputs_hasher, FragmentCache};
        use std::hash::{Hash, Hasher};
        static SPARKLINES: FragmentCache = FragmentCache::new(20_000);
        let mut hasher = inputs_hasher();
        values.len().hash(&mut hasher);
        for value in &values {
            hash_f64(&mut hasher, *value);
        }
        SPARKLINES.get_or_render(hasher.finish(), || sparkline_svg(values).to_html())
    }
    #[cfg(not(feature = "ssr"))]
    sparkline_svg(values)
}

fn sparkline_svg(values: Vec<f64>) -> impl IntoView {
    const WIDTH: f64 = 80.0;
    const HEIGHT: f64 = 20.0;
    chart::sparkline(&values, WIDTH, HEIGHT).map(|line| {
        view! {
            <svg class="sparkline" viewBox="-3 -3 86 26" width="86" height="26" aria-hidden="true" focusable="false">
                <path d=line.path fill="none"/>
                <circle cx=fmt(line.last.0) cy=fmt(line.last.1) r="2.5"/>
            </svg>
        }
    })
}

/// One set of scores drawn on a radar; `class` picks its colour.
#[derive(Clone, Debug, PartialEq)]
pub struct RadarRound {
    pub label: String,
    pub class: &'static str,
    pub scores: Vec<Option<f64>>,
}

/// The stuurwiel as a radar: one axis per segment, rounds overlaid (latest on top).
#[component]
pub fn RadarChart(
    label: String,
    segments: Vec<String>,
    scale_min: f64,
    scale_max: f64,
    rounds: Vec<RadarRound>,
) -> impl IntoView {
    const SIZE: f64 = 420.0;
    let layout = chart::radar_layout(segments.len(), scale_min, scale_max, SIZE);
    let (cx, cy) = (fmt(layout.center.0), fmt(layout.center.1));
    let rings = layout
        .rings
        .iter()
        .map(|(_, points)| view! { <polygon class="radar__ring" points=points.clone()/> })
        .collect_view();
    let axes = layout
        .axes
        .iter()
        .zip(&segments)
        .map(|(axis, name)| {
            view! {
                <line class="radar__axis" x1=cx.clone() y1=cy.clone() x2=fmt(axis.end.0) y2=fmt(axis.end.1)/>
                <text class="radar__label" x=fmt(axis.label_at.0) y=fmt(axis.label_at.1)
                    text-anchor=axis.anchor dy="0.32em">{name.clone()}</text>
            }
        })
        .collect_view();
    let shapes = rounds
        .iter()
        .rev()
        .map(|round| {
            let (points, vertices) =
                chart::radar_polygon(&layout, scale_min, scale_max, &round.scores);
            let class = format!("radar__round {}", round.class);
            let dots = vertices
                .iter()
                .map(|(x, y)| view! { <circle cx=fmt(*x) cy=fmt(*y) r="3.5"/> })
                .collect_view();
            view! { <g class=class><polygon points=points/>{dots}</g> }
        })
        .collect_view();
    let legend = rounds
        .iter()
        .map(|r| {
            let class = format!("chart-legend__swatch {}", r.class);
            view! { <li><span class=class aria-hidden="true"></span>{r.label.clone()}</li> }
        })
        .collect_view();
    // Room beside the circle for the segment names, which are wider than they are tall.
    let view_box = format!("-130 0 {} {SIZE}", SIZE + 260.0);
    view! {
        <figure class="chart chart--radar">
            <svg class="radar" viewBox=view_box role="img" aria-label=label>
                {rings}
                {axes}
                {shapes}
            </svg>
            <ul class="chart-legend">{legend}</ul>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn milestones_land_on_the_first_period_that_holds_their_date() {
        let axis: Vec<String> = ["2022", "2023", "2025"]
            .iter()
            .map(|p| p.to_string())
            .collect();
        let at = |date: &str| Milestone {
            date: date.into(),
            label: date.into(),
        };
        let placed = place_milestones(
            &axis,
            &[
                at("2021-05-01"),
                at("2023-03-01"),
                at("2024-06-30"),
                at("2026-01-15"),
            ],
        );
        // Before the first and after the last period: not on the chart.
        assert_eq!(
            placed
                .iter()
                .map(|p| (p.number, p.period.as_str(), p.label.as_str()))
                .collect::<Vec<_>>(),
            [(1, "2023", "2023-03-01"), (2, "2025", "2024-06-30")]
        );
        let months: Vec<String> = ["2025-01", "2025-02"]
            .iter()
            .map(|p| p.to_string())
            .collect();
        assert_eq!(
            place_milestones(&months, &[at("2025-02-10")])[0].period,
            "2025-02"
        );
        assert!(place_milestones(&[], &[at("2025-02-10")]).is_empty());
    }
}

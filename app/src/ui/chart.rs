//! Geometry for server-rendered SVG charts: line charts of indicators over
//! time, sparklines, the radar chart of a "stuurwiel" assessment and a small
//! self-drawn map.
//!
//! This module only computes numbers and SVG path/points strings; the
//! components that emit `<svg>` live elsewhere. Every function is total: it
//! never panics and never returns NaN or infinity, whatever the input (empty
//! slices, NaN values, a single point, all-equal values, negative values).
//! Coordinates in strings are printed with at most one decimal (see [`fmt`])
//! to keep the HTML small.

use std::collections::BTreeSet;
use std::f64::consts::PI;

/// Largest magnitude accepted for axis values; beyond this, arithmetic on
/// ranges could overflow, so inputs are clamped to it.
const VALUE_LIMIT: f64 = 1e150;

/// Upper bound on the number of ticks `nice_ticks` produces, so an absurd
/// `max_ticks` cannot allocate huge vectors.
const MAX_TICKS_CAP: usize = 50;

/// Upper bound on the number of classes `class_breaks` produces.
const MAX_CLASSES: usize = 64;

/// Most x labels a line chart shows; more would overlap.
const MAX_X_LABELS: usize = 8;

/// Most y ticks a line chart shows.
const LINE_Y_TICKS: usize = 6;

/// Formats an SVG coordinate with at most one decimal so the markup stays
/// small: `12.3`, `12` for whole numbers, never `-0`; non-finite input gives `0`.
pub fn fmt(v: f64) -> String {
    let mut out = String::with_capacity(8);
    push_coordinate(&mut out, v);
    out
}

/// Appends `fmt(v)` to `out`. Charts write thousands of coordinates per page: whole tenths
/// as digits, not through float formatting (which was a tenth of a profile's render).
pub fn push_coordinate(out: &mut String, v: f64) {
    use std::fmt::Write;
    if !v.is_finite() {
        out.push('0');
        return;
    }
    if v.abs() >= 1e15 {
        // Too large for a meaningful decimal; print as a whole number.
        let _ = write!(out, "{v:.0}");
        return;
    }
    let tenths = (v * 10.0).round() as i64;
    if tenths < 0 {
        out.push('-');
    }
    let tenths = tenths.unsigned_abs();
    let _ = write!(out, "{}", tenths / 10);
    if !tenths.is_multiple_of(10) {
        let _ = write!(out, ".{}", tenths % 10);
    }
}

/// Appends "x,y" to an SVG path or points list.
fn push_point(out: &mut String, x: f64, y: f64) {
    push_coordinate(out, x);
    out.push(',');
    push_coordinate(out, y);
}

/// A finite, non-negative version of `v` (anything else becomes 0), for sizes.
fn size_or_zero(v: f64) -> f64 {
    if v.is_finite() && v > 0.0 {
        v
    } else {
        0.0
    }
}

/// Size of the drawing and the margins reserved for axis labels, in SVG user units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Frame {
    /// Total width of the viewBox.
    pub width: f64,
    /// Total height of the viewBox.
    pub height: f64,
    /// Room left of the plot area (y-axis labels).
    pub left: f64,
    /// Room right of the plot area.
    pub right: f64,
    /// Room above the plot area.
    pub top: f64,
    /// Room below the plot area (x-axis labels).
    pub bottom: f64,
}

impl Frame {
    /// Width of the area inside the margins where data are drawn (never negative).
    pub fn plot_width(&self) -> f64 {
        size_or_zero(self.width - self.left - self.right)
    }

    /// Height of the area inside the margins where data are drawn (never negative).
    pub fn plot_height(&self) -> f64 {
        size_or_zero(self.height - self.top - self.bottom)
    }

    /// The same frame with every non-finite or negative field replaced by 0,
    /// so all derived coordinates are finite.
    fn sanitized(&self) -> Frame {
        Frame {
            width: size_or_zero(self.width),
            height: size_or_zero(self.height),
            left: size_or_zero(self.left),
            right: size_or_zero(self.right),
            top: size_or_zero(self.top),
            bottom: size_or_zero(self.bottom),
        }
    }
}

/// The shared x axis of a line chart: the sorted, de-duplicated union of the
/// periods ("2024" or "2024-06", sorted as strings) of all series. Periods
/// whose value is not finite are left out, since nothing is drawn there.
pub fn period_axis(series: &[&[(String, f64)]]) -> Vec<String> {
    let set: BTreeSet<&str> = series
        .iter()
        .flat_map(|s| s.iter())
        .filter(|(_, v)| v.is_finite())
        .map(|(p, _)| p.as_str())
        .collect();
    set.into_iter().map(str::to_string).collect()
}

/// Axis ticks chosen by [`nice_ticks`]: the tick values (ascending) and the
/// range of the axis, which equals the first and last tick.
#[derive(Clone, Debug, PartialEq)]
pub struct Ticks {
    /// Tick values, ascending, evenly spaced.
    pub values: Vec<f64>,
    /// Bottom of the axis (the first tick).
    pub min: f64,
    /// Top of the axis (the last tick).
    pub max: f64,
}

/// Rounds `v` to `decimals` decimals to remove float noise such as
/// `0.30000000000000004`; leaves `v` alone where rounding would lose it.
fn round_to(v: f64, decimals: i32) -> f64 {
    if !(0..=15).contains(&decimals) {
        return v;
    }
    let p = 10f64.powi(decimals);
    let scaled = v * p;
    if !scaled.is_finite() || scaled.abs() > 1e15 {
        return v;
    }
    let r = scaled.round() / p;
    if r == 0.0 {
        0.0
    } else {
        r
    }
}

/// "Nice" axis ticks (steps of 1, 2, 2.5 or 5 × 10^n) covering [min, max]
/// with at most `max_ticks` ticks (at least 2, at most 50 are honoured).
///
/// - `min` and `max` may come in either order; a non-finite bound is replaced
///   by the other one (both non-finite: 0..1).
/// - `min == max` gets a range of the value ± 10 % (0 gets 0..1).
/// - Zero baseline: if all data are >= 0 and `min` is within a third of the
///   data range from zero (`min <= (max - min) / 3`), the axis starts at 0 so
///   levels are not exaggerated; mirrored for all-negative data (ends at 0).
/// - The ticks always contain `min` and `max` of the data.
/// - When no nice step fits `max_ticks` (e.g. 2 ticks for data around 0), the
///   ticks are just the two data bounds.
pub fn nice_ticks(min: f64, max: f64, max_ticks: usize) -> Ticks {
    let max_ticks = max_ticks.clamp(2, MAX_TICKS_CAP);
    let clamp = |v: f64| v.clamp(-VALUE_LIMIT, VALUE_LIMIT);
    let (mut lo, mut hi) = match (min.is_finite(), max.is_finite()) {
        (true, true) => (clamp(min.min(max)), clamp(min.max(max))),
        (true, false) => (clamp(min), clamp(min)),
        (false, true) => (clamp(max), clamp(max)),
        (false, false) => (0.0, 0.0),
    };

    let magnitude = lo.abs().max(hi.abs());
    if magnitude < 1e-100 {
        // Zero (or noise around it): a unit axis.
        lo = 0.0;
        hi = 1.0;
    } else if hi - lo <= magnitude * 1e-9 {
        // A single value (up to float noise): value ± 10 %.
        let v = (lo + hi) / 2.0;
        let spread = v.abs() * 0.1;
        lo = v - spread;
        hi = v + spread;
    } else if lo >= 0.0 && lo <= (hi - lo) / 3.0 {
        lo = 0.0;
    } else if hi <= 0.0 && -hi <= (hi - lo) / 3.0 {
        hi = 0.0;
    }

    let range = hi - lo;
    let raw = range / (max_ticks - 1) as f64;
    let mut magnitude_step = 10f64.powf(raw.log10().floor());
    if !(magnitude_step.is_finite() && magnitude_step > 0.0) {
        magnitude_step = raw;
    }

    // Try ever larger nice steps until the ticks fit; a step far beyond the
    // range cannot reduce the count further, so stop there.
    while magnitude_step.is_finite() && magnitude_step <= range * 100.0 {
        for m in [1.0, 2.0, 2.5, 5.0] {
            let step = magnitude_step * m;
            let decimals = 1 - step.log10().floor() as i32;
            let decimals = decimals.max(0);
            let mut a = round_to((lo / step + 1e-9).floor() * step, decimals);
            if a > lo {
                a -= step;
            }
            let mut b = round_to((hi / step - 1e-9).ceil() * step, decimals);
            if b < hi {
                b += step;
            }
            let count = ((b - a) / step).round();
            if count.is_finite() && count >= 1.0 && count + 1.0 <= max_ticks as f64 {
                let values: Vec<f64> = (0..=count as usize)
                    .map(|i| round_to(a + i as f64 * step, decimals))
                    .collect();
                if values.iter().all(|v| v.is_finite()) {
                    let first = values[0];
                    let last = values[values.len() - 1];
                    return Ticks {
                        values,
                        min: first,
                        max: last,
                    };
                }
            }
        }
        magnitude_step *= 10.0;
    }

    Ticks {
        values: vec![lo, hi],
        min: lo,
        max: hi,
    }
}

/// One data point of a line, with its position in the drawing.
#[derive(Clone, Debug, PartialEq)]
pub struct PlottedPoint {
    /// The period label this value belongs to.
    pub period: String,
    /// The data value.
    pub value: f64,
    /// Horizontal position in SVG user units.
    pub x: f64,
    /// Vertical position in SVG user units (larger values are higher up, so smaller y).
    pub y: f64,
}

/// One series of a line chart: its points (in period order) and the SVG path
/// through them (`d` attribute), broken at gaps.
#[derive(Clone, Debug, PartialEq)]
pub struct PlottedLine {
    /// The finite points of the series, sorted by period.
    pub points: Vec<PlottedPoint>,
    /// SVG path data; each run of consecutive periods is one `M…L…` segment,
    /// an isolated point is `Mx,yh0` (visible with `stroke-linecap="round"`).
    pub path: String,
}

/// Everything a line chart needs to draw: frame, y ticks, x labels and lines.
#[derive(Clone, Debug, PartialEq)]
pub struct LineLayout {
    /// The frame used (non-finite or negative fields replaced by 0).
    pub frame: Frame,
    /// Horizontal grid lines / y labels as (value, y).
    pub y_ticks: Vec<(f64, f64)>,
    /// x labels as (period, x), thinned to at most 8 roughly evenly spaced
    /// labels, always including the first and last period.
    pub x_labels: Vec<(String, f64)>,
    /// One line per input series, same order (a series without data gives an empty line).
    pub lines: Vec<PlottedLine>,
    /// Every period on the axis with its x, for marking moments on the chart.
    pub axis: Vec<(String, f64)>,
}

impl LineLayout {
    /// Where a period falls: its own x, or the x of the first later period on the axis.
    /// None before the first or after the last period.
    pub fn x_of_period(&self, period: &str) -> Option<f64> {
        let first = self.axis.first()?;
        if period < first.0.as_str() && !first.0.starts_with(period) {
            return None;
        }
        self.axis
            .iter()
            .find(|(p, _)| p.as_str() >= period || p.starts_with(period))
            .map(|(_, x)| *x)
    }
}

/// Indices of at most `max` labels out of `n`, spread evenly, always
/// including the first and the last.
fn thin_indices(n: usize, max: usize) -> Vec<usize> {
    if n <= max {
        return (0..n).collect();
    }
    if max < 2 {
        // Too little room for spreading: just the ends.
        return if n == 1 { vec![0] } else { vec![0, n - 1] };
    }
    let mut out: Vec<usize> = Vec::with_capacity(max);
    for k in 0..max {
        let i = ((k as f64) * ((n - 1) as f64) / ((max - 1) as f64)).round() as usize;
        let i = i.min(n - 1);
        if out.last() != Some(&i) {
            out.push(i);
        }
    }
    out
}

/// Lays out one or more series on a shared period axis and y scale.
///
/// Periods are spaced evenly by their position in [`period_axis`]. A period
/// missing from a series (a gap, or a non-finite value) breaks that series'
/// path: it starts a new "M" segment after the gap instead of drawing across
/// it. A single period is drawn in the horizontal middle. When a series lists
/// the same period twice, the last finite value wins. The y scale comes from
/// [`nice_ticks`] with at most 6 ticks. Returns None when there is no finite
/// value at all.
pub fn line_layout(frame: Frame, series: &[&[(String, f64)]]) -> Option<LineLayout> {
    let frame = frame.sanitized();
    let axis = period_axis(series);
    if axis.is_empty() {
        return None;
    }

    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for (_, v) in series.iter().flat_map(|s| s.iter()) {
        if v.is_finite() {
            lo = lo.min(*v);
            hi = hi.max(*v);
        }
    }
    let ticks = nice_ticks(lo, hi, LINE_Y_TICKS);

    let pw = frame.plot_width();
    let ph = frame.plot_height();
    let n = axis.len();
    let x_of = |i: usize| -> f64 {
        if n == 1 {
            frame.left + pw / 2.0
        } else {
            frame.left + pw * i as f64 / (n - 1) as f64
        }
    };
    let span = ticks.max - ticks.min;
    let y_of = |v: f64| -> f64 {
        let v = v.clamp(-VALUE_LIMIT, VALUE_LIMIT);
        let f = if span > 0.0 && span.is_finite() {
            ((v - ticks.min) / span).clamp(0.0, 1.0)
        } else {
            0.5
        };
        let y = frame.top + ph - f * ph;
        if y.is_finite() {
            y
        } else {
            frame.top + ph / 2.0
        }
    };

    let y_ticks = ticks.values.iter().map(|&v| (v, y_of(v))).collect();
    let x_labels = thin_indices(n, MAX_X_LABELS)
        .into_iter()
        .map(|i| (axis[i].clone(), x_of(i)))
        .collect();

    let lines = series
        .iter()
        .map(|s| {
            // Position on the axis → value; later duplicates overwrite earlier ones.
            let mut slots: Vec<Option<f64>> = vec![None; n];
            for (p, v) in s.iter() {
                if !v.is_finite() {
                    continue;
                }
                if let Ok(i) = axis.binary_search_by(|a| a.as_str().cmp(p.as_str())) {
                    slots[i] = Some(*v);
                }
            }
            let mut points = Vec::new();
            let mut path = String::new();
            let mut prev: Option<usize> = None;
            let mut segment_len = 0usize;
            for (i, slot) in slots.iter().enumerate() {
                let Some(v) = *slot else { continue };
                let (x, y) = (x_of(i), y_of(v));
                let continues = prev.is_some_and(|p| p + 1 == i);
                if continues {
                    path.push('L');
                    push_point(&mut path, x, y);
                    segment_len += 1;
                } else {
                    if segment_len == 1 {
                        path.push_str("h0");
                    }
                    path.push('M');
                    push_point(&mut path, x, y);
                    segment_len = 1;
                }
                prev = Some(i);
                points.push(PlottedPoint {
                    period: axis[i].clone(),
                    value: v,
                    x,
                    y,
                });
            }
            if segment_len == 1 {
                path.push_str("h0");
            }
            PlottedLine { points, path }
        })
        .collect();

    Some(LineLayout {
        frame,
        y_ticks,
        x_labels,
        lines,
        axis: axis
            .iter()
            .enumerate()
            .map(|(i, p)| (p.clone(), x_of(i)))
            .collect(),
    })
}

/// A sparkline: the SVG path of the values and the last point, so the caller
/// can draw a dot there.
#[derive(Clone, Debug, PartialEq)]
pub struct Sparkline {
    /// SVG path data (`d` attribute).
    pub path: String,
    /// Position (x, y) of the last value.
    pub last: (f64, f64),
}

/// A sparkline: the values scaled into width×height (larger values higher up),
/// edge to edge, so the caller should pad the viewBox by half the stroke width.
/// Non-finite values are skipped (the remaining values are spread evenly).
/// All-equal values draw a flat line in the middle; a single value gives
/// `Mx,yh0` in the middle (visible with `stroke-linecap="round"`).
/// None when there is no finite value.
pub fn sparkline(values: &[f64], width: f64, height: f64) -> Option<Sparkline> {
    let width = size_or_zero(width);
    let height = size_or_zero(height);
    let vals: Vec<f64> = values
        .iter()
        .copied()
        .filter(|v| v.is_finite())
        .map(|v| v.clamp(-VALUE_LIMIT, VALUE_LIMIT))
        .collect();
    if vals.is_empty() {
        return None;
    }
    if vals.len() == 1 {
        let (x, y) = (width / 2.0, height / 2.0);
        return Some(Sparkline {
            path: format!("M{},{}h0", fmt(x), fmt(y)),
            last: (x, y),
        });
    }
    let lo = vals.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = vals.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let span = hi - lo;
    let n = vals.len();
    let mut path = String::new();
    let mut last = (0.0, 0.0);
    for (i, v) in vals.iter().enumerate() {
        let x = width * i as f64 / (n - 1) as f64;
        let y = if span > 0.0 && span.is_finite() {
            height - (v - lo) / span * height
        } else {
            height / 2.0
        };
        let y = if y.is_finite() { y } else { height / 2.0 };
        path.push(if i == 0 { 'M' } else { 'L' });
        push_point(&mut path, x, y);
        last = (x, y);
    }
    Some(Sparkline { path, last })
}

/// One spoke of a radar chart.
#[derive(Clone, Debug, PartialEq)]
pub struct RadarAxis {
    /// Outer end of the spoke (the scale maximum).
    pub end: (f64, f64),
    /// Where the axis label goes, just outside the outer ring.
    pub label_at: (f64, f64),
    /// SVG `text-anchor` for the label: "start", "middle" or "end".
    pub anchor: &'static str,
}

/// Geometry of a radar (spider) chart in a square viewBox.
#[derive(Clone, Debug, PartialEq)]
pub struct RadarLayout {
    /// Side of the square viewBox.
    pub size: f64,
    /// Centre of the chart (the scale minimum).
    pub center: (f64, f64),
    /// Distance from the centre to the scale maximum.
    pub radius: f64,
    /// One spoke per segment, the first straight up, then clockwise.
    pub axes: Vec<RadarAxis>,
    /// Grid rings as (scale value, polygon points "x,y x,y ...").
    pub rings: Vec<(f64, String)>,
}

/// A usable (min, max) scale: finite, with max > min.
fn sane_scale(scale_min: f64, scale_max: f64) -> (f64, f64) {
    let lo = if scale_min.is_finite() {
        scale_min.clamp(-VALUE_LIMIT, VALUE_LIMIT)
    } else {
        0.0
    };
    let hi = if scale_max.is_finite() {
        scale_max.clamp(-VALUE_LIMIT, VALUE_LIMIT)
    } else {
        lo + 1.0
    };
    if hi > lo {
        (lo, hi)
    } else {
        (lo, lo + 1.0)
    }
}

/// Formats points as an SVG `points` attribute: "x,y x,y ...".
fn points_attr(points: &[(f64, f64)]) -> String {
    let mut out = String::with_capacity(points.len() * 10);
    for (i, (x, y)) in points.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        push_point(&mut out, *x, *y);
    }
    out
}

/// Radar (spider) chart geometry for `segments` axes, first axis straight up,
/// clockwise. `size` is the side of the square viewBox; the radius is
/// `size * 0.32`, leaving room for labels outside it.
///
/// Rings: when the scale spans a whole number of 1..=12 steps, one ring per
/// integer step from `scale_min + 1` to `scale_max`; otherwise four rings at
/// equal fractions. Rings need an area, so there are none for fewer than 3
/// segments. A non-finite scale falls back to 0..1 (or min..min+1).
pub fn radar_layout(segments: usize, scale_min: f64, scale_max: f64, size: f64) -> RadarLayout {
    let size = size_or_zero(size).min(VALUE_LIMIT);
    let center = (size / 2.0, size / 2.0);
    let radius = size * 0.32;
    let label_radius = radius + size * 0.06;
    let (lo, hi) = sane_scale(scale_min, scale_max);

    // Direction (dx, dy) of axis i: up for i = 0, then clockwise (SVG y points down).
    let direction = |i: usize| -> (f64, f64) {
        let theta = 2.0 * PI * i as f64 / segments.max(1) as f64;
        (theta.sin(), -theta.cos())
    };

    let axes = (0..segments)
        .map(|i| {
            let (dx, dy) = direction(i);
            let anchor = if dx > 0.1 {
                "start"
            } else if dx < -0.1 {
                "end"
            } else {
                "middle"
            };
            RadarAxis {
                end: (center.0 + radius * dx, center.1 + radius * dy),
                label_at: (center.0 + label_radius * dx, center.1 + label_radius * dy),
                anchor,
            }
        })
        .collect::<Vec<_>>();

    let span = hi - lo;
    let whole_steps = span.round();
    let ring_values: Vec<f64> =
        if (span - whole_steps).abs() < 1e-9 && (1.0..=12.0).contains(&whole_steps) {
            (1..=whole_steps as usize).map(|k| lo + k as f64).collect()
        } else {
            (1..=4).map(|k| lo + span * k as f64 / 4.0).collect()
        };

    let rings = if segments < 3 {
        Vec::new()
    } else {
        ring_values
            .into_iter()
            .map(|value| {
                let f = ((value - lo) / span).clamp(0.0, 1.0);
                let pts: Vec<(f64, f64)> = (0..segments)
                    .map(|i| {
                        let (dx, dy) = direction(i);
                        (center.0 + radius * f * dx, center.1 + radius * f * dy)
                    })
                    .collect();
                (value, points_attr(&pts))
            })
            .collect()
    };

    RadarLayout {
        size,
        center,
        radius,
        axes,
        rings,
    }
}

/// Polygon for one assessment: score i on axis i, `scale_min` at the centre,
/// `scale_max` at the radius. Scores are clamped to the scale; a missing or
/// non-finite score sits at the centre; scores beyond the number of axes are
/// ignored. Returns the SVG `points` attribute and the vertex coordinates
/// (one per axis, so the caller can draw dots).
pub fn radar_polygon(
    layout: &RadarLayout,
    scale_min: f64,
    scale_max: f64,
    scores: &[Option<f64>],
) -> (String, Vec<(f64, f64)>) {
    let (lo, hi) = sane_scale(scale_min, scale_max);
    let (cx, cy) = layout.center;
    let vertices: Vec<(f64, f64)> = layout
        .axes
        .iter()
        .enumerate()
        .map(|(i, axis)| {
            let f = match scores.get(i).copied().flatten() {
                Some(s) if s.is_finite() => ((s.clamp(lo, hi) - lo) / (hi - lo)).clamp(0.0, 1.0),
                _ => 0.0,
            };
            let p = (cx + (axis.end.0 - cx) * f, cy + (axis.end.1 - cy) * f);
            if p.0.is_finite() && p.1.is_finite() {
                p
            } else {
                (0.0, 0.0)
            }
        })
        .collect();
    (points_attr(&vertices), vertices)
}

/// Map projection for a city-sized area: equirectangular with longitude
/// scaled by cos(mean latitude), fitted into width×height with `padding` on
/// every side, preserving aspect ratio (centred on the unused axis), north up.
///
/// Input is (latitude, longitude) in degrees; the output has one (x, y) per
/// input, in the same order. Latitudes are clamped to ±90 and longitudes to
/// ±180; non-finite coordinates are placed at the centre and do not affect
/// the fit. One point or all-equal points → the centre. Padding is limited to
/// half the smaller side. No wrapping around the antimeridian.
pub fn project(coords: &[(f64, f64)], width: f64, height: f64, padding: f64) -> Vec<(f64, f64)> {
    let width = size_or_zero(width).min(VALUE_LIMIT);
    let height = size_or_zero(height).min(VALUE_LIMIT);
    let padding = size_or_zero(padding).min(width / 2.0).min(height / 2.0);
    let centre = (width / 2.0, height / 2.0);

    let valid = |c: &(f64, f64)| c.0.is_finite() && c.1.is_finite();
    let finite: Vec<(f64, f64)> = coords
        .iter()
        .filter(|c| valid(c))
        .map(|&(lat, lon)| (lat.clamp(-90.0, 90.0), lon.clamp(-180.0, 180.0)))
        .collect();
    if finite.is_empty() {
        return vec![centre; coords.len()];
    }
    let mean_lat = finite.iter().map(|c| c.0).sum::<f64>() / finite.len() as f64;
    // Near the poles the cosine vanishes; keep a floor so x stays meaningful.
    let kx = mean_lat.to_radians().cos().abs().max(0.01);

    let plane = |(lat, lon): (f64, f64)| (lon.clamp(-180.0, 180.0) * kx, lat.clamp(-90.0, 90.0));
    let (mut min_x, mut max_x, mut min_y, mut max_y) = (
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::INFINITY,
        f64::NEG_INFINITY,
    );
    for &c in &finite {
        let (x, y) = plane(c);
        min_x = min_x.min(x);
        max_x = max_x.max(x);
        min_y = min_y.min(y);
        max_y = max_y.max(y);
    }
    let dx = max_x - min_x;
    let dy = max_y - min_y;
    let avail_w = width - 2.0 * padding;
    let avail_h = height - 2.0 * padding;
    let scale = match (dx > 0.0, dy > 0.0) {
        (true, true) => (avail_w / dx).min(avail_h / dy),
        (true, false) => avail_w / dx,
        (false, true) => avail_h / dy,
        (false, false) => 0.0,
    };
    let offset_x = padding + (avail_w - dx * scale) / 2.0;
    let offset_y = padding + (avail_h - dy * scale) / 2.0;

    coords
        .iter()
        .map(|c| {
            if !valid(c) {
                return centre;
            }
            let (x, y) = plane(*c);
            let p = (
                offset_x + (x - min_x) * scale,
                offset_y + (max_y - y) * scale,
            );
            if p.0.is_finite() && p.1.is_finite() {
                p
            } else {
                centre
            }
        })
        .collect()
}

/// Class breaks for colouring map markers: `classes` equal-interval classes
/// between the minimum and maximum of the finite values. Returns the
/// `classes - 1` inner break values, ascending (empty when there are fewer
/// than 2 distinct values or fewer than 2 classes; at most 64 classes).
pub fn class_breaks(values: &[f64], classes: usize) -> Vec<f64> {
    let classes = classes.min(MAX_CLASSES);
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for &v in values.iter().filter(|v| v.is_finite()) {
        lo = lo.min(v);
        hi = hi.max(v);
    }
    if classes < 2 || lo >= hi {
        return Vec::new();
    }
    (1..classes)
        .map(|k| {
            let t = k as f64 / classes as f64;
            // Interpolate without forming hi - lo, which could overflow.
            lo * (1.0 - t) + hi * t
        })
        .collect()
}

/// Which class (0..=breaks.len()) a value falls in: the number of breaks it
/// is at or above, so a value equal to a break belongs to the upper class.
/// NaN falls in class 0.
pub fn class_of(value: f64, breaks: &[f64]) -> usize {
    breaks.iter().filter(|b| value >= **b).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(items: &[(&str, f64)]) -> Vec<(String, f64)> {
        items.iter().map(|(p, v)| (p.to_string(), *v)).collect()
    }

    fn frame() -> Frame {
        Frame {
            width: 400.0,
            height: 200.0,
            left: 40.0,
            right: 10.0,
            top: 10.0,
            bottom: 30.0,
        }
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-6
    }

    fn all_finite_str(path: &str) -> bool {
        !path.contains("NaN") && !path.contains("inf")
    }

    #[test]
    fn fmt_rounds_and_avoids_negative_zero() {
        assert_eq!(fmt(12.34), "12.3");
        assert_eq!(fmt(12.0), "12");
        assert_eq!(fmt(11.96), "12");
        assert_eq!(fmt(-0.04), "0");
        assert_eq!(fmt(-0.0), "0");
        assert_eq!(fmt(-3.25), "-3.3");
        assert_eq!(fmt(f64::NAN), "0");
        assert_eq!(fmt(f64::INFINITY), "0");
        assert_eq!(fmt(1e20), "100000000000000000000");
        assert_eq!(fmt(0.05), "0.1");
        assert_eq!(fmt(-0.05), "-0.1");
        assert_eq!(fmt(1234.56), "1234.6");
        assert_eq!(fmt(99.95), "100");
        assert_eq!(fmt(-7.0), "-7");
        assert_eq!(fmt(9.99e14), "999000000000000");
    }

    #[test]
    fn frame_plot_size_never_negative() {
        let f = frame();
        assert_eq!(f.plot_width(), 350.0);
        assert_eq!(f.plot_height(), 160.0);
        let tiny = Frame { width: 10.0, ..f };
        assert_eq!(tiny.plot_width(), 0.0);
        let nan = Frame {
            height: f64::NAN,
            ..f
        };
        assert_eq!(nan.plot_height(), 0.0);
    }

    #[test]
    fn period_axis_is_sorted_union_without_nan_periods() {
        let a = s(&[("2024", 1.0), ("2022", 2.0)]);
        let b = s(&[("2023", 1.0), ("2024", 5.0), ("2025", f64::NAN)]);
        assert_eq!(period_axis(&[&a, &b]), vec!["2022", "2023", "2024"]);
        assert!(period_axis(&[]).is_empty());
    }

    #[test]
    fn nice_ticks_basic() {
        let t = nice_ticks(0.3, 9.7, 6);
        assert_eq!(t.values, vec![0.0, 2.0, 4.0, 6.0, 8.0, 10.0]);
        assert_eq!((t.min, t.max), (0.0, 10.0));
    }

    #[test]
    fn nice_ticks_large_values_do_not_start_at_zero() {
        let t = nice_ticks(12000.0, 13500.0, 6);
        assert_eq!(t.values, vec![12000.0, 12500.0, 13000.0, 13500.0]);
        let t = nice_ticks(12050.0, 13420.0, 5);
        assert!(t.min <= 12050.0 && t.max >= 13420.0);
        assert!(t.values.len() <= 5);
        assert!(t.min > 10000.0);
    }

    #[test]
    fn nice_ticks_uses_quarter_steps() {
        let t = nice_ticks(0.0, 10.0, 5);
        assert_eq!(t.values, vec![0.0, 2.5, 5.0, 7.5, 10.0]);
    }

    #[test]
    fn nice_ticks_contain_data_and_respect_max() {
        let cases = [
            (0.3, 9.7, 6),
            (12000.0, 13500.0, 6),
            (-7.3, 4.1, 5),
            (0.71, 0.73, 4),
            (-1234.5, -1000.1, 6),
            (3.0, 1e9, 6),
            (0.0001, 0.0009, 6),
            (-5.0, 5.0, 3),
        ];
        for (lo, hi, n) in cases {
            let t = nice_ticks(lo, hi, n);
            assert!(t.min <= lo && t.max >= hi, "{lo}..{hi}: {t:?}");
            assert!(
                t.values.len() <= n && t.values.len() >= 2,
                "{lo}..{hi}: {t:?}"
            );
            assert!(t.values.iter().all(|v| v.is_finite()));
            assert!(t.values.windows(2).all(|w| w[0] < w[1]), "{t:?}");
            assert_eq!(t.min, t.values[0]);
            assert_eq!(t.max, *t.values.last().unwrap());
        }
    }

    #[test]
    fn nice_ticks_negative_and_swapped() {
        let t = nice_ticks(5.0, -5.0, 6);
        assert!(t.min <= -5.0 && t.max >= 5.0);
        assert!(t.values.contains(&0.0));
        // All-negative data close to zero end at zero.
        let t = nice_ticks(-9.7, -0.3, 6);
        assert_eq!(t.max, 0.0);
        assert_eq!(t.min, -10.0);
    }

    #[test]
    fn nice_ticks_equal_and_degenerate() {
        let t = nice_ticks(0.0, 0.0, 6);
        assert_eq!((t.min, t.max), (0.0, 1.0));
        let t = nice_ticks(5.0, 5.0, 6);
        assert!(t.min < 5.0 && t.max > 5.0);
        let t = nice_ticks(-5.0, -5.0, 6);
        assert!(t.min < -5.0 && t.max > -5.0);
        let t = nice_ticks(f64::NAN, f64::NAN, 6);
        assert_eq!((t.min, t.max), (0.0, 1.0));
        let t = nice_ticks(f64::NAN, 7.0, 6);
        assert!(t.min < 7.0 && t.max > 7.0);
        let t = nice_ticks(-1e308, 1e308, 6);
        assert!(t.values.iter().all(|v| v.is_finite()));
        let t = nice_ticks(-1.0, 1.0, 2);
        assert_eq!(t.values.len(), 2);
        assert!(t.min <= -1.0 && t.max >= 1.0);
        let t = nice_ticks(0.0, 1.0, usize::MAX);
        assert!(t.values.len() <= 50);
        let t = nice_ticks(0.0, 1e-200, 6);
        assert!(t.values.iter().all(|v| v.is_finite()));
        assert!(t.max >= 1e-200);
    }

    #[test]
    fn line_layout_no_data() {
        assert!(line_layout(frame(), &[]).is_none());
        let empty: Vec<(String, f64)> = Vec::new();
        assert!(line_layout(frame(), &[&empty]).is_none());
        let nan = s(&[("2024", f64::NAN)]);
        assert!(line_layout(frame(), &[&nan]).is_none());
    }

    #[test]
    fn line_layout_single_point_in_middle() {
        let a = s(&[("2024", 7.0)]);
        let l = line_layout(frame(), &[&a]).unwrap();
        let f = frame();
        let p = &l.lines[0].points[0];
        assert!(close(p.x, f.left + f.plot_width() / 2.0));
        assert!(p.y >= f.top && p.y <= f.top + f.plot_height());
        assert_eq!(l.x_labels.len(), 1);
        assert!(l.lines[0].path.starts_with('M'));
        assert!(l.lines[0].path.ends_with("h0"));
    }

    #[test]
    fn line_layout_gap_breaks_path() {
        let a = s(&[("2020", 1.0), ("2021", 2.0), ("2023", 3.0), ("2024", 4.0)]);
        let avg = s(&[
            ("2020", 2.0),
            ("2021", 2.0),
            ("2022", 2.0),
            ("2023", 2.0),
            ("2024", 2.0),
        ]);
        let l = line_layout(frame(), &[&a, &avg]).unwrap();
        assert_eq!(l.lines.len(), 2);
        assert_eq!(
            l.lines[0].path.matches('M').count(),
            2,
            "{}",
            l.lines[0].path
        );
        assert_eq!(l.lines[0].path.matches('L').count(), 2);
        assert_eq!(l.lines[1].path.matches('M').count(), 1);
        assert_eq!(l.lines[1].path.matches('L').count(), 4);
        // Shared x positions: 2023 in series a sits where 2023 of the average sits.
        assert!(close(l.lines[0].points[2].x, l.lines[1].points[3].x));
        // Evenly spaced periods spanning the plot.
        let f = frame();
        assert!(close(l.lines[1].points[0].x, f.left));
        assert!(close(l.lines[1].points[4].x, f.left + f.plot_width()));
    }

    #[test]
    fn line_layout_nan_is_a_gap() {
        let a = s(&[("2020", 1.0), ("2021", f64::NAN), ("2022", 3.0)]);
        let b = s(&[("2021", 2.0)]);
        let l = line_layout(frame(), &[&a, &b]).unwrap();
        assert_eq!(l.lines[0].points.len(), 2);
        assert_eq!(l.lines[0].path.matches('M').count(), 2);
        assert!(all_finite_str(&l.lines[0].path));
    }

    #[test]
    fn line_layout_negative_values_and_empty_series() {
        let a = s(&[("2024-01", -5.0), ("2024-02", 5.0), ("2024-03", 0.0)]);
        let empty: Vec<(String, f64)> = Vec::new();
        let l = line_layout(frame(), &[&a, &empty]).unwrap();
        let pts = &l.lines[0].points;
        assert!(pts[0].y > pts[2].y && pts[2].y > pts[1].y);
        assert!(l.lines[1].points.is_empty());
        assert!(l.lines[1].path.is_empty());
        let f = frame();
        for (v, y) in &l.y_ticks {
            assert!(
                *y >= f.top - 1e-9 && *y <= f.top + f.plot_height() + 1e-9,
                "{v} {y}"
            );
        }
        let values: Vec<f64> = l.y_ticks.iter().map(|t| t.0).collect();
        assert!(values[0] <= -5.0 && *values.last().unwrap() >= 5.0);
        // Lowest tick at the bottom of the plot.
        assert!(close(l.y_ticks[0].1, f.top + f.plot_height()));
    }

    #[test]
    fn line_layout_all_equal_values() {
        let a = s(&[("2020", 3.0), ("2021", 3.0), ("2022", 3.0)]);
        let l = line_layout(frame(), &[&a]).unwrap();
        let ys: Vec<f64> = l.lines[0].points.iter().map(|p| p.y).collect();
        assert!(ys.iter().all(|y| close(*y, ys[0])));
        let f = frame();
        assert!(ys[0] > f.top && ys[0] < f.top + f.plot_height());
    }

    #[test]
    fn line_layout_thins_x_labels() {
        let items: Vec<(String, f64)> = (0..30)
            .map(|i| (format!("{}", 2000 + i), i as f64))
            .collect();
        let l = line_layout(frame(), &[&items]).unwrap();
        assert!(l.x_labels.len() <= 8);
        assert_eq!(l.x_labels.first().unwrap().0, "2000");
        assert_eq!(l.x_labels.last().unwrap().0, "2029");
        assert!(l.x_labels.windows(2).all(|w| w[0].1 < w[1].1));
        let few: Vec<(String, f64)> = (0..5).map(|i| (format!("{}", 2000 + i), 1.0)).collect();
        let l = line_layout(frame(), &[&few]).unwrap();
        assert_eq!(l.x_labels.len(), 5);
    }

    #[test]
    fn line_layout_duplicate_period_and_bad_frame() {
        let a = s(&[("2020", 1.0), ("2020", 9.0), ("2021", 2.0)]);
        let bad = Frame {
            width: f64::NAN,
            height: -5.0,
            left: f64::INFINITY,
            right: 0.0,
            top: 0.0,
            bottom: 0.0,
        };
        let l = line_layout(bad, &[&a]).unwrap();
        assert_eq!(l.lines[0].points.len(), 2);
        assert_eq!(l.lines[0].points[0].value, 9.0);
        assert_eq!(l.frame.width, 0.0);
        for p in &l.lines[0].points {
            assert!(p.x.is_finite() && p.y.is_finite());
        }
        assert!(all_finite_str(&l.lines[0].path));
    }

    #[test]
    fn thin_indices_edges() {
        assert!(thin_indices(0, 8).is_empty());
        assert_eq!(thin_indices(1, 8), vec![0]);
        assert_eq!(thin_indices(9, 8).len(), 8);
        assert_eq!(thin_indices(9, 8)[7], 8);
        assert_eq!(thin_indices(5, 1), vec![0, 4]);
    }

    #[test]
    fn sparkline_cases() {
        assert!(sparkline(&[], 100.0, 20.0).is_none());
        assert!(sparkline(&[f64::NAN], 100.0, 20.0).is_none());

        let one = sparkline(&[4.0], 100.0, 20.0).unwrap();
        assert_eq!(one.last, (50.0, 10.0));
        assert_eq!(one.path, "M50,10h0");

        let flat = sparkline(&[2.0, 2.0, 2.0], 100.0, 20.0).unwrap();
        assert_eq!(flat.path, "M0,10L50,10L100,10");
        assert_eq!(flat.last, (100.0, 10.0));

        let up = sparkline(&[-1.0, f64::NAN, 3.0], 100.0, 20.0).unwrap();
        assert_eq!(up.path, "M0,20L100,0");
        assert_eq!(up.last, (100.0, 0.0));

        let weird = sparkline(&[1.0, 2.0], f64::NAN, -1.0).unwrap();
        assert!(weird.last.0.is_finite() && weird.last.1.is_finite());
        assert!(all_finite_str(&weird.path));
    }

    #[test]
    fn radar_axes_directions() {
        let r = radar_layout(4, 0.0, 5.0, 300.0);
        assert_eq!(r.size, 300.0);
        assert_eq!(r.center, (150.0, 150.0));
        assert!(close(r.radius, 96.0));
        assert_eq!(r.axes.len(), 4);
        // Axis 0 straight up.
        assert_eq!(r.axes[0].end.0, r.center.0);
        assert!(r.axes[0].end.1 < r.center.1);
        assert_eq!(r.axes[0].anchor, "middle");
        assert!(r.axes[0].label_at.1 < r.axes[0].end.1);
        // Axis 1 of 4 points right.
        assert!(close(r.axes[1].end.1, r.center.1));
        assert!(r.axes[1].end.0 > r.center.0);
        assert_eq!(r.axes[1].anchor, "start");
        assert!(r.axes[1].label_at.0 > r.axes[1].end.0);
        // Axis 2 down, axis 3 left.
        assert!(r.axes[2].end.1 > r.center.1);
        assert_eq!(r.axes[2].anchor, "middle");
        assert!(r.axes[3].end.0 < r.center.0);
        assert_eq!(r.axes[3].anchor, "end");
    }

    #[test]
    fn radar_rings() {
        let r = radar_layout(8, 0.0, 5.0, 300.0);
        let values: Vec<f64> = r.rings.iter().map(|(v, _)| *v).collect();
        assert_eq!(values, vec![1.0, 2.0, 3.0, 4.0, 5.0]);
        assert_eq!(r.rings[0].1.split(' ').count(), 8);
        let r = radar_layout(6, 1.0, 10.0, 300.0);
        assert_eq!(r.rings.len(), 9);
        assert_eq!(r.rings[0].0, 2.0);
        let r = radar_layout(6, 0.0, 1.0, 300.0);
        assert_eq!(r.rings.len(), 1);
        let r = radar_layout(6, 0.0, 100.0, 300.0);
        assert_eq!(r.rings.len(), 4);
        assert_eq!(r.rings[3].0, 100.0);
        let r = radar_layout(2, 0.0, 5.0, 300.0);
        assert!(r.rings.is_empty());
        assert_eq!(r.axes.len(), 2);
        let r = radar_layout(0, f64::NAN, f64::NAN, f64::NAN);
        assert!(r.axes.is_empty() && r.rings.is_empty());
        assert_eq!(r.center, (0.0, 0.0));
        let r = radar_layout(5, 5.0, 1.0, 100.0);
        assert!(r
            .rings
            .iter()
            .all(|(v, p)| v.is_finite() && all_finite_str(p)));
    }

    #[test]
    fn radar_polygon_scores() {
        let r = radar_layout(4, 0.0, 5.0, 300.0);
        let (pts, v) = radar_polygon(&r, 0.0, 5.0, &[Some(5.0), Some(10.0), None, Some(-3.0)]);
        assert_eq!(v.len(), 4);
        // Full score at the end of the axis.
        assert!(close(v[0].0, r.axes[0].end.0) && close(v[0].1, r.axes[0].end.1));
        // Clamped above: at the end, not beyond.
        assert!(close(v[1].0, r.axes[1].end.0));
        // Missing and clamped below: the centre.
        assert_eq!(v[2], r.center);
        assert_eq!(v[3], r.center);
        assert_eq!(pts, "150,54 246,150 150,150 150,150");

        let (_, half) = radar_polygon(&r, 0.0, 5.0, &[Some(2.5)]);
        assert!(close(half[0].1, r.center.1 - r.radius / 2.0));
        assert_eq!(half[1], r.center);

        let (_, nan) = radar_polygon(&r, 0.0, 5.0, &[Some(f64::NAN)]);
        assert_eq!(nan[0], r.center);

        let empty = radar_layout(0, 0.0, 5.0, 300.0);
        assert_eq!(
            radar_polygon(&empty, 0.0, 5.0, &[Some(1.0)]),
            (String::new(), vec![])
        );
    }

    #[test]
    fn project_preserves_aspect_and_north_up() {
        // Roughly Utrecht: 0.1° lat × 0.1° lon.
        let coords = [(52.0, 5.0), (52.1, 5.1), (52.05, 5.05)];
        let p = project(&coords, 200.0, 200.0, 10.0);
        assert_eq!(p.len(), 3);
        // North up: higher latitude → smaller y.
        assert!(p[1].1 < p[0].1);
        // East right.
        assert!(p[1].0 > p[0].0);
        // Height-limited: y spans the padded height.
        assert!(close(p[0].1, 190.0) && close(p[1].1, 10.0));
        // Aspect ratio: width/height of the projected box = cos(mean lat) * dlon / dlat.
        let kx = 52.05f64.to_radians().cos();
        let w = p[1].0 - p[0].0;
        let h = p[0].1 - p[1].1;
        assert!(close(w / h, kx), "{w} {h}");
        // Centred horizontally.
        assert!(close(p[0].0 - 0.0, 200.0 - p[1].0));
        // Middle point in the middle.
        assert!(close(p[2].0, 100.0) && close(p[2].1, 100.0));
    }

    #[test]
    fn project_wide_area_is_width_limited() {
        let coords = [(52.0, 4.0), (52.01, 5.0)];
        let p = project(&coords, 300.0, 100.0, 0.0);
        assert!(close(p[0].0, 0.0) && close(p[1].0, 300.0));
        // Centred vertically.
        assert!(close(p[0].1 - 50.0, 50.0 - p[1].1));
    }

    #[test]
    fn project_degenerate_inputs() {
        assert!(project(&[], 100.0, 100.0, 5.0).is_empty());
        assert_eq!(
            project(&[(52.0, 5.0)], 100.0, 80.0, 5.0),
            vec![(50.0, 40.0)]
        );
        assert_eq!(
            project(&[(52.0, 5.0), (52.0, 5.0)], 100.0, 80.0, 5.0),
            vec![(50.0, 40.0), (50.0, 40.0)]
        );
        let p = project(
            &[(52.0, 5.0), (f64::NAN, 5.0), (53.0, 5.0)],
            100.0,
            100.0,
            0.0,
        );
        assert_eq!(p[1], (50.0, 50.0));
        // Same longitude: a vertical line through the centre.
        assert!(close(p[0].0, 50.0) && close(p[2].0, 50.0));
        assert!(p[2].1 < p[0].1);
        let p = project(&[(1e308, -1e308), (-1e308, 1e308)], f64::NAN, 100.0, 1e9);
        assert!(p.iter().all(|(x, y)| x.is_finite() && y.is_finite()));
    }

    #[test]
    fn class_breaks_and_class_of() {
        assert_eq!(class_breaks(&[0.0, 10.0], 5), vec![2.0, 4.0, 6.0, 8.0]);
        assert_eq!(
            class_breaks(&[f64::NAN, -10.0, 10.0, 3.0], 4),
            vec![-5.0, 0.0, 5.0]
        );
        assert!(class_breaks(&[], 5).is_empty());
        assert!(class_breaks(&[3.0, 3.0, f64::NAN], 5).is_empty());
        assert!(class_breaks(&[1.0, 2.0], 1).is_empty());
        assert_eq!(class_breaks(&[1.0, 2.0], 1000).len(), 63);
        let huge = class_breaks(&[-1e308, 1e308], 4);
        assert!(huge.iter().all(|b| b.is_finite()));

        let breaks = [2.0, 4.0, 6.0, 8.0];
        assert_eq!(class_of(0.0, &breaks), 0);
        assert_eq!(class_of(1.99, &breaks), 0);
        assert_eq!(class_of(2.0, &breaks), 1);
        assert_eq!(class_of(7.99, &breaks), 3);
        assert_eq!(class_of(8.0, &breaks), 4);
        assert_eq!(class_of(10.0, &breaks), 4);
        assert_eq!(class_of(f64::NAN, &breaks), 0);
        assert_eq!(class_of(5.0, &[]), 0);
    }
}

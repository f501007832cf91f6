//! Areas (kerngebieden): the types shared by server and browser, the server functions,
//! the pages, and (server only) the database functions.

pub mod activation;
pub mod api;
pub mod compare;
pub mod csv;
#[cfg(feature = "ssr")]
pub mod db;
/// The coordinators' and area editors' screens: editing an area, its identity, stakeholders,
/// values, activation log, imports and the stuurwiel. Server-rendered only.
pub mod edit;
#[cfg(feature = "ssr")]
pub mod export;
pub mod list;
pub mod map;
pub mod monitor;
pub mod open_data;
pub mod outcomes;
pub mod pages;
pub mod peers;
pub mod proposals;
pub mod series;
pub mod summary;

use serde::{Deserialize, Serialize};

coded_enum!(
    /// What kind of core area this is.
    AreaType {
        CityCentre = "city_centre" => "Binnenstad",
        DistrictCentre = "district_centre" => "Stadsdeelcentrum",
        NeighbourhoodCentre = "neighbourhood_centre" => "Wijkcentrum",
        ShoppingStreet = "shopping_street" => "Winkelstraat",
    }
);

coded_enum!(
    /// Where the area stands in its development.
    Phase {
        Decline = "decline" => "Neergang",
        BuildUp = "build_up" => "Opbouw",
        Expansion = "expansion" => "Uitbouw",
        Stable = "stable" => "Stabiel",
    }
);

coded_enum!(
    /// How much energy the stakeholders bring themselves.
    Activation {
        Energetic = "energetic" => "Veel energie",
        NeedsActivation = "needs_activation" => "Moet geactiveerd worden",
    }
);

coded_enum!(
    OpgaveStatus {
        Open = "open" => "Open",
        InProgress = "in_progress" => "In uitvoering",
        Done = "done" => "Afgerond",
    }
);

coded_enum!(
    ContactRole {
        StreetManager = "street_manager" => "Straatmanager",
        BusinessContactOfficer = "business_contact_officer" => "Bedrijfscontactfunctionaris",
        DistrictManager = "district_manager" => "Wijkmanager",
    }
);

coded_enum!(
    StakeholderRole {
        Entrepreneurs = "entrepreneurs" => "Ondernemers",
        Property = "property" => "Vastgoed",
        Municipality = "municipality" => "Gemeente",
        Residents = "residents" => "Bewoners",
        Other = "other" => "Overig",
    }
);

coded_enum!(
    /// Whether a rising value is good news, bad news, or neither.
    Direction {
        LowerIsBetter = "lower_is_better" => "lager is beter",
        HigherIsBetter = "higher_is_better" => "hoger is beter",
        Neutral = "neutral" => "neutraal",
    }
);

/// One row of the area list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AreaSummary {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub district: String,
    pub area_type: AreaType,
    pub phase: Phase,
    pub activation: Activation,
    /// Themes of the area's opgaves that are not done yet.
    pub open_themes: Vec<String>,
    /// Latest value of each key indicator, in the order of `IndicatorDefinition::position`.
    pub key_values: Vec<KeyValue>,
}

impl AreaSummary {
    pub fn key_value(&self, key: &str) -> Option<&KeyValue> {
        self.key_values.iter().find(|v| v.key == key)
    }
}

/// The latest value of one key indicator and the one before it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KeyValue {
    pub key: String,
    pub period: String,
    pub value: f64,
    pub previous: Option<f64>,
}

impl KeyValue {
    pub fn change(&self) -> Option<f64> {
        self.previous.map(|previous| self.value - previous)
    }
}

/// What an indicator is and how to show it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IndicatorDefinition {
    pub key: String,
    pub label: String,
    pub unit: String,
    pub direction: Direction,
    pub decimals: u8,
    pub is_key: bool,
}

impl IndicatorDefinition {
    pub fn format(&self, value: f64) -> String {
        format_with_unit(value, self.decimals, &self.unit)
    }
}

/// An indicator's values over time for one area, with the city average beside it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IndicatorSeries {
    pub key: String,
    pub points: Vec<(String, f64)>,
    pub city: Vec<(String, f64)>,
    /// The median of the areas of the same type (empty where not asked for).
    pub peer: Vec<(String, f64)>,
    /// Monthly data over many years is shown as yearly averages.
    pub yearly_average: bool,
}

/// The latest stuurwiel assessment of an area, with the round before it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StuurwielView {
    pub framework: String,
    pub scale_min: i64,
    pub scale_max: i64,
    pub segments: Vec<StuurwielSegment>,
    pub latest: Assessment,
    pub previous: Option<Assessment>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StuurwielSegment {
    pub id: i64,
    pub name: String,
    pub description: String,
}

/// One assessment round; `scores[i]` belongs to `segments[i]` (None: not scored).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Assessment {
    pub assessed_on: String,
    pub assessed_by: String,
    pub note: String,
    pub scores: Vec<Option<(i64, String)>>,
}

impl Assessment {
    pub fn score_values(&self) -> Vec<Option<f64>> {
        self.scores
            .iter()
            .map(|s| s.as_ref().map(|(score, _)| *score as f64))
            .collect()
    }
}

/// Everything the public profile page shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AreaProfile {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub district: String,
    pub area_type: AreaType,
    pub phase: Phase,
    pub activation: Activation,
    /// Archived: no longer in the list, map, monitor and averages; the page says so.
    pub archived: bool,
    /// The story's markdown rendered and sanitised on the server.
    pub story_html: String,
    pub ambition: String,
    pub opgaves: Vec<Opgave>,
    pub stakeholders: Vec<Stakeholder>,
    pub contacts: Vec<Contact>,
    pub indicators: Vec<IndicatorLatest>,
    /// One per entry of `indicators`, same order.
    pub series: Vec<IndicatorSeries>,
    pub stuurwiel: Option<StuurwielView>,
    /// Three to five sentences written from the data (`summary::sentences`).
    pub summary: Vec<String>,
    /// The most supported open proposals (at most three): (id, title, supports).
    pub proposals: Vec<(i64, String, i64)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Opgave {
    pub id: i64,
    pub title: String,
    pub theme: String,
    pub status: OpgaveStatus,
    pub owner: String,
    pub due_date: Option<String>,
    /// Not done and past its due date (decided on the server, by the server's date).
    pub overdue: bool,
    /// When it went in progress and when it was done (ISO dates).
    pub started_on: Option<String>,
    pub finished_on: Option<String>,
    /// The indicators it should move, with their figures.
    pub outcomes: Vec<outcomes::Outcome>,
    /// The proposal it was adopted from, if any.
    pub proposal: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Stakeholder {
    pub organisation: String,
    pub role: StakeholderRole,
    pub description: String,
    /// The organisation's kind, and for a BIZ or fund its term and budget:
    /// "BIZ, 2024 t/m 2028, € 120.000 per jaar".
    pub about: String,
}

/// The words about an organisation shown beside its name on a profile.
pub fn organisation_about(
    kind_label: &str,
    term: (Option<&str>, Option<&str>),
    budget: Option<i64>,
) -> String {
    let mut parts = vec![kind_label.to_string()];
    match term {
        (Some(start), Some(end)) => parts.push(format!(
            "{} t/m {}",
            crate::ui::format::dutch_date(start),
            crate::ui::format::dutch_date(end)
        )),
        (Some(start), None) => {
            parts.push(format!("sinds {}", crate::ui::format::dutch_date(start)))
        }
        (None, Some(end)) => parts.push(format!("t/m {}", crate::ui::format::dutch_date(end))),
        (None, None) => {}
    }
    if let Some(budget) = budget {
        parts.push(format!("€ {} per jaar", format_number(budget as f64, 0)));
    }
    parts.join(", ")
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Contact {
    pub role: ContactRole,
    pub name: String,
    pub email: Option<String>,
}

/// The latest value of one indicator for one area, with the one before it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IndicatorLatest {
    pub key: String,
    pub label: String,
    pub unit: String,
    pub direction: Direction,
    pub decimals: u8,
    pub period: String,
    pub value: f64,
    pub previous: Option<(String, f64)>,
    pub source: String,
    /// The city average in the same period.
    pub city: Option<f64>,
    /// The median and rank among the areas of the same type, in the same period.
    pub peer: Option<peers::PeerStanding>,
}

/// How a change should be read, given the indicator's direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trend {
    Better,
    Worse,
    Unchanged,
    /// Changed, but neither good nor bad (e.g. a sector share).
    Changed,
}

impl IndicatorLatest {
    pub fn change(&self) -> Option<f64> {
        self.previous.as_ref().map(|(_, prev)| self.value - prev)
    }

    pub fn trend(&self) -> Option<Trend> {
        let change = self.change()?;
        // Differences below the shown precision are "unchanged" for the reader.
        let epsilon = shown_precision(self.decimals);
        Some(if change.abs() < epsilon {
            Trend::Unchanged
        } else {
            match (self.direction, change > 0.0) {
                (Direction::Neutral, _) => Trend::Changed,
                (Direction::LowerIsBetter, true) | (Direction::HigherIsBetter, false) => {
                    Trend::Worse
                }
                _ => Trend::Better,
            }
        })
    }
}

/// Half a unit of the last digit shown with `decimals`: differences below it read as none.
pub fn shown_precision(decimals: u8) -> f64 {
    0.5 * 10f64.powi(-(decimals as i32))
}

/// Formats a number the Dutch way: decimal comma, dots between thousands.
pub fn format_number(value: f64, decimals: u8) -> String {
    // The monitor and the area list format thousands of values per page, and `format!`'s
    // exact rounding often falls back to its slow bignum path; whole units are enough
    // whenever the rounding is clear.
    match rounded_units(value, decimals) {
        Some(units) => dutch_digits(value < 0.0 && units != 0, &units.to_string(), decimals),
        None => {
            let formatted = format!("{:.*}", decimals as usize, value.abs());
            if !value.is_finite() {
                return formatted;
            }
            let negative =
                value < 0.0 && formatted.bytes().any(|b| b.is_ascii_digit() && b != b'0');
            let digits: String = formatted.chars().filter(|c| *c != '.').collect();
            dutch_digits(negative, &digits, decimals)
        }
    }
}

/// `|value|` in units of the last shown decimal, rounded, when that is certain to be what
/// exact decimal rounding gives: below 10⁹ units the product's error is under 10⁻⁷, so only
/// values within 10⁻⁶ of a tie (and huge or non-finite ones) are left to `format!`.
fn rounded_units(value: f64, decimals: u8) -> Option<u64> {
    const SCALES: [f64; 7] = [1.0, 10.0, 100.0, 1e3, 1e4, 1e5, 1e6];
    let scaled = value.abs() * *SCALES.get(decimals as usize)?;
    if scaled.is_nan() || scaled >= 1e9 {
        return None;
    }
    let whole = scaled.floor();
    let fraction = scaled - whole;
    if (fraction - 0.5).abs() < 1e-6 {
        return None;
    }
    Some(whole as u64 + u64::from(fraction > 0.5))
}

/// Digits (without separator, the last `decimals` of them after the comma) written the Dutch
/// way: "−" for negatives, dots between thousands, a decimal comma.
fn dutch_digits(negative: bool, digits: &str, decimals: u8) -> String {
    let decimals = decimals as usize;
    // Short numbers ("5" with two decimals) get the leading zeros `format!` would write.
    let padded;
    let digits = if digits.len() <= decimals {
        padded = format!("{digits:0>width$}", width = decimals + 1);
        padded.as_str()
    } else {
        digits
    };
    let (int_part, frac_part) = digits.split_at(digits.len() - decimals);
    let mut out = String::with_capacity(digits.len() + int_part.len() / 3 + 4);
    if negative {
        out.push('−');
    }
    for (i, ch) in int_part.chars().enumerate() {
        if i > 0 && (int_part.len() - i) % 3 == 0 {
            out.push('.');
        }
        out.push(ch);
    }
    if decimals > 0 {
        out.push(',');
        out.push_str(frac_part);
    }
    out
}

/// A value with its unit, e.g. "7,4%" or "12.500 per dag".
pub fn format_with_unit(value: f64, decimals: u8, unit: &str) -> String {
    let mut number = format_number(value, decimals);
    match unit {
        "aantal" | "cijfer" | "" => {}
        "%" => number.push('%'),
        other => {
            number.push(' ');
            number.push_str(other);
        }
    }
    number
}

#[cfg(test)]
mod tests {
    use super::*;

    fn indicator(direction: Direction, prev: f64, value: f64) -> IndicatorLatest {
        IndicatorLatest {
            key: "k".into(),
            label: "K".into(),
            unit: "%".into(),
            direction,
            decimals: 1,
            period: "2025".into(),
            value,
            previous: Some(("2024".into(), prev)),
            source: String::new(),
            city: None,
            peer: None,
        }
    }

    /// The fast rounding gives exactly what `format!`'s exact decimal rounding gives,
    /// including at ties and near-ties (0.125, 2.675, 1.005…) and past its range.
    #[test]
    fn dutch_number_format_matches_exact_rounding() {
        fn reference(value: f64, decimals: u8) -> String {
            let formatted = format!("{:.*}", decimals as usize, value.abs());
            let negative =
                value < 0.0 && formatted.bytes().any(|b| b.is_ascii_digit() && b != b'0');
            let (int_part, frac_part) = formatted.split_once('.').unwrap_or((&formatted, ""));
            let mut grouped = String::new();
            for (i, ch) in int_part.chars().enumerate() {
                if i > 0 && (int_part.len() - i) % 3 == 0 {
                    grouped.push('.');
                }
                grouped.push(ch);
            }
            let sign = if negative { "−" } else { "" };
            let comma = if frac_part.is_empty() { "" } else { "," };
            format!("{sign}{grouped}{comma}{frac_part}")
        }
        let mut values = Vec::new();
        for i in -20_000i32..=20_000 {
            values.push(f64::from(i) / 1000.0);
            values.push(f64::from(i) * 0.37);
            values.push(f64::from(i) / 8.0);
            values.push(f64::from(i) * 12_345.678_9);
        }
        values.extend([
            2.675,
            1.005,
            0.125,
            0.375,
            1e9 - 0.5,
            1e9 + 0.5,
            4.35e8,
            123_456_789.5,
        ]);
        for value in values {
            for decimals in 0..=4 {
                assert_eq!(
                    format_number(value, decimals),
                    reference(value, decimals),
                    "{value} with {decimals} decimals"
                );
            }
        }
    }

    #[test]
    fn dutch_number_format() {
        assert_eq!(format_number(12500.0, 0), "12.500");
        assert_eq!(format_number(1234567.891, 2), "1.234.567,89");
        assert_eq!(format_number(7.44, 1), "7,4");
        assert_eq!(format_number(-0.04, 1), "0,0");
        assert_eq!(format_number(-2.5, 1), "−2,5");
        assert_eq!(format_number(999.0, 0), "999");
        assert_eq!(format_number(0.05, 2), "0,05");
        assert_eq!(format_number(-1234.5, 0), "−1.234");
        assert_eq!(format_number(f64::NAN, 1), "NaN");
        assert_eq!(format_with_unit(7.44, 1, "%"), "7,4%");
        assert_eq!(format_with_unit(21000.0, 0, "per dag"), "21.000 per dag");
    }

    #[test]
    fn trend_follows_direction() {
        assert_eq!(
            indicator(Direction::LowerIsBetter, 8.0, 6.0).trend(),
            Some(Trend::Better)
        );
        assert_eq!(
            indicator(Direction::LowerIsBetter, 6.0, 8.0).trend(),
            Some(Trend::Worse)
        );
        assert_eq!(
            indicator(Direction::HigherIsBetter, 6.0, 8.0).trend(),
            Some(Trend::Better)
        );
        assert_eq!(
            indicator(Direction::HigherIsBetter, 8.0, 6.0).trend(),
            Some(Trend::Worse)
        );
        assert_eq!(
            indicator(Direction::Neutral, 8.0, 6.0).trend(),
            Some(Trend::Changed)
        );
        assert_eq!(
            indicator(Direction::LowerIsBetter, 8.0, 8.02).trend(),
            Some(Trend::Unchanged)
        );
        let mut without_previous = indicator(Direction::Neutral, 0.0, 1.0);
        without_previous.previous = None;
        assert_eq!(without_previous.trend(), None);
    }

    #[test]
    fn codes_round_trip() {
        for t in AreaType::ALL {
            assert_eq!(AreaType::from_code(t.code()), Some(*t));
        }
        for p in Phase::ALL {
            assert_eq!(Phase::from_code(p.code()), Some(*p));
        }
        assert_eq!(Phase::from_code("nonsense"), None);
    }
}

//! The area list's filters and sorting: parsed from the URL, applied as pure functions.
//!
//! URL parameters (Dutch, as users share them): `q`, `stadsdeel`, `type`, `fase`,
//! `activatie`, `thema`, `sorteer` (`naam`, an indicator key, or `{key}:verandering`) and
//! `volgorde` (`op` or `af`). Values that do not exist are ignored with a note.

use super::*;
use serde::{Deserialize, Serialize};

/// The filter as it arrives from the URL: raw text, checked on the server.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AreaFilter {
    pub q: String,
    pub district: String,
    pub area_type: String,
    pub phase: String,
    pub activation: String,
    pub theme: String,
    pub sort: String,
    pub order: String,
}

impl AreaFilter {
    /// Reads the filter from URL query parameters.
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> AreaFilter {
        let field = |name: &str| get(name).unwrap_or_default().trim().to_string();
        AreaFilter {
            // Not trimmed: the search box shows it back while the user is still typing.
            q: get("q").unwrap_or_default(),
            district: field("stadsdeel"),
            area_type: field("type"),
            phase: field("fase"),
            activation: field("activatie"),
            theme: field("thema"),
            sort: field("sorteer"),
            order: field("volgorde"),
        }
    }

    /// The URL of the list with this filter, leaving out empty parameters.
    pub fn to_url(&self) -> String {
        crate::ui::format::query_url(
            "/gebieden",
            &[
                ("q", &self.q),
                ("stadsdeel", &self.district),
                ("type", &self.area_type),
                ("fase", &self.phase),
                ("activatie", &self.activation),
                ("thema", &self.theme),
                ("sorteer", &self.sort),
                ("volgorde", &self.order),
            ],
        )
    }
}

/// How the list is sorted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SortKey {
    Name,
    Latest(String),
    Change(String),
}

/// A filter whose values have been checked against what exists.
#[derive(Clone, Debug, PartialEq)]
pub struct CheckedFilter {
    pub query: String,
    pub district: Option<String>,
    pub area_type: Option<AreaType>,
    pub phase: Option<Phase>,
    pub activation: Option<Activation>,
    pub theme: Option<String>,
    pub sort: SortKey,
    pub descending: bool,
}

/// What the list page shows: the areas, the choices for the filters, and notes about
/// filter values that were ignored.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AreaListing {
    pub areas: Vec<AreaSummary>,
    pub total: usize,
    pub key_indicators: Vec<IndicatorDefinition>,
    pub districts: Vec<String>,
    pub themes: Vec<(String, String)>,
    pub ignored: Vec<String>,
}

impl AreaListing {
    /// The filter form's choices of this listing, without its areas.
    pub fn choices(&self) -> AreaListing {
        AreaListing {
            areas: Vec::new(),
            total: 0,
            key_indicators: self.key_indicators.clone(),
            districts: self.districts.clone(),
            themes: self.themes.clone(),
            ignored: Vec::new(),
        }
    }
}

/// Checks every filter value; unknown ones are dropped and described in `ignored`.
pub fn check_filter(
    filter: &AreaFilter,
    districts: &[String],
    themes: &[(String, String)],
    key_indicators: &[IndicatorDefinition],
    ignored: &mut Vec<String>,
) -> CheckedFilter {
    let mut note = |what: &str, value: &str| {
        let shown: String = value.chars().take(40).collect();
        ignored.push(format!("{what} ‘{shown}’ bestaat niet en is genegeerd."));
    };
    let district = match filter.district.as_str() {
        "" => None,
        d => match districts.iter().find(|known| known.eq_ignore_ascii_case(d)) {
            Some(known) => Some(known.clone()),
            None => {
                note("Stadsdeel", d);
                None
            }
        },
    };
    let mut coded = |what: &str, value: &str, parse: &dyn Fn(&str) -> bool| -> bool {
        if value.is_empty() {
            false
        } else if parse(value) {
            true
        } else {
            note(what, value);
            false
        }
    };
    let area_type = coded("Type", &filter.area_type, &|v| {
        AreaType::from_code(v).is_some()
    })
    .then(|| AreaType::from_code(&filter.area_type))
    .flatten();
    let phase = coded("Fase", &filter.phase, &|v| Phase::from_code(v).is_some())
        .then(|| Phase::from_code(&filter.phase))
        .flatten();
    let activation = coded("Activatie", &filter.activation, &|v| {
        Activation::from_code(v).is_some()
    })
    .then(|| Activation::from_code(&filter.activation))
    .flatten();
    let theme = coded("Thema", &filter.theme, &|v| {
        themes.iter().any(|(k, _)| k == v)
    })
    .then(|| filter.theme.clone());
    let is_key = |key: &str| key_indicators.iter().any(|d| d.key == key);
    let sort = match filter.sort.as_str() {
        "" | "naam" => SortKey::Name,
        s => match s.strip_suffix(":verandering") {
            Some(key) if is_key(key) => SortKey::Change(key.to_string()),
            None if is_key(s) => SortKey::Latest(s.to_string()),
            _ => {
                note("Sortering", s);
                SortKey::Name
            }
        },
    };
    let descending = match filter.order.as_str() {
        "af" => true,
        "op" | "" => false,
        other => {
            note("Volgorde", other);
            false
        }
    };
    CheckedFilter {
        query: filter.q.chars().take(super::api::MAX_QUERY_CHARS).collect(),
        district,
        area_type,
        phase,
        activation,
        theme,
        sort,
        descending,
    }
}

/// Keeps the areas that match every filter and sorts them. Areas without a value for the
/// sort indicator always come last, whichever the order.
pub fn apply_filter(mut areas: Vec<AreaSummary>, filter: &CheckedFilter) -> Vec<AreaSummary> {
    let query = filter.query.trim().to_lowercase();
    areas.retain(|a| {
        (query.is_empty()
            || a.name.to_lowercase().contains(&query)
            || a.district.to_lowercase().contains(&query))
            && filter.district.as_ref().is_none_or(|d| &a.district == d)
            && filter.area_type.is_none_or(|t| a.area_type == t)
            && filter.phase.is_none_or(|p| a.phase == p)
            && filter.activation.is_none_or(|x| a.activation == x)
            && filter
                .theme
                .as_ref()
                .is_none_or(|t| a.open_themes.contains(t))
    });
    let by_name =
        |a: &AreaSummary, b: &AreaSummary| a.name.to_lowercase().cmp(&b.name.to_lowercase());
    let sort_value = |a: &AreaSummary| -> Option<f64> {
        match &filter.sort {
            SortKey::Name => None,
            SortKey::Latest(key) => a.key_value(key).map(|v| v.value),
            SortKey::Change(key) => a.key_value(key).and_then(KeyValue::change),
        }
    };
    areas.sort_by(|a, b| {
        if filter.sort == SortKey::Name {
            let order = by_name(a, b);
            return if filter.descending {
                order.reverse()
            } else {
                order
            };
        }
        match (sort_value(a), sort_value(b)) {
            (Some(x), Some(y)) => {
                let order = x.total_cmp(&y);
                let order = if filter.descending {
                    order.reverse()
                } else {
                    order
                };
                order.then_with(|| by_name(a, b))
            }
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => by_name(a, b),
        }
    });
    areas
}

#[cfg(test)]
mod tests {
    use super::*;

    fn area(
        name: &str,
        district: &str,
        phase: Phase,
        vacancy: Option<(f64, Option<f64>)>,
    ) -> AreaSummary {
        AreaSummary {
            id: 0,
            slug: name.to_lowercase(),
            name: name.into(),
            district: district.into(),
            area_type: AreaType::ShoppingStreet,
            phase,
            activation: Activation::Energetic,
            open_themes: if name == "Haven" {
                vec!["vacancy".into()]
            } else {
                vec![]
            },
            key_values: vacancy
                .map(|(value, previous)| KeyValue {
                    key: "vacancy_outlets".into(),
                    period: "2025".into(),
                    value,
                    previous,
                })
                .into_iter()
                .collect(),
        }
    }

    fn vacancy_definition() -> IndicatorDefinition {
        IndicatorDefinition {
            key: "vacancy_outlets".into(),
            label: "Leegstand".into(),
            unit: "%".into(),
            direction: Direction::LowerIsBetter,
            decimals: 1,
            is_key: true,
        }
    }

    fn check(filter: AreaFilter) -> (CheckedFilter, Vec<String>) {
        let mut ignored = Vec::new();
        let checked = check_filter(
            &filter,
            &["Noord".into(), "West".into()],
            &[("vacancy".into(), "Leegstand".into())],
            &[vacancy_definition()],
            &mut ignored,
        );
        (checked, ignored)
    }

    fn names(areas: &[AreaSummary]) -> Vec<&str> {
        areas.iter().map(|a| a.name.as_str()).collect()
    }

    fn sample() -> Vec<AreaSummary> {
        vec![
            area("Linden", "Noord", Phase::BuildUp, Some((7.0, Some(9.0)))),
            area("Haven", "West", Phase::Decline, Some((12.0, Some(11.0)))),
            area("Brink", "Noord", Phase::Stable, None),
            area("Akker", "West", Phase::BuildUp, Some((4.0, None))),
        ]
    }

    #[test]
    fn unknown_values_are_ignored_with_a_note() {
        let (checked, ignored) = check(AreaFilter {
            district: "Zuid".into(),
            phase: "bloei".into(),
            sort: "passanten".into(),
            order: "sideways".into(),
            ..Default::default()
        });
        assert_eq!(checked.district, None);
        assert_eq!(checked.phase, None);
        assert_eq!(checked.sort, SortKey::Name);
        assert_eq!(ignored.len(), 4);
        assert!(ignored[0].contains("Zuid"));
        // Known values pass, district case-insensitively.
        let (checked, ignored) = check(AreaFilter {
            district: "noord".into(),
            phase: "build_up".into(),
            sort: "vacancy_outlets:verandering".into(),
            order: "af".into(),
            ..Default::default()
        });
        assert!(ignored.is_empty());
        assert_eq!(checked.district.as_deref(), Some("Noord"));
        assert_eq!(checked.phase, Some(Phase::BuildUp));
        assert_eq!(checked.sort, SortKey::Change("vacancy_outlets".into()));
        assert!(checked.descending);
    }

    #[test]
    fn filters_combine() {
        let (checked, _) = check(AreaFilter {
            district: "Noord".into(),
            phase: "build_up".into(),
            ..Default::default()
        });
        assert_eq!(names(&apply_filter(sample(), &checked)), ["Linden"]);
        let (checked, _) = check(AreaFilter {
            theme: "vacancy".into(),
            ..Default::default()
        });
        assert_eq!(names(&apply_filter(sample(), &checked)), ["Haven"]);
        let (checked, _) = check(AreaFilter {
            q: "WEST".into(),
            ..Default::default()
        });
        assert_eq!(names(&apply_filter(sample(), &checked)), ["Akker", "Haven"]);
        let (checked, _) = check(AreaFilter {
            q: "niets".into(),
            ..Default::default()
        });
        assert!(apply_filter(sample(), &checked).is_empty());
    }

    #[test]
    fn sorting_puts_missing_values_last() {
        let (checked, _) = check(AreaFilter {
            sort: "vacancy_outlets".into(),
            ..Default::default()
        });
        assert_eq!(
            names(&apply_filter(sample(), &checked)),
            ["Akker", "Linden", "Haven", "Brink"]
        );
        let (checked, _) = check(AreaFilter {
            sort: "vacancy_outlets".into(),
            order: "af".into(),
            ..Default::default()
        });
        assert_eq!(
            names(&apply_filter(sample(), &checked)),
            ["Haven", "Linden", "Akker", "Brink"]
        );
        // By change: Linden fell 2, Haven rose 1; Akker has no previous value.
        let (checked, _) = check(AreaFilter {
            sort: "vacancy_outlets:verandering".into(),
            ..Default::default()
        });
        assert_eq!(
            names(&apply_filter(sample(), &checked)),
            ["Linden", "Haven", "Akker", "Brink"]
        );
        let (checked, _) = check(AreaFilter {
            order: "af".into(),
            ..Default::default()
        });
        assert_eq!(
            names(&apply_filter(sample(), &checked)),
            ["Linden", "Haven", "Brink", "Akker"]
        );
    }

    #[test]
    fn filter_round_trips_through_the_url() {
        let filter = AreaFilter {
            q: "de brink".into(),
            phase: "stable".into(),
            sort: "footfall:verandering".into(),
            ..Default::default()
        };
        let url = filter.to_url();
        assert_eq!(
            url,
            "/gebieden?q=de+brink&fase=stable&sorteer=footfall%3Averandering"
        );
        assert_eq!(AreaFilter::default().to_url(), "/gebieden");
    }
}

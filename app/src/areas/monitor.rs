//! `/monitor`: all areas at a glance — key indicators with sparklines, flags from rules a
//! coordinator can read on the page, counts per phase and activation, the city-wide trend.

use super::*;
use serde::{Deserialize, Serialize};

/// Vacancy rising by more than this many percentage points in a year raises a flag.
pub const VACANCY_RISE_PP: f64 = 2.0;
/// An area without a stuurwiel assessment for this many months raises a flag.
pub const ASSESSMENT_MONTHS: u32 = 12;
/// An area without a recorded contact moment for this many months raises a flag.
pub const CONTACT_MONTHS: u32 = 3;
/// Measurements a sparkline in the monitor table draws.
pub const SPARKLINE_POINTS: usize = 12;
/// The indicator the vacancy rule looks at.
pub const VACANCY_KEY: &str = "vacancy_outlets";

/// Why an area needs attention (or, for a reached goal, deserves it).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Flag {
    VacancyRising {
        change_pp: f64,
    },
    OpgavesOverdue {
        count: usize,
    },
    NoRecentAssessment {
        last: Option<String>,
    },
    NoRecentContact {
        last: Option<String>,
    },
    /// A done opgave whose linked indicator did not move the intended way.
    OpgaveDoneNotImproved {
        opgave: String,
        indicator: String,
    },
    /// A linked indicator reached the opgave's target.
    GoalReached {
        opgave: String,
        indicator: String,
    },
}

impl Flag {
    /// Whether the flag asks for attention; a reached goal is good news.
    pub fn needs_attention(&self) -> bool {
        !matches!(self, Flag::GoalReached { .. })
    }

    /// The flag in words, for the table.
    pub fn describe(&self) -> String {
        match self {
            Flag::VacancyRising { change_pp } => format!(
                "Leegstand +{} procentpunt in een jaar",
                format_number(*change_pp, 1)
            ),
            Flag::OpgavesOverdue { count: 1 } => "1 opgave over de deadline".into(),
            Flag::OpgavesOverdue { count } => format!("{count} opgaves over de deadline"),
            Flag::NoRecentAssessment { last: None } => "Nooit beoordeeld op het stuurwiel".into(),
            Flag::NoRecentAssessment { last: Some(date) } => format!(
                "Laatste stuurwielbeoordeling {}",
                crate::ui::format::dutch_date(date)
            ),
            Flag::NoRecentContact { last: None } => "Nog geen contactmoment vastgelegd".into(),
            Flag::NoRecentContact { last: Some(date) } => format!(
                "Laatste contactmoment {}",
                crate::ui::format::dutch_date(date)
            ),
            Flag::OpgaveDoneNotImproved { opgave, indicator } => {
                format!("Opgave afgerond, indicator niet verbeterd: ‘{opgave}’ ({indicator})")
            }
            Flag::GoalReached { opgave, indicator } => {
                format!("Doel gehaald: ‘{opgave}’ ({indicator})")
            }
        }
    }
}

/// The rules as the page states them, so a coordinator knows why an area is flagged.
pub fn rule_descriptions(with_contacts: bool) -> Vec<String> {
    let mut rules = vec![
        format!(
            "De leegstand (verkooppunten) is in een jaar met meer dan {} procentpunt gestegen (laatste meting tegenover dezelfde periode een jaar eerder).",
            format_number(VACANCY_RISE_PP, 0)
        ),
        "Er staan opgaves open of in uitvoering waarvan de deadline voorbij is.".to_string(),
        format!("Het gebied is in de afgelopen {ASSESSMENT_MONTHS} maanden niet beoordeeld op het stuurwiel."),
        "Een afgeronde opgave is gekoppeld aan een indicator die sinds de start niet de beoogde kant op ging (opgave afgerond, indicator niet verbeterd).".to_string(),
        "Een gekoppelde indicator heeft de doelwaarde van een opgave bereikt (doel gehaald; goed nieuws, geen zorg).".to_string(),
    ];
    if with_contacts {
        rules.push(format!(
            "Er is in de afgelopen {CONTACT_MONTHS} maanden geen contactmoment met de partijen vastgelegd (alleen zichtbaar voor coördinatoren)."
        ));
    }
    rules
}

/// What the flag rules look at for one area. Dates are ISO `YYYY-MM-DD`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FlagInput {
    pub vacancy: Vec<(String, f64)>,
    pub overdue_opgaves: usize,
    pub last_assessment: Option<String>,
    /// `None` inside means no contact was ever recorded; the outer `None`: not checked.
    pub last_contact: Option<Option<String>>,
    /// The area's opgaves tied to indicators: title, status and the figures.
    pub outcomes: Vec<(String, OpgaveStatus, super::outcomes::Outcome)>,
}

/// `today` minus a number of months, as an ISO date (the day is capped at the month's end).
pub fn months_before(today: &str, months: u32) -> Option<String> {
    let mut parts = today.splitn(3, '-');
    let year: i32 = parts.next()?.parse().ok()?;
    let month: i32 = parts.next()?.parse().ok()?;
    let day: u32 = parts.next()?.get(..2)?.parse().ok()?;
    if !(1..=12).contains(&month) {
        return None;
    }
    let total = year * 12 + (month - 1) - months as i32;
    let (year, month) = (total.div_euclid(12), total.rem_euclid(12) + 1);
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days_in_month = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    Some(format!(
        "{year:04}-{month:02}-{:02}",
        day.min(days_in_month)
    ))
}

/// Applies every rule to one area.
pub fn flags(input: &FlagInput, today: &str) -> Vec<Flag> {
    let mut flags = Vec::new();
    if let Some(change) = super::series::change_over_year(&input.vacancy) {
        if change > VACANCY_RISE_PP {
            flags.push(Flag::VacancyRising { change_pp: change });
        }
    }
    if input.overdue_opgaves > 0 {
        flags.push(Flag::OpgavesOverdue {
            count: input.overdue_opgaves,
        });
    }
    let stale = |last: &Option<String>, months: u32| match (last, months_before(today, months)) {
        (None, _) => true,
        (Some(last), Some(limit)) => last.as_str() < limit.as_str(),
        (Some(_), None) => false,
    };
    if stale(&input.last_assessment, ASSESSMENT_MONTHS) {
        flags.push(Flag::NoRecentAssessment {
            last: input.last_assessment.clone(),
        });
    }
    if let Some(last_contact) = &input.last_contact {
        if stale(last_contact, CONTACT_MONTHS) {
            flags.push(Flag::NoRecentContact {
                last: last_contact.clone(),
            });
        }
    }
    use super::outcomes::Verdict;
    for (opgave, status, outcome) in &input.outcomes {
        let (opgave, indicator) = (opgave.clone(), outcome.label.clone());
        match outcome.verdict() {
            Verdict::GoalReached => flags.push(Flag::GoalReached { opgave, indicator }),
            Verdict::NotImproved if *status == OpgaveStatus::Done => {
                flags.push(Flag::OpgaveDoneNotImproved { opgave, indicator })
            }
            _ => {}
        }
    }
    flags
}

/// What the monitor and the compare page set beside a value: the city average, or the
/// median of the areas of the same type (`?vergelijk=type`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Reference {
    City,
    Peers,
}

impl Reference {
    /// The query value: `type` for peers, anything else the city.
    pub fn from_query(value: Option<&str>) -> Reference {
        match value {
            Some("type") => Reference::Peers,
            _ => Reference::City,
        }
    }

    pub fn query_value(self) -> &'static str {
        match self {
            Reference::City => "stad",
            Reference::Peers => "type",
        }
    }
}

/// One row of the monitor table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MonitorRow {
    pub slug: String,
    pub name: String,
    pub district: String,
    pub phase: Phase,
    pub activation: Activation,
    /// Per key indicator (same order as `MonitorOverview::key_indicators`): the latest value
    /// and the values a sparkline draws.
    pub key: Vec<(Option<(String, f64)>, Vec<f64>)>,
    /// Per key indicator: the reference value (city average or peer median) in the period
    /// of the latest value.
    pub references: Vec<Option<f64>>,
    pub area_type: AreaType,
    pub flags: Vec<Flag>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MonitorOverview {
    pub today: String,
    pub key_indicators: Vec<IndicatorDefinition>,
    pub rows: Vec<MonitorRow>,
    pub phase_counts: Vec<(Phase, usize)>,
    pub activation_counts: Vec<(Activation, usize)>,
    /// City averages of the key indicators over time.
    pub city_trend: Vec<IndicatorSeries>,
    /// With `Reference::Peers`: per key indicator, the median of each area type over time.
    pub peer_trend: Vec<Vec<(AreaType, Vec<(String, f64)>)>>,
    pub reference: Reference,
    pub rules: Vec<String>,
    /// Whether the contact rule was applied (coordinators only).
    pub with_contacts: bool,
}

#[cfg(feature = "ssr")]
pub mod db {
    use super::*;
    use sqlx::SqlitePool;
    use std::collections::HashMap;

    type Sparklines = HashMap<(i64, String), Vec<f64>>;
    type Points = Vec<(String, f64)>;

    /// What the monitor derives from figures alone: read once per change of the figures
    /// (see `areas::db::figures_generation`), not per view. Formatting every area's values
    /// as text in SQLite and parsing them again was most of a monitor's database time.
    struct Figures {
        sparklines: Sparklines,
        /// Per area: the vacancy value a year before its latest.
        year_earlier: HashMap<i64, (String, f64)>,
        /// The reference beside each latest key value.
        references: HashMap<(i64, String), f64>,
        /// City averages of the key indicators.
        averages: Vec<(String, Points)>,
        /// Peer medians of the key indicators per area type (only for that reference).
        medians: Vec<(String, String, Points)>,
    }

    /// Kept per reference mode (peers or not); a handful of databases in tests.
    static FIGURES: crate::areas::db::FiguresCache<bool, Figures> =
        crate::areas::db::FiguresCache::new(64);

    async fn figures(
        pool: &SqlitePool,
        reference: Reference,
    ) -> Result<std::sync::Arc<Figures>, sqlx::Error> {
        FIGURES
            .get_or_read(pool, reference == Reference::Peers, || {
                read_figures(pool, reference)
            })
            .await
    }

    async fn read_figures(pool: &SqlitePool, reference: Reference) -> Result<Figures, sqlx::Error> {
        // Sparklines show the last `SPARKLINE_POINTS` measurements of each key indicator.
        // CROSS JOIN fixes the join order, so SQLite walks the (area, indicator, period)
        // index per area instead of scanning every stored value.
        // One row per area and indicator (see `areas::db::parse_pairs` for why).
        let recent: Vec<(i64, String, String)> = sqlx::query_as(
            "SELECT v.area_id, v.indicator_key, group_concat(v.period || '=' || v.value, ';')
             FROM areas a CROSS JOIN indicator_definitions d CROSS JOIN indicator_values v
             WHERE d.is_key = 1 AND v.area_id = a.id AND v.indicator_key = d.key
               AND v.period >= coalesce((
                   SELECT x.period FROM indicator_values x
                   WHERE x.area_id = a.id AND x.indicator_key = d.key
                   ORDER BY x.period DESC LIMIT 1 OFFSET ?1 - 1), '')
             GROUP BY v.area_id, v.indicator_key",
        )
        .bind(SPARKLINE_POINTS as i64)
        .fetch_all(pool)
        .await?;
        let sparklines: Sparklines = recent
            .into_iter()
            .map(|(area, key, pairs)| {
                let values = crate::areas::db::parse_pairs(&pairs)
                    .into_iter()
                    .map(|(_, v)| v)
                    .collect();
                ((area, key), values)
            })
            .collect();
        // The vacancy rule compares the latest value with the same period a year earlier.
        let year_earlier: HashMap<i64, (String, f64)> = sqlx::query_as::<_, (i64, String, f64)>(
            "SELECT a.id, earlier.period, earlier.value
             FROM areas a CROSS JOIN indicator_values cur CROSS JOIN indicator_values earlier
             WHERE cur.id = (
                 SELECT v.id FROM indicator_values v
                 WHERE v.area_id = a.id AND v.indicator_key = ?1
                 ORDER BY v.period DESC LIMIT 1)
               AND earlier.area_id = a.id
               AND earlier.indicator_key = ?1
               AND earlier.period = CAST(CAST(substr(cur.period, 1, 4) AS INTEGER) - 1 AS TEXT)
                                    || substr(cur.period, 5)",
        )
        .bind(VACANCY_KEY)
        .fetch_all(pool)
        .await?
        .into_iter()
        .map(|(area, period, value)| (area, (period, value)))
        .collect();
        // The reference beside each latest key value: same period, city or the area's type.
        let references: HashMap<(i64, String), f64> = {
            let rows: Vec<(i64, String, Option<f64>)> = sqlx::query_as(
                "SELECT a.id, d.key, CASE WHEN ?1 THEN pm.value ELSE ca.value END
                 FROM areas a
                 JOIN indicator_definitions d ON d.is_key = 1 AND d.retired_at IS NULL
                 JOIN indicator_values cur ON cur.id = (
                     SELECT v.id FROM indicator_values v WHERE v.area_id = a.id AND v.indicator_key = d.key
                     ORDER BY v.period DESC LIMIT 1)
                 LEFT JOIN indicator_city_averages ca
                     ON ca.indicator_key = d.key AND ca.period = cur.period
                 LEFT JOIN indicator_peer_medians pm
                     ON pm.indicator_key = d.key AND pm.period = cur.period AND pm.area_type = a.area_type
                 WHERE a.archived_at IS NULL",
            )
            .bind(reference == Reference::Peers)
            .fetch_all(pool)
            .await?;
            rows.into_iter()
                .filter_map(|(area, key, value)| Some(((area, key), value?)))
                .collect()
        };
        let averages: Vec<(String, String)> = sqlx::query_as(
            "SELECT c.indicator_key, group_concat(c.period || '=' || c.value, ';')
             FROM indicator_city_averages c
             JOIN indicator_definitions d ON d.key = c.indicator_key AND d.is_key = 1
             GROUP BY c.indicator_key",
        )
        .fetch_all(pool)
        .await?;
        let medians: Vec<(String, String, String)> = if reference == Reference::Peers {
            sqlx::query_as(
                "SELECT m.indicator_key, m.area_type, group_concat(m.period || '=' || m.value, ';')
                 FROM indicator_peer_medians m
                 JOIN indicator_definitions d ON d.key = m.indicator_key AND d.is_key = 1
                 GROUP BY m.indicator_key, m.area_type",
            )
            .fetch_all(pool)
            .await?
        } else {
            Vec::new()
        };
        Ok(Figures {
            sparklines,
            year_earlier,
            references,
            averages: crate::areas::db::parsed_pairs(averages),
            medians: medians
                .into_iter()
                .map(|(key, area_type, pairs)| {
                    (key, area_type, crate::areas::db::parse_pairs(&pairs))
                })
                .collect(),
        })
    }

    /// The whole monitor. `with_contacts` adds the activation-log rule, which only
    /// coordinators may see.
    pub async fn overview(
        pool: &SqlitePool,
        with_contacts: bool,
        reference: Reference,
    ) -> Result<MonitorOverview, sqlx::Error> {
        let key_indicators: Vec<IndicatorDefinition> =
            crate::areas::db::indicator_definitions(pool)
                .await?
                .into_iter()
                .filter(|d| d.is_key)
                .collect();
        let areas = crate::areas::db::area_summaries(pool).await?;

        let figures = figures(pool, reference).await?;
        let (sparklines, year_earlier, references) = (
            &figures.sparklines,
            &figures.year_earlier,
            &figures.references,
        );
        // The rest on one connection: sqlx pings every connection handed back to the pool,
        // a round trip that cost as much as these small queries. (Taken after the reads
        // through the pool above, so no request holds one connection while waiting for
        // another.)
        let mut conn = pool.acquire().await?;
        let today: String = sqlx::query_scalar("SELECT date('now')")
            .fetch_one(&mut *conn)
            .await?;
        let overdue: HashMap<i64, i64> = sqlx::query_as(
            "SELECT area_id, count(*) FROM opgaves
             WHERE status <> 'done' AND due_date < date('now') GROUP BY area_id",
        )
        .fetch_all(&mut *conn)
        .await?
        .into_iter()
        .collect();
        let assessed: HashMap<i64, String> = sqlx::query_as(
            "SELECT area_id, max(assessed_on) FROM stuurwiel_assessments GROUP BY area_id",
        )
        .fetch_all(&mut *conn)
        .await?
        .into_iter()
        .collect();
        let mut outcomes: HashMap<
            i64,
            Vec<(String, OpgaveStatus, crate::areas::outcomes::Outcome)>,
        > = HashMap::new();
        for link in crate::areas::outcomes::db::links(&mut *conn, None).await? {
            outcomes.entry(link.area_id).or_default().push((
                link.opgave_title,
                link.opgave_status,
                link.outcome,
            ));
        }
        let contacted: HashMap<i64, String> = if with_contacts {
            sqlx::query_as("SELECT area_id, max(held_on) FROM activation_moments GROUP BY area_id")
                .fetch_all(&mut *conn)
                .await?
                .into_iter()
                .collect()
        } else {
            HashMap::new()
        };
        drop(conn);

        let mut phase_counts: Vec<(Phase, usize)> = Phase::ALL.iter().map(|p| (*p, 0)).collect();
        let mut activation_counts: Vec<(Activation, usize)> =
            Activation::ALL.iter().map(|a| (*a, 0)).collect();
        let rows = areas
            .into_iter()
            .map(|area| {
                if let Some(count) = phase_counts.iter_mut().find(|(p, _)| *p == area.phase) {
                    count.1 += 1;
                }
                if let Some(count) = activation_counts
                    .iter_mut()
                    .find(|(a, _)| *a == area.activation)
                {
                    count.1 += 1;
                }
                let latest = |key: &str| area.key_value(key).map(|v| (v.period.clone(), v.value));
                let vacancy = year_earlier
                    .get(&area.id)
                    .cloned()
                    .into_iter()
                    .chain(latest(VACANCY_KEY))
                    .collect();
                let input = FlagInput {
                    vacancy,
                    overdue_opgaves: overdue.get(&area.id).copied().unwrap_or(0) as usize,
                    last_assessment: assessed.get(&area.id).cloned(),
                    last_contact: with_contacts.then(|| contacted.get(&area.id).cloned()),
                    outcomes: outcomes.remove(&area.id).unwrap_or_default(),
                };
                let row_references = key_indicators
                    .iter()
                    .map(|d| references.get(&(area.id, d.key.clone())).copied())
                    .collect();
                let key = key_indicators
                    .iter()
                    .map(|d| {
                        (
                            latest(&d.key),
                            sparklines
                                .get(&(area.id, d.key.clone()))
                                .cloned()
                                .unwrap_or_default(),
                        )
                    })
                    .collect();
                MonitorRow {
                    flags: flags(&input, &today),
                    references: row_references,
                    area_type: area.area_type,
                    slug: area.slug,
                    name: area.name,
                    district: area.district,
                    phase: area.phase,
                    activation: area.activation,
                    key,
                }
            })
            .collect();

        let city_trend = key_indicators
            .iter()
            .map(|d| {
                let points = figures
                    .averages
                    .iter()
                    .find(|(k, _)| *k == d.key)
                    .map(|(_, points)| points.clone())
                    .unwrap_or_default();
                let (points, yearly_average) = crate::areas::series::chart_points(
                    &points,
                    crate::areas::series::MAX_CHART_POINTS,
                );
                IndicatorSeries {
                    key: d.key.clone(),
                    points,
                    city: Vec::new(),
                    peer: Vec::new(),
                    yearly_average,
                }
            })
            .collect();

        let peer_trend = match reference {
            Reference::City => Vec::new(),
            Reference::Peers => key_indicators
                .iter()
                .map(|d| {
                    AreaType::ALL
                        .iter()
                        .filter_map(|t| {
                            let (_, _, points) = figures
                                .medians
                                .iter()
                                .find(|(k, code, _)| *k == d.key && code == t.code())?;
                            let (points, _) = crate::areas::series::chart_points(
                                points,
                                crate::areas::series::MAX_CHART_POINTS,
                            );
                            Some((*t, points))
                        })
                        .collect()
                })
                .collect(),
        };

        Ok(MonitorOverview {
            today,
            key_indicators,
            rows,
            phase_counts,
            activation_counts,
            city_trend,
            peer_trend,
            reference,
            rules: rule_descriptions(with_contacts),
            with_contacts,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_before_caps_the_day() {
        assert_eq!(
            months_before("2026-11-26", 12).as_deref(),
            Some("2025-11-26")
        );
        assert_eq!(
            months_before("2026-02-15", 3).as_deref(),
            Some("2025-11-15")
        );
        assert_eq!(
            months_before("2026-05-31", 3).as_deref(),
            Some("2026-02-28")
        );
        assert_eq!(
            months_before("2024-05-31", 3).as_deref(),
            Some("2024-02-29")
        );
        assert_eq!(months_before("nonsense", 3), None);
    }

    fn vacancy(points: &[(&str, f64)]) -> Vec<(String, f64)> {
        points.iter().map(|(p, v)| (p.to_string(), *v)).collect()
    }

    #[test]
    fn no_data_flags_only_the_missing_assessment() {
        let input = FlagInput::default();
        assert_eq!(
            flags(&input, "2026-11-26"),
            [Flag::NoRecentAssessment { last: None }]
        );
    }

    #[test]
    fn vacancy_rule_needs_more_than_two_points_in_a_year() {
        let base = FlagInput {
            last_assessment: Some("2026-06-01".into()),
            ..Default::default()
        };
        let rising = FlagInput {
            vacancy: vacancy(&[("2024", 6.0), ("2025", 8.5)]),
            ..base.clone()
        };
        assert!(matches!(
            flags(&rising, "2026-11-26")[..],
            [Flag::VacancyRising { change_pp }] if (change_pp - 2.5).abs() < 1e-9
        ));
        // Exactly two points is not more than two.
        let edge = FlagInput {
            vacancy: vacancy(&[("2024", 6.0), ("2025", 8.0)]),
            ..base.clone()
        };
        assert!(flags(&edge, "2026-11-26").is_empty());
        // Falling vacancy, one data point, or a gap: no flag.
        for points in [
            vacancy(&[("2024", 9.0), ("2025", 5.0)]),
            vacancy(&[("2025", 30.0)]),
            vacancy(&[("2022", 1.0), ("2025", 30.0)]),
        ] {
            let input = FlagInput {
                vacancy: points,
                ..base.clone()
            };
            assert!(flags(&input, "2026-11-26").is_empty());
        }
    }

    #[test]
    fn date_rules_use_the_boundary() {
        let input = |assessed: &str, contact: Option<&str>| FlagInput {
            last_assessment: Some(assessed.into()),
            last_contact: Some(contact.map(str::to_string)),
            overdue_opgaves: 2,
            ..Default::default()
        };
        // Assessed exactly 12 months ago and contacted exactly 3 months ago: fine.
        assert_eq!(
            flags(&input("2025-11-26", Some("2026-08-26")), "2026-11-26"),
            [Flag::OpgavesOverdue { count: 2 }]
        );
        let stale = flags(&input("2025-11-25", Some("2026-08-25")), "2026-11-26");
        assert_eq!(stale.len(), 3);
        assert_eq!(
            stale[2],
            Flag::NoRecentContact {
                last: Some("2026-08-25".into())
            }
        );
        // Never contacted.
        let never = flags(&input("2026-11-01", None), "2026-11-26");
        assert_eq!(never[1], Flag::NoRecentContact { last: None });
        // Not checked (public page): no contact flag at all.
        let public = FlagInput {
            last_contact: None,
            ..input("2026-11-01", None)
        };
        assert_eq!(flags(&public, "2026-11-26").len(), 1);
    }

    #[test]
    fn rules_are_stated() {
        assert_eq!(rule_descriptions(false).len(), 5);
        assert!(rule_descriptions(true)[5].contains("3 maanden"));
        assert_eq!(
            Flag::OpgavesOverdue { count: 3 }.describe(),
            "3 opgaves over de deadline"
        );
    }
}

pub mod api {
    use super::*;
    use crate::areas::api::AreaError;
    use leptos::prelude::*;

    /// The monitor for whoever asks; coordinators also get the contact rule.
    #[server(endpoint = "get_monitor")]
    pub async fn get_monitor(
        #[server(default)] vergelijk: Option<String>,
    ) -> Result<MonitorOverview, AreaError> {
        use crate::accounts::{decide, guard::current_user, Access, Action};
        let pool = crate::db::pool_from_context().ok_or(AreaError::Unavailable)?;
        let coordinator = decide(current_user().as_ref(), &Action::Coordinate) == Access::Allowed;
        let reference = Reference::from_query(vergelijk.as_deref());
        db::overview(&pool, coordinator, reference)
            .await
            .map_err(|error| {
                log::error!("monitor query failed: {error}");
                AreaError::Unavailable
            })
    }
}

pub mod pages {
    use super::api::get_monitor;
    use super::*;
    use crate::ui::charts::{ChartCard, ChartLine, SparklineSvg, ValueFormat};
    use crate::ui::{layout::set_status, notice::ErrorNotice};
    use leptos::prelude::*;
    use leptos_meta::Title;
    use leptos_router::hooks::use_query_map;

    /// `/monitor` (`?vergelijk=type`: against the median of each area's type)
    #[component]
    pub fn MonitorPage() -> impl IntoView {
        let query = use_query_map();
        let overview = Resource::new(move || query.read().get("vergelijk"), get_monitor);
        view! {
            <Title text="Monitor"/>
            <h1>"Monitor"</h1>
            <p class="lead">
                "Alle gebieden in één overzicht: de kerncijfers met hun verloop, en signalen voor gebieden die aandacht vragen."
            </p>
            <Suspense fallback=|| view! { <p aria-busy="true">"Monitor laden…"</p> }>
                {move || Suspend::new(async move {
                    match overview.await {
                        Ok(overview) => view! { <MonitorView overview/> }.into_any(),
                        Err(error) => {
                            set_status(503);
                            view! { <ErrorNotice message=error.to_string()/> }.into_any()
                        }
                    }
                })}
            </Suspense>
        }
    }

    /// "Vergelijk met: het stadsgemiddelde / de mediaan van het eigen type", as a GET form
    /// (works without JavaScript). `hidden` carries other query values, e.g. the compared areas.
    #[component]
    pub fn ReferenceSwitch(
        action: &'static str,
        reference: Reference,
        #[prop(default = Vec::new())] hidden: Vec<(&'static str, String)>,
    ) -> impl IntoView {
        let option = |value: Reference, label: &'static str| {
            let id = format!("vergelijk-{}", value.query_value());
            view! {
                <div class="choice">
                    <input type="radio" id=id.clone() name="vergelijk" value=value.query_value() checked=reference == value/>
                    <label for=id>{label}</label>
                </div>
            }
        };
        view! {
            <form method="get" action=action class="filter-form reference-switch">
                {hidden.into_iter().map(|(name, value)| view! { <input type="hidden" name=name value=value/> }).collect_view()}
                <fieldset>
                    <legend>"Vergelijk met"</legend>
                    {option(Reference::City, "het gemiddelde van de stad")}
                    {option(Reference::Peers, "de mediaan van gebieden van hetzelfde type")}
                </fieldset>
                <div class="filter-form__actions"><button type="submit" class="button--secondary">"Toon"</button></div>
            </form>
        }
    }

    #[component]
    fn MonitorView(overview: MonitorOverview) -> impl IntoView {
        let MonitorOverview {
            today,
            key_indicators,
            rows,
            phase_counts,
            activation_counts,
            city_trend,
            peer_trend,
            reference,
            rules,
            with_contacts,
        } = overview;
        let attention = |row: &MonitorRow| row.flags.iter().any(Flag::needs_attention);
        let flagged = rows.iter().filter(|r| attention(r)).count();
        let total = rows.len();
        let counts = |items: Vec<(&'static str, usize)>| {
            items
                .into_iter()
                .map(|(label, n)| view! { <div><dt>{label}</dt><dd>{n}</dd></div> })
                .collect_view()
        };
        const TYPE_SERIES: [&str; 4] = ["series-1", "series-2", "series-3", "series-4"];
        let mut peer_trend = peer_trend.into_iter();
        let trend = key_indicators
            .iter()
            .zip(city_trend)
            .filter(|(_, s)| !s.points.is_empty())
            .map(|(definition, series)| {
                let format = ValueFormat {
                    decimals: definition.decimals,
                    unit: definition.unit.clone(),
                };
                let mut lines = vec![ChartLine {
                    label: "Gemiddelde van de stad".into(),
                    class: "series-city",
                    points: series.points,
                    reference: false,
                }];
                if reference == Reference::Peers {
                    for (i, (area_type, points)) in peer_trend
                        .next()
                        .unwrap_or_default()
                        .into_iter()
                        .enumerate()
                    {
                        lines.push(ChartLine {
                            label: format!("Mediaan {}", area_type.plural()),
                            class: TYPE_SERIES[i % 4],
                            points,
                            reference: false,
                        });
                    }
                }
                let (label, caption) = match reference {
                    Reference::City => (
                        format!(
                            "{}: gemiddelde van alle gebieden door de tijd",
                            definition.label
                        ),
                        format!("{} — stadsgemiddelde per periode", definition.label),
                    ),
                    Reference::Peers => (
                        format!(
                            "{}: gemiddelde van de stad en mediaan per type gebied door de tijd",
                            definition.label
                        ),
                        format!(
                            "{} — stadsgemiddelde en mediaan per type, per periode",
                            definition.label
                        ),
                    ),
                };
                view! { <ChartCard heading=definition.label.clone() label caption lines format/> }
            })
            .collect_view();
        let headers = key_indicators
            .iter()
            .map(|d| view! { <th scope="col" class="numeric">{d.label.clone()}</th> })
            .collect_view();
        let body = rows
            .into_iter()
            .map(|row| {
                let href = format!("/gebieden/{}", row.slug);
                let flagged = attention(&row);
                let area_type = row.area_type;
                let cells = row
                    .key
                    .into_iter()
                    .zip(row.references)
                    .zip(&key_indicators)
                    .map(|(((latest, spark), reference_value), definition)| {
                        let text = latest
                            .map(|(period, value)| format!("{} ({period})", definition.format(value)))
                            .unwrap_or_else(|| "–".into());
                        let note = reference_value.map(|v| match reference {
                            Reference::City => format!("stad {}", definition.format(v)),
                            Reference::Peers => format!("mediaan {} {}", area_type.plural(), definition.format(v)),
                        });
                        view! {
                            <td class="numeric monitor__value">
                                <SparklineSvg values=spark/>
                                <span>{text}</span>
                                {note.map(|n| view! { <span class="reference-note">{n}</span> })}
                            </td>
                        }
                    })
                    .collect_view();
                let flags = if row.flags.is_empty() {
                    view! { <span class="muted">"Geen"</span> }.into_any()
                } else {
                    view! {
                        <ul class="flags">
                            {row.flags.iter().map(|f| view! { <li>{f.describe()}</li> }).collect_view()}
                        </ul>
                    }
                    .into_any()
                };
                view! {
                    <tr class:monitor__row--flagged=flagged>
                        <th scope="row"><a href=href>{row.name}</a></th>
                        <td>{row.district}</td>
                        <td>{row.phase.label()}</td>
                        <td>{row.activation.label()}</td>
                        {cells}
                        <td>{flags}</td>
                    </tr>
                }
            })
            .collect_view();

        view! {
            <p class="no-print">
                <a href="/monitor.csv" download="" rel="external">"Download de tabel als CSV"</a>
                " "
                // Only for those who may import: an area editor was sent to "not found".
                <crate::accounts::pages::CoordinatorLink href="/monitor/import" label="Cijfers importeren"/>
            </p>
            <section aria-labelledby="stand">
                <h2 id="stand">"Stand van zaken"</h2>
                <p>{format!("{total} gebieden, waarvan {flagged} met een signaal. Peildatum {}.", crate::ui::format::dutch_date(&today))}</p>
                <div class="count-groups">
                    <dl class="counts" aria-label="Gebieden per fase">
                        {counts(phase_counts.into_iter().map(|(p, n)| (p.label(), n)).collect())}
                    </dl>
                    <dl class="counts" aria-label="Gebieden per activatie">
                        {counts(activation_counts.into_iter().map(|(a, n)| (a.label(), n)).collect())}
                    </dl>
                </div>
            </section>
            <section aria-labelledby="signalen">
                <h2 id="signalen">"Alle gebieden"</h2>
                <ReferenceSwitch action="/monitor" reference/>
                <details class="rules" open>
                    <summary>"Wanneer krijgt een gebied een signaal?"</summary>
                    <ul>{rules.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul>
                    {(!with_contacts).then(|| view! {
                        <p class="muted">"Coördinatoren zien ook een signaal voor gebieden zonder recent contactmoment."</p>
                    })}
                </details>
                <div class="table-scroll">
                    <table class="monitor-table">
                        <caption>{format!("Kerncijfers met het verloop over de laatste {SPARKLINE_POINTS} metingen, en signalen")}</caption>
                        <thead>
                            <tr>
                                <th scope="col">"Gebied"</th>
                                <th scope="col">"Stadsdeel"</th>
                                <th scope="col">"Fase"</th>
                                <th scope="col">"Activatie"</th>
                                {headers}
                                <th scope="col">"Signalen"</th>
                            </tr>
                        </thead>
                        <tbody>{body}</tbody>
                    </table>
                </div>
            </section>
            <section aria-labelledby="trend">
                <h2 id="trend">"Trend in de hele stad"</h2>
                <div class="chart-grid">{trend}</div>
            </section>
        }
    }
}

//! Opgaves tied to outcomes: an opgave names the indicators it should move and which way,
//! optionally to a target value by a date. From the figures follow the value before the
//! opgave started, the value now, and a verdict the profile and the monitor show.

use super::{format_with_unit, summary::period_words};
use serde::{Deserialize, Serialize};

coded_enum!(
    /// Which way an opgave should move its indicator.
    Intended {
        Decrease = "decrease" => "omlaag",
        Increase = "increase" => "omhoog",
    }
);

/// What the figures say about one link, at the shown precision.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Verdict {
    /// The latest value reached the target.
    GoalReached,
    /// Moved the intended way since before the start.
    Improved,
    /// Stayed the same or moved the other way since before the start.
    NotImproved,
    /// No value from before the start, or none after it: nothing to compare yet.
    NotYetMeasurable,
}

impl Verdict {
    pub fn label(self) -> &'static str {
        match self {
            Verdict::GoalReached => "doel gehaald",
            Verdict::Improved => "verbeterd",
            Verdict::NotImproved => "niet verbeterd",
            Verdict::NotYetMeasurable => "nog niet te beoordelen",
        }
    }
}

/// One opgave–indicator link with the figures around it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Outcome {
    pub indicator_key: String,
    pub label: String,
    pub unit: String,
    pub decimals: u8,
    pub intended: Intended,
    pub target_value: Option<f64>,
    pub target_date: Option<String>,
    /// The last value from before the opgave started (period, value).
    pub before: Option<(String, f64)>,
    /// The latest value.
    pub now: Option<(String, f64)>,
}

impl Outcome {
    fn format(&self, value: f64) -> String {
        format_with_unit(value, self.decimals, &self.unit)
    }

    /// Whether `to` is further the intended way than `from`, at the shown precision.
    fn moved_intended_way(&self, from: f64, to: f64) -> bool {
        let epsilon = super::shown_precision(self.decimals);
        match self.intended {
            Intended::Decrease => from - to >= epsilon,
            Intended::Increase => to - from >= epsilon,
        }
    }

    pub fn verdict(&self) -> Verdict {
        if let (Some(target), Some((_, now))) = (self.target_value, &self.now) {
            let epsilon = super::shown_precision(self.decimals);
            let reached = match self.intended {
                Intended::Decrease => *now <= target + epsilon / 2.0,
                Intended::Increase => *now >= target - epsilon / 2.0,
            };
            if reached {
                return Verdict::GoalReached;
            }
        }
        match (&self.before, &self.now) {
            (Some((before_period, before)), Some((now_period, now)))
                if now_period > before_period =>
            {
                if self.moved_intended_way(*before, *now) {
                    Verdict::Improved
                } else {
                    Verdict::NotImproved
                }
            }
            _ => Verdict::NotYetMeasurable,
        }
    }

    /// The link in words: "Leegstand (verkooppunten) omlaag: 8,2% vóór de start (2023),
    /// nu 7,4% (2025); doel 6,0% in juni 2027 — verbeterd".
    pub fn describe(&self) -> String {
        let mut text = format!("{} {}: ", self.label, self.intended.label());
        let before = self.before.as_ref().map(|(period, value)| {
            format!(
                "{} vóór de start ({})",
                self.format(*value),
                period_words(period)
            )
        });
        let now = self.now.as_ref().map(|(period, value)| {
            format!("nu {} ({})", self.format(*value), period_words(period))
        });
        let figures: Vec<String> = before.into_iter().chain(now).collect();
        if figures.is_empty() {
            text.push_str("nog geen cijfers");
        } else {
            text.push_str(&figures.join(", "));
        }
        if let Some(target) = self.target_value {
            text.push_str(&format!("; doel {}", self.format(target)));
            if let Some(date) = &self.target_date {
                text.push_str(&format!(" op {}", crate::ui::format::dutch_date(date)));
            }
        }
        text.push_str(" — ");
        text.push_str(self.verdict().label());
        text
    }
}

/// The period a date falls in on an axis of years ("2025") or of months ("2025-03").
pub fn period_of(date: &str, monthly: bool) -> &str {
    let len = if monthly { 7 } else { 4 };
    date.get(..len).unwrap_or(date)
}

/// A marker on a chart: where an opgave started or ended.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Milestone {
    /// ISO date.
    pub date: String,
    /// "Start: Gevelfonds opzetten", "Afgerond: Gevelfonds opzetten".
    pub label: String,
}

#[cfg(feature = "ssr")]
pub mod db {
    use super::*;

    /// One link as stored, with its opgave and the figures around it.
    #[derive(Clone, Debug, PartialEq)]
    pub struct LinkRow {
        pub area_id: i64,
        pub opgave_id: i64,
        pub opgave_title: String,
        pub opgave_status: crate::areas::OpgaveStatus,
        pub outcome: Outcome,
    }

    #[derive(sqlx::FromRow)]
    struct Row {
        area_id: i64,
        opgave_id: i64,
        title: String,
        status: String,
        indicator_key: String,
        label: String,
        unit: String,
        decimals: i64,
        intended: String,
        target_value: Option<f64>,
        target_date: Option<String>,
        before: Option<String>,
        now: Option<String>,
    }

    /// One `period=value` from the query (see `areas::db::parse_pairs`).
    fn pair(text: Option<String>) -> Option<(String, f64)> {
        crate::areas::db::parse_pairs(&text?).into_iter().next()
    }

    /// Every link of one area's opgaves (`Some(area)`), or of all live areas (`None`), by
    /// opgave and indicator order. "Before" is the last value of a period that ended before
    /// the opgave started (or, when it has not started, before it was created).
    pub async fn links<'e>(
        executor: impl sqlx::SqliteExecutor<'e>,
        area: Option<i64>,
    ) -> Result<Vec<LinkRow>, sqlx::Error> {
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT o.area_id, o.id AS opgave_id, o.title, o.status, l.indicator_key,
                    d.label, d.unit, d.decimals, l.intended, l.target_value, l.target_date,
                    (SELECT v.period || '=' || v.value FROM indicator_values v
                     WHERE v.area_id = o.area_id AND v.indicator_key = l.indicator_key
                       AND v.period < substr(coalesce(o.started_on, date(o.created_at)), 1, length(v.period))
                     ORDER BY v.period DESC LIMIT 1) AS before,
                    (SELECT v.period || '=' || v.value FROM indicator_values v
                     WHERE v.area_id = o.area_id AND v.indicator_key = l.indicator_key
                     ORDER BY v.period DESC LIMIT 1) AS now
             FROM opgave_indicators l
             JOIN opgaves o ON o.id = l.opgave_id
             JOIN areas a ON a.id = o.area_id
             JOIN indicator_definitions d ON d.key = l.indicator_key
             WHERE (?1 IS NULL AND a.archived_at IS NULL) OR o.area_id = ?1
             ORDER BY o.area_id, o.id, d.position, d.key",
        )
        .bind(area)
        .fetch_all(executor)
        .await?;
        Ok(rows
            .into_iter()
            .filter_map(|row| {
                Some(LinkRow {
                    area_id: row.area_id,
                    opgave_id: row.opgave_id,
                    opgave_title: row.title,
                    opgave_status: crate::areas::OpgaveStatus::from_code(&row.status)?,
                    outcome: Outcome {
                        intended: Intended::from_code(&row.intended)?,
                        indicator_key: row.indicator_key,
                        label: row.label,
                        unit: row.unit,
                        decimals: row.decimals.clamp(0, 3) as u8,
                        target_value: row.target_value,
                        target_date: row.target_date,
                        before: pair(row.before),
                        now: pair(row.now),
                    },
                })
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outcome(
        intended: Intended,
        before: Option<(&str, f64)>,
        now: Option<(&str, f64)>,
        target: Option<f64>,
    ) -> Outcome {
        Outcome {
            indicator_key: "vacancy_outlets".into(),
            label: "Leegstand (verkooppunten)".into(),
            unit: "%".into(),
            decimals: 1,
            intended,
            target_value: target,
            target_date: target.map(|_| "2027-06-30".into()),
            before: before.map(|(p, v)| (p.into(), v)),
            now: now.map(|(p, v)| (p.into(), v)),
        }
    }

    #[test]
    fn verdicts_follow_the_intended_direction() {
        use Intended::*;
        let down = outcome(Decrease, Some(("2023", 8.2)), Some(("2025", 7.4)), None);
        assert_eq!(down.verdict(), Verdict::Improved);
        let up = outcome(Increase, Some(("2023", 8.2)), Some(("2025", 7.4)), None);
        assert_eq!(up.verdict(), Verdict::NotImproved);
        // Equal at the shown precision is not an improvement.
        let same = outcome(Decrease, Some(("2023", 7.42)), Some(("2025", 7.38)), None);
        assert_eq!(same.verdict(), Verdict::NotImproved);
        // Nothing measured after the start, or nothing before it.
        let no_new = outcome(Decrease, Some(("2025", 8.0)), Some(("2025", 8.0)), None);
        assert_eq!(no_new.verdict(), Verdict::NotYetMeasurable);
        let no_before = outcome(Decrease, None, Some(("2025", 8.0)), None);
        assert_eq!(no_before.verdict(), Verdict::NotYetMeasurable);
        // A target reached wins, also without a value from before.
        let goal = outcome(Decrease, None, Some(("2025", 6.0)), Some(6.0));
        assert_eq!(goal.verdict(), Verdict::GoalReached);
        let missed = outcome(
            Decrease,
            Some(("2023", 8.2)),
            Some(("2025", 7.4)),
            Some(6.0),
        );
        assert_eq!(missed.verdict(), Verdict::Improved);
        let up_goal = outcome(
            Increase,
            Some(("2023", 5.0)),
            Some(("2025", 7.4)),
            Some(7.0),
        );
        assert_eq!(up_goal.verdict(), Verdict::GoalReached);
    }

    #[test]
    fn outcome_in_words() {
        let o = outcome(
            Intended::Decrease,
            Some(("2023", 8.2)),
            Some(("2025-03", 7.4)),
            Some(6.0),
        );
        assert_eq!(
            o.describe(),
            "Leegstand (verkooppunten) omlaag: 8,2% vóór de start (2023), nu 7,4% (maart 2025); doel 6,0% op 30 juni 2027 — verbeterd"
        );
        let empty = outcome(Intended::Increase, None, None, None);
        assert_eq!(
            empty.describe(),
            "Leegstand (verkooppunten) omhoog: nog geen cijfers — nog niet te beoordelen"
        );
    }

    #[test]
    fn dates_fall_in_periods() {
        assert_eq!(period_of("2025-03-10", false), "2025");
        assert_eq!(period_of("2025-03-10", true), "2025-03");
    }
}

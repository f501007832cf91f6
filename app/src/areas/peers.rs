//! Peer groups: an area against the areas of its own type (binnensteden, wijkcentra, …).
//! The medians per period live in `indicator_peer_medians` (kept by triggers); the rank of
//! an area is worked out here from its peers' values in the same period.

use super::{format_number, AreaType, Direction};
use serde::{Deserialize, Serialize};

/// Where an area stands among the live areas of its type, in one period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PeerStanding {
    pub area_type: AreaType,
    /// The median of the peers' values (the area itself included).
    pub median: f64,
    /// How many areas of the type have a value in this period.
    pub areas: usize,
    /// 1 is best; equal values share a place ("1, 2, 2, 4"). None for a neutral indicator,
    /// where no order is better, or when the area itself is not among the peers (archived).
    pub rank: Option<usize>,
}

impl PeerStanding {
    /// "3e van 7 wijkcentra", or None without a rank.
    pub fn rank_text(&self) -> Option<String> {
        self.rank
            .map(|rank| format!("{rank}e van {} {}", self.areas, self.area_type.plural()))
    }

    /// "mediaan wijkcentra: 5,2%", given how values are written.
    pub fn median_text(&self, format: impl Fn(f64) -> String) -> String {
        format!(
            "mediaan {}: {}",
            self.area_type.plural(),
            format(self.median)
        )
    }
}

impl AreaType {
    /// The type in the plural, lower case, as in "3e van 7 wijkcentra".
    pub fn plural(self) -> &'static str {
        match self {
            AreaType::CityCentre => "binnensteden",
            AreaType::DistrictCentre => "stadsdeelcentra",
            AreaType::NeighbourhoodCentre => "wijkcentra",
            AreaType::ShoppingStreet => "winkelstraten",
        }
    }
}

/// The median: the middle value, or the mean of the two middle ones. None for no values.
pub fn median(values: &[f64]) -> Option<f64> {
    let mut sorted: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    if sorted.is_empty() {
        return None;
    }
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    Some(if n % 2 == 1 {
        sorted[n / 2]
    } else {
        (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
    })
}

/// The place of `own` among `values` (which include it): one more than the number of values
/// that are strictly better. None for a neutral indicator.
pub fn rank(own: f64, values: &[f64], direction: Direction) -> Option<usize> {
    let better = |other: f64| match direction {
        Direction::LowerIsBetter => other < own,
        Direction::HigherIsBetter => other > own,
        Direction::Neutral => false,
    };
    match direction {
        Direction::Neutral => None,
        _ => Some(1 + values.iter().filter(|v| better(**v)).count()),
    }
}

/// An area's standing from its peers' values in the period of its latest value.
/// `own` is None when the area is not among them (archived): a median, but no rank.
pub fn standing(
    area_type: AreaType,
    own: Option<f64>,
    values: &[f64],
    direction: Direction,
) -> Option<PeerStanding> {
    Some(PeerStanding {
        area_type,
        median: median(values)?,
        areas: values.len(),
        rank: own.and_then(|own| rank(own, values, direction)),
    })
}

/// Whether a value is above, at or below a reference, in words, given the shown precision:
/// "boven", "op" or "onder".
pub fn position_word(value: f64, reference: f64, decimals: u8) -> &'static str {
    let epsilon = super::shown_precision(decimals);
    if (value - reference).abs() < epsilon
        || format_number(value, decimals) == format_number(reference, decimals)
    {
        "op"
    } else if value > reference {
        "boven"
    } else {
        "onder"
    }
}

#[cfg(feature = "ssr")]
pub mod db {
    use super::*;
    use sqlx::SqlitePool;

    /// Per indicator: the area's own latest value and the values of the live areas of its type in that period.
    type PeerValues = Vec<(String, f64, Vec<f64>)>;

    /// Kept under the figures generation: the query gathers every peer's value per
    /// indicator, the profile's most expensive one.
    static PEER_VALUES: crate::areas::db::FiguresCache<(i64, AreaType), PeerValues> =
        crate::areas::db::FiguresCache::new(2_000);

    /// Every peer value in the period of the area's latest value, per indicator:
    /// `(indicator key, own value, the values of the live areas of its type)`.
    pub async fn latest_peer_values(
        pool: &SqlitePool,
        area_id: i64,
        area_type: AreaType,
    ) -> Result<std::sync::Arc<PeerValues>, sqlx::Error> {
        PEER_VALUES
            .get_or_read(pool, (area_id, area_type), || {
                read_latest_peer_values(pool, area_id, area_type)
            })
            .await
    }

    async fn read_latest_peer_values(
        pool: &SqlitePool,
        area_id: i64,
        area_type: AreaType,
    ) -> Result<PeerValues, sqlx::Error> {
        // One row per indicator with all values joined (rows cross threads one by one).
        // Per indicator one probe of the (area, indicator, period) index for the latest
        // value, not a scan of every value the area has.
        let rows: Vec<(String, f64, Option<String>)> = sqlx::query_as(
            "SELECT d.key, cur.value,
                    (SELECT group_concat(v.value, ';') FROM indicator_values v
                     JOIN areas a ON a.id = v.area_id AND a.archived_at IS NULL AND a.area_type = ?2
                     WHERE v.indicator_key = d.key AND v.period = cur.period)
             FROM indicator_definitions d
             JOIN indicator_values cur ON cur.id = (
                 SELECT x.id FROM indicator_values x WHERE x.area_id = ?1 AND x.indicator_key = d.key
                 ORDER BY x.period DESC LIMIT 1)",
        )
        .bind(area_id)
        .bind(area_type.code())
        .fetch_all(pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(key, own, values)| {
                let values = values
                    .unwrap_or_default()
                    .split(';')
                    .filter_map(|v| v.parse().ok())
                    .collect();
                (key, own, values)
            })
            .collect())
    }

    /// Each indicator's peer medians over time for one area type, as "period=value" pairs,
    /// for the periods the area has values in.
    pub async fn median_series(
        pool: &SqlitePool,
        area_id: i64,
        area_type: AreaType,
    ) -> Result<Vec<(String, String)>, sqlx::Error> {
        sqlx::query_as(
            "SELECT m.indicator_key, group_concat(m.period || '=' || m.value, ';')
             FROM indicator_peer_medians m
             WHERE m.area_type = ?2 AND EXISTS (
                 SELECT 1 FROM indicator_values v WHERE v.area_id = ?1
                 AND v.indicator_key = m.indicator_key AND v.period = m.period)
             GROUP BY m.indicator_key",
        )
        .bind(area_id)
        .bind(area_type.code())
        .fetch_all(pool)
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_odd_even_and_empty_lists() {
        assert_eq!(median(&[5.0, 1.0, 3.0]), Some(3.0));
        assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), Some(2.5));
        assert_eq!(median(&[7.0]), Some(7.0));
        assert_eq!(median(&[2.0, 2.0, 2.0, 9.0]), Some(2.0));
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[f64::NAN]), None);
    }

    #[test]
    fn rank_follows_the_direction_and_shares_ties() {
        let vacancy = [6.0, 4.0, 8.0, 4.0, 5.0];
        // Lower vacancy ranks higher; the two 4.0s share first place.
        assert_eq!(rank(4.0, &vacancy, Direction::LowerIsBetter), Some(1));
        assert_eq!(rank(5.0, &vacancy, Direction::LowerIsBetter), Some(3));
        assert_eq!(rank(8.0, &vacancy, Direction::LowerIsBetter), Some(5));
        // Higher footfall ranks higher.
        assert_eq!(rank(8.0, &vacancy, Direction::HigherIsBetter), Some(1));
        assert_eq!(rank(4.0, &vacancy, Direction::HigherIsBetter), Some(4));
        assert_eq!(rank(4.0, &vacancy, Direction::Neutral), None);
    }

    #[test]
    fn standing_in_words() {
        let s = standing(
            AreaType::NeighbourhoodCentre,
            Some(7.4),
            &[5.2, 7.4, 3.0, 9.1, 4.4, 6.0, 5.0],
            Direction::LowerIsBetter,
        )
        .unwrap();
        assert_eq!(s.median, 5.2);
        assert_eq!(s.rank_text().as_deref(), Some("6e van 7 wijkcentra"));
        assert_eq!(
            s.median_text(|v| super::super::format_with_unit(v, 1, "%")),
            "mediaan wijkcentra: 5,2%"
        );
        // Archived: a median, no rank.
        let archived = standing(
            AreaType::CityCentre,
            None,
            &[1.0, 2.0],
            Direction::HigherIsBetter,
        )
        .unwrap();
        assert_eq!((archived.median, archived.rank), (1.5, None));
        assert!(standing(AreaType::CityCentre, Some(1.0), &[], Direction::Neutral).is_none());
        assert_eq!(position_word(7.4, 5.2, 1), "boven");
        assert_eq!(position_word(5.2, 7.4, 1), "onder");
        assert_eq!(position_word(5.21, 5.24, 1), "op");
    }
}

#[cfg(all(test, feature = "ssr"))]
mod db_tests {
    use super::*;
    use sqlx::SqlitePool;

    async fn area(pool: &SqlitePool, slug: &str, area_type: &str) -> i64 {
        sqlx::query("INSERT OR IGNORE INTO districts (name) VALUES ('Noord')")
            .execute(pool)
            .await
            .unwrap();
        sqlx::query_scalar(
            "INSERT INTO areas (slug, name, district, area_type, phase, activation)
             VALUES (?, ?, 'Noord', ?, 'stable', 'energetic') RETURNING id",
        )
        .bind(slug)
        .bind(slug.to_uppercase())
        .bind(area_type)
        .fetch_one(pool)
        .await
        .unwrap()
    }

    async fn value(pool: &SqlitePool, area: i64, key: &str, period: &str, value: f64) {
        sqlx::query(
            "INSERT INTO indicator_values (area_id, indicator_key, period, value) VALUES (?, ?, ?, ?)
             ON CONFLICT (area_id, indicator_key, period) DO UPDATE SET value = excluded.value",
        )
        .bind(area)
        .bind(key)
        .bind(period)
        .bind(value)
        .execute(pool)
        .await
        .unwrap();
    }

    async fn stored_median(
        pool: &SqlitePool,
        key: &str,
        period: &str,
        area_type: &str,
    ) -> Option<(f64, i64)> {
        sqlx::query_as(
            "SELECT value, areas FROM indicator_peer_medians
             WHERE indicator_key = ? AND period = ? AND area_type = ?",
        )
        .bind(key)
        .bind(period)
        .bind(area_type)
        .fetch_optional(pool)
        .await
        .unwrap()
    }

    /// The whole table recomputed from scratch with [`median`], to compare with the triggers.
    async fn recomputed(pool: &SqlitePool) -> Vec<(String, String, String, f64, i64)> {
        let rows: Vec<(String, String, String, f64)> = sqlx::query_as(
            "SELECT v.indicator_key, v.period, a.area_type, v.value FROM indicator_values v
             JOIN areas a ON a.id = v.area_id WHERE a.archived_at IS NULL",
        )
        .fetch_all(pool)
        .await
        .unwrap();
        let mut groups: std::collections::BTreeMap<(String, String, String), Vec<f64>> =
            Default::default();
        for (key, period, area_type, value) in rows {
            groups
                .entry((key, period, area_type))
                .or_default()
                .push(value);
        }
        groups
            .into_iter()
            .map(|((k, p, t), values)| (k, p, t, median(&values).unwrap(), values.len() as i64))
            .collect()
    }

    async fn stored(pool: &SqlitePool) -> Vec<(String, String, String, f64, i64)> {
        sqlx::query_as(
            "SELECT indicator_key, period, area_type, value, areas FROM indicator_peer_medians
             ORDER BY indicator_key, period, area_type",
        )
        .fetch_all(pool)
        .await
        .unwrap()
    }

    #[tokio::test]
    async fn medians_and_ranks_for_hand_made_peer_groups() {
        let pool = crate::db::test_pool().await;
        let w: Vec<i64> = areas_of_type(
            &pool,
            &["w1", "w2", "w3", "w4", "w5"],
            "neighbourhood_centre",
        )
        .await;
        let street = area(&pool, "s1", "shopping_street").await;
        // Odd count with a tie: 4, 4, 5, 6, 8 → median 5.
        for (id, v) in w.iter().zip([6.0, 4.0, 8.0, 4.0, 5.0]) {
            value(&pool, *id, "vacancy_outlets", "2025", v).await;
        }
        value(&pool, street, "vacancy_outlets", "2025", 20.0).await;
        assert_eq!(
            stored_median(&pool, "vacancy_outlets", "2025", "neighbourhood_centre").await,
            Some((5.0, 5))
        );
        assert_eq!(
            stored_median(&pool, "vacancy_outlets", "2025", "shopping_street").await,
            Some((20.0, 1))
        );

        // Ranks, lower vacancy first; the two 4.0s share first place.
        let standing_of = |id: i64| {
            let pool = pool.clone();
            async move {
                let (_, own, values) =
                    db::latest_peer_values(&pool, id, AreaType::NeighbourhoodCentre)
                        .await
                        .unwrap()
                        .iter()
                        .find(|(k, _, _)| k == "vacancy_outlets")
                        .cloned()
                        .unwrap();
                standing(
                    AreaType::NeighbourhoodCentre,
                    Some(own),
                    &values,
                    Direction::LowerIsBetter,
                )
                .unwrap()
            }
        };
        assert_eq!(standing_of(w[1]).await.rank, Some(1));
        assert_eq!(standing_of(w[3]).await.rank, Some(1));
        assert_eq!(standing_of(w[4]).await.rank, Some(3));
        assert_eq!(
            standing_of(w[2]).await.rank_text().as_deref(),
            Some("5e van 5 wijkcentra")
        );

        // Even count after a deletion: 4, 4, 6, 8 → 5; archiving one: 4, 6, 8 → 6.
        sqlx::query("DELETE FROM indicator_values WHERE area_id = ?")
            .bind(w[4])
            .execute(&pool)
            .await
            .unwrap();
        assert_eq!(
            stored_median(&pool, "vacancy_outlets", "2025", "neighbourhood_centre").await,
            Some((5.0, 4))
        );
        sqlx::query("UPDATE areas SET archived_at = '2026-12-01' WHERE id = ?")
            .bind(w[1])
            .execute(&pool)
            .await
            .unwrap();
        assert_eq!(
            stored_median(&pool, "vacancy_outlets", "2025", "neighbourhood_centre").await,
            Some((6.0, 3))
        );
        // A period only one area has: its standing is among that period's values alone.
        value(&pool, w[0], "vacancy_outlets", "2026", 3.0).await;
        value(&pool, w[2], "vacancy_outlets", "2024", 9.0).await;
        assert_eq!(
            stored_median(&pool, "vacancy_outlets", "2026", "neighbourhood_centre").await,
            Some((3.0, 1))
        );
        assert_eq!(standing_of(w[0]).await.areas, 1);
        // A type change moves the area to the other group.
        sqlx::query("UPDATE areas SET area_type = 'shopping_street' WHERE id = ?")
            .bind(w[3])
            .execute(&pool)
            .await
            .unwrap();
        assert_eq!(
            stored_median(&pool, "vacancy_outlets", "2025", "shopping_street").await,
            Some((12.0, 2))
        );
        assert_eq!(stored(&pool).await, recomputed(&pool).await);
    }

    async fn areas_of_type(pool: &SqlitePool, slugs: &[&str], area_type: &str) -> Vec<i64> {
        let mut ids = Vec::new();
        for slug in slugs {
            ids.push(area(pool, slug, area_type).await);
        }
        ids
    }

    #[tokio::test]
    async fn medians_stay_in_sync_through_imports_corrections_and_deletions() {
        let pool = crate::db::test_pool().await;
        let types = [
            "city_centre",
            "district_centre",
            "neighbourhood_centre",
            "shopping_street",
        ];
        let mut ids = Vec::new();
        for i in 0..12 {
            ids.push(area(&pool, &format!("a{i}"), types[i % 3]).await);
        }
        // A fixed pseudo-random walk (no dependency, same every run).
        let mut seed: u64 = 42;
        let mut next = move |n: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % n
        };
        // An import: many values in one transaction, as the CSV import writes them.
        let mut tx = pool.begin().await.unwrap();
        for id in &ids {
            for period in ["2023", "2024", "2025"] {
                sqlx::query("INSERT INTO indicator_values (area_id, indicator_key, period, value) VALUES (?, 'outlets', ?, ?)")
                    .bind(id)
                    .bind(period)
                    .bind(next(50) as f64)
                    .execute(&mut *tx)
                    .await
                    .unwrap();
            }
        }
        tx.commit().await.unwrap();
        assert_eq!(stored(&pool).await, recomputed(&pool).await);
        for _ in 0..150 {
            let id = ids[next(12) as usize];
            let period = ["2023", "2024", "2025"][next(3) as usize];
            match next(5) {
                0 | 1 => value(&pool, id, "outlets", period, next(50) as f64).await,
                2 => {
                    sqlx::query("DELETE FROM indicator_values WHERE area_id = ? AND period = ?")
                        .bind(id)
                        .bind(period)
                        .execute(&pool)
                        .await
                        .unwrap();
                }
                3 => {
                    sqlx::query("UPDATE areas SET area_type = ? WHERE id = ?")
                        .bind(types[next(4) as usize])
                        .bind(id)
                        .execute(&pool)
                        .await
                        .unwrap();
                }
                _ => {
                    sqlx::query("UPDATE areas SET archived_at = CASE WHEN archived_at IS NULL THEN '2026-12-01' END WHERE id = ?")
                        .bind(id)
                        .execute(&pool)
                        .await
                        .unwrap();
                }
            }
        }
        assert_eq!(stored(&pool).await, recomputed(&pool).await);
    }
}

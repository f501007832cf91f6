//! Database functions for areas: plain `async fn(&SqlitePool, …)` so tests can call them.

use super::*;
use sqlx::SqlitePool;

/// A stored code that the app does not know: the schema's CHECK constraints make this
/// a programming error, reported instead of silently shown wrong.
fn decode<T>(kind: &str, code: &str, parse: fn(&str) -> Option<T>) -> Result<T, sqlx::Error> {
    parse(code).ok_or_else(|| sqlx::Error::Decode(format!("unknown {kind} code {code:?}").into()))
}

#[derive(sqlx::FromRow)]
struct SummaryRow {
    slug: String,
    name: String,
    district: String,
    area_type: String,
    phase: String,
    activation: String,
    vacancy_period: Option<String>,
    vacancy_value: Option<f64>,
}

/// Escapes `%`, `_` and `\` so user input matches literally inside a LIKE pattern.
fn like_pattern(query: &str) -> String {
    let mut pattern = String::from("%");
    for ch in query.chars() {
        if matches!(ch, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(ch);
    }
    pattern.push('%');
    pattern
}

/// All areas whose name or district contains `query` (case-insensitive), by name.
pub async fn list_areas(pool: &SqlitePool, query: &str) -> Result<Vec<AreaSummary>, sqlx::Error> {
    let query = query.trim();
    let rows: Vec<SummaryRow> = sqlx::query_as(
        "SELECT a.slug, a.name, a.district, a.area_type, a.phase, a.activation,
                latest.period AS vacancy_period, latest.value AS vacancy_value
         FROM areas a
         LEFT JOIN indicator_values latest ON latest.id = (
             SELECT v.id FROM indicator_values v
             WHERE v.area_id = a.id AND v.indicator_key = 'vacancy_outlets'
             ORDER BY v.period DESC LIMIT 1)
         WHERE ?1 = ''
            OR a.name LIKE ?2 ESCAPE '\\'
            OR a.district LIKE ?2 ESCAPE '\\'
         ORDER BY a.name COLLATE NOCASE",
    )
    .bind(query)
    .bind(like_pattern(query))
    .fetch_all(pool)
    .await?;

    rows.into_iter()
        .map(|row| {
            Ok(AreaSummary {
                area_type: decode("area type", &row.area_type, AreaType::from_code)?,
                phase: decode("phase", &row.phase, Phase::from_code)?,
                activation: decode("activation", &row.activation, Activation::from_code)?,
                vacancy: row.vacancy_period.zip(row.vacancy_value),
                slug: row.slug,
                name: row.name,
                district: row.district,
            })
        })
        .collect()
}

#[derive(sqlx::FromRow)]
struct AreaRow {
    id: i64,
    slug: String,
    name: String,
    district: String,
    area_type: String,
    phase: String,
    activation: String,
    story: String,
    ambition: String,
}

#[derive(sqlx::FromRow)]
struct IndicatorRow {
    key: String,
    label: String,
    unit: String,
    direction: String,
    decimals: i64,
    period: String,
    value: f64,
    source: String,
    previous_period: Option<String>,
    previous_value: Option<f64>,
}

/// The full public profile of one area, or `None` when no area has this slug.
pub async fn area_profile(
    pool: &SqlitePool,
    slug: &str,
) -> Result<Option<AreaProfile>, sqlx::Error> {
    let Some(area): Option<AreaRow> = sqlx::query_as(
        "SELECT id, slug, name, district, area_type, phase, activation, story, ambition
         FROM areas WHERE slug = ?",
    )
    .bind(slug)
    .fetch_optional(pool)
    .await?
    else {
        return Ok(None);
    };

    let opgaves: Vec<(String, String, String, String, Option<String>)> = sqlx::query_as(
        "SELECT o.title, t.label, o.status, o.owner, o.due_date
         FROM opgaves o JOIN themes t ON t.key = o.theme_key
         WHERE o.area_id = ?
         ORDER BY CASE o.status WHEN 'in_progress' THEN 0 WHEN 'open' THEN 1 ELSE 2 END,
                  o.due_date IS NULL, o.due_date, o.title",
    )
    .bind(area.id)
    .fetch_all(pool)
    .await?;

    let stakeholders: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT org.name, s.role, s.description
         FROM stakeholders s JOIN organisations org ON org.id = s.organisation_id
         WHERE s.area_id = ?
         ORDER BY s.role, org.name",
    )
    .bind(area.id)
    .fetch_all(pool)
    .await?;

    let contacts: Vec<(String, String, Option<String>)> = sqlx::query_as(
        "SELECT role, name, email FROM contacts WHERE area_id = ? ORDER BY role, name",
    )
    .bind(area.id)
    .fetch_all(pool)
    .await?;

    let indicators: Vec<IndicatorRow> = sqlx::query_as(
        "WITH ranked AS (
             SELECT indicator_key, period, value, source,
                    ROW_NUMBER() OVER (PARTITION BY indicator_key ORDER BY period DESC) AS rank
             FROM indicator_values WHERE area_id = ?)
         SELECT d.key, d.label, d.unit, d.direction, d.decimals,
                cur.period, cur.value, cur.source,
                prev.period AS previous_period, prev.value AS previous_value
         FROM indicator_definitions d
         JOIN ranked cur ON cur.indicator_key = d.key AND cur.rank = 1
         LEFT JOIN ranked prev ON prev.indicator_key = d.key AND prev.rank = 2
         ORDER BY d.position, d.key",
    )
    .bind(area.id)
    .fetch_all(pool)
    .await?;

    Ok(Some(AreaProfile {
        area_type: decode("area type", &area.area_type, AreaType::from_code)?,
        phase: decode("phase", &area.phase, Phase::from_code)?,
        activation: decode("activation", &area.activation, Activation::from_code)?,
        id: area.id,
        slug: area.slug,
        name: area.name,
        district: area.district,
        story_html: crate::editing::markdown::to_safe_html(&area.story),
        ambition: area.ambition,
        opgaves: opgaves
            .into_iter()
            .map(|(title, theme, status, owner, due_date)| {
                Ok(Opgave {
                    status: decode("opgave status", &status, OpgaveStatus::from_code)?,
                    title,
                    theme,
                    owner,
                    due_date,
                })
            })
            .collect::<Result<_, sqlx::Error>>()?,
        stakeholders: stakeholders
            .into_iter()
            .map(|(organisation, role, description)| {
                Ok(Stakeholder {
                    role: decode("stakeholder role", &role, StakeholderRole::from_code)?,
                    organisation,
                    description,
                })
            })
            .collect::<Result<_, sqlx::Error>>()?,
        contacts: contacts
            .into_iter()
            .map(|(role, name, email)| {
                Ok(Contact {
                    role: decode("contact role", &role, ContactRole::from_code)?,
                    name,
                    email,
                })
            })
            .collect::<Result<_, sqlx::Error>>()?,
        indicators: indicators
            .into_iter()
            .map(|row| {
                Ok(IndicatorLatest {
                    direction: decode("direction", &row.direction, Direction::from_code)?,
                    decimals: row.decimals.clamp(0, 3) as u8,
                    previous: row.previous_period.zip(row.previous_value),
                    key: row.key,
                    label: row.label,
                    unit: row.unit,
                    period: row.period,
                    value: row.value,
                    source: row.source,
                })
            })
            .collect::<Result<_, sqlx::Error>>()?,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn fresh_pool() -> SqlitePool {
        crate::db::test_pool().await
    }

    async fn insert_area(pool: &SqlitePool, slug: &str, name: &str, district: &str) -> i64 {
        sqlx::query(
            "INSERT INTO areas (slug, name, district, area_type, phase, activation, story)
             VALUES (?, ?, ?, 'shopping_street', 'build_up', 'energetic', 'Een verhaal.')",
        )
        .bind(slug)
        .bind(name)
        .bind(district)
        .execute(pool)
        .await
        .unwrap()
        .last_insert_rowid()
    }

    async fn insert_value(pool: &SqlitePool, area: i64, key: &str, period: &str, value: f64) {
        sqlx::query(
            "INSERT INTO indicator_values (area_id, indicator_key, period, value, source)
             VALUES (?, ?, ?, ?, 'test')",
        )
        .bind(area)
        .bind(key)
        .bind(period)
        .bind(value)
        .execute(pool)
        .await
        .unwrap();
    }

    #[tokio::test]
    async fn list_shows_latest_vacancy_and_filters_by_name_or_district() {
        let pool = fresh_pool().await;
        let linden = insert_area(&pool, "lindenplein", "Lindenplein", "Noord").await;
        insert_area(&pool, "havenstraat", "Havenstraat", "West").await;
        insert_value(&pool, linden, "vacancy_outlets", "2023", 9.5).await;
        insert_value(&pool, linden, "vacancy_outlets", "2025", 7.25).await;
        insert_value(&pool, linden, "vacancy_outlets", "2024", 8.0).await;

        let all = list_areas(&pool, "").await.unwrap();
        assert_eq!(
            all.iter().map(|a| a.slug.as_str()).collect::<Vec<_>>(),
            ["havenstraat", "lindenplein"]
        );
        assert_eq!(all[1].vacancy, Some(("2025".to_string(), 7.25)));
        assert_eq!(all[0].vacancy, None);

        let by_name = list_areas(&pool, "LINDEN").await.unwrap();
        assert_eq!(by_name.len(), 1);
        let by_district = list_areas(&pool, " west ").await.unwrap();
        assert_eq!(by_district[0].slug, "havenstraat");
        // LIKE wildcards in the query are taken literally.
        assert!(list_areas(&pool, "%").await.unwrap().is_empty());
        assert!(list_areas(&pool, "_").await.unwrap().is_empty());
    }

    #[tokio::test]
    async fn profile_holds_latest_and_previous_indicator_values() {
        let pool = fresh_pool().await;
        let area = insert_area(&pool, "lindenplein", "Lindenplein", "Noord").await;
        insert_value(&pool, area, "footfall", "2024", 12000.0).await;
        insert_value(&pool, area, "footfall", "2025", 13500.0).await;
        insert_value(&pool, area, "rating", "2025", 7.1).await;
        sqlx::query(
            "INSERT INTO opgaves (area_id, title, theme_key, status, owner, due_date)
             VALUES (?, 'Gevelfonds opzetten', 'vacancy', 'open', 'BIZ', '2026-06-01'),
                    (?, 'Groene pleinen', 'public_space', 'in_progress', 'Gemeente', NULL)",
        )
        .bind(area)
        .bind(area)
        .execute(&pool)
        .await
        .unwrap();

        let profile = area_profile(&pool, "lindenplein").await.unwrap().unwrap();
        assert_eq!(profile.name, "Lindenplein");
        let footfall = profile
            .indicators
            .iter()
            .find(|i| i.key == "footfall")
            .unwrap();
        assert_eq!(footfall.period, "2025");
        assert_eq!(footfall.value, 13500.0);
        assert_eq!(footfall.previous, Some(("2024".to_string(), 12000.0)));
        let rating = profile
            .indicators
            .iter()
            .find(|i| i.key == "rating")
            .unwrap();
        assert_eq!(rating.previous, None);
        // Indicators without values are left out.
        assert_eq!(profile.indicators.len(), 2);
        // In-progress opgaves come first, with the theme's Dutch label.
        assert_eq!(profile.opgaves[0].title, "Groene pleinen");
        assert_eq!(profile.opgaves[0].theme, "Openbare ruimte");
        assert_eq!(profile.opgaves[1].status, OpgaveStatus::Open);
    }

    #[tokio::test]
    async fn unknown_slug_is_none() {
        let pool = fresh_pool().await;
        assert!(area_profile(&pool, "bestaat-niet").await.unwrap().is_none());
    }
}

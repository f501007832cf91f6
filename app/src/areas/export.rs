//! CSV downloads (server only): an area's indicator values, in the format the import reads,
//! and the monitor table. Written for Dutch Excel by `csv::write_csv`.

use super::csv::{excel_number, write_csv};
use sqlx::SqlitePool;

/// `(file name, CSV text)` of all indicator values of one area, or None for an unknown slug.
pub async fn area_indicators(
    pool: &SqlitePool,
    slug: &str,
) -> Result<Option<(String, String)>, sqlx::Error> {
    let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM areas WHERE slug = ?")
        .bind(slug)
        .fetch_optional(pool)
        .await?;
    let Some(area_id) = exists else {
        return Ok(None);
    };
    let rows: Vec<(String, String, String, f64, i64, String)> = sqlx::query_as(
        "SELECT v.indicator_key, d.label, v.period, v.value, d.decimals, v.source
         FROM indicator_values v JOIN indicator_definitions d ON d.key = v.indicator_key
         WHERE v.area_id = ? ORDER BY d.position, v.period",
    )
    .bind(area_id)
    .fetch_all(pool)
    .await?;
    let rows: Vec<Vec<String>> = rows
        .into_iter()
        .map(|(key, label, period, value, decimals, source)| {
            vec![
                slug.to_string(),
                key,
                label,
                period,
                // One decimal more than shown, so a round trip keeps the stored value.
                excel_number(value, (decimals.clamp(0, 3) + 1) as u8),
                source,
            ]
        })
        .collect();
    let text = write_csv(
        &[
            "gebied",
            "indicator",
            "indicator_naam",
            "periode",
            "waarde",
            "bron",
        ],
        &rows,
    );
    Ok(Some((format!("kernpunt-{slug}-cijfers.csv"), text)))
}

/// The monitor table as CSV, as the public sees it (without the contact rule).
pub async fn monitor_table(pool: &SqlitePool) -> Result<String, sqlx::Error> {
    let overview =
        super::monitor::db::overview(pool, false, super::monitor::Reference::City).await?;
    let mut header: Vec<String> = ["gebied", "naam", "stadsdeel", "fase", "activatie"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    for definition in &overview.key_indicators {
        header.push(definition.label.clone());
        header.push(format!("{} (periode)", definition.label));
    }
    header.push("signalen".into());
    let rows: Vec<Vec<String>> = overview
        .rows
        .iter()
        .map(|row| {
            let mut cells = vec![
                row.slug.clone(),
                row.name.clone(),
                row.district.clone(),
                row.phase.label().to_string(),
                row.activation.label().to_string(),
            ];
            for ((latest, _), definition) in row.key.iter().zip(&overview.key_indicators) {
                match latest {
                    Some((period, value)) => {
                        cells.push(excel_number(*value, definition.decimals));
                        cells.push(period.clone());
                    }
                    None => cells.extend([String::new(), String::new()]),
                }
            }
            cells.push(
                row.flags
                    .iter()
                    .map(|f| f.describe())
                    .collect::<Vec<_>>()
                    .join(" | "),
            );
            cells
        })
        .collect();
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    Ok(write_csv(&header, &rows))
}

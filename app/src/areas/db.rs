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
    id: i64,
    slug: String,
    name: String,
    district: String,
    area_type: String,
    phase: String,
    activation: String,
    open_themes: Option<String>,
}

#[derive(sqlx::FromRow)]
struct DefinitionRow {
    key: String,
    label: String,
    unit: String,
    direction: String,
    decimals: i64,
    is_key: bool,
}

/// Every indicator definition in use (not retired), in display order.
pub async fn indicator_definitions(
    pool: &SqlitePool,
) -> Result<Vec<IndicatorDefinition>, sqlx::Error> {
    definitions(pool, "WHERE retired_at IS NULL").await
}

/// Every indicator definition, retired ones too (their values are kept).
pub async fn indicator_definitions_all(
    pool: &SqlitePool,
) -> Result<Vec<IndicatorDefinition>, sqlx::Error> {
    definitions(pool, "").await
}

async fn definitions(
    pool: &SqlitePool,
    condition: &str,
) -> Result<Vec<IndicatorDefinition>, sqlx::Error> {
    let rows: Vec<DefinitionRow> = sqlx::query_as(&format!(
        "SELECT key, label, unit, direction, decimals, is_key
         FROM indicator_definitions {condition} ORDER BY position, key"
    ))
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(|row| {
            Ok(IndicatorDefinition {
                direction: decode("direction", &row.direction, Direction::from_code)?,
                decimals: row.decimals.clamp(0, 3) as u8,
                key: row.key,
                label: row.label,
                unit: row.unit,
                is_key: row.is_key,
            })
        })
        .collect()
}

/// Every area with its latest key indicator values, by name. (Tens of areas: filtering and
/// sorting happen in `list::apply_filter`, where they are easy to test.)
pub async fn area_summaries(pool: &SqlitePool) -> Result<Vec<AreaSummary>, sqlx::Error> {
    let rows: Vec<SummaryRow> = sqlx::query_as(
        "SELECT a.id, a.slug, a.name, a.district, a.area_type, a.phase, a.activation,
                (SELECT group_concat(DISTINCT o.theme_key) FROM opgaves o
                 WHERE o.area_id = a.id AND o.status <> 'done') AS open_themes
         FROM areas a WHERE a.archived_at IS NULL ORDER BY a.name COLLATE NOCASE",
    )
    .fetch_all(pool)
    .await?;
    let key_values = latest_key_values(pool).await?;
    rows.into_iter()
        .map(|row| {
            Ok(AreaSummary {
                area_type: decode("area type", &row.area_type, AreaType::from_code)?,
                phase: decode("phase", &row.phase, Phase::from_code)?,
                activation: decode("activation", &row.activation, Activation::from_code)?,
                open_themes: row
                    .open_themes
                    .map(|t| t.split(',').map(str::to_string).collect())
                    .unwrap_or_default(),
                key_values: key_values.get(&row.id).cloned().unwrap_or_default(),
                id: row.id,
                slug: row.slug,
                name: row.name,
                district: row.district,
            })
        })
        .collect()
}

/// The latest and previous value of each key indicator per area, in the indicators' order.
type KeyValuesByArea = std::collections::HashMap<i64, Vec<KeyValue>>;

/// Kept under the figures generation (see [`FiguresCache`]): the query probes two values per
/// area and key indicator, a millisecond for 70 areas, on every list and monitor.
static KEY_VALUES: FiguresCache<(), KeyValuesByArea> = FiguresCache::new(1);

async fn latest_key_values(
    pool: &SqlitePool,
) -> Result<std::sync::Arc<KeyValuesByArea>, sqlx::Error> {
    KEY_VALUES
        .get_or_read(pool, (), || async {
            // Index probes, not a sort of every stored value.
            let values: Vec<(i64, String, String, f64, Option<f64>)> = sqlx::query_as(
                "SELECT a.id, d.key, cur.period, cur.value, prev.value
                 FROM areas a
                 JOIN indicator_definitions d ON d.is_key = 1 AND d.retired_at IS NULL
                 JOIN indicator_values cur ON cur.id = (
                     SELECT v.id FROM indicator_values v WHERE v.area_id = a.id AND v.indicator_key = d.key
                     ORDER BY v.period DESC LIMIT 1)
                 LEFT JOIN indicator_values prev ON prev.id = (
                     SELECT v.id FROM indicator_values v WHERE v.area_id = a.id AND v.indicator_key = d.key
                     ORDER BY v.period DESC LIMIT 1 OFFSET 1)
                 ORDER BY d.position, d.key",
            )
            .fetch_all(pool)
            .await?;
            let mut by_area = KeyValuesByArea::default();
            for (area_id, key, period, value, previous) in values {
                by_area.entry(area_id).or_default().push(KeyValue {
                    key,
                    period,
                    value,
                    previous,
                });
            }
            Ok(by_area)
        })
        .await
}

/// Theme keys and labels of the themes in use (forms offer only these), in display order.
pub async fn themes<'e>(
    executor: impl sqlx::SqliteExecutor<'e>,
) -> Result<Vec<(String, String)>, sqlx::Error> {
    sqlx::query_as("SELECT key, label FROM themes WHERE retired_at IS NULL ORDER BY position, key")
        .fetch_all(executor)
        .await
}

/// The area list for a filter from the URL: matching areas, filter choices, ignored values.
pub async fn list_areas(
    pool: &SqlitePool,
    filter: &super::list::AreaFilter,
) -> Result<super::list::AreaListing, sqlx::Error> {
    let all = area_summaries(pool).await?;
    let super::list::AreaListing {
        key_indicators,
        districts,
        themes,
        ..
    } = area_filter_choices(pool).await?;
    let mut ignored = Vec::new();
    let checked =
        super::list::check_filter(filter, &districts, &themes, &key_indicators, &mut ignored);
    let total = all.len();
    Ok(super::list::AreaListing {
        areas: super::list::apply_filter(all, &checked),
        total,
        key_indicators,
        districts,
        themes,
        ignored,
    })
}

/// What the list's filter form offers (key indicators, districts, themes), without areas.
pub async fn area_filter_choices(
    pool: &SqlitePool,
) -> Result<super::list::AreaListing, sqlx::Error> {
    Ok(super::list::AreaListing {
        areas: Vec::new(),
        total: 0,
        key_indicators: indicator_definitions(pool)
            .await?
            .into_iter()
            .filter(|d| d.is_key)
            .collect(),
        districts: crate::programme::districts::names(pool).await?,
        themes: themes(pool).await?,
        ignored: Vec::new(),
    })
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
    archived: bool,
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
    city: Option<f64>,
    is_key: bool,
}

/// The full public profile of one area, or `None` when no area has this slug.
pub async fn area_profile(
    pool: &SqlitePool,
    slug: &str,
) -> Result<Option<AreaProfile>, sqlx::Error> {
    // One connection for the whole profile: every query through the pool hands the
    // connection back with a round trip to its thread (sqlx pings it), which cost more than
    // most of these small queries.
    let mut conn = pool.acquire().await?;
    let Some(area): Option<AreaRow> = sqlx::query_as(
        "SELECT id, slug, name, district, area_type, phase, activation, story, ambition,
                archived_at IS NOT NULL AS archived
         FROM areas WHERE slug = ?",
    )
    .bind(slug)
    .fetch_optional(&mut *conn)
    .await?
    else {
        return Ok(None);
    };

    type OpgaveRow = (
        i64,
        String,
        String,
        String,
        String,
        Option<String>,
        bool,
        Option<String>,
        Option<String>,
        Option<i64>,
    );
    let opgaves: Vec<OpgaveRow> = sqlx::query_as(
        "SELECT o.id, o.title, t.label, o.status, o.owner, o.due_date,
                o.status <> 'done' AND o.due_date < date('now') AS overdue,
                o.started_on, o.finished_on,
                (SELECT p.id FROM proposals p WHERE p.opgave_id = o.id AND p.status = 'adopted') AS proposal
         FROM opgaves o JOIN themes t ON t.key = o.theme_key
         WHERE o.area_id = ?
         ORDER BY CASE o.status WHEN 'in_progress' THEN 0 WHEN 'open' THEN 1 ELSE 2 END,
                  o.due_date IS NULL, o.due_date, o.title",
    )
    .bind(area.id)
    .fetch_all(&mut *conn)
    .await?;
    let links = super::outcomes::db::links(&mut *conn, Some(area.id)).await?;

    type StakeholderRow = (
        String,
        String,
        String,
        String,
        Option<String>,
        Option<String>,
        Option<i64>,
    );
    let stakeholders: Vec<StakeholderRow> = sqlx::query_as(
        "SELECT org.name, s.role, s.description, org.kind, org.term_start, org.term_end, org.annual_budget_eur
         FROM stakeholders s JOIN organisations org ON org.id = s.organisation_id
         WHERE s.area_id = ?
         ORDER BY s.role, org.name",
    )
    .bind(area.id)
    .fetch_all(&mut *conn)
    .await?;

    let contacts: Vec<(String, String, Option<String>)> = sqlx::query_as(
        "SELECT role, name, email FROM contacts WHERE area_id = ? ORDER BY role, name",
    )
    .bind(area.id)
    .fetch_all(&mut *conn)
    .await?;

    // Latest and previous value per indicator through the (area, indicator, period) unique
    // index: two index probes each, however many months of data an area has.
    let indicators: Vec<IndicatorRow> = sqlx::query_as(
        "SELECT d.key, d.label, d.unit, d.direction, d.decimals,
                cur.period, cur.value, cur.source,
                prev.period AS previous_period, prev.value AS previous_value,
                city.value AS city, d.is_key
         FROM indicator_definitions d
         JOIN indicator_values cur ON cur.id = (
             SELECT v.id FROM indicator_values v WHERE v.area_id = ?1 AND v.indicator_key = d.key
             ORDER BY v.period DESC LIMIT 1)
         AND d.on_profile = 1 AND d.retired_at IS NULL
         LEFT JOIN indicator_values prev ON prev.id = (
             SELECT v.id FROM indicator_values v WHERE v.area_id = ?1 AND v.indicator_key = d.key
             ORDER BY v.period DESC LIMIT 1 OFFSET 1)
         LEFT JOIN indicator_city_averages city
             ON city.indicator_key = d.key AND city.period = cur.period
         ORDER BY d.position, d.key",
    )
    .bind(area.id)
    .fetch_all(&mut *conn)
    .await?;

    let stuurwiel = latest_stuurwiel(&mut conn, area.id).await?;
    let proposals: Vec<(i64, String, i64)> = sqlx::query_as(
        "SELECT p.id, p.title,
                (SELECT count(*) FROM proposal_supports s WHERE s.proposal_id = p.id AND s.confirmed_at IS NOT NULL) AS supports
         FROM proposals p
         WHERE p.area_id = ? AND p.status = 'open' AND p.confirmed_at IS NOT NULL AND p.hidden = 0
         ORDER BY supports DESC, p.id DESC LIMIT 3",
    )
    .bind(area.id)
    .fetch_all(&mut *conn)
    .await?;
    // Handed back before the figures are read through the pool: holding one connection
    // while waiting for another could leave every request waiting when all are taken.
    drop(conn);

    let area_type = decode("area type", &area.area_type, AreaType::from_code)?;
    let indicator_keys: Vec<&str> = indicators.iter().map(|i| i.key.as_str()).collect();
    let (series, raw) = series_of(pool, area.id, Some(area_type), &indicator_keys).await?;
    let peer_values = super::peers::db::latest_peer_values(pool, area.id, area_type).await?;

    let is_key: Vec<bool> = indicators.iter().map(|row| row.is_key).collect();
    let indicators = indicators
        .into_iter()
        .map(|row| {
            let direction = decode("direction", &row.direction, Direction::from_code)?;
            let peer = peer_values
                .iter()
                .find(|(key, _, _)| *key == row.key)
                .and_then(|(_, own, values)| {
                    let own = (!area.archived).then_some(*own);
                    super::peers::standing(area_type, own, values, direction)
                });
            Ok(IndicatorLatest {
                direction,
                decimals: row.decimals.clamp(0, 3) as u8,
                previous: row.previous_period.zip(row.previous_value),
                key: row.key,
                label: row.label,
                unit: row.unit,
                period: row.period,
                value: row.value,
                source: row.source,
                city: row.city,
                peer,
            })
        })
        .collect::<Result<Vec<IndicatorLatest>, sqlx::Error>>()?;
    let opgaves: Vec<Opgave> = opgaves
        .into_iter()
        .map(
            |(
                id,
                title,
                theme,
                status,
                owner,
                due_date,
                overdue,
                started_on,
                finished_on,
                proposal,
            )| {
                let outcomes = links
                    .iter()
                    .filter(|link| link.opgave_id == id)
                    .map(|link| link.outcome.clone())
                    .collect();
                Ok(Opgave {
                    status: decode("opgave status", &status, OpgaveStatus::from_code)?,
                    id,
                    title,
                    theme,
                    owner,
                    due_date,
                    overdue,
                    started_on,
                    finished_on,
                    outcomes,
                    proposal,
                })
            },
        )
        .collect::<Result<_, sqlx::Error>>()?;

    let summary = super::summary::sentences(&super::summary::SummaryInput {
        area_name: area.name.clone(),
        area_type,
        indicators: indicators
            .iter()
            .zip(raw)
            .zip(is_key)
            .map(|((i, points), is_key)| super::summary::SummaryIndicator {
                label: i.label.clone(),
                unit: i.unit.clone(),
                decimals: i.decimals,
                direction: i.direction,
                is_key,
                points,
                peer: i.peer.clone(),
            })
            .collect(),
        overdue: opgaves
            .iter()
            .filter(|o| o.overdue)
            .map(|o| o.title.clone())
            .collect(),
        opgave_counts: (
            opgaves
                .iter()
                .filter(|o| o.status == OpgaveStatus::Open)
                .count(),
            opgaves
                .iter()
                .filter(|o| o.status == OpgaveStatus::InProgress)
                .count(),
            opgaves
                .iter()
                .filter(|o| o.status == OpgaveStatus::Done)
                .count(),
        ),
    });

    Ok(Some(AreaProfile {
        proposals,
        series,
        stuurwiel,
        summary,
        indicators,
        opgaves,
        area_type,
        phase: decode("phase", &area.phase, Phase::from_code)?,
        activation: decode("activation", &area.activation, Activation::from_code)?,
        archived: area.archived,
        id: area.id,
        slug: area.slug,
        name: area.name,
        district: area.district,
        story_html: crate::editing::markdown::to_safe_html(&area.story),
        ambition: area.ambition,
        stakeholders: stakeholders
            .into_iter()
            .map(
                |(organisation, role, description, kind, start, end, budget)| {
                    let kind = crate::programme::organisations::OrganisationKind::from_code(&kind)
                        .map(|k| k.label())
                        .unwrap_or("");
                    Ok(Stakeholder {
                        role: decode("stakeholder role", &role, StakeholderRole::from_code)?,
                        about: organisation_about(kind, (start.as_deref(), end.as_deref()), budget),
                        organisation,
                        description,
                    })
                },
            )
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
    }))
}

/// One area's stored series, parsed: its own values, the city averages and (for a peer
/// group) the peer medians over its periods, per indicator.
#[derive(Default)]
struct StoredSeries {
    own: Vec<(String, Vec<(String, f64)>)>,
    city: Vec<(String, Vec<(String, f64)>)>,
    peer: Vec<(String, Vec<(String, f64)>)>,
}

/// A profile's series, read and shaped once per change of the figures (see
/// [`FiguresCache`]), per area, peer group and the indicators asked for. Formatting ten years
/// of values as text in SQLite and parsing them again was a third of a profile's cost. At
/// most 2,000 entries (a city has tens to a few hundred areas).
static SERIES: FiguresCache<(i64, Option<AreaType>, Vec<String>), ShapedSeries> =
    FiguresCache::new(2_000);

/// A profile's series shaped for its charts, and as stored (see [`series_of`]).
type ShapedSeries = (Vec<IndicatorSeries>, Vec<Vec<(String, f64)>>);

/// Which database this is and how often its figures changed (migration
/// `figures_generation`): what is derived from figures alone may be kept under this.
pub(crate) async fn figures_generation(pool: &SqlitePool) -> Result<(Vec<u8>, i64), sqlx::Error> {
    sqlx::query_as(
        "SELECT (SELECT value FROM site_secrets WHERE name = 'database_id'),
                (SELECT generation FROM data_changes WHERE name = 'indicator_values')",
    )
    .fetch_one(pool)
    .await
}

/// Values derived from figures alone, kept per database and key until the figures change
/// (see [`figures_generation`]); emptied when full.
pub(crate) struct FiguresCache<K, V> {
    entries: std::sync::OnceLock<
        std::sync::Mutex<std::collections::HashMap<(Vec<u8>, K), (i64, std::sync::Arc<V>)>>,
    >,
    max: usize,
}

impl<K: Eq + std::hash::Hash, V> FiguresCache<K, V> {
    pub(crate) const fn new(max: usize) -> Self {
        FiguresCache {
            entries: std::sync::OnceLock::new(),
            max,
        }
    }

    /// The kept value for `key`, or what `read` reads now (and is kept).
    pub(crate) async fn get_or_read<F, Fut>(
        &self,
        pool: &SqlitePool,
        key: K,
        read: F,
    ) -> Result<std::sync::Arc<V>, sqlx::Error>
    where
        F: FnOnce() -> Fut,
        Fut: std::future::Future<Output = Result<V, sqlx::Error>>,
    {
        // The generation first, then the data: a change in between makes the next request
        // read again, never keeps old data under a new generation.
        let (database, generation) = figures_generation(pool).await?;
        let key = (database, key);
        let entries = self.entries.get_or_init(Default::default);
        if let Some((at, kept)) = entries.lock().unwrap_or_else(|e| e.into_inner()).get(&key) {
            if *at == generation {
                return Ok(kept.clone());
            }
        }
        let value = std::sync::Arc::new(read().await?);
        let mut entries = entries.lock().unwrap_or_else(|e| e.into_inner());
        if entries.len() >= self.max {
            entries.clear();
        }
        entries.insert(key, (generation, value.clone()));
        Ok(value)
    }
}

/// `group_concat` rows of "period=value" pairs per key, parsed (see [`parse_pairs`]).
pub(crate) fn parsed_pairs<K>(rows: Vec<(K, String)>) -> Vec<(K, Vec<(String, f64)>)> {
    rows.into_iter()
        .map(|(key, pairs)| (key, parse_pairs(&pairs)))
        .collect()
}

async fn read_series(
    pool: &SqlitePool,
    area_id: i64,
    peers: Option<AreaType>,
) -> Result<StoredSeries, sqlx::Error> {
    // One row per indicator with all its "period=value" pairs: sqlx hands rows over one
    // by one between threads, so ten years of months as rows would cost more than the query.
    let own: Vec<(String, String)> = sqlx::query_as(
        "SELECT indicator_key, group_concat(period || '=' || value, ';')
         FROM indicator_values WHERE area_id = ? GROUP BY indicator_key",
    )
    .bind(area_id)
    .fetch_all(pool)
    .await?;
    // Only the periods this area has: the average line spans the same stretch of time.
    let city: Vec<(String, String)> = sqlx::query_as(
        "SELECT c.indicator_key, group_concat(c.period || '=' || c.value, ';')
         FROM indicator_city_averages c
         WHERE EXISTS (SELECT 1 FROM indicator_values v WHERE v.area_id = ?
                       AND v.indicator_key = c.indicator_key AND v.period = c.period)
         GROUP BY c.indicator_key",
    )
    .bind(area_id)
    .fetch_all(pool)
    .await?;
    let peer = match peers {
        Some(area_type) => super::peers::db::median_series(pool, area_id, area_type).await?,
        None => Vec::new(),
    };
    Ok(StoredSeries {
        own: parsed_pairs(own),
        city: parsed_pairs(city),
        peer: parsed_pairs(peer),
    })
}

/// Each indicator's values for one area with the city average (and the peer median when
/// `peers` names the area's type) beside them, shaped for a chart (see
/// `series::chart_points`), in the order of `keys`; and each indicator's values as stored,
/// for the summary.
async fn series_of(
    pool: &SqlitePool,
    area_id: i64,
    peers: Option<AreaType>,
    keys: &[&str],
) -> Result<ShapedSeries, sqlx::Error> {
    // Kept shaped (yearly averages worked out), not only as read: the shaping was most
    // of what a profile still computed per request.
    Ok((*shaped_series(pool, area_id, peers, keys).await?).clone())
}

async fn shaped_series(
    pool: &SqlitePool,
    area_id: i64,
    peers: Option<AreaType>,
    keys: &[&str],
) -> Result<std::sync::Arc<ShapedSeries>, sqlx::Error> {
    let key = (area_id, peers, keys.iter().map(|k| k.to_string()).collect());
    SERIES
        .get_or_read(pool, key, || async {
            Ok(shape_series(
                &read_series(pool, area_id, peers).await?,
                keys,
            ))
        })
        .await
}

fn shape_series(stored: &StoredSeries, keys: &[&str]) -> ShapedSeries {
    let pick = |rows: &[(String, Vec<(String, f64)>)], key: &str| -> Vec<(String, f64)> {
        rows.iter()
            .find(|(k, _)| k == key)
            .map(|(_, pairs)| pairs.clone())
            .unwrap_or_default()
    };
    let (own, city, peer) = (&stored.own, &stored.city, &stored.peer);
    let mut raw = Vec::with_capacity(keys.len());
    let series = keys
        .iter()
        .map(|key| {
            let stored = pick(own, key);
            let (points, yearly_average) =
                super::series::chart_points(&stored, super::series::MAX_CHART_POINTS);
            raw.push(stored);
            let (city, _) =
                super::series::chart_points(&pick(city, key), super::series::MAX_CHART_POINTS);
            let (peer, _) =
                super::series::chart_points(&pick(peer, key), super::series::MAX_CHART_POINTS);
            IndicatorSeries {
                key: key.to_string(),
                points,
                city,
                peer,
                yearly_average,
            }
        })
        .collect();
    (series, raw)
}

/// Reads `"2024=7.5;2025=6.25"` (from `group_concat`) as points sorted by period.
pub fn parse_pairs(text: &str) -> Vec<(String, f64)> {
    let mut points: Vec<(String, f64)> = text
        .split(';')
        .filter_map(|pair| {
            let (period, value) = pair.split_once('=')?;
            Some((period.to_string(), value.parse().ok()?))
        })
        .collect();
    points.sort_by(|a, b| a.0.cmp(&b.0));
    points
}

/// The latest two assessments of an area on the active framework, if it has any.
pub async fn latest_stuurwiel(
    conn: &mut sqlx::SqliteConnection,
    area_id: i64,
) -> Result<Option<StuurwielView>, sqlx::Error> {
    // The active framework with its segments in one query, the two latest rounds with their
    // scores in another: each query is a round trip to the connection's thread.
    type FrameworkRow = (
        i64,
        String,
        i64,
        i64,
        Option<i64>,
        Option<String>,
        Option<String>,
    );
    let rows: Vec<FrameworkRow> = sqlx::query_as(
        "SELECT f.id, f.name, f.scale_min, f.scale_max, s.id, s.name, s.description
         FROM stuurwiel_frameworks f
         LEFT JOIN stuurwiel_segments s ON s.framework_id = f.id
         WHERE f.id = (SELECT id FROM stuurwiel_frameworks WHERE is_active = 1 ORDER BY id LIMIT 1)
         ORDER BY s.position, s.id",
    )
    .fetch_all(&mut *conn)
    .await?;
    let Some((framework_id, framework, scale_min, scale_max, ..)) = rows.first().cloned() else {
        return Ok(None);
    };
    let segments: Vec<(i64, String, String)> = rows
        .into_iter()
        .filter_map(|(.., id, name, description)| {
            Some((
                id?,
                name.unwrap_or_default(),
                description.unwrap_or_default(),
            ))
        })
        .collect();
    type ScoreRow = (
        i64,
        String,
        String,
        String,
        Option<i64>,
        Option<i64>,
        Option<String>,
    );
    let scored: Vec<ScoreRow> = sqlx::query_as(
        "SELECT r.id, r.assessed_on, r.assessed_by, r.note, sc.segment_id, sc.score, sc.note
         FROM (SELECT id, assessed_on, assessed_by, note FROM stuurwiel_assessments
               WHERE area_id = ? AND framework_id = ? ORDER BY assessed_on DESC, id DESC LIMIT 2) r
         LEFT JOIN stuurwiel_scores sc ON sc.assessment_id = r.id
         ORDER BY r.assessed_on DESC, r.id DESC",
    )
    .bind(area_id)
    .bind(framework_id)
    .fetch_all(&mut *conn)
    .await?;
    // Rows of one round follow each other; a round keeps its place (latest first).
    let mut rounds: Vec<(i64, String, String, String, Vec<(i64, i64, String)>)> = Vec::new();
    for (id, assessed_on, assessed_by, note, segment_id, score, score_note) in scored {
        if rounds.last().map(|round| round.0) != Some(id) {
            rounds.push((id, assessed_on, assessed_by, note, Vec::new()));
        }
        if let (Some(segment_id), Some(score), Some(round)) = (segment_id, score, rounds.last_mut())
        {
            round
                .4
                .push((segment_id, score, score_note.unwrap_or_default()));
        }
    }
    let mut assessments = Vec::new();
    for (_, assessed_on, assessed_by, note, scores) in rounds {
        assessments.push(Assessment {
            assessed_on,
            assessed_by,
            note,
            scores: segments
                .iter()
                .map(|(segment_id, _, _)| {
                    scores
                        .iter()
                        .find(|(s, _, _)| s == segment_id)
                        .map(|(_, score, note)| (*score, note.clone()))
                })
                .collect(),
        });
    }
    let mut rounds = assessments.into_iter();
    let Some(latest) = rounds.next() else {
        return Ok(None);
    };
    Ok(Some(StuurwielView {
        framework,
        scale_min,
        scale_max,
        segments: segments
            .into_iter()
            .map(|(id, name, description)| StuurwielSegment {
                id,
                name,
                description,
            })
            .collect(),
        latest,
        previous: rounds.next(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn fresh_pool() -> SqlitePool {
        crate::db::test_pool().await
    }

    async fn insert_area(pool: &SqlitePool, slug: &str, name: &str, district: &str) -> i64 {
        sqlx::query("INSERT OR IGNORE INTO districts (name) VALUES (?)")
            .bind(district)
            .execute(pool)
            .await
            .unwrap();
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

    fn filter(q: &str) -> crate::areas::list::AreaFilter {
        crate::areas::list::AreaFilter {
            q: q.into(),
            ..Default::default()
        }
    }

    #[tokio::test]
    async fn archived_areas_leave_the_list_and_the_averages() {
        let pool = fresh_pool().await;
        let a = insert_area(&pool, "aa", "Aa", "Noord").await;
        let b = insert_area(&pool, "bb", "Bb", "Noord").await;
        insert_value(&pool, a, "outlets", "2025", 10.0).await;
        insert_value(&pool, b, "outlets", "2025", 30.0).await;
        let average = || async {
            sqlx::query_as::<_, (f64, i64)>(
                "SELECT value, areas FROM indicator_city_averages WHERE indicator_key = 'outlets' AND period = '2025'",
            )
            .fetch_optional(&pool)
            .await
            .unwrap()
        };
        assert_eq!(average().await, Some((20.0, 2)));
        sqlx::query("UPDATE areas SET archived_at = '2026-12-01' WHERE id = ?")
            .bind(b)
            .execute(&pool)
            .await
            .unwrap();
        assert_eq!(average().await, Some((10.0, 1)));
        let listing = list_areas(&pool, &filter("")).await.unwrap();
        assert_eq!(listing.total, 1);
        assert!(area_profile(&pool, "bb").await.unwrap().unwrap().archived);
        // A corrected value moves the average; a deleted one leaves it.
        sqlx::query("UPDATE indicator_values SET value = 14 WHERE area_id = ?")
            .bind(a)
            .execute(&pool)
            .await
            .unwrap();
        assert_eq!(average().await, Some((14.0, 1)));
        sqlx::query("UPDATE areas SET archived_at = NULL WHERE id = ?")
            .bind(b)
            .execute(&pool)
            .await
            .unwrap();
        assert_eq!(average().await, Some((22.0, 2)));
        sqlx::query("DELETE FROM indicator_values WHERE area_id = ?")
            .bind(a)
            .execute(&pool)
            .await
            .unwrap();
        assert_eq!(average().await, Some((30.0, 1)));
    }

    #[tokio::test]
    async fn list_shows_latest_key_values_and_filters() {
        let pool = fresh_pool().await;
        let linden = insert_area(&pool, "lindenplein", "Lindenplein", "Noord").await;
        insert_area(&pool, "havenstraat", "Havenstraat", "West").await;
        insert_value(&pool, linden, "vacancy_outlets", "2023", 9.5).await;
        insert_value(&pool, linden, "vacancy_outlets", "2025", 7.25).await;
        insert_value(&pool, linden, "vacancy_outlets", "2024", 8.0).await;
        // Not a key indicator: not in the list.
        insert_value(&pool, linden, "vacancy_floor", "2025", 3.0).await;

        let all = list_areas(&pool, &filter("")).await.unwrap();
        assert_eq!(all.total, 2);
        assert_eq!(
            all.areas
                .iter()
                .map(|a| a.slug.as_str())
                .collect::<Vec<_>>(),
            ["havenstraat", "lindenplein"]
        );
        let vacancy = all.areas[1].key_value("vacancy_outlets").unwrap();
        assert_eq!((vacancy.period.as_str(), vacancy.value), ("2025", 7.25));
        assert_eq!(vacancy.previous, Some(8.0));
        assert_eq!(all.areas[1].key_values.len(), 1);
        assert!(all.areas[0].key_values.is_empty());
        assert_eq!(all.districts, ["Noord", "West"]);
        assert!(all.key_indicators.iter().all(|d| d.is_key));

        let by_name = list_areas(&pool, &filter("LINDEN")).await.unwrap();
        assert_eq!(by_name.areas.len(), 1);
        let by_district = list_areas(&pool, &filter(" west ")).await.unwrap();
        assert_eq!(by_district.areas[0].slug, "havenstraat");
        // Wildcards are taken literally.
        assert!(list_areas(&pool, &filter("%"))
            .await
            .unwrap()
            .areas
            .is_empty());
        // A district that does not exist is ignored, with a note.
        let unknown = list_areas(
            &pool,
            &crate::areas::list::AreaFilter {
                district: "Atlantis".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        assert_eq!(unknown.areas.len(), 2);
        assert_eq!(unknown.ignored.len(), 1);
    }

    #[tokio::test]
    async fn series_carry_the_city_average_over_the_areas_that_have_a_value() {
        let pool = fresh_pool().await;
        let a = insert_area(&pool, "aa", "A", "Noord").await;
        let b = insert_area(&pool, "bb", "B", "Noord").await;
        let c = insert_area(&pool, "cc", "C", "West").await;
        insert_value(&pool, a, "rating", "2024", 6.0).await;
        insert_value(&pool, a, "rating", "2025", 7.0).await;
        insert_value(&pool, b, "rating", "2024", 8.0).await;
        // C has a value only in 2023: A's chart does not show 2023.
        insert_value(&pool, c, "rating", "2023", 5.0).await;

        let (series, _) = series_of(&pool, a, None, &["rating", "footfall"])
            .await
            .unwrap();
        assert_eq!(
            series[0].points,
            [("2024".to_string(), 6.0), ("2025".to_string(), 7.0)]
        );
        assert_eq!(
            series[0].city,
            [("2024".to_string(), 7.0), ("2025".to_string(), 7.0)]
        );
        assert!(series[1].points.is_empty());

        // The averages follow updates and deletes (triggers).
        sqlx::query("UPDATE indicator_values SET value = 10 WHERE area_id = ? AND period = '2024'")
            .bind(b)
            .execute(&pool)
            .await
            .unwrap();
        sqlx::query("DELETE FROM indicator_values WHERE area_id = ? AND period = '2025'")
            .bind(a)
            .execute(&pool)
            .await
            .unwrap();
        let (series, _) = series_of(&pool, a, None, &["rating"]).await.unwrap();
        assert_eq!(series[0].city, [("2024".to_string(), 8.0)]);
        let left: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM indicator_city_averages WHERE period = '2025'",
        )
        .fetch_one(&pool)
        .await
        .unwrap();
        assert_eq!(left, 0);
    }

    #[tokio::test]
    async fn stuurwiel_shows_the_latest_round_and_the_one_before() {
        let pool = fresh_pool().await;
        let area = insert_area(&pool, "aa", "A", "Noord").await;
        assert_eq!(
            latest_stuurwiel(&mut *pool.acquire().await.unwrap(), area)
                .await
                .unwrap(),
            None
        );
        let framework: i64 = sqlx::query_scalar(
            "INSERT INTO stuurwiel_frameworks (name) VALUES ('Test') RETURNING id",
        )
        .fetch_one(&pool)
        .await
        .unwrap();
        for (name, position) in [("Tweede", 2), ("Eerste", 1)] {
            sqlx::query(
                "INSERT INTO stuurwiel_segments (framework_id, name, position) VALUES (?, ?, ?)",
            )
            .bind(framework)
            .bind(name)
            .bind(position)
            .execute(&pool)
            .await
            .unwrap();
        }
        for (date, score) in [("2024-03-01", 2), ("2025-03-01", 4), ("2023-03-01", 1)] {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO stuurwiel_assessments (area_id, framework_id, assessed_on)
                 VALUES (?, ?, ?) RETURNING id",
            )
            .bind(area)
            .bind(framework)
            .bind(date)
            .fetch_one(&pool)
            .await
            .unwrap();
            // Only the first segment is scored.
            sqlx::query(
                "INSERT INTO stuurwiel_scores (assessment_id, segment_id, score, note)
                 SELECT ?, id, ?, 'n' FROM stuurwiel_segments WHERE name = 'Eerste'",
            )
            .bind(id)
            .bind(score)
            .execute(&pool)
            .await
            .unwrap();
        }
        let view = latest_stuurwiel(&mut *pool.acquire().await.unwrap(), area)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(view.segments[0].name, "Eerste");
        assert_eq!(view.latest.assessed_on, "2025-03-01");
        assert_eq!(view.latest.scores, [Some((4, "n".to_string())), None]);
        assert_eq!(view.previous.unwrap().assessed_on, "2024-03-01");
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

    #[test]
    fn pairs_are_read_sorted_and_bad_ones_skipped() {
        assert_eq!(
            parse_pairs("2025=1.5;2024=7.0;kapot;2023=x;2022-06=-2.25"),
            [
                ("2022-06".to_string(), -2.25),
                ("2024".to_string(), 7.0),
                ("2025".to_string(), 1.5)
            ]
        );
        assert!(parse_pairs("").is_empty());
    }

    #[tokio::test]
    async fn unknown_slug_is_none() {
        let pool = fresh_pool().await;
        assert!(area_profile(&pool, "bestaat-niet").await.unwrap().is_none());
    }

    #[tokio::test]
    async fn stored_series_are_kept_until_the_figures_change() {
        let pool = fresh_pool().await;
        let area = insert_area(&pool, "kerkstraat", "Kerkstraat", "Noord").await;
        let key: String =
            sqlx::query_scalar("SELECT key FROM indicator_definitions ORDER BY position LIMIT 1")
                .fetch_one(&pool)
                .await
                .unwrap();
        let insert = |period: &'static str, value: f64| {
            let (pool, key) = (pool.clone(), key.clone());
            async move {
                sqlx::query("INSERT INTO indicator_values (area_id, indicator_key, period, value) VALUES (?, ?, ?, ?)")
                    .bind(area)
                    .bind(&key)
                    .bind(period)
                    .bind(value)
                    .execute(&pool)
                    .await
                    .unwrap();
            }
        };
        insert("2024", 7.5).await;
        let keys = [key.as_str()];
        let first = shaped_series(&pool, area, None, &keys).await.unwrap();
        let again = shaped_series(&pool, area, None, &keys).await.unwrap();
        assert!(std::sync::Arc::ptr_eq(&first, &again), "read once");
        assert_eq!(first.1, vec![vec![("2024".to_string(), 7.5)]]);
        insert("2025", 6.25).await;
        let changed = shaped_series(&pool, area, None, &keys).await.unwrap();
        assert_eq!(changed.1[0].len(), 2, "a new value is seen at once");
        // Another database in the same process never gets these.
        let other = fresh_pool().await;
        let area_there = insert_area(&other, "kerkstraat", "Kerkstraat", "Noord").await;
        assert!(shaped_series(&other, area_there, None, &keys)
            .await
            .unwrap()
            .1[0]
            .is_empty());
        // Archiving moves the averages: read again.
        sqlx::query("UPDATE areas SET archived_at = '2026-01-01T00:00:00Z' WHERE id = ?")
            .bind(area)
            .execute(&pool)
            .await
            .unwrap();
        let after = shaped_series(&pool, area, None, &keys).await.unwrap();
        assert!(!std::sync::Arc::ptr_eq(&changed, &after));
    }

    #[tokio::test]
    async fn every_change_that_moves_figures_raises_the_generation() {
        let pool = fresh_pool().await;
        let area = insert_area(&pool, "kerkstraat", "Kerkstraat", "Noord").await;
        let generation = || {
            let pool = pool.clone();
            async move { figures_generation(&pool).await.unwrap().1 }
        };
        let key: String =
            sqlx::query_scalar("SELECT key FROM indicator_definitions ORDER BY position LIMIT 1")
                .fetch_one(&pool)
                .await
                .unwrap();
        let changes = [
            format!("INSERT INTO indicator_values (area_id, indicator_key, period, value) VALUES ({area}, '{key}', '2024', 1)"),
            "UPDATE indicator_values SET value = 2".to_string(),
            "UPDATE areas SET area_type = 'district_centre'".to_string(),
            "UPDATE areas SET archived_at = '2026-01-01T00:00:00Z'".to_string(),
            format!("UPDATE indicator_definitions SET is_key = 1 - is_key WHERE key = '{key}'"),
            // The latest key values are kept in the indicators' order (migration 18).
            format!("UPDATE indicator_definitions SET position = position + 1 WHERE key = '{key}'"),
            "DELETE FROM indicator_values".to_string(),
        ];
        for change in changes {
            let before = generation().await;
            sqlx::query(&change).execute(&pool).await.unwrap();
            assert!(generation().await > before, "{change}");
        }
        // A change to the story is no change to the figures.
        let before = generation().await;
        sqlx::query("UPDATE areas SET story = 'Anders.'")
            .execute(&pool)
            .await
            .unwrap();
        assert_eq!(generation().await, before);
    }
}

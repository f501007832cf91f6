//! Database functions of the knowledge library (server only).

use super::search::{fts_query, highlight, query_terms, snippet_parts};
use super::*;
use sqlx::SqlitePool;

fn kind(code: &str) -> Result<ItemKind, sqlx::Error> {
    ItemKind::from_code(code)
        .ok_or_else(|| sqlx::Error::Decode(format!("unknown item kind {code:?}").into()))
}

/// The active stuurwiel's segments as (id, name), in stuurwiel order.
pub async fn segment_choices<'e>(
    executor: impl sqlx::SqliteExecutor<'e>,
) -> Result<Vec<(String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT CAST(s.id AS TEXT), s.name FROM stuurwiel_segments s
         JOIN stuurwiel_frameworks f ON f.id = s.framework_id AND f.is_active = 1
         ORDER BY s.position, s.id",
    )
    .fetch_all(executor)
    .await
}

/// Every area as (slug, name), by name.
pub async fn area_choices<'e>(
    executor: impl sqlx::SqliteExecutor<'e>,
) -> Result<Vec<(String, String)>, sqlx::Error> {
    sqlx::query_as("SELECT slug, name FROM areas ORDER BY name COLLATE NOCASE")
        .fetch_all(executor)
        .await
}

/// What a search reads from the database before its page: the library's generation (for
/// the facet index), the choices of the theme, stuurwiel and area facets, and, when words
/// were searched, every matching item with its rank. One round trip.
struct Choices {
    file: String,
    generation: String,
    themes: Vec<(String, String)>,
    segments: Vec<(String, String)>,
    areas: Vec<(String, String)>,
    /// (id, rank), higher rank better; `None` without words.
    matches: Option<Vec<(i64, i64)>>,
}

async fn choices(
    conn: &mut sqlx::SqliteConnection,
    fts: Option<&str>,
) -> Result<Choices, sqlx::Error> {
    // One row (JSON): sqlx hands every row of a result over from its database thread on
    // its own, which cost more than these small lists. The matches are one pass of FTS5
    // with bm25 (title weighs most, then the summary, then the body; negative, lower is
    // better) as "id rank" pairs, the rank in 10⁻¹² steps: in a small library a word in
    // most items scores near 10⁻⁶ (FTS5's floor for its weight), so coarser steps would
    // make different items equal. bm25 cannot be called inside an aggregate: the
    // subquery's LIMIT keeps SQLite from flattening it into group_concat.
    let matches = if fts.is_some() {
        "(SELECT group_concat(pair) FROM (
             SELECT rowid || ' ' || CAST(bm25(library_fts, 10.0, 4.0, 1.0) * -1000000000000.0 AS INTEGER) AS pair
             FROM library_fts WHERE library_fts MATCH ?1 LIMIT -1))"
    } else {
        "NULL"
    };
    let json: String = sqlx::query_scalar(&format!(
        "SELECT json_array(
             (SELECT file FROM pragma_database_list WHERE name = 'main'),
             (SELECT CAST(n AS TEXT) FROM library_generation WHERE id = 1),
             (SELECT json_group_array(json_array(key, label) ORDER BY position, key)
                FROM themes WHERE retired_at IS NULL),
             (SELECT json_group_array(json_array(CAST(s.id AS TEXT), s.name) ORDER BY s.position, s.id)
                FROM stuurwiel_segments s
                JOIN stuurwiel_frameworks f ON f.id = s.framework_id AND f.is_active = 1),
             (SELECT json_group_array(json_array(slug, name) ORDER BY name COLLATE NOCASE)
                FROM areas),
             ifnull({matches}, ''))"
    ))
    .bind(fts)
    .fetch_one(&mut *conn)
    .await?;
    type Pairs = Vec<(String, String)>;
    let (file, generation, themes, segments, areas, matches): (
        Option<String>,
        String,
        Pairs,
        Pairs,
        Pairs,
        String,
    ) = serde_json::from_str(&json).map_err(|e| sqlx::Error::Decode(e.into()))?;
    let matches = fts.map(|_| {
        matches
            .split(',')
            .filter_map(|pair| {
                let (id, rank) = pair.split_once(' ')?;
                Some((id.parse().ok()?, rank.parse().ok()?))
            })
            .collect()
    });
    Ok(Choices {
        file: file.unwrap_or_default(),
        generation,
        themes,
        segments,
        areas,
        matches,
    })
}

/// Choices per facet: (value, label), in display order, taken out of what was read (each
/// facet is asked once). Years come from the facet index.
fn facet_choices(choices: &mut Choices, index: &FacetIndex, facet: Facet) -> Vec<(String, String)> {
    match facet {
        Facet::Kind => ItemKind::ALL
            .iter()
            .map(|k| (k.code().to_string(), k.label().to_string()))
            .collect(),
        Facet::Theme => std::mem::take(&mut choices.themes),
        Facet::Segment => std::mem::take(&mut choices.segments),
        Facet::Area => std::mem::take(&mut choices.areas),
        Facet::Year => index.years.iter().map(|y| (y.clone(), y.clone())).collect(),
    }
}

/// Where a facet's values sit in [`IndexedItem::values`] and [`FacetIndex::names`].
fn slot(facet: Facet) -> usize {
    match facet {
        Facet::Kind => 0,
        Facet::Theme => 1,
        Facet::Segment => 2,
        Facet::Area => 3,
        Facet::Year => 4,
    }
}

/// One item's facets, kept in memory (see `facet_index`), each value as its number in
/// the index's list of that facet's values, so counting is adding to an array.
#[derive(Debug)]
struct IndexedItem {
    values: [Vec<u32>; 5],
    /// What a hit shows, and the body its snippet may come from.
    slug: String,
    kind: ItemKind,
    title: String,
    summary: String,
    body: String,
    published_on: Option<String>,
}

/// Every item's facets and the texts a hit shows, in the order of a search without words
/// (newest first, then by title), so that order is the position in `items`. Kept in
/// memory so a search needs one query: the texts of 10,000 items of ~300 words are ~25 MB.
struct FacetIndex {
    signature: String,
    items: Vec<IndexedItem>,
    /// An item's position in `items` by its id.
    position: std::collections::HashMap<i64, usize>,
    /// Per facet: the values that occur, by number, and the number of each value.
    names: [Vec<String>; 5],
    numbers: [std::collections::HashMap<String, u32>; 5],
    /// Years with items, newest first.
    years: Vec<String>,
}

/// Every item's facets, cached per database file and rebuilt when the items or their
/// links changed (triggers raise `library_generation` on every change).
async fn facet_index(
    conn: &mut sqlx::SqliteConnection,
    file: String,
    signature: String,
) -> Result<std::sync::Arc<FacetIndex>, sqlx::Error> {
    use std::sync::{Arc, Mutex, OnceLock};
    static CACHE: OnceLock<Mutex<std::collections::HashMap<String, Arc<FacetIndex>>>> =
        OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    if let Some(index) = cache.lock().unwrap_or_else(|e| e.into_inner()).get(&file) {
        if index.signature == signature {
            return Ok(index.clone());
        }
    }
    #[derive(sqlx::FromRow)]
    struct Loaded {
        id: i64,
        kind: String,
        themes: String,
        segments: String,
        areas: String,
        year: String,
        slug: String,
        title: String,
        summary: String,
        body: String,
        published_on: Option<String>,
    }
    let loaded: Vec<Loaded> = sqlx::query_as(
        "SELECT i.id, i.kind,
                ifnull((SELECT group_concat(theme_key) FROM library_item_themes WHERE item_id = i.id), '') AS themes,
                ifnull((SELECT group_concat(segment_id) FROM library_item_segments WHERE item_id = i.id), '') AS segments,
                ifnull((SELECT group_concat(a.slug) FROM library_item_areas x JOIN areas a ON a.id = x.area_id
                        WHERE x.item_id = i.id), '') AS areas,
                ifnull(substr(i.published_on, 1, 4), '') AS year,
                i.slug, i.title, i.summary, i.body, i.published_on
         FROM library_items i
         ORDER BY i.published_on DESC, i.title",
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut index = FacetIndex {
        signature,
        items: Vec::with_capacity(loaded.len()),
        position: Default::default(),
        names: Default::default(),
        numbers: Default::default(),
        years: Vec::new(),
    };
    for row in loaded {
        let mut values: [Vec<u32>; 5] = Default::default();
        let facets = [&row.kind, &row.themes, &row.segments, &row.areas, &row.year];
        for (at, text) in facets.into_iter().enumerate() {
            for value in text.split(',').filter(|v| !v.is_empty()) {
                let next = index.names[at].len() as u32;
                let number = *index.numbers[at].entry(value.to_string()).or_insert(next);
                if number == next {
                    index.names[at].push(value.to_string());
                }
                values[at].push(number);
            }
        }
        index.position.insert(row.id, index.items.len());
        index.items.push(IndexedItem {
            values,
            kind: kind(&row.kind)?,
            slug: row.slug,
            title: row.title,
            summary: row.summary,
            body: row.body,
            published_on: row.published_on,
        });
    }
    index.years = index.names[slot(Facet::Year)].clone();
    index.years.sort_unstable_by(|a, b| b.cmp(a));
    let index = Arc::new(index);
    cache
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert(file, index.clone());
    Ok(index)
}

/// The facet counts and the admitted items of one search, worked out in one pass.
struct Tally {
    /// Per facet, per value number: items matching every *other* filter, so a visitor
    /// can switch a facet's value and see what each choice would give.
    counts: [Vec<i64>; 5],
    /// Positions (with rank) of the items matching every filter.
    admitted: Vec<(i64, usize)>,
}

/// Counts `candidates` (position, rank) against `wanted` (per facet, the chosen value's
/// number; `u32::MAX` for a value no item has).
fn tally(
    index: &FacetIndex,
    candidates: impl Iterator<Item = (usize, i64)>,
    wanted: &[Option<u32>; 5],
) -> Tally {
    let mut counts: [Vec<i64>; 5] = Default::default();
    for (at, names) in index.names.iter().enumerate() {
        counts[at] = vec![0; names.len()];
    }
    let mut admitted = Vec::new();
    for (position, rank) in candidates {
        let item = &index.items[position];
        let (mut fails, mut failing) = (0, 0);
        for (at, want) in wanted.iter().enumerate() {
            if let Some(want) = want {
                if !item.values[at].contains(want) {
                    fails += 1;
                    failing = at;
                }
            }
        }
        match fails {
            0 => {
                admitted.push((rank, position));
                for (at, values) in item.values.iter().enumerate() {
                    for value in values {
                        counts[at][*value as usize] += 1;
                    }
                }
            }
            // Failing one filter only: it counts for that facet's other choices.
            1 => {
                for value in &item.values[failing] {
                    counts[failing][*value as usize] += 1;
                }
            }
            _ => {}
        }
    }
    Tally { counts, admitted }
}

/// Runs a search: ranked hits with highlighted snippets, the total, and facet counts.
///
/// One round trip: the facet choices, the library's generation and every matching id
/// with its rank from one full-text pass. Filtering, counting and ordering happen in
/// memory on the kept facet index, which also holds the texts hits show, and snippets are
/// made in Rust for the page's hits only (see `search::snippet`).
pub async fn search(pool: &SqlitePool, query: &LibraryQuery) -> Result<SearchResults, sqlx::Error> {
    // One connection for the whole search: sqlx pings every connection handed back to the
    // pool, a round trip that cost as much as these small queries.
    let mut conn = pool.acquire().await?;
    let mut notes = Vec::new();
    let text: String = query.q.chars().take(search::MAX_QUERY_CHARS).collect();
    // Someone typing AND / OR / NOT in capitals means an operator we do not offer; searching
    // for the word "and" would find nothing they want, so those are left out.
    let text = text
        .split_whitespace()
        .filter(|word| !matches!(*word, "AND" | "OR" | "NOT" | "NEAR"))
        .collect::<Vec<_>>()
        .join(" ");
    let fts = fts_query(&text);
    if fts.is_none() && !query.q.trim().is_empty() {
        notes.push(format!(
            "In ‘{}’ staat niets om op te zoeken; alle items worden getoond.",
            query.q.trim().chars().take(40).collect::<String>()
        ));
    }
    let mut known = choices(&mut conn, fts.as_deref()).await?;
    let index = facet_index(&mut conn, known.file.clone(), known.generation.clone()).await?;
    // The rest happens in memory: the connection goes back first.
    drop(conn);
    let mut wanted: [Option<u32>; 5] = Default::default();
    let mut choices = Vec::new();
    for facet in Facet::ALL {
        let options = facet_choices(&mut known, &index, facet);
        let asked = match facet {
            Facet::Kind => &query.kind,
            Facet::Theme => &query.theme,
            Facet::Segment => &query.segment,
            Facet::Area => &query.area,
            Facet::Year => &query.year,
        };
        let mut selected = String::new();
        if !asked.is_empty() {
            if options.iter().any(|(v, _)| v == asked) {
                selected = asked.clone();
                // A real choice that no item has yet: nothing passes this filter.
                wanted[slot(facet)] = Some(
                    index.numbers[slot(facet)]
                        .get(asked)
                        .copied()
                        .unwrap_or(u32::MAX),
                );
            } else {
                notes.push(format!(
                    "{} ‘{}’ bestaat niet en is genegeerd.",
                    facet.label(),
                    asked.chars().take(40).collect::<String>()
                ));
            }
        }
        choices.push((facet, options, selected));
    }

    // The candidates: the items matching the words with their rank, or every item.
    let mut tally = match known.matches.take() {
        Some(matches) => {
            let candidates = matches
                .into_iter()
                .filter_map(|(id, rank)| Some((*index.position.get(&id)?, rank)));
            tally(&index, candidates, &wanted)
        }
        None => tally(&index, (0..index.items.len()).map(|at| (at, 0)), &wanted),
    };
    // Best rank first; among equals (and without words) newest first, then by title,
    // which is the order of the index.
    let order = |a: &(i64, usize), b: &(i64, usize)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
    let total = tally.admitted.len() as i64;
    if tally.admitted.len() > PAGE_SIZE {
        tally.admitted.select_nth_unstable_by(PAGE_SIZE, order);
        tally.admitted.truncate(PAGE_SIZE);
    }
    tally.admitted.sort_unstable_by(order);
    let page: Vec<usize> = tally.admitted.iter().map(|(_, at)| *at).collect();

    let terms = query_terms(&text);
    let hits = page_hits(&index, &page, &terms, fts.is_some());

    let mut facets = Vec::new();
    for (facet, options, selected) in choices {
        let at = slot(facet);
        let values = options
            .into_iter()
            .filter_map(|(value, label)| {
                let count = index.numbers[at]
                    .get(&value)
                    .map(|n| tally.counts[at][*n as usize])
                    .filter(|count| *count > 0);
                // The chosen value stays visible (with 0) so it can be switched off.
                let count = count.or((value == selected).then_some(0))?;
                Some(FacetValue {
                    value,
                    label,
                    count,
                })
            })
            .collect();
        facets.push(FacetCounts {
            facet,
            selected,
            values,
        });
    }
    Ok(SearchResults {
        hits,
        total,
        facets,
        notes,
        searched: terms,
    })
}

/// The hits at `positions` of the index, in that order, `terms` marked in their titles.
/// With words searched the snippet is a passage with the terms marked; without, it is the
/// summary.
fn page_hits(
    index: &FacetIndex,
    positions: &[usize],
    terms: &[String],
    with_words: bool,
) -> Vec<Hit> {
    positions
        .iter()
        .map(|at| {
            let item = &index.items[*at];
            let snippet = if with_words {
                search::snippet(&[&item.summary, &item.body], terms)
            } else {
                snippet_parts(&item.summary)
            };
            Hit {
                kind: item.kind,
                title: highlight(&item.title, terms)
                    .into_iter()
                    .map(Part::from)
                    .collect(),
                snippet: snippet.into_iter().map(Part::from).collect(),
                slug: item.slug.clone(),
                published_on: item.published_on.clone(),
            }
        })
        .collect()
}

async fn cards(pool: &SqlitePool, sql: &str, bind: &str) -> Result<Vec<ItemCard>, sqlx::Error> {
    let rows: Vec<(String, String, String, String, Option<String>)> =
        sqlx::query_as(sql).bind(bind).fetch_all(pool).await?;
    rows.into_iter()
        .map(|(slug, code, title, summary, published_on)| {
            Ok(ItemCard {
                kind: kind(&code)?,
                slug,
                title,
                summary,
                published_on,
            })
        })
        .collect()
}

/// Up to five items sharing themes, segments or areas with `item_id`, best first, each
/// with what it shares.
pub async fn related(pool: &SqlitePool, item_id: i64) -> Result<Vec<Related>, sqlx::Error> {
    let scored: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT item_id, sum(weight) AS score FROM (
             SELECT item_id, 2 AS weight FROM library_item_themes
             WHERE theme_key IN (SELECT theme_key FROM library_item_themes WHERE item_id = ?1)
             UNION ALL
             SELECT item_id, 2 FROM library_item_segments
             WHERE segment_id IN (SELECT segment_id FROM library_item_segments WHERE item_id = ?1)
             UNION ALL
             SELECT item_id, 3 FROM library_item_areas
             WHERE area_id IN (SELECT area_id FROM library_item_areas WHERE item_id = ?1))
         WHERE item_id <> ?1
         GROUP BY item_id ORDER BY score DESC, item_id DESC LIMIT 5",
    )
    .bind(item_id)
    .fetch_all(pool)
    .await?;
    let mut related = Vec::new();
    for (other, _) in scored {
        let (slug, code, title, summary, published_on): (
            String,
            String,
            String,
            String,
            Option<String>,
        ) = sqlx::query_as(
            "SELECT slug, kind, title, summary, published_on FROM library_items WHERE id = ?",
        )
        .bind(other)
        .fetch_one(pool)
        .await?;
        let shared = |sql: &'static str| async move {
            sqlx::query_scalar::<_, String>(sql)
                .bind(item_id)
                .bind(other)
                .fetch_all(pool)
                .await
        };
        let themes = shared(
            "SELECT t.label FROM library_item_themes a JOIN library_item_themes b ON b.theme_key = a.theme_key
             JOIN themes t ON t.key = a.theme_key WHERE a.item_id = ? AND b.item_id = ? ORDER BY t.position",
        )
        .await?;
        let segments = shared(
            "SELECT s.name FROM library_item_segments a JOIN library_item_segments b ON b.segment_id = a.segment_id
             JOIN stuurwiel_segments s ON s.id = a.segment_id WHERE a.item_id = ? AND b.item_id = ? ORDER BY s.position",
        )
        .await?;
        let areas = shared(
            "SELECT r.name FROM library_item_areas a JOIN library_item_areas b ON b.area_id = a.area_id
             JOIN areas r ON r.id = a.area_id WHERE a.item_id = ? AND b.item_id = ? ORDER BY r.name",
        )
        .await?;
        let mut reasons = Vec::new();
        if !areas.is_empty() {
            reasons.push(format!("zelfde gebied: {}", areas.join(", ")));
        }
        if !themes.is_empty() {
            reasons.push(format!("zelfde thema: {}", themes.join(", ")));
        }
        if !segments.is_empty() {
            reasons.push(format!(
                "zelfde stuurwielonderdeel: {}",
                segments.join(", ")
            ));
        }
        related.push(Related {
            card: ItemCard {
                kind: kind(&code)?,
                slug,
                title,
                summary,
                published_on,
            },
            reasons,
        });
    }
    Ok(related)
}

#[derive(sqlx::FromRow)]
struct ItemRow {
    id: i64,
    slug: String,
    kind: String,
    title: String,
    summary: String,
    body: String,
    source_organisation: String,
    author: String,
    published_on: Option<String>,
    external_url: Option<String>,
    reviewed: bool,
    last_checked: Option<String>,
}

/// The id of an item by slug.
pub async fn item_id(pool: &SqlitePool, slug: &str) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM library_items WHERE slug = ?")
        .bind(slug)
        .fetch_optional(pool)
        .await
}

pub async fn attachments(pool: &SqlitePool, item_id: i64) -> Result<Vec<Attachment>, sqlx::Error> {
    let rows: Vec<(i64, String, String, i64, String)> = sqlx::query_as(
        "SELECT id, display_name, kind, size_bytes, alt_text FROM library_attachments
         WHERE item_id = ? ORDER BY id",
    )
    .bind(item_id)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(id, display_name, kind, size_bytes, alt_text)| Attachment {
                is_image: files::FileKind::from_code(&kind).is_some_and(|k| k.is_image()),
                id,
                display_name,
                kind,
                size_bytes,
                alt_text,
            },
        )
        .collect())
}

/// An item's page, or None for an unknown slug.
pub async fn item_page(pool: &SqlitePool, slug: &str) -> Result<Option<ItemPage>, sqlx::Error> {
    let Some(row): Option<ItemRow> = sqlx::query_as(
        "SELECT id, slug, kind, title, summary, body, source_organisation, author, published_on,
                external_url, reviewed, last_checked
         FROM library_items WHERE slug = ?",
    )
    .bind(slug)
    .fetch_optional(pool)
    .await?
    else {
        return Ok(None);
    };
    let themes = sqlx::query_as(
        "SELECT t.key, t.label FROM library_item_themes x JOIN themes t ON t.key = x.theme_key
         WHERE x.item_id = ? ORDER BY t.position",
    )
    .bind(row.id)
    .fetch_all(pool)
    .await?;
    let segments = sqlx::query_as(
        "SELECT s.id, s.name FROM library_item_segments x JOIN stuurwiel_segments s ON s.id = x.segment_id
         WHERE x.item_id = ? ORDER BY s.position",
    )
    .bind(row.id)
    .fetch_all(pool)
    .await?;
    let areas = sqlx::query_as(
        "SELECT a.slug, a.name FROM library_item_areas x JOIN areas a ON a.id = x.area_id
         WHERE x.item_id = ? ORDER BY a.name",
    )
    .bind(row.id)
    .fetch_all(pool)
    .await?;
    Ok(Some(ItemPage {
        kind: kind(&row.kind)?,
        body_html: crate::editing::markdown::to_safe_html(&row.body),
        attachments: attachments(pool, row.id).await?,
        related: related(pool, row.id).await?,
        themes,
        segments,
        areas,
        id: row.id,
        slug: row.slug,
        title: row.title,
        summary: row.summary,
        source_organisation: row.source_organisation,
        author: row.author,
        published_on: row.published_on,
        external_url: row.external_url,
        reviewed: row.reviewed,
        last_checked: row.last_checked,
    }))
}

const CARD_COLUMNS: &str = "i.slug, i.kind, i.title, i.summary, i.published_on";

/// A theme's dossier, or None for an unknown theme.
pub async fn dossier(pool: &SqlitePool, theme: &str) -> Result<Option<Dossier>, sqlx::Error> {
    let Some((key, label, description)): Option<(String, String, String)> =
        sqlx::query_as("SELECT key, label, description FROM themes WHERE key = ?")
            .bind(theme)
            .fetch_optional(pool)
            .await?
    else {
        return Ok(None);
    };
    let intro: Option<String> =
        sqlx::query_scalar("SELECT intro FROM theme_dossiers WHERE theme_key = ?")
            .bind(&key)
            .fetch_optional(pool)
            .await?;
    let key_items = cards(
        pool,
        &format!(
            "SELECT {CARD_COLUMNS} FROM theme_dossier_items d JOIN library_items i ON i.id = d.item_id
             WHERE d.theme_key = ? ORDER BY d.position"
        ),
        &key,
    )
    .await?;
    let items = cards(
        pool,
        &format!(
            "SELECT {CARD_COLUMNS} FROM library_item_themes t JOIN library_items i ON i.id = t.item_id
             WHERE t.theme_key = ? ORDER BY i.published_on DESC, i.title"
        ),
        &key,
    )
    .await?;
    let areas = sqlx::query_as(
        "SELECT a.slug, a.name, count(*) FROM opgaves o JOIN areas a ON a.id = o.area_id
         WHERE o.theme_key = ? AND o.status <> 'done'
         GROUP BY a.id ORDER BY count(*) DESC, a.name",
    )
    .bind(&key)
    .fetch_all(pool)
    .await?;
    let (upcoming_sessions, past_sessions) =
        crate::sessions::db::list(pool, None, Some(key.as_str()), None).await?;
    Ok(Some(Dossier {
        upcoming_sessions,
        past_sessions,
        intro_html: crate::editing::markdown::to_safe_html(&intro.unwrap_or_default()),
        key,
        label,
        description,
        key_items,
        items,
        areas,
    }))
}

/// All segments of the active stuurwiel with how many items each has.
pub async fn segments_overview(
    pool: &SqlitePool,
) -> Result<Vec<(i64, String, String, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT s.id, s.name, s.description,
                (SELECT count(*) FROM library_item_segments x WHERE x.segment_id = s.id)
         FROM stuurwiel_segments s JOIN stuurwiel_frameworks f ON f.id = s.framework_id AND f.is_active = 1
         ORDER BY s.position, s.id",
    )
    .fetch_all(pool)
    .await
}

/// One segment's learning path; `with_scores` adds the lowest-scoring areas (coordinators).
pub async fn segment_guide(
    pool: &SqlitePool,
    segment_id: i64,
    with_scores: bool,
) -> Result<Option<SegmentGuide>, sqlx::Error> {
    let Some((id, name, description, scale_max)): Option<(i64, String, String, i64)> =
        sqlx::query_as(
            "SELECT s.id, s.name, s.description, f.scale_max FROM stuurwiel_segments s
         JOIN stuurwiel_frameworks f ON f.id = s.framework_id WHERE s.id = ?",
        )
        .bind(segment_id)
        .fetch_optional(pool)
        .await?
    else {
        return Ok(None);
    };
    let intro: Option<String> =
        sqlx::query_scalar("SELECT intro FROM segment_guides WHERE segment_id = ?")
            .bind(id)
            .fetch_optional(pool)
            .await?;
    let items = cards(
        pool,
        &format!(
            "SELECT {CARD_COLUMNS} FROM library_item_segments x JOIN library_items i ON i.id = x.item_id
             WHERE x.segment_id = CAST(? AS INTEGER) ORDER BY x.position, i.published_on"
        ),
        &id.to_string(),
    )
    .await?;
    let lowest_areas = if with_scores {
        Some(
            sqlx::query_as(
                "SELECT a.slug, a.name, sc.score, sa.assessed_on
                 FROM areas a
                 JOIN stuurwiel_assessments sa ON sa.id = (
                     SELECT x.id FROM stuurwiel_assessments x WHERE x.area_id = a.id
                     ORDER BY x.assessed_on DESC LIMIT 1)
                 JOIN stuurwiel_scores sc ON sc.assessment_id = sa.id AND sc.segment_id = ?
                 ORDER BY sc.score, a.name LIMIT 5",
            )
            .bind(id)
            .fetch_all(pool)
            .await?,
        )
    } else {
        None
    };
    let (upcoming_sessions, past_sessions) =
        crate::sessions::db::list(pool, None, None, Some(id)).await?;
    Ok(Some(SegmentGuide {
        upcoming_sessions,
        past_sessions,
        intro_html: crate::editing::markdown::to_safe_html(&intro.unwrap_or_default()),
        id,
        name,
        description,
        items,
        lowest_areas,
        scale_max,
    }))
}

/// Puts the demo library (`demo_items`) into a fresh database, with dossier intros and
/// learning-path intros, inside the demo seed's transaction.
pub async fn seed_demo(tx: &mut sqlx::Transaction<'_, sqlx::Sqlite>) -> Result<(), sqlx::Error> {
    use super::demo_items::DEMO_ITEMS;
    for item in DEMO_ITEMS {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO library_items (slug, kind, title, summary, body, source_organisation, author,
                 published_on, external_url, reviewed, last_checked)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(item.slug)
        .bind(item.kind)
        .bind(item.title)
        .bind(item.summary)
        .bind(item.body)
        .bind(item.source)
        .bind(item.author)
        .bind(item.published_on)
        .bind(item.url)
        .bind(item.reviewed)
        .bind(item.last_checked)
        .fetch_one(&mut **tx)
        .await?;
        for theme in item.themes {
            sqlx::query("INSERT INTO library_item_themes (item_id, theme_key) VALUES (?, ?)")
                .bind(id)
                .bind(theme)
                .execute(&mut **tx)
                .await?;
        }
        for segment in item.segments {
            sqlx::query(
                "INSERT INTO library_item_segments (item_id, segment_id, position)
                 SELECT ?1, s.id, (SELECT coalesce(max(position), 0) + 1 FROM library_item_segments x WHERE x.segment_id = s.id)
                 FROM stuurwiel_segments s WHERE s.name = ?2",
            )
            .bind(id)
            .bind(segment)
            .execute(&mut **tx)
            .await?;
        }
        for area in item.areas {
            sqlx::query("INSERT INTO library_item_areas (item_id, area_id) SELECT ?, id FROM areas WHERE slug = ?")
                .bind(id)
                .bind(area)
                .execute(&mut **tx)
                .await?;
        }
    }
    // Every theme gets a short intro and its three newest items as the place to start.
    let themes: Vec<(String, String, String)> =
        sqlx::query_as("SELECT key, label, description FROM themes")
            .fetch_all(&mut **tx)
            .await?;
    for (key, label, description) in themes {
        let intro = format!(
            "{description}\n\nIn dit dossier staat wat het programma over **{}** heeft verzameld: \
             instrumenten, voorbeelden uit andere gebieden, onderzoek en de verslagen van eerdere sessies. \
             Begin met de kernitems hieronder.",
            label.to_lowercase()
        );
        sqlx::query("INSERT INTO theme_dossiers (theme_key, intro) VALUES (?, ?)")
            .bind(&key)
            .bind(intro)
            .execute(&mut **tx)
            .await?;
        sqlx::query(
            "INSERT INTO theme_dossier_items (theme_key, item_id, position)
             SELECT ?1, i.id, row_number() OVER (ORDER BY i.published_on DESC)
             FROM library_item_themes t JOIN library_items i ON i.id = t.item_id
             WHERE t.theme_key = ?1 ORDER BY i.published_on DESC LIMIT 3",
        )
        .bind(&key)
        .execute(&mut **tx)
        .await?;
    }
    sqlx::query(
        "INSERT INTO segment_guides (segment_id, intro)
         SELECT id, description || '\n\nLees de items hieronder in deze volgorde: eerst de basis, dan de instrumenten, dan voorbeelden uit de praktijk.'
         FROM stuurwiel_segments",
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The folder beside the database file where attachments are kept.
pub async fn attachments_dir(pool: &SqlitePool) -> Result<std::path::PathBuf, sqlx::Error> {
    Ok(attachments_dir_beside(
        &crate::db::database_file(pool).await?,
    ))
}

/// The attachments folder beside the database file `database`.
pub fn attachments_dir_beside(database: &std::path::Path) -> std::path::PathBuf {
    database
        .parent()
        .map(|p| p.to_path_buf())
        .unwrap_or_default()
        .join("bijlagen")
}

/// Stores a checked upload: the file under its content hash (once, however often it is
/// uploaded), a row with its safe display name, and an audit entry.
pub async fn store_attachment(
    pool: &SqlitePool,
    user: &crate::accounts::CurrentUser,
    item_id: i64,
    original_name: &str,
    bytes: &[u8],
    kind: files::FileKind,
    alt_text: &str,
) -> Result<i64, sqlx::Error> {
    use sha2::{Digest, Sha256};
    let hash: String = Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let stored = files::stored_name(&hash, kind)
        .ok_or_else(|| sqlx::Error::Protocol("bad attachment hash".into()))?;
    let dir = attachments_dir(pool).await?;
    let io = |e: std::io::Error| sqlx::Error::Io(e);
    std::fs::create_dir_all(&dir).map_err(io)?;
    let path = dir.join(&stored);
    if !path.exists() {
        // Written under a temporary name first, so a half-written file is never served.
        let temporary = dir.join(format!("{stored}.tmp"));
        std::fs::write(&temporary, bytes).map_err(io)?;
        std::fs::rename(&temporary, &path).map_err(io)?;
    }
    let display_name = files::safe_display_name(original_name, kind);
    let alt = if kind.is_image() { alt_text.trim() } else { "" };
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO library_attachments (item_id, display_name, kind, size_bytes, sha256, alt_text)
         VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(item_id)
    .bind(&display_name)
    .bind(kind.code())
    .bind(bytes.len() as i64)
    .bind(&hash)
    .bind(alt)
    .fetch_one(&mut *tx)
    .await?;
    crate::editing::audit::record(
        &mut tx,
        user,
        crate::editing::audit::AuditAction::Create,
        "library_attachment",
        id,
        None,
        Some(&(display_name, kind.code(), bytes.len())),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// An attachment to serve: (display name, kind, path on disk).
pub async fn attachment_file(
    pool: &SqlitePool,
    id: i64,
) -> Result<Option<(String, files::FileKind, std::path::PathBuf)>, sqlx::Error> {
    let row: Option<(String, String, String)> =
        sqlx::query_as("SELECT display_name, kind, sha256 FROM library_attachments WHERE id = ?")
            .bind(id)
            .fetch_optional(pool)
            .await?;
    let Some((name, kind, hash)) = row else {
        return Ok(None);
    };
    let Some(kind) = files::FileKind::from_code(&kind) else {
        return Ok(None);
    };
    let Some(stored) = files::stored_name(&hash, kind) else {
        return Ok(None);
    };
    Ok(Some((
        name,
        kind,
        attachments_dir(pool).await?.join(stored),
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small fixed corpus: (slug, kind, title, summary, body, themes, year).
    const CORPUS: &[(&str, &str, &str, &str, &str, &[&str], &str)] = &[
        (
            "leegstand-aanpak",
            "instrument",
            "Leegstand aanpakken met een pandenfonds",
            "Hoe een fonds panden opkoopt.",
            "Het fonds werkt samen met eigenaren.",
            &["vacancy"],
            "2024-03-01",
        ),
        (
            "gevels",
            "practice",
            "Gevels opknappen in de Brugstraat",
            "Een gevelfonds voor ondernemers.",
            "Na de aanpak daalde de leegstand met een derde.",
            &["vacancy", "branding"],
            "2023-05-01",
        ),
        (
            "ondermijning-signalen",
            "article",
            "Signalen van ondermijning herkennen",
            "Wat straatmanagers zien.",
            "Witwassen via de horeca en leegstaande panden.",
            &["undermining"],
            "2025-01-10",
        ),
        (
            "openbare-ruimte",
            "research",
            "Openbare ruimte en verblijfsduur",
            "Onderzoek naar bankjes en groen.",
            "Meer groen in de openbare ruimte verlengt het bezoek.",
            &["public_space"],
            "2022-09-01",
        ),
        (
            "cafe-terras",
            "regulation",
            "Terrassen bij het café",
            "Regels voor terrassen.",
            "De APV regelt de ruimte voor een terras; ruimte voor voetgangers blijft.",
            &["public_space", "safety"],
            "2025-06-01",
        ),
    ];

    async fn corpus() -> SqlitePool {
        let pool = crate::db::test_pool().await;
        for (slug, kind, title, summary, body, themes, date) in CORPUS {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO library_items (slug, kind, title, summary, body, published_on)
                 VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
            )
            .bind(slug)
            .bind(kind)
            .bind(title)
            .bind(summary)
            .bind(body)
            .bind(date)
            .fetch_one(&pool)
            .await
            .unwrap();
            for theme in *themes {
                sqlx::query("INSERT INTO library_item_themes (item_id, theme_key) VALUES (?, ?)")
                    .bind(id)
                    .bind(theme)
                    .execute(&pool)
                    .await
                    .unwrap();
            }
        }
        pool
    }

    fn query(q: &str) -> LibraryQuery {
        LibraryQuery {
            q: q.into(),
            ..Default::default()
        }
    }

    async fn slugs(pool: &SqlitePool, q: LibraryQuery) -> Vec<String> {
        search(pool, &q)
            .await
            .unwrap()
            .hits
            .into_iter()
            .map(|h| h.slug)
            .collect()
    }

    #[tokio::test]
    async fn relevance_table() {
        let pool = corpus().await;
        // (query, expected first result, expected number of results)
        let table: &[(&str, &str, usize)] = &[
            // A title match beats a body match.
            ("leegstand", "leegstand-aanpak", 2),
            // Prefix matching.
            ("leegst", "leegstand-aanpak", 3),
            // Diacritics folded both ways.
            ("cafe", "cafe-terras", 1),
            ("café", "cafe-terras", 1),
            ("ondermijnïng", "ondermijning-signalen", 1),
            // A phrase in quotes; without quotes the words may be apart.
            ("\"openbare ruimte\"", "openbare-ruimte", 1),
            ("ruimte openbare", "openbare-ruimte", 1),
            ("\"ruimte voor\"", "cafe-terras", 1),
        ];
        for (q, first, count) in table {
            let found = slugs(&pool, query(q)).await;
            assert_eq!(found.len(), *count, "{q}: {found:?}");
            assert_eq!(found[0], *first, "{q}: {found:?}");
        }
        assert!(slugs(&pool, query("zzzzz")).await.is_empty());
    }

    #[tokio::test]
    async fn facets_combine_with_the_query_and_count_the_other_choices() {
        let pool = corpus().await;
        let results = search(
            &pool,
            &LibraryQuery {
                q: "leegst".into(),
                theme: "branding".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        assert_eq!(results.hits.len(), 1);
        assert_eq!(results.hits[0].slug, "gevels");
        // The theme facet counts ignore the theme filter itself: switching is possible.
        let themes = results
            .facets
            .iter()
            .find(|f| f.facet == Facet::Theme)
            .unwrap();
        assert_eq!(themes.selected, "branding");
        let vacancy = themes.values.iter().find(|v| v.value == "vacancy").unwrap();
        assert_eq!(vacancy.count, 2);
        let years = search(
            &pool,
            &LibraryQuery {
                year: "2025".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        assert_eq!(years.total, 2);
        // An unknown facet value is ignored with a note.
        let unknown = search(
            &pool,
            &LibraryQuery {
                kind: "blog".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        assert_eq!(unknown.total, 5);
        assert_eq!(unknown.notes.len(), 1);
    }

    #[tokio::test]
    async fn hostile_queries_never_fail() {
        let pool = corpus().await;
        let long = "leegstand ".repeat(2000);
        for q in [
            "\"",
            "\"\"",
            "*",
            "AND",
            "leegstand AND",
            "OR OR",
            "NEAR(a b)",
            "title:gevels",
            "'; DROP TABLE library_items; --",
            "(((",
            "-leegstand",
            "^leeg",
            "\u{0}",
            "🙂",
            "\u{E000}mark\u{E001}",
            long.as_str(),
        ] {
            let results = search(&pool, &query(q)).await;
            assert!(results.is_ok(), "{q:?} failed: {results:?}");
        }
        // Still there.
        assert_eq!(search(&pool, &query("")).await.unwrap().total, 5);
        // Operators are searched as words, not obeyed.
        assert_eq!(slugs(&pool, query("leegstand AND")).await.len(), 2);
        let nothing = search(&pool, &query("OR OR")).await.unwrap();
        assert_eq!((nothing.total, nothing.notes.len()), (5, 1));
        // A column filter is not obeyed: "title" is searched as a word too.
        assert!(slugs(&pool, query("title:gevels")).await.is_empty());
    }

    #[tokio::test]
    async fn the_index_follows_updates_and_deletes() {
        let pool = corpus().await;
        sqlx::query("UPDATE library_items SET title = 'Fietsparkeren', summary = 'Stallingen.' WHERE slug = 'leegstand-aanpak'")
            .execute(&pool)
            .await
            .unwrap();
        assert_eq!(
            slugs(&pool, query("fietsparkeren")).await,
            ["leegstand-aanpak"]
        );
        // The texts a hit shows are kept in memory with the facets: they follow the edit.
        let found = search(&pool, &query("fietsparkeren")).await.unwrap();
        let title: String = found.hits[0]
            .title
            .iter()
            .map(|p| match p {
                Part::Text(t) | Part::Mark(t) => t.as_str(),
            })
            .collect();
        assert_eq!(title, "Fietsparkeren");
        // Only the title matched: the snippet is the start of the new summary.
        assert_eq!(
            found.hits[0].snippet,
            vec![Part::Text("Stallingen.".into())]
        );
        assert_eq!(slugs(&pool, query("pandenfonds")).await.len(), 0);
        sqlx::query("DELETE FROM library_items WHERE slug = 'cafe-terras'")
            .execute(&pool)
            .await
            .unwrap();
        assert!(slugs(&pool, query("terras")).await.is_empty());
        let rows: i64 = sqlx::query_scalar("SELECT count(*) FROM library_fts")
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!(rows, 4);
        // The facet counts (kept in memory) follow a new theme link at once.
        let before = search(
            &pool,
            &LibraryQuery {
                theme: "safety".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        assert_eq!(before.total, 0);
        sqlx::query("INSERT INTO library_item_themes (item_id, theme_key) SELECT id, 'safety' FROM library_items WHERE slug = 'gevels'")
            .execute(&pool)
            .await
            .unwrap();
        let after = search(
            &pool,
            &LibraryQuery {
                theme: "safety".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        assert_eq!(after.total, 1);
    }

    #[tokio::test]
    async fn the_area_facet_follows_a_renamed_area() {
        let pool = corpus().await;
        let slug = "oude-naam".to_string();
        let area_id: i64 = sqlx::query_scalar(
            "INSERT INTO areas (slug, name, district, area_type, phase, activation)
             VALUES (?, 'Oude naam', 'Centrum', 'shopping_street', 'stable', 'energetic') RETURNING id",
        )
        .bind(&slug)
        .fetch_one(&pool)
        .await
        .unwrap();
        sqlx::query("INSERT INTO library_item_areas (item_id, area_id) SELECT id, ? FROM library_items WHERE slug = 'gevels'")
            .bind(area_id)
            .execute(&pool)
            .await
            .unwrap();
        let by_area = |area: String| {
            let pool = pool.clone();
            async move {
                search(
                    &pool,
                    &LibraryQuery {
                        area,
                        ..Default::default()
                    },
                )
                .await
                .unwrap()
                .total
            }
        };
        assert_eq!(by_area(slug.clone()).await, 1);
        sqlx::query("UPDATE areas SET slug = 'nieuwe-naam' WHERE id = ?")
            .bind(area_id)
            .execute(&pool)
            .await
            .unwrap();
        // Kept in memory, yet the renamed area's items are found under its new slug at once.
        assert_eq!(by_area("nieuwe-naam".into()).await, 1);
    }

    #[tokio::test]
    async fn snippets_are_highlighted_and_related_items_say_why() {
        let pool = corpus().await;
        let results = search(&pool, &query("groen")).await.unwrap();
        assert!(results.hits[0]
            .snippet
            .iter()
            .any(|p| matches!(p, Part::Mark(m) if m.to_lowercase() == "groen")));
        let gevels = item_id(&pool, "gevels").await.unwrap().unwrap();
        let related = related(&pool, gevels).await.unwrap();
        assert_eq!(related[0].card.slug, "leegstand-aanpak");
        assert!(related[0].reasons[0].contains("Aanpak leegstand"));
    }
}

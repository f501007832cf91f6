//! Search benchmark for the knowledge library (not a test): 10,000 generated items of
//! realistic length, then p50/p95/p99 of a mix of queries with facets, measured at the
//! database layer (`library::db::search`) and end to end over HTTP (rendered page).
//!
//! Run: `cargo run --release -p server --example search_bench` (or `make bench-search`).
//! The floor is a bare FTS5 query for the same words (`MATCH` + `bm25` + `LIMIT 20`, no
//! snippets, no facets), in the same run on the same database. Targets: the full search at
//! the database layer p95 <= 2x the floor's p95, and p95 < 20 ms over HTTP.

use app::library::{db, LibraryQuery};
use std::time::{Duration, Instant};

const ITEMS: usize = 10_000;
const ROUNDS: usize = 20;

/// Words for generated text, taken from the kind of writing the library holds.
const WORDS: &[&str] = &[
    "leegstand",
    "ondernemers",
    "vastgoedeigenaren",
    "gemeente",
    "winkelstraat",
    "centrum",
    "openbare",
    "ruimte",
    "bankjes",
    "groen",
    "verblijf",
    "bezoekers",
    "passanten",
    "horeca",
    "branchering",
    "huurprijs",
    "transformatie",
    "wonen",
    "boven",
    "winkels",
    "fonds",
    "biz",
    "ondernemersfonds",
    "bijdrage",
    "samenwerking",
    "vereniging",
    "straatmanager",
    "signalen",
    "ondermijning",
    "witwassen",
    "bibob",
    "veiligheid",
    "verlichting",
    "fiets",
    "parkeren",
    "bereikbaarheid",
    "evenementen",
    "branding",
    "verhaal",
    "identiteit",
    "verduurzaming",
    "energie",
    "gevels",
    "pandeigenaar",
    "aanpak",
    "onderzoek",
    "monitor",
    "cijfers",
    "café",
    "coördinator",
    "financiële",
    "ideeën",
    "markt",
    "plein",
    "kern",
    "wijk",
    "buurt",
    "beleid",
    "omgevingsplan",
    "regels",
    "terras",
    "afspraken",
    "investering",
    "subsidie",
    "ervaring",
];
const THEMES: &[&str] = &[
    "vacancy",
    "public_space",
    "branding",
    "undermining",
    "accessibility",
    "sustainability",
    "organisation",
    "safety",
    "sector_mix",
];
const KINDS: &[&str] = &[
    "article",
    "instrument",
    "practice",
    "research",
    "session_report",
    "recording",
    "regulation",
];

/// Frequent Dutch words, as in any real text.
const COMMON: &[&str] = &[
    "de", "het", "een", "en", "van", "in", "op", "met", "voor", "is", "dat", "die", "te", "zijn",
    "aan", "om", "bij", "ook", "als", "niet", "er", "door", "naar", "wordt", "worden", "meer",
];
const SYLLABLES: &[&str] = &[
    "ver", "be", "ont", "ge", "win", "kel", "straat", "plan", "werk", "huis", "markt", "stad",
    "wijk", "raad", "zaak", "geld", "tijd", "punt", "lijn", "vorm", "stel", "ling", "heid",
    "schap", "baar", "lijk", "ing", "en", "er", "te", "de", "ke", "lo", "ma", "ri", "sa", "to",
];

/// A deterministic text generator with a realistic vocabulary: frequent function words,
/// a few thousand content words (Zipf-like, built from syllables) and the domain words.
struct Dice {
    state: u64,
    vocabulary: Vec<String>,
}
impl Dice {
    fn new(seed: u64) -> Dice {
        let mut dice = Dice {
            state: seed,
            vocabulary: Vec::new(),
        };
        for _ in 0..4000 {
            let parts = 2 + dice.next() % 3;
            let word: String = (0..parts)
                .map(|_| SYLLABLES[dice.next() % SYLLABLES.len()])
                .collect();
            dice.vocabulary.push(word);
        }
        dice
    }
    fn next(&mut self) -> usize {
        self.state = self
            .state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.state >> 33) as usize
    }
    fn word(&mut self) -> String {
        match self.next() % 100 {
            0..=39 => COMMON[self.next() % COMMON.len()].to_string(),
            40..=42 => WORDS[self.next() % WORDS.len()].to_string(),
            _ => {
                // Zipf-like: low indexes are much more frequent.
                let u = (self.next() % 10_000) as f64 / 10_000.0;
                let index = ((u * u * u) * self.vocabulary.len() as f64) as usize;
                self.vocabulary[index.min(self.vocabulary.len() - 1)].clone()
            }
        }
    }
    fn words(&mut self, n: usize) -> String {
        (0..n).map(|_| self.word()).collect::<Vec<_>>().join(" ")
    }
}

fn p95(samples: &[Duration]) -> f64 {
    let mut sorted = samples.to_vec();
    sorted.sort();
    sorted[((sorted.len() as f64 * 0.95) as usize).min(sorted.len() - 1)].as_secs_f64() * 1000.0
}

fn percentiles(mut samples: Vec<Duration>) -> String {
    samples.sort();
    let at = |p: f64| samples[((samples.len() as f64 * p) as usize).min(samples.len() - 1)];
    format!(
        "p50 {:.2} ms · p95 {:.2} ms · p99 {:.2} ms ({} searches)",
        at(0.50).as_secs_f64() * 1000.0,
        at(0.95).as_secs_f64() * 1000.0,
        at(0.99).as_secs_f64() * 1000.0,
        samples.len()
    )
}

fn queries() -> Vec<LibraryQuery> {
    let q = |q: &str, theme: &str, kind: &str, year: &str| LibraryQuery {
        q: q.into(),
        theme: theme.into(),
        kind: kind.into(),
        year: year.into(),
        ..Default::default()
    };
    vec![
        q("leegstand", "", "", ""),
        q("leegst", "", "", ""),
        q("ondermijning", "undermining", "", ""),
        q("\"openbare ruimte\"", "", "", ""),
        q("cafe terras", "", "regulation", ""),
        q("fonds bijdrage", "organisation", "instrument", ""),
        q("coördinator", "", "", "2024"),
        q("", "branding", "", ""),
        q("", "", "practice", "2023"),
        q("xyzzy", "", "", ""),
        q("a", "", "", ""),
        q("\"", "", "", ""),
    ]
}

#[tokio::main]
async fn main() {
    // SEARCH_BENCH_DB keeps the generated database at that path, to study queries on it.
    let dir = tempfile::tempdir().expect("temp dir");
    let database = match std::env::var_os("SEARCH_BENCH_DB") {
        Some(path) => {
            let _ = std::fs::remove_file(&path);
            std::path::PathBuf::from(path)
        }
        None => dir.path().join("bench.db"),
    };
    let pool = server::open_database(&database).await.expect("database");
    app::demo::seed(&pool).await.expect("seed");

    let started = Instant::now();
    let mut dice = Dice::new(42);
    let mut tx = pool.begin().await.unwrap();
    for n in 0..ITEMS {
        let paragraphs = 3 + dice.next() % 4;
        let body = (0..paragraphs)
            .map(|_| {
                let words = 40 + dice.next() % 60;
                dice.words(words)
            })
            .collect::<Vec<_>>()
            .join("\n\n");
        let (title_words, summary_words) = (4 + dice.next() % 5, 15 + dice.next() % 20);
        let title = dice.words(title_words);
        let summary: String = dice.words(summary_words).chars().take(290).collect();
        let kind = KINDS[dice.next() % KINDS.len()];
        let date = format!("{}-{:02}-15", 2019 + dice.next() % 8, 1 + dice.next() % 12);
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO library_items (slug, kind, title, summary, body, published_on)
             VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(format!("bench-{n}"))
        .bind(kind)
        .bind(title)
        .bind(summary)
        .bind(body)
        .bind(date)
        .fetch_one(&mut *tx)
        .await
        .unwrap();
        for _ in 0..(1 + dice.next() % 2) {
            let theme = THEMES[dice.next() % THEMES.len()];
            sqlx::query(
                "INSERT OR IGNORE INTO library_item_themes (item_id, theme_key) VALUES (?, ?)",
            )
            .bind(id)
            .bind(theme)
            .execute(&mut *tx)
            .await
            .unwrap();
        }
    }
    tx.commit().await.unwrap();
    sqlx::query("PRAGMA optimize").execute(&pool).await.unwrap();
    println!(
        "Generated {ITEMS} items in {:.1} s.",
        started.elapsed().as_secs_f64()
    );

    // The floor: the same words as a bare ranked full-text query, nothing else. Queries
    // without words (facets only, or nothing to search for) have no floor and are left out
    // of both sides of the ratio.
    let worded: Vec<(LibraryQuery, String)> = queries()
        .into_iter()
        .filter_map(|q| app::library::search::fts_query(&q.q).map(|fts| (q, fts)))
        .collect();
    let mut floor = Vec::new();
    let mut full = Vec::new();
    for _ in 0..ROUNDS {
        for (query, fts) in &worded {
            let start = Instant::now();
            let _: Vec<i64> = sqlx::query_scalar(
                "SELECT rowid FROM library_fts WHERE library_fts MATCH ? ORDER BY bm25(library_fts) LIMIT 20",
            )
            .bind(fts)
            .fetch_all(&pool)
            .await
            .expect("floor");
            floor.push(start.elapsed());
            let start = Instant::now();
            db::search(&pool, query).await.expect("search");
            full.push(start.elapsed());
        }
    }
    let ratio = p95(&full) / p95(&floor).max(1e-6);
    println!("floor (bare FTS5, worded queries): {}", percentiles(floor));
    println!("full search (same queries):        {}", percentiles(full));
    println!(
        "ratio of p95s: {ratio:.2} (target <= 2.00: {})",
        if ratio <= 2.0 { "met" } else { "missed" }
    );

    // Database layer, every query.
    let mut samples = Vec::new();
    for _ in 0..ROUNDS {
        for query in queries() {
            let start = Instant::now();
            db::search(&pool, &query).await.expect("search");
            samples.push(start.elapsed());
        }
    }
    println!("database layer (all queries): {}", percentiles(samples));
    for query in queries() {
        let start = Instant::now();
        for _ in 0..5 {
            db::search(&pool, &query).await.expect("search");
        }
        println!(
            "  {:>7.2} ms  {}",
            start.elapsed().as_secs_f64() * 200.0,
            query.to_url()
        );
    }

    // End to end: the real router on a socket. A session cookie (of no session) keeps the
    // page cache out of it, so every request searches and renders.
    let config = server::Config::from_lookup(|name| match name {
        "KERNPUNT_DATABASE" => Some(database.to_string_lossy().to_string()),
        "KERNPUNT_ADDR" => Some("127.0.0.1:0".into()),
        "KERNPUNT_LOG" => Some("warn".into()),
        _ => None,
    })
    .unwrap();
    let state = server::AppState {
        leptos_options: config.leptos_options(),
        pool: pool.clone(),
        trusted_proxies: std::sync::Arc::new(config.trusted_proxies.clone()),
        metrics_token: config.metrics_token.clone(),
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(server::serve(listener, state, std::future::pending()));
    let client = reqwest::Client::new();
    let cookie = format!("kernpunt_sessie={}", "0".repeat(64));
    let mut samples = Vec::new();
    for _ in 0..ROUNDS {
        for query in queries() {
            let url = format!("http://{addr}{}", query.to_url());
            let start = Instant::now();
            let response = client
                .get(&url)
                .header("cookie", &cookie)
                .send()
                .await
                .unwrap();
            assert_eq!(response.status().as_u16(), 200, "{url}");
            response.bytes().await.unwrap();
            samples.push(start.elapsed());
        }
    }
    println!("over HTTP (rendered page): {}", percentiles(samples));
}

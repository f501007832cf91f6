//! Demo data: fictional areas with plausible Dutch figures (server only).
//!
//! Everything is generated from a fixed seed, so every demo database is identical and tests
//! can rely on it. Names of areas, organisations and people are made up.

use sqlx::{Sqlite, SqlitePool, Transaction};

/// A tiny deterministic generator (xorshift64*): no dependency, same numbers everywhere.
struct Dice(u64);

impl Dice {
    fn new(seed: u64) -> Self {
        Dice(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// Uniform in `[low, high)`.
    fn range(&mut self, low: f64, high: f64) -> f64 {
        low + (self.next() >> 11) as f64 / (1u64 << 53) as f64 * (high - low)
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next() % items.len() as u64) as usize]
    }
}

struct DemoArea {
    slug: &'static str,
    name: &'static str,
    district: &'static str,
    area_type: &'static str,
    phase: &'static str,
    activation: &'static str,
    lat: f64,
    lon: f64,
    story: &'static str,
}

const AREAS: &[DemoArea] = &[
    DemoArea { slug: "binnenstad", name: "Binnenstad", district: "Centrum", area_type: "city_centre", phase: "stable", activation: "energetic", lat: 52.0907, lon: 5.1214,
        story: "Het historische hart van de stad, met grachten, werven en een sterk aanbod in mode en horeca. Ondernemers en eigenaren werken al jaren samen in een BIZ.\n\nDe uitdaging is de balans tussen bezoekers en bewoners en het vasthouden van de kwaliteit van het winkelaanbod nu landelijke ketens vertrekken." },
    DemoArea { slug: "stationskwartier", name: "Stationskwartier", district: "Centrum", area_type: "shopping_street", phase: "expansion", activation: "energetic", lat: 52.0893, lon: 5.1101,
        story: "Een gebied in volle ontwikkeling tussen station en binnenstad. Nieuwe woningen en kantoren brengen nieuwe doelgroepen.\n\nDe ondernemers willen het gebied een eigen gezicht geven, los van de binnenstad." },
    DemoArea { slug: "brugstraat", name: "Brugstraat", district: "Centrum", area_type: "shopping_street", phase: "build_up", activation: "needs_activation", lat: 52.0951, lon: 5.1188,
        story: "Een aanloopstraat met veel zelfstandige ondernemers en een wisselend aanbod. Een deel van de panden is in handen van particuliere eigenaren die elkaar nog weinig kennen.\n\nDe eerste stap is de eigenaren en ondernemers aan één tafel krijgen." },
    DemoArea { slug: "lindenplein", name: "Lindenplein", district: "Noord", area_type: "neighbourhood_centre", phase: "build_up", activation: "energetic", lat: 52.1152, lon: 5.1102,
        story: "Een compact wijkcentrum rond een plein met een supermarkt, bakker en een wekelijkse markt. Bewoners waarderen het plein, maar het groen en de verlichting zijn verouderd.\n\nDe ondernemersvereniging heeft de herinrichting van het plein op de agenda gezet." },
    DemoArea { slug: "stadshart-noord", name: "Stadshart Noord", district: "Noord", area_type: "district_centre", phase: "decline", activation: "needs_activation", lat: 52.1208, lon: 5.1235,
        story: "Een overdekt winkelcentrum uit de jaren zeventig met één grote eigenaar. De leegstand loopt op en de passage voelt 's avonds onveilig.\n\nDe eigenaar denkt na over transformatie naar wonen in de randen; de gemeente wil een levendig centrum voor de wijk behouden." },
    DemoArea { slug: "vogelenzang", name: "Wijkcentrum Vogelenzang", district: "Noord", area_type: "neighbourhood_centre", phase: "stable", activation: "needs_activation", lat: 52.1251, lon: 5.0987,
        story: "Een rustig wijkcentrum met vooral dagelijkse boodschappen. Het functioneert, maar er is weinig samenwerking tussen de ondernemers." },
    DemoArea { slug: "kastanjelaan", name: "Kastanjelaan", district: "Oost", area_type: "shopping_street", phase: "expansion", activation: "energetic", lat: 52.0931, lon: 5.1452,
        story: "Een levendige laan met speciaalzaken, koffiebars en een sterke ondernemersvereniging die zelf evenementen organiseert.\n\nDe vereniging wil een ondernemersfonds om de activiteiten duurzaam te financieren." },
    DemoArea { slug: "molenstraat", name: "Molenstraat", district: "Oost", area_type: "shopping_street", phase: "decline", activation: "needs_activation", lat: 52.0875, lon: 5.1521,
        story: "Een straat die zijn functie als winkelstraat langzaam verliest. Er zijn signalen van ondermijning: snel wisselende huurders en zaken zonder klanten.\n\nGemeente en eigenaren onderzoeken samen welke panden naar wonen kunnen." },
    DemoArea { slug: "sterrenplein", name: "Sterrenplein", district: "Oost", area_type: "neighbourhood_centre", phase: "build_up", activation: "energetic", lat: 52.0988, lon: 5.1634,
        story: "Een nieuw wijkcentrum in een groeiende wijk. De ondernemers zijn jong en ondernemend; het centrum zoekt nog zijn identiteit." },
    DemoArea { slug: "marktplein-zuid", name: "Marktplein Zuid", district: "Zuid", area_type: "district_centre", phase: "stable", activation: "energetic", lat: 52.0712, lon: 5.1198,
        story: "Het centrum van stadsdeel Zuid, met een grote weekmarkt en een goed gemengd aanbod. De BIZ loopt dit jaar af en moet opnieuw worden gestemd." },
    DemoArea { slug: "parkhof", name: "Parkhof", district: "Zuid", area_type: "neighbourhood_centre", phase: "decline", activation: "needs_activation", lat: 52.0653, lon: 5.1312,
        story: "Een klein wijkcentrum naast het park. Na het vertrek van de drogist staan drie panden leeg en twijfelt de supermarkt over verlenging van de huur." },
    DemoArea { slug: "de-meerhoek", name: "Winkelcentrum De Meerhoek", district: "Zuidwest", area_type: "district_centre", phase: "build_up", activation: "energetic", lat: 52.0748, lon: 5.0823,
        story: "Een winkelcentrum dat net is vernieuwd. De eigenaar en de ondernemers investeren samen in verblijfskwaliteit en een horecaplein." },
    DemoArea { slug: "kanaalweg", name: "Kanaalweg", district: "Zuidwest", area_type: "shopping_street", phase: "stable", activation: "needs_activation", lat: 52.0801, lon: 5.0934,
        story: "Een lange doorgaande weg met winkels op de begane grond en veel verkeer. Bereikbaarheid en laden en lossen zijn een terugkerend punt." },
    DemoArea { slug: "havenstraat", name: "Havenstraat", district: "West", area_type: "shopping_street", phase: "expansion", activation: "energetic", lat: 52.0925, lon: 5.0911,
        story: "Een voormalige havenstraat die is uitgegroeid tot een plek voor ambacht, food en cultuur. Het gebied trekt bezoekers uit de hele stad.\n\nDe ondernemers willen de groei in goede banen leiden zonder de eigenheid te verliezen." },
    DemoArea { slug: "hoge-weide", name: "Winkelcentrum Hoge Weide", district: "West", area_type: "district_centre", phase: "stable", activation: "energetic", lat: 52.1012, lon: 5.0702,
        story: "Een modern stadsdeelcentrum met veel ketens en een ruime parkeergarage. De BIZ is actief en werkt aan verduurzaming van de daken." },
    DemoArea { slug: "lange-akker", name: "Lange Akker", district: "West", area_type: "shopping_street", phase: "decline", activation: "needs_activation", lat: 52.0978, lon: 5.0815,
        story: "Een winkelstraat met een verouderde uitstraling en oplopende leegstand. Er is nog geen georganiseerde samenwerking." },
    DemoArea { slug: "dorpsstraat-oudewijk", name: "Dorpsstraat Oudewijk", district: "Noordoost", area_type: "shopping_street", phase: "stable", activation: "energetic", lat: 52.1189, lon: 5.1598,
        story: "Het oude dorpslint, met monumentale panden en trouwe klanten uit de buurt. De ondernemers organiseren samen de feestverlichting en een jaarlijkse braderie." },
    DemoArea { slug: "tuindorp", name: "Wijkcentrum Tuindorp", district: "Noordoost", area_type: "neighbourhood_centre", phase: "build_up", activation: "needs_activation", lat: 52.1102, lon: 5.1476,
        story: "Een wijkcentrum in een tuindorp uit de jaren twintig. De winkels liggen verspreid; bewoners vragen om een betere ontmoetingsplek." },
];

const YEARS: std::ops::RangeInclusive<i32> = 2020..=2025;

const OPGAVE_TEMPLATES: &[(&str, &str)] = &[
    (
        "vacancy",
        "Leegstaande panden actief aanbieden aan starters",
    ),
    (
        "vacancy",
        "Transformatie van de aanloopstraat naar wonen onderzoeken",
    ),
    (
        "vacancy",
        "Afspraken met eigenaren over tijdelijke invulling",
    ),
    ("public_space", "Herinrichting van het plein met meer groen"),
    ("public_space", "Betere verlichting in de passage"),
    (
        "public_space",
        "Bankjes en speelaanleiding voor langer verblijf",
    ),
    ("branding", "Gezamenlijk verhaal en logo voor het gebied"),
    (
        "branding",
        "Evenementenkalender met de ondernemers opzetten",
    ),
    (
        "undermining",
        "Signalen van ondermijning bundelen met politie en gemeente",
    ),
    ("undermining", "Screening bij wisseling van huurders"),
    ("accessibility", "Fietsparkeren bij de ingangen uitbreiden"),
    ("accessibility", "Venstertijden voor bevoorrading afspreken"),
    ("sustainability", "Collectief zonnepanelen op de daken"),
    (
        "sustainability",
        "Gezamenlijke afvalinzameling voor ondernemers",
    ),
    ("organisation", "Draagvlakmeting voor een BIZ"),
    ("organisation", "Ondernemersfonds oprichten"),
    (
        "safety",
        "Winkelcriminaliteit samen aanpakken met cameratoezicht",
    ),
    (
        "sector_mix",
        "Branchering: meer dagelijkse boodschappen terug in het centrum",
    ),
];

const OWNERS: &[&str] = &[
    "Ondernemersvereniging",
    "BIZ-bestuur",
    "Gemeente, gebiedsmanager",
    "Vastgoedeigenaren",
    "Straatmanager",
    "Coördinatiepunt",
];

const FIRST_NAMES: &[&str] = &[
    "Sanne", "Mehmet", "Anouk", "Ruben", "Fatima", "Joost", "Lieke", "Youssef", "Inge", "Daan",
    "Noor", "Bram", "Esra", "Pieter", "Marloes", "Karim",
];
const LAST_NAMES: &[&str] = &[
    "de Wit",
    "Yilmaz",
    "Bakker",
    "Jansen",
    "El Amrani",
    "Verhoeven",
    "Smit",
    "Bouzid",
    "van Dijk",
    "Mulder",
    "de Graaf",
    "Kramer",
    "Aydin",
    "Visser",
];

const STUURWIEL_SEGMENTS: &[(&str, &str)] = &[
    (
        "Visie en ambitie",
        "Een gedeeld verhaal en doel voor het gebied.",
    ),
    (
        "Organisatie en samenwerking",
        "Wie doet wat, en hoe zijn ondernemers, eigenaren en gemeente georganiseerd.",
    ),
    (
        "Financiering",
        "BIZ, ondernemersfonds, subsidies en eigen bijdragen.",
    ),
    (
        "Vastgoed en leegstand",
        "Eigenaren betrekken, leegstand voorkomen en verhelpen.",
    ),
    (
        "Openbare ruimte en beleving",
        "Inrichting, schoon, heel en veilig, verblijfskwaliteit.",
    ),
    (
        "Marketing en branding",
        "Het gebied zichtbaar maken voor bezoekers.",
    ),
    (
        "Veiligheid en ondermijning",
        "Sociale veiligheid en weerbaarheid tegen criminele inmenging.",
    ),
];

/// The password of the demo accounts (stated in the README; only in the demo database).
pub const DEMO_PASSWORD: &str = "kernpunt-demo";

/// Demo accounts: one of each role; the area editor edits Lindenplein.
pub const DEMO_ACCOUNTS: &[(&str, &str, &str, Option<&str>)] = &[
    ("beheer@voorbeeld.nl", "Bea Beheer", "admin", None),
    (
        "coordinator@voorbeeld.nl",
        "Chris de Coördinator",
        "coordinator",
        None,
    ),
    (
        "redacteur@voorbeeld.nl",
        "Rik Redacteur",
        "area_editor",
        Some("lindenplein"),
    ),
];

/// The result of seeding, for the caller to report.
#[derive(Debug, PartialEq, Eq)]
pub enum SeedOutcome {
    Seeded { areas: usize },
    AlreadyHasData,
}

/// Fills an empty database with the demo data, in one transaction.
/// Leaves a database that already has areas alone.
pub async fn seed(pool: &SqlitePool) -> Result<SeedOutcome, sqlx::Error> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let existing: i64 = sqlx::query_scalar("SELECT count(*) FROM areas")
        .fetch_one(&mut *tx)
        .await?;
    if existing > 0 {
        return Ok(SeedOutcome::AlreadyHasData);
    }

    let framework_id = seed_stuurwiel_framework(&mut tx).await?;
    for area in AREAS {
        sqlx::query(
            "INSERT INTO districts (name, position) VALUES (?, (SELECT count(*) + 1 FROM districts))
             ON CONFLICT (name) DO NOTHING",
        )
        .bind(area.district)
        .execute(&mut *tx)
        .await?;
    }
    for (index, area) in AREAS.iter().enumerate() {
        let mut dice = Dice::new(index as u64 + 1);
        let area_id = insert_area(&mut tx, area).await?;
        seed_indicators(&mut tx, area_id, area, &mut dice).await?;
        seed_opgaves(&mut tx, area_id, &mut dice).await?;
        seed_stakeholders(&mut tx, area_id, area, &mut dice).await?;
        seed_contacts(&mut tx, area_id, &mut dice).await?;
        seed_assessments(&mut tx, area_id, framework_id, area, &mut dice).await?;
    }
    seed_accounts(&mut tx).await?;
    crate::library::db::seed_demo(&mut tx).await?;
    crate::sessions::db::seed_demo(&mut tx).await?;
    crate::sessions::topics::db::seed_demo(&mut tx).await?;
    tx.commit().await?;
    Ok(SeedOutcome::Seeded { areas: AREAS.len() })
}

async fn seed_accounts(tx: &mut Transaction<'_, Sqlite>) -> Result<(), sqlx::Error> {
    for (email, name, role, area) in DEMO_ACCOUNTS {
        let user_id: i64 = sqlx::query_scalar(
            "INSERT INTO users (email, name, role, password_hash) VALUES (?, ?, ?, ?) RETURNING id",
        )
        .bind(email)
        .bind(name)
        .bind(role)
        .bind(crate::accounts::password::hash(DEMO_PASSWORD))
        .fetch_one(&mut **tx)
        .await?;
        if let Some(slug) = area {
            sqlx::query(
                "INSERT INTO user_areas (user_id, area_id) SELECT ?, id FROM areas WHERE slug = ?",
            )
            .bind(user_id)
            .bind(slug)
            .execute(&mut **tx)
            .await?;
        }
    }
    Ok(())
}

async fn insert_area(
    tx: &mut Transaction<'_, Sqlite>,
    area: &DemoArea,
) -> Result<i64, sqlx::Error> {
    let ambition = match area.phase {
        "decline" => {
            "Het verval keren: minder leegstand en een centrum waar bewoners weer graag komen."
        }
        "build_up" => {
            "Samenwerking opbouwen en in drie jaar een herkenbaar, levendig centrum worden."
        }
        "expansion" => {
            "De groei vasthouden en het gebied uitbouwen tot bestemming voor de hele stad."
        }
        _ => "De kwaliteit vasthouden en vernieuwen waar dat nodig is.",
    };
    Ok(sqlx::query(
        "INSERT INTO areas (slug, name, district, area_type, story, ambition, phase, activation, latitude, longitude)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(area.slug)
    .bind(area.name)
    .bind(area.district)
    .bind(area.area_type)
    .bind(area.story)
    .bind(ambition)
    .bind(area.phase)
    .bind(area.activation)
    .bind(area.lat)
    .bind(area.lon)
    .execute(&mut **tx)
    .await?
    .last_insert_rowid())
}

fn round(value: f64, decimals: i32) -> f64 {
    let factor = 10f64.powi(decimals);
    (value * factor).round() / factor
}

async fn seed_indicators(
    tx: &mut Transaction<'_, Sqlite>,
    area_id: i64,
    area: &DemoArea,
    dice: &mut Dice,
) -> Result<(), sqlx::Error> {
    // Starting points and yearly drift by phase and type, in realistic Dutch ranges.
    let (mut vacancy, vacancy_drift) = match area.phase {
        "decline" => (dice.range(8.0, 12.0), dice.range(0.4, 1.0)),
        "build_up" => (dice.range(8.0, 11.0), dice.range(-0.6, -0.1)),
        "expansion" => (dice.range(5.0, 8.0), dice.range(-0.7, -0.3)),
        _ => (dice.range(3.5, 6.5), dice.range(-0.2, 0.2)),
    };
    let (outlets_base, footfall_base) = match area.area_type {
        "city_centre" => (dice.range(420.0, 560.0), dice.range(28_000.0, 42_000.0)),
        "district_centre" => (dice.range(95.0, 170.0), dice.range(8_000.0, 16_000.0)),
        "neighbourhood_centre" => (dice.range(25.0, 55.0), dice.range(2_500.0, 5_500.0)),
        _ => (dice.range(45.0, 110.0), dice.range(3_500.0, 11_000.0)),
    };
    let footfall_trend = match area.phase {
        "decline" => -0.04,
        "expansion" => 0.04,
        "build_up" => 0.01,
        _ => 0.0,
    };
    let mut rating = dice.range(6.4, 7.6);
    let daily_base = if area.area_type == "neighbourhood_centre" {
        40.0
    } else {
        22.0
    };
    let fashion_base = if area.area_type == "city_centre" {
        28.0
    } else {
        10.0
    };
    let chain_base = dice.range(20.0, 60.0);
    let floor_factor = dice.range(0.8, 1.3);

    for (step, year) in YEARS.enumerate() {
        let step = step as f64;
        let period = year.to_string();
        // 2020–2021: the pandemic dip in footfall.
        let pandemic = match year {
            2020 => 0.78,
            2021 => 0.86,
            _ => 1.0,
        };
        if step > 0.0 {
            vacancy = (vacancy + vacancy_drift + dice.range(-0.4, 0.4)).clamp(1.5, 22.0);
            rating = (rating + dice.range(-0.15, 0.2) - vacancy_drift * 0.05).clamp(5.5, 8.4);
        }
        let outlets = (outlets_base
            * (1.0 + 0.01 * step * if vacancy_drift > 0.0 { -1.0 } else { 1.0 }))
        .round();
        let footfall =
            (footfall_base * pandemic * (1.0 + footfall_trend * step) * dice.range(0.96, 1.04)
                / 10.0)
                .round()
                * 10.0;

        // Sector shares of the occupied outlets add up, with vacancy, to 100%.
        let occupied = 100.0 - vacancy;
        let raw = [
            daily_base + dice.range(-4.0, 4.0),
            fashion_base + dice.range(-3.0, 3.0),
            dice.range(6.0, 11.0),
            dice.range(14.0, 26.0) + step * 0.5,
            dice.range(14.0, 22.0),
        ];
        let total: f64 = raw.iter().sum();
        let shares: Vec<f64> = raw.iter().map(|r| r / total * occupied).collect();

        let values: [(&str, f64, &str); 12] = [
            (
                "vacancy_outlets",
                round(vacancy, 1),
                "Leegstandsmonitor (demo)",
            ),
            (
                "vacancy_floor",
                round(vacancy * floor_factor, 1),
                "Leegstandsmonitor (demo)",
            ),
            (
                "vacancy_long_term",
                round(vacancy * dice.range(0.35, 0.6), 1),
                "Leegstandsmonitor (demo)",
            ),
            ("outlets", outlets, "Winkelmonitor (demo)"),
            ("footfall", footfall, "Passantentelling (demo)"),
            ("rating", round(rating, 1), "Bezoekersonderzoek (demo)"),
            ("share_daily", round(shares[0], 1), "Winkelmonitor (demo)"),
            ("share_fashion", round(shares[1], 1), "Winkelmonitor (demo)"),
            ("share_leisure", round(shares[2], 1), "Winkelmonitor (demo)"),
            (
                "share_food_drink",
                round(shares[3], 1),
                "Winkelmonitor (demo)",
            ),
            (
                "share_services",
                round(shares[4], 1),
                "Winkelmonitor (demo)",
            ),
            (
                "chain_share",
                round(chain_base + dice.range(-2.0, 2.0), 1),
                "Winkelmonitor (demo)",
            ),
        ];
        for (key, value, source) in values {
            sqlx::query(
                "INSERT INTO indicator_values (area_id, indicator_key, period, value, source)
                 VALUES (?, ?, ?, ?, ?)",
            )
            .bind(area_id)
            .bind(key)
            .bind(&period)
            .bind(value)
            .bind(source)
            .execute(&mut **tx)
            .await?;
        }
    }
    Ok(())
}

async fn seed_opgaves(
    tx: &mut Transaction<'_, Sqlite>,
    area_id: i64,
    dice: &mut Dice,
) -> Result<(), sqlx::Error> {
    let count = 2 + (dice.next() % 5) as usize; // 2–6
    let start = (dice.next() % OPGAVE_TEMPLATES.len() as u64) as usize;
    let step = *dice.pick(&[1usize, 5, 7, 11]); // coprime with the 18 templates: no repeats
    for i in 0..count {
        let (theme, title) = OPGAVE_TEMPLATES[(start + i * step) % OPGAVE_TEMPLATES.len()];
        let status = *dice.pick(&["open", "open", "in_progress", "in_progress", "done"]);
        let month = 1 + dice.next() % 12;
        let year = *dice.pick(&[2025, 2026, 2026, 2027]);
        let due = format!("{year}-{month:02}-{:02}", 1 + dice.next() % 28);
        // Started some years back (without another throw of the dice, so the rest of the
        // demo data stays as it was); done ones ended a year later.
        let started = (status != "open").then(|| format!("{}-{month:02}-01", 2021 + i % 3));
        let finished = (status == "done").then(|| format!("{}-{month:02}-15", 2022 + i % 3));
        let opgave_id: i64 = sqlx::query_scalar(
            "INSERT INTO opgaves (area_id, title, theme_key, status, owner, due_date, started_on, finished_on)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(area_id)
        .bind(title)
        .bind(theme)
        .bind(status)
        .bind(*dice.pick(OWNERS))
        .bind(due)
        .bind(started)
        .bind(finished)
        .fetch_one(&mut **tx)
        .await?;
        // Vacancy opgaves should bring vacancy down; public space ones raise the rating.
        let link = match theme {
            "vacancy" => Some(("vacancy_outlets", "decrease")),
            "public_space" => Some(("rating", "increase")),
            _ => None,
        };
        if let Some((indicator, intended)) = link {
            sqlx::query(
                "INSERT INTO opgave_indicators (opgave_id, indicator_key, intended) VALUES (?, ?, ?)",
            )
            .bind(opgave_id)
            .bind(indicator)
            .bind(intended)
            .execute(&mut **tx)
            .await?;
        }
    }
    Ok(())
}

async fn organisation(
    tx: &mut Transaction<'_, Sqlite>,
    name: &str,
    kind: &str,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO organisations (name, kind) VALUES (?, ?)
         ON CONFLICT (name) DO UPDATE SET kind = excluded.kind
         RETURNING id",
    )
    .bind(name)
    .bind(kind)
    .fetch_one(&mut **tx)
    .await
}

async fn seed_stakeholders(
    tx: &mut Transaction<'_, Sqlite>,
    area_id: i64,
    area: &DemoArea,
    dice: &mut Dice,
) -> Result<(), sqlx::Error> {
    let short_name = area
        .name
        .trim_start_matches("Winkelcentrum ")
        .trim_start_matches("Wijkcentrum ");
    let mut parties: Vec<(String, &str, &str, String, Option<(String, String, i64)>)> = vec![(
        format!("Gemeente, stadsdeel {}", area.district),
        "municipality",
        "municipality",
        "Gebiedsmanager en accounthouder economie".into(),
        None,
    )];
    if area.activation == "energetic" {
        let budget = (dice.range(40_000.0, 250_000.0) / 1000.0).round() as i64 * 1000;
        parties.push((
            format!("BIZ {short_name}"),
            "biz",
            "entrepreneurs",
            "Bedrijveninvesteringszone van ondernemers en eigenaren".into(),
            Some(("2023-01-01".into(), "2027-12-31".into(), budget)),
        ));
    }
    parties.push((
        format!("Ondernemersvereniging {short_name}"),
        "association",
        "entrepreneurs",
        "Vertegenwoordigt de ondernemers".into(),
        None,
    ));
    let owner = *dice.pick(&[
        "Stadsvast Beheer",
        "Kwartier Vastgoed",
        "Noorderlicht Beleggingen",
        "Woonwinkel Vastgoed",
        "De Gevel Holding",
    ]);
    parties.push((
        owner.to_string(),
        "property_owner",
        "property",
        "Eigenaar van een groot deel van de panden".into(),
        None,
    ));
    if dice.next() % 2 == 0 {
        parties.push((
            format!("Bewonersplatform {short_name}"),
            "residents",
            "residents",
            "Bewoners uit de directe omgeving".into(),
            None,
        ));
    }

    for (name, kind, role, description, fund) in parties {
        let organisation_id = organisation(tx, &name, kind).await?;
        let (start, end, budget) = match fund {
            Some((start, end, budget)) => (Some(start), Some(end), Some(budget)),
            None => (None, None, None),
        };
        sqlx::query(
            "INSERT INTO stakeholders (area_id, organisation_id, role, description, term_start, term_end, annual_budget_eur)
             VALUES (?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(area_id)
        .bind(organisation_id)
        .bind(role)
        .bind(description)
        .bind(start.clone())
        .bind(end.clone())
        .bind(budget)
        .execute(&mut **tx)
        .await?;
        // The term and budget belong to the organisation (a BIZ has one, whatever area).
        if budget.is_some() {
            sqlx::query(
                "UPDATE organisations SET term_start = ?, term_end = ?, annual_budget_eur = ? WHERE id = ?",
            )
            .bind(start)
            .bind(end)
            .bind(budget)
            .bind(organisation_id)
            .execute(&mut **tx)
            .await?;
        }
    }
    Ok(())
}

async fn seed_contacts(
    tx: &mut Transaction<'_, Sqlite>,
    area_id: i64,
    dice: &mut Dice,
) -> Result<(), sqlx::Error> {
    for role in [
        "street_manager",
        "business_contact_officer",
        "district_manager",
    ] {
        let first = *dice.pick(FIRST_NAMES);
        let last = *dice.pick(LAST_NAMES);
        let email = format!(
            "{}.{}@voorbeeld.nl",
            first.to_lowercase(),
            last.to_lowercase().replace(' ', "")
        );
        sqlx::query("INSERT INTO contacts (area_id, role, name, email) VALUES (?, ?, ?, ?)")
            .bind(area_id)
            .bind(role)
            .bind(format!("{first} {last}"))
            .bind(email)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

async fn seed_stuurwiel_framework(tx: &mut Transaction<'_, Sqlite>) -> Result<i64, sqlx::Error> {
    let framework_id: i64 = sqlx::query_scalar(
        "INSERT INTO stuurwiel_frameworks (name, description, scale_min, scale_max)
         VALUES ('Stuurwiel centrummanagement (demo)',
                 'Voorbeeldindeling; coördinatoren passen segmenten en namen aan.', 1, 5)
         RETURNING id",
    )
    .fetch_one(&mut **tx)
    .await?;
    for (position, (name, description)) in STUURWIEL_SEGMENTS.iter().enumerate() {
        sqlx::query(
            "INSERT INTO stuurwiel_segments (framework_id, name, description, position) VALUES (?, ?, ?, ?)",
        )
        .bind(framework_id)
        .bind(name)
        .bind(description)
        .bind(position as i64 + 1)
        .execute(&mut **tx)
        .await?;
    }
    Ok(framework_id)
}

async fn seed_assessments(
    tx: &mut Transaction<'_, Sqlite>,
    area_id: i64,
    framework_id: i64,
    area: &DemoArea,
    dice: &mut Dice,
) -> Result<(), sqlx::Error> {
    let segment_ids: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM stuurwiel_segments WHERE framework_id = ? ORDER BY position",
    )
    .bind(framework_id)
    .fetch_all(&mut **tx)
    .await?;
    let base: i64 = if area.activation == "energetic" { 3 } else { 2 };
    let mut previous: Vec<i64> = segment_ids
        .iter()
        .map(|_| (base + (dice.next() % 2) as i64).clamp(1, 5))
        .collect();
    for (round_no, date) in ["2025-06-12", "2026-06-11"].into_iter().enumerate() {
        let assessment_id: i64 = sqlx::query_scalar(
            "INSERT INTO stuurwiel_assessments (area_id, framework_id, assessed_on, assessed_by, note)
             VALUES (?, ?, ?, 'Coördinatiepunt', ?) RETURNING id",
        )
        .bind(area_id)
        .bind(framework_id)
        .bind(date)
        .bind(if round_no == 0 { "Nulmeting met de stakeholders." } else { "Tweede ronde, een jaar later." })
        .fetch_one(&mut **tx)
        .await?;
        for (i, segment_id) in segment_ids.iter().enumerate() {
            if round_no > 0 {
                let delta = *dice.pick(&[-1, 0, 0, 1, 1]);
                previous[i] = (previous[i] + delta).clamp(1, 5);
            }
            sqlx::query(
                "INSERT INTO stuurwiel_scores (assessment_id, segment_id, score) VALUES (?, ?, ?)",
            )
            .bind(assessment_id)
            .bind(segment_id)
            .bind(previous[i])
            .execute(&mut **tx)
            .await?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn seeds_a_complete_demo_once() {
        let pool = crate::db::test_pool().await;
        assert_eq!(
            seed(&pool).await.unwrap(),
            SeedOutcome::Seeded { areas: AREAS.len() }
        );
        assert_eq!(seed(&pool).await.unwrap(), SeedOutcome::AlreadyHasData);

        let areas: i64 = sqlx::query_scalar("SELECT count(*) FROM areas")
            .fetch_one(&pool)
            .await
            .unwrap();
        assert!(areas >= 15);
        let districts: i64 = sqlx::query_scalar("SELECT count(DISTINCT district) FROM areas")
            .fetch_one(&pool)
            .await
            .unwrap();
        assert!(districts >= 4);

        // Every area: 5+ years of every indicator, 2–6 opgaves, contacts, two assessment rounds.
        let per_area: Vec<(i64, i64, i64, i64, i64)> = sqlx::query_as(
            "SELECT
               (SELECT count(DISTINCT period) FROM indicator_values v WHERE v.area_id = a.id),
               (SELECT count(DISTINCT indicator_key) FROM indicator_values v WHERE v.area_id = a.id),
               (SELECT count(*) FROM opgaves o WHERE o.area_id = a.id),
               (SELECT count(*) FROM contacts c WHERE c.area_id = a.id),
               (SELECT count(*) FROM stuurwiel_assessments s WHERE s.area_id = a.id)
             FROM areas a",
        )
        .fetch_all(&pool)
        .await
        .unwrap();
        let indicator_count: i64 = sqlx::query_scalar("SELECT count(*) FROM indicator_definitions")
            .fetch_one(&pool)
            .await
            .unwrap();
        for (years, indicators, opgaves, contacts, rounds) in per_area {
            assert!(years >= 5);
            assert_eq!(indicators, indicator_count);
            assert!((2..=6).contains(&opgaves), "{opgaves} opgaves");
            assert_eq!(contacts, 3);
            assert_eq!(rounds, 2);
        }

        // Figures stay in realistic ranges.
        let (min_vacancy, max_vacancy): (f64, f64) = sqlx::query_as(
            "SELECT min(value), max(value) FROM indicator_values WHERE indicator_key = 'vacancy_outlets'",
        )
        .fetch_one(&pool)
        .await
        .unwrap();
        assert!(min_vacancy >= 1.5 && max_vacancy <= 22.0);
        let (min_rating, max_rating): (f64, f64) = sqlx::query_as(
            "SELECT min(value), max(value) FROM indicator_values WHERE indicator_key = 'rating'",
        )
        .fetch_one(&pool)
        .await
        .unwrap();
        assert!(min_rating >= 5.5 && max_rating <= 8.4);
        let segments: i64 = sqlx::query_scalar("SELECT count(*) FROM stuurwiel_segments")
            .fetch_one(&pool)
            .await
            .unwrap();
        assert!((6..=8).contains(&segments));
    }
}

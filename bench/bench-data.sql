-- Benchmark data for bench/pages.sh, applied to a freshly seeded demo database:
--
--   server seed && sqlite3 bench.db < bench/bench-data.sql
--
-- 1. Adds fictional areas (generic Dutch street and centre names, the demo's districts and
--    coordinates around the demo city) until there are 70, each with contacts, two
--    stakeholders, a few opgaves and two stuurwiel rounds.
-- 2. Replaces every indicator value with 10 years of MONTHLY values, '2016-01' … '2025-12',
--    for every area and every row of indicator_definitions: 70 × 120 × 12 = 100,800 rows,
--    source 'Benchmark'.
--
-- Deterministic: every "random" number comes from one Park–Miller generator
-- (x ← x · 48271 mod 2³¹−1, fixed seed) that a recursive CTE unrolls into a temp table,
-- read back by position (area id · 2000 + month · 8 + k). No random(), no math functions,
-- so every run and every SQLite build gives the same database. Runs in well under a second.

.bail on
PRAGMA foreign_keys = ON;
BEGIN IMMEDIATE;

-- The random stream: u in [0, 1) at position n. Positions per area id:
--   id·2000 + t·8 + k   (t = month 0…119, k = 0…7)  monthly noise
--   id·2000 + 1000 + k  (k = 0…99)                  per-area parameters
--   0 … 999                                          coordinates of the new areas
-- Sized for the largest area id after the inserts below.
CREATE TEMP TABLE rnd (n INTEGER PRIMARY KEY, u REAL NOT NULL);
WITH RECURSIVE lcg (n, x) AS (
    SELECT 0, 20260101
    UNION ALL
    SELECT n + 1, (x * 48271) % 2147483647 FROM lcg
    WHERE n < (SELECT (max(id) + 70) * 2000 + 1999 FROM areas)
)
INSERT INTO rnd (n, u) SELECT n, x / 2147483647.0 FROM lcg;

-- ---------------------------------------------------------------------------------------
-- 1. More areas, until there are 70.
-- ---------------------------------------------------------------------------------------

CREATE TEMP TABLE district_centre (district TEXT PRIMARY KEY, lat REAL, lon REAL);
INSERT INTO district_centre VALUES
  ('Centrum',   52.0915, 5.1170),
  ('Noord',     52.1200, 5.1110),
  ('Oost',      52.0930, 5.1540),
  ('Zuid',      52.0685, 5.1250),
  ('Zuidwest',  52.0770, 5.0880),
  ('West',      52.0970, 5.0810),
  ('Noordoost', 52.1150, 5.1540);

CREATE TEMP TABLE new_area (
    seq INTEGER PRIMARY KEY, slug TEXT, name TEXT, district TEXT,
    area_type TEXT, phase TEXT, activation TEXT
);
INSERT INTO new_area (seq, slug, name, district, area_type, phase, activation) VALUES
  ( 1, 'kerkstraat',             'Kerkstraat',                    'Centrum',   'shopping_street',      'stable',    'energetic'),
  ( 2, 'voorstraat',             'Voorstraat',                    'Centrum',   'shopping_street',      'expansion', 'energetic'),
  ( 3, 'nieuwstraat',            'Nieuwstraat',                   'Centrum',   'shopping_street',      'decline',   'needs_activation'),
  ( 4, 'hoogstraat',             'Hoogstraat',                    'Centrum',   'shopping_street',      'build_up',  'energetic'),
  ( 5, 'korte-gracht',           'Korte Gracht',                  'Centrum',   'shopping_street',      'stable',    'needs_activation'),
  ( 6, 'vismarkt',               'Vismarkt',                      'Centrum',   'shopping_street',      'expansion', 'energetic'),
  ( 7, 'lakenhalpassage',        'Lakenhalpassage',               'Centrum',   'shopping_street',      'decline',   'needs_activation'),
  ( 8, 'bloemenplein',           'Bloemenplein',                  'Noord',     'neighbourhood_centre', 'stable',    'energetic'),
  ( 9, 'zonnehoek',              'Wijkcentrum Zonnehoek',         'Noord',     'neighbourhood_centre', 'build_up',  'needs_activation'),
  (10, 'rozenlaan',              'Rozenlaan',                     'Noord',     'shopping_street',      'decline',   'needs_activation'),
  (11, 'berkenhof',              'Berkenhof',                     'Noord',     'neighbourhood_centre', 'stable',    'needs_activation'),
  (12, 'noorderpoort',           'Winkelcentrum Noorderpoort',    'Noord',     'district_centre',      'build_up',  'energetic'),
  (13, 'eikenplein',             'Eikenplein',                    'Noord',     'neighbourhood_centre', 'expansion', 'energetic'),
  (14, 'akkerstraat',            'Akkerstraat',                   'Noord',     'shopping_street',      'stable',    'needs_activation'),
  (15, 'klaverweide',            'Wijkcentrum Klaverweide',       'Noord',     'neighbourhood_centre', 'decline',   'needs_activation'),
  (16, 'oosterpoort',            'Winkelcentrum Oosterpoort',     'Oost',      'district_centre',      'stable',    'energetic'),
  (17, 'beukenlaan',             'Beukenlaan',                    'Oost',      'shopping_street',      'build_up',  'energetic'),
  (18, 'maanhof',                'Wijkcentrum Maanhof',           'Oost',      'neighbourhood_centre', 'stable',    'needs_activation'),
  (19, 'hofstraat',              'Hofstraat',                     'Oost',      'shopping_street',      'decline',   'needs_activation'),
  (20, 'populierenplein',        'Populierenplein',               'Oost',      'neighbourhood_centre', 'expansion', 'energetic'),
  (21, 'singelstraat',           'Singelstraat',                  'Oost',      'shopping_street',      'stable',    'energetic'),
  (22, 'de-horst',               'Wijkcentrum De Horst',          'Oost',      'neighbourhood_centre', 'build_up',  'needs_activation'),
  (23, 'esdoornlaan',            'Esdoornlaan',                   'Oost',      'shopping_street',      'decline',   'needs_activation'),
  (24, 'zuiderhof',              'Winkelcentrum Zuiderhof',       'Zuid',      'district_centre',      'build_up',  'energetic'),
  (25, 'wilgenplein',            'Wilgenplein',                   'Zuid',      'neighbourhood_centre', 'stable',    'energetic'),
  (26, 'tolhuisstraat',          'Tolhuisstraat',                 'Zuid',      'shopping_street',      'decline',   'needs_activation'),
  (27, 'rijnoever',              'Wijkcentrum Rijnoever',         'Zuid',      'neighbourhood_centre', 'expansion', 'energetic'),
  (28, 'zwanenhof',              'Zwanenhof',                     'Zuid',      'neighbourhood_centre', 'stable',    'needs_activation'),
  (29, 'brinkstraat',            'Brinkstraat',                   'Zuid',      'shopping_street',      'build_up',  'energetic'),
  (30, 'dijkstraat',             'Dijkstraat',                    'Zuid',      'shopping_street',      'stable',    'needs_activation'),
  (31, 'hooghuis',               'Wijkcentrum Hooghuis',          'Zuid',      'neighbourhood_centre', 'decline',   'needs_activation'),
  (32, 'de-schouw',              'Winkelcentrum De Schouw',       'Zuidwest',  'district_centre',      'stable',    'energetic'),
  (33, 'sluisweg',               'Sluisweg',                      'Zuidwest',  'shopping_street',      'decline',   'needs_activation'),
  (34, 'polderhof',              'Wijkcentrum Polderhof',         'Zuidwest',  'neighbourhood_centre', 'build_up',  'energetic'),
  (35, 'gemaalstraat',           'Gemaalstraat',                  'Zuidwest',  'shopping_street',      'stable',    'needs_activation'),
  (36, 'veldhof',                'Veldhof',                       'Zuidwest',  'neighbourhood_centre', 'expansion', 'energetic'),
  (37, 'weteringplein',          'Weteringplein',                 'Zuidwest',  'neighbourhood_centre', 'stable',    'energetic'),
  (38, 'molenpad',               'Molenpad',                      'Zuidwest',  'shopping_street',      'build_up',  'needs_activation'),
  (39, 'westerpark',             'Winkelcentrum Westerpark',      'West',      'district_centre',      'decline',   'needs_activation'),
  (40, 'ambachtsstraat',         'Ambachtsstraat',                'West',      'shopping_street',      'expansion', 'energetic'),
  (41, 'werfplein',              'Werfplein',                     'West',      'neighbourhood_centre', 'build_up',  'energetic'),
  (42, 'rietveld',               'Wijkcentrum Rietveld',          'West',      'neighbourhood_centre', 'stable',    'needs_activation'),
  (43, 'scheepmakersstraat',     'Scheepmakersstraat',            'West',      'shopping_street',      'expansion', 'energetic'),
  (44, 'touwbaan',               'Touwbaan',                      'West',      'shopping_street',      'decline',   'needs_activation'),
  (45, 'ankerplein',             'Ankerplein',                    'West',      'neighbourhood_centre', 'stable',    'energetic'),
  (46, 'kerkplein-oudewijk',     'Kerkplein Oudewijk',            'Noordoost', 'neighbourhood_centre', 'stable',    'energetic'),
  (47, 'boomgaard',              'Wijkcentrum Boomgaard',         'Noordoost', 'neighbourhood_centre', 'build_up',  'needs_activation'),
  (48, 'hoefslag',               'Hoefslag',                      'Noordoost', 'shopping_street',      'decline',   'needs_activation'),
  (49, 'molenweide',             'Molenweide',                    'Noordoost', 'neighbourhood_centre', 'expansion', 'energetic'),
  (50, 'hofstede',               'Winkelcentrum Hofstede',        'Noordoost', 'district_centre',      'stable',    'energetic'),
  (51, 'dorpsplein-ruigenhoek',  'Dorpsplein Ruigenhoek',         'Noordoost', 'neighbourhood_centre', 'build_up',  'energetic'),
  (52, 'elzenhof',               'Wijkcentrum Elzenhof',          'Noordoost', 'neighbourhood_centre', 'decline',   'needs_activation'),
  (53, 'stationsstraat-oost',    'Stationsstraat Oost',           'Oost',      'shopping_street',      'stable',    'energetic'),
  (54, 'lindelaan',              'Lindelaan',                     'Zuid',      'shopping_street',      'expansion', 'energetic'),
  (55, 'kloosterhof',            'Wijkcentrum Kloosterhof',       'West',      'neighbourhood_centre', 'stable',    'needs_activation'),
  (56, 'marktstraat-noord',      'Marktstraat Noord',             'Noord',     'shopping_street',      'build_up',  'energetic');

INSERT INTO areas (slug, name, district, area_type, story, ambition, phase, activation,
                   latitude, longitude)
SELECT n.slug, n.name, n.district, n.area_type,
       CASE n.area_type
         WHEN 'district_centre' THEN
           'Het winkelcentrum van stadsdeel ' || n.district || ', met supermarkten, ketens en een handvol zelfstandigen. ' ||
           char(10) || char(10) || 'Eigenaren en ondernemers praten samen over de toekomst van het centrum.'
         WHEN 'neighbourhood_centre' THEN
           'Een wijkcentrum voor de dagelijkse boodschappen in ' || n.district || '. Bewoners kennen elkaar hier.'
         ELSE
           'Een winkelstraat in ' || n.district || ' met zelfstandige ondernemers, horeca en diensten.'
       END,
       CASE n.phase
         WHEN 'decline'   THEN 'Het verval keren: minder leegstand en een centrum waar bewoners weer graag komen.'
         WHEN 'build_up'  THEN 'Samenwerking opbouwen en in drie jaar een herkenbaar, levendig centrum worden.'
         WHEN 'expansion' THEN 'De groei vasthouden en het gebied uitbouwen tot bestemming voor de hele stad.'
         ELSE 'De kwaliteit vasthouden en vernieuwen waar dat nodig is.'
       END,
       n.phase, n.activation,
       -- Within about 1.5 km of the district's centre.
       round(c.lat + (r1.u - 0.5) * 0.026, 4),
       round(c.lon + (r2.u - 0.5) * 0.040, 4)
FROM new_area n
JOIN district_centre c ON c.district = n.district
JOIN rnd r1 ON r1.n = n.seq * 2
JOIN rnd r2 ON r2.n = n.seq * 2 + 1
WHERE n.slug NOT IN (SELECT slug FROM areas)
ORDER BY n.seq
LIMIT max(0, 70 - (SELECT count(*) FROM areas));

CREATE TEMP TABLE added AS
SELECT a.id, a.name, a.district, a.activation,
       replace(replace(a.name, 'Winkelcentrum ', ''), 'Wijkcentrum ', '') AS short_name
FROM areas a JOIN new_area n ON n.slug = a.slug;

-- Contacts: one of each role.
CREATE TEMP TABLE first_name (i INTEGER PRIMARY KEY, v TEXT);
INSERT INTO first_name (i, v) VALUES (0,'Sanne'),(1,'Mehmet'),(2,'Anouk'),(3,'Ruben'),
  (4,'Fatima'),(5,'Joost'),(6,'Lieke'),(7,'Youssef'),(8,'Inge'),(9,'Daan'),(10,'Noor'),
  (11,'Bram'),(12,'Esra'),(13,'Pieter'),(14,'Marloes'),(15,'Karim');
CREATE TEMP TABLE last_name (i INTEGER PRIMARY KEY, v TEXT, mail TEXT);
INSERT INTO last_name (i, v, mail) VALUES (0,'de Wit','dewit'),(1,'Yilmaz','yilmaz'),
  (2,'Bakker','bakker'),(3,'Jansen','jansen'),(4,'El Amrani','elamrani'),
  (5,'Verhoeven','verhoeven'),(6,'Smit','smit'),(7,'Bouzid','bouzid'),(8,'van Dijk','vandijk'),
  (9,'Mulder','mulder'),(10,'de Graaf','degraaf'),(11,'Kramer','kramer'),(12,'Aydin','aydin'),
  (13,'Visser','visser');

INSERT INTO contacts (area_id, role, name, email)
SELECT d.id, r.role, f.v || ' ' || l.v, lower(f.v) || '.' || l.mail || '@voorbeeld.nl'
FROM added d
CROSS JOIN (SELECT 0 AS k, 'street_manager' AS role
            UNION ALL SELECT 1, 'business_contact_officer'
            UNION ALL SELECT 2, 'district_manager') r
JOIN rnd rf ON rf.n = d.id * 2000 + 1020 + r.k
JOIN rnd rl ON rl.n = d.id * 2000 + 1025 + r.k
JOIN first_name f ON f.i = CAST(rf.u * 16 AS INTEGER)
JOIN last_name l ON l.i = CAST(rl.u * 14 AS INTEGER);

-- Stakeholders: the district's municipality and the area's entrepreneurs' association.
INSERT INTO organisations (name, kind)
SELECT 'Ondernemersvereniging ' || short_name, 'association' FROM added WHERE true
ON CONFLICT (name) DO NOTHING;
INSERT INTO organisations (name, kind)
SELECT DISTINCT 'Gemeente, stadsdeel ' || district, 'municipality' FROM added WHERE true
ON CONFLICT (name) DO NOTHING;
INSERT INTO stakeholders (area_id, organisation_id, role, description)
SELECT d.id, o.id, 'municipality', 'Gebiedsmanager en accounthouder economie'
FROM added d JOIN organisations o ON o.name = 'Gemeente, stadsdeel ' || d.district;
INSERT INTO stakeholders (area_id, organisation_id, role, description)
SELECT d.id, o.id, 'entrepreneurs', 'Vertegenwoordigt de ondernemers'
FROM added d JOIN organisations o ON o.name = 'Ondernemersvereniging ' || d.short_name;

-- Opgaves: 2–4 per area from the demo's templates.
CREATE TEMP TABLE opgave_template (i INTEGER PRIMARY KEY, theme TEXT, title TEXT);
INSERT INTO opgave_template (i, theme, title) VALUES
  (0, 'vacancy', 'Leegstaande panden actief aanbieden aan starters'),
  (1, 'vacancy', 'Transformatie van de aanloopstraat naar wonen onderzoeken'),
  (2, 'vacancy', 'Afspraken met eigenaren over tijdelijke invulling'),
  (3, 'public_space', 'Herinrichting van het plein met meer groen'),
  (4, 'public_space', 'Betere verlichting in de passage'),
  (5, 'public_space', 'Bankjes en speelaanleiding voor langer verblijf'),
  (6, 'branding', 'Gezamenlijk verhaal en logo voor het gebied'),
  (7, 'branding', 'Evenementenkalender met de ondernemers opzetten'),
  (8, 'undermining', 'Signalen van ondermijning bundelen met politie en gemeente'),
  (9, 'undermining', 'Screening bij wisseling van huurders'),
  (10, 'accessibility', 'Fietsparkeren bij de ingangen uitbreiden'),
  (11, 'accessibility', 'Venstertijden voor bevoorrading afspreken'),
  (12, 'sustainability', 'Collectief zonnepanelen op de daken'),
  (13, 'sustainability', 'Gezamenlijke afvalinzameling voor ondernemers'),
  (14, 'organisation', 'Draagvlakmeting voor een BIZ'),
  (15, 'organisation', 'Ondernemersfonds oprichten'),
  (16, 'safety', 'Winkelcriminaliteit samen aanpakken met cameratoezicht'),
  (17, 'sector_mix', 'Branchering: meer dagelijkse boodschappen terug in het centrum');

INSERT INTO opgaves (area_id, title, theme_key, status, owner, due_date)
SELECT d.id, t.title, t.theme,
       CASE CAST(rs.u * 5 AS INTEGER) WHEN 0 THEN 'open' WHEN 1 THEN 'open'
            WHEN 2 THEN 'in_progress' WHEN 3 THEN 'in_progress' ELSE 'done' END,
       CASE CAST(ro.u * 6 AS INTEGER) WHEN 0 THEN 'Ondernemersvereniging' WHEN 1 THEN 'BIZ-bestuur'
            WHEN 2 THEN 'Gemeente, gebiedsmanager' WHEN 3 THEN 'Vastgoedeigenaren'
            WHEN 4 THEN 'Straatmanager' ELSE 'Coördinatiepunt' END,
       printf('%d-%02d-%02d', 2025 + CAST(rd.u * 3 AS INTEGER),
              1 + CAST(rd.u * 36 AS INTEGER) % 12, 1 + CAST(rd.u * 1000 AS INTEGER) % 28)
FROM added d
CROSS JOIN (SELECT 0 AS k UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) o
JOIN rnd rc ON rc.n = d.id * 2000 + 1030          -- how many: 2–4
JOIN rnd rt ON rt.n = d.id * 2000 + 1031          -- first template
JOIN rnd rs ON rs.n = d.id * 2000 + 1040 + o.k     -- status
JOIN rnd ro ON ro.n = d.id * 2000 + 1050 + o.k     -- owner
JOIN rnd rd ON rd.n = d.id * 2000 + 1060 + o.k     -- due date
JOIN opgave_template t ON t.i = (CAST(rt.u * 18 AS INTEGER) + o.k * 5) % 18
WHERE o.k < 2 + CAST(rc.u * 3 AS INTEGER);

-- Stuurwiel: two rounds on the first framework, scores 1–5 that move by at most one.
INSERT INTO stuurwiel_assessments (area_id, framework_id, assessed_on, assessed_by, note)
SELECT d.id, f.id, r.day, 'Coördinatiepunt', r.note
FROM added d
CROSS JOIN (SELECT id FROM stuurwiel_frameworks ORDER BY id LIMIT 1) f
CROSS JOIN (SELECT '2025-06-12' AS day, 'Nulmeting met de stakeholders.' AS note
            UNION ALL SELECT '2026-06-11', 'Tweede ronde, een jaar later.') r;
INSERT INTO stuurwiel_scores (assessment_id, segment_id, score)
SELECT s.id, g.id,
       max(1, min(5, (CASE d.activation WHEN 'energetic' THEN 3 ELSE 2 END)
                     + CAST(r0.u * 2 AS INTEGER)
                     + CASE WHEN s.assessed_on > '2026' THEN CAST(r1.u * 3 AS INTEGER) - 1 ELSE 0 END))
FROM added d
JOIN stuurwiel_assessments s ON s.area_id = d.id
JOIN stuurwiel_segments g ON g.framework_id = s.framework_id
JOIN rnd r0 ON r0.n = d.id * 2000 + 1070 + g.position % 10
JOIN rnd r1 ON r1.n = d.id * 2000 + 1080 + g.position % 10;

-- ---------------------------------------------------------------------------------------
-- 2. Monthly indicator values, 2016-01 … 2025-12, for every area and every indicator.
-- ---------------------------------------------------------------------------------------

-- Months: t = 0 … 119, with a seasonal factor for footfall and the pandemic dip.
CREATE TEMP TABLE month (t INTEGER PRIMARY KEY, period TEXT, season REAL, pandemic REAL);
WITH RECURSIVE m (t) AS (SELECT 0 UNION ALL SELECT t + 1 FROM m WHERE t < 119)
INSERT INTO month (t, period, season, pandemic)
SELECT t, printf('%04d-%02d', 2016 + t / 12, t % 12 + 1),
       CASE t % 12 WHEN 0 THEN 0.88 WHEN 1 THEN 0.90 WHEN 2 THEN 0.96 WHEN 3 THEN 1.00
                   WHEN 4 THEN 1.02 WHEN 5 THEN 1.00 WHEN 6 THEN 0.95 WHEN 7 THEN 0.95
                   WHEN 8 THEN 1.00 WHEN 9 THEN 1.02 WHEN 10 THEN 1.06 ELSE 1.20 END,
       CASE WHEN t BETWEEN 50 AND 52 THEN 0.55   -- 2020-03 … 05: first lockdown
            WHEN t BETWEEN 53 AND 57 THEN 0.82   -- summer 2020
            WHEN t BETWEEN 58 AND 65 THEN 0.65   -- 2020-11 … 2021-06: shops closed or by appointment
            WHEN t BETWEEN 66 AND 71 THEN 0.88   -- rest of 2021
            WHEN t = 72 THEN 0.80                -- 2022-01
            ELSE 1.0 END
FROM m;

-- Per-area parameters, by phase and type as in the demo (app/src/demo.rs).
CREATE TEMP TABLE area_param AS
SELECT a.id, a.area_type,
       CASE a.phase WHEN 'decline' THEN 8.0 + 4 * p0.u WHEN 'build_up' THEN 8.0 + 3 * p0.u
                    WHEN 'expansion' THEN 5.0 + 3 * p0.u ELSE 3.5 + 3 * p0.u END AS vacancy_2020,
       CASE a.phase WHEN 'decline' THEN 0.4 + 0.6 * p1.u WHEN 'build_up' THEN -0.6 + 0.5 * p1.u
                    WHEN 'expansion' THEN -0.7 + 0.4 * p1.u ELSE -0.2 + 0.4 * p1.u END AS vacancy_drift,
       0.8 + 0.5 * p2.u AS floor_factor,
       0.35 + 0.25 * p3.u AS long_term_factor,
       CASE a.area_type WHEN 'city_centre' THEN 340 + 50 * p4.u WHEN 'district_centre' THEN 95 + 75 * p4.u
                        WHEN 'neighbourhood_centre' THEN 25 + 30 * p4.u ELSE 45 + 65 * p4.u END AS outlets_2020,
       CASE a.area_type WHEN 'city_centre' THEN 24000 + 6000 * p5.u WHEN 'district_centre' THEN 8000 + 8000 * p5.u
                        WHEN 'neighbourhood_centre' THEN 3000 + 2500 * p5.u ELSE 3500 + 7500 * p5.u END AS footfall_2020,
       CASE a.phase WHEN 'decline' THEN -0.04 WHEN 'expansion' THEN 0.04
                    WHEN 'build_up' THEN 0.01 ELSE 0.0 END AS footfall_trend,
       6.4 + 1.2 * p6.u AS rating_2020,
       (p7.u - 0.4) * 0.06 AS rating_drift,
       CASE a.area_type WHEN 'neighbourhood_centre' THEN 40.0 ELSE 22.0 END + 8 * p8.u - 4 AS daily,
       CASE a.area_type WHEN 'city_centre' THEN 28.0 ELSE 10.0 END + 6 * p9.u - 3 AS fashion,
       6 + 5 * p10.u AS leisure,
       14 + 12 * p11.u AS food_drink,
       14 + 8 * p12.u AS services,
       20 + 40 * p13.u AS chain,
       p14.u AS generic
FROM areas a
JOIN rnd p0 ON p0.n = a.id * 2000 + 1000   JOIN rnd p1 ON p1.n = a.id * 2000 + 1001
JOIN rnd p2 ON p2.n = a.id * 2000 + 1002   JOIN rnd p3 ON p3.n = a.id * 2000 + 1003
JOIN rnd p4 ON p4.n = a.id * 2000 + 1004   JOIN rnd p5 ON p5.n = a.id * 2000 + 1005
JOIN rnd p6 ON p6.n = a.id * 2000 + 1006   JOIN rnd p7 ON p7.n = a.id * 2000 + 1007
JOIN rnd p8 ON p8.n = a.id * 2000 + 1008   JOIN rnd p9 ON p9.n = a.id * 2000 + 1009
JOIN rnd p10 ON p10.n = a.id * 2000 + 1010 JOIN rnd p11 ON p11.n = a.id * 2000 + 1011
JOIN rnd p12 ON p12.n = a.id * 2000 + 1012 JOIN rnd p13 ON p13.n = a.id * 2000 + 1013
JOIN rnd p14 ON p14.n = a.id * 2000 + 1014;

-- One row per area and month with every figure; years = years since 2020-01 (negative before).
CREATE TEMP TABLE frame AS
WITH base AS (
    SELECT p.*, m.t, m.period, m.season, (m.t - 48) / 12.0 AS years,
           -- Neighbourhood centres are mostly groceries, which stayed open in the lockdowns.
           CASE p.area_type WHEN 'neighbourhood_centre' THEN 1 - (1 - m.pandemic) * 0.4
                            ELSE m.pandemic END AS pandemic,
           n0.u AS n0, n1.u AS n1, n2.u AS n2, n3.u AS n3, n4.u AS n4, n5.u AS n5,
           n6.u AS n6, n7.u AS n7
    FROM area_param p CROSS JOIN month m
    JOIN rnd n0 ON n0.n = p.id * 2000 + m.t * 8     JOIN rnd n1 ON n1.n = p.id * 2000 + m.t * 8 + 1
    JOIN rnd n2 ON n2.n = p.id * 2000 + m.t * 8 + 2 JOIN rnd n3 ON n3.n = p.id * 2000 + m.t * 8 + 3
    JOIN rnd n4 ON n4.n = p.id * 2000 + m.t * 8 + 4 JOIN rnd n5 ON n5.n = p.id * 2000 + m.t * 8 + 5
    JOIN rnd n6 ON n6.n = p.id * 2000 + m.t * 8 + 6 JOIN rnd n7 ON n7.n = p.id * 2000 + m.t * 8 + 7
), level AS (
    SELECT b.*,
           max(1.5, min(22.0, vacancy_2020 + vacancy_drift * years + (n0 - 0.5) * 0.6)) AS vacancy,
           daily * (0.97 + 0.06 * n5) AS r_daily,
           fashion * (0.97 + 0.06 * n6) AS r_fashion,
           leisure * (0.97 + 0.06 * n7) AS r_leisure,
           food_drink + 0.5 * (years + 4) AS r_food_drink,
           services * (0.97 + 0.06 * n1) AS r_services
    FROM base b
)
SELECT id AS area_id, t, period, generic, n0, n1, vacancy,
       min(30.0, vacancy * floor_factor) AS vacancy_floor,
       vacancy * (long_term_factor + (n1 - 0.5) * 0.04) AS vacancy_long_term,
       max(20, min(400, round(outlets_2020 * (1 + 0.01 * years * CASE WHEN vacancy_drift > 0 THEN -1 ELSE 1 END))
                        + CASE WHEN n2 < 0.15 THEN -1 WHEN n2 > 0.85 THEN 1 ELSE 0 END)) AS outlets,
       max(2000, min(40000, round(footfall_2020 * season * pandemic * (1 + footfall_trend * years)
                                  * (0.96 + 0.08 * n3) / 10) * 10)) AS footfall,
       max(5.5, min(8.5, rating_2020 + (rating_drift - 0.05 * vacancy_drift) * years + (n4 - 0.5) * 0.3)) AS rating,
       -- Sector shares of the occupied outlets add up, with vacancy, to 100%.
       r_daily      / (r_daily + r_fashion + r_leisure + r_food_drink + r_services) * (100 - vacancy) AS share_daily,
       r_fashion    / (r_daily + r_fashion + r_leisure + r_food_drink + r_services) * (100 - vacancy) AS share_fashion,
       r_leisure    / (r_daily + r_fashion + r_leisure + r_food_drink + r_services) * (100 - vacancy) AS share_leisure,
       r_food_drink / (r_daily + r_fashion + r_leisure + r_food_drink + r_services) * (100 - vacancy) AS share_food_drink,
       r_services   / (r_daily + r_fashion + r_leisure + r_food_drink + r_services) * (100 - vacancy) AS share_services,
       chain + (n7 - 0.5) * 2 AS chain_share
FROM level;

DELETE FROM indicator_values;

-- Every indicator_definitions row gets values: the known keys their own figure, any other
-- key (a definition added after this file was written) a plausible one for its unit.
INSERT INTO indicator_values (area_id, indicator_key, period, value, source)
SELECT f.area_id, d.key, f.period,
       round(CASE d.key
               WHEN 'vacancy_outlets'   THEN f.vacancy
               WHEN 'vacancy_floor'     THEN f.vacancy_floor
               WHEN 'vacancy_long_term' THEN f.vacancy_long_term
               WHEN 'outlets'           THEN f.outlets
               WHEN 'footfall'          THEN f.footfall
               WHEN 'rating'            THEN f.rating
               WHEN 'share_daily'       THEN f.share_daily
               WHEN 'share_fashion'     THEN f.share_fashion
               WHEN 'share_leisure'     THEN f.share_leisure
               WHEN 'share_food_drink'  THEN f.share_food_drink
               WHEN 'share_services'    THEN f.share_services
               WHEN 'chain_share'       THEN f.chain_share
               ELSE CASE d.unit
                      WHEN '%'       THEN 2 + 25 * f.generic + f.n0
                      WHEN 'aantal'  THEN 20 + 370 * f.generic + 10 * f.n0
                      WHEN 'per dag' THEN 2000 + 36000 * f.generic + 2000 * f.n0
                      WHEN 'cijfer'  THEN 5.5 + 2.8 * f.generic + 0.2 * f.n0
                      WHEN 'm²'      THEN 500 + 20000 * f.generic + 200 * f.n0
                      ELSE 100 * f.generic * (0.95 + 0.05 * f.n0)
                    END
             END, d.decimals),
       'Benchmark'
FROM frame f CROSS JOIN indicator_definitions d
ORDER BY f.period, f.area_id, d.key;  -- as monthly imports would arrive

DROP TABLE frame;
DROP TABLE area_param;
DROP TABLE month;
DROP TABLE added;
DROP TABLE new_area;
DROP TABLE district_centre;
DROP TABLE first_name;
DROP TABLE last_name;
DROP TABLE opgave_template;
DROP TABLE rnd;

COMMIT;

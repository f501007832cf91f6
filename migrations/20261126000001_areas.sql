-- Areas (kerngebieden) and everything an area profile holds.
-- Codes are stored in English snake_case; the Dutch labels live in the app.

CREATE TABLE themes (
    key         TEXT PRIMARY KEY CHECK (key GLOB '[a-z]*' AND key NOT GLOB '*[^a-z_]*'),
    label       TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    position    INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE areas (
    id          INTEGER PRIMARY KEY,
    slug        TEXT NOT NULL UNIQUE
                CHECK (length(slug) BETWEEN 2 AND 80 AND slug NOT GLOB '*[^a-z0-9-]*'),
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    district    TEXT NOT NULL,
    area_type   TEXT NOT NULL CHECK (area_type IN
                ('city_centre', 'district_centre', 'neighbourhood_centre', 'shopping_street')),
    story       TEXT NOT NULL DEFAULT '',   -- markdown
    ambition    TEXT NOT NULL DEFAULT '',
    phase       TEXT NOT NULL CHECK (phase IN ('decline', 'build_up', 'expansion', 'stable')),
    activation  TEXT NOT NULL CHECK (activation IN ('energetic', 'needs_activation')),
    latitude    REAL CHECK (latitude IS NULL OR latitude BETWEEN -90 AND 90),
    longitude   REAL CHECK (longitude IS NULL OR longitude BETWEEN -180 AND 180),
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX areas_district ON areas (district);

-- Organisations that take part in one or more areas (BIZ, fund, association, owner, ...).
CREATE TABLE organisations (
    id      INTEGER PRIMARY KEY,
    name    TEXT NOT NULL UNIQUE,
    kind    TEXT NOT NULL CHECK (kind IN
            ('biz', 'entrepreneurs_fund', 'association', 'property_owner',
             'municipality', 'residents', 'other')),
    website TEXT
);

-- An organisation's role in one area; a BIZ or fund also has a term and a budget.
CREATE TABLE stakeholders (
    id              INTEGER PRIMARY KEY,
    area_id         INTEGER NOT NULL REFERENCES areas (id) ON DELETE CASCADE,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    role            TEXT NOT NULL CHECK (role IN
                    ('entrepreneurs', 'property', 'municipality', 'residents', 'other')),
    description     TEXT NOT NULL DEFAULT '',
    term_start      TEXT CHECK (term_start IS NULL OR date(term_start) = term_start),
    term_end        TEXT CHECK (term_end IS NULL OR date(term_end) = term_end),
    annual_budget_eur INTEGER CHECK (annual_budget_eur IS NULL OR annual_budget_eur >= 0),
    UNIQUE (area_id, organisation_id, role)
);

-- The people an area's stakeholders turn to.
CREATE TABLE contacts (
    id      INTEGER PRIMARY KEY,
    area_id INTEGER NOT NULL REFERENCES areas (id) ON DELETE CASCADE,
    role    TEXT NOT NULL CHECK (role IN
            ('street_manager', 'business_contact_officer', 'district_manager')),
    name    TEXT NOT NULL,
    email   TEXT,
    phone   TEXT
);
CREATE INDEX contacts_area ON contacts (area_id);

CREATE TABLE opgaves (
    id          INTEGER PRIMARY KEY,
    area_id     INTEGER NOT NULL REFERENCES areas (id) ON DELETE CASCADE,
    title       TEXT NOT NULL CHECK (length(trim(title)) > 0),
    description TEXT NOT NULL DEFAULT '',
    theme_key   TEXT NOT NULL REFERENCES themes (key),
    status      TEXT NOT NULL CHECK (status IN ('open', 'in_progress', 'done')),
    owner       TEXT NOT NULL DEFAULT '',
    due_date    TEXT CHECK (due_date IS NULL OR date(due_date) = due_date),
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX opgaves_area ON opgaves (area_id);
CREATE INDEX opgaves_theme ON opgaves (theme_key);

CREATE TABLE indicator_definitions (
    key         TEXT PRIMARY KEY CHECK (key NOT GLOB '*[^a-z0-9_]*'),
    label       TEXT NOT NULL,
    unit        TEXT NOT NULL,           -- '%', 'aantal', 'per dag', 'cijfer', 'm²'
    direction   TEXT NOT NULL CHECK (direction IN
                ('lower_is_better', 'higher_is_better', 'neutral')),
    decimals    INTEGER NOT NULL DEFAULT 0 CHECK (decimals BETWEEN 0 AND 3),
    is_key      INTEGER NOT NULL DEFAULT 0 CHECK (is_key IN (0, 1)), -- shown in lists
    position    INTEGER NOT NULL DEFAULT 0,
    description TEXT NOT NULL DEFAULT ''
);

-- One measurement. Period is a year ('2024') or a month ('2024-06').
CREATE TABLE indicator_values (
    id            INTEGER PRIMARY KEY,
    area_id       INTEGER NOT NULL REFERENCES areas (id) ON DELETE CASCADE,
    indicator_key TEXT NOT NULL REFERENCES indicator_definitions (key),
    period        TEXT NOT NULL CHECK (
                    period GLOB '[12][0-9][0-9][0-9]'
                    OR period GLOB '[12][0-9][0-9][0-9]-[01][0-9]'),
    value         REAL NOT NULL,
    source        TEXT NOT NULL DEFAULT '',
    UNIQUE (area_id, indicator_key, period)
);
CREATE INDEX indicator_values_key_period ON indicator_values (indicator_key, period);

-- The stuurwiel is data: coordinators edit frameworks and segments, code names none of them.
CREATE TABLE stuurwiel_frameworks (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    description TEXT NOT NULL DEFAULT '',
    scale_min   INTEGER NOT NULL DEFAULT 1,
    scale_max   INTEGER NOT NULL DEFAULT 5 CHECK (scale_max > scale_min),
    is_active   INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1))
);

CREATE TABLE stuurwiel_segments (
    id           INTEGER PRIMARY KEY,
    framework_id INTEGER NOT NULL REFERENCES stuurwiel_frameworks (id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    description  TEXT NOT NULL DEFAULT '',
    position     INTEGER NOT NULL DEFAULT 0,
    UNIQUE (framework_id, name)
);

-- One assessment round of one area on one framework.
CREATE TABLE stuurwiel_assessments (
    id           INTEGER PRIMARY KEY,
    area_id      INTEGER NOT NULL REFERENCES areas (id) ON DELETE CASCADE,
    framework_id INTEGER NOT NULL REFERENCES stuurwiel_frameworks (id),
    assessed_on  TEXT NOT NULL CHECK (date(assessed_on) = assessed_on),
    assessed_by  TEXT NOT NULL DEFAULT '',
    note         TEXT NOT NULL DEFAULT '',
    UNIQUE (area_id, framework_id, assessed_on)
);

CREATE TABLE stuurwiel_scores (
    assessment_id INTEGER NOT NULL REFERENCES stuurwiel_assessments (id) ON DELETE CASCADE,
    segment_id    INTEGER NOT NULL REFERENCES stuurwiel_segments (id) ON DELETE CASCADE,
    score         INTEGER NOT NULL,
    note          TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (assessment_id, segment_id)
);

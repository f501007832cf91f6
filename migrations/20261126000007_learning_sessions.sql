-- Stedelijk leren: sessions (thematic sessions, intervision, workshops) and sign-ups with a
-- waiting list. ("sessions" is taken by login sessions, hence learning_sessions.)

CREATE TABLE learning_sessions (
    id              INTEGER PRIMARY KEY,
    slug            TEXT NOT NULL UNIQUE
                    CHECK (length(slug) BETWEEN 2 AND 100 AND slug NOT GLOB '*[^a-z0-9-]*'),
    kind            TEXT NOT NULL CHECK (kind IN ('thematic', 'intervision', 'workshop')),
    title           TEXT NOT NULL CHECK (length(trim(title)) > 0),
    description     TEXT NOT NULL DEFAULT '',                  -- markdown
    audience        TEXT NOT NULL DEFAULT '',                  -- who it is for
    case_area_id    INTEGER REFERENCES areas (id) ON DELETE SET NULL,
    case_question   TEXT NOT NULL DEFAULT '',
    -- Wall-clock time in Europe/Amsterdam, 'YYYY-MM-DDTHH:MM'.
    starts_at       TEXT NOT NULL CHECK (starts_at GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]'),
    ends_at         TEXT NOT NULL CHECK (ends_at > starts_at),
    online          INTEGER NOT NULL CHECK (online IN (0, 1)),
    meeting_url     TEXT,                                      -- only for confirmed attendees
    address         TEXT NOT NULL DEFAULT '',
    capacity        INTEGER NOT NULL CHECK (capacity > 0),
    signup_deadline TEXT NOT NULL,                             -- same format as starts_at
    facilitator     TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL CHECK (status IN ('draft', 'published', 'cancelled')),
    sequence        INTEGER NOT NULL DEFAULT 0,                -- raised on changes (iCalendar)
    updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX learning_sessions_start ON learning_sessions (starts_at);

CREATE TABLE learning_session_themes (
    session_id INTEGER NOT NULL REFERENCES learning_sessions (id) ON DELETE CASCADE,
    theme_key  TEXT NOT NULL REFERENCES themes (key),
    PRIMARY KEY (session_id, theme_key)
) WITHOUT ROWID;

-- One person's sign-up. Only a hash of the personal link's token is stored.
-- `queue` orders the waiting list (the order of signing up).
CREATE TABLE registrations (
    id           INTEGER PRIMARY KEY,
    session_id   INTEGER NOT NULL REFERENCES learning_sessions (id) ON DELETE CASCADE,
    token_hash   TEXT NOT NULL UNIQUE,
    name         TEXT NOT NULL,
    email        TEXT NOT NULL COLLATE NOCASE,
    organisation TEXT NOT NULL DEFAULT '',
    role         TEXT NOT NULL CHECK (role IN ('entrepreneur', 'property', 'municipality',
                 'street_manager', 'business_contact_officer', 'district_manager', 'resident', 'other')),
    area_id      INTEGER REFERENCES areas (id) ON DELETE SET NULL,
    question     TEXT NOT NULL DEFAULT '',
    consent_at   TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('confirmed', 'waiting', 'cancelled')),
    queue        INTEGER NOT NULL,
    created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    cancelled_at TEXT
);
CREATE INDEX registrations_session ON registrations (session_id, status, queue);
-- One active registration per email per session.
CREATE UNIQUE INDEX registrations_one_per_email
    ON registrations (session_id, email) WHERE status <> 'cancelled';

-- Accounts, server-side sessions, login throttling, audit log and text revisions.

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (email LIKE '%_@_%'),
    name          TEXT NOT NULL CHECK (length(trim(name)) > 0),
    role          TEXT NOT NULL CHECK (role IN ('admin', 'coordinator', 'area_editor')),
    password_hash TEXT,            -- argon2id PHC string; NULL until the user sets one
    active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

-- Which areas an area editor may edit.
CREATE TABLE user_areas (
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    area_id INTEGER NOT NULL REFERENCES areas (id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, area_id)
);

-- Server-side sessions. Only a hash of the cookie's token is stored, so a copy of the
-- database does not hand out logged-in sessions.
CREATE TABLE sessions (
    token_hash  TEXT PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at  INTEGER NOT NULL,  -- unix seconds
    last_seen   INTEGER NOT NULL,
    user_agent  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions (user_id);

-- One-time links to set a password (new accounts, resets).
CREATE TABLE password_tokens (
    token_hash TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    expires_at INTEGER NOT NULL
);

-- Failed logins, for rate limiting per IP address and per account.
CREATE TABLE login_failures (
    id         INTEGER PRIMARY KEY,
    email      TEXT NOT NULL COLLATE NOCASE,
    ip         TEXT NOT NULL,
    at         INTEGER NOT NULL
);
CREATE INDEX login_failures_email ON login_failures (email, at);
CREATE INDEX login_failures_ip ON login_failures (ip, at);

-- Every create, update and delete: who, when, what, before and after (JSON).
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER REFERENCES users (id) ON DELETE SET NULL,
    user_name   TEXT NOT NULL,      -- kept when the account is gone
    at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    action      TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete', 'restore')),
    entity      TEXT NOT NULL,      -- e.g. 'area', 'opgave'
    entity_id   INTEGER NOT NULL,
    before_json TEXT,
    after_json  TEXT
);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);

-- Versions of long texts (an area's story, later library items and session reports).
CREATE TABLE revisions (
    id         INTEGER PRIMARY KEY,
    entity     TEXT NOT NULL,
    entity_id  INTEGER NOT NULL,
    field      TEXT NOT NULL,
    version    INTEGER NOT NULL,
    body       TEXT NOT NULL,
    user_id    INTEGER REFERENCES users (id) ON DELETE SET NULL,
    user_name  TEXT NOT NULL,
    at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    UNIQUE (entity, entity_id, field, version)
);

-- Optimistic concurrency: an edit names the version it started from.
ALTER TABLE areas ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

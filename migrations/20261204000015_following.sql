-- Follow by mail, without an account: an area, a theme, or all new sessions. Nothing is
-- sent before the address confirmed (double opt-in). News is recorded as it happens (by
-- triggers, so no code path can forget it) and mailed at once or in a weekly digest.

-- One person, by address. Their links (manage, unsubscribe) are derived from `id` and
-- `link_generation` with a keyed hash (see `following::links`), so no link is stored and
-- every mail can carry one; raising the generation makes all earlier links invalid.
CREATE TABLE followers (
    id              INTEGER PRIMARY KEY,
    email           TEXT NOT NULL UNIQUE COLLATE NOCASE,
    link_generation INTEGER NOT NULL DEFAULT 0,
    created_at      INTEGER NOT NULL   -- unix seconds
);

CREATE TABLE follows (
    id           INTEGER PRIMARY KEY,
    follower_id  INTEGER NOT NULL REFERENCES followers (id) ON DELETE CASCADE,
    subject      TEXT NOT NULL CHECK (subject IN ('area', 'theme', 'sessions')),
    area_id      INTEGER REFERENCES areas (id) ON DELETE CASCADE,
    theme_key    TEXT REFERENCES themes (key) ON DELETE CASCADE,
    frequency    TEXT NOT NULL CHECK (frequency IN ('instant', 'weekly')),
    -- The hash of the confirmation link's token, until it is used.
    confirm_hash TEXT UNIQUE,
    confirmed_at INTEGER,              -- unix seconds; NULL: nothing is sent
    created_at   INTEGER NOT NULL,     -- unix seconds
    ip           TEXT,                 -- for the per-IP limit only; emptied after a day
    CHECK ((subject = 'area') = (area_id IS NOT NULL)),
    CHECK ((subject = 'theme') = (theme_key IS NOT NULL))
);
CREATE UNIQUE INDEX follows_one_per_subject
    ON follows (follower_id, subject, ifnull(area_id, 0), ifnull(theme_key, ''));
CREATE INDEX follows_subject ON follows (subject, area_id, theme_key) WHERE confirmed_at IS NOT NULL;
CREATE INDEX follows_unconfirmed ON follows (created_at) WHERE confirmed_at IS NULL;
CREATE INDEX follows_ip ON follows (ip, created_at) WHERE ip IS NOT NULL;

-- Keys the server makes links with; made here, once, from SQLite's random source.
CREATE TABLE site_secrets (
    name  TEXT PRIMARY KEY,
    value BLOB NOT NULL
) WITHOUT ROWID;
INSERT INTO site_secrets (name, value) VALUES ('follow_links', randomblob(32));

-- What happened, for the mails. `title`, `detail` and `path` are what the mail says and
-- links to, as they were at that moment.
CREATE TABLE news (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('session_new', 'session_changed', 'opgave_status',
                'library_item', 'figures', 'update', 'proposal')),
    area_id     INTEGER REFERENCES areas (id) ON DELETE CASCADE,
    session_id  INTEGER REFERENCES learning_sessions (id) ON DELETE CASCADE,
    item_id     INTEGER REFERENCES library_items (id) ON DELETE CASCADE,
    title       TEXT NOT NULL,
    detail      TEXT NOT NULL DEFAULT '',
    path        TEXT NOT NULL,
    occurred_at INTEGER NOT NULL,      -- unix seconds
    mailed_at   INTEGER                -- when the instant followers were mailed
);
CREATE INDEX news_occurred ON news (occurred_at);
CREATE INDEX news_unmailed ON news (occurred_at) WHERE mailed_at IS NULL;

-- Who a piece of news concerns, in the terms of `follows`.
CREATE VIEW news_subjects AS
    SELECT id AS news_id, 'sessions' AS subject, NULL AS area_id, NULL AS theme_key
    FROM news WHERE kind = 'session_new'
    UNION ALL
    SELECT id, 'area', area_id, NULL FROM news WHERE area_id IS NOT NULL
    UNION ALL
    SELECT n.id, 'theme', NULL, x.theme_key
    FROM news n JOIN learning_session_themes x ON x.session_id = n.session_id
    UNION ALL
    SELECT n.id, 'theme', NULL, x.theme_key
    FROM news n JOIN library_item_themes x ON x.item_id = n.item_id
    UNION ALL
    SELECT n.id, 'area', x.area_id, NULL
    FROM news n JOIN library_item_areas x ON x.item_id = n.item_id;

-- The weeks whose digest was written to the outbox (once each).
CREATE TABLE digest_runs (
    week_start INTEGER PRIMARY KEY,    -- unix seconds of that Monday 08:00 in Amsterdam
    built_at   INTEGER NOT NULL,
    mails      INTEGER NOT NULL
);

CREATE TRIGGER news_session_inserted AFTER INSERT ON learning_sessions
WHEN NEW.status = 'published' BEGIN
    INSERT INTO news (kind, area_id, session_id, title, path, occurred_at)
    VALUES ('session_new', NEW.case_area_id, NEW.id, NEW.title, '/sessies/' || NEW.slug, unixepoch());
END;

CREATE TRIGGER news_session_published AFTER UPDATE OF status ON learning_sessions
WHEN OLD.status = 'draft' AND NEW.status = 'published' BEGIN
    INSERT INTO news (kind, area_id, session_id, title, path, occurred_at)
    VALUES ('session_new', NEW.case_area_id, NEW.id, NEW.title, '/sessies/' || NEW.slug, unixepoch());
END;

-- Time, place or cancellation: every such change raises the calendar sequence.
CREATE TRIGGER news_session_changed AFTER UPDATE OF sequence ON learning_sessions
WHEN NEW.sequence > OLD.sequence AND OLD.status <> 'draft' AND NEW.status <> 'draft' BEGIN
    INSERT INTO news (kind, area_id, session_id, title, detail, path, occurred_at)
    VALUES ('session_changed', NEW.case_area_id, NEW.id, NEW.title,
            CASE WHEN NEW.status = 'cancelled' THEN 'cancelled' ELSE 'changed' END,
            '/sessies/' || NEW.slug, unixepoch());
END;

CREATE TRIGGER news_opgave_status AFTER UPDATE OF status ON opgaves
WHEN NEW.status <> OLD.status BEGIN
    INSERT INTO news (kind, area_id, title, detail, path, occurred_at)
    SELECT 'opgave_status', a.id, NEW.title, NEW.status, '/gebieden/' || a.slug, unixepoch()
    FROM areas a WHERE a.id = NEW.area_id AND a.archived_at IS NULL;
END;

CREATE TRIGGER news_library_item AFTER INSERT ON library_items BEGIN
    INSERT INTO news (kind, item_id, title, path, occurred_at)
    VALUES ('library_item', NEW.id, NEW.title, '/kennisbank/' || NEW.slug, unixepoch());
END;

-- Mail goes out per address: the limits count an address's recent mails.
CREATE INDEX mail_outbox_recipient ON mail_outbox (recipient, created_at);
-- RFC 8058 one-click unsubscribe: the URL for the List-Unsubscribe header, if any.
ALTER TABLE mail_outbox ADD COLUMN list_unsubscribe TEXT;

-- The knowledge library (kennisbank): items, their themes, stuurwiel segments and areas,
-- attachments, theme dossiers, stuurwiel learning paths, and a full-text index.

CREATE TABLE library_items (
    id                  INTEGER PRIMARY KEY,
    slug                TEXT NOT NULL UNIQUE
                        CHECK (length(slug) BETWEEN 2 AND 100 AND slug NOT GLOB '*[^a-z0-9-]*'),
    kind                TEXT NOT NULL CHECK (kind IN ('article', 'instrument', 'practice',
                        'research', 'session_report', 'recording', 'regulation')),
    title               TEXT NOT NULL CHECK (length(trim(title)) BETWEEN 1 AND 200),
    summary             TEXT NOT NULL CHECK (length(trim(summary)) BETWEEN 1 AND 300),
    body                TEXT NOT NULL DEFAULT '',          -- markdown
    source_organisation TEXT NOT NULL DEFAULT '',
    author              TEXT NOT NULL DEFAULT '',
    published_on        TEXT CHECK (published_on IS NULL OR date(published_on) = published_on),
    external_url        TEXT,
    reviewed            INTEGER NOT NULL DEFAULT 0 CHECK (reviewed IN (0, 1)),
    last_checked        TEXT CHECK (last_checked IS NULL OR date(last_checked) = last_checked),
    version             INTEGER NOT NULL DEFAULT 1,
    created_at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX library_items_kind ON library_items (kind, published_on);
CREATE INDEX library_items_published ON library_items (published_on);

CREATE TABLE library_item_themes (
    item_id   INTEGER NOT NULL REFERENCES library_items (id) ON DELETE CASCADE,
    theme_key TEXT NOT NULL REFERENCES themes (key),
    PRIMARY KEY (item_id, theme_key)
) WITHOUT ROWID;
CREATE INDEX library_item_themes_theme ON library_item_themes (theme_key);

-- `position` is the suggested reading order within a segment's learning path.
CREATE TABLE library_item_segments (
    item_id    INTEGER NOT NULL REFERENCES library_items (id) ON DELETE CASCADE,
    segment_id INTEGER NOT NULL REFERENCES stuurwiel_segments (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (item_id, segment_id)
) WITHOUT ROWID;
CREATE INDEX library_item_segments_segment ON library_item_segments (segment_id, position);

CREATE TABLE library_item_areas (
    item_id INTEGER NOT NULL REFERENCES library_items (id) ON DELETE CASCADE,
    area_id INTEGER NOT NULL REFERENCES areas (id) ON DELETE CASCADE,
    PRIMARY KEY (item_id, area_id)
) WITHOUT ROWID;
CREATE INDEX library_item_areas_area ON library_item_areas (area_id);

-- Files live on disk beside the database under their content hash; this is what we know.
CREATE TABLE library_attachments (
    id           INTEGER PRIMARY KEY,
    item_id      INTEGER NOT NULL REFERENCES library_items (id) ON DELETE CASCADE,
    display_name TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('pdf', 'png', 'jpeg', 'gif', 'webp')),
    size_bytes   INTEGER NOT NULL CHECK (size_bytes > 0),
    sha256       TEXT NOT NULL CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
    alt_text     TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX library_attachments_item ON library_attachments (item_id);

-- A curated page per theme: an intro and the key items in a chosen order.
CREATE TABLE theme_dossiers (
    theme_key  TEXT PRIMARY KEY REFERENCES themes (key),
    intro      TEXT NOT NULL DEFAULT '',                   -- markdown
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE TABLE theme_dossier_items (
    theme_key TEXT NOT NULL REFERENCES themes (key),
    item_id   INTEGER NOT NULL REFERENCES library_items (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    PRIMARY KEY (theme_key, item_id)
) WITHOUT ROWID;

-- What a stuurwiel segment is about, for its learning path page.
CREATE TABLE segment_guides (
    segment_id INTEGER PRIMARY KEY REFERENCES stuurwiel_segments (id) ON DELETE CASCADE,
    intro      TEXT NOT NULL DEFAULT ''                    -- markdown
);

-- Full-text index over title, summary and body. Diacritics are folded (ë finds e and
-- back); the triggers keep it in step with every insert, update and delete.
CREATE VIRTUAL TABLE library_fts USING fts5(
    title, summary, body,
    content = 'library_items', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER library_items_fts_insert AFTER INSERT ON library_items BEGIN
    INSERT INTO library_fts (rowid, title, summary, body)
    VALUES (NEW.id, NEW.title, NEW.summary, NEW.body);
END;

CREATE TRIGGER library_items_fts_delete AFTER DELETE ON library_items BEGIN
    INSERT INTO library_fts (library_fts, rowid, title, summary, body)
    VALUES ('delete', OLD.id, OLD.title, OLD.summary, OLD.body);
END;

CREATE TRIGGER library_items_fts_update AFTER UPDATE OF title, summary, body ON library_items BEGIN
    INSERT INTO library_fts (library_fts, rowid, title, summary, body)
    VALUES ('delete', OLD.id, OLD.title, OLD.summary, OLD.body);
    INSERT INTO library_fts (rowid, title, summary, body)
    VALUES (NEW.id, NEW.title, NEW.summary, NEW.body);
END;

-- A counter that every change to items or their links raises: the server keeps the items'
-- facets in memory and rebuilds them when this number moved.
CREATE TABLE library_generation (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n  INTEGER NOT NULL
);
INSERT INTO library_generation (id, n) VALUES (1, 0);
CREATE TRIGGER library_items_generation_insert AFTER INSERT ON library_items BEGIN
    UPDATE library_generation SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER library_items_generation_update AFTER UPDATE ON library_items BEGIN
    UPDATE library_generation SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER library_items_generation_delete AFTER DELETE ON library_items BEGIN
    UPDATE library_generation SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER library_item_themes_generation_insert AFTER INSERT ON library_item_themes BEGIN
    UPDATE library_generation SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER library_item_themes_generation_update AFTER UPDATE ON library_item_themes BEGIN
    UPDATE library_generation SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER library_item_themes_generation_delete AFTER DELETE ON library_item_themes BEGIN
    UPDATE library_generation SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER library_item_segments_generation_insert AFTER INSERT ON library_item_segments BEGIN
    UPDATE library_generation SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER library_item_segments_generation_update AFTER UPDATE ON library_item_segments BEGIN
    UPDATE library_generation SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER library_item_segments_generation_delete AFTER DELETE ON library_item_segments BEGIN
    UPDATE library_generation SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER library_item_areas_generation_insert AFTER INSERT ON library_item_areas BEGIN
    UPDATE library_generation SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER library_item_areas_generation_update AFTER UPDATE ON library_item_areas BEGIN
    UPDATE library_generation SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER library_item_areas_generation_delete AFTER DELETE ON library_item_areas BEGIN
    UPDATE library_generation SET n = n + 1 WHERE id = 1;
END;

-- Monitoring that explains: peer-group medians, when opgaves started and ended, opgaves tied
-- to the indicators they should move, and the settings of the open data.

-- The median of every indicator per period per area type, over the live areas that have a
-- value. Kept in sync by triggers, like indicator_city_averages, so a profile reads a few
-- rows. The median of n sorted values is the mean of positions (n+1)/2 and (n+2)/2
-- (integer division): the middle one for odd n, the two middle ones for even n.
CREATE TABLE indicator_peer_medians (
    indicator_key TEXT NOT NULL,
    period        TEXT NOT NULL,
    area_type     TEXT NOT NULL,
    value         REAL NOT NULL,
    areas         INTEGER NOT NULL,
    PRIMARY KEY (indicator_key, period, area_type)
) WITHOUT ROWID;

INSERT INTO indicator_peer_medians (indicator_key, period, area_type, value, areas)
SELECT indicator_key, period, area_type, avg(value), max(n) FROM (
    SELECT v.indicator_key, v.period, a.area_type, v.value,
           row_number() OVER (PARTITION BY v.indicator_key, v.period, a.area_type ORDER BY v.value) AS position,
           count(*) OVER (PARTITION BY v.indicator_key, v.period, a.area_type) AS n
    FROM indicator_values v JOIN areas a ON a.id = v.area_id AND a.archived_at IS NULL
) WHERE position IN ((n + 1) / 2, (n + 2) / 2)
GROUP BY indicator_key, period, area_type;

-- When figures last changed, for the open data catalogue's "modified".
CREATE TABLE data_changes (
    name       TEXT PRIMARY KEY,
    changed_at TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO data_changes (name, changed_at)
VALUES ('indicator_values', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));

-- One (indicator, period): every area type's median again. Written out per trigger (SQLite
-- has no procedures); each reads only that (indicator, period) through its index.
CREATE TRIGGER indicator_values_peer_insert AFTER INSERT ON indicator_values BEGIN
    DELETE FROM indicator_peer_medians
    WHERE indicator_key = NEW.indicator_key AND period = NEW.period;
    INSERT INTO indicator_peer_medians (indicator_key, period, area_type, value, areas)
    SELECT NEW.indicator_key, NEW.period, area_type, avg(value), max(n) FROM (
        SELECT a.area_type, v.value,
               row_number() OVER (PARTITION BY a.area_type ORDER BY v.value) AS position,
               count(*) OVER (PARTITION BY a.area_type) AS n
        FROM indicator_values v JOIN areas a ON a.id = v.area_id AND a.archived_at IS NULL
        WHERE v.indicator_key = NEW.indicator_key AND v.period = NEW.period
    ) WHERE position IN ((n + 1) / 2, (n + 2) / 2)
    GROUP BY area_type;
    UPDATE data_changes SET changed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
    WHERE name = 'indicator_values';
END;

CREATE TRIGGER indicator_values_peer_update AFTER UPDATE ON indicator_values BEGIN
    DELETE FROM indicator_peer_medians
    WHERE (indicator_key = OLD.indicator_key AND period = OLD.period)
       OR (indicator_key = NEW.indicator_key AND period = NEW.period);
    INSERT INTO indicator_peer_medians (indicator_key, period, area_type, value, areas)
    SELECT indicator_key, period, area_type, avg(value), max(n) FROM (
        SELECT v.indicator_key, v.period, a.area_type, v.value,
               row_number() OVER (PARTITION BY v.indicator_key, v.period, a.area_type ORDER BY v.value) AS position,
               count(*) OVER (PARTITION BY v.indicator_key, v.period, a.area_type) AS n
        FROM indicator_values v JOIN areas a ON a.id = v.area_id AND a.archived_at IS NULL
        WHERE (v.indicator_key = OLD.indicator_key AND v.period = OLD.period)
           OR (v.indicator_key = NEW.indicator_key AND v.period = NEW.period)
    ) WHERE position IN ((n + 1) / 2, (n + 2) / 2)
    GROUP BY indicator_key, period, area_type;
    UPDATE data_changes SET changed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
    WHERE name = 'indicator_values';
END;

CREATE TRIGGER indicator_values_peer_delete AFTER DELETE ON indicator_values BEGIN
    DELETE FROM indicator_peer_medians
    WHERE indicator_key = OLD.indicator_key AND period = OLD.period;
    INSERT INTO indicator_peer_medians (indicator_key, period, area_type, value, areas)
    SELECT OLD.indicator_key, OLD.period, area_type, avg(value), max(n) FROM (
        SELECT a.area_type, v.value,
               row_number() OVER (PARTITION BY a.area_type ORDER BY v.value) AS position,
               count(*) OVER (PARTITION BY a.area_type) AS n
        FROM indicator_values v JOIN areas a ON a.id = v.area_id AND a.archived_at IS NULL
        WHERE v.indicator_key = OLD.indicator_key AND v.period = OLD.period
    ) WHERE position IN ((n + 1) / 2, (n + 2) / 2)
    GROUP BY area_type;
    UPDATE data_changes SET changed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
    WHERE name = 'indicator_values';
END;

-- An area that changes type, is archived or comes back moves the medians of every
-- (indicator, period) it has a value in.
CREATE TRIGGER areas_peer_medians AFTER UPDATE OF area_type, archived_at ON areas
WHEN OLD.area_type IS NOT NEW.area_type OR OLD.archived_at IS NOT NEW.archived_at BEGIN
    DELETE FROM indicator_peer_medians
    WHERE EXISTS (SELECT 1 FROM indicator_values o WHERE o.area_id = NEW.id
                  AND o.indicator_key = indicator_peer_medians.indicator_key
                  AND o.period = indicator_peer_medians.period);
    INSERT INTO indicator_peer_medians (indicator_key, period, area_type, value, areas)
    SELECT indicator_key, period, area_type, avg(value), max(n) FROM (
        SELECT v.indicator_key, v.period, a.area_type, v.value,
               row_number() OVER (PARTITION BY v.indicator_key, v.period, a.area_type ORDER BY v.value) AS position,
               count(*) OVER (PARTITION BY v.indicator_key, v.period, a.area_type) AS n
        FROM indicator_values o
        JOIN indicator_values v ON v.indicator_key = o.indicator_key AND v.period = o.period
        JOIN areas a ON a.id = v.area_id AND a.archived_at IS NULL
        WHERE o.area_id = NEW.id
    ) WHERE position IN ((n + 1) / 2, (n + 2) / 2)
    GROUP BY indicator_key, period, area_type;
    UPDATE data_changes SET changed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
    WHERE name = 'indicator_values';
END;

-- When an opgave started (first in progress) and ended (done). Set by the triggers below;
-- a coordinator can correct them. Existing opgaves get their best guess.
ALTER TABLE opgaves ADD COLUMN started_on TEXT
    CHECK (started_on IS NULL OR date(started_on) = started_on);
ALTER TABLE opgaves ADD COLUMN finished_on TEXT
    CHECK (finished_on IS NULL OR date(finished_on) = finished_on);
UPDATE opgaves SET started_on = date(created_at) WHERE status IN ('in_progress', 'done');
UPDATE opgaves SET finished_on = date(updated_at) WHERE status = 'done';

CREATE TRIGGER opgaves_started_on_insert AFTER INSERT ON opgaves
WHEN NEW.status <> 'open' AND NEW.started_on IS NULL BEGIN
    UPDATE opgaves SET started_on = date(NEW.created_at),
        finished_on = CASE WHEN NEW.status = 'done' THEN coalesce(NEW.finished_on, date(NEW.created_at)) END
    WHERE id = NEW.id;
END;

CREATE TRIGGER opgaves_lifecycle AFTER UPDATE OF status ON opgaves
WHEN OLD.status IS NOT NEW.status BEGIN
    UPDATE opgaves SET
        started_on = CASE WHEN NEW.status <> 'open' THEN coalesce(NEW.started_on, date('now'))
                          ELSE NEW.started_on END,
        finished_on = CASE WHEN NEW.status = 'done' THEN coalesce(NEW.finished_on, date('now')) END
    WHERE id = NEW.id;
END;

-- An opgave meant to move an indicator of its area: which way, and optionally to what value
-- by when.
CREATE TABLE opgave_indicators (
    opgave_id     INTEGER NOT NULL REFERENCES opgaves (id) ON DELETE CASCADE,
    indicator_key TEXT NOT NULL REFERENCES indicator_definitions (key),
    intended      TEXT NOT NULL CHECK (intended IN ('decrease', 'increase')),
    target_value  REAL,
    target_date   TEXT CHECK (target_date IS NULL OR date(target_date) = target_date),
    PRIMARY KEY (opgave_id, indicator_key)
) WITHOUT ROWID;
CREATE INDEX opgave_indicators_key ON opgave_indicators (indicator_key);

-- What /open-data says about the data; coordinators edit it under /beheer/open-data.
CREATE TABLE open_data_settings (
    id               INTEGER PRIMARY KEY CHECK (id = 1),
    publisher        TEXT NOT NULL,
    contact_email    TEXT NOT NULL,
    licence_name     TEXT NOT NULL,
    licence_url      TEXT NOT NULL,
    update_frequency TEXT NOT NULL CHECK (update_frequency IN
                     ('monthly', 'quarterly', 'annual', 'irregular')),
    version          INTEGER NOT NULL DEFAULT 1
);
INSERT INTO open_data_settings
    (id, publisher, contact_email, licence_name, licence_url, update_frequency)
VALUES (1, 'Gemeente', '', 'CC BY 4.0', 'https://creativecommons.org/licenses/by/4.0/deed.nl', 'quarterly');

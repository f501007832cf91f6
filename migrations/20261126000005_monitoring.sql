-- Monitoring: the coordinator's activation log and staged CSV imports of indicator values.

-- A meeting or contact moment with an area's stakeholders. Never shown publicly.
CREATE TABLE activation_moments (
    id          INTEGER PRIMARY KEY,
    area_id     INTEGER NOT NULL REFERENCES areas (id) ON DELETE CASCADE,
    held_on     TEXT NOT NULL CHECK (date(held_on) = held_on),
    kind        TEXT NOT NULL CHECK (kind IN
                ('meeting', 'call', 'visit', 'email', 'event')),
    summary     TEXT NOT NULL CHECK (length(trim(summary)) > 0),
    created_by  TEXT NOT NULL,
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX activation_moments_area ON activation_moments (area_id, held_on);

-- Which of the area's stakeholders (organisation in a role) took part.
CREATE TABLE activation_participants (
    moment_id      INTEGER NOT NULL REFERENCES activation_moments (id) ON DELETE CASCADE,
    stakeholder_id INTEGER NOT NULL REFERENCES stakeholders (id) ON DELETE CASCADE,
    PRIMARY KEY (moment_id, stakeholder_id)
);

-- What was agreed; an action can be turned into an opgave once.
CREATE TABLE activation_actions (
    id          INTEGER PRIMARY KEY,
    moment_id   INTEGER NOT NULL REFERENCES activation_moments (id) ON DELETE CASCADE,
    description TEXT NOT NULL CHECK (length(trim(description)) > 0),
    owner       TEXT NOT NULL DEFAULT '',
    due_date    TEXT CHECK (due_date IS NULL OR date(due_date) = due_date),
    opgave_id   INTEGER REFERENCES opgaves (id) ON DELETE SET NULL
);
CREATE INDEX activation_actions_moment ON activation_actions (moment_id);

-- An uploaded CSV waiting for the coordinator to look at the preview and confirm.
-- Kept as bytes so the preview and the import validate exactly the same file.
CREATE TABLE indicator_imports (
    token       TEXT PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    file_name   TEXT NOT NULL,
    content     BLOB NOT NULL,
    created_at  INTEGER NOT NULL,            -- unix seconds; stale uploads are removed
    imported_at INTEGER
);

-- The city average of every indicator per period, over the areas that have a value for it.
-- Kept in sync by triggers so a profile page reads a few rows instead of averaging them all.
CREATE TABLE indicator_city_averages (
    indicator_key TEXT NOT NULL,
    period        TEXT NOT NULL,
    value         REAL NOT NULL,
    areas         INTEGER NOT NULL,
    PRIMARY KEY (indicator_key, period)
) WITHOUT ROWID;

INSERT INTO indicator_city_averages (indicator_key, period, value, areas)
SELECT indicator_key, period, avg(value), count(*) FROM indicator_values
GROUP BY indicator_key, period;

CREATE TRIGGER indicator_values_average_insert AFTER INSERT ON indicator_values BEGIN
    INSERT OR REPLACE INTO indicator_city_averages (indicator_key, period, value, areas)
    SELECT NEW.indicator_key, NEW.period, avg(value), count(*) FROM indicator_values
    WHERE indicator_key = NEW.indicator_key AND period = NEW.period;
END;

CREATE TRIGGER indicator_values_average_update AFTER UPDATE ON indicator_values BEGIN
    DELETE FROM indicator_city_averages
    WHERE indicator_key = OLD.indicator_key AND period = OLD.period;
    INSERT INTO indicator_city_averages (indicator_key, period, value, areas)
    SELECT indicator_key, period, avg(value), count(*) FROM indicator_values
    WHERE (indicator_key = OLD.indicator_key AND period = OLD.period)
       OR (indicator_key = NEW.indicator_key AND period = NEW.period)
    GROUP BY indicator_key, period
    ON CONFLICT (indicator_key, period) DO UPDATE SET value = excluded.value, areas = excluded.areas;
END;

CREATE TRIGGER indicator_values_average_delete AFTER DELETE ON indicator_values BEGIN
    DELETE FROM indicator_city_averages
    WHERE indicator_key = OLD.indicator_key AND period = OLD.period;
    INSERT INTO indicator_city_averages (indicator_key, period, value, areas)
    SELECT indicator_key, period, avg(value), count(*) FROM indicator_values
    WHERE indicator_key = OLD.indicator_key AND period = OLD.period
    GROUP BY indicator_key, period;
END;

-- Everything a new city sets up in the browser: districts, archiving and renaming areas,
-- organisations with their term and budget, editable indicator definitions and themes.

-- Districts (stadsdelen) are data. Areas keep the district's name (as before), and a
-- rename updates them in the same transaction, so existing queries and exports stay simple.
CREATE TABLE districts (
    id       INTEGER PRIMARY KEY,
    name     TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),
    position INTEGER NOT NULL DEFAULT 0
);
INSERT INTO districts (name, position)
SELECT district, row_number() OVER (ORDER BY district) FROM (SELECT DISTINCT district FROM areas);

-- Archived areas leave the public list, map, monitor and averages, but keep their data.
ALTER TABLE areas ADD COLUMN archived_at TEXT;

-- A renamed slug keeps the old address working (a permanent redirect).
CREATE TABLE area_slug_redirects (
    old_slug TEXT PRIMARY KEY,
    area_id  INTEGER NOT NULL REFERENCES areas (id) ON DELETE CASCADE
);

-- A BIZ or fund has one term and budget, whatever areas it works in.
ALTER TABLE organisations ADD COLUMN term_start TEXT
    CHECK (term_start IS NULL OR date(term_start) = term_start);
ALTER TABLE organisations ADD COLUMN term_end TEXT
    CHECK (term_end IS NULL OR date(term_end) = term_end);
ALTER TABLE organisations ADD COLUMN annual_budget_eur INTEGER
    CHECK (annual_budget_eur IS NULL OR annual_budget_eur >= 0);
ALTER TABLE organisations ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
UPDATE organisations SET
    term_start = (SELECT max(s.term_start) FROM stakeholders s WHERE s.organisation_id = organisations.id),
    term_end = (SELECT max(s.term_end) FROM stakeholders s WHERE s.organisation_id = organisations.id),
    annual_budget_eur = (SELECT max(s.annual_budget_eur) FROM stakeholders s WHERE s.organisation_id = organisations.id);

-- Indicator definitions are edited by coordinators; retired ones keep their values.
ALTER TABLE indicator_definitions ADD COLUMN period_kind TEXT NOT NULL DEFAULT 'year'
    CHECK (period_kind IN ('year', 'month'));
ALTER TABLE indicator_definitions ADD COLUMN default_source TEXT NOT NULL DEFAULT '';
ALTER TABLE indicator_definitions ADD COLUMN on_profile INTEGER NOT NULL DEFAULT 1
    CHECK (on_profile IN (0, 1));
ALTER TABLE indicator_definitions ADD COLUMN retired_at TEXT;
ALTER TABLE indicator_definitions ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
UPDATE indicator_definitions SET period_kind = 'month' WHERE key = 'footfall';

-- Themes: the key stays stable; retired themes stay on old items but are not offered.
ALTER TABLE themes ADD COLUMN retired_at TEXT;

-- Staged CSV uploads are indicator values or new areas (areas::bulk).
ALTER TABLE indicator_imports ADD COLUMN kind TEXT NOT NULL DEFAULT 'indicators'
    CHECK (kind IN ('indicators', 'areas'));

-- Activation moments can be corrected.
ALTER TABLE activation_moments ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

-- City averages count only areas that are not archived.
DROP TRIGGER indicator_values_average_insert;
DROP TRIGGER indicator_values_average_update;
DROP TRIGGER indicator_values_average_delete;

-- The live areas' average of one (indicator, period), written out in each trigger so
-- SQLite reads only that (indicator, period) through indicator_values_key_period.
CREATE TRIGGER indicator_values_average_insert AFTER INSERT ON indicator_values BEGIN
    DELETE FROM indicator_city_averages
    WHERE indicator_key = NEW.indicator_key AND period = NEW.period;
    INSERT INTO indicator_city_averages (indicator_key, period, value, areas)
    SELECT v.indicator_key, v.period, avg(v.value), count(*)
    FROM indicator_values v JOIN areas a ON a.id = v.area_id AND a.archived_at IS NULL
    WHERE v.indicator_key = NEW.indicator_key AND v.period = NEW.period
    GROUP BY v.indicator_key, v.period;
END;

CREATE TRIGGER indicator_values_average_update AFTER UPDATE ON indicator_values BEGIN
    DELETE FROM indicator_city_averages
    WHERE (indicator_key = OLD.indicator_key AND period = OLD.period)
       OR (indicator_key = NEW.indicator_key AND period = NEW.period);
    INSERT INTO indicator_city_averages (indicator_key, period, value, areas)
    SELECT v.indicator_key, v.period, avg(v.value), count(*)
    FROM indicator_values v JOIN areas a ON a.id = v.area_id AND a.archived_at IS NULL
    WHERE (v.indicator_key = OLD.indicator_key AND v.period = OLD.period)
       OR (v.indicator_key = NEW.indicator_key AND v.period = NEW.period)
    GROUP BY v.indicator_key, v.period;
END;

CREATE TRIGGER indicator_values_average_delete AFTER DELETE ON indicator_values BEGIN
    DELETE FROM indicator_city_averages
    WHERE indicator_key = OLD.indicator_key AND period = OLD.period;
    INSERT INTO indicator_city_averages (indicator_key, period, value, areas)
    SELECT v.indicator_key, v.period, avg(v.value), count(*)
    FROM indicator_values v JOIN areas a ON a.id = v.area_id AND a.archived_at IS NULL
    WHERE v.indicator_key = OLD.indicator_key AND v.period = OLD.period
    GROUP BY v.indicator_key, v.period;
END;

-- Archiving or restoring an area changes every average it has a value in.
CREATE TRIGGER areas_archive_averages AFTER UPDATE OF archived_at ON areas
WHEN OLD.archived_at IS NOT NEW.archived_at BEGIN
    DELETE FROM indicator_city_averages
    WHERE EXISTS (SELECT 1 FROM indicator_values o WHERE o.area_id = NEW.id
                  AND o.indicator_key = indicator_city_averages.indicator_key
                  AND o.period = indicator_city_averages.period);
    INSERT INTO indicator_city_averages (indicator_key, period, value, areas)
    SELECT v.indicator_key, v.period, avg(v.value), count(*)
    FROM indicator_values o
    JOIN indicator_values v ON v.indicator_key = o.indicator_key AND v.period = o.period
    JOIN areas a ON a.id = v.area_id AND a.archived_at IS NULL
    WHERE o.area_id = NEW.id
    GROUP BY v.indicator_key, v.period;
END;

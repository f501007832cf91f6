-- A counter that every change to the figures raises (values; the areas' type and
-- archiving, which move city averages and peer medians; which indicators are key). A server process keeps the series
-- it read for a profile until the counter moves, so a profile need not read and format
-- ten years of values on every request; being in the database, it is right for every
-- process on that database.
ALTER TABLE data_changes ADD COLUMN generation INTEGER NOT NULL DEFAULT 0;

CREATE TRIGGER figures_generation_insert AFTER INSERT ON indicator_values BEGIN
    UPDATE data_changes SET generation = generation + 1 WHERE name = 'indicator_values';
END;
CREATE TRIGGER figures_generation_update AFTER UPDATE ON indicator_values BEGIN
    UPDATE data_changes SET generation = generation + 1 WHERE name = 'indicator_values';
END;
CREATE TRIGGER figures_generation_delete AFTER DELETE ON indicator_values BEGIN
    UPDATE data_changes SET generation = generation + 1 WHERE name = 'indicator_values';
END;
CREATE TRIGGER figures_generation_areas AFTER UPDATE OF area_type, archived_at ON areas BEGIN
    UPDATE data_changes SET generation = generation + 1 WHERE name = 'indicator_values';
END;
CREATE TRIGGER figures_generation_areas_delete AFTER DELETE ON areas BEGIN
    UPDATE data_changes SET generation = generation + 1 WHERE name = 'indicator_values';
END;

-- Which indicators are key decides which sparklines the monitor shows.
CREATE TRIGGER figures_generation_definitions AFTER UPDATE OF is_key, retired_at ON indicator_definitions BEGIN
    UPDATE data_changes SET generation = generation + 1 WHERE name = 'indicator_values';
END;

-- Tells databases apart inside one process (the tests open many).
INSERT INTO site_secrets (name, value) VALUES ('database_id', randomblob(16));

-- The latest key values per area are kept under the figures generation in the indicators'
-- display order, so moving an indicator raises the generation too.
DROP TRIGGER figures_generation_definitions;
CREATE TRIGGER figures_generation_definitions
AFTER UPDATE OF is_key, retired_at, position ON indicator_definitions BEGIN
    UPDATE data_changes SET generation = generation + 1 WHERE name = 'indicator_values';
END;

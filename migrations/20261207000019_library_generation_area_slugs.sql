-- The library's in-memory index (facets and the texts hits show) holds the slugs of the
-- areas items are about; renaming an area's slug must rebuild it like any library change.
CREATE TRIGGER library_generation_area_slug AFTER UPDATE OF slug ON areas BEGIN
    UPDATE library_generation SET n = n + 1 WHERE id = 1;
END;

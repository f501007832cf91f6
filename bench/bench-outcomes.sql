-- For bench/pages.sh, after bench-data.sql, on a database that has opgaves tied to outcomes
-- (migration 13): Lindenplein's opgaves all started in 2019 and are tied to vacancy and
-- footfall, half of them done in 2022, so its profile draws peer lines and milestones.
.bail on
BEGIN IMMEDIATE;
UPDATE opgaves SET started_on = '2019-03-01',
    status = CASE WHEN id % 2 = 0 THEN 'done' ELSE 'in_progress' END,
    finished_on = CASE WHEN id % 2 = 0 THEN '2022-06-30' END
WHERE area_id = (SELECT id FROM areas WHERE slug = 'lindenplein');
INSERT OR IGNORE INTO opgave_indicators (opgave_id, indicator_key, intended, target_value)
SELECT o.id, k.key, k.intended, k.target FROM opgaves o
JOIN (SELECT 'vacancy_outlets' AS key, 'decrease' AS intended, 5.0 AS target
      UNION ALL SELECT 'footfall', 'increase', NULL) k
WHERE o.area_id = (SELECT id FROM areas WHERE slug = 'lindenplein');
COMMIT;

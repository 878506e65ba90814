-- T2-02: approved places of institutions operating on 31 Dec Y, per 1000 year-end residents (all ages).
-- Contributions: one row per institution (numerator) and one per population cell (denominator).
WITH places AS (
    SELECT year, district AS district_code, concat('institution:', institution_code) AS unit_key,
           CAST(approved_places AS DECIMAL(20, 0)) AS numerator, CAST(0 AS DECIMAL(20, 0)) AS denominator
    FROM childcare_institutions
    WHERE institution_status = '正常运营'
),
residents AS (
    SELECT year, district AS district_code, concat('population:', district, ':', sex, ':', age) AS unit_key,
           CAST(0 AS DECIMAL(20, 0)) AS numerator, CAST(persons AS DECIMAL(20, 0)) AS denominator
    FROM population
)
SELECT * FROM places
UNION ALL
SELECT * FROM residents
